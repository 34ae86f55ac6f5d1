"""Load and validate the rule files under etl/knowledge/data/rules/ (patterns are data, not code)."""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from etl.errors import RulesError
from etl.knowledge.chrome_rules import ChromeRules, load_chrome_rules
from etl.knowledge.scan import FilteredSearch, StartDispatch, accelerate, share_prefilter
from etl.knowledge.vocabulary import load_vocabulary
from etl.knowledge.yamlfile import read_yaml

FIELDS = ("url", "host", "path", "site", "title", "header", "byline", "chrome", "top", "lead", "tail", "body", "page",
          "all", "categories")


@dataclass(frozen=True)
class NamedPattern:
    name: str
    regex: re.Pattern[str]


def _branches(pattern: str) -> list[str]:
    """The top-level branches of a pattern (split at each | outside groups and classes).

    Brackets inside a character class are characters: [(（] opened a group here, so the | of
    every later top-level branch looked nested, and a pattern such as ^[(（]?本文…|不代表本站立场
    was tried only at the start of a line (its second branch never matched)."""
    out, depth, escaped, in_class, last = [], 0, False, False, 0
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = not (ch == "]" and pattern[i - 1] not in "[^")
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[last:i])
            last = i + 1
    out.append(pattern[last:])
    return out


def _anchored(pattern: str) -> bool:
    """True when every top-level branch of the pattern starts at ^ (^a|^b is anchored as ^(?:a|b) is)."""
    return all(b.startswith("^") for b in _branches(pattern))


def _at_start(branches: list[str]) -> str:
    """Anchored branches as one pattern for a match at the start, their ^ dropped."""
    return branches[0][1:] if len(branches) == 1 else "(?:" + "|".join(b[1:] for b in branches) + ")"


def _whole_line(pattern: str) -> bool:
    """True when the pattern ends at $ (an unescaped one at its very end)."""
    body = pattern.rstrip()
    return body.endswith("$") and not body.endswith("\\$")


class PatternSet:
    """Several named patterns tried in one pass; ``first(text)`` names the one that matches.

    Patterns anchored at ^ are combined into one regex tried only at the start of the line
    (``match``), the others into one ``search``: scanning every position with a dozen
    alternatives was the ETL's hottest spot.
    """

    def __init__(self, patterns: tuple[NamedPattern, ...]) -> None:
        self.patterns = patterns
        self._names = [p.name for p in patterns]
        simple = patterns and not any(p.regex.groupindex for p in patterns)
        # The branches of a pattern that start at ^ (^a|^b, or the ^ branches of x|^a) are tried only
        # at the start of a line, and on the start of a prose line as anchored patterns are; its
        # other branches are tried anywhere, under the same name.
        split = [(i, _branches(p.regex.pattern)) for i, p in enumerate(patterns)]
        anchored = [(i, [b for b in bs if b.startswith("^")]) for i, bs in split]
        anchored = [(i, bs) for i, bs in anchored if bs]
        floating = [(i, "|".join(b for b in bs if not b.startswith("^"))) for i, bs in split]
        floating = [(i, body) for i, body in floating if body]
        self._start = StartDispatch([(f"g{i}", _at_start(bs)) for i, bs in anchored]) \
            if simple and anchored else None
        # For the start of a long line (a prose line's prefix): a branch that must reach the end
        # of the line ($) would match wherever the prefix was cut.
        open_ended = [(i, [b for b in bs if not _whole_line(b)]) for i, bs in anchored]
        open_ended = [(i, bs) for i, bs in open_ended if bs]
        self._start_open = StartDispatch([(f"g{i}", _at_start(bs)) for i, bs in open_ended]) \
            if simple and open_ended else None
        self._any = FilteredSearch([(f"g{i}", body) for i, body in floating]) if simple and floating else None

    def first(self, text: str, floating: bool = True, prefix: bool = False) -> str | None:
        """Name of the first pattern that matches; ``floating=False`` tries only those anchored at ^;
        ``prefix``: ``text`` is the start of a longer line, so no pattern that ends at $ applies."""
        if self._start is None and self._any is None:
            for p in self.patterns:
                if (not prefix or not _whole_line(p.regex.pattern)) and p.regex.search(text):
                    return p.name
            return None
        hits = []
        for rx, fn in ((self._start_open if prefix else self._start, "match"), (self._any, "search")):
            if rx is not None and (fn == "match" or floating):
                m = getattr(rx, fn)(text)
                if m and m.lastgroup:
                    hits.append(int(m.lastgroup[1:]))
        return self._names[min(hits)] if hits else None

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.patterns)

    def dispatchers(self) -> list[StartDispatch | FilteredSearch]:
        return [d for d in (self._start, self._start_open, self._any) if d is not None]


@dataclass(frozen=True)
class Site:
    name: str
    domains: tuple[str, ...]
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Cue:
    type: str
    field: str
    regex: re.Pattern[str]
    weight: int
    name: str
    count: int = 1            # the pattern must match at least this many times


@dataclass(frozen=True)
class SignalRule:
    kind: str
    regex: re.Pattern[str]
    whole_line: bool = False


@dataclass(frozen=True)
class DateLabel:
    kind: str                 # publish | written | update | received (never read)
    regex: re.Pattern[str]    # the label, anchored to end right before the date


@dataclass(frozen=True)
class DateRules:
    """Where a page states its own date (etl/knowledge/data/rules/dates.yaml)."""

    labels: tuple[DateLabel, ...] = ()
    label_cell: tuple[DateLabel, ...] = ()   # the same labels as a whole table cell
    datelines: tuple[NamedPattern, ...] = ()
    skip: re.Pattern[str] | None = None
    max_other_chars: int = 40
    byline_lines: int = 4
    untitled_lines: int = 8
    after_text_lines: int = 0
    after_text_words: re.Pattern[str] | None = None
    label_after: re.Pattern[str] | None = None   # publish label right after a date (and its time)
    post_fields: re.Pattern[str] | None = None   # a post's labelled fields after a date that leads its line


DATE_LABEL_KINDS = ("publish", "written", "update", "received")


def _load_dates(path: Path) -> DateRules:
    data = _yaml(path)
    p = str(path)
    labels, cells = [], []
    for i, e in enumerate(data.get("labels") or []):
        if not isinstance(e, dict) or e.get("kind") not in DATE_LABEL_KINDS:
            raise RulesError(p, None, f"labels[{i}]: kind must be one of {DATE_LABEL_KINDS}")
        _compile(p, f"labels[{i}]", e.get("pattern"))
        body = e["pattern"]
        # a label in brackets (【网络首发日期】2025-07-28) ends with its bracket
        labels.append(DateLabel(e["kind"], re.compile(rf"(?<![\u4e00-\u9fffA-Za-z])(?:{body})\s*[】\]]?\s*[:：]?\s*$", re.I)))
        cells.append(DateLabel(e["kind"], re.compile(rf"^\s*(?:{body})\s*[:：]?\s*$", re.I)))
    skip = data.get("skip")
    return DateRules(
        labels=tuple(labels), label_cell=tuple(cells),
        datelines=_named(p, "datelines", data.get("datelines") or []),
        skip=_compile(p, "skip", skip, re.I) if skip else None,
        max_other_chars=int(data.get("max_other_chars", 40)),
        byline_lines=int(data.get("byline_lines", 4)),
        untitled_lines=int(data.get("untitled_lines", 8)),
        after_text_lines=int(data.get("after_text_lines", 0)),
        after_text_words=_compile(p, "after_text_words", data["after_text_words"]) if data.get("after_text_words") else None,
        label_after=_compile(p, "labels_after", rf"(?<!\s)\s*(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*)?(?:{data['labels_after']})")
        if data.get("labels_after") else None,
        post_fields=_compile(p, "post_fields", rf"(?:{data['post_fields']})\s*[:：]") if data.get("post_fields") else None,
    )


@dataclass(frozen=True)
class Rules:
    drop_lines: PatternSet
    header_lines: PatternSet
    tail_markers: PatternSet
    byline: re.Pattern[str]
    byline_max_lines: int
    byline_max_chars: int
    summary: re.Pattern[str]
    sites: tuple[Site, ...]
    site_name_patterns: tuple[NamedPattern, ...]
    cues: tuple[Cue, ...]
    min_score: int
    signals: tuple[SignalRule, ...]
    chrome: ChromeRules
    sources: dict[str, str] = field(default_factory=dict)
    sources_path: str = ""
    fingerprint: str = ""
    dates: DateRules = field(default_factory=DateRules)
    tie_order: tuple[str, ...] = ()
    url_line: re.Pattern[str] | None = None
    min_article_words: int = 10     # below this, a page is quarantined, not loaded (boilerplate.yaml)
    between_lines: PatternSet = field(default_factory=lambda: PatternSet(()))   # chrome between parts of the text
    meta_lines: PatternSet = field(default_factory=lambda: PatternSet(()))      # a post's meta line, by its form


def rules_dir() -> Path:
    return Path(str(resources.files("etl.knowledge").joinpath("data", "rules")))


def default_sources_path() -> Path:
    return rules_dir() / "sources.csv"


def sources_file(sources_path: str | None = None) -> Path:
    """The sources file a run reads: the one given, or the packaged default (as load_rules does)."""
    return Path(sources_path) if sources_path else default_sources_path()


def unreadable_sources(path: Path, exc: OSError) -> RulesError:
    """The error of a sources file that cannot be read (missing, a folder, no permission)."""
    return RulesError(str(path), None, f"cannot read sources file: {exc.strerror or exc}")


def _compile(path: str, where: str, pattern: object, flags: int = 0) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise RulesError(path, None, f"{where}: pattern must be a non-empty string")
    try:
        return accelerate(re.compile(pattern, flags))
    except re.error as exc:
        raise RulesError(path, None, f"{where}: invalid regex {pattern!r}: {exc}") from exc


def _count(path: str, key: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RulesError(path, None, f"{key} must be a whole number >= 0, not {value!r}")
    return value


def _named(path: str, section: str, entries: object) -> tuple[NamedPattern, ...]:
    if not isinstance(entries, list):
        raise RulesError(path, None, f"{section} must be a list")
    out = []
    for i, e in enumerate(entries):
        if not isinstance(e, dict) or "name" not in e or "pattern" not in e:
            raise RulesError(path, None, f"{section}[{i}] needs 'name' and 'pattern'")
        out.append(NamedPattern(str(e["name"]), _compile(path, f"{section}[{i}] ({e['name']})", e["pattern"])))
    return tuple(out)


def _yaml(path: Path) -> dict:
    return read_yaml(path, with_lines=False)


def load_sources(path: Path) -> dict[str, str]:
    """The user-editable sources file: ``match`` (domain or site name) -> source_type."""
    out: dict[str, str] = {}
    source_types = load_vocabulary().values("source_types")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise unreadable_sources(path, exc) from exc
    except UnicodeDecodeError as exc:
        raise RulesError(str(path), None, f"cannot read sources file: not UTF-8 ({exc.reason})") from exc
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames is None or not {"match", "source_type"} <= set(reader.fieldnames):
        raise RulesError(str(path), 1, "header must contain 'match' and 'source_type'")
    for lineno, row in enumerate(reader, start=2):
        match = (row.get("match") or "").strip().lower()
        st = (row.get("source_type") or "").strip()
        if not match:
            raise RulesError(str(path), lineno, "empty 'match'")
        if st not in source_types:
            raise RulesError(str(path), lineno, f"unknown source_type {st!r}; use one of {', '.join(source_types)} "
                                                f"(etl/knowledge/data/vocabulary.yaml)")
        out[match] = st
    return out


@lru_cache(maxsize=8)
def load_rules(sources_path: str | None = None) -> Rules:
    d = rules_dir()
    bp_path = d / "boilerplate.yaml"
    bp = _yaml(bp_path)
    p = str(bp_path)
    byline = bp.get("byline") or {}
    sites = []
    for i, s in enumerate(bp.get("sites") or []):
        if not isinstance(s, dict) or "name" not in s:
            raise RulesError(p, None, f"sites[{i}] needs a 'name'")
        sites.append(Site(str(s["name"]), tuple(s.get("domains") or ()), tuple(s.get("patterns") or ())))

    vocabulary = load_vocabulary()
    st_path = d / "source_types.yaml"
    st = _yaml(st_path)
    cues = []
    for i, c in enumerate(st.get("cues") or []):
        where = f"cues[{i}]"
        if not isinstance(c, dict):
            raise RulesError(str(st_path), None, f"{where} must be a mapping")
        if c.get("type") not in vocabulary.values("source_types"):
            raise RulesError(str(st_path), None, f"{where}: unknown type {c.get('type')!r}")
        if c.get("field") not in FIELDS:
            raise RulesError(str(st_path), None, f"{where}: unknown field {c.get('field')!r}; use one of {FIELDS}")
        cues.append(Cue(c["type"], c["field"], _compile(str(st_path), where, c.get("pattern"), re.M), int(c.get("weight", 1)),
                        str(c.get("name", c["pattern"])), int(c.get("count", 1))))
    known_types = vocabulary.values("source_types")
    listed = tuple(st.get("tie_order") or ())
    bad = [t for t in listed if t not in known_types] + [t for t in set(listed) if listed.count(t) > 1]
    if bad:
        raise RulesError(str(st_path), None, f"tie_order: unknown or repeated source types {bad}; known: {', '.join(known_types)}")
    # types the file does not rank (e.g. one just added to the vocabulary) come after, in vocabulary order
    tie_order = listed + tuple(t for t in known_types if t not in listed)
    url_line = _compile(str(st_path), "url_line", st["url_line"], re.M) if st.get("url_line") else None

    sg_path = d / "signals.yaml"
    sg = _yaml(sg_path)
    signals = []
    for i, s in enumerate(sg.get("signals") or []):
        if s.get("kind") not in vocabulary.values("signal_kinds"):
            raise RulesError(str(sg_path), None, f"signals[{i}]: unknown kind {s.get('kind')!r}")
        signals.append(SignalRule(s["kind"], _compile(str(sg_path), f"signals[{i}]", s.get("pattern"), re.M if s.get("multiline") else 0),
                                  bool(s.get("line", False))))

    dt_path = d / "dates.yaml"
    dates = _load_dates(dt_path)

    src_path = sources_file(sources_path)
    sources = load_sources(src_path)
    h = hashlib.sha256()
    for f in (bp_path, st_path, sg_path, dt_path, src_path):
        h.update(f.read_bytes())
    rules = Rules(
        drop_lines=PatternSet(_named(p, "drop_lines", bp.get("drop_lines") or [])),
        header_lines=PatternSet(_named(p, "header_lines", bp.get("header_lines") or [])),
        tail_markers=PatternSet(_named(p, "tail_markers", bp.get("tail_markers") or [])),
        byline=_compile(p, "byline.pattern", byline.get("pattern", r"\d{4}-\d{2}-\d{2}")),
        byline_max_lines=int(byline.get("max_lines_after_title", 3)),
        byline_max_chars=int(byline.get("max_chars", 80)),
        summary=_compile(p, "summary_pattern", bp.get("summary_pattern", r"^简介\s")),
        sites=tuple(sites),
        site_name_patterns=_named(p, "site_name_patterns", bp.get("site_name_patterns") or []),
        cues=tuple(cues),
        min_score=int(st.get("min_score", 2)),
        signals=tuple(signals),
        chrome=load_chrome_rules(bp_path, bp),
        sources=sources,
        sources_path=str(src_path),
        fingerprint=h.hexdigest()[:16],
        dates=dates,
        tie_order=tie_order,
        url_line=url_line,
        min_article_words=_count(p, "min_article_words", bp.get("min_article_words", 10)),
        between_lines=PatternSet(_named(p, "between_lines", bp.get("between_lines") or [])),
        meta_lines=PatternSet(_named(p, "meta_lines", bp.get("meta_lines") or [])),
    )
    # Every line is tried against these sets in turn: one Aho-Corasick pass tells all of them
    # which of their patterns can match it.
    share_prefilter([d for ps in (rules.drop_lines, rules.header_lines, rules.tail_markers, rules.between_lines,
                                  rules.meta_lines) for d in ps.dispatchers()])
    return rules
