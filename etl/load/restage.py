"""Stage-level rebuilds: re-run annotation over the stored articles, without reading a file.

When only the lexicon, the context triggers or the annotation code changed, every article's
annotation tables (disease_mentions, candidate_terms, claims, red_flags, credibility, the evidence
columns of articles and citations) and what is derived from them (the summary
tables, lexicon_candidates) are rebuilt from the stored text, sections, cut blocks, citations and
signals, through the same pure :func:`etl.parse.annotate_document` a full parse uses, so
the tables equal those of a full rebuild (tests/test_restage.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

import duckdb
import pyarrow as pa

from etl.extract.citations import Citation
from etl.extract.sections import Section
from etl.extract.signals import Signal
from etl.knowledge.annotation import load_annotation_knowledge
from etl.knowledge.lexicon import load_lexicon, load_triggers
from etl.load.rows import (
    ANNOTATE_TABLES,
    annotation_rows,
    delete_articles,
    evidence_rows,
    insert_rows,
    update_evidence,
)
from etl.parse import Document, annotate_document
from warehouse import db as wh

log = logging.getLogger("stemwatch.etl")

CHUNK = 1000


def _by_article(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for row in con.execute(sql).fetchall():
        out.setdefault(row[0], []).append(row[1:])
    return out


def stored_documents(con: duckdb.DuckDBPyConnection, ids: list[str]) -> Iterator[Document]:
    """The stored Documents of these articles, as far as annotation reads them.

    Filled from articles, documents, sections, cut blocks, citations and commercial signals: every
    field :func:`etl.parse.annotate_document` reads.
    """
    con.register("_restage_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
    try:
        rows = con.execute("""
        SELECT a.article_id, a.source_path, a.content_sha256, a.file_bytes, a.format, a.title, a.author,
               a.site_name, a.url, a.published_date, a.date_source, a.url_date, a.language, a.source_type,
               a.source_type_evidence, a.main_text, a.body_end_char, a.cut_chars, a.parse_warnings,
               d.encoding, d.raw_text, d.outside_text, a.url_source, a.domain
        FROM articles a JOIN documents d USING (article_id)
        WHERE a.article_id IN (SELECT article_id FROM _restage_ids)
        ORDER BY a.article_id""").fetchall()
        pick = "WHERE article_id IN (SELECT article_id FROM _restage_ids)"
        secs = _by_article(con, f"""SELECT article_id, section_no, level, heading, body, start_char, end_char
                                    FROM sections {pick} ORDER BY article_id, section_no""")
        cuts = _by_article(con, f"SELECT article_id, rule, text FROM cut_blocks {pick} ORDER BY article_id, cut_no")
        cites = _by_article(con, f"""SELECT article_id, citation_no, raw, style, authors, title, container, year,
                                     volume, issue, pages, doi, pmid, url, start_char, end_char
                                     FROM citations {pick} ORDER BY article_id, citation_no""")
        sigs = _by_article(con, f"""SELECT article_id, kind, text, location, start_char
                                    FROM commercial_signals {pick} ORDER BY article_id, signal_no""")
    finally:
        con.unregister("_restage_ids")
    for r in rows:
        aid = r[0]
        yield Document(
            article_id=aid, source_path=r[1], content_sha256=r[2], file_bytes=r[3], format=r[4], title=r[5],
            author=r[6], site_name=r[7], url=r[8], published_date=r[9], date_source=r[10], url_date=r[11],
            language=r[12], source_type=r[13], source_type_evidence=list(r[14]), main_text=r[15],
            body_end_char=r[16], cut_chars=r[17], warnings=list(r[18]), encoding=r[19], raw_text=r[20],
            outside=r[21], url_source=r[22], domain=r[23],
            sections=[Section(*s) for s in secs.get(aid, [])],
            cut=[(c[0], c[1]) for c in cuts.get(aid, [])],
            citations=[Citation(c[0], c[1], c[2], list(c[3]), *c[4:]) for c in cites.get(aid, [])],
            signals=[Signal(*g) for g in sigs.get(aid, [])])


def reannotate(con: duckdb.DuckDBPyConnection, run_id: int) -> int:
    """Re-annotate every stored article not loaded by this run; returns how many."""
    lexicon, triggers, knowledge = load_lexicon(), load_triggers(), load_annotation_knowledge()
    ids = [r[0] for r in con.execute("SELECT article_id FROM articles WHERE run_id <> ? ORDER BY article_id",
                                     [run_id]).fetchall()]
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        batch: dict[str, list[dict]] = {t: [] for t in ANNOTATE_TABLES}
        articles: list[dict] = []
        citations: list[dict] = []
        for doc in stored_documents(con, chunk):
            ann = annotate_document(doc, lexicon, triggers, knowledge)
            for t, rows in annotation_rows(doc.article_id, ann).items():
                batch[t].extend(rows)
            article, cites = evidence_rows(doc.article_id, ann)
            articles.append(article)
            citations.extend(cites)
        delete_articles(con, chunk, ANNOTATE_TABLES)
        for t, rows in batch.items():
            insert_rows(con, t, rows)
        update_evidence(con, articles, citations)
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
