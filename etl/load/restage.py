"""Stage-level rebuilds: re-run annotation over the stored articles, without reading a file.

When only the lexicon, the context triggers or the annotation code changed, every article's
annotation tables (disease_mentions, candidate_terms) and what is derived from them (the summary
tables, lexicon_candidates) are rebuilt from the stored ``main_text``, ``body_end_char`` and
section rows, through the same pure :func:`etl.parse.annotate_document` a full parse uses, so
the tables equal those of a full rebuild (tests/test_restage.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

import duckdb
import pyarrow as pa

from etl.extract.sections import Section
from etl.knowledge.lexicon import load_lexicon, load_triggers
from etl.load.rows import ANNOTATE_TABLES, annotation_rows, delete_articles, insert_rows
from etl.parse import Document, annotate_document
from warehouse import db as wh

log = logging.getLogger("stemwatch.etl")

CHUNK = 1000


def stored_documents(con: duckdb.DuckDBPyConnection, ids: list[str]) -> Iterator[Document]:
    """The stored Documents of these articles, as far as annotation reads them.

    Filled from articles and sections; ``raw_text``, cut blocks, citations and signals are left
    empty because annotation does not read them (a stage that does must load them here).
    """
    con.register("_restage_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
    try:
        rows = con.execute("""
        SELECT a.article_id, a.source_path, a.content_sha256, a.file_bytes, a.format, a.title, a.author,
               a.site_name, a.url, a.published_date, a.date_source, a.language, a.source_type,
               a.source_type_evidence, a.main_text, a.body_end_char, a.cut_chars, a.parse_warnings,
               (SELECT list((s.section_no, s.level, s.heading, s.body, s.start_char, s.end_char) ORDER BY s.section_no)
                FROM sections s WHERE s.article_id = a.article_id) AS secs
        FROM articles a WHERE a.article_id IN (SELECT article_id FROM _restage_ids)
        ORDER BY a.article_id""").fetchall()
    finally:
        con.unregister("_restage_ids")
    for r in rows:
        secs = [Section(*(s.values() if isinstance(s, dict) else s)) for s in (r[18] or [])]
        yield Document(
            article_id=r[0], source_path=r[1], content_sha256=r[2], file_bytes=r[3], encoding="", raw_text="",
            format=r[4], title=r[5], author=r[6], site_name=r[7], url=r[8], published_date=r[9],
            date_source=r[10], language=r[11], source_type=r[12], source_type_evidence=list(r[13]),
            main_text=r[14], body_end_char=r[15], cut_chars=r[16], warnings=list(r[17]), sections=secs)


def reannotate(con: duckdb.DuckDBPyConnection, run_id: int) -> int:
    """Re-annotate every stored article not loaded by this run; returns how many."""
    lexicon, triggers = load_lexicon(), load_triggers()
    ids = [r[0] for r in con.execute("SELECT article_id FROM articles WHERE run_id <> ? ORDER BY article_id",
                                     [run_id]).fetchall()]
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        batch: dict[str, list[dict]] = {t: [] for t in ANNOTATE_TABLES}
        for doc in stored_documents(con, chunk):
            for t, rows in annotation_rows(doc.article_id, annotate_document(doc, lexicon, triggers)).items():
                batch[t].extend(rows)
        delete_articles(con, chunk, ANNOTATE_TABLES)
        for t, rows in batch.items():
            insert_rows(con, t, rows)
    # Every article now carries this run's annotations: stamp it, so a diff by run_id sees the change.
    con.execute("UPDATE articles SET run_id = ? WHERE run_id <> ?", [run_id, run_id])
    wh.rebuild_summaries(con)
    return len(ids)


def restage(con: duckdb.DuckDBPyConnection, run_id: int, *, reannotate_all: bool) -> dict[str, float]:
    """Run the stages the plan asked for over every stored article; returns seconds per stage."""
    took: dict[str, float] = {}
    if reannotate_all:
        t0 = dt.datetime.now()
        n = reannotate(con, run_id)
        took["annotate_all"] = (dt.datetime.now() - t0).total_seconds()
        log.info("re-annotated %d stored articles in %.2fs (no file read)", n, took["annotate_all"])
    return took
