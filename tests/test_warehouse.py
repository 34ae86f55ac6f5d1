"""The warehouse as a product: atomic publish under readers, kill -9 safety, old clients, documented schema."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl.load.run import run_etl
from tests.conftest import ROOT, SEEDS
from warehouse.db import create_schema, open_for_build, undeclared_keys

READER = r"""
import os, sys, time, duckdb
db, stop = sys.argv[1], sys.argv[2]
seen, errors, n = set(), [], 0
end = time.time() + 300
while time.time() < end and not os.path.exists(stop):
    try:
        con = duckdb.connect(db, read_only=True)
        a = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        m = con.execute("SELECT count(DISTINCT article_id) FROM disease_mentions").fetchone()[0]
        r = con.execute("SELECT max(run_id) FROM etl_runs WHERE status = 'success'").fetchone()[0]
        con.close()
        seen.add((a, m, r))
        n += 1
    except Exception as exc:
        errors.append(repr(exc))
import json; print(json.dumps([sorted(seen), errors[:5], len(errors), n]))
"""


def make_corpus(folder: Path, copies: int) -> None:
    """Copies of the real seeds, each varied so that its hash differs."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.iterdir())
    for i in range(copies):
        src = seeds[i % len(seeds)]
        (folder / f"c{i:05d}_{src.name}").write_bytes(src.read_bytes() + f"\n\n编号{i}\n".encode())


def test_reader_in_another_process_never_sees_half_a_run(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "w.duckdb"
    run_etl(seeds, db, workers=1)
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db), str(stop)], stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(0.5)
        make_corpus(seeds / "more", 150)
        run_etl(seeds, db, workers=2)                     # 150 files added in one publish
        time.sleep(1.0)                                   # let the reader see that state
        shutil.rmtree(seeds / "more")
        run_etl(seeds, db, workers=1, allow_mass_delete=True)   # and removed again (most of it: allowed)
        run_etl(seeds, db, full=True, workers=1)
        stop.touch()
        out, _ = reader.communicate(timeout=60)
    finally:
        reader.kill()
    seen, errors, n_errors, n = json.loads(out)
    assert n_errors == 0, errors
    assert n > 20
    article_counts = {a for a, _, _ in seen}
    assert article_counts <= {5, 155}, seen                 # only whole states, never a partial load
    assert 155 in article_counts


def test_kill_9_during_a_run_leaves_the_last_warehouse(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "w.duckdb"
    run_etl(seeds, db, workers=1)
    make_corpus(seeds / "more", 300)
    before = db.stat().st_ino
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "etl", "--seeds", str(seeds), "--db", str(db), "--workers", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and "extracting" not in (proc.stderr.readline() if proc.stderr else ""):
        pass
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert db.stat().st_ino == before                       # nothing was published
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (5,)
    assert con.execute("SELECT count(*), max(run_id) FROM etl_runs").fetchone() == (1, 1)
    con.close()
    assert list(tmp_path.glob(".w.duckdb.tmp-*")), "the killed run should have left its temp file"
    res = run_etl(seeds, db, workers=2)                     # the next run succeeds and converges
    assert res.files_loaded == 300 and res.files_unchanged == 5
    assert not list(tmp_path.glob(".w.duckdb.tmp-*"))
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (305,)
    con.close()


def test_a_small_refresh_keeps_no_write_ahead_log_and_a_full_load_does(tmp_path: Path) -> None:
    """Nothing replays a build, so a small refresh's has no log (warehouse/db.py open_for_build)
    and its commits reach the file at the CHECKPOINT of the publish; a full load keeps the log,
    without which DuckDB never checkpoints on its own during a long load."""
    for log in (False, True):
        tmp = tmp_path / f".w.duckdb.tmp-{int(log)}"
        con = open_for_build(tmp, log=log)
        con.execute("CREATE TABLE t (k INTEGER, s VARCHAR)")
        for k in range(3):
            con.execute("INSERT INTO t VALUES (?, repeat('x', 5000))", [k])   # three commits
        assert tmp.with_name(tmp.name + ".wal").exists() is log
        con.execute("CHECKPOINT")
        con.close()
        ro = duckdb.connect(str(tmp), read_only=True)
        assert ro.execute("SELECT count(*), sum(length(s)) FROM t").fetchone() == (3, 15000)
        ro.close()


def test_open_reader_does_not_block_publishing(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "w.duckdb"
    run_etl(seeds, db, workers=1)
    held = subprocess.Popen([sys.executable, "-c",
                             "import duckdb,sys,time; c=duckdb.connect(sys.argv[1], read_only=True); "
                             "print(c.execute('select count(*) from articles').fetchone()[0], flush=True); time.sleep(30)", str(db)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert held.stdout.readline().strip() == "5"
        (seeds / "x.txt").write_text("干细胞能治疗脑瘫吗？\n\n" + "目前尚无可靠的临床证据。" * 8, encoding="utf-8")
        res = run_etl(seeds, db, workers=1)
        assert res.published and res.files_loaded == 1
        con = duckdb.connect(str(db), read_only=True)
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (6,)
        con.close()
    finally:
        held.kill()


def duckdb15_python() -> Path | None:
    p = Path(os.environ.get("STEMWATCH_DUCKDB15_PYTHON", ROOT / ".venv-duckdb15" / "bin" / "python"))
    return p if p.exists() else None


def test_duckdb_1_5_client_can_open_the_warehouse(seeded_db: Path) -> None:
    py = duckdb15_python()
    if py is None:
        if os.environ.get("CI"):
            pytest.fail("the DuckDB 1.5 client venv is missing (make test creates .venv-duckdb15)")
        pytest.skip("no DuckDB 1.5 client venv here; `make duckdb15` creates it")
    code = ("import duckdb, sys; assert duckdb.__version__.startswith('1.5'), duckdb.__version__; "
            "c = duckdb.connect(sys.argv[1], read_only=True); "
            "print(c.execute('SELECT count(*) FROM articles').fetchone()[0], "
            "c.execute('SELECT count(*) FROM v_topic_coverage').fetchone()[0] > 0)")
    r = subprocess.run([str(py), "-c", code, str(seeded_db)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["5", "True"]


def test_refreshes_build_on_the_spare_and_stay_readable_by_duckdb_1_5(fresh_seeds: Path, tmp_path: Path) -> None:
    """Incremental runs build on the previous generation (no copy of the live file) and the result
    equals a from-scratch build; a DuckDB 1.5 client still opens it."""
    db = tmp_path / "w.duckdb"
    run_etl(fresh_seeds, db, workers=1)
    bases = []
    for k in range(3):
        target = sorted(p for p in fresh_seeds.iterdir() if p.is_file())[k]
        target.write_bytes(target.read_bytes() + f"\n补充{k}\n".encode())
        res = run_etl(fresh_seeds, db, workers=1)
        assert res.files_loaded == 1
        bases.append(res.built_on)
    assert bases == ["copy", "spare", "spare"]   # the first refresh has no spare yet
    fresh = tmp_path / "fresh.duckdb"
    run_etl(fresh_seeds, fresh, workers=1)
    from tests.reliability.helpers import table_rows

    assert table_rows(db) == table_rows(fresh)
    # The files' whole text is zstd-compressed in every generation (schema.sql: DuckDB's default
    # analysis of it cost the writer of a full load 1.7 ms a document), refreshes included.
    for path in (db, fresh):
        with duckdb.connect(str(path), read_only=True) as con:
            kinds = {k for (k,) in con.execute("SELECT DISTINCT compression FROM pragma_storage_info('documents') "
                                               "WHERE column_name = 'raw_text' AND segment_type = 'VARCHAR'").fetchall()}
        assert kinds == {"ZSTD"}, (path.name, kinds)
    py = duckdb15_python()
    if py is None:
        pytest.skip("no DuckDB 1.5 client venv here; `make duckdb15` creates it")
    code = ("import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
            "print(c.execute('SELECT count(*), sum(length(main_text)) > 0 FROM articles').fetchone()[0], "
            "c.execute('SELECT sum(length(raw_text)) FROM documents').fetchone()[0])")
    r = subprocess.run([str(py), "-c", code, str(db)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        raw_chars = con.execute("SELECT sum(length(raw_text)) FROM documents").fetchone()[0]
    assert r.stdout.split() == ["5", str(raw_chars)]


def test_every_table_and_column_has_a_comment() -> None:
    from etl.knowledge.vocabulary import load_vocabulary

    con = duckdb.connect()
    create_schema(con, load_vocabulary().rows())
    missing = con.execute("SELECT table_name, column_name FROM duckdb_columns() JOIN duckdb_tables() USING (table_name) "
                          "WHERE duckdb_columns.comment IS NULL OR duckdb_columns.comment = ''").fetchall()
    assert missing == []
    assert con.execute("SELECT table_name FROM duckdb_tables() WHERE comment IS NULL").fetchall() == []
    assert con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal AND comment IS NULL").fetchall() == []


def test_schema_doc_is_current() -> None:
    from warehouse.docs import schema_markdown

    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    from etl.knowledge.vocabulary import load_vocabulary

    assert doc == schema_markdown(load_vocabulary().rows()), "docs/schema.md is stale: run `stemwatch schema-doc -o docs/schema.md`"


def test_readme_documents_every_command_and_setting() -> None:
    from app.cli import build_parser
    from etl.settings import SETTINGS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"stemwatch {name}" in readme, f"README does not document `stemwatch {name}`"
    for s in SETTINGS.values():
        assert s.env in readme, f"README does not document {s.env}"
    quick = readme.split("## Quickstart", 1)[1].split("##", 1)[0]
    commands = [ln.split("#")[0].strip() for ln in quick.splitlines() if ln.strip().startswith("make ")]
    assert commands == ["make run", "make test"]


def test_constraints_hold_on_the_seeded_warehouse(seeded_db: Path) -> None:
    con = duckdb.connect(str(seeded_db), read_only=True)
    bad = con.execute("""
        SELECT count(*) FROM disease_mentions m JOIN articles a USING (article_id)
        WHERE substr(a.main_text, m.start_char + 1, m.end_char - m.start_char) <> m.surface""").fetchone()[0]
    assert bad == 0
    bad = con.execute("""
        SELECT count(*) FROM citations c JOIN articles a USING (article_id)
        WHERE c.end_char > a.main_chars OR substr(a.main_text, c.start_char + 1, 20) = ''""").fetchone()[0]
    assert bad == 0
    assert con.execute("SELECT count(*) FROM articles WHERE main_chars <> length(main_text)").fetchone() == (0,)
    cov = con.execute("SELECT sum(mentions) FROM v_topic_coverage").fetchone()[0]
    assert cov == con.execute("SELECT count(*) FROM disease_mentions").fetchone()[0]
    con.close()


def test_undeclared_keys_are_unique_on_the_seeded_warehouse(seeded_db: Path) -> None:
    """No per-article table declares its key (warehouse/schema.sql header: an in-memory ART index
    each during a build, and refreshes that rewrite the last row group); the ETL must still keep
    them unique."""
    keys = undeclared_keys()
    assert {"articles", "documents", "credibility", "article_stats", "disease_mentions", "claims", "article_concepts",
            "sections"} <= keys.keys()
    con = duckdb.connect(str(seeded_db), read_only=True)
    try:
        declared = {r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_constraints() WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE')").fetchall()}
        for table, cols in keys.items():
            assert table not in declared, f"{table} declares a key and names one in a comment"
            rows, distinct = con.execute(
                f"SELECT count(*), count(DISTINCT ({', '.join(cols)})) FROM {table}").fetchone()
            assert rows == distinct, f"{table}: ({', '.join(cols)}) is not unique"
            if table in ("articles", "documents", "disease_mentions", "sections", "claims"):
                assert rows > 0, f"{table} has no rows to check"
        for table in ("articles", "documents"):   # unique with article_id, a hash of it
            rows, distinct = con.execute(f"SELECT count(*), count(DISTINCT source_path) FROM {table}").fetchone()
            assert rows == distinct, f"{table}: source_path is not unique"
    finally:
        con.close()
