"""kill -9 at random points: the warehouse is always the state before or after the run.

Each trial changes the seeds (edits, additions, deletions, a file turning bad), starts
`python -m app.cli etl` in its own process group, SIGKILLs the ETL process after a random
delay (seeded RNG; set STEMWATCH_CRASH_SEED to replay a failure) and then checks:

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
import sys
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


def start(seeds: Path, db: Path, full: bool, workers: int = 2) -> subprocess.Popen[bytes]:
    cmd = cli_etl_cmd(seeds, db, "--workers", str(workers), *(["--full"] if full else []))
    return subprocess.Popen(cmd, cwd=ROOT, env=cli_env(), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


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


def calibrate(seeds: Path, db: Path, rng: random.Random) -> tuple[float, dict[bool, float]]:
    """How long the CLI takes to start, and an incremental and a full run, so kills land inside runs."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import app.cli, etl.load.run"], cwd=ROOT, env=cli_env(), check=True,
                   capture_output=True, timeout=120)
    startup = time.perf_counter() - t0
    took = {}
    for full in (False, True):
        mutate(rng, seeds, -1 - int(full))
        t0 = time.perf_counter()
        proc = start(seeds, db, full)
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()[-3000:]
        took[full] = time.perf_counter() - t0
    return startup, took


def test_sigkill_at_random_points(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    print(f"crash trials: seed {SEED} (STEMWATCH_CRASH_SEED)")
    seeds = tmp_path / "seeds"
    make_variants(seeds, FILES)
    db = tmp_path / "w.duckdb"
    outcomes: Counter[str] = Counter()

    # Trial 0: the very first run is killed: there is no warehouse, or a whole one.
    proc = start(seeds, db, full=True)
    time.sleep(rng.uniform(0.8, 2.0))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert group_gone(proc.pid, 10), "worker processes outlived the killed run"
    if db.exists():
        assert_integrity(db)
        outcomes["first run: published before the kill"] += 1
    else:
        outcomes["first run: killed, no warehouse yet"] += 1
    run_etl(seeds, db, workers=1)
    assert_integrity(db)
    assert_invariant(db, seeds)

    startup, took = calibrate(seeds, db, rng)
    print(f"calibration: start-up {startup:.1f}s, incremental run {took[False]:.1f}s, full run {took[True]:.1f}s")
    for trial in range(TRIALS):
        full = trial % 3 == 2
        workers = 2 if trial % 2 else 1       # odd trials: worker processes that must die with the run
        mutate(rng, seeds, trial)
        before = digest(db)
        runs_before = _run_ids(db)
        delay = rng.uniform(startup * 0.8, max(startup, took[full] * 0.95))   # mostly after the imports
        proc = start(seeds, db, full, workers)
        try:
            proc.wait(timeout=delay)
            killed = False
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)   # the ETL process only, as `kill -9 <pid>` does
            proc.wait()
            killed = True
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
            f"trial {trial} (seed {SEED}, delay {delay:.2f}s): the killed run left {left}, "
            f"neither the state before {before} nor after {after}")
        assert before != after, "the trial changed nothing"
        assert runs_left in (runs_before, [*runs_before, runs_before[-1] + 1])
        assert_integrity(db)
        assert_invariant(db, seeds)
        assert not leftover_temps(db), leftover_temps(db)
        state = "completed before the kill" if not killed else (
            "killed, old state kept" if left == before else "killed after publishing")
        outcomes[f"{'full' if full else 'incremental'} x{workers}: {state}"] += 1
    print(f"crash outcomes over {TRIALS + 1} trials: {dict(outcomes)}")
    kills = sum(n for k, n in outcomes.items() if "killed" in k)
    assert kills >= 20, f"only {kills} runs were actually killed mid-run: {dict(outcomes)}"

    # Incremental runs after kills add up to what a clean build of the same seeds gives.
    fresh = tmp_path / "fresh.duckdb"
    shutil.rmtree(tmp_path / "unused", ignore_errors=True)
    run_etl(seeds, fresh, workers=1)
    assert digest(fresh) == digest(db)


def _run_ids(db: Path) -> list[int]:
    with reading(db) as con:
        return [r[0] for r in con.execute("SELECT run_id FROM etl_runs ORDER BY run_id").fetchall()]
