"""The real scheduler (`stemwatch schedule --interval 1`) in a subprocess on a private seeds folder.

Each test starts from a warehouse already in step with the folder (a copy of the session's
``seeded_db``), changes real files and waits, with deadlines, until the warehouse agrees
with the folder again (the oracle in tests/schedule_support.py hashes the files itself).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from etl.refresh.fingerprint import Changes, HashCache, compare, read_loaded, scan, unsettled
from etl.refresh.schedule import Refresher, Service, StopRequest
from tests.reliability.helpers import assert_integrity, digest, leftover_temps
from tests.schedule_support import (
    Proc,
    Reader,
    articles,
    converged,
    copy_seeds_and_db,
    edit,
    ledger,
    runs,
    schedule,
    wait_until,
)
from warehouse.db import version

pytestmark = pytest.mark.timeout(120)


@pytest.fixture()
def folder(tmp_path: Path, seeded_db: Path) -> tuple[Path, Path]:
    return copy_seeds_and_db(tmp_path, seeded_db)


def _seed(seeds: Path, prefix: str) -> Path:
    return next(p for p in sorted(seeds.iterdir()) if p.name.startswith(prefix))


def _idle_ticks(proc: Proc) -> int:
    return len(proc.lines(r"tick: \d+ files, no change"))


# ---------------------------------------------------------------- the fingerprint, in process

def test_fingerprint_matches_discover_and_sees_every_kind_of_change(folder: tuple[Path, Path]) -> None:
    seeds, db = folder
    from etl.load.discover import discover

    (seeds / "sub").mkdir()
    (seeds / "sub" / "deep.txt").write_text("x", encoding="utf-8")
    (seeds / ".hidden.txt").write_text("x", encoding="utf-8")
    (seeds / "backup.txt~").write_text("x", encoding="utf-8")
    (seeds / "dangling").symlink_to(seeds / "nowhere")
    snap = scan(seeds)
    assert set(snap) == {f.rel for f in discover(seeds)}
    assert snap["dangling"] == (0, 0, 0)

    (seeds / "sub" / "deep.txt").unlink()
    (seeds / "dangling").unlink()
    loaded, hashes = read_loaded(db), HashCache()
    assert compare(seeds, scan(seeds), loaded, hashes) == Changes()

    a, b, c = _seed(seeds, "000"), _seed(seeds, "001"), _seed(seeds, "002")
    edit(a, "编辑")
    c.unlink()
    st = b.stat()
    os.utime(b, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))   # touched, same bytes
    (seeds / "new.txt").write_text("新文件", encoding="utf-8")
    ch = compare(seeds, scan(seeds), loaded, hashes)
    assert (ch.added, ch.changed, ch.removed, ch.touched) == (("new.txt",), (a.name,), (c.name,), (b.name,))
    assert hashes.hashed == 1            # only the same-size file was read; the next look hashes nothing
    compare(seeds, scan(seeds), loaded, hashes)
    assert hashes.hashed == 1

    # settled: a second look after the pause sees the same stat; a file written meanwhile is not
    snap = scan(seeds)
    assert unsettled(seeds, ["new.txt"], snap, None, 60.0, sleep=lambda _s: None) == []
    assert unsettled(seeds, ["new.txt"], snap, None, 60.0,
                     sleep=lambda _s: (seeds / "new.txt").write_text("新文件，写了一半", encoding="utf-8")) == ["new.txt"]
    # no second look: the previous tick saw the same stat, or the last write is older than the pause
    no_look = {"sleep": lambda _s: pytest.fail("no second look needed")}
    snap = scan(seeds)
    assert unsettled(seeds, ["new.txt"], snap, snap, 60.0, **no_look) == []
    assert unsettled(seeds, ["new.txt"], snap, None, 60.0, now=lambda: snap["new.txt"][1] / 1e9 + 61, **no_look) == []


def test_odd_entries_are_not_seen_as_changes_after_a_run(folder: tuple[Path, Path]) -> None:
    """Entries the ETL stores without a real stat (links, FIFOs, bad names) must not re-trigger a run every tick."""
    seeds, db = folder
    from etl.load.discover import discover
    from etl.load.run import run_etl

    os.mkfifo(seeds / "pipe.txt")
    (seeds / "loop").symlink_to(seeds / "loop")
    (seeds / "dirlink").symlink_to(seeds)
    (seeds / "gone.txt").symlink_to(seeds / "nowhere.txt")
    (seeds / os.fsdecode(b"caf\xe9.txt")).write_text("名字不是 UTF-8", encoding="utf-8")
    (seeds / "empty.txt").write_bytes(b"")
    snap = scan(seeds)
    assert set(snap) == {f.rel for f in discover(seeds)}
    loaded = read_loaded(db)
    changes = compare(seeds, snap, loaded, HashCache())
    assert len(changes.added) == 6
    assert unsettled(seeds, changes.added, snap, None, 0.0) == []
    run_etl(seeds, db, workers=1)
    assert compare(seeds, scan(seeds), read_loaded(db), HashCache()) == Changes()


# ---------------------------------------------------------------- the scheduler in a subprocess

@pytest.mark.slow
def test_converges_after_files_are_added_edited_deleted_and_broken(folder: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, db = folder
    reader = Reader(db, tmp_path)
    proc = schedule(seeds, db, tmp_path)
    try:
        wait_until(lambda: _idle_ticks(proc) >= 1, 30, "the first idle tick", proc)
        assert len(runs(db)) == 1, "a warehouse in step with the folder needs no run at start"

        added = seeds / "added.txt"
        added.write_bytes(_seed(seeds, "003").read_bytes() + "\n转载编号 1\n".encode())
        wait_until(lambda: "added.txt" in articles(db), 20, "the added file in articles", proc)

        edited = _seed(seeds, "001")
        edit(edited, "更新")
        wait_until(lambda: converged(db, seeds), 20, "the edit", proc)

        deleted = _seed(seeds, "002")
        deleted.unlink()
        wait_until(lambda: deleted.name not in ledger(db), 20, "the deletion", proc)

        (seeds / "broken.txt").write_bytes(b"\x00\x01\x02 not text \x00" * 50)
        _seed(seeds, "004").write_bytes(b"")                         # an article that turns into an empty file
        wait_until(lambda: converged(db, seeds), 20, "the broken files", proc)
        with_q = ledger(db)
        assert with_q["broken.txt"][1] == "quarantined" and with_q[_seed(seeds, "004").name][1] == "quarantined"
        assert _seed(seeds, "004").name not in articles(db)

        _seed(seeds, "004").write_bytes(added.read_bytes() + "\n修好了\n".encode())   # repaired
        (seeds / "broken.txt").unlink()
        wait_until(lambda: converged(db, seeds) and _seed(seeds, "004").name in articles(db), 20, "the repair", proc)
        assert_integrity(db)

        # Quiet folder (and a mere touch): ticks keep coming, runs do not.
        n_runs = len(runs(db))
        st = edited.stat()
        os.utime(edited, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
        ticks = _idle_ticks(proc)
        wait_until(lambda: _idle_ticks(proc) >= ticks + 3, 20, "three more idle ticks", proc)
        assert len(runs(db)) == n_runs
        assert proc.lines("touched but unchanged")

        proc.signal(signal.SIGINT)
        assert proc.wait(30) == 0
        assert proc.lines("scheduler stopped")
    finally:
        proc.close()
        result = reader.finish()
    all_runs = runs(db)
    assert all(r[3] == "success" for r in all_runs), all_runs
    assert {r[5] for r in all_runs[1:]} <= {"schedule", "watch"}
    assert result["queries"] > 50 and result["errors"] == 0 and result["torn"] == 0, result


@pytest.mark.slow
def test_a_slow_run_is_never_overlapped(folder: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, db = folder
    proc = schedule(seeds, db, tmp_path, slow=2.5)
    try:
        wait_until(lambda: _idle_ticks(proc) >= 1, 30, "the first idle tick", proc)
        edit(_seed(seeds, "000"), "第一次修改")
        wait_until(lambda: proc.lines("sleeping .* inside the run"), 20, "the slow run", proc)
        edit(_seed(seeds, "001"), "运行期间的修改")      # changes keep arriving while the run sleeps:
        wait_until(lambda: proc.lines("tick skipped"), 10, "a skipped tick", proc)
        edit(_seed(seeds, "002"), "又一个修改")          # file events and ticks fall due, none may start a run
        wait_until(lambda: converged(db, seeds), 60, "all three edits", proc)
    finally:
        proc.close()
    all_runs = runs(db)[1:]
    assert len(all_runs) >= 2 and all(r[3] == "success" for r in all_runs)
    for before, after in itertools.pairwise(all_runs):
        assert after[1] >= before[2], f"run {after[0]} started before run {before[0]} finished: {all_runs}"
    # the log alternates start / end: the scheduler never had two runs going
    events = proc.lines(r"run starting|published in|run failed|run aborted")
    assert all(("run starting" in e) == (i % 2 == 0) for i, e in enumerate(events)), events


@pytest.mark.slow
def test_sigterm_during_a_run_lets_it_finish_and_publish(folder: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, db = folder
    reader = Reader(db, tmp_path)
    proc = schedule(seeds, db, tmp_path, slow=3)
    try:
        wait_until(lambda: _idle_ticks(proc) >= 1, 30, "the first idle tick", proc)
        edit(_seed(seeds, "000"), "停止前的修改")
        wait_until(lambda: proc.lines("sleeping .* inside the run"), 20, "the slow run", proc)
        assert leftover_temps(db), "the run is building its temporary file"
        proc.signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        proc.close()
        result = reader.finish()
    assert converged(db, seeds), "the run in progress finished and published"
    assert_integrity(db)
    assert not leftover_temps(db)
    assert result["errors"] == 0 and result["torn"] == 0, result


@pytest.mark.slow
def test_a_second_sigterm_aborts_the_run_and_keeps_the_last_warehouse(folder: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, db = folder
    before = digest(db)
    proc = schedule(seeds, db, tmp_path, slow=30)
    try:
        wait_until(lambda: _idle_ticks(proc) >= 1, 30, "the first idle tick", proc)
        edit(_seed(seeds, "000"), "不会发布的修改")
        wait_until(lambda: proc.lines("sleeping .* inside the run"), 20, "the slow run", proc)
        proc.signal(signal.SIGTERM)
        wait_until(lambda: proc.lines("waiting for the run in progress"), 10, "the stop to wait for the run", proc)
        proc.signal(signal.SIGTERM)
        assert proc.wait(20) == 130
        assert proc.lines("run aborted before publishing")
    finally:
        proc.close()
    assert digest(db) == before
    assert_integrity(db)
    assert not leftover_temps(db), "the aborted build removed its temporary file"


@pytest.mark.slow
def test_sigkill_during_a_run_leaves_the_last_warehouse_and_the_next_start_catches_up(
        folder: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, db = folder
    before = digest(db)
    reader = Reader(db, tmp_path)
    proc = schedule(seeds, db, tmp_path, slow=30)
    try:
        wait_until(lambda: _idle_ticks(proc) >= 1, 30, "the first idle tick", proc)
        edit(_seed(seeds, "001"), "被杀掉的运行")
        wait_until(lambda: proc.lines("sleeping .* inside the run"), 20, "the slow run", proc)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
        assert leftover_temps(db), "a killed run leaves its temporary file"
        assert digest(db) == before
        assert_integrity(db)
    finally:
        proc.close()
    again = schedule(seeds, db, tmp_path, name="restart")
    try:
        wait_until(lambda: converged(db, seeds), 30, "the restarted scheduler to catch up", again)
        assert not leftover_temps(db)
    finally:
        again.close()
        result = reader.finish()
    assert_integrity(db)
    assert result["errors"] == 0 and result["torn"] == 0, result


@pytest.mark.slow
def test_a_file_still_being_written_waits_for_the_next_tick(folder: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, db = folder
    growing = seeds / "growing.txt"
    body = _seed(seeds, "003").read_bytes()
    chunks = [body[i:i + 400] for i in range(0, len(body), 400)]
    seen_loaded: list[str] = []
    done = threading.Event()

    def writer() -> None:
        with open(growing, "wb") as fh:
            deadline = time.monotonic() + 4.0          # keep writing for 4 s: several ticks and looks
            i = 0
            while time.monotonic() < deadline:
                fh.write(chunks[i % len(chunks)] if i < len(chunks) else "续写。".encode())
                fh.flush()
                i += 1
                if i == 10:
                    edit(_seed(seeds, "000"), "写入期间的另一个修改")   # makes a run happen meanwhile
                time.sleep(0.1)
        done.set()

    proc = schedule(seeds, db, tmp_path)
    try:
        wait_until(lambda: _idle_ticks(proc) >= 1, 30, "the first idle tick", proc)
        runs_before = len(runs(db))
        t = threading.Thread(target=writer)
        t.start()
        while not done.is_set():
            row = ledger(db).get("growing.txt")
            if row and row[1] == "loaded":
                seen_loaded.append(row[0])
            time.sleep(0.05)
        t.join()
        wait_until(lambda: converged(db, seeds), 20, "the finished file", proc)
    finally:
        proc.close()
    assert not seen_loaded, "a half-written file was loaded"
    assert proc.lines("still being written: .*growing.txt")
    assert len(runs(db)) > runs_before + 1, "the other edit was loaded while growing.txt was held back"
    assert ledger(db)["growing.txt"][1] == "loaded"


@pytest.mark.slow
def test_a_failed_run_is_recorded_and_retried(folder: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, db = folder
    from etl.knowledge.rules import default_sources_path

    good = default_sources_path().read_text(encoding="utf-8")
    sources = tmp_path / "sources.csv"
    sources.write_text(good, encoding="utf-8")
    proc = schedule(seeds, db, tmp_path, "--sources", str(sources))
    try:
        wait_until(lambda: _idle_ticks(proc) >= 1 and converged(db, seeds), 30, "the first idle tick", proc)
        sources.write_text(good + "example.org,not_a_type,broken on purpose\n", encoding="utf-8")
        edit(_seed(seeds, "002"), "规则文件坏了")
        failed = wait_until(lambda: [r for r in runs(db) if r[3] == "failed"], 20, "a failed run", proc)
        assert "not_a_type" in failed[0][6] and str(sources) in failed[0][6], failed   # the reason, with file and line
        assert not converged(db, seeds)
        wait_until(lambda: len(proc.lines("run failed")) >= 2, 20, "the retry at the next tick", proc)
        sources.write_text(good, encoding="utf-8")
        wait_until(lambda: converged(db, seeds), 30, "the retry after the fix", proc)
    finally:
        proc.close()
    assert runs(db)[-1][3] == "success"
    assert_integrity(db)


# ---------------------------------------------------------------- cron and usage

def test_the_cron_job_forces_a_full_rebuild(folder: tuple[Path, Path]) -> None:
    seeds, db = folder
    stop = StopRequest()
    service = Service(Refresher(seeds, db, interval=3600, abort=stop.abort), 3600, "0 3 * * *", False, stop)
    service.start(first_look_now=False)
    try:
        job = service.scheduler.get_job("rebuild")
        assert (job.next_run_time.hour, job.next_run_time.minute) == (3, 0)
        published = version(db)
        service.scheduler.modify_job("rebuild", next_run_time=dt.datetime.now(service.scheduler.timezone))
        # stat only while the run goes: a connection of ours could clash with the build's ATTACH in this process
        wait_until(lambda: version(db) != published and service.refresher.idle.is_set(), 60, "the cron run")
    finally:
        assert service.shutdown(grace=60) is False
    last = runs(db)[-1]
    assert (last[3], last[4], last[5]) == ("success", "full", "cron")
    assert converged(db, seeds)


@pytest.mark.parametrize("args, message", [
    (["--cron", "every night"], "not a crontab expression"),
    (["--interval", "0"], "positive number of seconds"),
    (["--seeds", "/nonexistent/seeds"], "does not exist"),
])
def test_usage_errors_exit_2(folder: tuple[Path, Path], tmp_path: Path, args: list[str], message: str) -> None:
    seeds, db = folder
    proc = Proc(["schedule", "--seeds", str(seeds), "--db", str(db), *args], tmp_path)
    try:
        assert proc.wait(30) == 2
        assert message in proc.log()
    finally:
        proc.close()
