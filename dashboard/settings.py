"""Where the dashboard finds its inputs: the settings `stemwatch dashboard` passes in the environment.

The names and defaults are etl/settings.py's (declared once); the seeds folder is only
used for the freshness check, and only when it was given.
"""

from __future__ import annotations

import os
from pathlib import Path

from etl import settings

DB_ENV = settings.SETTINGS["db"].env
SEEDS_ENV = settings.SETTINGS["seeds"].env


def db_path() -> Path:
    """The published warehouse: $STEMWATCH_DB, else the default (relative to the cwd)."""
    return settings.path("db")


def seeds_path() -> Path | None:
    """The seeds folder for the staleness check, from $STEMWATCH_SEEDS; None when not given."""
    value = os.environ.get(SEEDS_ENV)
    return Path(value).expanduser() if value else None
