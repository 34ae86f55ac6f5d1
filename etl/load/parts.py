"""Arrow parts: the rows of a chunk of parsed documents, built where they were parsed.

A worker (a process of the local pool or a Dask worker) turns the documents of its chunk into
one Arrow table per warehouse table and returns those instead of the documents. Measured on
500 benchmark documents: pickling and unpickling the ParsedDocument objects cost 0.25 s (20 MB
of pickles for 5.3 MB of input), building rows and Arrow tables in the writer another 0.2 s;
an Arrow part crosses the pipe as a few large buffers, and the single writer only
concatenates and inserts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyarrow as pa

if TYPE_CHECKING:      # the writer's; a parse worker does not import DuckDB
    import duckdb


@dataclass
class RowsPart:
    """Stands in for a ParsedDocument in a "parsed" outcome that a worker sent.

    ``tables`` is set on the last parsed file of a chunk and holds the rows of every parsed
    file of the chunk, so the writer has seen all of the chunk's article ids (and deleted
    their old rows) by the time it inserts them.
    """

    article_id: str
    content_sha256: str
    tables: dict[str, pa.Table] | None = None


def build_part(docs: Iterable[object], run_id: int,
               doc_rows: Callable[[object, int], dict[str, list[dict]]]) -> dict[str, pa.Table]:
    """One Arrow table per warehouse table for ``docs`` (rows as ``doc_rows`` defines them)."""
    rows: dict[str, list[dict]] = {}
    for doc in docs:
        for table, r in doc_rows(doc, run_id).items():
            rows.setdefault(table, []).extend(r)
    return {t: pa.Table.from_pylist(r) for t, r in rows.items() if r}


def concat_parts(parts: list[dict[str, pa.Table]]) -> dict[str, pa.Table]:
    """The parts' tables, one per warehouse table (types unified: a column all NULL in one part)."""
    by_table: dict[str, list[pa.Table]] = {}
    for part in parts:
        for t, table in part.items():
            by_table.setdefault(t, []).append(table)
    return {t: tables[0] if len(tables) == 1 else pa.concat_tables(tables, promote_options="permissive")
            for t, tables in by_table.items()}


def insert_arrow(con: duckdb.DuckDBPyConnection, table: str, arrow: pa.Table) -> None:
    """Bulk insert, columns matched by name (one statement for the whole Arrow table)."""
    if arrow.num_rows == 0:
        return
    con.register("_part", arrow)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _part")
    finally:
        con.unregister("_part")


def release_arrow_memory() -> None:
    """Hand the memory of inserted parts back to the system.

    Arrow's allocator (mimalloc) keeps freed pages for reuse; a writer that has inserted a batch
    of parts holds nothing of it, and kept it cached on top of DuckDB's capped memory.
    """
    pa.default_memory_pool().release_unused()
