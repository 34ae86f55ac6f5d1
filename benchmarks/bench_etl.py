"""ETL throughput: full load and no-op refresh of a generated corpus of 10,000 documents.

Targets (issue 2): full load >= 6 MB/s of input on this 2-core machine; a no-op refresh of
10,000 unchanged files < 1 s. Run: python -m benchmarks.bench_etl [N] [REPEAT]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import make_corpus
from benchmarks.stats import Target, median, timed, write_report
from etl.load.run import run_etl


def main(n: int = 10_000, repeat: int = 3) -> list[Target]:
    with tempfile.TemporaryDirectory() as d:
        seeds, db = Path(d) / "seeds", Path(d) / "w.duckdb"
        nbytes = make_corpus(seeds, n)
        full = timed(lambda: run_etl(seeds, db, full=True), repeat)
        res = run_etl(seeds, db)
        assert res.files_unchanged == n and res.files_loaded == 0
        noop = timed(lambda: run_etl(seeds, db), max(5, repeat))
        size = db.stat().st_size
        # One changed file in the big corpus (the incremental path end to end).
        target = next(seeds.rglob("*.txt"))

        def touch_one() -> None:
            target.write_bytes(target.read_bytes() + b"\n")
            r = run_etl(seeds, db)
            assert r.files_loaded == 1

        one = timed(touch_one, max(5, repeat))
    mb = nbytes / 1e6
    write_report("etl", "ETL throughput", [
        f"Corpus: {n} documents derived from the five seeds, {mb:.1f} MB of input (one HTML answer in five).",
        "",
        "| measurement | median | runs | target |",
        "|---|---|---|---|",
        f"| full load (`--full`, 2 worker processes) | {median(full):.1f} s = **{mb / median(full):.2f} MB/s** | {len(full)} | >= 6 MB/s |",
        f"| no-op refresh of {n} unchanged files | **{median(noop):.2f} s** | {len(noop)} | < 1 s |",
        f"| refresh with one changed file | {median(one):.2f} s | {len(one)} | |",
        f"| warehouse file size | {size / 2**20:.0f} MiB | | |",
        "",
        f"All runs: full {[round(x, 2) for x in full]}, no-op {[round(x, 3) for x in noop]}, one file {[round(x, 3) for x in one]}.",
    ])
    return [Target("full load throughput", mb / median(full), ">=", 6, " MB/s"),
            Target(f"no-op refresh of {n} unchanged files", median(noop), "<", 1, " s")]


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
