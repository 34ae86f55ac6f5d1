"""The ledger: the one owner of source_files, quarantine and etl_runs.

During a run the ledger collects what happened to each file (loaded, unchanged, quarantined,
held, forgotten); :meth:`Ledger.apply` writes it in one pass. :class:`RunRecord` is one
etl_runs row, written by column name.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from etl.load.plan import PriorFile
from etl.load.write import insert_rows

log = logging.getLogger("stemwatch.etl")

UNSTABLE_DETAIL = "the file changed while it was being read; it will be read again on the next run"


def now() -> dt.datetime:
    """UTC now, naive (the warehouse stores UTC timestamps without a zone)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass
class Ledger:
    """What this run did to each file, written to source_files and quarantine by :meth:`apply`."""

    run_id: int
    prior: dict[str, PriorFile]
    seen_at: dt.datetime = field(default_factory=now)
    files: dict[str, dict] = field(default_factory=dict)        # rel -> source_files row
    quarantine: dict[str, dict] = field(default_factory=dict)   # rel -> quarantine row
    forget: set[str] = field(default_factory=set)               # rels that leave both tables
    quarantined_now: list[tuple[str, str, str]] = field(default_factory=list)
    addresses: dict[str, str] = field(default_factory=dict)     # rel -> crawl address (the manifest)
    cleared: set[str] = field(default_factory=set)              # rels that leave quarantine

    def _row(self, rel: str, size: int | None, mtime_ns: int | None, sha256: str | None, status: str) -> dict:
        return {"source_path": rel, "file_bytes": size or 0, "mtime_ns": mtime_ns or 0,
                "content_sha256": sha256 or "", "status": status, "crawl_url": self.addresses.get(rel)}

    def loaded(self, rel: str, size: int, mtime_ns: int, sha256: str) -> None:
        self.files[rel] = self._row(rel, size, mtime_ns, sha256, "loaded")

    def unchanged(self, rel: str, size: int, mtime_ns: int, sha256: str) -> None:
        """Read again, same content: new stat, same status as before (no new row when the stat is
        the same too: a file read because its ctime moved, etl/load/plan.py)."""
        p = self.prior[rel]
        if (p.size, p.mtime_ns, p.sha256, p.crawl_url) == (size, mtime_ns, sha256, self.addresses.get(rel)):
            return
        self.files[rel] = self._row(rel, size, mtime_ns, sha256, p.status)

    def manifest(self, rel: str, size: int | None, mtime_ns: int | None, sha256: str | None,
                 problem: str | None) -> None:
        """A crawl manifest (etl/load/manifest.py): recorded so its edits trigger a run; status
        quarantined (and a quarantine row) while it has rows that had to be skipped."""
        status = "quarantined" if problem else "manifest"
        self.files[rel] = self._row(rel, size, mtime_ns, sha256, status) | {"crawl_url": None}
        if problem:
            self.quarantine[rel] = {"source_path": rel, "content_sha256": sha256, "reason": "bad_manifest",
                                    "detail": problem, "seen_at": self.seen_at, "run_id": self.run_id}
            self.quarantined_now.append((rel, "bad_manifest", problem))
        else:
            self.cleared.add(rel)

    def quarantined(self, rel: str, sha256: str | None, size: int | None, mtime_ns: int | None,
                    reason: str, detail: str, note: str | None = None) -> None:
        self.files[rel] = self._row(rel, size, mtime_ns, sha256, "quarantined")
        self.quarantine[rel] = {"source_path": rel, "content_sha256": sha256, "reason": reason,
                                "detail": detail, "seen_at": self.seen_at, "run_id": self.run_id}
        self.quarantined_now.append((rel, reason, note or detail))

    def unstable(self, rel: str) -> bool:
        """Changed while read: keep the previous version. Returns True when there was one."""
        if rel in self.prior:
            return True
        self.quarantined(rel, None, 0, 0, "unstable", UNSTABLE_DETAIL, "changed while being read")
        return False

    def gone(self, rel: str) -> None:
        self.forget.add(rel)

    def apply(self, con: duckdb.DuckDBPyConnection) -> None:
        """Write this run's changes: forgotten files leave both tables, touched files get their new rows."""
        forget = sorted(self.forget - set(self.files))
        if forget:
            con.execute("DELETE FROM quarantine WHERE source_path IN (SELECT unnest(?))", [forget])
            con.execute("DELETE FROM source_files WHERE source_path IN (SELECT unnest(?))", [forget])
        touched = sorted(self.files)
        if not touched:
            return
        con.execute("DELETE FROM source_files WHERE source_path IN (SELECT unnest(?))", [touched])
        # A file loaded now leaves quarantine; a file quarantined now gets its new reason.
        leaving = [r for r, row in self.files.items() if row["status"] == "loaded"] + list(self.quarantine) \
            + sorted(self.cleared)
        if leaving:
            con.execute("DELETE FROM quarantine WHERE source_path IN (SELECT unnest(?))", [sorted(leaving)])
        insert_rows(con, "source_files", [self.files[r] for r in touched])
        insert_rows(con, "quarantine", [self.quarantine[r] for r in sorted(self.quarantine)])


def read_prior(con: duckdb.DuckDBPyConnection, schema: str = "") -> dict[str, PriorFile]:
    """source_files as the previous run left it (``schema``: an attached database's name and a dot)."""
    db = schema.rstrip(".") or None
    have = {r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'source_files' AND database_name = "
        + ("?" if db else "current_database()"), [db] if db else []).fetchall()}
    # A warehouse written before crawl addresses has no crawl_url: every page counts as having none.
    url = "crawl_url" if "crawl_url" in have else "NULL AS crawl_url"
    # By column, then zipped: a third less CPU than a tuple per fetched row (50,000 rows per run).
    cols = con.execute(
        f"SELECT source_path, file_bytes, mtime_ns, content_sha256, status, {url} FROM {schema}source_files").fetchnumpy()
    paths, *rest = (cols[c].tolist()
                    for c in ("source_path", "file_bytes", "mtime_ns", "content_sha256", "status", "crawl_url"))
    return dict(zip(paths, map(PriorFile._make, zip(*rest, strict=True)), strict=True))


@dataclass(kw_only=True)
class RunCounts:
    """What a run did to the files (shared by the etl_runs row and the caller's RunResult)."""

    files_seen: int = 0
    files_loaded: int = 0
    files_unchanged: int = 0
    files_removed: int = 0
    files_quarantined: int = 0
    input_bytes: int = 0


@dataclass(kw_only=True)
class RunRecord(RunCounts):
    """One etl_runs row; field names are the column names."""

    run_id: int
    started_at: dt.datetime
    status: str
    mode: str
    trigger_kind: str
    schema_hash: str
    stemwatch_version: str
    finished_at: dt.datetime | None = None
    seeds_newest_mtime: dt.datetime | None = None
    build_hash: str = ""
    extract_hash: str | None = None
    annotate_hash: str | None = None
    lexicon_hash: str | None = None
    sources_hash: str | None = None
    stages: list[str] = field(default_factory=list)
    stage_reason: str | None = None
    based_on_run_id: int | None = None
    changed: dict[str, list[str]] | None = None     # etl/load/delta.py
    message: str = ""


def write_run(con: duckdb.DuckDBPyConnection, rec: RunRecord) -> None:
    """Insert ``rec`` into etl_runs by column name."""
    row = asdict(rec)
    if row["status"] == "failed" and not rec.files_quarantined:
        row["files_quarantined"] = con.execute("SELECT count(*) FROM quarantine").fetchall()[0][0]
    insert_rows(con, "etl_runs", [row])


# Columns a warehouse written by an older stemwatch may lack; their history is still carried over.
NEWER_RUN_COLUMNS = {"trigger_kind", "input_bytes", "seeds_newest_mtime", "build_hash",
                     "extract_hash", "annotate_hash", "lexicon_hash", "sources_hash", "stages", "stage_reason",
                     "based_on_run_id", "changed"}


def copy_history(con: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    """Keep etl_runs across a full rebuild (columns matched by name)."""
    try:
        # Quote the path as an SQL string: a "'" in it used to lose the whole run history
        # (tests/reliability/test_hostile_files.py::test_warehouse_path_with_quote_and_space_keeps_history).
        quoted = db_path.as_posix().replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS old_wh (READ_ONLY)")
        try:
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = 'old_wh' AND table_name = 'etl_runs'").fetchall()]
            mine = [r[0] for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND table_name = 'etl_runs'").fetchall()]
            common = [c for c in mine if c in cols]
            if common and set(mine) - set(common) <= NEWER_RUN_COLUMNS:
                col_list = ", ".join(common)
                con.execute(f"INSERT INTO etl_runs ({col_list}) SELECT {col_list} FROM old_wh.etl_runs")
        finally:
            con.execute("DETACH old_wh")
    except duckdb.Error as exc:
        log.warning("could not carry over run history: %s", exc)
