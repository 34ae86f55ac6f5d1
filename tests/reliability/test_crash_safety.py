"""kill -9 at known points inside a run: the warehouse is always the state before or after the run.

Each trial changes the seeds (edits, additions, deletions, a file turning bad), starts
`python -m app.cli etl` in its own process group with a test-only ``sitecustomize`` (written by
this test into its temp folder, never part of the product) that pauses the run at a chosen
point (seeded RNG; set STEMWATCH_CRASH_SEED to replay a failure), waits for the pause to be
reached, SIGKILLs the ETL process there, and then checks:

* the warehouse opens and passes the integrity checks (helpers.assert_integrity);
* its content digest equals the digest before the run or after it;
* no worker process outlives the killed run;
* the next run converges: integrity, the seeds/warehouse invariant, no temporary file left.

At the end a from-scratch full build of the final seeds must equal the converged warehouse.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from etl.load.run import run_etl
from tests.conftest import ROOT
from tests.reliability.helpers import (
    assert_integrity,
    assert_invariant,
    cli_env,
    cli_etl_cmd,
    digest,
    leftover_temps,
    make_variants,
    seed_texts,
)
from warehouse.db import reading

pytestmark = [pytest.mark.reliability, pytest.mark.slow]

TRIALS = 24
SEED = int(os.environ.get("STEMWATCH_CRASH_SEED", "20261122"))
FILES = 50


# Where a run can be paused: "module:attribute" of a callable the run calls; the pause happens
# when it is called. Together they cover every phase from reading the old state to the swap.
PAUSE_POINTS = (
    "etl.load.run:discover",                 # old state read, nothing built yet
    "etl.load.run:run_jobs",                 # build file open (spare or copy), before any file is parsed
    "etl.load.run:summarise",                # mid-apply: rows of a batch inserted, summaries not yet
    "etl.load.run:write_run",                # everything applied, the run record not yet written
    "warehouse.db:publish",                  # checkpointed and closed, just before fsync and os.replace
)

SITECUSTOMIZE = """
import importlib, os, time
_point, _flag = os.environ.get("STEMWATCH_TEST_PAUSE"), os.environ.get("STEMWATCH_TEST_PAUSE_FLAG")
if _point and _flag:
    _mod, _attr = _point.split(":")
    _m = importlib.import_module(_mod)
    _orig = getattr(_m, _attr)
    def _paused(*a, **k):
        open(_flag, "w").close()
        time.sleep(600)
        return _orig(*a, **k)
    setattr(_m, _attr, _paused)
"""


def start(seeds: Path, db: Path, full: bool, workers: int = 2, pause: str | None = None,
          hooks: Path | None = None) -> subprocess.Popen[bytes]:
    cmd = cli_etl_cmd(seeds, db, "--workers", str(workers), "--allow-mass-delete", *(["--full"] if full else []))
    env = cli_env()
    if pause and hooks:
        env["PYTHONPATH"] = f"{hooks}{os.pathsep}{env['PYTHONPATH']}"
        env["STEMWATCH_TEST_PAUSE"] = pause
        env["STEMWATCH_TEST_PAUSE_FLAG"] = str(hooks / "paused")
    return subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for(flag: Path, proc: subprocess.Popen[bytes], timeout: float = 300) -> bool:
    """True once the run reached its pause point; False if it finished first."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if flag.exists():
            return True
        if proc.poll() is not None:
            return flag.exists()
        time.sleep(0.02)
    raise AssertionError(f"the run neither paused nor finished in {timeout}s")


def group_gone(pgid: int, timeout: float) -> bool:
    """True when no process of the killed run's process group is left (workers included)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def mutate(rng: random.Random, seeds: Path, trial: int) -> None:
    files = sorted(p for p in seeds.rglob("*") if p.is_file())
    for p in rng.sample(files, k=min(len(files), rng.randint(5, 20))):
        p.write_bytes(p.read_bytes() + f"\n第{trial}次修改。\n".encode())
    texts = seed_texts()
    for k in range(rng.randint(1, 4)):
        _, data = rng.choice(texts)
        (seeds / f"batch{k % 4}" / f"new_{trial}_{k}.txt").write_bytes(data + f"新文件{trial}-{k}".encode())
    for p in rng.sample(files, k=rng.randint(0, 2)):
        p.unlink()
    if rng.random() < 0.3:
        rng.choice(files).write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(500)) if files else None


def test_sigkill_at_known_points(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    print(f"crash trials: seed {SEED} (STEMWATCH_CRASH_SEED)")
    seeds = tmp_path / "seeds"
    make_variants(seeds, FILES)
    db = tmp_path / "w.duckdb"
    outcomes: Counter[str] = Counter()
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    flag = hooks / "paused"

    # Trial 0: the very first run is killed while parsing: there is no warehouse yet.
    proc = start(seeds, db, full=True, pause="etl.load.run:run_jobs", hooks=hooks)
    assert wait_for(flag, proc), (proc.stderr.read() if proc.stderr else b"").decode()[-3000:]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    flag.unlink()
    assert group_gone(proc.pid, 10), "worker processes outlived the killed run"
    assert not db.exists()
    outcomes["first run: killed, no warehouse yet"] += 1
    run_etl(seeds, db, workers=1)
    assert_integrity(db)
    assert_invariant(db, seeds)

    for trial in range(TRIALS):
        full = trial % 3 == 2
        workers = 2 if trial % 2 else 1       # odd trials: worker processes that must die with the run
        mutate(rng, seeds, trial)
        before = digest(db)
        runs_before = _run_ids(db)
        point = PAUSE_POINTS[trial % len(PAUSE_POINTS)] if trial % 8 != 7 else rng.choice(PAUSE_POINTS)
        proc = start(seeds, db, full, workers, pause=point, hooks=hooks)
        killed = wait_for(flag, proc)
        if killed:
            os.kill(proc.pid, signal.SIGKILL)   # the ETL process only, as `kill -9 <pid>` does
        proc.wait()
        flag.unlink(missing_ok=True)
        gone = group_gone(proc.pid, 10)
        if not gone:
            os.killpg(proc.pid, signal.SIGKILL)
        assert gone, f"trial {trial}: worker processes outlived the killed run"
        if not killed:
            assert proc.returncode == 0, (proc.stderr.read() if proc.stderr else b"").decode()[-3000:]
        assert_integrity(db)
        left = digest(db)
        runs_left = _run_ids(db)
        # Converge, in this process: the next run must finish what the killed one started.
        res = run_etl(seeds, db, workers=1)
        assert res.status == "success"
        after = digest(db)
        assert left in (before, after), (
            f"trial {trial} (seed {SEED}, paused at {point}): the killed run left {left}, "
            f"neither the state before {before} nor after {after}")
        assert before != after, "the trial changed nothing"
        assert runs_left in (runs_before, [*runs_before, runs_before[-1] + 1])
        assert_integrity(db)
        assert_invariant(db, seeds)
        assert not leftover_temps(db), leftover_temps(db)
        assert killed, f"trial {trial}: the run finished without reaching {point}"
        assert left == before, f"trial {trial}: killed at {point} before publishing, yet the warehouse changed"
        outcomes[f"{'full' if full else 'incremental'} x{workers} at {point}: killed, old state kept"] += 1
    print(f"crash outcomes over {TRIALS + 1} trials: {dict(outcomes)}")
    kills = sum(n for k, n in outcomes.items() if "killed" in k)
    assert kills == TRIALS + 1, f"only {kills} runs were killed mid-run: {dict(outcomes)}"

    # Incremental runs after kills add up to what a clean build of the same seeds gives.
    fresh = tmp_path / "fresh.duckdb"
    shutil.rmtree(tmp_path / "unused", ignore_errors=True)
    run_etl(seeds, fresh, workers=1)
    assert digest(fresh) == digest(db)


def _run_ids(db: Path) -> list[int]:
    with reading(db) as con:
        return [r[0] for r in con.execute("SELECT run_id FROM etl_runs ORDER BY run_id").fetchall()]
