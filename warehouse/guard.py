"""Is this path a stemwatch warehouse? Checked before anything opens or replaces it.

``--db`` naming a text file or a SQLite database used to be overwritten by the next run
(after a warning, exit 0), and opening a SQLite file made DuckDB try to download an
extension for a minute. So a path is accepted only when it is missing (a new warehouse)
or a DuckDB file holding stemwatch's tables; the file's magic bytes are read before DuckDB
ever opens it, and no connection we open may install or load an extension.
"""

from __future__ import annotations

import contextlib
import os
import stat as statmod
from pathlib import Path

import duckdb

# Every connection stemwatch opens: extensions are never fetched or loaded behind our back.
NO_EXTENSIONS: dict[str, object] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}
# A DuckDB database file: an 8-byte checksum, then this magic.
DUCKDB_MAGIC, MAGIC_OFFSET = b"DUCK", 8
# Tables only a stemwatch warehouse has together.
OUR_TABLES = frozenset({"etl_runs", "source_files", "articles", "quarantine"})

_KNOWN = [
    (b"SQLite format 3\x00", "a SQLite database"),
    (b"PAR1", "a Parquet file"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x7fELF", "an executable"),
]


class NotAWarehouse(ValueError):
    """The path exists but is not a stemwatch warehouse; it is left untouched."""


def what_is(head: bytes) -> str:
    """A few words for a file that is not a DuckDB database, from its first bytes."""
    if not head:
        return "an empty file"
    for magic, words in _KNOWN:
        if head.startswith(magic):
            return words
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:   # not merely a character cut at the end of the sample
            return "a binary file"
    return "a text file"


def check_magic(path: str | os.PathLike[str]) -> None:
    """Raise NotAWarehouse unless ``path`` is a regular file that starts like a DuckDB database."""
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        return
    if statmod.S_ISDIR(st.st_mode):
        raise NotAWarehouse(f"{p} is a folder, not a warehouse file; give the path of a .duckdb file (e.g. {p / 'stemwatch.duckdb'})")
    if not statmod.S_ISREG(st.st_mode):
        raise NotAWarehouse(f"{p} is not a regular file (a FIFO, socket or device); refusing to open it")
    try:
        with open(p, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise NotAWarehouse(f"cannot read {p}: {exc.strerror}") from exc
    if head[MAGIC_OFFSET:MAGIC_OFFSET + len(DUCKDB_MAGIC)] != DUCKDB_MAGIC:
        raise NotAWarehouse(f"{p} is {what_is(head)}, not a DuckDB warehouse; refusing to open or replace it "
                            "(give another --db path, or move the file away)")


def check_warehouse(path: str | os.PathLike[str]) -> None:
    """Raise NotAWarehouse unless ``path`` is missing or a DuckDB file with stemwatch's tables.

    A file another client holds read-write cannot be opened to look inside; its magic bytes
    were checked, and the run reads a private copy of it anyway, so that case passes.
    """
    p = Path(path)
    check_magic(p)
    if not p.exists():
        return
    try:
        con = duckdb.connect(str(p), read_only=True, config=dict(NO_EXTENSIONS))
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            return
        raise NotAWarehouse(f"{p} is not a readable DuckDB database: {str(exc).splitlines()[0]}") from exc
    except duckdb.Error as exc:
        raise NotAWarehouse(f"{p} is not a readable DuckDB database: {str(exc).splitlines()[0]}") from exc
    with contextlib.closing(con):
        names = {r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()").fetchall()}
    missing = OUR_TABLES - names
    if missing:
        raise NotAWarehouse(f"{p} is a DuckDB database but not a stemwatch warehouse (no {', '.join(sorted(missing))} "
                            "table); refusing to replace it (give another --db path)")
