"""Read-only DuckDB connections for the dashboard, and the SQL console sandbox.

Every dashboard connection is a private in-memory DuckDB instance that ATTACHes the
published warehouse READ_ONLY, makes it the default catalog and detaches the in-memory
one, then turns external access off. Attaching (rather than ``duckdb.connect(path)``)
matters twice: DuckDB's per-path instance cache would hand a new connection the instance
of a file the ETL has since replaced, and it refuses a second connection with a different
configuration than one already open in the process (e.g. a test's own connection).

Two layers keep the console harmless:

1. The engine. Read-only warehouse, nothing else attached, external access, extension
   autoload/autoinstall and community extensions off, memory/thread limits and
   ``max_execution_time``; the console then sets ``lock_configuration`` so no statement
   can loosen them. This alone stops ``COPY``, ``ATTACH``, ``INSTALL``/``LOAD``,
   ``read_csv('/etc/passwd')``, http URLs and writes to the warehouse.
2. The statement type. ``CREATE TEMP TABLE`` still works (it writes to the temp catalog,
   in memory), so we parse the input with DuckDB's own parser and run it only if it is one
   SELECT (which covers FROM-first, WITH, VALUES, DESCRIBE, SHOW, SUMMARIZE) or an EXPLAIN
   of one. Everything else is refused with a message that says why, before it runs.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.db import open_with_retry

MAX_EXECUTION_MS = 5_000
MEMORY_LIMIT = "1GB"
CATALOG = "warehouse"

# Set when the instance is created; enable_external_access goes off after the ATTACH.
READ_CONFIG: dict[str, object] = {
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "allow_community_extensions": False,
    "memory_limit": MEMORY_LIMIT,
    "threads": 2,
    "max_execution_time": MAX_EXECUTION_MS,
    "temp_directory": "",  # never spill to disk
}

DEFAULT_ROW_LIMIT = 1_000
MAX_ROW_LIMIT = 10_000

_EXPLAIN = re.compile(r"^\s*explain(\s+analy[sz]e)?(\s*\([^)]*\))?", re.IGNORECASE)

# Statement type (duckdb.StatementType name) -> why it is refused.
_REFUSALS: dict[str, str] = {
    "INSERT": "the console is read-only: INSERT is not allowed",
    "UPDATE": "the console is read-only: UPDATE is not allowed",
    "DELETE": "the console is read-only: DELETE is not allowed",
    "CREATE": "the console is read-only: CREATE (including CREATE TEMP TABLE) is not allowed",
    "CREATE_FUNC": "the console is read-only: CREATE MACRO/FUNCTION is not allowed",
    "DROP": "the console is read-only: DROP is not allowed",
    "ALTER": "the console is read-only: ALTER is not allowed",
    "MERGE_INTO": "the console is read-only: MERGE is not allowed",
    "COPY": "COPY reads or writes files; the console cannot reach files",
    "COPY_DATABASE": "COPY reads or writes files; the console cannot reach files",
    "EXPORT": "EXPORT DATABASE writes files; the console cannot reach files",
    "ATTACH": "ATTACH opens other databases or files; the console only reads the warehouse",
    "DETACH": "DETACH changes the attached databases; the console only reads the warehouse",
    "LOAD": "INSTALL/LOAD of extensions is not allowed in the console",
    "EXTENSION": "INSTALL/LOAD of extensions is not allowed in the console",
    "SET": "settings are locked in the console (SET/RESET/PRAGMA ... = ...)",
    "VARIABLE_SET": "settings are locked in the console (SET VARIABLE)",
    "PRAGMA": "PRAGMA statements are not allowed; use SELECT * FROM pragma_...() table functions",
    "CALL": "CALL is not allowed; use SELECT * FROM table_function(...)",
    "TRANSACTION": "transactions are pointless in a read-only console",
    "PREPARE": "PREPARE/EXECUTE is not allowed",
    "EXECUTE": "PREPARE/EXECUTE is not allowed",
    "VACUUM": "VACUUM/ANALYZE write to the database",
    "ANALYZE": "VACUUM/ANALYZE write to the database",
}


class ConsoleRefused(ValueError):
    """The console will not run this statement; the message says why, for the user."""


@dataclass(frozen=True)
class ConsoleResult:
    frame: pd.DataFrame
    truncated: bool
    elapsed_ms: float
    statement_type: str


def open_read_only(db: str | os.PathLike[str], retries: int = 20) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published warehouse with the dashboard's engine limits
    (retried like every read-only open: warehouse.db.open_with_retry)."""

    def attach(path: Path) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(":memory:", config=READ_CONFIG)
        try:
            con.execute(f"ATTACH ? AS {CATALOG} (READ_ONLY)", [str(path)])
            con.execute(f"USE {CATALOG}")
            con.execute("DETACH memory")
            con.execute("SET enable_external_access = false")
            return con
        except BaseException:
            con.close()
            raise

    return open_with_retry(db, attach, retries)


def open_sandbox(db: str | os.PathLike[str]) -> duckdb.DuckDBPyConnection:
    """A read-only connection whose limits cannot be changed by what runs on it."""
    con = open_read_only(db)
    try:
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def check_statement(sql: str, con: duckdb.DuckDBPyConnection) -> str:
    """Return the statement type of ``sql`` if the console may run it, else raise ConsoleRefused."""
    if not sql.strip():
        raise ConsoleRefused("type a query first")
    try:
        statements = con.extract_statements(sql)
    except Exception as exc:  # duckdb.ParserException, or ValueError for types the client does not know
        raise ConsoleRefused(f"could not parse the query: {_first_line(exc)}") from exc
    if len(statements) != 1:
        raise ConsoleRefused(f"run one statement at a time (found {len(statements)})")
    kind = statements[0].type.name
    if kind == "SELECT":
        return kind
    if kind == "EXPLAIN":
        # EXPLAIN ANALYZE executes its statement, so what it explains must pass too.
        match = _EXPLAIN.match(statements[0].query)
        inner = statements[0].query[match.end():] if match else ""
        if not match or _EXPLAIN.match(inner) or check_statement(inner, con) != "SELECT":
            raise ConsoleRefused("Refused: only EXPLAIN [ANALYZE] of a single SELECT runs here.")
        return "EXPLAIN"
    reason = _REFUSALS.get(kind, f"{kind} statements are not allowed; only SELECT and EXPLAIN run here")
    raise ConsoleRefused(f"Refused: {reason}.")


def run_console_query(db: str | Path, sql: str, limit: int = DEFAULT_ROW_LIMIT) -> ConsoleResult:
    """Run one user query in the sandbox and return at most ``limit`` rows.

    Raises ConsoleRefused (with a message for the user) for anything it will not run and
    for engine refusals (file or network access, time or memory limit).
    """
    limit = max(1, min(int(limit), MAX_ROW_LIMIT))
    with contextlib.closing(open_sandbox(db)) as con:
        kind = check_statement(sql, con)
        start = time.perf_counter()
        try:
            if kind == "SELECT":
                # The relation is lazy: the limit is pushed into the plan, so
                # `SELECT * FROM articles` does not materialise every main_text.
                frame = con.sql(sql).limit(limit + 1).df()
            else:
                frame = con.execute(sql).df()
        except duckdb.PermissionException as exc:
            raise ConsoleRefused(
                "Refused: the console cannot read files or reach the network "
                "(read_csv, read_parquet, read_text, glob, http/s3 URLs, ATTACH, COPY). "
                f"Query the warehouse tables and views instead. [{_first_line(exc)}]"
            ) from exc
        except duckdb.InterruptException as exc:
            raise ConsoleRefused(
                f"Stopped: the query ran longer than {MAX_EXECUTION_MS / 1000:g} s. Add a filter or a LIMIT."
            ) from exc
        except duckdb.OutOfMemoryException as exc:
            raise ConsoleRefused(
                f"Stopped: the query needed more than {MEMORY_LIMIT} of memory. Aggregate or add a LIMIT."
            ) from exc
        except duckdb.InvalidInputException as exc:
            msg = str(exc)
            if "read-only" in msg or "configuration has been locked" in msg:
                raise ConsoleRefused(f"Refused: the console is read-only. [{_first_line(exc)}]") from exc
            raise
        elapsed = (time.perf_counter() - start) * 1000
    truncated = len(frame) > limit
    return ConsoleResult(frame.head(limit), truncated, elapsed, kind)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
