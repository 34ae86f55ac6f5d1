"""Memory bounds of a load (issue 10: peak RSS of a 100,000-document full load < 1 GB).

Not timed: these check the mechanisms that keep memory flat as the corpus grows
(benchmarks/bench_memory.py measures it): parse results are taken from the workers a bounded
number ahead of the writer, and the writer's DuckDB, capped, loads and summarises without
running out of memory.
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from etl.load.engines import bounded_map
from etl.load.run import run_etl
from tests.conftest import ROOT, make_corpus
from tests.parse_worker import jobs_in, parse_in_worker
from warehouse import db as wh


def test_bounded_map_keeps_order_and_at_most_window_parts_ahead() -> None:
    taken = 0
    submitted = 0
    ahead: list[int] = []
    lock = threading.Lock()

    def submit(part: list[int]) -> cf.Future:
        nonlocal submitted
        with lock:
            submitted += 1
            ahead.append(submitted - taken)
        return pool.submit(lambda: [x * 10 for x in part])

    def result(fut: cf.Future) -> list[int]:
        nonlocal taken
        out = fut.result()
        taken += 1
        return out

    parts = [[i, i + 1] for i in range(0, 40, 2)]
    with cf.ThreadPoolExecutor(2) as pool:
        outs = list(bounded_map(submit, result, parts, window=3))
    assert outs == [x * 10 for x in range(40)]
    assert submitted == len(parts)
    assert max(ahead) == 3, ahead          # never more than the window submitted and not taken


def test_bounded_map_stops_submitting_when_the_consumer_stops() -> None:
    submitted: list[list[int]] = []

    def submit(part: list[int]) -> list[int]:
        submitted.append(part)
        return part

    gen = bounded_map(submit, lambda p: p, [[i] for i in range(100)], window=4)
    assert [next(gen) for _ in range(3)] == [0, 1, 2]
    gen.close()
    assert len(submitted) <= 3 + 4


# Far below the 192 MB of a real build, and below what the load's tables take; DuckDB needs some
# tens of MB for its operators whatever the data (16 and 32 MB fail for any load).
CAP = "64MB"


@pytest.mark.slow
def test_full_load_succeeds_under_a_small_duckdb_memory_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer must evict and spill within the cap, never fail; summaries in slices.

    At 20,000 documents the summaries ran out of the 192 MB cap: the child tables' ART indexes
    (now undeclared keys, warehouse/schema.sql header) stayed in memory, and article_concepts
    was aggregated over the mention x article join (warehouse/summaries.sql).
    """
    n = 200
    make_corpus(tmp_path / "seeds", n)
    monkeypatch.setattr(wh, "BUILD_MEMORY_LIMIT", CAP)
    monkeypatch.setattr(wh, "SUMMARY_SLICE", 100)
    monkeypatch.setattr("etl.load.run.BATCH", 50)
    res = run_etl(tmp_path / "seeds", tmp_path / "w.duckdb", full=True, workers=1)
    assert res.status == "success" and res.files_loaded == n and res.files_quarantined == 1
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (n,)
        assert con.execute("SELECT count(DISTINCT article_id) FROM article_stats").fetchone() == (n,)
        mentions = con.execute("SELECT count(*) FROM disease_mentions").fetchone()[0]
        assert con.execute("SELECT sum(mentions) FROM article_concepts").fetchone() == (mentions,)
        assert mentions > n   # every seed mentions diseases: the summaries had real rows to build
    finally:
        con.close()


def test_a_parse_worker_imports_neither_pandas_nor_duckdb(tmp_path: Path) -> None:
    """Each cost a pool worker RSS it never used: pyarrow imported pandas (~50 MB) to ask whether
    a list of rows was a pandas Series, and the row builders shared a module with the writes
    (DuckDB, ~25 MB). A worker is told pandas is missing and builds the same part."""
    make_corpus(tmp_path / "seeds", 4)
    out = subprocess.run([sys.executable, "-m", "tests.parse_worker", str(tmp_path / "seeds")], cwd=ROOT,
                         capture_output=True, text=True, timeout=300, check=True)
    worker = json.loads(out.stdout.strip().splitlines()[-1])
    assert worker["imported"] == []
    in_this_process = parse_in_worker(jobs_in(tmp_path / "seeds"))[1]   # pandas and DuckDB are both here
    assert worker["rows"] == in_this_process and in_this_process["articles"] == 4
    assert in_this_process["disease_mentions"] > 0


def test_a_full_loads_memory_cap_leaves_room_for_its_largest_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """128 MB, plus twice the largest file (a 50 MB page ran out of 128 MB), at most the build's cap."""
    monkeypatch.setattr(wh, "BUILD_MEMORY_LIMIT", "192MB")
    assert wh.full_load_memory_limit(0) == "128000000B"
    assert wh.full_load_memory_limit(10 * 10**6) == "148000000B"
    assert wh.full_load_memory_limit(50 * 10**6) == "192000000B"
    monkeypatch.setattr(wh, "BUILD_MEMORY_LIMIT", CAP)       # a smaller build cap wins
    assert wh.full_load_memory_limit(0) == "64000000B"
