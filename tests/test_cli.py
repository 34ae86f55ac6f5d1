"""The CLI on a temp seeds folder: added, changed, deleted and broken files; status, sql, export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SEED_NAMES

ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def sw(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True,
                          env=env or ENV, timeout=300)


def q(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_etl_lifecycle(fresh_seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "wh" / "stemwatch.duckdb"
    r = sw("etl", "--seeds", str(fresh_seeds), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "loaded:       5" in r.stdout and "quarantined:  0" in r.stdout
    assert q(db, "SELECT count(*) FROM articles") == [(5,)]

    # Add a file in a subfolder, change one, delete one, add a broken one.
    (fresh_seeds / "sub").mkdir()
    (fresh_seeds / "sub" / "new.txt").write_text("干细胞治疗帕金森病有效吗？\n\n" + "研究表明干细胞可能改善帕金森病的症状，但尚需验证。" * 5,
                                                  encoding="utf-8")
    changed = fresh_seeds / SEED_NAMES[4]
    changed.write_text(changed.read_text(encoding="utf-8").replace("干细胞回输", "干细胞输注"), encoding="utf-8")
    (fresh_seeds / SEED_NAMES[2]).unlink()
    (fresh_seeds / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))

    r = sw("etl", "--seeds", str(fresh_seeds), "--db", str(db))
    assert r.returncode == 0, r.stderr                     # quarantine is not a failure
    assert "loaded:       2" in r.stdout and "unchanged:    3" in r.stdout and "removed:      1" in r.stdout
    assert "broken.png: binary_file: this is a PNG image" in r.stdout
    paths = {p for (p,) in q(db, "SELECT source_path FROM articles")}
    assert paths == {SEED_NAMES[0], SEED_NAMES[1], SEED_NAMES[3], SEED_NAMES[4], "sub/new.txt"}
    assert q(db, "SELECT source_path, reason FROM quarantine") == [("broken.png", "binary_file")]
    assert q(db, "SELECT count(*) FROM articles WHERE main_text LIKE '%干细胞回输%'") == [(0,)]
    # Rows of the deleted article are gone from every table.
    gone = q(db, "SELECT count(*) FROM disease_mentions m LEFT JOIN articles a USING (article_id) WHERE a.article_id IS NULL")
    assert gone == [(0,)]

    # Fix the broken file: it leaves quarantine.
    (fresh_seeds / "broken.png").unlink()
    r = sw("etl", "--seeds", str(fresh_seeds), "--db", str(db))
    assert r.returncode == 0 and q(db, "SELECT count(*) FROM quarantine") == [(0,)]
    runs = q(db, "SELECT run_id, status, mode, files_loaded, files_removed FROM etl_runs ORDER BY run_id")
    assert [r[:3] for r in runs] == [(1, "success", "full"), (2, "success", "incremental"), (3, "success", "incremental")]


def test_runs_are_idempotent_and_full_equals_incremental(fresh_seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    assert sw("etl", "--seeds", str(fresh_seeds), "--db", str(db)).returncode == 0
    tables = ["articles", "documents", "cut_blocks", "sections", "citations", "commercial_signals", "disease_mentions",
              "lexicon_candidates", "diseases", "quarantine"]

    def snapshot() -> dict[str, list]:
        out = {}
        for t in tables:
            cols = [c for (c,) in q(db, "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                                        "AND column_name NOT IN ('run_id', 'seen_at') ORDER BY column_index", [t])]
            out[t] = q(db, f"SELECT {', '.join(cols)} FROM {t} ORDER BY ALL")
        return out

    first = snapshot()
    assert sw("etl", "--seeds", str(fresh_seeds), "--db", str(db)).returncode == 0
    assert snapshot() == first
    r = sw("etl", "--seeds", str(fresh_seeds), "--db", str(db), "--full")
    assert r.returncode == 0 and "(full)" in r.stdout
    assert snapshot() == first
    assert q(db, "SELECT count(*) FROM etl_runs") == [(3,)]   # history survives a full rebuild


def test_env_defaults_and_status(fresh_seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "env.duckdb"
    env = {**ENV, "STEMWATCH_SEEDS": str(fresh_seeds), "STEMWATCH_DB": str(db)}
    assert sw("etl", env=env).returncode == 0
    r = sw("status", env=env)
    assert r.returncode == 0 and "behind seeds:            no" in r.stdout and "articles 5" in r.stdout
    (fresh_seeds / "later.txt").write_text("干细胞能治疗糖尿病吗？\n\n" + "目前没有临床试验支持。" * 10, encoding="utf-8")
    r = sw("status", "--format", "json", env=env)
    report = json.loads(r.stdout)
    assert report["freshness"]["behind"] is True and report["counts"]["articles"] == 5


def test_sql_formats_and_read_only(seeded_db: Path) -> None:
    r = sw("sql", "SELECT source_type, count(*) AS n FROM articles GROUP BY 1 ORDER BY 1", "--db", str(seeded_db),
           "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == [{"source_type": "commercial_blog", "n": 1}, {"source_type": "commercial_clinic", "n": 2},
                                    {"source_type": "content_aggregator", "n": 1}, {"source_type": "social_qa", "n": 1}]
    r = sw("sql", "SELECT title FROM articles ORDER BY source_path LIMIT 1", "--db", str(seeded_db), "--format", "csv")
    assert r.stdout.splitlines() == ["title", "什么是干细胞治疗？有用吗？"]
    r = sw("sql", "SELECT count(*) AS n FROM citations", "--db", str(seeded_db))
    assert "30" in r.stdout and "(1 row)" in r.stdout
    r = sw("sql", "DELETE FROM articles", "--db", str(seeded_db))
    assert r.returncode == 2 and "read-only" in r.stderr.lower()   # refused before it runs (issue 11 item 7)
    assert q(seeded_db, "SELECT count(*) FROM articles") == [(5,)]


def test_export_parquet_and_csv(seeded_db: Path, tmp_path: Path) -> None:
    r = sw("export", str(tmp_path / "pq"), "--db", str(seeded_db))
    assert r.returncode == 0, r.stderr
    con = duckdb.connect()
    # Partitioned since issue 10: articles/source_type=.../year=.../*.parquet (tests/test_export.py).
    assert con.execute(f"SELECT count(*) FROM '{tmp_path / 'pq' / 'articles' / '*' / '*' / '*.parquet'}'").fetchone() == (5,)
    assert con.execute(f"SELECT count(*) FROM '{tmp_path / 'pq' / 'disease_mentions' / '*' / '*' / '*.parquet'}'").fetchone()[0] > 100
    assert con.execute(f"SELECT count(*) FROM '{tmp_path / 'pq' / 'diseases.parquet'}'").fetchone()[0] > 100
    r = sw("export", str(tmp_path / "csv"), "--db", str(seeded_db), "--format", "csv")
    assert r.returncode == 0 and (tmp_path / "csv" / "citations.csv").read_text(encoding="utf-8").startswith("article_id,")


def test_lexicon_check_lists_candidates(seeded_db: Path) -> None:
    r = sw("lexicon", "check", "--db", str(seeded_db), "--limit", "5")
    assert r.returncode == 0, r.stderr
    concepts = q(seeded_db, "SELECT count(*) FROM diseases")[0][0]
    assert f"lexicon ok: {concepts} concepts" in r.stdout
    want = [t for (t,) in q(seeded_db, "SELECT term FROM lexicon_candidates "
                                       "ORDER BY occurrences DESC, articles DESC, term LIMIT 5")]
    assert len(want) == 5, "the seeds have at least five candidate terms"
    assert f"top {len(want)}:" in r.stdout
    listed = [ln.split("|")[0].strip() for ln in r.stdout.split("top 5:", 1)[1].splitlines()[3:3 + len(want)]]
    assert listed == want, r.stdout


def test_clean_errors_and_exit_codes(tmp_path: Path) -> None:
    r = sw("etl", "--seeds", str(tmp_path / "nope"), "--db", str(tmp_path / "x.duckdb"))
    assert r.returncode == 2 and "error:" in r.stderr and "Traceback" not in r.stderr
    r = sw("sql", "SELECT 1", "--db", str(tmp_path / "missing.duckdb"))
    assert r.returncode == 2 and "run `stemwatch etl` first" in r.stderr
    r = sw("status", "--db", str(tmp_path / "missing.duckdb"))
    assert r.returncode == 2
    bad_sources = tmp_path / "sources.csv"
    bad_sources.write_text("match,source_type\nexample.com,blogspam\n", encoding="utf-8")
    seeds = tmp_path / "s"
    seeds.mkdir()
    r = sw("etl", "--seeds", str(seeds), "--db", str(tmp_path / "y.duckdb"), "--sources", str(bad_sources))
    assert r.returncode == 2 and "sources.csv:2" in r.stderr and "blogspam" in r.stderr


@pytest.mark.parametrize(("args", "env", "named"), [
    (["--workers", "abc"], {}, "--workers: 'abc' is not a whole number"),
    (["--workers", "-1"], {}, "--workers: '-1' is out of range"),
    ([], {"STEMWATCH_WORKERS": "2.5"}, "STEMWATCH_WORKERS: '2.5' is not a whole number"),
    ([], {"STEMWATCH_MAX_FILE_MB": "0"}, "STEMWATCH_MAX_FILE_MB: '0' is out of range"),
])
def test_a_bad_number_setting_names_its_flag_or_variable(tmp_path: Path, args: list[str], env: dict, named: str) -> None:
    """`--workers abc` printed Python's "invalid literal for int()" traceback line, naming no setting;
    STEMWATCH_MAX_FILE_MB=0 quarantined every page as too large."""
    seeds = tmp_path / "s"
    seeds.mkdir()
    (seeds / "a.txt").write_text("干细胞治疗糖尿病的临床研究进展。" * 5, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    r = sw("etl", "--seeds", str(seeds), "--db", str(db), *args, env={**os.environ, **env})
    assert r.returncode == 2, r.stderr
    assert named in r.stderr and "Traceback" not in r.stderr and "invalid literal" not in r.stderr
    assert not db.exists()


def test_a_bad_port_is_refused_before_the_dashboard_starts(tmp_path: Path) -> None:
    r = sw("dashboard", "--db", str(tmp_path / "w.duckdb"), "--port", "http")
    assert r.returncode == 2 and "--port: 'http' is not a whole number" in r.stderr


def test_sources_file_overrides_rules(fresh_seeds: Path, tmp_path: Path) -> None:
    src = tmp_path / "mine.csv"
    src.write_text("match,source_type\n什么是痛风,news\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert sw("etl", "--seeds", str(fresh_seeds), "--db", str(db), "--sources", str(src)).returncode == 0
    rows = q(db, "SELECT source_type, source_type_evidence[1] FROM articles WHERE site_name = '什么是痛风'")
    assert rows == [("news", "sources file: 什么是痛风 -> news")]


@pytest.mark.parametrize("cmd", ["etl", "status", "sql", "export", "lexicon", "schema-doc", "evaluate", "dashboard", "schedule", "up"])
def test_every_command_has_help(cmd: str) -> None:
    r = sw(cmd, "--help")
    assert r.returncode == 0 and "usage: stemwatch" in r.stdout


def test_export_into_a_folder_with_a_quote_in_its_name(seeded_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "it's 'quoted'" / "out"
    r = sw("export", str(out), "--db", str(seeded_db), "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert (out / "articles.csv").read_text(encoding="utf-8").count("\n") > 5
    assert not list(out.glob("*.part"))
    r = sw("export", str(out), "--db", str(seeded_db))
    assert r.returncode == 0, r.stderr
    con = duckdb.connect()
    # partitioned since issue 10 (tests/test_export.py)
    glob = str(out / "articles" / "*" / "*" / "*.parquet")
    assert con.execute("SELECT count(*) FROM read_parquet(?, hive_partitioning = true)", [glob]).fetchone() == (5,)


def test_sql_table_aligns_chinese_cells(seeded_db: Path) -> None:
    from app.cli import display_width

    r = sw("sql", "SELECT title, site_name, source_type FROM articles ORDER BY source_path", "--db", str(seeded_db))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    header, rule, body = lines[0], lines[1], lines[2:-1]
    assert len(body) == 5 and any("知乎" in ln for ln in body)
    # every separator stands in the same terminal column on every line (wide characters count two)
    bars = {tuple(display_width(ln[:i]) for i, ch in enumerate(ln) if ch == "|") for ln in [header, *body]}
    assert len(bars) == 1, lines
    assert tuple(display_width(rule[:i]) for i, ch in enumerate(rule) if ch == "+") == next(iter(bars))


def test_display_width_and_cutting() -> None:
    from app.cli import display_width, fit

    assert display_width("知乎ab") == 6 and display_width("ａ") == 2 and display_width("e\u0301") == 1
    cut = fit("干细胞" * 40, 11)
    assert cut.endswith("…") and display_width(cut) <= 11 and cut.startswith("干细胞干细")
