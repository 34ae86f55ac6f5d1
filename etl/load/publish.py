"""Build the next warehouse beside the live one, then swap it in atomically.

A refresh costs what changed (docs/architecture.md, "Publishing"): the previous state is read
from the live file through a read-only connection (no snapshot copy), and an incremental run
builds on the *spare*, the generation published before the live one, kept as a hard link when
the live file was replaced. The spare is brought up to the live state by replaying the keys the
live file's last run changed (listed in its etl_runs row, etl/load/delta.py); when they are not
listed, by a diff (articles by ``run_id``, the other tables by their rows). Then the run's
changes are applied, and the file is checkpointed and swapped in. Only the rows that changed are
read and written, so the cost does not grow with the warehouse. When there is no usable spare
(first run, a reader still holds it, a user wrote to it) the run falls back to copying the live
file, as before.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.knowledge.vocabulary import load_vocabulary
from etl.load import delta
from etl.load.clock import Clock
from etl.load.ledger import PriorFile, copy_history, read_prior
from etl.load.write import ARTICLE_TABLES
from warehouse import db as wh

log = logging.getLogger("stemwatch.etl")

# Tables that are not per article, with their keys: synced row by row from the live file when
# the spare is caught up by a diff (a key with any differing row gets all the live file's rows).
# Every rollup of warehouse/db.py ROLLUP_KEYS is one of them (claim_cells and flag_cells were
# once left out: a diff catch-up kept their rows of the spare's generation).
LEDGER_TABLES = {"source_files": "source_path", "quarantine": "source_path", "etl_runs": "run_id",
                 "diseases": "concept_id", **{t: key for t, (key, _) in wh.ROLLUP_KEYS.items()}}
# DuckDB 2's default string compression (DICT_FSST) spends ~0.7 s per row group of article text
# analysing it at CHECKPOINT; an incremental run rewrites one or two such row groups per text
# table. With FSST forced, strings in those row groups are stored FSST-compressed or plain, in
# ~0.1 s (benchmarks/results/refresh.md). Full rebuilds keep the default, best compression.
INCREMENTAL_COMPRESSION = "fsst"
# Beyond this share of changed articles, copying the live file is cheaper than a diff.
MAX_SYNC_SHARE = 0.25
# Up to this many files (a run) or articles (a replay) are written in one transaction, so each
# statement is not its own commit. (Each commit once fsynced DuckDB's log; a small refresh's
# build now has none, see warehouse/db.py open_for_build, and the transaction saves a few ms.)
ONE_TRANSACTION = 500
# A refresh of a few files runs with DuckDB's vacuum off, except in every COMPACT_EVERY-th run.
# Reopened from disk, a table takes new rows into a new row group, and at CHECKPOINT vacuum merges
# that row group back into the table's last one, rewriting all of it: for articles and documents
# up to 2,047 articles' text, ~80 ms each per refresh. With vacuum off the CHECKPOINT writes
# only the new row group, and a deleted row stays a tombstone (hidden from every reader). Each
# such run leaves one small row group per table it wrote to; a compacting run vacuums them and
# the tombstones as before. Two consecutive run ids compact: the two generations take turns,
# so each gets one (docs/architecture.md).
COMPACT_EVERY = 16


def compacts(run_id: int) -> bool:
    """Whether a small refresh with this run id vacuums (see COMPACT_EVERY)."""
    return run_id % COMPACT_EVERY in (0, 1)


@dataclass
class LastRun:
    """Fingerprints of the last successful run (None for a warehouse written before they existed)."""

    build_hash: str | None
    schema_hash: str | None
    extract_hash: str | None
    annotate_hash: str | None
    lexicon_hash: str | None
    sources_hash: str | None
    started_at: dt.datetime | None = None   # UTC, naive: when that run started (it read the files after)

    @property
    def started_ns(self) -> int | None:
        if self.started_at is None:
            return None
        return (self.started_at - dt.datetime(1970, 1, 1)) // dt.timedelta(microseconds=1) * 1000


@dataclass
class OldState:
    files: dict[str, PriorFile]
    last: LastRun | None
    max_run_id: int
    readable: bool
    snapshot: Path | None = None      # a private copy, made only when the live file could not be opened

    @property
    def build_hash(self) -> str | None:
        return self.last.build_hash if self.last else None

    @property
    def schema_hash(self) -> str | None:
        return self.last.schema_hash if self.last else None


def _read(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, PriorFile], LastRun | None, int]:
    cols = {r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'etl_runs' AND database_name = current_database()").fetchall()}
    want = ["build_hash", "schema_hash", "extract_hash", "annotate_hash", "lexicon_hash", "sources_hash", "started_at"]
    sel = ", ".join(c if c in cols else "NULL" for c in want)
    last = con.execute(f"SELECT {sel} FROM etl_runs WHERE status = 'success' ORDER BY run_id DESC LIMIT 1").fetchall()
    last = last[0] if last else None
    max_id = con.execute("SELECT coalesce(max(run_id), 0) FROM etl_runs").fetchall()[0][0]
    return read_prior(con), LastRun(*last) if last else None, int(max_id)


def read_old_state(db_path: Path, *, allow_snapshot: bool = True) -> OldState:
    """What the live warehouse holds, read through one read-only connection.

    When the live file cannot be opened read-only (a user's client holds it read-write, which
    DuckDB allows only alone) the state is read from a private copy instead, kept in
    ``OldState.snapshot`` for the run to build on: a held file never blocks a run
    (tests/reliability/test_concurrency.py).
    """
    if not db_path.exists():
        return OldState({}, None, 0, readable=False)
    snap = None
    try:
        try:
            con = duckdb.connect(str(db_path), read_only=True)
        except duckdb.IOException:
            if not allow_snapshot:
                raise
            snap = wh.snapshot(db_path)
            con = duckdb.connect(str(snap), read_only=True)
        try:
            files, last, max_id = _read(con)
        finally:
            con.close()
        return OldState(files, last, max_id, readable=True, snapshot=snap)
    except Exception as exc:  # a file we cannot read is rebuilt, never patched
        log.warning("cannot read the existing warehouse %s (%s): rebuilding from scratch", db_path, exc)
        if snap is not None:
            snap.unlink(missing_ok=True)
        return OldState({}, None, 0, readable=False)


# ---------------------------------------------------------------- the build file

def spare_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.spare")


def _stamp_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.published")


def _identity(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _quote(path: Path) -> str:
    return path.as_posix().replace("'", "''")


@dataclass
class Build:
    """The next warehouse, open for writing at a temporary path beside the live one."""

    con: duckdb.DuckDBPyConnection
    tmp: Path
    base: str            # how it started: fresh, spare, copy or snapshot
    caught_up: str = ""  # how a spare was brought up to the live state: replay or diff

    def discard(self) -> None:
        """Close and delete it (and its WAL): the live warehouse is untouched."""
        with contextlib.suppress(Exception):
            self.con.close()
        for p in (self.tmp, self.tmp.with_name(self.tmp.name + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()

    def publish(self, db_path: Path, clock: Clock | None = None) -> None:
        """CHECKPOINT, close, fsync and swap it in; the replaced file becomes the next spare."""
        clock = clock or Clock()
        try:
            with clock.phase("checkpoint"):
                self.con.execute("CHECKPOINT")
                self.con.close()
        except BaseException:
            self.discard()
            raise
        with clock.phase("swap"):
            swap(self.tmp, db_path)


def swap(tmp: Path, db_path: Path) -> None:
    """Make ``tmp`` (closed, checkpointed) the live warehouse; keep the old one as the spare.

    The old live file is kept only when it is still exactly the file this code published
    (same inode, size and mtime): a file a user's client wrote to is never built on.
    """
    spare = spare_path(db_path)
    stamp = _stamp_path(db_path)
    with contextlib.suppress(FileNotFoundError):
        spare.unlink()
    try:
        published = json.loads(stamp.read_text())
    except (OSError, ValueError):
        published = None
    live = _identity(db_path)
    if live is not None and live == published:
        with contextlib.suppress(OSError):
            os.link(db_path, spare)
    wh.publish(tmp, db_path)
    with contextlib.suppress(OSError):
        stamp_tmp = stamp.with_name(stamp.name + f"{wh.TMP_MARK}{os.getpid()}")
        stamp_tmp.write_text(json.dumps(_identity(db_path)))
        os.replace(stamp_tmp, stamp)


def open_fresh(db_path: Path, old: OldState, largest_file: int = 0) -> Build:
    """An empty warehouse with the schema, the run history carried over; DuckDB's memory capped
    for a full load whose largest file has ``largest_file`` bytes (warehouse/db.py)."""
    tmp = wh.temp_path(db_path)
    con = wh.open_for_build(tmp)
    try:
        con.execute(f"SET memory_limit = '{wh.full_load_memory_limit(largest_file)}'")
        wh.create_schema(con, load_vocabulary().rows())
        if old.readable:
            copy_history(con, old.snapshot or db_path)
    except BaseException:
        Build(con, tmp, "fresh").discard()
        raise
    return Build(con, tmp, "fresh")


def open_incremental(db_path: Path, old: OldState, clock: Clock | None = None, *, small: bool = False) -> Build:
    """A copy of the live warehouse to apply this run's changes to: the caught-up spare when possible.

    ``small``: the run writes a few files (at most ONE_TRANSACTION), so the build keeps no
    write-ahead log (warehouse/db.py open_for_build)."""
    clock = clock or Clock()
    tmp = wh.temp_path(db_path)
    if old.snapshot is not None:
        os.replace(old.snapshot, tmp)          # the copy the old state was read from
        old.snapshot = None
        return Build(_incremental_connection(tmp, small), tmp, "snapshot")
    build = _from_spare(db_path, tmp, clock, small)
    if build is not None:
        return build
    with clock.phase("copy"):
        shutil.copyfile(db_path, tmp)
    return Build(_incremental_connection(tmp, small), tmp, "copy")


def _incremental_connection(tmp: Path, small: bool = False) -> duckdb.DuckDBPyConnection:
    con = wh.open_for_build(tmp, log=not small)
    con.execute(f"SET force_compression = '{INCREMENTAL_COMPRESSION}'")
    return con


def _from_spare(db_path: Path, tmp: Path, clock: Clock, small: bool = False) -> Build | None:
    spare = spare_path(db_path)
    ident = _identity(spare)
    if ident is None:
        return None
    live = _identity(db_path)
    if live is None or ident[0] == live[0]:      # a link to the live file itself: never write to it
        spare.unlink(missing_ok=True)
        return None
    os.replace(spare, tmp)     # claimed: if this run is killed, the next one deletes it as a stale temp
    try:
        con = _incremental_connection(tmp, small)
    except duckdb.Error as exc:    # a reader still has it open (DuckDB takes a file lock)
        log.info("spare warehouse in use (%s): copying the live file instead", str(exc).splitlines()[0])
        Build(duckdb.connect(), tmp, "spare").discard()
        return None
    build = Build(con, tmp, "spare")
    try:
        with clock.phase("catch_up"):
            how = catch_up(con, db_path)
        if how:
            build.caught_up = how
            return build
    except duckdb.Error as exc:
        log.info("cannot bring the spare warehouse up to date (%s): copying the live file instead", exc)
    build.discard()
    return None


def catch_up(con: duckdb.DuckDBPyConnection, db_path: Path) -> str | None:
    """Make the build (an older published generation) equal the live warehouse, writing only the differences.

    When the live file's last run lists its changes and was built on exactly this generation,
    they are replayed (etl/load/delta.py). Otherwise articles are compared by (article_id,
    run_id) (every run that (re)writes an article's rows stamps it with its run_id) and the other
    tables row by row. Returns how ("replay" or "diff"), or None when the spare is not an
    ancestor of the live file or too much changed to be worth it.
    """
    con.execute(f"ATTACH '{_quote(db_path)}' AS live (READ_ONLY)")
    try:
        mine = con.execute("SELECT run_id, started_at FROM build.etl_runs").fetchall()
        theirs = dict(con.execute("SELECT run_id, started_at FROM live.etl_runs").fetchall())
        if any(theirs.get(r) != s for r, s in mine):
            log.info("the spare warehouse is not an earlier state of the live one: not used")
            return None
        # A rebuild since the spare (forced, or for a new schema, vocabulary or extraction rules)
        # made a file the spare's tables cannot be diffed into: views, comments, CHECKs and the
        # vocabulary table are the spare's own. Found in review: the next run restored the old views.
        rebuilt = con.execute("""SELECT count(*) FROM live.etl_runs WHERE status = 'success' AND mode = 'full'
                                 AND run_id > (SELECT coalesce(max(run_id), 0) FROM build.etl_runs)""").fetchall()[0][0]
        if rebuilt:
            log.info("the warehouse was rebuilt since the spare was published: not used")
            return None
        total = con.execute("SELECT count(*) FROM live.articles").fetchall()[0][0]
        limit = max(64, MAX_SYNC_SHARE * total)
        last_id, based_on, changed = con.execute(
            "SELECT run_id, based_on_run_id, changed FROM live.etl_runs ORDER BY run_id DESC LIMIT 1").fetchall()[0]
        newer = set(theirs) - {r for r, _ in mine}
        if changed is not None and based_on == max((r for r, _ in mine), default=None) and newer == {last_id}:
            if len(changed["articles"] or []) > limit:
                log.info("%d articles changed since the spare: copying the live file instead", len(changed["articles"]))
                return None
            # A few articles' replay is one transaction (one commit instead of one per statement).
            one = len(changed["articles"] or []) <= ONE_TRANSACTION
            if one:
                con.execute("BEGIN TRANSACTION")
            try:
                stats = delta.replay(con, changed)
                con.execute("INSERT INTO build.etl_runs SELECT * FROM live.etl_runs WHERE run_id = ?", [last_id])
                if one:
                    con.execute("COMMIT")
            except BaseException:
                if one:
                    con.execute("ROLLBACK")
                raise
            if not one:
                con.execute("CHECKPOINT")   # a build without a log never checkpoints on its own
            log.debug("replayed run %s onto the spare (%d article tables from their tail)", last_id, stats["tail"])
            return "replay"
        con.execute("""
            CREATE OR REPLACE TEMP TABLE _sync AS
            (SELECT article_id FROM (SELECT article_id, run_id FROM live.articles
                                     EXCEPT SELECT article_id, run_id FROM build.articles))
            UNION
            (SELECT article_id FROM (SELECT article_id FROM build.articles EXCEPT SELECT article_id FROM live.articles))""")
        changed_n = con.execute("SELECT count(*) FROM _sync").fetchall()[0][0]
        if changed_n > limit:
            log.info("%d of %d articles changed since the spare: copying the live file instead", changed_n, total)
            return None
        for t in ARTICLE_TABLES:
            con.execute(f"DELETE FROM build.{t} WHERE article_id IN (SELECT article_id FROM _sync)")
            con.execute(f"INSERT INTO build.{t} SELECT * FROM live.{t} WHERE article_id IN (SELECT article_id FROM _sync)")
        for t, key in LEDGER_TABLES.items():
            con.execute(f"""DELETE FROM build.{t} WHERE {key} IN (SELECT {key} FROM
                            (SELECT * FROM build.{t} EXCEPT SELECT * FROM live.{t}))""")
            con.execute(f"INSERT INTO build.{t} SELECT * FROM live.{t} EXCEPT SELECT * FROM build.{t}")
        con.execute("DROP TABLE _sync")
        con.execute("CHECKPOINT")   # up to a quarter of the articles: a build without a log never checkpoints on its own
        return "diff"
    finally:
        con.execute("DETACH live")
