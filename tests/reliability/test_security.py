"""Security and data-safety findings of issue 11, each reproduced (the numbers are the issue's).

Findings 8, 9 and 10 (exit 3, the mass-delete guard, the failed-run record) are covered
with the run code in tests/reliability/test_run_guards.py.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl.load.discover import discover
from etl.load.run import run_etl
from etl.refresh.fingerprint import Tracker, scan
from tests.conftest import ROOT
from tests.reliability.helpers import assert_integrity, cli_env
from warehouse.db import reading

pytestmark = pytest.mark.reliability

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
    with contextlib.suppress(FileNotFoundError):
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return []


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
