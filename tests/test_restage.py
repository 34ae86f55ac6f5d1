"""Stage-level rebuilds (issue 10.3): a lexicon edit re-annotates stored articles without reading a file.

The edit is real: the ETL's packages are copied to a temporary folder, a lexicon file is
changed there, and runs execute in subprocesses importing that copy, exactly as a curator's
edit to etl/knowledge/data/lexicon would be seen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS
from tests.reliability.helpers import table_rows
from warehouse.db import reading

RUN = """
import json, sys
from pathlib import Path
from etl.load.run import run_etl
r = run_etl(Path(sys.argv[1]), Path(sys.argv[2]), full=sys.argv[3] == "full", workers=1)
print(json.dumps({"loaded": r.files_loaded, "unchanged": r.files_unchanged, "mode": r.mode,
                  "stages": r.stages, "reason": r.stage_reason}))
"""


def run_with(code: Path, seeds: Path, db: Path, full: bool = False) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STEMWATCH_")}
    env["PYTHONPATH"] = str(code)
    out = subprocess.run([sys.executable, "-c", RUN, str(seeds), str(db), "full" if full else "incremental"],
                         env=env, capture_output=True, text=True, timeout=300, cwd=code)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


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


def test_a_lexicon_edit_reannotates_without_reading_files_and_equals_a_full_rebuild(code: Path, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "w.duckdb"
    first = run_with(code, seeds, db)
    assert first["mode"] == "full"
    with reading(db) as con:
        term, = con.execute("SELECT term FROM lexicon_candidates ORDER BY occurrences DESC, term LIMIT 1").fetchone()
        before = con.execute("SELECT count(*) FROM disease_mentions").fetchone()[0]

    add_concept(code, term)
    res = run_with(code, seeds, db)   # no file extracted: the seeds' stat is unchanged
    assert res["mode"] == "incremental" and res["loaded"] == 0 and res["unchanged"] == 5, res
    assert "annotate_all" in res["stages"] and "lexicon" in res["reason"], res
    with reading(db) as con:
        after = con.execute("SELECT count(*) FROM disease_mentions").fetchone()[0]
        added = con.execute("SELECT count(*) FROM disease_mentions WHERE concept_id = 'test_added_concept'").fetchone()[0]
        assert con.execute("SELECT count(*) FROM lexicon_candidates WHERE term = ?", [term]).fetchone()[0] == 0
        stages = con.execute("SELECT stages FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchone()[0]
    assert added > 0 and after > before
    assert "annotate_all" in stages

    fresh = tmp_path / "fresh.duckdb"
    assert run_with(code, seeds, fresh, full=True)["mode"] == "full"
    got, want = table_rows(db), table_rows(fresh)
    assert set(got) == set(want)
    for table in want:
        assert got[table] == want[table], f"{table} differs from a full rebuild"


def test_an_extraction_rule_edit_rebuilds_everything(code: Path, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "w.duckdb"
    run_with(code, seeds, db)
    rules = code / "etl/knowledge/data/rules/boilerplate.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    res = run_with(code, seeds, db)
    assert res["mode"] == "full" and res["loaded"] == 5 and "extraction" in res["reason"], res
