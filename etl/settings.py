"""Settings, declared once: defaults < environment < command-line flags."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str
    kind: type | None = None          # int or float for a number (read with number())
    bounds: tuple[float, float] | None = None   # inclusive; None: checked where it is used


class SettingError(ValueError):
    """A setting's value cannot be used; the message names the flag or variable it came from."""


SETTINGS = {
    "seeds": Setting("seeds", "STEMWATCH_SEEDS", "seeds", "folder of seed documents, read recursively"),
    "db": Setting("db", "STEMWATCH_DB", "warehouse/stemwatch.duckdb", "the DuckDB warehouse file"),
    "sources": Setting("sources", "STEMWATCH_SOURCES", "", "sources file (CSV: match,source_type) overriding the source-type rules; default etl/knowledge/data/rules/sources.csv"),
    "workers": Setting("workers", "STEMWATCH_WORKERS", "0", "parser processes; 0 = one per core when there are many files", int, (0, 1024)),
    "max_file_mb": Setting("max_file_mb", "STEMWATCH_MAX_FILE_MB", "64", "files larger than this many MiB are quarantined as too_large", int, (1, 1 << 20)),
    "interval": Setting("interval", "STEMWATCH_INTERVAL", "60", "seconds between two looks at the seeds folder (schedule)", float),
    "port": Setting("port", "STEMWATCH_PORT", "8501", "dashboard port", int, (1, 65535)),
    "address": Setting("address", "STEMWATCH_ADDRESS", "127.0.0.1",
                       "interface the dashboard listens on; the dashboard has no login, so another "
                       "address (0.0.0.0 = every interface) lets anyone who can reach it read the warehouse"),
}


def resolve(name: str, flag: object = None) -> str:
    """The flag if given, else the environment variable, else the default."""
    if flag is not None and flag != "":
        return str(flag)
    s = SETTINGS[name]
    return os.environ.get(s.env, s.default)


def number(name: str, flag: object = None) -> int | float:
    """A numeric setting (flag, else environment, else default), checked against its bounds.

    Raises SettingError naming where the bad value came from: `--workers abc` said only
    "invalid literal for int() with base 10: 'abc'".
    """
    s = SETTINGS[name]
    assert s.kind is not None, f"{name} is not a number"
    raw = resolve(name, flag)
    where = f"--{name.replace('_', '-')}" if flag is not None and flag != "" else (
        s.env if s.env in os.environ else f"the default of {name}")
    what = "a whole number" if s.kind is int else "a number"
    try:
        value = s.kind(str(raw).strip())
    except ValueError:
        raise SettingError(f"{where}: {str(raw)!r} is not {what}") from None
    if s.bounds is None:
        return value
    lo, hi = s.bounds
    if not lo <= value <= hi:
        raise SettingError(f"{where}: {raw!r} is out of range; {s.help} must be {what} from {lo:g} to {hi:g}")
    return value


def flag_help(name: str) -> str:
    """The help of a command-line flag: what it is, its environment variable and its default."""
    s = SETTINGS[name]
    return f"{s.help} (env {s.env}" + (f", default {s.default})" if s.default else ")")


def path(name: str, flag: object = None) -> Path:
    return Path(resolve(name, flag)).expanduser()
