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
    return result
