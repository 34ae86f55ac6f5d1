"""Render a score (etl.evaluate.score.score) as text for people or as stable JSON for scripts."""

from __future__ import annotations

import json
from collections.abc import Callable

from etl.evaluate.gold import LABELS

FORMAT = "stemwatch-evaluate/1"

Cell = tuple[float | None, int | None, int | None]   # (value, numerator, denominator); no counts: value only


def _cell(d: dict, key: str, num: str, den: str) -> Cell:
    return d[key], d[num], d[den]


def _label(lab: str) -> Callable[[dict], Cell]:
    def get(m: dict) -> Cell:
        row = m["context"]["per_label"][lab]
        return row["recall"], row["correct"], row["matched"]
    return get


# (name, how to read its cell from one metrics dict)
METRICS: list[tuple[str, Callable[[dict], Cell]]] = [
    ("title accuracy", lambda m: _cell(m["title"], "accuracy", "correct", "total")),
    ("  title on a null-gold page (info)", lambda m: (None, m["title"]["null_gold_with_title"], m["title"]["null_gold"])),
    ("date accuracy", lambda m: _cell(m["date"], "accuracy", "correct", "total")),
    ("  date on a null-gold page (info)", lambda m: (None, m["date"]["null_gold_with_date"], m["date"]["null_gold"])),
    ("source-type accuracy", lambda m: _cell(m["source_type"], "accuracy", "correct", "total")),
    ("language accuracy", lambda m: _cell(m["language"], "accuracy", "correct", "total")),
    ("pages with chrome in main_text", lambda m: _cell(m["chrome"], "share", "pages_with_chrome", "pages")),
    ("pages missing body text", lambda m: _cell(m["missing_body"], "share", "pages_missing_body", "pages")),
    ("mention precision", lambda m: (m["mentions"]["precision"], m["mentions"]["tp"], m["mentions"]["tp"] + m["mentions"]["fp"])),
    ("mention recall", lambda m: (m["mentions"]["recall"], m["mentions"]["tp"], m["mentions"]["gold"])),
    ("mention F1", lambda m: (m["mentions"]["f1"], None, None)),
    ("context accuracy (matched)", lambda m: _cell(m["context"], "accuracy", "correct", "matched")),
    *[(f"  {lab} recall (matched)", _label(lab)) for lab in LABELS],
    ("  questions labelled asserted", lambda m: (None, m["context"]["questions_labelled_asserted"],
                                                 m["context"]["questions_matched"])),
]


def fmt_cell(cell: Cell) -> str:
    value, num, den = cell
    if num is None:
        return "-" if value is None else f"{value:.2f}"
    if not den:
        return "-"
    return f"{value:.2f} ({num}/{den})" if value is not None else f"{num}/{den}"


def metric_table(result: dict) -> tuple[list[str], list[list[str]]]:
    """Header and rows: one row per metric, one column for all pages and one per language."""
    langs = list(result["by_language"])
    header = ["metric", "all", *langs]
    rows = [[name, fmt_cell(get(result["overall"])), *(fmt_cell(get(result["by_language"][lg])) for lg in langs)]
            for name, get in METRICS]
    return header, rows


def confusion_table(confusion: dict[str, dict[str, int]]) -> tuple[list[str], list[list[str]]]:
    """Gold (rows) x predicted (columns) counts."""
    cols = sorted({p for row in confusion.values() for p in row})
    return (["gold \\ predicted", *cols],
            [[g, *(str(row.get(c, 0) or ".") for c in cols)] for g, row in confusion.items()])


def _plain(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [header, *rows]]


def markdown_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows)]


def _short(v: object, n: int = 70) -> str:
    s = "" if v is None else str(v).replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def render_text(result: dict, details: bool = False) -> str:
    o = result["overall"]
    out = [f"stemwatch evaluate: {o['pages']} gold pages, {o['pages_not_extracted']} not extracted"
           + (f", {len(result['unlabelled_pages'])} pages without gold (not scored)" if result.get("unlabelled_pages") else ""),
           *([f"warning: {result['hint']}"] if result.get("hint") else []),
           ""]
    out += _plain(*metric_table(result))
    out += ["", "source types (rows gold, columns predicted):"]
    out += ["  " + line for line in _plain(*confusion_table(o["source_type"]["confusion"]))]
    if o["context"]["confusion"]:
        out += ["", "contexts of matched mentions (rows gold, columns predicted):"]
        out += ["  " + line for line in _plain(*confusion_table(o["context"]["confusion"]))]
    m = o["mentions"]
    out += ["", f"mentions: {m['tp']} TP, {m['fp']} FP, {m['fn']} FN, {m['optional_ignored']} optional (not counted)"]
    out += [f"  FN {n:>4}  {cause}" for cause, n in m["fn_by_cause"].items()]
    out += [f"  FP {n:>4}  {cause}" for cause, n in m["fp_by_cause"].items()]
    for path, why in sorted(result.get("quarantined", {}).items()):
        out.append(f"quarantined: {path}: {why}")
    if details:
        out += ["", f"misses ({len(result['misses'])}): page | field | expected | got | cause"]
        out += [f"  {x['page']} | {x['field']} | {_short(x['expected'])} | {_short(x['got'])} | {x['cause']}"
                for x in result["misses"]]
    else:
        out += ["", f"{len(result['misses'])} misses; --details lists them"]
    return "\n".join(out)


def render_json(result: dict) -> str:
    """Stable JSON: fixed key order, misses always included."""
    return json.dumps({"format": FORMAT, **result}, ensure_ascii=False, indent=2)
