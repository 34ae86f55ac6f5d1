# ruff: noqa: F811  -- fixtures imported from tests.dashboard_support are re-bound as test parameters
"""One freshness rule (etl/refresh/freshness.py): `stemwatch status` and the dashboard agree on
touched, changed, added and deleted seed files, and the rule is content-based."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.load.run import run_etl
from etl.refresh import freshness
from tests.dashboard_support import APP, ROOT, app_env, edit_seed, release_warehouses  # noqa: F401

pytestmark = pytest.mark.usefixtures("release_warehouses")


def touch(seeds: Path) -> None:
    p = sorted(seeds.iterdir())[0]
    st = p.stat()
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))  # same bytes, mtime moved


def change(seeds: Path) -> None:
    edit_seed(sorted(seeds.iterdir())[1])


def add(seeds: Path) -> None:
    (seeds / "new_page.txt").write_text("新的页面\n\n干细胞治疗糖尿病的报道。\n", encoding="utf-8")


def delete(seeds: Path) -> None:
    sorted(seeds.iterdir())[2].unlink()


CASES = {"nothing": (lambda s: None, False), "touched": (touch, False), "changed": (change, True),
         "added": (add, True), "deleted": (delete, True)}


def cli_status(db: Path, seeds: Path) -> dict:
    r = subprocess.run([sys.executable, "-m", "app.cli", "status", "--db", str(db), "--seeds", str(seeds),
                        "--format", "json"], capture_output=True, text=True, timeout=120, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["freshness"]


def dashboard_state(app_env, db: Path, seeds: Path) -> str:
    app_env(db, seeds)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    if any(w.value.startswith("Behind") for w in at.warning):
        return "behind"
    if any(s.value.startswith("Up to date") for s in at.success):
        return "up_to_date"
    return "other: " + "; ".join(x.value for x in [*at.info, *at.warning, *at.success])


@pytest.mark.parametrize("case", list(CASES))
def test_status_and_dashboard_agree(case: str, fresh_seeds: Path, tmp_path: Path, app_env) -> None:
    db = tmp_path / "w.duckdb"
    assert run_etl(fresh_seeds, db, workers=1).status == "success"
    act, behind = CASES[case]
    act(fresh_seeds)

    status = cli_status(db, fresh_seeds)
    assert status["behind"] is behind, status
    assert status["state"] == ("behind" if behind else "up_to_date")
    assert dashboard_state(app_env, db, fresh_seeds) == status["state"]

    pending = freshness.check(db, fresh_seeds).pending
    assert pending is not None
    assert {"nothing": pending.count == 0 and not pending.touched, "touched": pending.touched and not pending,
            "changed": len(pending.changed) == 1, "added": pending.added == ("new_page.txt",),
            "deleted": len(pending.removed) == 1}[case]


def test_a_refresh_brings_it_up_to_date_again(fresh_seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    run_etl(fresh_seeds, db, workers=1)
    delete(fresh_seeds)
    assert freshness.check(db, fresh_seeds).state == freshness.BEHIND
    run_etl(fresh_seeds, db, workers=1)
    fresh = freshness.check(db, fresh_seeds)
    assert fresh.state == freshness.UP_TO_DATE and not fresh.behind
    assert freshness.check(db, None).state == freshness.UNKNOWN
    assert freshness.check(db, tmp_path / "nowhere").state == freshness.UNKNOWN
