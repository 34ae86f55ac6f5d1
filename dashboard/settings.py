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
    """Newest modification time (naive UTC) of the seed files, found exactly as the ETL finds
    them, so it compares with etl_runs.seeds_newest_mtime; None when there are none."""
    from etl.refresh.status import seeds_newest_mtime  # the ETL's own discovery rules

    return seeds_newest_mtime(seeds)
