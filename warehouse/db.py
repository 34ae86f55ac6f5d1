"""Opening and publishing the warehouse file.

Publishing pattern (see docs/architecture.md): a run builds the next warehouse in a
temporary file beside the live one, CHECKPOINTs and closes it, fsyncs it and then
``os.replace()``s it over the live path. Readers open short-lived read-only connections;
one that is open during the swap keeps reading the old file (its inode) and the next one
sees the new file. A writer never opens the live file, so a reader can never block it,
and a killed writer leaves only a stale temporary file that the next run deletes.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import hashlib
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

from warehouse.guard import NO_EXTENSIONS, check_magic

# DuckDB 2.x writes a storage format 1.x clients cannot open; users' own clients may be 1.5.
STORAGE_COMPATIBILITY = "v1.5.0"
TMP_MARK = ".tmp-"
# Rows per row group in a built warehouse (DuckDB's default is 122,880). A CHECKPOINT rewrites
# the row group that new rows were appended to, whole; with the default, one changed file in a
# 10,000-document warehouse rewrote every table's only row group (about 4 s of the run). The
# row group size is not stored in the file, so every build must open with the same value.
BUILD_ROW_GROUP_SIZE = 2048
BUILD_MEMORY_LIMIT = "192MB"
# A full load's cap (full_load_memory_limit) is lower: what it holds beyond the rows being
# written is cached blocks it has already written, which only the summaries read again
# (peak RSS of a 100,000-document load: benchmarks/results/memory.md).
FULL_LOAD_MEMORY_MB = 128
# Freed memory DuckDB's allocator may keep cached after a task before handing it back to the
# system (DuckDB's default, 128 MB, sat in the writer's RSS on top of the memory limit).
BUILD_ALLOCATOR_FLUSH = "16MB"


class WarehouseMissing(FileNotFoundError):
    """The warehouse file does not exist yet (run `stemwatch etl` first)."""


class WarehouseBusy(RuntimeError):
    """Another ETL run holds the writer lock."""


def _sql(name: str) -> str:
    """One SQL file of the warehouse package."""
    return resources.files("warehouse").joinpath(name).read_text(encoding="utf-8")


def schema_sql() -> str:
    return _sql("schema.sql")


# Rows of the vocabulary table: {vocabulary, value, position, label, colour, description}.
VocabularyRows = Sequence[Mapping[str, object]]
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def render_schema(vocabulary: VocabularyRows) -> str:
    """schema.sql with each {{name}} replaced by the quoted values of vocabulary ``name``."""
    values: dict[str, list[str]] = {}
    for row in vocabulary:
        values.setdefault(str(row["vocabulary"]), []).append(str(row["value"]))

    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        if not values.get(name):
            raise ValueError(f"warehouse/schema.sql needs vocabulary {name!r}, which has no values")
        return ", ".join("'" + v.replace("'", "''") + "'" for v in values[name])

    text = schema_sql()
    header, _, body = text.partition("\nCREATE TABLE")  # the header comment names the syntax
    return header + "\nCREATE TABLE" + _PLACEHOLDER.sub(fill, body)


def views_sql() -> str:
    return _sql("views.sql")


def summaries_sql() -> str:
    return _sql("summaries.sql")


def rollups_sql() -> str:
    return _sql("rollups.sql")


def rollup_keys_sql() -> str:
    return _sql("rollup_keys.sql")


# The rollups a refresh changes by deltas (warehouse/rollup_deltas.sql) rather than by rebuilding its keys.
DELTA_ROLLUPS = ("topic_cells", "claim_cells")
_TARGET = re.compile(r"^(?:DELETE FROM|INSERT INTO) (\w+)")


SUMMARY_TABLES = ("article_concepts", "article_stats")
# Articles per summary pass when many are summarised at once (a full load, a re-annotation): a
# pass over 10,000 articles needs about 64-96 MB of the writer's capped memory (BUILD_MEMORY_LIMIT).
SUMMARY_SLICE = 5_000
ROLLUP_TABLES = ("topic_cells", "claim_cells", "flag_cells")
# Rollups and the key each is rebuilt by (warehouse/rollups.sql), with the temporary table of keys.
ROLLUP_KEYS = {"topic_cells": ("concept_id", "_concepts"), "claim_cells": ("concept_id", "_concepts"),
               "flag_cells": ("basis_id", "_bases"), "lexicon_candidates": ("term", "_terms")}
# Where every key of a rollup can come from, for a rebuild over every key: the rollup itself
# (keys that lost their last row) and the tables it is computed from.
ALL_KEYS = {"_concepts": ("topic_cells", "article_concepts", "claim_cells", "claims"),
            "_bases": ("flag_cells", "red_flags"), "_terms": ("lexicon_candidates", "candidate_terms")}
_KEY_COMMENT = re.compile(r"^-- key \(([^)]*)\):.*\nCREATE TABLE (\w+) \(", re.M)


def undeclared_keys() -> dict[str, tuple[str, ...]]:
    """The keys schema.sql names in a ``-- key (...)`` comment but does not declare (no ART index
    held in memory during a build; see the schema's header): table -> key columns."""
    return {t: tuple(c.strip() for c in cols.split(",")) for cols, t in _KEY_COMMENT.findall(schema_sql())}


def _statements(sql: str) -> list[str]:
    out = []
    for stmt in sql.split(";"):
        code = "\n".join(ln for ln in stmt.splitlines() if not ln.strip().startswith("--")).strip()
        if code:
            out.append(code)
    return out


def summary_statements() -> list[str]:
    """The INSERT statements of warehouse/summaries.sql (they read the article ids from _ids)."""
    return _statements(summaries_sql())


def start_rollup_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Empty temporary tables of rollup keys (_concepts, _terms) for a run to collect into."""
    for key, table in set(ROLLUP_KEYS.values()):
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} ({key} VARCHAR)")


def collect_rollup_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Add the rollup keys of the articles in the relation _ids (warehouse/rollup_keys.sql)."""
    for stmt in _statements(rollup_keys_sql()):
        con.execute(stmt)


def rollup_keys(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """The collected keys, distinct and sorted, by rollup table."""
    return {t: [r[0] for r in con.execute(f"SELECT DISTINCT {key} FROM {table} ORDER BY 1").fetchall()]
            for t, (key, table) in ROLLUP_KEYS.items()}


def rollup_parts(con: duckdb.DuckDBPyConnection) -> None:
    """The temporary views of each article's part in the rollups (warehouse/rollup_parts.sql)."""
    for stmt in _statements(_sql("rollup_parts.sql")):
        con.execute(stmt)


def rebuild_rollups(con: duckdb.DuckDBPyConnection, *, collected: bool = False,
                    skip: tuple[str, ...] = ()) -> None:
    """Rebuild the rollups of warehouse/rollups.sql: for every key, or (``collected``) for the keys
    gathered by start_rollup_keys and collect_rollup_keys, which gives the same rows for less.
    ``skip``: rollups left alone (a refresh changes DELTA_ROLLUPS by deltas)."""
    if not collected:
        start_rollup_keys(con)
        for key, table in set(ROLLUP_KEYS.values()):
            union = " UNION ".join(f"SELECT {key} FROM {src}" for src in ALL_KEYS[table])
            con.execute(f"INSERT INTO {table} {union}")
    rollup_parts(con)
    try:
        for stmt in _statements(rollups_sql()):
            if _TARGET.match(stmt).group(1) not in skip:  # type: ignore[union-attr]
                con.execute(stmt)
    finally:
        for _, table in set(ROLLUP_KEYS.values()):
            con.execute(f"DROP TABLE IF EXISTS {table}")


def start_rollup_deltas(con: duckdb.DuckDBPyConnection) -> None:
    """Empty temporary tables _topic_delta and _claim_delta, shaped like their rollups."""
    rollup_parts(con)
    for table in DELTA_ROLLUPS:
        name = "_topic_delta" if table == "topic_cells" else "_claim_delta"
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {table} LIMIT 0")


def collect_rollup_deltas(con: duckdb.DuckDBPyConnection, sign: int) -> None:
    """Add the parts of the articles in the relation _ids, times ``sign`` (warehouse/rollup_deltas.sql)."""
    for stmt in _statements(_sql("rollup_deltas.sql")):
        con.execute(stmt, {"sign": sign})


def apply_rollup_deltas(con: duckdb.DuckDBPyConnection) -> None:
    """Change DELTA_ROLLUPS by the collected deltas (warehouse/rollup_merge.sql); drop the deltas."""
    try:
        for stmt in _statements(_sql("rollup_merge.sql")):
            con.execute(stmt)
    finally:
        con.execute("DROP TABLE IF EXISTS _topic_delta")
        con.execute("DROP TABLE IF EXISTS _claim_delta")


def summary_tables_ddl() -> str:
    """The CREATE TABLE statements of the summary tables (and the rollups, if missing), as in schema.sql."""
    import re

    ddl = [re.search(rf"CREATE TABLE {t} \(.*?\n\);", schema_sql(), re.S).group(0)  # type: ignore[union-attr]
           for t in (*SUMMARY_TABLES, *ROLLUP_TABLES)]
    ddl = [d.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1) if i >= len(SUMMARY_TABLES) else d
           for i, d in enumerate(ddl)]
    return ";\n".join(ddl) + ";"


def rebuild_summaries(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the summary tables from scratch for every article (the ETL maintains them per run)."""
    for t in SUMMARY_TABLES:
        con.execute(f"DELETE FROM {t}")
    total = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    try:
        for offset in range(0, total, SUMMARY_SLICE):   # in slices, within the capped memory
            con.execute("CREATE OR REPLACE TEMP TABLE _ids AS SELECT article_id FROM articles "
                        "ORDER BY article_id LIMIT ? OFFSET ?", [SUMMARY_SLICE, offset])
            for stmt in summary_statements():
                con.execute(stmt)
    finally:
        con.execute("DROP TABLE IF EXISTS _ids")
    rebuild_rollups(con)


def schema_hash() -> str:
    return hashlib.sha256((schema_sql() + views_sql() + summaries_sql() + rollups_sql() + rollup_keys_sql()
                           + _sql("rollup_parts.sql")).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Version:
    """Identity of a published warehouse file; changes whenever a run publishes."""

    inode: int
    mtime_ns: int
    size: int


def version(path: str | os.PathLike[str]) -> Version | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return Version(st.st_ino, st.st_mtime_ns, st.st_size)


def open_with_retry(path: str | os.PathLike[str], opener: Callable[[Path], duckdb.DuckDBPyConnection],
                    retries: int = 20) -> duckdb.DuckDBPyConnection:
    """Open the published warehouse with ``opener`` (which must close what it opened when it fails).

    The file is replaced atomically, so an open can only fail transiently (for example
    when the path is swapped while DuckDB opens it); we retry a few times before raising.
    Every read-only connection of the CLI, the ETL and the dashboard is opened through here.
    """
    p = Path(path)
    if not p.exists():
        raise WarehouseMissing(f"no warehouse at {p}: run `stemwatch etl` first")
    check_magic(p)   # a SQLite or text file is never handed to DuckDB (it tried to fetch an extension)
    last: Exception | None = None
    for attempt in range(retries):
        try:
            return opener(p)
        except duckdb.IOException as exc:  # lock or swap race
            last = exc
            time.sleep(0.05 * (attempt + 1))
    raise RuntimeError(f"could not open {p} read-only after {retries} tries: {last}")


def connect_read_only(path: str | os.PathLike[str], retries: int = 20, **config: object) -> duckdb.DuckDBPyConnection:
    """Open the published warehouse read-only (see open_with_retry)."""
    return open_with_retry(path, lambda p: duckdb.connect(str(p), read_only=True, config={**config, **NO_EXTENSIONS}), retries)


@contextlib.contextmanager
def reading(path: str | os.PathLike[str], **config: object) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect_read_only(path, **config)
    try:
        yield con
    finally:
        con.close()


@contextlib.contextmanager
def writer_lock(db_path: Path, wait: bool = True) -> Iterator[None]:
    """One ETL at a time per warehouse; the kernel drops the lock if the process dies."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        flags = fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB
        try:
            fcntl.flock(fd, flags)
        except BlockingIOError as exc:
            raise WarehouseBusy(f"another ETL run is writing {db_path}") from exc
        yield
    finally:
        os.close(fd)


def temp_path(db_path: Path, purpose: str = "") -> Path:
    """A file beside the warehouse that remove_stale_temps deletes if this process dies."""
    suffix = f"-{purpose}" if purpose else ""
    return db_path.with_name(f".{db_path.name}{TMP_MARK}{os.getpid()}{suffix}")


def remove_stale_temps(db_path: Path) -> list[Path]:
    """Delete temporary files left by killed runs (call only while holding the writer lock)."""
    removed = []
    # glob.escape: a "[" in the warehouse name made the pattern miss the temporaries it names
    # (tests/reliability/test_hostile_files.py::test_warehouse_path_with_quote_and_space_keeps_history).
    for p in db_path.parent.glob(f"{glob.escape('.' + db_path.name + TMP_MARK)}*"):
        with contextlib.suppress(FileNotFoundError):
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)   # a spill folder (open_for_build)
            else:
                p.unlink()
            removed.append(p)
    return removed


def snapshot(db_path: Path) -> Path | None:
    """A private copy of the live warehouse for the writer to read (None if there is none yet).

    Copying a file takes no DuckDB lock. Opening the live file did: a user's client holding
    it read-write (as the duckdb CLI opens files) made every run wait ~10 s, then rebuild
    from scratch and restart run ids at 1, losing the history
    (tests/reliability/test_concurrency.py::test_a_user_client_holding_the_warehouse_does_not_block_publishing).
    The name carries TMP_MARK, so a copy left by a killed run is removed by the next one.
    """
    if not db_path.exists():
        return None
    snap = db_path.with_name(f".{db_path.name}{TMP_MARK}{os.getpid()}-snapshot")
    shutil.copyfile(db_path, snap)
    return snap


def sql_string(text: str | os.PathLike[str]) -> str:
    """``text`` (a path, usually) as an SQL string literal, for the statements that take no
    parameter there (ATTACH options, COPY ... TO): a "'" in a folder name broke them."""
    return "'" + os.fspath(text).replace("'", "''") + "'"


def full_load_memory_limit(largest_file: int) -> str:
    """DuckDB's memory limit for a full load whose largest file has ``largest_file`` bytes.

    FULL_LOAD_MEMORY_MB plus twice the largest file, never above BUILD_MEMORY_LIMIT: a page's
    text is one value, and DuckDB needs a block its size (a 50 MB page ran out of 128 MB in
    tests/reliability/test_large_files.py).
    """
    cap = int(BUILD_MEMORY_LIMIT.removesuffix("MB")) * 10**6
    return f"{min(cap, FULL_LOAD_MEMORY_MB * 10**6 + 2 * largest_file)}B"


def open_for_build(tmp: Path, *, log: bool = True) -> duckdb.DuckDBPyConnection:
    """A connection whose current database is ``tmp``, with small row groups (BUILD_ROW_GROUP_SIZE).

    ``log=False`` attaches it without a write-ahead log (``RECOVERY_MODE NO_WAL_WRITES``), for
    small refreshes: nothing replays a build (a run that dies leaves a temporary file the next
    run deletes; the publish CHECKPOINTs every change into the file), so logging each commit and
    fsyncing the log is only cost. Large writes keep the log: without one DuckDB never
    checkpoints on its own, and a full load held everything it wrote outside full row groups
    (spilled beyond the cap) until its last CHECKPOINT (docs/architecture.md).

    Memory is capped (BUILD_MEMORY_LIMIT): by default DuckDB keeps every block it wrote cached
    up to 80% of the machine's memory, so the writer of a full load grew with the warehouse
    (600 MB at 10,000 documents). Beyond the cap it evicts written blocks, and spills
    intermediate results to a folder beside the file (a temporary, removed by the next run
    if a killed run leaves it). What the cap cannot evict: declared keys (ART indexes, hence
    the undeclared keys of schema.sql) and the allocator's cache of freed memory
    (BUILD_ALLOCATOR_FLUSH).
    """
    spill = str(tmp.with_name(tmp.name + ".spill")).replace("'", "''")
    con = duckdb.connect(config={"storage_compatibility_version": STORAGE_COMPATIBILITY,
                                 "memory_limit": BUILD_MEMORY_LIMIT, "temp_directory": spill,
                                 "allocator_flush_threshold": BUILD_ALLOCATOR_FLUSH, **NO_EXTENSIONS})
    no_log = "" if log else ", RECOVERY_MODE NO_WAL_WRITES"
    con.execute(f"ATTACH {sql_string(tmp)} AS build (ROW_GROUP_SIZE {BUILD_ROW_GROUP_SIZE}{no_log})")
    con.execute("USE build")
    return con


def create_schema(con: duckdb.DuckDBPyConnection, vocabulary: VocabularyRows) -> None:
    """Tables and views, with the vocabulary stored and its values in the CHECKs.

    The warehouse imports nothing of ours: its callers pass the ETL's vocabulary
    (etl/knowledge/vocabulary.py load_vocabulary().rows()).
    """
    con.execute(render_schema(vocabulary))
    con.executemany("INSERT INTO vocabulary VALUES (?, ?, ?, ?, ?, ?)",
                    [[r["vocabulary"], r["value"], r["position"], r["label"], r.get("colour"), r["description"]]
                     for r in vocabulary])
    con.execute(views_sql())


def publish(tmp: Path, db_path: Path) -> None:
    """Atomically make ``tmp`` (closed, checkpointed) the live warehouse."""
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    # A WAL beside the live file now belongs to a client of the file being replaced (a user
    # who opened it read-write and wrote). DuckDB refuses to replay it onto the new file, so
    # every reader failed with "WAL does not match database file" until that client closed
    # (tests/reliability/test_concurrency.py::test_a_user_writing_through_a_stale_client_cannot_corrupt_the_warehouse).
    # The client keeps its open handle and checkpoints into its old file; nothing is lost
    # that the swap was not already discarding.
    with contextlib.suppress(FileNotFoundError):
        db_path.with_name(db_path.name + ".wal").unlink()
    os.replace(tmp, db_path)
    dfd = os.open(db_path.parent, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)
