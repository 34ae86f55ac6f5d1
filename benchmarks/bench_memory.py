"""Peak memory of a full load: the whole process tree and each process (writer, workers), and wall time.

Target (issue 10): peak RSS of a full load of 100,000 documents < 1 GiB, over the whole process
tree (the writer, its worker processes and multiprocessing's resource tracker). Each size is one
`stemwatch etl --full` in a fresh process, as a user runs it, on a corpus generated from the seeds
(benchmarks/corpus.py); a run that fails is reported as failed, with the end of its error.

    python -m benchmarks.bench_memory [N ...]        (default: 100000; about 1 GB of input)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.bench_etl import TreeRss
from benchmarks.corpus import make_corpus
from benchmarks.stats import Target, write_report

TARGET_DOCS = 100_000
TARGET_MIB = 1024


@dataclass
class LoadMemory:
    """One full load: what it took and the peak RSS of each process (MiB)."""

    docs: int
    input_mb: float
    seconds: float
    ok: bool
    error: str
    tree: float
    writer: float
    workers: list[float]
    tracker: float
    load_before: float
    load_after: float


def measure(seeds: Path, db: Path, docs: int, input_bytes: int) -> LoadMemory:
    """`stemwatch etl --full` over ``seeds`` into ``db`` in a fresh process, sampled every 20 ms."""
    cmd = [sys.executable, "-m", "app.cli", "etl", "--seeds", str(seeds), "--db", str(db), "--full"]
    load_before = os.getloadavg()[0]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with TreeRss(proc.pid) as rss:
        _, err = proc.communicate()
    took = time.perf_counter() - t
    mib = {pid: v / 2**20 for pid, v in rss.peaks.items()}
    by_role = lambda role: [mib[p] for p in sorted(mib) if rss.roles.get(p) == role]  # noqa: E731
    return LoadMemory(docs, input_bytes / 1e6, took, proc.returncode == 0,
                      "" if proc.returncode == 0 else err.decode(errors="replace").strip()[-300:],
                      rss.peak / 2**20, max(by_role("writer"), default=0.0), by_role("worker"),
                      max(by_role("resource tracker"), default=0.0), load_before, os.getloadavg()[0])


def main(sizes: tuple[int, ...] = (TARGET_DOCS,)) -> list[Target]:
    results: list[LoadMemory] = []
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        for n in sizes:
            seeds = root / f"corpus{n}"
            nbytes = make_corpus(seeds, n)
            results.append(measure(seeds, root / f"w{n}.duckdb", n, nbytes))
            shutil.rmtree(seeds)
            for p in root.glob(f"w{n}.duckdb*"):
                p.unlink() if p.is_file() else shutil.rmtree(p)
    lines = [
        "Peak resident memory of `stemwatch etl --full` in a fresh process (2 worker processes on this",
        "machine), sampled every 20 ms over the whole process tree and per process; one run per size.",
        "Wall time depends on the other sessions sharing the 2 cores (load average before and after).",
        "",
        "| documents | MB of input | result | seconds | MB/s | peak RSS, tree | writer | workers | resource tracker | load avg |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.docs:,} | {r.input_mb:,.0f} | {'loaded' if r.ok else 'FAILED'} | {r.seconds:,.0f} "
            f"| {r.input_mb / r.seconds:.2f} | **{r.tree:,.0f} MiB** | {r.writer:,.0f} MiB "
            f"| {' + '.join(f'{w:,.0f}' for w in r.workers)} MiB | {r.tracker:,.0f} MiB "
            f"| {r.load_before:.1f} / {r.load_after:.1f} |")
    for r in results:
        if not r.ok:
            lines += ["", f"The {r.docs:,}-document run failed: `{r.error}`"]
    at_target = [r for r in results if r.docs == TARGET_DOCS]
    measured = at_target[0].tree if at_target and at_target[0].ok else None
    verdict = "no data" if measured is None else "met" if measured < TARGET_MIB else "missed"
    lines += ["", f"Target: peak RSS of a full load of {TARGET_DOCS:,} documents < {TARGET_MIB} MiB: **{verdict}**"
              + (f" ({measured:,.0f} MiB)." if measured is not None else
                 " (not measured in this run)." if not at_target else " (the run failed)."), ""]
    write_report("memory", "Peak memory of a full load", lines)
    return [Target(f"peak RSS of a full load of {TARGET_DOCS:,} documents (process tree)", measured, "<",
                   TARGET_MIB, " MiB")]


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[TARGET_DOCS], help="corpus sizes (documents)")
    main(tuple(ap.parse_args().sizes))
