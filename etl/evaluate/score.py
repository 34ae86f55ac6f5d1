"""Score extracted pages against gold records: pure functions, no I/O.

Text comparisons ignore whitespace (a gold fragment may span a line break that extraction
joined or split differently); offsets found in the whitespace-free text are mapped back to
``main_text`` so they can be compared with the warehouse's mention offsets.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from etl.evaluate.gold import LABELS, GoldMention, GoldPage
from etl.evaluate.runner import PredPage

_WS = re.compile(r"\s+")
# A sentence ends at these; a gold mention whose sentence ends with ? is a question.
_SENT_END = re.compile(r"[。！？!?；;\n]|\.(?=\s|$)")
_QUESTION = ("?", "？")


@dataclass(frozen=True)
class Normalised:
    """Text without whitespace plus, for each kept character, its offset in the original."""
    text: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised slice [start, end)."""
        return self.offsets[start], self.offsets[end - 1] + 1


def normalise(text: str) -> Normalised:
    keep = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    return Normalised("".join(ch for _, ch in keep), tuple(i for i, _ in keep))


def squash(text: str) -> str:
    return _WS.sub("", text)


def same_title(gold: str, got: str | None) -> bool:
    """Titles compare with whitespace runs collapsed (line breaks, double spaces, ideographic spaces)."""
    return got is not None and _WS.sub(" ", gold).strip() == _WS.sub(" ", got).strip()


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _occurrences(hay: str, needle: str) -> list[int]:
    out, i = [], hay.find(needle)
    while i >= 0 and needle:
        out.append(i)
        i = hay.find(needle, i + 1)
    return out


def _is_question(text: str, end: int) -> bool:
    """Whether the sentence holding a mention ending at ``end`` is a question (ends with ? or 吗)."""
    m = _SENT_END.search(text, end)
    stop = m.start() if m else len(text)
    return (m is not None and m.group() in _QUESTION) or text[:stop].rstrip().endswith("吗")


class _Tally:
    """Counts for one set of pages; add() one page at a time, then as_dict()."""

    def __init__(self) -> None:
        self.c: Counter[str] = Counter()
        self.confusion: dict[str, Counter[str]] = {}
        self.ctx_confusion: dict[str, Counter[str]] = {}
        self.fn_causes: Counter[str] = Counter()
        self.fp_causes: Counter[str] = Counter()

    def as_dict(self) -> dict:
        c = self.c
        p = _ratio(c["tp"], c["tp"] + c["fp"])
        r = _ratio(c["tp"], c["tp"] + c["fn"])
        per_label = {}
        for lab in LABELS:
            row = self.ctx_confusion.get(lab, Counter())
            matched = sum(row.values())
            per_label[lab] = {"gold": c[f"gold_{lab}"], "matched": matched, "correct": row[lab],
                              "recall": _ratio(row[lab], matched)}
        return {
            "pages": c["pages"],
            "pages_not_extracted": c["not_extracted"],
            "title": {"correct": c["title_ok"], "total": c["title_n"], "accuracy": _ratio(c["title_ok"], c["title_n"]),
                      "null_gold": c["title_null"], "null_gold_with_title": c["title_null_got"]},
            "date": {"correct": c["date_ok"], "total": c["date_n"], "accuracy": _ratio(c["date_ok"], c["date_n"]),
                     "null_gold": c["date_null"], "null_gold_with_date": c["date_null_got"]},
            "source_type": {"correct": c["st_ok"], "total": c["pages"], "accuracy": _ratio(c["st_ok"], c["pages"]),
                            "confusion": {g: dict(sorted(row.items())) for g, row in sorted(self.confusion.items())}},
            "language": {"correct": c["lang_ok"], "total": c["pages"], "accuracy": _ratio(c["lang_ok"], c["pages"])},
            "chrome": {"pages_with_chrome": c["chrome_pages"], "pages": c["pages"],
                       "share": _ratio(c["chrome_pages"], c["pages"]),
                       "snippets_found": c["chrome_found"], "snippets": c["chrome_n"]},
            "missing_body": {"pages_missing_body": c["body_pages"], "pages": c["pages"],
                             "share": _ratio(c["body_pages"], c["pages"]),
                             "snippets_missing": c["body_missing"], "snippets": c["body_n"]},
            "mentions": {"gold": c["tp"] + c["fn"], "tp": c["tp"], "fp": c["fp"], "fn": c["fn"],
                         "optional_ignored": c["optional"], "precision": p, "recall": r, "f1": _f1(p, r),
                         "fn_by_cause": dict(sorted(self.fn_causes.items())),
                         "fp_by_cause": dict(sorted(self.fp_causes.items()))},
            "context": {"matched": c["ctx_n"], "correct": c["ctx_ok"], "accuracy": _ratio(c["ctx_ok"], c["ctx_n"]),
                        "per_label": per_label,
                        "confusion": {g: dict(sorted(row.items())) for g, row in sorted(self.ctx_confusion.items())},
                        "questions_matched": c["questions"], "questions_labelled_asserted": c["questions_asserted"]},
        }


def _miss(misses: list[dict], page: str, field: str, expected: object, got: object, cause: str = "") -> None:
    misses.append({"page": page, "field": field, "expected": expected, "got": got, "cause": cause})


def _score_mentions(gold: GoldPage, pred: PredPage, t: _Tally, misses: list[dict]) -> None:
    text = pred.main_text
    norm = normalise(text)
    raw = squash(pred.raw_text)
    used_pred: set[int] = set()
    used_gold_spans: Counter[tuple[int, int]] = Counter()
    gold_spans: list[tuple[int, int]] = []
    for gm in gold.mentions:
        if gm.context:
            t.c[f"gold_{gm.context}"] += 1
        span = _locate(gm, norm, used_gold_spans)
        label = f"{gm.surface} ({gm.canonical}) in {gm.sentence!r}"
        if span is None:
            cause = "sentence cut from main_text" if squash(gm.sentence) in raw else "sentence not found in page"
            t.c["fn"] += 1
            t.fn_causes[cause] += 1
            _miss(misses, gold.file, "mention", label, None, cause)
            continue
        gold_spans.append(span)
        overlapping = [i for i, pm in enumerate(pred.mentions)
                       if i not in used_pred and pm.start < span[1] and pm.end > span[0]]
        same = [i for i in overlapping if pred.mentions[i].canonical == gm.canonical]
        if not same:
            t.c["fn"] += 1
            if overlapping:
                pm = pred.mentions[overlapping[0]]
                t.fn_causes["other concept predicted"] += 1
                _miss(misses, gold.file, "mention", label, f"{pm.surface} ({pm.canonical})", "other concept predicted")
            else:
                t.fn_causes["not found by the lexicon"] += 1
                _miss(misses, gold.file, "mention", label, None, "not found by the lexicon")
            continue
        best = max(same, key=lambda i: min(pred.mentions[i].end, span[1]) - max(pred.mentions[i].start, span[0]))
        used_pred.add(best)
        pm = pred.mentions[best]
        t.c["tp"] += 1
        if gm.context is None:
            continue
        t.c["ctx_n"] += 1
        t.ctx_confusion.setdefault(gm.context, Counter())[pm.context] += 1
        question = _is_question(text, span[1])
        if question:
            t.c["questions"] += 1
            t.c["questions_asserted"] += pm.context == "asserted"
        if pm.context == gm.context:
            t.c["ctx_ok"] += 1
        else:
            _miss(misses, gold.file, "context", f"{label}: {gm.context}", pm.context,
                  "question labelled asserted" if question and pm.context == "asserted" else f"{gm.context} -> {pm.context}")
    optional_surfaces = {squash(s) for s in gold.mentions_optional}
    optional_spans = [norm.span(i, i + len(s)) for s in optional_surfaces for i in _occurrences(norm.text, s)]
    for i, pm in enumerate(pred.mentions):
        if i in used_pred:
            continue
        if squash(pm.surface) in optional_surfaces or any(pm.start < e and pm.end > s for s, e in optional_spans):
            t.c["optional"] += 1
            continue
        t.c["fp"] += 1
        on_gold = any(pm.start < e and pm.end > s for s, e in gold_spans)
        cause = "other concept than gold" if on_gold else "not a gold mention"
        t.fp_causes[cause] += 1
        ctx = text[max(0, pm.start - 12):pm.end + 12].replace("\n", " ")
        _miss(misses, gold.file, "mention", None, f"{pm.surface} ({pm.canonical}) in {ctx!r}", cause)


def _locate(gm: GoldMention, norm: Normalised, used: Counter[tuple[int, int]]) -> tuple[int, int] | None:
    """Span of the gold occurrence in main_text; a repeated (sentence, surface) takes the next unused one."""
    frag, surface = squash(gm.sentence), squash(gm.surface)
    offset_in_frag = frag.find(surface)
    for at in _occurrences(norm.text, frag):
        span = norm.span(at + offset_in_frag, at + offset_in_frag + len(surface))
        if not used[span]:
            used[span] += 1
            return span
    return None


def _score_page(gold: GoldPage, pred: PredPage | None, t: _Tally, misses: list[dict]) -> None:
    t.c["pages"] += 1
    if pred is None:
        t.c["not_extracted"] += 1
        pred = PredPage(gold.file, None, None, "(not extracted)", "", "", language="(not extracted)")
    if gold.title is None:
        t.c["title_null"] += 1
        t.c["title_null_got"] += pred.title is not None
    else:
        t.c["title_n"] += 1
        if same_title(gold.title, pred.title):
            t.c["title_ok"] += 1
        else:
            _miss(misses, gold.file, "title", gold.title, pred.title, "no title" if pred.title is None else "wrong title")
    if gold.published_date is None:
        t.c["date_null"] += 1
        if pred.published_date is not None:
            t.c["date_null_got"] += 1
            _miss(misses, gold.file, "date", None, pred.published_date, "date on a page without one")
    else:
        t.c["date_n"] += 1
        if pred.published_date == gold.published_date:
            t.c["date_ok"] += 1
        else:
            _miss(misses, gold.file, "date", gold.published_date, pred.published_date,
                  "no date" if pred.published_date is None else "wrong date")
    t.confusion.setdefault(gold.source_type, Counter())[pred.source_type] += 1
    if pred.source_type == gold.source_type:
        t.c["st_ok"] += 1
    else:
        _miss(misses, gold.file, "source_type", gold.source_type, pred.source_type,
              "fell back to other" if pred.source_type == "other" else "wrong type")
    if pred.language == gold.language:
        t.c["lang_ok"] += 1
    else:
        _miss(misses, gold.file, "language", gold.language, pred.language, "wrong language")
    body = squash(pred.main_text)
    leaks = [s for s in gold.must_not_contain if squash(s) in body]
    t.c["chrome_n"] += len(gold.must_not_contain)
    t.c["chrome_found"] += len(leaks)
    t.c["chrome_pages"] += bool(leaks)
    for s in leaks:
        _miss(misses, gold.file, "chrome", None, s, "must_not_contain found in main_text")
    lost = [s for s in gold.must_contain if squash(s) not in body]
    t.c["body_n"] += len(gold.must_contain)
    t.c["body_missing"] += len(lost)
    t.c["body_pages"] += bool(lost)
    for s in lost:
        cause = "cut from main_text" if squash(s) in squash(pred.raw_text) else "not in the stored page"
        _miss(misses, gold.file, "body", s, None, cause)
    _score_mentions(gold, pred, t, misses)


def score(gold: Iterable[GoldPage], pred: Mapping[str, PredPage]) -> dict:
    """All metrics, overall and per gold language, plus every miss (page, field, expected, got, cause)."""
    overall, by_lang = _Tally(), {}
    misses: list[dict] = []
    for g in gold:
        p = pred.get(g.file)
        _score_page(g, p, overall, misses)
        _score_page(g, p, by_lang.setdefault(g.language, _Tally()), [])
    return {"overall": overall.as_dict(),
            "by_language": {lang: t.as_dict() for lang, t in sorted(by_lang.items())},
            "misses": misses}


def unlabelled(pred: Mapping[str, PredPage], gold: Iterable[GoldPage]) -> list[str]:
    """Extracted pages that no gold entry names (reported, not scored)."""
    return sorted(set(pred) - {g.file for g in gold})
