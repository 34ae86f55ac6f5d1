"""Quality evaluation: run the real ETL on a labelled folder and score it against a gold file.

gold.py validates the labels, runner.py loads the pages into a throwaway warehouse and reads the
rows back, score.py compares (pure), report.py renders text or JSON.
"""

from __future__ import annotations

from pathlib import Path

from etl.evaluate.gold import load_gold
from etl.evaluate.runner import extract_folder
from etl.evaluate.score import score, unlabelled


def evaluate(gold_path: Path, pages_dir: Path, *, sources: str | None = None) -> dict:
    """Score the warehouse rows the ETL makes from ``pages_dir`` against ``gold_path``.

    The gold file is validated before any page is read, so a labelling typo fails fast. Only
    ``file`` and ``url`` are inputs: each page's ``url`` is its crawl address, passed to the run
    exactly as a manifest row would be; every other field is a label, never shown to the ETL.
    """
    gold = load_gold(Path(gold_path))
    addresses = {g.file: g.url for g in gold if g.url}
    extraction = extract_folder(Path(pages_dir), sources=sources, addresses=addresses)
    result = score(gold, extraction.pages)
    result["unlabelled_pages"] = unlabelled(extraction.pages, gold)
    result["quarantined"] = {p: why for p, why in extraction.quarantined.items() if p in {g.file for g in gold}}
    hint = folder_hint([g.file for g in gold], [*extraction.pages, *extraction.quarantined], Path(pages_dir))
    if hint:
        result["hint"] = hint
    return result


def folder_hint(files: list[str], found: list[str], pages_dir: Path) -> str | None:
    """A sentence for the commonest mistake: none of the gold pages is where ``file`` says, because
    the folder given is the parent (or another folder) of the one the gold file's names are relative to."""
    if not files or set(files) & set(found):
        return None
    below = sorted({p[: -len(f) - 1] for p in found for f in files if p.endswith("/" + f)})
    where = f"; they are under {pages_dir / below[0]}: pass --pages {pages_dir / below[0]}" if below else ""
    return f"none of the {len(files)} gold pages was found in {pages_dir} (the gold file's names are relative to --pages){where}"
