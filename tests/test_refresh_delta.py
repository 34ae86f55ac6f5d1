"""A refresh replays the previous run's recorded changes onto the spare (etl/load/delta.py) and
recomputes the rollups only for the keys it touched; every table must still equal a full rebuild."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from etl.knowledge.vocabulary import load_vocabulary
from etl.load import delta, publish
from etl.load.publish import LEDGER_TABLES
from etl.load.run import run_etl
from etl.load.write import ARTICLE_TABLES
from tests.reliability.helpers import table_rows
from warehouse.db import create_schema, reading


def _same_as_a_rebuild(seeds: Path, db: Path, tmp_path: Path, name: str) -> None:
    fresh = tmp_path / f"{name}.duckdb"
    run_etl(seeds, fresh, workers=1, full=True, allow_mass_delete=True)
    assert table_rows(db) == table_rows(fresh)


def _edits(seeds: Path) -> list:
    names = sorted(p.name for p in seeds.iterdir())

    def append(name: str, text: str):
        return lambda: (seeds / name).write_bytes((seeds / name).read_bytes() + text.encode())

    return [
        append(names[0], "\n另有患者自述患有多发性硬化症，并称注射后好转。\n"),        # a changed file, new mentions
        lambda: (seeds / "new.txt").write_text("# 新文章\n\n干细胞能否治疗帕金森病和某某罕见综合征？目前尚无定论。\n" * 3,
                                              encoding="utf-8"),              # a new file with a candidate term
        lambda: (seeds / "new.txt").write_bytes(b""),                         # it turns bad: quarantined
        lambda: (seeds / names[1]).unlink(),                                  # a file removed
        lambda: (seeds / "new.txt").unlink(),                                 # the quarantined one removed
    ]


def test_each_refresh_replays_the_last_one_and_equals_a_rebuild(fresh_seeds: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    replayed = []
    real_replay = delta.replay

    def replay(con: object, changed: dict) -> dict:
        replayed.append(real_replay(con, changed))
        return replayed[-1]

    monkeypatch.setattr(delta, "replay", replay)
    db = tmp_path / "w.duckdb"
    run_etl(fresh_seeds, db, workers=1)
    how = []
    for k, edit in enumerate(_edits(fresh_seeds)):
        edit()
        res = run_etl(fresh_seeds, db, workers=1, allow_mass_delete=True)
        how.append((res.built_on, res.caught_up))
        _same_as_a_rebuild(fresh_seeds, db, tmp_path, f"fresh{k}")
    # The first refresh has no spare yet; every later one replays the keys its predecessor listed.
    assert how == [("copy", "")] + [("spare", "replay")] * 4
    # Every article table was copied from the rows at its end alone (delta.replay's tail).
    assert replayed == [{"tail": len(ARTICLE_TABLES)}] * 4
    with reading(db) as con:
        changed = con.execute("SELECT based_on_run_id, changed FROM etl_runs ORDER BY run_id").fetchall()
    assert changed[0] == (None, None)                     # the first load: a rebuild, nothing listed
    assert [c[0] for c in changed[1:]] == [1, 2, 3, 4, 5]
    assert changed[2][1]["files"] == ["new.txt"] and len(changed[2][1]["articles"]) == 1
    assert changed[2][1]["terms"] or changed[2][1]["concepts"]


def test_a_run_that_lists_nothing_is_caught_up_by_a_diff(fresh_seeds: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Too many keys to list (MAX_LISTED): the next run falls back to comparing the tables."""
    db = tmp_path / "w.duckdb"
    run_etl(fresh_seeds, db, workers=1)
    edits = _edits(fresh_seeds)
    edits[0]()
    run_etl(fresh_seeds, db, workers=1)
    monkeypatch.setattr(delta, "MAX_LISTED", 0)
    edits[1]()
    res = run_etl(fresh_seeds, db, workers=1)
    assert (res.built_on, res.caught_up) == ("spare", "replay")
    monkeypatch.undo()
    edits[2]()
    res = run_etl(fresh_seeds, db, workers=1)
    assert (res.built_on, res.caught_up) == ("spare", "diff")
    _same_as_a_rebuild(fresh_seeds, db, tmp_path, "fresh")
    with reading(db) as con:
        assert con.execute("SELECT changed IS NULL FROM etl_runs ORDER BY run_id").fetchall() == \
            [(True,), (False,), (True,), (False,)]


def test_after_a_failed_run_the_next_one_replays_its_record(fresh_seeds: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed run publishes the live state plus its etl_runs row, listing no changes: the spare
    (the state before it) is caught up by replaying nothing but that row."""
    db = tmp_path / "w.duckdb"
    run_etl(fresh_seeds, db, workers=1)
    edits = _edits(fresh_seeds)
    edits[0]()
    run_etl(fresh_seeds, db, workers=1)

    def broken(*args: object) -> None:
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(delta.Changes, "finish", broken)
    edits[1]()
    with pytest.raises(RuntimeError):
        run_etl(fresh_seeds, db, workers=1)
    monkeypatch.undo()
    res = run_etl(fresh_seeds, db, workers=1)
    assert (res.built_on, res.caught_up, res.files_loaded) == ("spare", "replay", 1)
    _same_as_a_rebuild(fresh_seeds, db, tmp_path, "fresh")
    with reading(db) as con:
        rows = con.execute("SELECT status, based_on_run_id, changed.articles FROM etl_runs ORDER BY run_id").fetchall()
    assert [r[:2] for r in rows] == [("success", None), ("success", 1), ("failed", 2), ("success", 3)]
    assert rows[2][2] == []


def test_a_diff_catch_up_syncs_every_table() -> None:
    """Every table of the schema is synced by a diff catch-up: per article, or by its key
    (claim_cells and flag_cells were once missing, and kept the spare's stale rows)."""
    con = duckdb.connect()
    create_schema(con, load_vocabulary().rows())
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()}
    # vocabulary is written with the schema; an edit of it is an extraction-rules change (a rebuild).
    assert tables and tables - set(ARTICLE_TABLES) - set(LEDGER_TABLES) == {"vocabulary"}


def test_a_rebuild_is_never_caught_up_from_the_generation_before_it(fresh_seeds: Path, tmp_path: Path) -> None:
    """After a full rebuild (forced, or for a new schema: views, comments and vocabulary change),
    the generation before it is no base to diff into; the run after copies the rebuilt file, and
    the one after that builds on the spare again."""
    db = tmp_path / "w.duckdb"
    edits = _edits(fresh_seeds)
    run_etl(fresh_seeds, db, workers=1)
    edits[0]()
    run_etl(fresh_seeds, db, workers=1)
    assert run_etl(fresh_seeds, db, workers=1, full=True).mode == "full"
    edits[1]()
    res = run_etl(fresh_seeds, db, workers=1)
    assert res.built_on == "copy", (res.built_on, res.caught_up)
    edits[2]()
    res = run_etl(fresh_seeds, db, workers=1)
    assert (res.built_on, res.caught_up) == ("spare", "replay")
    _same_as_a_rebuild(fresh_seeds, db, tmp_path, "fresh")


def test_a_page_that_changes_source_type_moves_its_rollup_cells(fresh_seeds: Path, tmp_path: Path) -> None:
    """topic_cells and claim_cells are changed by deltas (warehouse/rollup_deltas.sql): the page's
    old parts are subtracted under its old source type and added under its new one, and a cell
    left with no article goes. Here a manifest gives a page a government address."""
    db = tmp_path / "w.duckdb"
    run_etl(fresh_seeds, db, workers=1)
    page = sorted(p.name for p in fresh_seeds.iterdir())[0]

    def types() -> dict[str, str]:
        with reading(db) as con:
            return dict(con.execute("SELECT source_path, source_type FROM articles").fetchall())

    before = types()[page]
    (fresh_seeds / "manifest.csv").write_text(f"file,url\n{page},https://www.nhc.gov.cn/yzygj/s3593/202401/a1.shtml\n",
                                              encoding="utf-8")
    run_etl(fresh_seeds, db, workers=1)
    assert types()[page] != before              # the change this test is about happened
    _same_as_a_rebuild(fresh_seeds, db, tmp_path, "moved")
    (fresh_seeds / "manifest.csv").unlink()      # and back, on the spare this time
    res = run_etl(fresh_seeds, db, workers=1)
    assert types()[page] == before and res.built_on == "spare"
    _same_as_a_rebuild(fresh_seeds, db, tmp_path, "back")
    with reading(db) as con:
        cells = con.execute("SELECT count(*) FROM topic_cells WHERE source_type NOT IN "
                            "(SELECT source_type FROM articles)").fetchall()[0][0]
    assert cells == 0


def test_jobs_are_planned_in_article_id_order() -> None:
    """plan_files hands the run its jobs in article-id order (not path order)."""
    from etl.load.discover import SeedFile
    from etl.load.plan import plan_files
    from etl.parse import article_id_for

    files = [SeedFile(f"p{i:03}.txt", f"/x/p{i:03}.txt", 10, 1) for i in range(40)]
    ids = [article_id_for(j.rel) for j in plan_files(files, {}).jobs]
    assert len(ids) == 40 and ids == sorted(ids) and ids != [article_id_for(f.rel) for f in files]


def test_a_file_whose_inode_changed_since_the_last_run_is_read_again() -> None:
    """Same size and mtime: skipped, unless its ctime is from after the last run started (less a tick)."""
    from etl.load.discover import SeedFile
    from etl.load.plan import CTIME_SLACK_NS, PriorFile, plan_files

    start = 10 * CTIME_SLACK_NS
    prior = {f"p{i}.txt": PriorFile(10, 1, f"sha{i}", "loaded") for i in range(4)}
    files = [SeedFile("p0.txt", "/x/p0.txt", 10, 1, None, start - CTIME_SLACK_NS - 1),   # before: skipped
             SeedFile("p1.txt", "/x/p1.txt", 10, 1, None, start - CTIME_SLACK_NS),       # within the slack: read
             SeedFile("p2.txt", "/x/p2.txt", 10, 1, None, start + 5),                    # after: read
             SeedFile("p3.txt", "/x/p3.txt", 10, 1, None, None)]                         # unknown: read
    plan = plan_files(files, prior, last_start_ns=start)
    assert [f.rel for f in plan.unchanged] == ["p0.txt"]
    assert sorted((j.rel, j.old_sha) for j in plan.jobs) == [("p1.txt", "sha1"), ("p2.txt", "sha2"), ("p3.txt", "sha3")]
    assert [f.rel for f in plan_files(files, prior).unchanged] == ["p0.txt", "p1.txt", "p2.txt", "p3.txt"]


def test_a_same_size_edit_with_its_mtime_put_back_is_loaded(fresh_seeds: Path, tmp_path: Path) -> None:
    """`touch -r`-style edits (same size, old mtime) were never seen: the article kept its old text."""
    db = tmp_path / "w.duckdb"
    run_etl(fresh_seeds, db)
    page = next(p for p in sorted(fresh_seeds.iterdir()) if p.suffix == ".txt")
    data = page.read_text(encoding="utf-8")
    old = "干细胞"
    assert old in data
    edited = data.replace(old, "细胞核", 1)   # same length in UTF-8
    assert len(edited.encode()) == len(data.encode())
    st = page.stat()
    page.write_text(edited, encoding="utf-8")
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
    res = run_etl(fresh_seeds, db)
    assert (res.files_loaded, res.files_unchanged) == (1, len(list(fresh_seeds.iterdir())) - 1)
    with reading(db) as con:
        assert con.execute("SELECT count(*) FROM documents WHERE raw_text LIKE '%细胞核%'").fetchall()[0][0] == 1
    res = run_etl(fresh_seeds, db)   # nothing changed since: nothing loaded (the edited page is hashed once more)
    assert (res.files_loaded, res.files_unchanged) == (0, len(list(fresh_seeds.iterdir())))


def test_a_load_clusters_every_article_table_by_article_id(fresh_seeds: Path, tmp_path: Path) -> None:
    """Rows are appended in article-id order, so DuckDB's zonemaps find one article's rows in a
    few row groups: what keeps a refresh's deletes and a slice's summaries from scanning whole tables."""
    for i in range(6):
        (fresh_seeds / f"extra{i}.txt").write_text(f"# 第{i}篇\n\n干细胞治疗糖尿病和帕金森病的临床研究进展。\n",
                                                   encoding="utf-8")
    db = tmp_path / "w.duckdb"
    run_etl(fresh_seeds, db, workers=1, full=True)
    with reading(db) as con:
        for t in ARTICLE_TABLES:
            order = [r[0] for r in con.execute(f"SELECT article_id FROM {t} ORDER BY rowid").fetchall()]
            assert order and order == sorted(order), t


def test_a_replay_whose_tail_count_is_wrong_scans_the_table(fresh_seeds: Path, tmp_path: Path) -> None:
    """The replay copies an article's rows from the end of the live table when exactly the
    recorded number is there; otherwise (here: one row more recorded than written) it undoes
    that copy and reads the whole table."""
    import shutil

    from warehouse.db import open_for_build

    db, old = tmp_path / "w.duckdb", tmp_path / "old.duckdb"
    run_etl(fresh_seeds, db, workers=1)
    shutil.copyfile(db, old)
    _edits(fresh_seeds)[0]()
    run_etl(fresh_seeds, db, workers=1)
    with reading(db) as con:
        changed = con.execute("SELECT changed FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchall()[0][0]
    wrong = {**changed, "tail": [{**r, "rows": r["rows"] + 1} for r in changed["tail"]]}
    con = open_for_build(old)
    con.execute(f"ATTACH '{db}' AS live (READ_ONLY)")
    stats = delta.replay(con, wrong)
    con.execute("DETACH live")
    con.close()
    assert stats["tail"] == 0
    got, want = table_rows(old), table_rows(db)
    for t in ARTICLE_TABLES:
        assert got[t] == want[t], t


def test_small_refreshes_append_row_groups_until_a_compacting_run(fresh_seeds: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A small refresh runs with vacuum off: its new rows become a row group of their own (the
    table's last row group, full of article text, is not rewritten) and deleted rows stay as
    tombstones, until a compacting run (publish.COMPACT_EVERY) vacuums them. Every state equals
    a rebuild."""
    monkeypatch.setattr(publish, "COMPACT_EVERY", 4)
    db = tmp_path / "w.duckdb"
    run_etl(fresh_seeds, db, workers=1)                    # run 1: a full load, five articles
    name = sorted(p.name for p in fresh_seeds.iterdir())[0]
    seen = []
    for k in range(6):                                     # runs 2..7: one changed file each
        (fresh_seeds / name).write_bytes((fresh_seeds / name).read_bytes() + f"\n补充说明第{k}条。\n".encode())
        res = run_etl(fresh_seeds, db, workers=1)
        with reading(db) as con:
            groups = con.execute("SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('documents')").fetchall()[0][0]
            tombstones = con.execute("SELECT max(rowid) + 1 - count(*) FROM documents").fetchall()[0][0]
        seen.append((res.run_id, publish.compacts(res.run_id), groups, tombstones))
    assert [s[:2] for s in seen] == [(2, False), (3, False), (4, True), (5, True), (6, False), (7, False)]
    for run_id, compacting, groups, tombstones in seen:
        if compacting:
            assert (groups, tombstones) == (1, 0), (run_id, groups, tombstones)
        else:
            assert groups >= 2 and tombstones >= 1, (run_id, groups, tombstones)
    _same_as_a_rebuild(fresh_seeds, db, tmp_path, "fresh")
