"""Stage-level rebuilds: re-run annotation or source-type classification over the stored
articles, without reading a file.

* annotate_all: when only the lexicon, the context triggers or the annotation code changed, every
  article's annotation tables (disease_mentions, candidate_terms, claims, red_flags, credibility,
  the evidence columns of articles and citations) and what is derived from them (the summary
  tables, lexicon_candidates) are rebuilt from the stored text, sections, cut blocks, citations
  and signals, through the same pure :func:`etl.parse.annotate_document` a full parse uses;
* annotate_changed: when only the disease lexicon's concept files changed, the same, but only for
  the articles whose main_text holds a matcher key of a concept added, removed or changed
  (:func:`etl.knowledge.lexicon.changed_keys`): every other article gets the same mentions, and
  so the same annotations, from either lexicon;
* classify_all: when the sources file changed, every article's source_type and its evidence are
  decided again by the same :func:`etl.extract.metadata.classify_source` the parse calls, from
  the classifier inputs each load stores (etl/load/rows.py SOURCE_INPUT_COLUMNS: url, site name
  and the page's own cue decision), and the summaries of the articles that changed are rebuilt.

Either way the tables equal those of a full rebuild (tests/test_restage.py).
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator

import duckdb
import pyarrow as pa

from etl.annotate.mentions import matching_shadow
from etl.extract.citations import Citation
from etl.extract.metadata import classify_source
from etl.extract.sections import Section
from etl.extract.signals import Signal
from etl.knowledge.annotation import AnnotationKnowledge, load_annotation_knowledge
from etl.knowledge.lexicon import (
    Concept,
    Lexicon,
    Matcher,
    TriggerSet,
    changed_keys,
    load_lexicon,
    load_triggers,
)
from etl.knowledge.rules import Rules
from etl.load import workers
from etl.load.clock import Clock
from etl.load.engines import PARALLEL_THRESHOLD, init_pool_worker
from etl.load.plan import Stages
from etl.load.rows import (
    ANNOTATE_TABLES,
    SOURCE_INPUT_COLUMNS,
    annotation_rows,
    evidence_rows,
    stored_source_inputs,
)
from etl.load.write import delete_articles, insert_rows, summarise, update_evidence
from etl.parse import Document, annotate_document

log = logging.getLogger("stemwatch.etl")

CHUNK = 1000
POOL_CHUNK = 100   # stored documents per pool task
SUMMARY_SLICE = 500   # articles per summary pass (warehouse/db.py BUILD_MEMORY_LIMIT)
CHECKPOINT_EVERY = 1000   # articles rewritten between checkpoints (see _Writer)
_INPUT_COLUMNS = tuple(dict.fromkeys(SOURCE_INPUT_COLUMNS.values()))


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
    inputs = _INPUT_COLUMNS
    con.register("_restage_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
    try:
        rows = con.execute(f"""
        SELECT a.article_id, a.source_path, a.content_sha256, a.file_bytes, a.format, a.title, a.author,
               a.site_name, a.url, a.published_date, a.date_source, a.url_date, a.language, a.source_type,
               a.source_type_evidence, a.main_text, a.body_end_char, a.cut_chars, a.parse_warnings,
               d.encoding, d.raw_text, d.outside_text, a.url_source, a.domain, {", ".join(f"a.{c}" for c in inputs)}
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
            language=r[12], source_type=r[13], source_type_evidence=list(r[14]),
            source_inputs=stored_source_inputs(dict(zip(inputs, r[24:], strict=True))), main_text=r[15],
            body_end_char=r[16], cut_chars=r[17], warnings=list(r[18]), encoding=r[19], raw_text=r[20],
            outside=r[21], url_source=r[22], domain=r[23],
            sections=[Section(*s) for s in secs.get(aid, [])],
            cut=[(c[0], c[1]) for c in cuts.get(aid, [])],
            citations=[Citation(c[0], c[1], c[2], list(c[3]), *c[4:]) for c in cites.get(aid, [])],
            signals=[Signal(*g) for g in sigs.get(aid, [])])


def _stored_ids(con: duckdb.DuckDBPyConnection, run_id: int) -> list[str]:
    """Every stored article this run did not (re)load: the ones a stage must revisit."""
    return [r[0] for r in con.execute("SELECT article_id FROM articles WHERE run_id <> ? ORDER BY article_id",
                                      [run_id]).fetchall()]


Rows = tuple[dict[str, list[dict]], list[dict], list[dict]]   # annotation tables, article and citation evidence


def annotate_stored(docs: list[Document], lexicon: Lexicon, triggers: TriggerSet, knowledge: AnnotationKnowledge) -> Rows:
    """The annotation rows of stored documents, through the parse's own annotate_document. Pure."""
    batch: dict[str, list[dict]] = {t: [] for t in ANNOTATE_TABLES}
    articles: list[dict] = []
    citations: list[dict] = []
    for doc in docs:
        ann = annotate_document(doc, lexicon, triggers, knowledge)
        for t, rows in annotation_rows(doc.article_id, ann).items():
            batch[t].extend(rows)
        article, cites = evidence_rows(doc.article_id, ann)
        articles.append(article)
        citations.extend(cites)
    return batch, articles, citations


def _annotate_in_worker(docs: list[Document]) -> Rows:
    """annotate_stored in a pool worker, with the knowledge its initializer loaded."""
    kn = workers._KNOWLEDGE
    return annotate_stored(docs, kn["lexicon"], kn["triggers"], kn["annotation"])  # type: ignore[arg-type]


class _Writer:
    """Writes re-annotated rows, with a CHECKPOINT every CHECKPOINT_EVERY articles.

    Rewriting the rows of 2,000 of 10,000 articles without one ran out of the build's capped
    memory (warehouse/db.py BUILD_MEMORY_LIMIT): the changed index and row blocks stay pinned
    until a checkpoint writes them out.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.since = 0

    def articles_changed(self, n: int) -> None:
        self.since += n
        if self.since >= CHECKPOINT_EVERY:
            self.con.execute("CHECKPOINT")
            self.since = 0

    def write(self, chunk: list[str], rows: Rows) -> None:
        batch, articles, citations = rows
        delete_articles(self.con, chunk, ANNOTATE_TABLES)
        for t, table_rows in batch.items():
            insert_rows(self.con, t, table_rows)
        update_evidence(self.con, articles, citations)
        self.articles_changed(len(chunk))


def reannotate(con: duckdb.DuckDBPyConnection, run_id: int, ids: list[str], processes: int = 0) -> int:
    """Re-annotate these stored articles and stamp them with this run; returns how many.

    Like a full load's parse, on a ``spawn`` pool of ``processes`` workers (0: one per core) once
    there are PARALLEL_THRESHOLD articles; this process reads the stored documents of the next
    chunks and writes the rows of the finished ones meanwhile. The caller rebuilds the summaries.
    """
    n = processes or (os.cpu_count() or 1)
    out = _Writer(con)
    if n <= 1 or len(ids) < PARALLEL_THRESHOLD:
        know = (load_lexicon(), load_triggers(), load_annotation_knowledge())
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i:i + CHUNK]
            out.write(chunk, annotate_stored(list(stored_documents(con, chunk)), *know))
    else:
        size = max(1, min(POOL_CHUNK, len(ids) // (n * 4) or 1))
        ctx = multiprocessing.get_context("spawn")
        with cf.ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=init_pool_worker,
                                    initargs=(None,)) as pool:
            pending: deque[tuple[list[str], cf.Future[Rows]]] = deque()
            for i in range(0, len(ids), size):
                chunk = ids[i:i + size]
                pending.append((chunk, pool.submit(_annotate_in_worker, list(stored_documents(con, chunk)))))
                while len(pending) > n or (pending and pending[0][1].done()):
                    done, fut = pending.popleft()
                    out.write(done, fut.result())
            while pending:
                done, fut = pending.popleft()
                out.write(done, fut.result())
    # Every article now carries this run's annotations: stamp it, so a diff by run_id sees the change.
    _stamp(con, ids, run_id)
    return len(ids)


def _stamp(con: duckdb.DuckDBPyConnection, ids: list[str], run_id: int) -> None:
    if ids:
        con.register("_stamp_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
        try:
            con.execute("UPDATE articles SET run_id = ? WHERE article_id IN (SELECT article_id FROM _stamp_ids)", [run_id])
        finally:
            con.unregister("_stamp_ids")


def reclassify(con: duckdb.DuckDBPyConnection, run_id: int, ids: list[str], rules: Rules) -> list[str]:
    """Decide the source type of these stored articles again from their stored classifier inputs.

    Returns the ids whose source_type or evidence changed; those rows are rewritten and stamped
    with this run (the caller rebuilds their summaries).
    """
    names = ("article_id", "source_type", "source_type_evidence", *_INPUT_COLUMNS)
    con.register("_restage_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
    try:
        stored = [dict(zip(names, r, strict=True)) for r in con.execute(
            f"""SELECT {", ".join(names)} FROM articles
                WHERE article_id IN (SELECT article_id FROM _restage_ids)""").fetchall()]
    finally:
        con.unregister("_restage_ids")
    changed = []
    for row in stored:
        decision = classify_source(rules, stored_source_inputs(row))
        if decision.source_type != row["source_type"] or decision.evidence != row["source_type_evidence"]:
            changed.append({"article_id": row["article_id"], "source_type": decision.source_type,
                            "source_type_evidence": decision.evidence})
    if changed:
        con.register("_classified", pa.Table.from_pylist(changed))
        try:
            con.execute("""UPDATE articles SET source_type = c.source_type, source_type_evidence = c.source_type_evidence,
                                               run_id = ?
                           FROM _classified c WHERE articles.article_id = c.article_id""", [run_id])
        finally:
            con.unregister("_classified")
    return [c["article_id"] for c in changed]


def lexicon_affected(con: duckdb.DuckDBPyConnection, ids: list[str], old: list[Concept], new: list[Concept]) -> list[str]:
    """The articles among ``ids`` whose text holds a key of :func:`changed_keys`: in main_text as
    stored (candidate terms are read there) or in the shadow mentions are matched in (a form
    written with pinyin notes, ``糖(táng)尿病``, or across a hard line wrap is found only there)."""
    keys = sorted(changed_keys(old, new))
    if not keys:
        return []
    matcher = Matcher(keys, keys)
    out = []
    for i in range(0, len(ids), CHUNK):
        con.register("_restage_ids", pa.table({"article_id": pa.array(ids[i:i + CHUNK], pa.string())}))
        try:
            rows = con.execute("SELECT article_id, main_text FROM articles "
                               "WHERE article_id IN (SELECT article_id FROM _restage_ids)").fetchall()
        finally:
            con.unregister("_restage_ids")
        out += [aid for aid, text in rows if matcher.find(text) or matcher.find(matching_shadow(text).text)]
    return sorted(out)


def restage(con: duckdb.DuckDBPyConnection, run_id: int, stages: Stages, rules: Rules,
            old_concepts: list[Concept], concepts: list[Concept], clock: Clock, processes: int = 0) -> None:
    """Run the stages the plan asked for over the stored articles, each timed as a phase of ``clock``.

    The articles this run loaded from their files already have everything current.
    ``old_concepts``/``concepts``: the lexicon the stored annotations were made with, and today's.
    """
    ids = _stored_ids(con, run_id)
    # Blocks the catch-up of the spare and this run's own writes changed stay pinned in the build's
    # capped memory until a checkpoint: a trigger edit run right after a lexicon edit (its spare
    # caught up by a diff of 2,000 articles) ran out of memory at 10,000 articles without this one.
    con.execute("CHECKPOINT")
    reclassified: list[str] = []
    if stages.reclassify:
        with clock.phase("classify_all"):
            reclassified = reclassify(con, run_id, ids, rules)
        log.info("re-classified %d stored articles (%d changed source type or evidence) in %.2fs (no file read)",
                 len(ids), len(reclassified), clock.wall["classify_all"])
    annotated: list[str] = []
    if stages.reannotate or stages.lexicon:
        name = "annotate_all" if stages.reannotate else "annotate_changed"
        with clock.phase(name):
            annotated = ids if stages.reannotate else lexicon_affected(con, ids, old_concepts, concepts)
            reannotate(con, run_id, annotated, processes)
        log.info("re-annotated %d of %d stored articles in %.2fs (no file read)", len(annotated), len(ids),
                 clock.wall[name])
    with clock.phase("summaries"):
        # In slices, as a run's batches are: 2,000 articles at once ran out of the build's capped memory.
        moved = sorted({*annotated, *reclassified})
        if moved:
            con.execute("CHECKPOINT")
        out = _Writer(con)
        for i in range(0, len(moved), SUMMARY_SLICE):
            summarise(con, moved[i:i + SUMMARY_SLICE])
            out.articles_changed(SUMMARY_SLICE)
