"""Readers and users' DuckDB clients while the ETL refreshes the warehouse.

Readers run in other processes, as the dashboard and users' scripts do: one through
warehouse.db.connect_read_only (the project's reader), one with a bare
duckdb.connect(read_only=True) and no retries.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from etl.load.run import run_etl
from tests.conftest import ROOT, SEEDS
from tests.reliability.helpers import (
    assert_integrity,
    assert_invariant,
    cli_env,
    digest,
    leftover_temps,
    make_variants,
)
from warehouse.db import reading

pytestmark = pytest.mark.reliability

REFRESHES = 20

READER = r"""
import json, os, sys, time
import duckdb
from warehouse.db import connect_read_only
db, stop, mode = sys.argv[1], sys.argv[2], sys.argv[3]
runs, errors, n = [], [], 0
deadline = time.time() + 240
while time.time() < deadline and not os.path.exists(stop):
    try:
        con = connect_read_only(db) if mode == "project" else duckdb.connect(db, read_only=True)
        try:
            run = con.execute("SELECT max(run_id) FROM etl_runs WHERE status = 'success'").fetchone()[0]
            a, q, s = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quarantine), "
                                  "(SELECT count(*) FROM source_files)").fetchone()
            bad = con.execute("SELECT count(*) FROM disease_mentions m JOIN articles x USING (article_id) "
                              "WHERE substr(x.main_text, m.start_char + 1, m.end_char - m.start_char) <> m.surface").fetchone()[0]
            orphans = con.execute("SELECT count(*) FROM disease_mentions WHERE article_id NOT IN "
                                  "(SELECT article_id FROM articles)").fetchone()[0]
        finally:
            con.close()
        if a + q != s or bad or orphans:
            errors.append(f"inconsistent snapshot in run {run}: {a}+{q} != {s} or {bad} bad offsets or {orphans} orphans")
        runs.append(run)
        n += 1
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
    time.sleep(0.01)   # a busy dashboard, not a spin loop starving the ETL of CPU
print(json.dumps({"queries": n, "runs": runs, "errors": errors}))
"""


def start_reader(db: Path, stop: Path, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", READER, str(db), str(stop), mode], cwd=ROOT, env=cli_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_readers_in_other_processes_see_no_error_during_20_refreshes(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    for p in seeds.iterdir():
        p.chmod(0o644)
    variants = make_variants(seeds, 30)
    db = tmp_path / "w.duckdb"
    run_etl(seeds, db, workers=1)
    stop = tmp_path / "stop"
    readers = [start_reader(db, stop, "project"), start_reader(db, stop, "bare")]
    published: list[int] = []
    try:
        time.sleep(1.0)                     # both readers are querying before the first refresh
        for i in range(REFRESHES):
            # Something changes every time: an edit, an addition, a deletion, a file turning bad.
            variants[i].write_bytes(variants[i].read_bytes() + f"\n第{i}次刷新。\n".encode())
            (seeds / f"added_{i}.txt").write_bytes(variants[-1 - i].read_bytes() + f"新增{i}".encode())
            if i % 5 == 4:
                (seeds / f"added_{i - 1}.txt").unlink()
            if i % 7 == 3:
                variants[i + 1].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
            res = run_etl(seeds, db, workers=1, full=(i % 10 == 9))
            assert res.published
            published.append(res.run_id)
            assert_invariant(db, seeds)
            time.sleep(0.05)
        time.sleep(0.5)                     # let both readers see the last publish
    finally:
        stop.touch()
        outs = [r.communicate(timeout=60) for r in readers]
    for (out, err), mode in zip(outs, ("project", "bare"), strict=True):
        assert out.strip(), f"{mode} reader printed nothing: {err[-2000:]}"
        report = json.loads(out.strip().splitlines()[-1])
        print(f"{mode} reader: {report['queries']} queries, saw runs {sorted(set(report['runs']))}")
        assert report["errors"] == [], f"{mode} reader: {report['errors'][:5]}"
        assert report["queries"] >= REFRESHES, f"{mode} reader ran only {report['queries']} queries"
        assert len(set(report["runs"])) >= REFRESHES // 2, f"{mode} reader saw few runs: {sorted(set(report['runs']))}"
        assert report["runs"][-1] == published[-1], "a reader kept reading an old warehouse after the last publish"
        assert report["runs"] == sorted(report["runs"]), "a reader went back in time"
    assert len(published) == REFRESHES
    assert_integrity(db)
    assert not leftover_temps(db)


HOLDER = r"""
import sys, time, duckdb
db, mode, write = sys.argv[1], sys.argv[2], sys.argv[3] == "write"
con = duckdb.connect(db, read_only=(mode == "ro"))     # what a user's client does
n0 = con.execute("SELECT count(*) FROM articles").fetchone()[0]
print("open", n0, flush=True)
sys.stdin.readline()                                   # the test publishes meanwhile
n1 = con.execute("SELECT count(*) FROM articles").fetchone()[0]
if write:
    con.execute("CREATE TABLE my_notes AS SELECT 'mine' AS note")
print("still", n1, flush=True)
sys.stdin.readline()
con.close()
print("closed", flush=True)
"""


@pytest.mark.parametrize("mode", ["ro", "rw"])
def test_a_user_client_holding_the_warehouse_does_not_block_publishing(tmp_path: Path, mode: str) -> None:
    """A user's client (read-only, or read-write as the duckdb CLI opens files) keeps its
    snapshot; the ETL publishes at once, keeps its run history, and readers see the new file."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "w.duckdb"
    run_etl(seeds, db, workers=1)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), mode, "no"], cwd=ROOT, env=cli_env(),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert holder.stdin and holder.stdout
    try:
        first = holder.stdout.readline().split()
        assert first[:1] == ["open"], holder.stderr.read() if holder.poll() is not None else first
        before = int(first[1])
        for i in range(3):
            make_variants(seeds / f"round{i}", 3, salt=str(i))
            t0 = time.perf_counter()
            res = run_etl(seeds, db, workers=1)
            took = time.perf_counter() - t0
            assert res.published and res.mode == "incremental", res
            # a blocked publish waits as long as the client holds the file (until the test ends); this
            # bound only tells "went through" from "waited", with room for a busy machine
            assert took < 60, f"publishing took {took:.1f}s while a {mode} client held the warehouse"
            assert_invariant(db, seeds)
        with reading(db) as con:
            runs = [r[0] for r in con.execute("SELECT run_id FROM etl_runs ORDER BY run_id").fetchall()]
            assert runs == [1, 2, 3, 4], f"run history lost while a {mode} client held the file: {runs}"
            assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == before + 9
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().split() == ["still", str(before)], "the user's snapshot changed under it"
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "closed"
    finally:
        holder.kill()
        holder.wait()
    assert_integrity(db)
    assert_invariant(db, seeds)


def test_a_user_writing_through_a_stale_client_cannot_corrupt_the_warehouse(tmp_path: Path) -> None:
    """The worst case: a user opens the warehouse read-write, the ETL publishes, then the
    user writes. Their writes land in the old (replaced) file; the published warehouse
    stays intact, the next run succeeds with its history, and readers recover."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "w.duckdb"
    run_etl(seeds, db, workers=1)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), "rw", "write"], cwd=ROOT, env=cli_env(),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert holder.stdin and holder.stdout
    try:
        assert holder.stdout.readline().startswith("open")
        make_variants(seeds / "more", 3)
        assert run_etl(seeds, db, workers=1).published
        assert_invariant(db, seeds)
        published = digest(db)
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().startswith("still")      # the user has written now
        res = run_etl(seeds, db, workers=1)                        # the ETL copes with the user's WAL
        assert res.published and res.run_id == 3, res
        assert_invariant(db, seeds)
        assert digest(db) == published
        with reading(db) as con:
            assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'my_notes'").fetchone()[0] == 0
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "closed"
    finally:
        holder.kill()
        holder.wait()
    assert_integrity(db)
    assert digest(db) == published
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".wal")], "a stale WAL was left beside the warehouse"
