"""Stage-level rebuilds (issue 10.3): a lexicon edit re-annotates and a sources-file edit
re-classifies the stored articles without reading a file, and both give exactly the tables a
full rebuild gives.

The edits are real: the ETL's packages are copied to a temporary folder, a knowledge file is
changed there, and runs execute in subprocesses importing that copy, exactly as a curator's
edit to etl/knowledge/data would be seen. Between the first load and the stage-level run every
seed is overwritten with other bytes of the same size and mtime: a run that read a file would
load that garbage, so equality with a full rebuild of the real seeds proves none was read.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.load.engines import PARALLEL_THRESHOLD
from tests.conftest import ROOT, SEEDS
from tests.reliability.helpers import table_rows
from warehouse.db import reading

RUN = """
import json, sys
from pathlib import Path
from etl.load.run import run_etl
r = run_etl(Path(sys.argv[1]), Path(sys.argv[2]), full=sys.argv[3] == "full", workers=int(sys.argv[4]))
print(json.dumps({"loaded": r.files_loaded, "unchanged": r.files_unchanged, "mode": r.mode,
                  "stages": r.stages, "reason": r.stage_reason}))
"""


def run_script(code: Path, script: str, *args: str) -> dict:
    """``script`` in a subprocess importing the packages in ``code``: its last line of output, as JSON."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STEMWATCH_")}
    env["PYTHONPATH"] = str(code)
    out = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True,
                         timeout=300, cwd=code)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_with(code: Path, seeds: Path, db: Path, full: bool = False, workers: int = 1) -> dict:
    return run_script(code, RUN, str(seeds), str(db), "full" if full else "incremental", str(workers))


@pytest.fixture()
def code(tmp_path: Path) -> Path:
    """A private copy of the ETL packages whose knowledge files a test may edit."""
    dest = tmp_path / "code"
    for pkg in ("etl", "warehouse"):
        shutil.copytree(ROOT / pkg, dest / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def add_concept(code: Path, term: str) -> None:
    """Teach the lexicon a new concept named ``term`` (as a curator would, one CSV row)."""
    f = sorted((code / "etl/knowledge/data/lexicon/diseases").glob("*.csv"))[0]
    f.write_text(f.read_text(encoding="utf-8").rstrip("\n") + f"\ntest_added_concept,{term},added concept,,neurological,disease,\n",
                 encoding="utf-8")


def copy_seeds(dest: Path, copies: int = 1) -> Path:
    """The seeds, once or ``copies`` times (in numbered folders)."""
    for k in range(copies):
        shutil.copytree(SEEDS, dest / f"{k:02d}" if copies > 1 else dest)
    return dest


def first_load(code: Path, tmp_path: Path, copies: int = 1, workers: int = 1) -> tuple[Path, Path]:
    """A copy of the seeds and the warehouse of their first (full) load."""
    seeds = copy_seeds(tmp_path / "seeds", copies)
    db = tmp_path / "w.duckdb"
    assert run_with(code, seeds, db, workers=workers)["mode"] == "full"
    return seeds, db


def disguise(seeds: Path, db: Path) -> None:
    """Overwrite every seed with other bytes, keeping its size and mtime (what the stat plan compares).

    The overwrite moves each file's ctime, which no tool can set back, and a file whose ctime is
    later than the last run's start is read (etl/load/plan.py): so the last run is dated a minute
    ahead, as if the files had been like this before it started.
    """
    for f in (p for p in seeds.rglob("*") if p.is_file()):
        st = f.stat()
        f.write_bytes(b"x" * st.st_size)
        os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    con = duckdb.connect(str(db))
    try:
        con.execute("""UPDATE etl_runs SET started_at = CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP) + INTERVAL 1 MINUTE
                       WHERE run_id = (SELECT max(run_id) FROM etl_runs WHERE status = 'success')""")
    finally:
        con.close()


def assert_equals_full_rebuild(code: Path, db: Path, tmp_path: Path, copies: int = 1, workers: int = 1) -> None:
    """Every table of ``db`` equals, row by row, a full rebuild of the real seeds with the same code.

    Only run ids and the time a file was quarantined are left out, and etl_runs, which records
    the runs themselves (the stage-level run's row is checked by the caller).
    """
    seeds = copy_seeds(tmp_path / "real_seeds", copies)
    fresh = tmp_path / "fresh.duckdb"
    assert run_with(code, seeds, fresh, full=True, workers=workers)["mode"] == "full"
    got, want = table_rows(db), table_rows(fresh)
    assert set(got) == set(want)
    assert sum(len(rows) for rows in want.values()) > 0
    for table in want:
        assert got[table] == want[table], f"{table} differs from a full rebuild"


def last_run(db: Path) -> tuple:
    with reading(db) as con:
        return con.execute("""SELECT mode, stages, stage_reason, files_loaded, files_unchanged FROM etl_runs
                              ORDER BY run_id DESC LIMIT 1""").fetchone()


def test_a_lexicon_edit_reannotates_only_the_articles_it_touches_and_equals_a_full_rebuild(
        code: Path, tmp_path: Path) -> None:
    seeds, db = first_load(code, tmp_path)
    disguise(seeds, db)
    with reading(db) as con:   # an unknown term found in one article only
        term, = con.execute("""SELECT term FROM lexicon_candidates WHERE articles = 1
                               ORDER BY occurrences DESC, term LIMIT 1""").fetchone()
        before = con.execute("SELECT count(*) FROM disease_mentions").fetchone()[0]
        first_run = con.execute("SELECT max(run_id) FROM etl_runs").fetchone()[0]

    add_concept(code, term)
    res = run_with(code, seeds, db)   # no file extracted: the seeds' stat is unchanged
    assert res["mode"] == "incremental" and res["loaded"] == 0 and res["unchanged"] == 5, res
    with reading(db) as con:
        stamped = con.execute("SELECT count(*) FROM articles WHERE run_id > ?", [first_run]).fetchone()[0]
    assert stamped == 1   # the one article holding the term was re-annotated, the other four kept
    with reading(db) as con:
        after = con.execute("SELECT count(*) FROM disease_mentions").fetchone()[0]
        added = con.execute("SELECT count(*) FROM disease_mentions WHERE concept_id = 'test_added_concept'").fetchone()[0]
        assert con.execute("SELECT count(*) FROM lexicon_candidates WHERE term = ?", [term]).fetchone()[0] == 0
        summarised = con.execute("SELECT count(*) FROM article_concepts WHERE concept_id = 'test_added_concept'").fetchone()[0]
    assert added > 0 and after > before and summarised > 0
    assert last_run(db) == ("incremental", ["extract", "annotate_changed"], "disease lexicon changed", 0, 5)
    assert_equals_full_rebuild(code, db, tmp_path)


@pytest.mark.parametrize("copies", [1, 13], ids=["in-process", "process-pool"])
def test_a_trigger_edit_reannotates_every_article_and_equals_a_full_rebuild(code: Path, tmp_path: Path,
                                                                             copies: int) -> None:
    """13 copies of the seeds (65 articles) are re-annotated on a pool of two processes."""
    workers = 2 if copies > 1 else 1
    assert copies == 1 or 5 * copies >= PARALLEL_THRESHOLD
    seeds, db = first_load(code, tmp_path, copies, workers)
    disguise(seeds, db)
    path = code / "etl/knowledge/data/lexicon/context_triggers.csv"
    listed = {r["trigger"] for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))}
    with reading(db) as con:   # two characters right before a mention become a negation trigger
        before = con.execute("""SELECT substr(a.main_text, m.start_char - 1, 2) FROM disease_mentions m
                                JOIN articles a USING (article_id) WHERE m.context <> 'negated' AND m.start_char >= 2
                                ORDER BY m.article_id, m.mention_no""").fetchall()
    word = next(w for w, in before if len(w.strip()) == 2 and w not in listed and not set(w) & set(",\"\n"))
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n{word},negated,forward,,test edit\n",
                    encoding="utf-8")
    res = run_with(code, seeds, db, workers=workers)
    assert res["loaded"] == 0 and res["unchanged"] == 5 * copies, res
    assert last_run(db) == ("incremental", ["extract", "annotate_all"], "annotation code, triggers or rules changed",
                            0, 5 * copies)
    with reading(db) as con:
        negated = con.execute("SELECT count(*) FROM disease_mentions WHERE context = 'negated' AND trigger = ?",
                              [word]).fetchone()[0]
    assert negated >= copies   # the new trigger took effect
    assert_equals_full_rebuild(code, db, tmp_path, copies, workers)


def edit_sources(code: Path, rows: dict[str, str | None]) -> None:
    """Change the packaged sources file as a curator would: ``match`` -> new source type (None drops the row)."""
    path = code / "etl/knowledge/data/rules/sources.csv"
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    kept = [r for r in reader if r["match"] not in rows]
    kept += [{"match": m, "source_type": t, "note": "test edit"} for m, t in rows.items() if t is not None]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames or ["match", "source_type", "note"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(kept)
    path.write_text(out.getvalue(), encoding="utf-8")


def source_types(db: Path) -> dict[str, tuple[str, str]]:
    with reading(db) as con:
        return {r[0]: (r[1], r[2]) for r in con.execute(
            "SELECT site_name, source_type, source_type_evidence[1] FROM articles").fetchall()}


def test_a_sources_edit_reclassifies_without_reading_files_and_equals_a_full_rebuild(code: Path, tmp_path: Path) -> None:
    seeds, db = first_load(code, tmp_path)
    before = source_types(db)
    # The seeds name their sites in their text (no URL but 000's): one page decided by its cues
    # gets a sources row, one sources row changes type, and the row of a page with a URL goes.
    cue_site = next(s for s, (_, ev) in before.items() if ev.startswith("rules:"))
    listed = next(s for s, (_, ev) in before.items() if ev.startswith("sources file") and s != "知乎")
    edit_sources(code, {cue_site.lower(): "news", listed.lower(): "government", "zhihu.com": None})
    disguise(seeds, db)

    res = run_with(code, seeds, db)
    assert res["loaded"] == 0 and res["unchanged"] == 5, res
    assert last_run(db) == ("incremental", ["extract", "classify_all"], "sources file changed", 0, 5)
    after = source_types(db)
    assert after[cue_site] == ("news", f"sources file: {cue_site.lower()} -> news")
    assert after[listed][0] == "government"
    assert after["知乎"][1] != before["知乎"][1]   # still social_qa, now from the site name or its own cues
    with reading(db) as con:
        stats = dict(con.execute("SELECT site_name, source_type FROM article_stats"
                                 " WHERE site_name IN (?, ?)", [cue_site, listed]).fetchall())
    assert stats == {cue_site: "news", listed: "government"}
    assert_equals_full_rebuild(code, db, tmp_path)


def test_a_lexicon_and_sources_edit_together_run_both_stages(code: Path, tmp_path: Path) -> None:
    seeds, db = first_load(code, tmp_path)
    with reading(db) as con:
        term, = con.execute("SELECT term FROM lexicon_candidates ORDER BY occurrences DESC, term LIMIT 1").fetchone()
        cue_site = con.execute("SELECT site_name FROM articles WHERE source_type_evidence[1] LIKE 'rules:%' "
                               "ORDER BY site_name LIMIT 1").fetchone()[0]
    add_concept(code, term)
    edit_sources(code, {cue_site.lower(): "government"})
    disguise(seeds, db)
    run_with(code, seeds, db)
    assert last_run(db) == ("incremental", ["extract", "annotate_changed", "classify_all"],
                            "disease lexicon changed; sources file changed", 0, 5)
    assert source_types(db)[cue_site][0] == "government"
    assert_equals_full_rebuild(code, db, tmp_path)


def test_an_extraction_rule_edit_rebuilds_everything(code: Path, tmp_path: Path) -> None:
    seeds, db = first_load(code, tmp_path)
    rules = code / "etl/knowledge/data/rules/boilerplate.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    res = run_with(code, seeds, db)
    assert res["mode"] == "full" and res["loaded"] == 5 and "extraction" in res["reason"], res


def test_the_refresh_after_a_stage_run_equals_a_full_rebuild(code: Path, tmp_path: Path) -> None:
    """A stage-level run rewrites rows it does not list (etl_runs.changed is NULL), so the next
    refresh builds on a spare caught up by comparing tables, not by replaying keys; its tables
    still equal a full rebuild."""
    seeds, db = first_load(code, tmp_path)
    cue_site = next(s for s, (_, ev) in source_types(db).items() if ev.startswith("rules:"))
    edit_sources(code, {cue_site.lower(): "government"})
    run_with(code, seeds, db)
    with reading(db) as con:
        assert con.execute("SELECT changed IS NULL FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchone() == (True,)
    page = sorted(p for p in seeds.rglob("*") if p.is_file())[0]
    page.write_bytes(page.read_bytes() + "\n\n补充一段：糖尿病患者应遵医嘱。\n".encode())
    res = run_with(code, seeds, db)
    assert res["loaded"] == 1 and res["stages"] == ["extract"], res
    real = tmp_path / "real_seeds"
    shutil.copytree(seeds, real)
    fresh = tmp_path / "fresh.duckdb"
    run_with(code, real, fresh, full=True)
    got, want = table_rows(db), table_rows(fresh)
    for table in want:
        assert got[table] == want[table], f"{table} differs from a full rebuild"


def test_a_lexicon_edit_finds_forms_written_with_pinyin_notes_or_across_a_wrap(code: Path, tmp_path: Path) -> None:
    """Mentions are matched in a shadow of the text (pinyin notes and hard line wraps taken out),
    so the articles a lexicon edit touches are looked for there too, not only in main_text."""
    seeds = copy_seeds(tmp_path / "seeds")
    (seeds / "pinyin.txt").write_text(
        "# 一位读者的来信\n\n我的父亲患有蓝(lán)斑(bān)萎缩症多年，最近听说干细胞可以治疗，想问问是否可信。\n",
        encoding="utf-8")
    (seeds / "wrapped.txt").write_text(
        "# 门诊随访记录\n\n本周门诊随访的患者里面有两位年纪较大的老\n人在外院被诊断为罕见的退行性疾病蓝斑萎\n"
        "缩症，家属询问干细胞疗法的费用和风险。\n",
        encoding="utf-8")
    db = tmp_path / "w.duckdb"
    run_with(code, seeds, db)
    add_concept(code, "蓝斑萎缩症")
    disguise(seeds, db)
    run_with(code, seeds, db)
    assert last_run(db)[:2] == ("incremental", ["extract", "annotate_changed"])
    with reading(db) as con:
        found = con.execute("""SELECT a.source_path, count(*) FROM disease_mentions m JOIN articles a USING (article_id)
                               WHERE m.concept_id = 'test_added_concept' GROUP BY 1 ORDER BY 1""").fetchall()
    assert found == [("pinyin.txt", 1), ("wrapped.txt", 1)]


def test_re_annotation_rewrites_only_the_evidence_that_changed(tmp_path: Path) -> None:
    """A trigger edit re-annotates every article but rarely moves its evidence; an UPDATE of every
    article row (a list column makes DuckDB rewrite the whole row, main_text included) ran a
    10,000-article re-annotation out of the build's memory cap. Unchanged evidence is not written."""
    import duckdb

    from etl.knowledge.annotation import load_annotation_knowledge
    from etl.knowledge.lexicon import load_lexicon, load_triggers
    from etl.load.restage import annotate_stored, stored_documents
    from etl.load.run import run_etl
    from etl.load.write import update_evidence

    seeds = copy_seeds(tmp_path / "seeds")
    db = tmp_path / "w.duckdb"
    run_etl(seeds, db, workers=1)
    con = duckdb.connect(str(db))
    try:
        ids = [r[0] for r in con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall()]
        _, articles, citations = annotate_stored(list(stored_documents(con, ids)), load_lexicon(), load_triggers(),
                                                 load_annotation_knowledge())
        assert len(articles) == 5 and citations
        assert update_evidence(con, articles, citations) == {"articles": 0, "citations": 0}
        other = "L6_non_research" if articles[0]["best_evidence_level"] != "L6_non_research" else "L4_case_series"
        moved = {**articles[0], "best_evidence_level": other}
        assert update_evidence(con, [moved, *articles[1:]], citations) == {"articles": 1, "citations": 0}
        level, = con.execute("SELECT best_evidence_level FROM articles WHERE article_id = ?",
                             [moved["article_id"]]).fetchone()
        assert level == other
    finally:
        con.close()


RUN_NOTING_LOADS = """
import json, sys
from pathlib import Path
from etl.errors import RulesError
from etl.knowledge.annotation import load_annotation_knowledge
from etl.knowledge.rules import load_rules
from etl.load.run import run_etl
try:
    r = run_etl(Path(sys.argv[1]), Path(sys.argv[2]), workers=1)
    out = {"loaded": r.files_loaded, "unchanged": r.files_unchanged, "mode": r.mode}
except RulesError as exc:
    out = {"error": str(exc)}
out["rules_compiled"] = load_rules.cache_info().currsize
out["knowledge_compiled"] = load_annotation_knowledge.cache_info().currsize
print(json.dumps(out))
"""


def run_noting_loads(code: Path, seeds: Path, db: Path) -> dict:
    return run_script(code, RUN_NOTING_LOADS, str(seeds), str(db))


def test_a_run_that_changes_nothing_compiles_no_rules(code: Path, tmp_path: Path) -> None:
    """Its fingerprints, read from the files' bytes, equal the last successful run's: the rules
    and the annotation knowledge it would compile were valid then (a no-op `stemwatch etl` spent
    ~1 s compiling them)."""
    seeds, db = first_load(code, tmp_path)
    res = run_noting_loads(code, seeds, db)
    assert res == {"loaded": 0, "unchanged": 5, "mode": "incremental", "rules_compiled": 0, "knowledge_compiled": 0}


@pytest.mark.parametrize("data_file", ["etl/knowledge/data/rules/boilerplate.yaml",   # the extraction stage's
                                       "etl/knowledge/data/rules/red_flags.yaml",    # the annotation stage's
                                       "etl/knowledge/data/rules/sources.csv"])      # the classification's
def test_a_broken_knowledge_file_still_fails_the_next_run_before_any_work(code: Path, tmp_path: Path, data_file: str) -> None:
    """A file that changed moves its stage's fingerprint, and the run compiles (validates) what
    that stage needs before it reads a seed: the error names the file, the warehouse keeps its rows."""
    seeds, db = first_load(code, tmp_path)
    before = table_rows(db)
    path = code / data_file
    broken = "match,source_type\nexample.org,not_a_type\n" if path.suffix == ".csv" else "rules: [unclosed\n"
    path.write_text(broken, encoding="utf-8")
    res = run_noting_loads(code, seeds, db)
    assert path.name in res.get("error", ""), res
    assert table_rows(db) == before


@pytest.mark.parametrize("content", [None, "match,source_type\n例子.org,news\n".encode("gb18030")],
                         ids=["missing", "not-utf8"])
def test_a_sources_file_given_that_cannot_be_read_fails_the_run_naming_it(tmp_path: Path, content: bytes | None) -> None:
    """Read for its fingerprint before anything is compiled: still a RulesError naming the file
    (once a FileNotFoundError from the fingerprint), and the failed run is recorded."""
    from etl.errors import RulesError
    from etl.load.run import run_etl

    seeds = copy_seeds(tmp_path / "seeds")
    db = tmp_path / "w.duckdb"
    run_etl(seeds, db, workers=1)
    given = tmp_path / "sources.csv"
    if content is not None:
        given.write_bytes(content)
    with pytest.raises(RulesError) as err:
        run_etl(seeds, db, workers=1, sources=str(given))
    assert str(given) in str(err.value) and "cannot read sources file" in str(err.value)
    with reading(db) as con:
        assert con.execute("SELECT status FROM etl_runs ORDER BY run_id").fetchall() == [("success",), ("failed",)]
