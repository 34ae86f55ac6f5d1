# ruff: noqa: F811  -- fixtures imported from tests.dashboard_support are re-bound as test parameters
"""The SQL console sandbox (dashboard/safe_sql.py) on a warehouse built by the real ETL.

Two layers are tested separately: the statement check (what the console refuses, and the
message) and the engine (what the locked read-only connection refuses even when the
check is bypassed), so one layer failing is caught by the other's tests too.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import duckdb
import pytest

from dashboard import safe_sql
from tests.dashboard_support import dashboard_db, expect_value  # noqa: F401


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def db(dashboard_db: Path, tmp_path: Path) -> Path:
    """A private copy, so a test can check that the file is byte-for-byte unchanged."""
    copy = tmp_path / "stemwatch.duckdb"
    copy.write_bytes(dashboard_db.read_bytes())
    return copy


def refused(db: Path, sql: str) -> str:
    with pytest.raises(safe_sql.ConsoleRefused) as info:
        safe_sql.run_console_query(db, sql)
    return str(info.value)


def test_select_runs_with_a_row_limit(db: Path) -> None:
    n = expect_value(db, "SELECT count(*) FROM disease_mentions")
    assert n > 3
    res = safe_sql.run_console_query(db, "SELECT mention_no, surface FROM disease_mentions ORDER BY article_id, mention_no", 3)
    assert len(res.frame) == 3 and res.truncated and list(res.frame.columns) == ["mention_no", "surface"]
    res = safe_sql.run_console_query(db, "SELECT count(*) AS n FROM disease_mentions")
    assert res.frame["n"].iloc[0] == n and not res.truncated


@pytest.mark.parametrize("sql", [
    "FROM articles LIMIT 2",
    "WITH t AS (SELECT source_type FROM articles) SELECT DISTINCT * FROM t",
    "DESCRIBE articles",
    "SHOW TABLES",
    "SUMMARIZE SELECT main_chars FROM articles",
    "SELECT * FROM v_freshness",
    "EXPLAIN SELECT count(*) FROM articles",
    "EXPLAIN ANALYZE SELECT count(*) FROM articles",
    "select comment from duckdb_columns() where table_name = 'articles'",
])
def test_read_only_statements_run(db: Path, sql: str) -> None:
    assert len(safe_sql.run_console_query(db, sql).frame) >= 1


@pytest.mark.parametrize(("sql", "message"), [
    ("INSERT INTO quarantine SELECT * FROM quarantine", "read-only: INSERT"),
    ("UPDATE articles SET title = 'x'", "read-only: UPDATE"),
    ("DELETE FROM articles", "read-only: DELETE"),
    ("DROP TABLE articles", "read-only: DROP"),
    ("ALTER TABLE articles ADD COLUMN x INT", "read-only: ALTER"),
    ("CREATE TABLE t AS SELECT 1", "read-only: CREATE"),
    ("CREATE TEMP TABLE t AS SELECT * FROM articles", "CREATE TEMP TABLE"),
    ("CREATE MACRO m(a) AS a", "read-only: CREATE"),
    ("COPY articles TO '/tmp/stemwatch-leak.csv'", "cannot reach files"),
    ("COPY quarantine FROM '/etc/passwd'", "cannot reach files"),
    ("EXPORT DATABASE '/tmp/stemwatch-export'", "cannot reach files"),
    ("ATTACH '/tmp/other.duckdb' AS other", "only reads the warehouse"),
    ("DETACH stemwatch", "only reads the warehouse"),
    ("INSTALL httpfs", "extensions"),
    ("LOAD httpfs", "extensions"),
    ("SET enable_external_access = true", "settings are locked"),
    ("RESET lock_configuration", "settings are locked"),
    ("PRAGMA threads = 8", "settings are locked"),
    ("CHECKPOINT", "CALL is not allowed"),
    ("SELECT 1; DROP TABLE articles", "one statement at a time"),
    ("EXPLAIN ANALYZE CREATE TEMP TABLE t AS SELECT 1", "CREATE"),
    ("SELEC 1", "could not parse"),
    ("   ", "type a query"),
])
def test_the_console_refuses_with_a_clear_message(db: Path, sql: str, message: str) -> None:
    before = digest(db)
    assert message in refused(db, sql)
    assert digest(db) == before
    assert not Path("/tmp/stemwatch-leak.csv").exists()


@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_blob('/etc/hostname')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM read_parquet('https://example.com/x.parquet')",
    "SELECT * FROM read_json_auto('http://169.254.169.254/latest/meta-data')",
])
def test_files_and_network_are_unreachable(db: Path, sql: str) -> None:
    message = refused(db, sql)
    assert "cannot read files or reach the network" in message
    assert "root:" not in message


def test_a_bare_file_name_is_not_a_table(db: Path) -> None:
    # With external access off DuckDB does not even try its replacement scan on the path.
    with pytest.raises(duckdb.CatalogException, match="does not exist"):
        safe_sql.run_console_query(db, "SELECT * FROM '/etc/passwd'")


def test_a_runaway_query_is_stopped(db: Path) -> None:
    message = refused(db, "SELECT count(*) FROM range(1000000000) a, range(100000) b WHERE a.range + b.range < 0")
    assert "ran longer than" in message


@pytest.mark.parametrize("sql", [
    "COPY articles TO '/tmp/stemwatch-leak.csv'",
    "SELECT * FROM read_csv('/etc/passwd')",
    "ATTACH '/tmp/other.duckdb' AS other",
    "INSTALL httpfs",
    "LOAD httpfs",
    "INSERT INTO quarantine SELECT * FROM quarantine",
    "SET enable_external_access = true",
    "SET lock_configuration = false",
    "SET max_execution_time = 0",
    "SET memory_limit = '64GB'",
])
def test_the_engine_refuses_even_without_the_statement_check(db: Path, sql: str) -> None:
    with contextlib.closing(safe_sql.open_sandbox(db)) as con:
        with pytest.raises(duckdb.Error):
            con.execute(sql)
        assert con.execute("SELECT current_setting('enable_external_access')").fetchone()[0] is False
        assert con.execute("SELECT current_setting('lock_configuration')").fetchone()[0] is True
    assert not Path("/tmp/stemwatch-leak.csv").exists()


def test_temp_tables_are_the_one_engine_gap_the_check_closes(db: Path) -> None:
    """A read-only database still accepts CREATE TEMP TABLE; only the statement check stops it."""
    with contextlib.closing(safe_sql.open_sandbox(db)) as con:
        con.execute("CREATE TEMP TABLE scratch AS SELECT 1 AS x")  # the engine allows it...
    assert "CREATE TEMP TABLE" in refused(db, "CREATE TEMP TABLE scratch AS SELECT 1 AS x")  # ...the console does not
