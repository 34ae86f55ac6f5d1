"""Where the dashboard finds its inputs: environment variables set by ``stemwatch dashboard``."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

DB_ENV = "STEMWATCH_DB"
SEEDS_ENV = "STEMWATCH_SEEDS"
DEFAULT_DB = Path("warehouse/stemwatch.duckdb")


def db_path() -> Path:
    """The published warehouse: $STEMWATCH_DB, else warehouse/stemwatch.duckdb (relative to the cwd)."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB).expanduser()


def seeds_path() -> Path | None:
    """The seeds folder for the staleness check, from $STEMWATCH_SEEDS; None when not given."""
    value = os.environ.get(SEEDS_ENV)
    return Path(value).expanduser() if value else None


def newest_seed_mtime(seeds: Path) -> dt.datetime | None:
    """Newest modification time (naive UTC, like etl_runs.seeds_newest_mtime) of the files under
    ``seeds``, skipping hidden files and folders; None when there are none."""
    newest: int | None = None
    for root, dirs, files in os.walk(seeds):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            try:
                m = os.stat(os.path.join(root, name)).st_mtime_ns
            except OSError:  # vanished while we looked
                continue
            newest = m if newest is None or m > newest else newest
    if newest is None:
        return None
    return dt.datetime.fromtimestamp(newest / 1e9, tz=dt.UTC).replace(tzinfo=None)
