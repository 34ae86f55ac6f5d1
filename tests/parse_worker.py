"""What a parse worker of the local pool imports (tests/test_memory_bounds.py).

Run as ``python -m tests.parse_worker FOLDER``: a fresh process, as `stemwatch etl` is, starts a
``spawn`` pool like the local engine's, parses the files of FOLDER as one chunk in a worker and
prints, as JSON, which of pandas and DuckDB the worker imported and the rows per table of its
Arrow part. Not from inside pytest: a spawn worker re-imports its parent's main module, which
under the whole suite can be anything an earlier test left as ``__main__``.
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import multiprocessing
import sys
from pathlib import Path

from etl.load.engines import init_pool_worker, parse_chunk
from etl.load.plan import Job
from etl.load.workers import Parsed


def jobs_in(folder: Path) -> list[Job]:
    return [Job(str(p.relative_to(folder)), str(p), None) for p in sorted(folder.rglob("*")) if p.is_file()]


def parse_in_worker(jobs: list[Job]) -> tuple[list[str], dict[str, int]]:
    """Parse ``jobs`` as a load does; which of pandas and DuckDB this process has imported, and
    the rows per table of the Arrow part."""
    outs = parse_chunk(jobs, None, 10_000_000, 1)
    tables = next(o.tables for o in outs if isinstance(o, Parsed) and o.tables is not None)
    return sorted(m for m in ("pandas", "duckdb") if m in sys.modules), {t: tables[t].num_rows for t in sorted(tables)}


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(1, mp_context=ctx, initializer=init_pool_worker, initargs=(None,)) as pool:
        imported, rows = pool.submit(parse_in_worker, jobs_in(Path(sys.argv[1]))).result()
    print(json.dumps({"imported": imported, "rows": rows}))
