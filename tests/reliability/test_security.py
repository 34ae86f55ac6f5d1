"""Security and data-safety findings of issue 11, each reproduced (the numbers are the issue's).

Findings 8, 9 and 10 (exit 3, the mass-delete guard, the failed-run record) are covered
with the run code in tests/reliability/test_run_guards.py.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.load.discover import discover
from etl.load.run import run_etl
from etl.refresh.fingerprint import Tracker, scan
from tests.conftest import ROOT, SEEDS
from tests.reliability.helpers import assert_integrity, cli_env
from tests.test_dashboard_browser import browser  # noqa: F401  (fixture)
from warehouse.db import reading

pytestmark = pytest.mark.reliability

# Hang detectors, not speed checks: what each test asserts is which limit stopped a query or that a
# command refused a file; these bounds only catch a wait that never ends (an extension download, a
# query the console failed to stop), with room for a machine busy with other work.
HANG_S = 90

SENTENCE = "干细胞治疗糖尿病的临床研究仍在进行，目前尚无确切证据表明其安全有效。"


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120,
        **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, env=env or cli_env(),
                          capture_output=True, text=True, timeout=timeout, check=False, **kw)  # type: ignore[call-overload]


def tables(db: Path) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """articles (source_path -> main_text) and quarantine (source_path -> (reason, detail))."""
    with reading(db) as con:
        arts = dict(con.execute("SELECT source_path, main_text FROM articles").fetchall())
        quar = {r[0]: (r[1], r[2]) for r in con.execute("SELECT source_path, reason, detail FROM quarantine").fetchall()}
    return arts, quar


# -- 1. links to files outside the seeds folder ---------------------------------------------------


def test_1_links_outside_the_seeds_folder_are_never_read(tmp_path: Path) -> None:
    secret_text = f"SECRET-{os.getpid()} 这是一段不应公开的文字。{SENTENCE}"
    secret = tmp_path / "secret.txt"
    secret.write_text(secret_text, encoding="utf-8")
    seeds = tmp_path / "seeds"
    (seeds / "sub").mkdir(parents=True)
    (seeds / "own.txt").write_text(f"院内文章\n\n{SENTENCE}", encoding="utf-8")
    (seeds / "up.txt").symlink_to("../secret.txt")                 # relative, escaping
    (seeds / "abs.txt").symlink_to(secret)                           # absolute
    (seeds / "sub" / "deep.txt").symlink_to("../../secret.txt")     # from a subfolder
    (seeds / "inside.txt").symlink_to("own.txt")                     # inside: followed
    (seeds / "sub" / "back.txt").symlink_to("../own.txt")
    (seeds / "outdir").symlink_to(tmp_path)                          # a folder outside
    (seeds / "loop.txt").symlink_to("loop.txt")                      # loop: refused as before
    db = tmp_path / "w.duckdb"
    res = run_etl(seeds, db, workers=1)
    assert res.status == "success"
    assert_integrity(db)
    arts, quar = tables(db)
    for name in ("up.txt", "abs.txt", "sub/deep.txt", "outdir"):
        assert quar.get(name, ("",))[0] == "outside_seeds", (name, quar)
    assert quar["loop.txt"][0] == "unreadable"
    assert set(arts) == {"own.txt", "inside.txt", "sub/back.txt"}
    with reading(db) as con:
        leaked = con.execute("SELECT count(*) FROM documents WHERE raw_text LIKE ?", [f"%SECRET-{os.getpid()}%"]).fetchone()[0]
        leaked += con.execute("SELECT count(*) FROM articles WHERE main_text LIKE ?", [f"%SECRET-{os.getpid()}%"]).fetchone()[0]
    assert leaked == 0
    # the scheduler's scan mirrors discover: it sees no change right after the run
    snap = scan(seeds)
    assert set(snap) == {f.rel for f in discover(seeds)}
    tracker = Tracker(seeds, db, settle_seconds=0)
    assert not tracker.check().changes, tracker.check().changes.describe()


def test_1_a_link_retargeted_outside_after_loading_is_dropped(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "own.txt").write_text(f"院内文章\n\n{SENTENCE}", encoding="utf-8")
    (seeds / "link.txt").symlink_to("own.txt")
    db = tmp_path / "w.duckdb"
    run_etl(seeds, db, workers=1)
    assert "link.txt" in tables(db)[0]
    (tmp_path / "secret.txt").write_text(f"SECRET {SENTENCE}", encoding="utf-8")
    (seeds / "link.txt").unlink()
    (seeds / "link.txt").symlink_to(tmp_path / "secret.txt")
    tracker = Tracker(seeds, db, settle_seconds=0)
    assert "link.txt" in tracker.check().changes.changed
    run_etl(seeds, db, workers=1)
    arts, quar = tables(db)
    assert "link.txt" not in arts and quar["link.txt"][0] == "outside_seeds"


# -- 11. two names that differ only by an undecodable byte vs its escaped text --------------------


def test_11_escaped_name_and_undecodable_byte_are_both_accounted_for(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "caf\\xe9.txt").write_text(f"字面上的反斜杠\n\n{SENTENCE}", encoding="utf-8")
    with open(os.path.join(os.fsencode(seeds), b"caf\xe9.txt"), "wb") as fh:
        fh.write(f"名字不是 UTF-8\n\n{SENTENCE}".encode())
    db = tmp_path / "w.duckdb"
    res = run_etl(seeds, db, workers=1)
    assert res.status == "success"
    arts, quar = tables(db)
    assert "caf\\xe9.txt" in arts
    assert quar.get("caf\\xe9.txt (undecodable name 2)", ("",))[0] == "bad_file_name", quar
    assert len(arts) + len(quar) == 2
    assert set(scan(seeds)) == set(arts) | set(quar)
    res = run_etl(seeds, db, workers=1)
    assert res.files_loaded == 0 and res.files_removed == 0


# -- 2. the dashboard listens on 127.0.0.1 unless told otherwise; 11: SIGTERM stops Streamlit ----


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> set[str]:
    """Local addresses (hex, as in /proc/net/tcp*) with a socket listening on ``port``."""
    out = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(FileNotFoundError), open(table) as fh:
            for line in list(fh)[1:]:
                local, state = line.split()[1], line.split()[3]
                addr, p = local.rsplit(":", 1)
                if state == "0A" and int(p, 16) == port:
                    out.add(addr)
    return out


def _children(pid: int) -> list[int]:
    """Child processes of ``pid``, started by any of its threads."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            out += [int(c) for c in (task / "children").read_text().split()]
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _start_dashboard(db: Path, port: int, *extra: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "dashboard", "--db", str(db), "--port", str(port), *extra],
                            cwd=ROOT, env=env or cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not _listening(port):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the dashboard did not start listening"
        time.sleep(0.3)
    return proc


@pytest.mark.slow
def test_2_and_11_dashboard_binds_loopback_and_stops_on_sigterm(seeded_db: Path) -> None:
    port = _free_port()
    proc = _start_dashboard(seeded_db, port)
    try:
        assert _listening(port) == {"0100007F"}, "the dashboard must listen on 127.0.0.1 only"
        streamlit = _children(proc.pid)
        assert streamlit
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
        deadline = time.monotonic() + 15
        while any(_alive(p) for p in streamlit) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(p) for p in streamlit), "Streamlit kept serving after SIGTERM"
        assert not _listening(port)
    finally:
        for p in [proc.pid, *_children(proc.pid)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(p, signal.SIGKILL)
        proc.wait()


@pytest.mark.slow
def test_2_another_address_is_opt_in_and_warns(seeded_db: Path) -> None:
    port = _free_port()
    env = {**cli_env(), "STEMWATCH_ADDRESS": "0.0.0.0"}
    proc = _start_dashboard(seeded_db, port, env=env)
    try:
        assert _listening(port) == {"00000000"}
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert "no login" in err
    assert proc.returncode == 0


# -- 3. --db must be missing or a stemwatch warehouse; no extension is ever fetched or loaded -----


def _foreign(kind: str, path: Path) -> None:
    if kind == "text":
        path.write_text("my notes, not a warehouse\n", encoding="utf-8")
    elif kind == "sqlite":
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE t (a)")
        con.execute("INSERT INTO t VALUES (1)")
        con.commit()
        con.close()
    elif kind == "duckdb":
        con = duckdb.connect(str(path))
        con.execute("CREATE TABLE t AS SELECT 42 AS a")
        con.close()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "folder":
        path.mkdir()
        (path / "keep.txt").write_text("x", encoding="utf-8")


def _fingerprint(path: Path) -> object:
    if path.is_dir():
        return sorted((p.name, p.read_bytes()) for p in path.iterdir())
    return path.read_bytes()


@pytest.mark.parametrize("kind", ["text", "sqlite", "duckdb", "empty", "folder"])
def test_3_a_db_that_is_not_a_warehouse_is_refused_and_left_untouched(kind: str, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(f"标题\n\n{SENTENCE}", encoding="utf-8")
    db = tmp_path / "target.db"
    _foreign(kind, db)
    before = _fingerprint(db)
    for args in (["etl", "--seeds", str(seeds)], ["status"], ["sql", "SELECT 1"], ["export", str(tmp_path / "out")],
                 ["lexicon", "check"], ["schedule", "--seeds", str(seeds)], ["dashboard"], ["up", "--seeds", str(seeds)]):
        t0 = time.monotonic()
        r = cli(*args, "--db", str(db), timeout=60)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr and "error:" in r.stderr, r.stderr
        assert "not a" in r.stderr or "is a folder" in r.stderr, r.stderr
        assert time.monotonic() - t0 < HANG_S, "no extension download or wait"
        assert _fingerprint(db) == before, f"{args[0]} changed the file"
    assert not list(tmp_path.glob(".target.db*")) and not (tmp_path / "target.db.wal").exists()


def test_3_our_connections_never_install_or_load_extensions(seeded_db: Path, tmp_path: Path) -> None:
    from dashboard.safe_sql import open_sandbox
    from warehouse.db import connect_read_only, open_for_build
    from warehouse.guard import NotAWarehouse, check_magic

    settings = "SELECT current_setting('autoinstall_known_extensions'), current_setting('autoload_known_extensions')"
    for con in (connect_read_only(seeded_db), open_for_build(tmp_path / "b.duckdb"), open_sandbox(seeded_db)):
        try:
            assert con.execute(settings).fetchone() == (False, False)
        finally:
            con.close()
    lite = tmp_path / "lite.db"
    _foreign("sqlite", lite)
    with pytest.raises(NotAWarehouse, match="SQLite"):
        check_magic(lite)
    with pytest.raises(NotAWarehouse, match="SQLite"):
        connect_read_only(lite)    # refused before DuckDB sees it (it would try to load sqlite_scanner)


# -- 4. console limits a query cannot escape -------------------------------------------------------

ESCAPES = [
    "SELECT length(repeat('x',1000000000))",
    "SELECT list_sort(list_reverse(range(30000000)))[1]",
    "SELECT unnest(range(1000000000))",
]


def _vm(field: str, pid: int | str = "self") -> int:
    """A /proc/<pid>/status memory figure in bytes (VmRSS, VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise AssertionError(field)


def _limit_bytes() -> int:
    from dashboard import safe_sql

    return int(safe_sql.MEMORY_LIMIT.rstrip("GB")) * 2**30


def test_4_console_limits_hold_against_the_escaping_queries(seeded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The real function: each query stops within twice the time limit, says which limit, and the
    calling process (the dashboard's) grows by far less than the memory limit plus 500 MB."""
    from dashboard import safe_sql

    budget = _limit_bytes() + 500 * 2**20
    # VmHWM is the peak over the process's life: earlier tests in the same pytest process (large
    # files) may have set it. Reset it (Linux clear_refs 5) so it measures these queries only.
    Path("/proc/self/clear_refs").write_text("5")
    rss0 = _vm("VmRSS")
    figures = []
    for sql in ESCAPES:
        t0 = time.monotonic()
        with pytest.raises(safe_sql.ConsoleLimit) as info:
            safe_sql.run_console_query(seeded_db, sql)
        took = time.monotonic() - t0
        peak = _vm("VmHWM")
        figures.append(f"{sql}: stopped by {info.value.limit} after {took:.1f} s; caller peak RSS {peak / 2**20:.0f} MB")
        assert took < HANG_S, figures[-1]   # stopped at all (the limit it names is the check)
        assert info.value.limit in ("time", "memory"), figures[-1]
        assert peak - rss0 < 500 * 2**20 and peak < budget, figures[-1]
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    figures.append(f"largest console child peak RSS {child / 2**20:.0f} MB (address space capped at "
                   f"{safe_sql.CHILD_ADDRESS_SPACE / 2**30:g} GiB)")
    with capsys.disabled():
        print("\n" + "\n".join(figures))
    # a result too large to draw is refused with its own limit; an ordinary query still works after
    with pytest.raises(safe_sql.ConsoleLimit) as info:
        safe_sql.run_console_query(seeded_db, "SELECT repeat('x', 100000) AS s FROM range(2000)", 5000)
    assert info.value.limit == "result" and "result" in str(info.value)
    assert safe_sql.run_console_query(seeded_db, "SELECT count(*) AS n FROM articles").frame["n"].iloc[0] == 5


def test_4_and_6_the_console_page_says_which_limit_and_stays_usable(seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("STEMWATCH_DB", str(seeded_db))
    monkeypatch.delenv("STEMWATCH_SEEDS", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60).run()
    at.switch_page("views/sql_console.py").run()
    stopped = ("time limit", "memory limit")   # which comes first depends on the machine's load
    for sql, words in ((ESCAPES[0], stopped), (ESCAPES[1], stopped), ("UPDATE EXTENSIONS", ("Refused",)),
                       ("SELECT 1; SELECT 2", ("Refused",))):
        at.text_area(key="sql_text").input(sql)
        at.button[0].click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert any(word in w.value for w in at.warning for word in words), (sql, [w.value for w in at.warning])
        assert any(c.value.strip() for c in at.code), "the message is shown as plain text"
    at.text_area(key="sql_text").input("SELECT count(*) AS n FROM articles")
    at.button[0].click().run()
    assert not at.exception and not at.warning
    assert at.get_by_key("sql_result_table").dataframe[0].value["n"].iloc[0] == 5


# -- 6. error text is plain text -----------------------------------------------------------------

BEACON_TITLE = "![b](http://127.0.0.1:{port}/beacon.png)"


def _titled(title: str, sentences: int = 1) -> str:
    """A page whose title is stated in front matter (JSON string syntax is valid YAML), so the
    title rules cannot decline it: the hostile text is the page's title whatever it looks like."""
    return f"---\ntitle: {json.dumps(title)}\n---\n\n" + f"{SENTENCE}\n" * sentences


def _hostile_seeds(folder: Path, port: int = 9) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "beacon.txt").write_text(_titled(BEACON_TITLE.format(port=port), 2), encoding="utf-8")
    (folder / "formula.txt").write_text(_titled('=HYPERLINK("http://example.invalid/?q","点我")'), encoding="utf-8")
    (folder / "plus.txt").write_text(_titled("+1 干细胞"), encoding="utf-8")
    (folder / "term.txt").write_text(_titled("Evil \x1b]0;pwned\x07\x1b[2J title\u202e"), encoding="utf-8")
    (folder / "name\x1b[31m\rforged.txt").write_bytes(b"")           # quarantined: empty, odd name
    return folder


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("hostile")
    seeds = _hostile_seeds(d / "seeds")
    db = d / "w.duckdb"
    res = run_etl(seeds, db, workers=1)
    assert res.files_loaded == 4, res.quarantined_now
    return db


def test_6_a_title_quoted_in_an_error_is_never_markdown(hostile_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("STEMWATCH_DB", str(hostile_db))
    monkeypatch.delenv("STEMWATCH_SEEDS", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60).run()
    at.switch_page("views/sql_console.py").run()
    at.text_area(key="sql_text").input("SELECT CAST(title AS INTEGER) FROM articles WHERE title LIKE '![b]%'")
    at.button[0].click().run()
    assert not at.exception
    assert any("![b](" in c.value for c in at.code), "the error (with the title) is shown as code"
    markdown_like = [*at.error, *at.warning, *at.info, *at.markdown, *at.caption]
    assert not any("![b](" in m.value or "beacon.png" in m.value for m in markdown_like)


# -- 7. stemwatch sql is read-only ---------------------------------------------------------------


@pytest.mark.parametrize("sql", [
    "ATTACH '{other}' AS o (READ_WRITE)",
    "COPY articles TO '{out}'",
    "COPY (SELECT 1) TO '{out}'",
    "EXPORT DATABASE '{dir}'",
    "INSTALL sqlite",
    "LOAD sqlite",
    "SET enable_external_access = true",
    "PRAGMA threads = 1",
    "UPDATE EXTENSIONS",
    "CREATE TEMP TABLE t AS SELECT 1",
    "DELETE FROM articles",
    "CALL pragma_version()",
    "SELECT 1; ATTACH '{other}' AS o",
])
def test_7_stemwatch_sql_refuses_anything_but_reading(sql: str, seeded_db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t AS SELECT 1 AS a")
    con.close()
    before = (other.read_bytes(), seeded_db.read_bytes())
    out, folder = tmp_path / "leak.csv", tmp_path / "dump"
    r = cli("sql", sql.format(other=other, out=out, dir=folder), "--db", str(seeded_db))
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and r.stderr.startswith("error:"), r.stderr
    assert not out.exists() and not folder.exists()
    assert (other.read_bytes(), seeded_db.read_bytes()) == before


def test_7_the_attack_from_the_review_no_longer_deletes_rows(seeded_db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t AS SELECT * FROM range(3)")
    con.close()
    cli("sql", f"ATTACH '{other}' AS o (READ_WRITE); DELETE FROM o.t", "--db", str(seeded_db))
    cli("sql", f"SELECT * FROM read_csv('{other}')", "--db", str(seeded_db))
    with duckdb.connect(str(other), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM t").fetchone()[0] == 3


@pytest.mark.parametrize("sql", [
    "SELECT count(*) FROM articles",
    "WITH a AS (SELECT source_type FROM articles) SELECT DISTINCT * FROM a",
    "FROM articles SELECT title LIMIT 1",
    "EXPLAIN SELECT count(*) FROM articles",
    "DESCRIBE articles",
    "SHOW TABLES",
    "SUMMARIZE SELECT main_chars FROM articles",
    "PIVOT articles ON source_type USING count(*) GROUP BY format",
])
def test_7_read_only_statements_still_run(sql: str, seeded_db: Path) -> None:
    r = cli("sql", sql, "--db", str(seeded_db), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)


def test_7_one_statement_checker_for_console_and_cli() -> None:
    from dashboard import safe_sql
    from warehouse import statements

    assert safe_sql.ConsoleRefused is statements.Refused
    assert not hasattr(safe_sql, "check_statement") or safe_sql.check_statement is statements.check_statement
    cli_source = (ROOT / "app" / "cli.py").read_text(encoding="utf-8")
    assert "from warehouse.statements import" in cli_source and "_REFUSALS" not in cli_source


# -- 11. the smaller findings --------------------------------------------------------------------


def test_11_a_latin1_file_is_not_read_as_cp775(tmp_path: Path) -> None:
    from etl.extract.decode import decode_bytes

    text = ("Café crème, naïve façade: résumé of the stem-cell débâcle. Les cellules souches à Genève "
            "coûtent très cher, et l'efficacité n'est pas prouvée.\n") * 3
    d = decode_bytes(text.encode("latin-1"))
    assert d.text == text and d.encoding in ("cp1252", "latin-1"), d.encoding
    # a page in another script is still read with its own encoding, never as Latin mojibake
    big5 = ("幹細胞治療糖尿病的臨床研究仍在進行，目前尚無確切證據表明其安全有效。\n" * 3).encode("big5")
    assert decode_bytes(big5).text.startswith("幹細胞")


@pytest.fixture()
def small_mount(tmp_path: Path):
    """Small tmpfs mounts (read-only, or tiny) for disk failures; skipped where mounting is not allowed."""
    mounted: list[Path] = []

    def make(options: str) -> Path:
        mnt = tmp_path / f"mnt{len(mounted)}"
        mnt.mkdir()
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mnt)],
                           capture_output=True, text=True, check=False)
        if r.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")
        mounted.append(mnt)
        return mnt

    yield make
    for m in mounted:
        subprocess.run(["umount", "-l", str(m)], check=False)


@pytest.mark.parametrize("args", [
    ["schedule", "--interval", "inf"],
    ["schedule", "--interval", "nan"],
    ["schedule", "--cron", "0 3 31 2 *"],
    ["up", "--interval", "inf"],
    ["up", "--cron", "0 3 31 2 *"],
    ["sql", "SELECT 1", "--limit", "-1"],
    ["lexicon", "check", "--limit", "-1"],
    ["etl", "--db", "{folder}"],
    ["status", "--db", "{folder}"],
])
def test_11_clean_messages_not_tracebacks(args: list[str], seeded_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "a_folder"
    folder.mkdir()
    args = [a.format(folder=folder) for a in args]
    extra = [] if "--db" in args else ["--db", str(seeded_db)]
    if args[0] in ("schedule", "up", "etl"):
        extra += ["--seeds", str(SEEDS)]
    r = cli(*args, *extra, timeout=60)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and "error" in r.stderr, r.stderr


def test_11_unwritable_folder_and_full_disk_give_clean_messages(small_mount, tmp_path: Path) -> None:
    ro = small_mount("ro,size=1m")
    r = cli("etl", "--seeds", str(SEEDS), "--db", str(ro / "w.duckdb"))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "read-only" in r.stderr, r.stderr
    r = cli("export", str(ro / "out"), "--db", str(_copy_db(tmp_path)))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "Read-only" in r.stderr, r.stderr
    full = small_mount("size=300k")
    r = cli("etl", "--seeds", str(SEEDS), "--db", str(full / "w.duckdb"))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "no space left" in r.stderr, r.stderr


def _copy_db(tmp_path: Path) -> Path:
    db = tmp_path / "copy.duckdb"
    if not db.exists():
        run_etl(SEEDS, db, workers=1)
    return db


@pytest.mark.parametrize("after", ["command sql started", "running the query"])
def test_11_ctrl_c_in_stemwatch_sql_exits_130(seeded_db: Path, after: str) -> None:
    """Ctrl-C ends `stemwatch sql` with 130 and no traceback wherever it lands: just after the
    command starts (in the warehouse check, the open or the settings: DuckDB turned it into a
    "Query interrupted" traceback there) or once the long query runs. The signal is sent when
    the verbose log says the command got that far, not after a fixed sleep.

    The child starts with SIGINT at its default, as from a terminal. Otherwise it inherits how
    the suite was started: `make test &` from a script ignores SIGINT, the child ignored it too
    (as it should), and the test once waited 30 s for a query that was never interrupted."""
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "-v", "sql",
                             "SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3",
                             "--db", str(seeded_db)], cwd=ROOT, env=cli_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines: list[str] = []
    reached = threading.Event()

    def read() -> None:
        for line in proc.stderr:
            lines.append(line)
            if after in line:
                reached.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert reached.wait(120), ("never logged", after, lines, proc.poll())
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    reader.join(10)
    err = "".join(lines)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.rstrip().endswith("interrupted"), err


def _no_controls(text: str) -> None:
    for ch in ("\x1b", "\x07", "\r", "\u202e"):
        assert ch not in text, (ch, text[:2000])


def test_11_control_characters_never_reach_the_terminal(hostile_db: Path, tmp_path: Path) -> None:
    seeds = _hostile_seeds(tmp_path / "seeds")
    r = cli("etl", "--seeds", str(seeds), "--db", str(tmp_path / "w.duckdb"))
    assert r.returncode == 0, r.stderr
    assert "name\\e[31m\\rforged.txt" in r.stdout          # the quarantined name, escaped
    _no_controls(r.stdout + r.stderr)
    r = cli("status", "--db", str(hostile_db))
    _no_controls(r.stdout + r.stderr)
    for fmt in ("table", "csv", "json"):
        r = cli("sql", "SELECT title, source_path FROM articles", "--db", str(hostile_db), "--format", fmt)
        assert r.returncode == 0, r.stderr
        if fmt == "table":
            _no_controls(r.stdout)
            assert "Evil \\e]0;pwned\\x07\\e[2J title\\u202e" in r.stdout
        elif fmt == "json":
            _no_controls(r.stdout)
            assert any(row["title"].startswith("Evil \x1b]0;pwned") for row in json.loads(r.stdout))  # same value
    r = cli("status", "--db", str(hostile_db), "--format", "json")
    _no_controls(r.stdout)


def test_11_csv_exports_neutralise_formulas(hostile_db: Path, tmp_path: Path) -> None:
    r = cli("export", str(tmp_path / "out"), "--format", "csv", "--db", str(hostile_db))
    assert r.returncode == 0, r.stderr
    with (tmp_path / "out" / "articles.csv").open(encoding="utf-8", newline="") as fh:
        titles = [row["title"] for row in csv.DictReader(fh)]
    assert "'=HYPERLINK(\"http://example.invalid/?q\",\"点我\")" in titles and "'+1 干细胞" in titles
    assert not any(t.startswith(("=", "+", "-", "@")) for t in titles)
    r = cli("sql", "SELECT title FROM articles ORDER BY title", "--db", str(hostile_db), "--format", "csv")
    cells = [row[0] for row in csv.reader(io.StringIO(r.stdout))]
    assert "'=HYPERLINK(\"http://example.invalid/?q\",\"点我\")" in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    # the console's download goes through the same neutraliser
    from dashboard.views import sql_console
    from warehouse.csvsafe import safe_frame

    frame = safe_frame(pd.DataFrame({"title": ["=1+1", "-2", "@SUM(A1)", "ok"], "n": [-1, 2, 3, 4]}))
    assert list(frame["title"]) == ["'=1+1", "'-2", "'@SUM(A1)", "ok"] and list(frame["n"]) == [-1, 2, 3, 4]
    assert "safe_frame(result.frame)" in Path(sql_console.__file__).read_text(encoding="utf-8")


# -- 5. one large article never breaks the Article explorer --------------------------------------

BIG_PARAGRAPH = "糖尿病患者接受干细胞治疗，帕金森病也在研究中。"


@pytest.fixture(scope="module")
def big_article_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The seeds plus one 5 MB article with 160,000 mentions (the review's had 60 MB and 1.58M)."""
    d = tmp_path_factory.mktemp("big")
    seeds = d / "seeds"
    shutil.copytree(SEEDS, seeds)
    lines = ["一篇很长的文章", ""] + [BIG_PARAGRAPH * 20 for _ in range(4000)]
    (seeds / "big.txt").write_text("\n".join(lines), encoding="utf-8")
    db = d / "w.duckdb"
    run_etl(seeds, db, workers=1)
    with reading(db) as con:
        aid = con.execute("SELECT article_id FROM articles WHERE source_path = 'big.txt'").fetchone()[0]
    return db, aid


def test_5_a_large_article_renders_a_bounded_part_with_a_pager(big_article_db: tuple[Path, str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    from dashboard import queries

    db, aid = big_article_db
    with reading(db) as con:
        chars, mentions = con.execute("SELECT length(main_text), (SELECT count(*) FROM disease_mentions WHERE "
                                      "article_id = ?) FROM articles WHERE article_id = ?", [aid, aid]).fetchone()
    assert chars > 10 * queries.TEXT_PART_CHARS and mentions > 100_000
    monkeypatch.setenv("STEMWATCH_DB", str(db))
    monkeypatch.delenv("STEMWATCH_SEEDS", raising=False)
    t0 = time.monotonic()
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60).run()
    at.switch_page("views/articles.py").run()
    at.selectbox[0].set_value(aid).run()
    assert not at.exception, [e.value for e in at.exception]
    assert time.monotonic() - t0 < HANG_S
    main = [h.value for h in at.html if "sw-main-text" in h.value]
    assert len(main) == 1 and len(main[0]) < 2 * 2**20, "the page carries one bounded part of the text"
    first_marks = main[0].count("<mark ")
    assert 0 < first_marks <= queries.PART_MENTIONS
    assert any("showing characters 1–50,000" in c.value for c in at.caption), [c.value for c in at.caption]
    assert at.metric[1].value == f"{mentions}"     # the count is the whole article's
    sent = sum(len(h.value) for h in at.html) + sum(len(str(df.value.to_json())) for df in at.dataframe)
    assert sent < 8 * 2**20, f"{sent / 2**20:.1f} MB sent to the browser"
    # page on: the third part shows other characters, with its own mentions
    pager = at.number_input(key=f"article_part_{aid}")
    assert pager.max == -(-chars // queries.TEXT_PART_CHARS)
    pager.set_value(3).run()
    assert not at.exception
    assert any("showing characters 100,001–150,000" in c.value for c in at.caption)
    assert next(h.value for h in at.html if "sw-main-text" in h.value).count("<mark ") > 0
    last = at.number_input(key=f"article_part_{aid}")
    last.set_value(last.max).run()           # the last, short part
    assert not at.exception


# -- 4 and 6 in the real dashboard, in Chromium ---------------------------------------------------


def _server_pid(port: int) -> int:
    """The `streamlit run` process serving ``port`` (found by its command line)."""
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            with contextlib.suppress(OSError):
                cmd = (proc / "cmdline").read_bytes().split(b"\0")
                if b"streamlit" in b" ".join(cmd) and str(port).encode() in cmd:
                    return int(proc.name)
    raise AssertionError(f"no streamlit process on port {port}")


class _Peak:
    """Samples a process's RSS every 20 ms (and the largest of its children's) while running."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.child_peak = pid, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            with contextlib.suppress(OSError, AssertionError):
                self.peak = max(self.peak, _vm("VmRSS", self.pid))
            for child in _children(self.pid):
                with contextlib.suppress(OSError, AssertionError):
                    self.child_peak = max(self.child_peak, _vm("VmRSS", child))

    def __enter__(self) -> _Peak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@pytest.mark.browser
@pytest.mark.slow
def test_4_and_6_console_limits_and_plain_errors_in_chromium(browser, tmp_path: Path,  # noqa: F811
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    import http.server

    from tests.test_dashboard_browser import Tab, serving

    hits: list[str] = []

    class Beacon(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    beacon = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Beacon)
    threading.Thread(target=beacon.serve_forever, daemon=True).start()
    seeds = _hostile_seeds(tmp_path / "seeds", port=beacon.server_address[1])
    db = tmp_path / "w.duckdb"
    run_etl(seeds, db, workers=1)
    budget = _limit_bytes() + 500 * 2**20
    figures = []
    try:
        with serving(db, tmp_path / "server.log") as base:
            pid = _server_pid(int(base.rsplit(":", 1)[1]))
            tab = Tab(browser, base)
            tab.open("sql")
            area = tab.page.locator(".st-key-sql_text textarea")
            for sql in ESCAPES:
                area.fill("SELECT 1 AS one")          # clear the previous message first
                tab.page.get_by_role("button", name="Run").click()
                tab.settle()
                assert "Stopped by" not in tab.text()
                area.fill(sql)
                with _Peak(pid) as peak:
                    t0 = time.monotonic()
                    tab.page.get_by_role("button", name="Run").click()
                    tab.page.get_by_text(re.compile(r"Stopped by the console's (time|memory) limit")).wait_for(timeout=60_000)
                    took = time.monotonic() - t0
                    tab.settle()
                figures.append(f"{sql}: shown after {took:.1f} s; dashboard process peak RSS {peak.peak / 2**20:.0f} MB, "
                               f"console child peak {peak.child_peak / 2**20:.0f} MB")
                assert took < HANG_S, figures[-1]
                assert peak.peak < budget, figures[-1]
            # the page stays usable
            area.fill("SELECT count(*) AS n FROM articles")
            tab.page.get_by_role("button", name="Run").click()
            tab.settle()
            assert "1 rows in" in tab.text()
            # 6: a title quoted in an error is plain text; the browser fetches nothing
            area.fill("SELECT CAST(title AS INTEGER) FROM articles WHERE title LIKE '![b]%'")
            tab.page.get_by_role("button", name="Run").click()
            tab.settle()
            assert "Query failed" in tab.text() and "beacon.png" in tab.text()
            area.fill("UPDATE EXTENSIONS")
            tab.page.get_by_role("button", name="Run").click()
            tab.settle()
            assert "this kind of statement is not allowed" in tab.text()
            assert tab.page.locator('[data-testid="stException"]').count() == 0
            tab.open("articles")
            tab.page.wait_for_timeout(1000)
            assert not hits, f"the browser fetched {hits}"
            assert not tab.errors and not tab.dialogs
    finally:
        beacon.shutdown()
    with capsys.disabled():
        print("\n" + "\n".join(figures))


@pytest.mark.slow
def test_2_stemwatch_up_binds_loopback(tmp_path: Path) -> None:
    port = _free_port()
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "up", "--seeds", str(seeds), "--db", str(tmp_path / "w.duckdb"),
                             "--port", str(port)], cwd=ROOT, env=cli_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        while not _listening(port):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the dashboard did not start listening"
            time.sleep(0.3)
        assert _listening(port) == {"0100007F"}
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
    assert proc.returncode in (0, 130)
    assert not _listening(port)
