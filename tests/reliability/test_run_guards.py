"""Issue 11 items 8-10: a busy warehouse exits 3 at once, a mass delete is refused, a failed run is recorded.

Each test reproduces the finding with the real CLI or the real run.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from etl.load import run as runmod
from etl.load.run import run_etl
from tests.reliability.helpers import digest, run_cli_etl
from warehouse import db as wh
from warehouse.db import reading

pytestmark = pytest.mark.reliability


def test_a_second_run_exits_3_at_once_and_waits_with_wait(fresh_seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    run_etl(fresh_seeds, db, workers=1)
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with wh.writer_lock(db):
            held.set()
            release.wait(60)

    t = threading.Thread(target=hold)
    t.start()
    held.wait(10)
    try:
        t0 = time.monotonic()
        r = run_cli_etl(fresh_seeds, db)
        assert r.returncode == 3, r.stderr
        # refused at once, not after the holder lets go (60 s): the bound leaves room for a busy machine
        assert time.monotonic() - t0 < 45 and "another ETL run" in r.stderr
        threading.Timer(2.0, release.set).start()
        r = run_cli_etl(fresh_seeds, db, "--wait")
        assert r.returncode == 0, r.stderr
    finally:
        release.set()
        t.join()


@pytest.mark.parametrize("how", ["empty", "missing_most", "truncated_most"])
def test_a_mass_delete_is_refused_with_exit_2_unless_allowed(fresh_seeds: Path, tmp_path: Path, how: str) -> None:
    """An emptied folder, most files gone, or most files truncated to 0 bytes (a broken sync):
    each would remove most of the warehouse, and is refused until allowed."""
    db = tmp_path / "w.duckdb"
    run_etl(fresh_seeds, db, workers=1)
    before = digest(db)
    files = sorted(p for p in fresh_seeds.iterdir() if p.is_file())
    for p in files if how == "empty" else files[:3]:
        if how == "truncated_most":
            p.write_bytes(b"")
        else:
            p.unlink()
    r = run_cli_etl(fresh_seeds, db)
    assert r.returncode == 2, r.stderr
    assert "refusing" in r.stderr and "--allow-mass-delete" in r.stderr
    assert digest(db) == before
    r = run_cli_etl(fresh_seeds, db, "--allow-mass-delete")
    assert r.returncode == 0, r.stderr
    with reading(db) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == (0 if how == "empty" else 2)


def test_a_missing_seeds_folder_is_refused(fresh_seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    run_etl(fresh_seeds, db, workers=1)
    before = digest(db)
    shutil.rmtree(fresh_seeds)
    r = run_cli_etl(fresh_seeds, db)
    assert r.returncode == 2 and "does not exist" in r.stderr
    assert digest(db) == before


def test_a_failed_run_is_recorded_without_replaying_a_stale_wal(fresh_seeds: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk left a build WAL that was replayed into the failure copy ("Duplicate key run_id")."""
    db = tmp_path / "w.duckdb"
    run_etl(fresh_seeds, db, workers=1)
    before = digest(db)
    # A WAL lying where the failure copy is built (as a killed or full-disk run leaves one).
    stale = wh.temp_path(db, "failed")
    stale.with_name(stale.name + ".wal").write_bytes(b"\x00" * 4096)

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(runmod.Changes, "finish", disk_full)
    (fresh_seeds / "new.txt").write_text("新的文章。\n" * 20, encoding="utf-8")
    with pytest.raises(OSError):
        run_etl(fresh_seeds, db, workers=1)
    assert digest(db) == before
    with reading(db) as con:
        status, message = con.execute("SELECT status, message FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchone()
    assert status == "failed" and "No space left" in message
    assert not list(tmp_path.glob(".w.duckdb.tmp-*"))


def test_a_warehouse_inside_the_seeds_folder_is_refused(fresh_seeds: Path) -> None:
    """Its own files (the database, its lock) would be read as seed pages on every run."""
    db = fresh_seeds / "w.duckdb"
    r = run_cli_etl(fresh_seeds, db)
    assert r.returncode == 2, r.stderr
    assert "inside the seeds folder" in r.stderr and "Traceback" not in r.stderr
    assert not db.exists()
