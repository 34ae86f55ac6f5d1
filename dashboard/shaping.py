"""Pure data shaping for the pages: filter/selection state to SQL parameters, small tables.

No streamlit import here, so all of it is testable with plain pandas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

NO_CHAPTER = "(no ICD-10 chapter)"

# Selection parameter names in the topic charts (charts.py) and what each narrows by.
HEATMAP_SELECTION = "cell"
HEATMAP_NUMBER_SELECTION = "cell_number"  # a click on the number drawn in a cell
HEATMAP_SELECTIONS = (HEATMAP_SELECTION, HEATMAP_NUMBER_SELECTION)
DISEASE_SELECTION = "disease"
CHAPTER_SELECTION = "chapter"


@dataclass(frozen=True)
class Term:
    value: str
    label: str
    colour: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """The warehouse's vocabulary table (source types, signal kinds, claim contexts, ...):
    values in display order, with the labels and colours the pages and charts show."""

    lists: Mapping[str, tuple[Term, ...]]

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> Vocabulary:
        """From the rows of vocabulary.sql (ordered by vocabulary and position)."""
        lists: dict[str, list[Term]] = {}
        for r in frame.to_dict("records"):
            colour = None if missing(r.get("colour")) else str(r["colour"])
            description = "" if missing(r.get("description")) else str(r["description"])
            lists.setdefault(str(r["vocabulary"]), []).append(
                Term(str(r["value"]), str(r["label"]), colour, description))
        return cls({k: tuple(v) for k, v in lists.items()})

    def values(self, name: str) -> list[str]:
        return [t.value for t in self.lists.get(name, ())]

    def labels(self, name: str) -> dict[str, str]:
        return {t.value: t.label for t in self.lists.get(name, ())}

    def label(self, name: str, value: str) -> str:
        """The label of ``value``, or the value itself when the vocabulary does not know it."""
        return self.labels(name).get(value, value)

    def description(self, name: str, value: str) -> str:
        """What ``value`` means (for a legal basis: the provision in plain words); "" when unknown."""
        return next((t.description for t in self.lists.get(name, ()) if t.value == value), "")

    def colours(self, name: str) -> dict[str, str]:
        return {t.value: t.colour for t in self.lists.get(name, ()) if t.colour}

    def order(self, name: str, present: Iterable[str]) -> list[str]:
        """``present`` in the vocabulary's order, unknown values at the end."""
        present = list(dict.fromkeys(present))
        known = self.values(name)
        return [v for v in known if v in present] + sorted(v for v in present if v not in known)


@dataclass(frozen=True)
class ArticleScope:
    """The article filters every analysis page shares; empty tuples mean 'all'."""

    source_types: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_undated: bool = True

    def scope_params(self) -> dict[str, Any]:
        """SQL parameters of the article filters; the ``all_*`` flags let DuckDB skip a filter
        that restricts nothing."""
        return {
            "source_types": list(self.source_types),
            "sites": list(self.sites),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "include_undated": self.include_undated,
            "all_source_types": not self.source_types,
            "all_sites": not self.sites,
            "all_dates": self.date_from is None and self.date_to is None and self.include_undated,
        }


@dataclass(frozen=True)
class TopicFilters(ArticleScope):
    """The filter widgets of the topic page; empty tuples mean 'all'."""

    mention_types: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.source_types or self.sites or self.mention_types or self.contexts
                    or self.date_from or self.date_to or not self.include_undated)

    def params(self) -> dict[str, Any]:
        return {
            **self.scope_params(),
            "mention_types": list(self.mention_types),
            "contexts": list(self.contexts),
            "all_mention_types": not self.mention_types,
            "all_contexts": not self.contexts,
        }


@dataclass(frozen=True)
class ClaimFilters(ArticleScope):
    """The filters of the claims page: the article scope, and whether claims the page only
    reports (宣传, 声称 ...) and red flags in the page chrome count too."""

    include_reported: bool = False
    include_chrome: bool = False


@dataclass(frozen=True)
class Focus:
    """What the user clicked in the topic charts. Each chart is narrowed by the others' clicks."""

    cells: tuple[tuple[str, str], ...] = ()  # (concept_id, source_type) from the heatmap
    concepts: tuple[str, ...] = ()  # from the top-diseases bars
    chapters: tuple[str, ...] = ()  # from the ICD-10 chapter bars
    labels: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def active(self) -> bool:
        return bool(self.cells or self.concepts or self.chapters)

    def params(self) -> dict[str, list[str]]:
        """SQL parameters of topic_sentences.sql (a cell is ``concept_id@source_type``)."""
        return {
            "cells": [f"{c}@{s}" for c, s in self.cells],
            "concepts": list(self.concepts),
            "chapters": list(self.chapters),
        }

    def describe(self) -> list[str]:
        name = self.labels.get
        out = [f"{name(c, c)} × {s}" for c, s in self.cells]
        out += [name(c, c) for c in self.concepts]
        out += list(self.chapters)
        return out


def topic_views(grain: pd.DataFrame, focus: Focus, contexts: Iterable[str], top_n: int = 20,
                top_diseases: int = 15) -> dict[str, Any]:
    """The topic charts from the disease x source type grain (queries: topic_grain.sql).

    ``contexts``: the claim contexts (vocabulary claim_contexts), each a column of the grain.

    Crossfilter: each chart is narrowed by the other charts' selections, never by its own.
    Article counts are sums over source types, which is exact because an article has one
    source type; chapters show mentions and distinct diseases (articles would double count
    an article that mentions two diseases of a chapter).

    The grain is a few hundred rows, so the sums are plain Python over its rows: pandas'
    group-bys cost a few milliseconds each on frames this small (see _rows).
    """
    contexts = [c for c in contexts if c in grain.columns]
    rows = _rows(grain, ["concept_id", "canonical_name", "source_type", "icd10_chapter", "articles", "mentions",
                         *contexts])
    cells, concepts, chapters_in = set(focus.cells), set(focus.concepts), set(focus.chapters)
    flagged = []  # (row, in the selected cells, of the selected diseases, of the selected chapters)
    for r in rows:
        chapter = NO_CHAPTER if missing(r[3]) else r[3]
        r = (*r[:3], chapter, *r[4:])
        flagged.append((r, not cells or (r[0], r[2]) in cells, not concepts or r[0] in concepts,
                        not chapters_in or chapter in chapters_in))

    heat = [r for r, _, in_concept, in_chapter in flagged if in_concept and in_chapter]
    totals: dict[str, int] = {}
    for r in heat:
        totals[r[0]] = totals.get(r[0], 0) + r[5]
    rank = {c: i for i, c in enumerate(sorted(totals, key=lambda c: (-totals[c], c))[:top_n])}
    heatmap = sorted((r for r in heat if r[0] in rank), key=lambda r: (rank[r[0]], _ascending(r[2])))
    heatmap_frame = pd.DataFrame(
        [(r[0], r[1], r[2], r[4], r[5], totals[r[0]]) for r in heatmap],
        columns=["concept_id", "canonical_name", "source_type", "articles", "mentions", "disease_mentions"])

    sums = ["articles", "mentions", *contexts]
    per_disease: dict[str, list[Any]] = {}  # concept -> [name, chapter, *sums]
    for r, in_cell, _, in_chapter in flagged:
        if in_cell and in_chapter:
            entry = per_disease.get(r[0])
            if entry is None:
                per_disease[r[0]] = [r[1], r[3], *r[4:]]
            else:
                if missing(entry[0]):
                    entry[0] = r[1]
                for i, v in enumerate(r[4:], start=2):
                    entry[i] += v
    diseases = sorted(per_disease.items(), key=lambda kv: (-kv[1][2], -kv[1][3], kv[0]))[:top_diseases]
    diseases_frame = pd.DataFrame([(c, *entry) for c, entry in diseases],
                                  columns=["concept_id", "canonical_name", "icd10_chapter", *sums])

    per_chapter: dict[str, tuple[int, set[str]]] = {}
    for r, in_cell, in_concept, _ in flagged:
        if in_cell and in_concept:
            mentions, names = per_chapter.get(r[3], (0, set()))
            names.add(r[0])
            per_chapter[r[3]] = (mentions + r[5], names)
    chapters_frame = pd.DataFrame(
        sorted(((ch, m, len(names)) for ch, (m, names) in per_chapter.items()), key=lambda t: (-t[1], t[0])),
        columns=["icd10_chapter", "mentions", "diseases"])

    narrowed = [r for r, in_cell, in_concept, in_chapter in flagged if in_cell and in_concept and in_chapter]
    by_source: dict[str, list[int]] = {}
    for r in narrowed:
        acc = by_source.setdefault(r[2], [0] * len(contexts))
        for i, v in enumerate(r[6:]):
            acc[i] += v
    contexts_frame = pd.DataFrame(
        sorted(((s, c, acc[i]) for s, acc in by_source.items() for i, c in enumerate(contexts) if acc[i] > 0),
               key=lambda t: (t[0], t[1])),
        columns=["source_type", "context", "mentions"])

    return {
        "heatmap": heatmap_frame,
        "diseases": diseases_frame,
        "chapters": chapters_frame,
        "contexts": contexts_frame,
        "total": int(sum(r[5] for r in narrowed)),
    }


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple[Any, ...]]:
    """The rows of ``columns`` as tuples of Python values (NULL as NaN or None).

    The pages' small frames (a few hundred rows) are shaped in plain Python: on frames this
    size, each pandas group-by, merge or sort costs milliseconds (pandas 3 string columns),
    which added 50-60 ms to the topic and claims pages at 100,000 articles."""
    return list(zip(*(frame[c].tolist() for c in columns), strict=True)) if len(frame) else []


def _ascending(v: Any) -> tuple[bool, Any]:
    """A sort key that puts NULL last, as pandas' sort_values does."""
    return (True, "") if missing(v) else (False, v)


def selection_points(event: Any, param: str) -> list[dict[str, Any]]:
    """The points of one selection parameter from a ``st.altair_chart(on_select=...)`` result."""
    if not event:
        return []
    selection = event.get("selection", {}) if isinstance(event, Mapping) else getattr(event, "selection", {})
    points = selection.get(param) if isinstance(selection, Mapping) else getattr(selection, param, None)
    if isinstance(points, Mapping):  # an interval or empty selection comes as a dict
        return []
    return [p for p in (points or []) if isinstance(p, Mapping)]


def focus_from_events(heatmap: Any, diseases: Any, chapters: Any, labels: Mapping[str, str] | None = None) -> Focus:
    cells = tuple(
        (str(p["concept_id"]), str(p["source_type"]))
        for param in HEATMAP_SELECTIONS
        for p in selection_points(heatmap, param)
        if "concept_id" in p and "source_type" in p
    )
    concepts = tuple(str(p["concept_id"]) for p in selection_points(diseases, DISEASE_SELECTION) if "concept_id" in p)
    chaps = tuple(str(p["icd10_chapter"]) for p in selection_points(chapters, CHAPTER_SELECTION) if "icd10_chapter" in p)
    return Focus(cells=_unique(cells), concepts=_unique(concepts), chapters=_unique(chaps), labels=dict(labels or {}))


def _unique(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))


def context_long(diseases: pd.DataFrame, contexts: Iterable[str]) -> pd.DataFrame:
    """Top-disease rows to one row per (disease, context) for a stacked bar."""
    cols = [c for c in contexts if c in diseases.columns]
    if diseases.empty:
        return pd.DataFrame(columns=["concept_id", "canonical_name", "articles", "context", "mentions"])
    ids = ["concept_id", "canonical_name", "articles"]
    long = diseases[[*ids, *cols]].melt(id_vars=ids, value_vars=cols, var_name="context", value_name="mentions")
    return long[long["mentions"] > 0].reset_index(drop=True)


def counts_row(counts: pd.DataFrame) -> dict[str, int]:
    if counts.empty:
        return {}
    return {k: int(v) for k, v in counts.iloc[0].items()}


def _ts(v: Any) -> dt.datetime | None:
    if missing(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    return v


def fmt_ts(v: Any) -> str:
    t = _ts(v)
    return "—" if t is None else t.strftime("%Y-%m-%d %H:%M:%S UTC")


def missing(v: Any) -> bool:
    """None, NaN, NaT or pd.NA: how a NULL comes back from DuckDB through pandas."""
    return v is None or (not isinstance(v, (str, list, tuple)) and bool(pd.isna(v)))


def article_label(row: Mapping[str, Any]) -> str:
    title = row.get("title")
    site = row.get("site_name")
    date = row.get("published_date")
    title = "(untitled)" if missing(title) or not title else title
    site = "unknown site" if missing(site) or not site else site
    when = "undated" if missing(date) else str(pd.Timestamp(date).date())
    return f"{title} — {site} — {when}"


def dictionary_by_table(dictionary: pd.DataFrame) -> dict[tuple[str, str, str], pd.DataFrame]:
    """(kind, table, comment) -> its columns, in catalog order."""
    out: dict[tuple[str, str, str], pd.DataFrame] = {}
    for (kind, name), grp in dictionary.groupby(["kind", "table_name"], sort=False):
        comment = grp["table_comment"].iloc[0]
        out[(kind, name, "" if comment is None or pd.isna(comment) else str(comment))] = (
            grp[["column_name", "data_type", "column_comment"]].reset_index(drop=True)
        )
    return out


# -- claims and red flags ------------------------------------------------------------------------


def claims_summary(stance: pd.DataFrame, flags: pd.DataFrame, credibility: pd.DataFrame) -> dict[str, str]:
    """The headline figures of the claims page, from the frames its charts draw (claims and
    asserted ones count every disease, not only those charted)."""
    claims = int(stance["all_claims"].iloc[0]) if not stance.empty else 0
    asserted = int(stance["all_asserted"].iloc[0]) if not stance.empty else 0
    hits = int(flags["hits"].sum()) if not flags.empty else 0
    scored = int(credibility["articles"].sum()) if not credibility.empty else 0
    mean = (float((credibility["jama_total"] * credibility["articles"]).sum()) / scored) if scored else None
    return {
        "Claims": f"{claims:,}",
        "Asserted": f"{asserted:,}",
        "Red-flag hits": f"{hits:,}",
        "Mean JAMA score (0-4)": "—" if mean is None else f"{mean:.1f}",
    }


def stance_views(grain: pd.DataFrame, top_n: int) -> dict[str, pd.DataFrame]:
    """The stance chart's rows and the disease choices of the drill-down, from the claims grain
    (claims_stance.sql: one row per disease x source type x voice x stance).

    ``stance``: the rows of the ``top_n`` diseases with the most claims (ties by concept id),
    each with ``disease_claims``, and ``all_claims`` / ``all_asserted`` over every disease.
    ``diseases``: every disease with claims as drill-down options (kind, value, name, n)."""
    columns = ["concept_id", "canonical_name", "source_type", "voice", "stance", "claims", "disease_claims",
               "all_claims", "all_asserted"]
    if grain.empty:
        return {"stance": pd.DataFrame(columns=columns),
                "diseases": pd.DataFrame(columns=["kind", "value", "name", "n"])}
    rows = _rows(grain, ["concept_id", "canonical_name", "source_type", "voice", "stance", "claims"])
    per = _options((r[0], r[1], r[5]) for r in rows)
    top = dict(per[:top_n])
    all_claims = sum(r[5] for r in rows)
    all_asserted = sum(r[5] for r in rows if r[4] == "asserted")
    kept = sorted((r for r in rows if r[0] in top),
                  key=lambda r: (-top[r[0]][1], r[0], _ascending(r[2]), _ascending(r[3]), _ascending(r[4])))
    stance = pd.DataFrame([(*r[:6], top[r[0]][1], all_claims, all_asserted) for r in kept], columns=columns)
    return {"stance": stance, "diseases": _options_frame(per, "disease")}


def basis_options(flags: pd.DataFrame) -> pd.DataFrame:
    """The legal bases of the drill-down (kind, value, name, n) from the red-flag chart's rows
    (claims_red_flags.sql: hits by basis and source type), most hits first."""
    if flags.empty:
        return pd.DataFrame(columns=["kind", "value", "name", "n"])
    return _options_frame(_options(_rows(flags, ["basis_id", "basis", "hits"])), "basis")


def _options(rows: Iterable[tuple[Any, Any, int]]) -> list[tuple[Any, tuple[Any, int]]]:
    """(value, name, n) rows summed by value, most first (ties by value): [(value, (name, n))].
    The name is the value's first non-NULL one; rows without a value are left out."""
    per: dict[Any, list[Any]] = {}
    for value, name, n in rows:
        if missing(value):
            continue
        entry = per.get(value)
        if entry is None:
            per[value] = [name, int(n)]
        else:
            if missing(entry[0]):
                entry[0] = name
            entry[1] += int(n)
    return sorted(((v, (e[0], e[1])) for v, e in per.items()), key=lambda kv: (-kv[1][1], kv[0]))


def _options_frame(per: list[tuple[Any, tuple[Any, int]]], kind: str) -> pd.DataFrame:
    return pd.DataFrame([(kind, v, name, n) for v, (name, n) in per], columns=["kind", "value", "name", "n"])


def flag_span(row: Mapping[str, Any]) -> tuple[int, int] | None:
    """Where a red flag's matched text sits in its ``sentence`` (code points, end exclusive).

    A chrome hit whose sentence is its whole cut line has an exact offset (offset_in_source);
    otherwise the first occurrence in the sentence is taken. None when the text is not there.
    """
    sentence, matched = row.get("sentence"), row.get("matched_text")
    if not isinstance(sentence, str) or not isinstance(matched, str) or not matched:
        return None
    at = row.get("offset_in_source")
    if row.get("location") == "chrome" and row.get("chrome_text") == sentence and not missing(at):
        at = int(at)
        if sentence[at:at + len(matched)] == matched:
            return at, at + len(matched)
    found = sentence.find(matched)
    return None if found < 0 else (found, found + len(matched))


def choice_labels(options: pd.DataFrame, kind: str, label: Any = None) -> dict[str, str]:
    """Drill-down choices of one ``kind`` (stance_views, basis_options) -> "name (n)" labels.

    ``label``: value -> display name (e.g. a vocabulary label); the row's name otherwise."""
    rows = options[options["kind"] == kind] if not options.empty else options
    out = {}
    for r in rows.to_dict("records"):
        name = label(r["value"]) if label else r["name"]
        out[str(r["value"])] = f"{name} ({int(r['n']):,})"
    return out


# -- labels for tables ---------------------------------------------------------------------------

# Columns whose values are stored vocabulary values, and the vocabulary that labels them. A
# column named ``kind`` is ambiguous (signal kind, citation kind): its caller names the vocabulary.
VOCABULARY_COLUMNS = {
    "source_type": "source_types",
    "stance": "claim_contexts",
    "own_stance": "claim_contexts",
    "reported_stance": "claim_contexts",
    "context": "claim_contexts",
    "voice": "claim_voices",
    "citation": "claim_citations",
    "wording_class": "claim_classes",
    "basis_id": "red_flag_bases",
    "best_evidence_level": "evidence_levels",
    "evidence_level": "evidence_levels",
    "study_design": "study_designs",
}

# Table headers that say more than the column name with its underscores as spaces.
HEADERS = {
    "canonical_name": "disease",
    "site_name": "site",
    "published_date": "published",
    "source_type": "source type",
    "wording_class": "efficacy wording",
    "wording_text": "wording",
    "citation": "citation nearby",
    "citation_text": "citation",
    "matched_text": "matched text",
    "basis_id": "legal basis",
    "basis": "provision",
    "location": "where",
    "best_evidence_level": "best evidence level",
    "concept_id": "concept id",
    "article_id": "article id",
    "source_type_evidence": "source type evidence",
    "date_source": "date from",
}


def header(column: str) -> str:
    """What a table shows as the header of ``column``."""
    return HEADERS.get(column, column.replace("_", " "))


def labelled(frame: pd.DataFrame, vocab: Vocabulary, columns: Mapping[str, str] | None = None) -> pd.DataFrame:
    """``frame`` with the values of vocabulary columns replaced by their labels.

    ``columns``: column -> vocabulary for columns VOCABULARY_COLUMNS does not know (or names
    differently); a value the vocabulary does not know stays as it is, NULL stays NULL."""
    mapping = {**VOCABULARY_COLUMNS, **(columns or {})}
    out = frame.copy()
    for col, name in mapping.items():
        if col in out.columns and name in vocab.lists:
            labels = vocab.labels(name)
            out[col] = out[col].map(lambda v, labels=labels: v if missing(v) else labels.get(str(v), v))
    return out


def metadata_rows(meta: Mapping[str, Any], fields: Iterable[str], vocab: Vocabulary) -> pd.DataFrame:
    """One article's metadata as (field, value) rows with readable field names and labelled values."""
    rows = []
    for f in fields:
        v = meta.get(f)
        if isinstance(v, (list, tuple)) or hasattr(v, "tolist"):
            v = "; ".join(map(str, list(v))) or "—"
        elif missing(v):
            v = "—"
        elif f == "published_date":
            v = pd.Timestamp(v).date().isoformat()
        elif f in VOCABULARY_COLUMNS:
            v = vocab.label(VOCABULARY_COLUMNS[f], str(v))
        rows.append({"field": header(f), "value": str(v)})
    return pd.DataFrame(rows)


def credibility_grid(df: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    """claims_credibility.sql rows to one row per source type x JAMA score (0-4), zeros included,
    with each cell's share of its source type's articles and the source type's label."""
    if df.empty:
        return pd.DataFrame(columns=["source_type", "source_type_label", "jama_total", "articles", "share"])
    types = vocab.order("source_types", df["source_type"])
    full = pd.MultiIndex.from_product([types, range(5)], names=["source_type", "jama_total"])
    counts = df.groupby(["source_type", "jama_total"])["articles"].sum().reindex(full, fill_value=0).reset_index()
    totals = counts.groupby("source_type")["articles"].transform("sum")
    counts["share"] = (counts["articles"] / totals).fillna(0.0)
    counts["source_type_label"] = counts["source_type"].map(lambda v: vocab.label("source_types", v))
    counts["articles"] = counts["articles"].astype("int64")
    counts["jama_total"] = counts["jama_total"].astype("int64")
    return counts
