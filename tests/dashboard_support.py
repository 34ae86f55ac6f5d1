"""Warehouses and helpers for the dashboard tests.

Every warehouse here is built by the real ETL (etl.load.run.run_etl) from the real seeds:
``dashboard_db`` is the lead's ``seeded_db`` and ``dashboard_xss_db`` is ``xss_db``
(tests/conftest.py). ``health_warehouse`` adds what the five seeds do not have: two files
the ETL quarantines and a failed run after a successful one.

Tests read expected values from the warehouse with ``expect`` (never hard-coded counts).
It opens connections with the dashboard's own engine settings: DuckDB refuses a second
connection to a file with a different configuration while one is open in the process.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dashboard import safe_sql

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
APP = ROOT / "dashboard" / "app.py"
XSS_IDS = ("xss-script", "xss-img", "xss-link", "xss-iframe")  # element ids in tests/cases/xss/*


def expect(db: Path, sql: str, params: list[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
    with contextlib.closing(safe_sql.open_read_only(db)) as con:
        return con.execute(sql, params or []).df()


def expect_value(db: Path, sql: str, params: list[Any] | dict[str, Any] | None = None) -> Any:
    return expect(db, sql, params).iloc[0, 0]


@pytest.fixture(scope="session")
def dashboard_db(seeded_db: Path) -> Path:
    return seeded_db


@pytest.fixture(scope="session")
def dashboard_xss_db(xss_db: Path) -> Path:
    return xss_db


@pytest.fixture(scope="session")
def health_warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(db, seeds): the seeds plus an empty and a binary file (quarantined by a successful
    run), then a failed run (unreadable sources file). The seeds are untouched afterwards."""
    from etl.errors import StemwatchError
    from etl.load.run import run_etl

    d = tmp_path_factory.mktemp("health")
    seeds = d / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "blob.bin").write_bytes(b"\x00\x01\x02\xff\xfe\x00binary\x00\x00")
    db = d / "stemwatch.duckdb"
    res = run_etl(seeds, db, workers=1)
    assert res.status == "success" and len(res.quarantined_now) == 2, res
    with pytest.raises(StemwatchError):
        run_etl(seeds, db, workers=1, sources=str(d / "missing-sources.csv"))
    return db, seeds


@pytest.fixture()
def app_env(monkeypatch: pytest.MonkeyPatch):
    """Point the in-process app (AppTest) at a warehouse and optionally a seeds folder."""

    def configure(db: Path, seeds: Path | None = None) -> None:
        monkeypatch.setenv("STEMWATCH_DB", str(db))
        if seeds is None:
            monkeypatch.delenv("STEMWATCH_SEEDS", raising=False)
        else:
            monkeypatch.setenv("STEMWATCH_SEEDS", str(seeds))

    return configure


def edit_seed(path: Path) -> None:
    """Change a seed file now, as a curator would after the last refresh."""
    with path.open("a", encoding="utf-8") as f:
        f.write("\n补充说明：本段为测试编辑。\n")


@pytest.fixture(scope="module")
def release_warehouses():
    """Close the instances the in-process app keeps open, after a test module that ran it."""
    yield
    import streamlit as st

    from dashboard import queries

    queries.INSTANCES.clear()
    st.cache_data.clear()
    import gc

    gc.collect()
