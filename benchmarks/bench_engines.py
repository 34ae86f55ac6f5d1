"""Engines: the local process pool against Dask on a LocalCluster, and a projection to 8 and 32 workers.

Both engines run the same full load of the same generated corpus (alternating, median of REPEAT).
The projection uses figures measured here, not assumptions:
  - parse cost per document: ``engines.parse_chunk`` over the corpus in one process (read, parse,
    rows as Arrow), seconds per document;
  - scheduler overhead per task: a Dask round trip of a task that does nothing, on the same cluster;
  - writer cost per document: CPU time of the insert and publish stages of a serial full load
    (the single writer does not scale with workers; a serial load also builds the Arrow
    tables there, which workers do in a parallel one, so this overstates it a little).
Throughput with W workers = min(W / (parse + overhead / chunk), 1 / writer) documents per second.
It assumes the files are as close to every worker as here (a shared file system that keeps up)
and one core per worker.

    python -m benchmarks.bench_engines [N] [REPEAT]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import make_corpus
from benchmarks.stages import stage_clock
from benchmarks.stats import Target, median, write_report
from etl.load import engines
from etl.load.plan import Job
from etl.load.run import run_etl


def _noop(x: int) -> int:
    return x


def scheduler_overhead(client: object, tasks: int = 400) -> float:
    """Seconds per task of a Dask map of tasks that do nothing (submit, run, gather)."""
    client.gather(client.map(_noop, range(20), pure=False))  # type: ignore[attr-defined]
    t = time.perf_counter()
    client.gather(client.map(_noop, range(tasks), pure=False))  # type: ignore[attr-defined]
    return (time.perf_counter() - t) / tasks


def parse_cost(seeds: Path, n: int) -> float:
    """Seconds per document of the worker's whole job, in this process (after one warm-up chunk)."""
    files = sorted(p for p in seeds.rglob("*") if p.is_file())
    jobs = [Job(p.relative_to(seeds).as_posix(), str(p), None) for p in files]
    parts = engines.chunks(jobs)
    engines.parse_chunk(parts[0], None, 64 * 2**20, 1)
    t = time.process_time()
    for part in parts:
        engines.parse_chunk(part, None, 64 * 2**20, 1)
    return (time.process_time() - t) / len(jobs)


def main(n: int = 2_000, repeat: int = 3) -> list[Target]:
    from dask.distributed import Client, LocalCluster

    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        seeds = root / "seeds"
        nbytes = make_corpus(seeds, n)
        mb = nbytes / 1e6
        local, dask = [], []
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            for _ in range(repeat):
                t = time.perf_counter()
                run_etl(seeds, root / "local.duckdb", full=True, workers=workers, engine="local")
                local.append(time.perf_counter() - t)
                t = time.perf_counter()
                run_etl(seeds, root / "dask.duckdb", full=True, workers=workers, engine="dask",
                        scheduler=cluster.scheduler_address)
                dask.append(time.perf_counter() - t)
            overhead = scheduler_overhead(client)
        per_doc = parse_cost(seeds, n)
        with stage_clock() as acc:
            run_etl(seeds, root / "serial.duckdb", full=True, workers=1)
        writer = (acc.cpu["insert"] + acc.cpu["publish"]) / n
    doc_mb = mb / n

    def projected(w: int) -> tuple[float, str]:
        parse_rate = w / (per_doc + overhead / engines.CHUNK)
        write_rate = 1 / writer if writer > 0 else float("inf")
        return min(parse_rate, write_rate) * doc_mb, "parsing" if parse_rate < write_rate else "the single writer"

    lines = [
        f"Corpus: {n} generated documents, {mb:.1f} MB. Both engines with {workers} workers on this machine "
        f"(Dask: a LocalCluster of {workers} processes, one thread each, started once; the local pool "
        "is started by each run as `stemwatch etl` does). Other sessions share the 2 cores: medians, alternating runs.",
        "",
        "| engine | median full load | MB/s | runs |",
        "|---|---:|---:|---:|",
        f"| local process pool | {median(local):.1f} s | {mb / median(local):.2f} | {repeat} |",
        f"| dask (LocalCluster) | {median(dask):.1f} s | {mb / median(dask):.2f} | {repeat} |",
        "",
        "Measured for the projection:",
        "",
        f"- parse cost per document (read, parse, Arrow rows; one process, CPU time): {per_doc * 1000:.2f} ms",
        f"- Dask scheduler overhead per task (no-op round trip): {overhead * 1000:.2f} ms; "
        f"{engines.CHUNK} documents per task = {overhead / engines.CHUNK * 1000:.3f} ms per document",
        f"- single writer (insert + publish, CPU time of a serial load, DuckDB's threads included) per document: {writer * 1000:.2f} ms "
        f"= at most {doc_mb / writer:.1f} MB/s whatever the workers" if writer > 0 else "- writer: not measured",
        "",
        "| workers | projected MB/s | bound by |",
        "|---:|---:|---|",
    ]
    for w in (workers, 8, 32):
        rate, bound = projected(w)
        lines.append(f"| {w} | {rate:.1f} | {bound} |")
    lines += ["", f"All runs (s): local {[round(x, 1) for x in local]}, dask {[round(x, 1) for x in dask]}."]
    write_report("engines", "Engines: local process pool and Dask", lines)
    return []  # no throughput target: the dask engine's target is identical tables (tests/test_engine_dask.py)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
