"""Run the real ETL over a folder of pages into a throwaway warehouse and read back what it stored.

Scoring what the warehouse holds (not what a parser function returns) is the point: the
figures then describe the rows a user's SQL and charts see.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from etl.load.run import run_etl
from warehouse.db import reading


@dataclass(frozen=True)
class PredMention:
    start: int
    end: int
    surface: str
    canonical: str
    context: str


@dataclass(frozen=True)
class PredPage:
    file: str
    title: str | None
    published_date: str | None
    source_type: str
    main_text: str
    raw_text: str
    mentions: tuple[PredMention, ...] = field(default=())
    language: str | None = None


@dataclass(frozen=True)
class Extraction:
    pages: dict[str, PredPage]            # source_path (relative to the pages folder) -> page
    quarantined: dict[str, str]           # source_path -> "reason: detail"


def read_warehouse(db: Path) -> Extraction:
    """The rows of ``db`` that scoring needs, keyed by source path."""
    with reading(db) as con:
        arts = con.execute(
            "SELECT a.article_id, a.source_path, a.title, CAST(a.published_date AS VARCHAR), a.source_type, "
            "a.main_text, d.raw_text, a.language FROM articles a JOIN documents d USING (article_id) ORDER BY a.source_path").fetchall()
        ments = con.execute(
            "SELECT m.article_id, m.start_char, m.end_char, m.surface, coalesce(c.canonical_name, m.canonical_name), "
            "m.context FROM disease_mentions m LEFT JOIN diseases c USING (concept_id) "
            "ORDER BY m.article_id, m.start_char, m.mention_no").fetchall()
        quar = con.execute("SELECT source_path, reason, detail FROM quarantine ORDER BY source_path").fetchall()
    by_article: dict[str, list[PredMention]] = {}
    for aid, start, end, surface, canonical, ctx in ments:
        by_article.setdefault(aid, []).append(PredMention(start, end, surface, canonical, ctx))
    pages = {path: PredPage(path, title, date, st, main, raw, tuple(by_article.get(aid, ())), lang)
             for aid, path, title, date, st, main, raw, lang in arts}
    return Extraction(pages, {p: f"{r}: {d}" for p, r, d in quar})


def extract_folder(pages_dir: Path, *, sources: str | None = None,
                   addresses: Mapping[str, str] | None = None) -> Extraction:
    """Load ``pages_dir`` with the real ETL into a temporary warehouse and read it back.

    ``addresses``: each page's crawl address, given to the run as a manifest would give it.
    """
    pages_dir = Path(pages_dir)
    if not pages_dir.is_dir():
        raise FileNotFoundError(f"pages folder {pages_dir} does not exist or is not a folder")
    with tempfile.TemporaryDirectory(prefix="stemwatch-evaluate-") as tmp:
        db = Path(tmp) / "evaluate.duckdb"
        run_etl(pages_dir, db, full=True, trigger="evaluate", sources=sources, workers=1, addresses=addresses)
        return read_warehouse(db)
