"""What a parse worker of the local pool imports (tests/test_memory_bounds.py).

A module of its own: a ``spawn`` worker imports the module of the function it runs, and the
test module imports DuckDB.
"""

from __future__ import annotations

import sys

from etl.load.engines import parse_chunk
from etl.load.plan import Job
from etl.load.workers import Parsed


def parse_in_worker(jobs: list[Job]) -> tuple[list[str], dict[str, int]]:
    """In a pool process: parse ``jobs`` as a load does; which of pandas and DuckDB got imported,
    and the rows per table of the Arrow part."""
    outs = parse_chunk(jobs, None, 10_000_000, 1)
    tables = next(o.tables for o in outs if isinstance(o, Parsed) and o.tables is not None)
    return sorted(m for m in ("pandas", "duckdb") if m in sys.modules), {t: tables[t].num_rows for t in sorted(tables)}
