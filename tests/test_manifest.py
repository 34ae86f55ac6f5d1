"""Crawl addresses: a manifest beside the pages gives each page the address it was fetched from.

Real runs over small folders written here: the address reaches articles.url / domain and the
source type, a manifest is never a page, an edited address re-parses that page alone, and bad
rows are skipped with a reason while the run goes on.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

from etl.evaluate import evaluate
from etl.load.manifest import address_problem, parse_manifest
from etl.load.run import run_etl
from etl.refresh.fingerprint import pending
from tests.reliability.helpers import assert_integrity

PARA = "干细胞研究近年来进展很快，但多数疗法仍处在临床试验阶段，患者应当理性看待各种宣传。"


def page(n: int) -> str:
    return f"第{n}篇关于干细胞的文章\n{PARA}\n{PARA}\n"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "pages"
    (d / "sub").mkdir(parents=True)
    for i, rel in enumerate(("a.txt", "b.txt", "sub/c.txt")):
        (d / rel).write_text(page(i), encoding="utf-8")
    return d


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def write_csv(d: Path, *lines: str) -> None:
    (d / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- reading a manifest (pure)

def test_csv_rows_and_their_problems() -> None:
    got, problems = parse_manifest("manifest.csv", "\ufefffile,url,fetched_at\n"
                                   "a.txt,https://www.163.com/dy/article/A1.html,2024-01-01\n"
                                   "./sub\\c.txt,https://zhidao.baidu.com/question/1.html,\n"
                                   ",https://example.com/x\n"
                                   "b.txt,ftp://example.com/b\n"
                                   "d.txt,https://example.com/d1\n"
                                   "d.txt,https://example.com/d2\n")
    assert {k: v[1] for k, v in got.items()} == {"a.txt": "https://www.163.com/dy/article/A1.html",
                                                 "sub/c.txt": "https://zhidao.baidu.com/question/1.html"}
    assert problems[0].startswith("line 4: no file name")
    assert problems[1].startswith("line 5: b.txt: not an http(s) address")
    assert problems[2].startswith("line 7: d.txt: a second, different address")


def test_jsonl_rows_and_a_bad_header() -> None:
    got, problems = parse_manifest("manifest.jsonl", '{"file": "a.txt", "url": "https://x.example.org/p"}\n'
                                   "\n{not json}\n[1, 2]\n")
    assert got == {"a.txt": (1, "https://x.example.org/p")}
    assert [p.split(":")[0] for p in problems] == ["line 3", "line 4"]
    none, why = parse_manifest("manifest.csv", "name,link\na.txt,https://x.example.org/\n")
    assert none == {} and "'file' and 'url'" in why[0]


@pytest.mark.parametrize("bad", ["", "example.com/page", "javascript:alert(1)", "https:///nohost",
                                 "https://exa mple.com/", "https://example.com/" + "x" * 3000])
def test_address_problems(bad: str) -> None:
    assert address_problem(bad)


@pytest.mark.parametrize("url", ["https://example.com", "http://www.example.com/a/b.html?x=1#f", "HTTPS://EXAMPLE.COM/",
                                 "https://example.com:8080/p", "https://a-b.example.org?q", "https://1.2.3.4/x",
                                 "https://user@example.com/p", "https://[::1]/p", "https://例子.中国/页面",
                                 "ftp://example.com/", "https://-bad.example.com/", "https://example.com:99999/",
                                 "https://exa\u3000mple.com/", "https://example.com/\x7f", "mailto:a@example.com"])
def test_the_fast_path_decides_as_the_full_check(url: str) -> None:
    """Addresses of the common shape skip urlsplit; every address gets the answer the full check gives."""
    from urllib.parse import urlsplit

    def full(u: str) -> bool:
        if any(ch.isspace() or ord(ch) < 32 for ch in u):
            return False
        try:
            parts = urlsplit(u)
            return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
        except ValueError:
            return False
    assert (address_problem(url) is None) == full(url)


# ---------------------------------------------------------------- runs

def test_addresses_reach_the_articles_and_the_source_type(folder: Path, tmp_path: Path) -> None:
    write_csv(folder, "file,url", "a.txt,https://www.163.com/dy/article/A1.html",
              "sub/c.txt,https://zhidao.baidu.com/question/1.html")
    db = tmp_path / "w.duckdb"
    res = run_etl(folder, db, workers=1)
    assert res.files_loaded == 3 and res.files_seen == 3 and not res.quarantined_now
    got = {r[0]: r[1:] for r in rows(db, "SELECT source_path, url, url_source, domain, source_type FROM articles")}
    assert got == {"a.txt": ("https://www.163.com/dy/article/A1.html", "manifest", "163.com", "content_aggregator"),
                   "b.txt": (None, None, None, "other"),
                   "sub/c.txt": ("https://zhidao.baidu.com/question/1.html", "manifest", "zhidao.baidu.com", "social_qa")}
    assert rows(db, "SELECT status, crawl_url FROM source_files WHERE source_path = 'manifest.csv'") == [("manifest", None)]
    assert rows(db, "SELECT crawl_url FROM source_files WHERE source_path = 'a.txt'") == [
        ("https://www.163.com/dy/article/A1.html",)]
    assert not pending(folder, db)   # the scheduler sees nothing left to do
    assert_integrity(db)


def test_a_changed_address_reparses_that_page_alone(folder: Path, tmp_path: Path) -> None:
    write_csv(folder, "file,url", "a.txt,https://www.example.com/a", "b.txt,https://www.example.com/b")
    db = tmp_path / "w.duckdb"
    run_etl(folder, db, workers=1)
    before = dict(rows(db, "SELECT source_path, run_id FROM articles"))
    write_csv(folder, "file,url", "a.txt,https://www.example.com/a", "b.txt,https://www.sohu.com/a/77_1")
    os.utime(folder / "manifest.csv", ns=(1, 1))   # a new stat whatever the clock's resolution
    assert pending(folder, db)                     # the scheduler notices an edited manifest
    res = run_etl(folder, db, workers=1)
    assert (res.mode, res.files_loaded, res.files_unchanged) == ("incremental", 1, 2)
    after = {r[0]: r[1:] for r in rows(db, "SELECT source_path, run_id, source_type, url FROM articles")}
    assert after["b.txt"][1:] == ("content_aggregator", "https://www.sohu.com/a/77_1")
    assert after["b.txt"][0] != before["b.txt"]
    assert after["a.txt"][0] == before["a.txt"] and after["sub/c.txt"][0] == before["sub/c.txt"]
    # removing the manifest takes the addresses away again, page by page
    (folder / "manifest.csv").unlink()
    res = run_etl(folder, db, workers=1)
    assert res.files_loaded == 2 and res.files_removed == 0
    assert rows(db, "SELECT count(*) FROM articles WHERE url IS NOT NULL") == [(0,)]
    assert rows(db, "SELECT count(*) FROM source_files WHERE status = 'manifest'") == [(0,)]


def test_bad_rows_are_quarantined_and_the_run_goes_on(folder: Path, tmp_path: Path) -> None:
    write_csv(folder, "file,url", "a.txt,https://www.163.com/dy/article/A1.html", "b.txt,not-an-address",
              "sub/c.txt,https://x.example.org/1", "sub/c.txt,https://x.example.org/2")
    db = tmp_path / "w.duckdb"
    res = run_etl(folder, db, workers=1)
    assert res.status == "success" and res.files_loaded == 3
    [(reason, detail)] = rows(db, "SELECT reason, detail FROM quarantine WHERE source_path = 'manifest.csv'")
    assert rows(db, "SELECT status FROM source_files WHERE source_path = 'manifest.csv'") == [("quarantined",)]
    assert_integrity(db)
    assert reason == "bad_manifest"
    assert "line 3: b.txt: not an http(s) address" in detail and "line 5: sub/c.txt" in detail
    urls = dict(rows(db, "SELECT source_path, url FROM articles"))
    assert urls == {"a.txt": "https://www.163.com/dy/article/A1.html", "b.txt": None, "sub/c.txt": None}
    # fixed: the manifest leaves quarantine, the pages whose address changed are parsed again
    write_csv(folder, "file,url", "a.txt,https://www.163.com/dy/article/A1.html", "b.txt,https://x.example.org/b")
    os.utime(folder / "manifest.csv", ns=(2, 2))
    res = run_etl(folder, db, workers=1)
    assert res.files_loaded == 1
    assert rows(db, "SELECT count(*) FROM quarantine") == [(0,)]
    assert rows(db, "SELECT status FROM source_files WHERE source_path = 'manifest.csv'") == [("manifest",)]
    assert_integrity(db)


def test_an_undecodable_manifest_is_quarantined(folder: Path, tmp_path: Path) -> None:
    (folder / "manifest.jsonl").write_bytes(b'{"file": "a.txt", "url": "https://x.example.org/\xff"}\n')
    db = tmp_path / "w.duckdb"
    res = run_etl(folder, db, workers=1)
    assert res.files_loaded == 3
    [(reason, detail)] = rows(db, "SELECT reason, detail FROM quarantine")
    assert reason == "bad_manifest" and "not UTF-8" in detail


@pytest.mark.parametrize("name", ["manifest.json", "manifest.jsonl"])
def test_a_manifest_nested_too_deeply_is_quarantined_and_the_run_goes_on(folder: Path, tmp_path: Path, name: str) -> None:
    (folder / name).write_text("[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    res = run_etl(folder, db, workers=1)
    assert res.files_loaded == 3
    [(reason, detail)] = rows(db, "SELECT reason, detail FROM quarantine")
    assert reason == "bad_manifest" and "nested too deeply" in detail


def test_evaluate_passes_each_gold_url_as_the_crawl_address(folder: Path, tmp_path: Path) -> None:
    """Only ``file`` and ``url`` are inputs; the page text alone has no publisher furniture."""
    gold = [{"file": "a.txt", "url": "https://www.163.com/dy/article/A1.html", "title": "第0篇关于干细胞的文章",
             "published_date": None, "source_type": "content_aggregator", "language": "zh-Hans",
             "must_contain": [PARA[:12]]},
            {"file": "b.txt", "url": "https://iask.example.com.cn/question/3.html", "title": "第1篇关于干细胞的文章",
             "published_date": None, "source_type": "social_qa", "language": "zh-Hant", "must_contain": [PARA[:12]]}]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    res = evaluate(path, folder)["overall"]
    assert res["source_type"]["correct"] == 2
    assert (res["language"]["correct"], res["language"]["total"]) == (1, 2)   # b.txt is Simplified


def test_a_manifest_still_being_written_is_read_next_run(folder: Path, tmp_path: Path) -> None:
    write_csv(folder, "file,url", "a.txt,https://www.163.com/dy/article/A1.html")
    db = tmp_path / "w.duckdb"
    run_etl(folder, db, workers=1)
    (folder / "manifest.csv").write_text("file,url\na.txt,https://www.exam", encoding="utf-8")  # half written
    os.utime(folder / "manifest.csv", ns=(3, 3))
    res = run_etl(folder, db, workers=1, hold={"manifest.csv"})
    assert res.files_loaded == 0 and not res.quarantined_now
    assert rows(db, "SELECT url, source_type FROM articles WHERE source_path = 'a.txt'") == [
        ("https://www.163.com/dy/article/A1.html", "content_aggregator")]
    assert pending(folder, db)   # the previous manifest's row stands, so the edit is still pending
    write_csv(folder, "file,url", "a.txt,https://zhidao.baidu.com/question/5.html")
    os.utime(folder / "manifest.csv", ns=(4, 4))
    res = run_etl(folder, db, workers=1)
    assert res.files_loaded == 1
    assert rows(db, "SELECT source_type FROM articles WHERE source_path = 'a.txt'") == [("social_qa",)]


def test_json_manifests_and_other_column_names() -> None:
    listed, problems = parse_manifest("manifest.json", json.dumps(
        [{"path": "a.txt", "address": "https://x.example.org/a"}, {"file": "b.txt", "url": "mailto:x@y"}, 3]))
    assert listed == {"a.txt": (1, "https://x.example.org/a")}
    assert sorted(problems) == ["entry 2: b.txt: not an http(s) address: 'mailto:x@y'",
                                "entry 3: must be a JSON object with 'file' and 'url'"]
    mapped, none = parse_manifest("manifest.json", '{"sub/c.txt": "https://x.example.org/c"}')
    assert mapped == {"sub/c.txt": (1, "https://x.example.org/c")} and none == []
    csv_rows, _ = parse_manifest("manifest.csv", "filename,source_url\na.txt,https://x.example.org/a\n")
    assert csv_rows == {"a.txt": (2, "https://x.example.org/a")}
    assert parse_manifest("manifest.json", "[1,")[1][0].startswith("line 1: not valid JSON")


def test_two_manifests_are_read_together(folder: Path, tmp_path: Path) -> None:
    write_csv(folder, "file,url", "a.txt,https://www.163.com/dy/article/A1.html")
    (folder / "manifest.json").write_text(json.dumps({"b.txt": "https://zhidao.baidu.com/question/2.html",
                                                      "a.txt": "https://x.example.org/other"}), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    res = run_etl(folder, db, workers=1)
    assert res.files_loaded == 3 and res.files_seen == 3
    assert dict(rows(db, "SELECT source_path, source_type FROM articles")) == {
        "a.txt": "other", "b.txt": "social_qa", "sub/c.txt": "other"}   # a.txt: two addresses, so none
    [(name, detail)] = rows(db, "SELECT source_path, detail FROM quarantine")
    assert name == "manifest.json" and "entry 2: a.txt: another address than manifest.csv line 2" in detail
