"""Scheduler freshness: from a file change to its rows being queryable, and the cost of an idle tick.

Targets (issue 5), on a generated corpus of 10,000 documents (benchmarks/corpus.py):
  - one changed file is queryable in under interval + 2 s;
  - an idle tick over 10,000 unchanged files costs under 0.5 s.

The corpus and its warehouse are built once per benchmark run (the full load is the slow
part); then the real `stemwatch schedule` runs in a subprocess, polling only and with file
events, while this process changes one file at a time (at a random point of the tick
cycle) and polls a read-only connection until the new content is in `articles`.

Run: python -m benchmarks.bench_schedule [N] [CHANGES] [INTERVAL]
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from benchmarks.corpus import make_corpus
from benchmarks.stats import Target, median, write_report
from etl.load.run import run_etl
from etl.refresh.fingerprint import Tracker

ROOT = Path(__file__).resolve().parent.parent


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STEMWATCH_")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def _queryable(db: Path, rel: str, sha: str) -> bool:
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return False
    try:
        row = con.execute("SELECT content_sha256 FROM articles WHERE source_path = ?", [rel]).fetchone()
    finally:
        con.close()
    return row is not None and row[0] == sha


def idle_tick_in_process(seeds: Path, db: Path, repeat: int = 20) -> tuple[float, list[float]]:
    """The tick's work (stat pass + comparison with source_files), timed in this process."""
    tracker = Tracker(seeds, db)
    t = time.perf_counter()
    first = tracker.check()       # reads source_files from the warehouse once
    cold = time.perf_counter() - t
    assert not first.changes, first.changes.describe()
    warm = []
    for _ in range(repeat):
        t = time.perf_counter()
        c = tracker.check()
        warm.append(time.perf_counter() - t)
        assert not c.changes
    return cold, warm


def latencies(seeds: Path, db: Path, log: Path, interval: float, changes: int, watch: bool,
              rng: random.Random) -> tuple[list[float], list[float], list[float]]:
    """(change -> queryable latencies, the scheduler's own idle-tick times, its run times)."""
    args = [sys.executable, "-m", "app.cli", "-v", "schedule", "--seeds", str(seeds), "--db", str(db),
            "--interval", str(interval)] + ([] if watch else ["--no-watch"])
    files = sorted(seeds.rglob("*.txt"))
    out: list[float] = []
    with open(log, "w", encoding="utf-8") as fh:
        proc = subprocess.Popen(args, cwd=ROOT, env=_env(), stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            # The first idle tick; long deadline: if the code changed since the load (build hash), it rebuilds first.
            deadline = time.monotonic() + 1200
            while "tick: " not in log.read_text(encoding="utf-8"):
                assert proc.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
                time.sleep(0.1)
            for i in range(-1, changes):                       # change -1 warms the process up, untimed
                time.sleep(rng.uniform(0, interval))          # land anywhere in the tick cycle
                target = files[rng.randrange(len(files))]
                data = target.read_bytes() + f"\n（基准修改 {i} {'watch' if watch else 'poll'}）\n".encode()
                target.write_bytes(data)
                t0 = time.perf_counter()
                rel = target.relative_to(seeds).as_posix()
                sha = hashlib.sha256(data).hexdigest()
                while not _queryable(db, rel, sha):
                    assert proc.poll() is None, log.read_text(encoding="utf-8")
                    assert time.perf_counter() - t0 < 120, f"change {i} never became queryable"
                    time.sleep(0.05)
                if i >= 0:
                    out.append(time.perf_counter() - t0)
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(60)
                except subprocess.TimeoutExpired:
                    pass
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            if proc.poll() is None:
                proc.wait(5)
    text = log.read_text(encoding="utf-8")
    ticks = [float(m) for m in re.findall(r"tick: \d+ files, no change \(([\d.]+)s\)", text)]
    runs = [float(m) for m in re.findall(r"published in ([\d.]+)s", text)][1:]   # without the warm-up
    return out, ticks, runs


def main(n: int = 10_000, changes: int = 7, interval: float = 2.0) -> list[Target]:
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as d:
        seeds, db = Path(d) / "seeds", Path(d) / "w.duckdb"
        t = time.perf_counter()
        nbytes = make_corpus(seeds, n)
        res = run_etl(seeds, db, full=True)
        setup = time.perf_counter() - t
        assert res.files_loaded == n, res.message
        cold, warm = idle_tick_in_process(seeds, db)
        poll, poll_ticks, poll_runs = latencies(seeds, db, Path(d) / "poll.log", interval, changes, False, rng)
        watch, watch_ticks, watch_runs = latencies(seeds, db, Path(d) / "watch.log", interval, changes, True, rng)
        size = db.stat().st_size
    target = interval + 2
    ticks = poll_ticks + watch_ticks
    runs = poll_runs + watch_runs

    def ok(v: float, limit: float) -> str:
        return "yes" if v < limit else "**no**"

    write_report("schedule", "Scheduler freshness", [
        f"Corpus: {n} documents derived from the five seeds ({nbytes / 1e6:.1f} MB), warehouse {size / 2**20:.0f} MiB; "
        f"corpus and full load took {setup:.0f} s (once per benchmark run). Scheduler: `stemwatch schedule "
        f"--interval {interval:g}` in a subprocess; one file changed at a time, at a random point of the tick "
        "cycle; latency = from the write to a read-only query seeing the new content in `articles`.",
        "",
        "| measurement | median | max | runs | target | median met |",
        "|---|---|---|---|---|---|",
        f"| change -> queryable, polling only (`--no-watch`) | **{median(poll):.2f} s** | {max(poll):.2f} s | "
        f"{len(poll)} | < {target:g} s | {ok(median(poll), target)} |",
        f"| change -> queryable, with file events | **{median(watch):.2f} s** | {max(watch):.2f} s | "
        f"{len(watch)} | < {target:g} s | {ok(median(watch), target)} |",
        f"| idle tick, {n} unchanged files (scheduler's own timing) | **{median(ticks):.3f} s** | {max(ticks):.3f} s | "
        f"{len(ticks)} | < 0.5 s | {ok(median(ticks), 0.5)} |",
        f"| idle tick in process (stat pass + diff) | {median(warm):.3f} s | {max(warm):.3f} s | {len(warm)} | < 0.5 s | "
        f"{ok(median(warm), 0.5)} |",
        f"| first tick after a publish (re-reads source_files) | {cold:.3f} s | | 1 | | |",
        f"| the incremental run itself (one file) | {median(runs):.2f} s | {max(runs):.2f} s | {len(runs)} | | |",
        "",
        f"Latencies, polling: {[round(x, 2) for x in poll]}; with file events: {[round(x, 2) for x in watch]}.",
        f"Run times from the scheduler's log: {[round(x, 2) for x in runs]}.",
        "",
        "Each mode starts a fresh scheduler and makes one untimed warm-up change first (the first run in",
        "a new process loads the lexicon); the timed changes follow. A change waits for the next tick (0 to",
        "one interval when polling, the 0.3 s debounce with file events), a second look only if the file",
        "was written in the last 0.3 s (one still being written waits for the next tick), then the",
        "incremental run: snapshot and copy the live file, parse one document, CHECKPOINT, fsync, os.replace.",
    ])
    return [Target("change -> queryable, polling (median)", median(poll), "<", target, " s"),
            Target("change -> queryable, file events (median)", median(watch), "<", target, " s"),
            Target(f"idle tick, {n} unchanged files (median)", median(ticks), "<", 0.5, " s"),
            Target("idle tick in process (median)", median(warm), "<", 0.5, " s")]


if __name__ == "__main__":
    argv = sys.argv[1:4]
    main(*(int(a) for a in argv[:2]), *(float(a) for a in argv[2:3]))
