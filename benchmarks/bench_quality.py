"""Extraction quality (`stemwatch evaluate`) on the seeds and on the development corpus.

Targets: issue 12 (titles, dates, source types, chrome, missing body, mention F1 on the dev
corpus; the seeds keep their facts) and issue 9 (context accuracy and per-label recall, no
question labelled asserted). The dev corpus lives outside the repository
(``../shared/corpus/dev`` from the repo root, pages/ + gold.json); without it that part is skipped.
Run: python -m benchmarks.bench_quality [DEV_DIR]
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from benchmarks.stats import Target, write_report
from etl.evaluate import evaluate
from etl.evaluate.report import confusion_table, markdown_table, metric_table

ROOT = Path(__file__).resolve().parent.parent
SEEDS_GOLD = ROOT / "tests" / "cases" / "seeds_gold.json"
DEV_DEFAULT = ROOT.parent / "shared" / "corpus" / "dev"
PROBE = ROOT / "benchmarks" / "probe"   # invented pages of sites neither corpus has, one folder per set (README there)


def _label(m: dict, lab: str) -> float | None:
    return m["context"]["per_label"][lab]["recall"]


# (corpus, issue, what, read the value from the overall metrics, ">=" or "<=", threshold)
TARGETS: list[tuple[str, str, str, Callable[[dict], float | None], str, float]] = [
    ("dev", "12", "title accuracy", lambda m: m["title"]["accuracy"], ">=", 0.90),
    ("dev", "12", "date accuracy", lambda m: m["date"]["accuracy"], ">=", 0.85),
    ("dev", "12", "source-type accuracy", lambda m: m["source_type"]["accuracy"], ">=", 0.85),
    ("dev", "12", "pages with chrome in main_text", lambda m: m["chrome"]["share"], "<=", 0.10),
    ("dev", "12", "pages missing body text", lambda m: m["missing_body"]["share"], "<=", 0.05),
    ("dev", "12", "mention F1", lambda m: m["mentions"]["f1"], ">=", 0.90),
    ("dev", "9", "context accuracy", lambda m: m["context"]["accuracy"], ">=", 0.85),
    ("dev", "9", "asserted recall", lambda m: _label(m, "asserted"), ">=", 0.85),
    ("dev", "9", "negated recall", lambda m: _label(m, "negated"), ">=", 0.80),
    ("dev", "9", "questions labelled asserted", lambda m: m["context"]["questions_labelled_asserted"], "<=", 0),
    ("seeds", "12", "title accuracy (5/5 today)", lambda m: m["title"]["accuracy"], ">=", 1.0),
    ("seeds", "12", "date accuracy", lambda m: m["date"]["accuracy"], ">=", 1.0),
    ("seeds", "12", "source-type accuracy", lambda m: m["source_type"]["accuracy"], ">=", 1.0),
    ("seeds", "9", "negated recall", lambda m: _label(m, "negated"), ">=", 0.90),
]


def targets(corpus: str, result: dict) -> list[Target]:
    return [Target(f"{corpus}: {what}", get(result["overall"]), op, threshold)
            for name, _issue, what, get, op, threshold in TARGETS if name == corpus]


def _fmt(v: float | None) -> str:
    return "-" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v))


def target_rows(corpus: str, result: dict) -> list[list[str]]:
    issues = [issue for name, issue, *_ in TARGETS if name == corpus]
    return [[t.what.split(": ", 1)[1], f"#{issue}", f"{t.op} {t.threshold:g}", _fmt(t.measured),
             "**missed**" if t.met is False else t.verdict]
            for issue, t in zip(issues, targets(corpus, result), strict=True)]


def miss_rows(result: dict) -> list[list[str]]:
    counts = Counter((m["field"], m["cause"] or "wrong value") for m in result["misses"])
    return [[field, cause, str(n)] for (field, cause), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1]))]


def section(title: str, note: str, corpus: str, result: dict) -> list[str]:
    o = result["overall"]
    out = [f"## {title}", "", note, ""]
    rows = target_rows(corpus, result)
    if rows:
        out += [*markdown_table(["target", "issue", "floor", "now", ""], rows), ""]
    out += ["### All metrics (overall and by gold language)", ""]
    out += markdown_table(*metric_table(result))
    out += ["", "### Source types (rows gold, columns predicted)", ""]
    out += markdown_table(*confusion_table(o["source_type"]["confusion"]))
    if o["context"]["confusion"]:
        out += ["", "### Contexts of matched mentions (rows gold, columns predicted)", ""]
        out += markdown_table(*confusion_table(o["context"]["confusion"]))
    out += ["", "### Misses by field and cause", ""]
    out += markdown_table(["field", "cause", "count"], miss_rows(result))
    return [*out, ""]


def main(dev: str | None = None) -> list[Target]:
    lines = ["Scored by `stemwatch evaluate` (etl/evaluate/): the real ETL loads each folder into a throwaway",
             "warehouse and the stored `articles` and `disease_mentions` rows are compared with the gold file.",
             "Cells read `value (hits/total)`; `-` means nothing to score.", ""]
    seeds = evaluate(SEEDS_GOLD, ROOT / "seeds")
    lines += section("Seeds (`seeds/`, gold `tests/cases/seeds_gold.json`)",
                     "The gold mentions are the current extraction's, reviewed by hand (non-disease uses moved to "
                     "`mentions_optional`), so mention precision/recall here guard against regressions rather than "
                     "measure the lexicon; contexts are labelled by hand, debatable ones left unscored (null).",
                     "seeds", seeds)
    verdicts = targets("seeds", seeds)
    dev_dir = Path(dev) if dev else DEV_DEFAULT
    if (dev_dir / "gold.json").is_file() and (dev_dir / "pages").is_dir():
        result = evaluate(dev_dir / "gold.json", dev_dir / "pages")
        lines += section("Development corpus (`../shared/corpus/dev`)",
                         f"{result['overall']['pages']} gold entries (40 `.txt` pages and 6 of them again as `.html`), "
                         "real pages of eight source types in Simplified, Traditional Chinese and English.",
                         "dev", result)
        verdicts += targets("dev", result)
    else:
        msg = f"skipped: no development corpus at `../shared/corpus/dev` ({dev_dir.name}/gold.json and pages/ not found)"
        print(msg)
        lines += ["## Development corpus", "", msg, ""]
    for name in sorted(p.name for p in PROBE.iterdir() if (p / "gold.json").is_file()):
        probe = evaluate(PROBE / name / "gold.json", PROBE / name / "pages")
        lines += section(f"Probe pages, set {name} (`benchmarks/probe/{name}/`)",
                         f"{probe['overall']['pages']} invented pages in the stored-text style of the dev corpus, written "
                         "for this project to reproduce structures of sites neither corpus has. No targets: they show how "
                         "far the dev figures carry to unseen sites, and they no longer are unseen (see "
                         "benchmarks/probe/README.md).", "probe", probe)
    write_report("quality", "Extraction quality against gold labels", lines)
    return verdicts


if __name__ == "__main__":
    main(*sys.argv[1:2])
