"""Near-empty files: a few characters of non-article text or an empty HTML shell is quarantined
with a reason that says why (no_text, with the word count), never loaded as an article with an
empty title; what was loaded before stays as it was, and `stemwatch status` lists the files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.cli import main as stemwatch
from etl.errors import Rejected
from etl.knowledge.rules import load_rules
from etl.load.run import run_etl
from etl.parse import extract_document
from tests.conftest import SEEDS
from tests.reliability.helpers import assert_invariant, table_rows
from warehouse.db import reading

pytestmark = pytest.mark.reliability

# What the ETL owns about files and runs changes with every run; everything else must not.
LEDGER = frozenset({"quarantine", "source_files", "etl_runs"})

NEAR_EMPTY = {
    "stray_line.txt": b"hello world 12345!!",                      # 19 characters, not an article
    "shell.html": b"<!DOCTYPE html><html><head><meta charset=utf-8><title></title></head>"
                  b"<body><div id=\"app\"></div><script src=\"app.js\"></script></body></html>",
    "not_found.html": b"<html><head><title>404</title></head><body><h1>404 Not Found</h1><hr><p>nginx</p></body></html>",
    "js_wall.html": "<html><body><noscript>请启用 JavaScript</noscript><p>加载中…</p></body></html>".encode(),
}
# Short but real: a title and a two-sentence answer is an article.
SHORT_ARTICLE = ("<html><head><title>干细胞能治疗糖尿病吗</title></head><body><h1>干细胞能治疗糖尿病吗</h1>"
                 "<p>目前干细胞治疗糖尿病仍处于临床研究阶段。患者应在正规医院咨询医生。</p></body></html>").encode()


def quarantine(db: Path) -> dict[str, tuple[str, str]]:
    with reading(db) as con:
        return {p: (r, d) for p, r, d in con.execute("SELECT source_path, reason, detail FROM quarantine").fetchall()}


def test_near_empty_text_is_rejected_with_its_word_count() -> None:
    rules = load_rules()
    with pytest.raises(Rejected) as err:
        extract_document("stray_line.txt", NEAR_EMPTY["stray_line.txt"], rules)
    assert err.value.reason == "no_text"
    assert "only 2 words" in err.value.detail and f"at least {rules.min_article_words}" in err.value.detail
    for name in ("shell.html", "not_found.html", "js_wall.html"):
        with pytest.raises(Rejected) as err:
            extract_document(name, NEAR_EMPTY[name], rules)
        assert err.value.reason == "no_text", name
    doc = extract_document("short.html", SHORT_ARTICLE, rules)
    assert doc.title == "干细胞能治疗糖尿病吗" and "临床研究阶段" in doc.main_text


def test_near_empty_files_are_quarantined_and_nothing_loaded_changes(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "stemwatch.duckdb"
    assert run_etl(seeds, db, workers=1).status == "success"
    before = table_rows(db, skip=LEDGER)

    for name, data in NEAR_EMPTY.items():
        (seeds / name).write_bytes(data)
    res = run_etl(seeds, db, workers=1)
    assert res.status == "success"
    assert sorted(p for p, _, _ in res.quarantined_now) == sorted(NEAR_EMPTY)
    q = quarantine(db)
    assert set(q) == set(NEAR_EMPTY) and {r for r, _ in q.values()} == {"no_text"}
    assert "only 2 words of article text" in q["stray_line.txt"][1]
    assert_invariant(db, seeds)
    assert table_rows(db, skip=LEDGER) == before  # every other table exactly as it was

    # a loaded file overwritten with a stray line leaves articles for quarantine; the rest stays
    victim = sorted(p.name for p in SEEDS.iterdir())[3]
    (seeds / victim).write_bytes(NEAR_EMPTY["stray_line.txt"])
    assert run_etl(seeds, db, workers=1).status == "success"
    assert quarantine(db)[victim][0] == "no_text"
    assert_invariant(db, seeds)
    with reading(db) as con:
        assert con.execute("SELECT count(*) FROM articles WHERE source_path = ?", [victim]).fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == len(list(SEEDS.iterdir())) - 1

    assert stemwatch(["status", "--db", str(db), "--seeds", str(seeds)]) == 0
    out = capsys.readouterr().out
    for name in [*NEAR_EMPTY, victim]:
        assert f"{name}: no_text: " in out
    assert "only 2 words of article text" in out
