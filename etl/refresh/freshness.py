"""Is the warehouse behind its seeds folder? The one rule `stemwatch status` and the dashboard share.

Content-based, like the scheduler's look (etl/refresh/fingerprint.py): the folder is compared
with the published warehouse's ``source_files``. A file added, removed, or whose content
differs from what was loaded puts the warehouse behind; a file only touched (mtime moved,
same bytes) does not. Comparing newest mtimes instead said "behind" for a touch and "up to
date" after a deletion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from etl.refresh import fingerprint
from warehouse.db import WarehouseMissing, reading

UP_TO_DATE, BEHIND, NEVER_REFRESHED, UNKNOWN = "up_to_date", "behind", "never_refreshed", "unknown"


@dataclass(frozen=True)
class Freshness:
    state: str                            # UP_TO_DATE, BEHIND, NEVER_REFRESHED or UNKNOWN
    message: str
    last_success_at: dt.datetime | None   # naive UTC, as etl_runs stores it
    recorded_newest: dt.datetime | None   # newest seed mtime the last successful run saw
    disk_newest: dt.datetime | None       # newest seed mtime in the folder now
    pending: fingerprint.Changes | None   # what a refresh would pick up; None when not checked

    @property
    def behind(self) -> bool:
        return self.state in (BEHIND, NEVER_REFRESHED)


def _utc(ns: int | None) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(ns / 1e9, dt.UTC).replace(tzinfo=None) if ns else None


def check(db: Path, seeds: Path | None) -> Freshness:
    """Compare ``seeds`` (None: not given, so not checked) with the warehouse published at ``db``."""
    if not Path(db).exists():
        raise WarehouseMissing(f"no warehouse at {db}: run `stemwatch etl` first")
    with reading(db) as con:
        last = con.execute("SELECT finished_at, seeds_newest_mtime FROM etl_runs WHERE status = 'success' "
                           "ORDER BY run_id DESC LIMIT 1").fetchone()
    last_success, recorded = last or (None, None)
    snapshot = None
    if seeds is not None:
        try:
            snapshot = fingerprint.scan(Path(seeds))
        except FileNotFoundError:
            snapshot = None
    disk = _utc(fingerprint.newest_mtime_ns(snapshot)) if snapshot else None
    pending = (fingerprint.compare(Path(seeds), snapshot, fingerprint.read_loaded(Path(db)), fingerprint.HashCache())
               if seeds is not None and snapshot is not None else None)

    def result(state: str, message: str) -> Freshness:
        return Freshness(state, message, last_success, recorded, disk, pending)

    if last_success is None:
        return result(NEVER_REFRESHED, "No successful refresh yet.")
    if seeds is None:
        return result(UNKNOWN, "Seeds folder not given (set STEMWATCH_SEEDS), so staleness is not checked.")
    if pending is None:
        return result(UNKNOWN, f"The seeds folder {seeds} is missing, so staleness is not checked.")
    if pending:
        return result(BEHIND, f"Behind: not loaded yet: {pending.describe()}.")
    return result(UP_TO_DATE, "Up to date with the seeds folder.")
