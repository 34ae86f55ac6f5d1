"""Which SQL statements a read-only user may run: one definition for the dashboard's console
and `stemwatch sql`.

The input is parsed with DuckDB's own parser (nothing runs) and accepted only if it is one
SELECT (which covers FROM-first, WITH, VALUES, DESCRIBE, SHOW, SUMMARIZE, UNPIVOT), a PIVOT,
or an EXPLAIN [ANALYZE] of one of those. Everything else is refused with a message that says
why, before it runs. Every exception from the parser (a syntax error, or a statement type
the Python client does not know, such as ``UPDATE EXTENSIONS``) becomes such a message.
"""

from __future__ import annotations

import contextlib
import re

import duckdb

from warehouse.guard import NO_EXTENSIONS

MAX_SQL_CHARS = 100_000
_EXPLAIN = re.compile(r"^\s*explain(\s+analy[sz]e)?(\s*\([^)]*\))?", re.IGNORECASE)
_PIVOT = re.compile(r"^\s*pivot(_wider)?\b", re.IGNORECASE)
_ALLOWED = "only SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, PIVOT and EXPLAIN run here"

# Statement type (duckdb.StatementType name) -> why it is refused.
_REFUSALS: dict[str, str] = {
    "INSERT": "read-only: INSERT is not allowed",
    "UPDATE": "read-only: UPDATE is not allowed",
    "DELETE": "read-only: DELETE is not allowed",
    "CREATE": "read-only: CREATE (including CREATE TEMP TABLE) is not allowed",
    "CREATE_FUNC": "read-only: CREATE MACRO/FUNCTION is not allowed",
    "DROP": "read-only: DROP is not allowed",
    "ALTER": "read-only: ALTER is not allowed",
    "MERGE_INTO": "read-only: MERGE is not allowed",
    "COPY": "COPY reads or writes files; queries here cannot reach files (use `stemwatch export` to write files)",
    "COPY_DATABASE": "COPY reads or writes files; queries here cannot reach files (use `stemwatch export` to write files)",
    "EXPORT": "EXPORT DATABASE writes files; queries here cannot reach files (use `stemwatch export` to write files)",
    "ATTACH": "ATTACH opens other databases or files; stemwatch only reads the warehouse",
    "DETACH": "DETACH changes the attached databases; stemwatch only reads the warehouse",
    "LOAD": "INSTALL/LOAD of extensions is not allowed",
    "EXTENSION": "INSTALL/LOAD of extensions is not allowed",
    "SET": "settings are locked (SET/RESET/PRAGMA ... = ...)",
    "VARIABLE_SET": "settings are locked (SET VARIABLE)",
    "PRAGMA": "PRAGMA statements are not allowed; use SELECT * FROM pragma_...() table functions",
    "CALL": "CALL is not allowed; use SELECT * FROM table_function(...)",
    "TRANSACTION": "transactions are pointless on a read-only warehouse",
    "PREPARE": "PREPARE/EXECUTE is not allowed",
    "EXECUTE": "PREPARE/EXECUTE is not allowed",
    "VACUUM": "VACUUM/ANALYZE write to the database",
    "ANALYZE": "VACUUM/ANALYZE write to the database",
}


class Refused(ValueError):
    """This statement will not run; the message says why, for the user."""


def check_statement(sql: str, con: duckdb.DuckDBPyConnection | None = None) -> str:
    """The kind of ``sql`` (SELECT, PIVOT or EXPLAIN) if a read-only user may run it, else raise Refused.

    ``con`` only parses; without one a private in-memory connection is used.
    """
    if not sql.strip():
        raise Refused("type a query first")
    if len(sql) > MAX_SQL_CHARS:
        raise Refused(f"Refused: the query is {len(sql):,} characters long; at most {MAX_SQL_CHARS:,} are accepted.")
    if con is None:
        with contextlib.closing(duckdb.connect(":memory:", config=dict(NO_EXTENSIONS))) as own:
            return check_statement(sql, own)
    try:
        statements = con.extract_statements(sql)
        kinds = [s.type.name for s in statements]
    except duckdb.ParserException as exc:
        raise Refused(f"could not parse the query: {first_line(exc)}") from exc
    except ValueError as exc:   # a statement type this client does not know (e.g. UPDATE EXTENSIONS)
        raise Refused(f"Refused: this kind of statement is not allowed; {_ALLOWED}.") from exc
    except Exception as exc:    # anything else the parser throws is still the user's input
        raise Refused(f"could not parse the query: {first_line(exc)}") from exc
    if len(statements) != 1:
        raise Refused(f"run one statement at a time (found {len(statements)})")
    kind, query = kinds[0], statements[0].query
    if kind == "SELECT":
        return kind
    if kind == "MULTI" and _PIVOT.match(query):
        return "PIVOT"    # DuckDB plans a PIVOT as several statements; it only reads
    if kind == "EXPLAIN":
        # EXPLAIN ANALYZE executes its statement, so what it explains must pass too.
        match = _EXPLAIN.match(query)
        inner = query[match.end():] if match else ""
        if not match or _EXPLAIN.match(inner) or check_statement(inner, con) not in ("SELECT", "PIVOT"):
            raise Refused("Refused: only EXPLAIN [ANALYZE] of a single SELECT runs here.")
        return "EXPLAIN"
    reason = _REFUSALS.get(kind, f"{kind} statements are not allowed; {_ALLOWED}")
    raise Refused(f"Refused: {reason}.")


def first_line(exc: BaseException) -> str:
    """The first line of an exception's text (DuckDB appends hints and stack notes below it)."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
