"""The dask engine gives exactly the tables the local engine gives (etl/load/engines.py).

A small in-process LocalCluster (2 workers, threads): deterministic, no timing.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.load.run import PARALLEL_THRESHOLD, run_etl
from tests.conftest import make_corpus

distributed = pytest.importorskip("dask.distributed")

# Columns that differ between two runs by nature (when they ran); everything else must match.
RUN_COLUMNS = {"etl_runs": ("started_at", "finished_at", "message"), "quarantine": ("seen_at",)}


def tables(db: Path) -> dict[str, list[tuple]]:
    """Every base table, rows sorted, minus the run-time columns."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1").fetchall()]
        out = {}
        for t in names:
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
                "AND table_name = ? ORDER BY column_index", [t]).fetchall()]
            keep = [c for c in cols if c not in RUN_COLUMNS.get(t, ())]
            sel = ", ".join(f'"{c}"' for c in keep)
            out[t] = con.execute(f'SELECT {sel} FROM "{t}" ORDER BY ALL').fetchall()
        return out
    finally:
        con.close()


@pytest.mark.slow
def test_dask_engine_gives_the_local_engines_tables(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    n = make_corpus(seeds, PARALLEL_THRESHOLD + 6)   # enough files for the local process pool
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"

    serial_db = tmp_path / "serial.duckdb"
    run_etl(seeds, serial_db, workers=1)            # in this process, documents not Arrow parts
    local = run_etl(seeds, local_db, workers=2, engine="local")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        remote = run_etl(seeds, dask_db, workers=2, engine="dask", scheduler=cluster.scheduler_address)

    assert local.files_seen == remote.files_seen == n
    assert local.files_loaded == remote.files_loaded == n - 1
    assert [q[:2] for q in local.quarantined_now] == [q[:2] for q in remote.quarantined_now] \
        == [("broken.txt", "binary_file")]
    a, b, s = tables(local_db), tables(dask_db), tables(serial_db)
    assert a.keys() == b.keys() == s.keys()
    for t in a:
        assert a[t] == b[t], f"table {t} differs between the local and the dask engine"
        assert a[t] == s[t], f"table {t} differs between the process pool and a serial run"
    assert len(a["articles"]) == n - 1 and a["disease_mentions"], "the comparison must cover real rows"


def test_unknown_engine_is_refused(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    make_corpus(seeds, 3)
    with pytest.raises(ValueError, match="unknown engine"):
        run_etl(seeds, tmp_path / "w.duckdb", engine="spark")
