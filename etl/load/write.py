"""The writer's bulk writes of article rows (Arrow, never row by row), deletes and summaries.

Only the writer (etl/load/run.py and what it calls) imports this; the rows come from
etl/load/rows.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields

import duckdb
import pyarrow as pa

from etl.knowledge.lexicon import Concept
from etl.load.rows import ANNOTATE_TABLES, ARTICLE_EVIDENCE, CITATION_EVIDENCE, EXTRACT_TABLES, lexicon_rows
from warehouse import db as wh

# Every table with rows of an article (keyed by article_id).
ARTICLE_TABLES = (*EXTRACT_TABLES, *wh.SUMMARY_TABLES, *ANNOTATE_TABLES)


def update_evidence(con: duckdb.DuckDBPyConnection, articles: list[dict], citations: list[dict]) -> dict[str, int]:
    """Write re-annotated evidence columns into stored article and citation rows (one UPDATE each);
    returns how many rows of each table changed.

    Only rows whose values changed are updated: DuckDB updates a row with a list column
    (articles.trial_registry_ids) by deleting it and appending it whole, main_text included, so
    updating every article of a 10,000-article warehouse after a trigger edit (which leaves the
    evidence as it was) ran out of the build's capped memory.
    """
    sets = [("articles", ARTICLE_EVIDENCE, ("article_id",), articles),
            ("citations", CITATION_EVIDENCE, ("article_id", "citation_no"), citations)]
    changed = {"articles": 0, "citations": 0}
    for table, cols, keys, rows in sets:
        if not rows:
            continue
        con.register("_evidence", pa.Table.from_pylist(rows))
        try:
            assign = ", ".join(f"{c} = e.{c}" for c in cols)
            match = " AND ".join(f"{table}.{k} = e.{k}" for k in keys)
            moved = " OR ".join(f"{table}.{c} IS DISTINCT FROM e.{c}" for c in cols)
            changed[table] = con.execute(
                f"UPDATE {table} SET {assign} FROM _evidence e WHERE {match} AND ({moved})").fetchall()[0][0]
        finally:
            con.unregister("_evidence")
    return changed


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Append ``rows`` to ``table`` in one Arrow insert (columns matched by name)."""
    if not rows:
        return
    arrow = pa.Table.from_pylist(rows)
    con.register("_batch", arrow)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _batch")
    finally:
        con.unregister("_batch")


@contextmanager
def registered_ids(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> Iterator[None]:
    """The article ids registered as the relation ``_ids`` inside the ``with`` block."""
    con.register("_ids", pa.table({"article_id": pa.array(list(ids), pa.string())}))
    try:
        yield
    finally:
        con.unregister("_ids")


def _with_ids(con: duckdb.DuckDBPyConnection, ids: Iterable[str], statements: Iterable[str]) -> None:
    """Run ``statements`` with the article ids registered as the relation ``_ids``."""
    with registered_ids(con, ids):
        for stmt in statements:
            con.execute(stmt)


def delete_articles(con: duckdb.DuckDBPyConnection, ids: list[str], tables: Iterable[str] = ARTICLE_TABLES) -> None:
    """Remove every row of these articles from ``tables``."""
    if ids:
        _with_ids(con, ids, [f"DELETE FROM {t} WHERE article_id IN (SELECT article_id FROM _ids)" for t in tables])


def summarise(con: duckdb.DuckDBPyConnection, ids: list[str], *, replace: bool = True) -> None:
    """(Re)build the summary rows (warehouse/summaries.sql) of these articles, their old rows
    deleted first unless ``replace`` is False (the caller deleted every row of these articles)."""
    if ids:
        deletes = [f"DELETE FROM {t} WHERE article_id IN (SELECT article_id FROM _ids)"
                   for t in wh.SUMMARY_TABLES] if replace else []
        _with_ids(con, ids, [*deletes, *wh.summary_statements()])


def stored_concepts(con: duckdb.DuckDBPyConnection) -> list[Concept]:
    """The concepts of the diseases table: the lexicon the stored annotations were made with."""
    names = [f.name for f in fields(Concept)]
    rows = con.execute(f"SELECT {', '.join(names)} FROM diseases ORDER BY concept_id").fetchall()
    return [Concept(**{**dict(zip(names, r, strict=True)), "synonyms": tuple(r[names.index("synonyms")])}) for r in rows]


def replace_lexicon(con: duckdb.DuckDBPyConnection, concepts: list[Concept]) -> None:
    """The diseases table as the lexicon files say now."""
    con.execute("DELETE FROM diseases")
    insert_rows(con, "diseases", lexicon_rows(concepts))
