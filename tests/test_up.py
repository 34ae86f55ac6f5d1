"""`stemwatch up` for real: initial load, scheduler and dashboard, then one SIGINT stops all."""

from __future__ import annotations

import signal
import socket
import urllib.request
from pathlib import Path

import pytest

from tests.reliability.helpers import assert_integrity
from tests.schedule_support import (
    Proc,
    alive,
    articles,
    children_of,
    converged,
    edit,
    free_port,
    runs,
    wait_until,
)

pytestmark = [pytest.mark.timeout(180), pytest.mark.slow]


def _http_ok(port: int, path: str = "/_stcore/health") -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def test_up_loads_serves_refreshes_and_stops_with_one_sigint(fresh_seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "wh" / "stemwatch.duckdb"
    port = free_port()
    proc = Proc(["up", "--seeds", str(fresh_seeds), "--db", str(db), "--port", str(port), "--interval", "1"],
                tmp_path, name="up")
    try:
        wait_until(lambda: converged(db, fresh_seeds), 60, "the initial load", proc)
        assert runs(db)[0][5] == "up"
        wait_until(lambda: _http_ok(port), 60, "the dashboard's health endpoint", proc)
        assert _http_ok(port, "/"), "the app page is served"
        kids = wait_until(lambda: children_of(proc.pid), 10, "the dashboard child process", proc)

        target = next(p for p in sorted(fresh_seeds.iterdir()) if p.suffix == ".txt")
        edit(target, "启动之后的修改")
        wait_until(lambda: converged(db, fresh_seeds), 30, "the scheduler inside up to load an edit", proc)
        assert target.name in articles(db)

        proc.signal(signal.SIGINT)
        assert proc.wait(40) == 0
        assert not [k for k in kids if alive(k)], "the dashboard was stopped with us"
        assert not _http_ok(port)
        log = proc.log()
        for line in ("dashboard ready: http://localhost:", "initial load", "SIGINT received", "dashboard stopped"):
            assert line in log, line
    finally:
        proc.close()
    assert_integrity(db)


def test_up_refuses_a_port_in_use(fresh_seeds: Path, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("0.0.0.0", 0))
        s.listen()
        port = s.getsockname()[1]
        proc = Proc(["up", "--seeds", str(fresh_seeds), "--db", str(tmp_path / "w.duckdb"), "--port", str(port)],
                    tmp_path, name="busy")
        try:
            assert proc.wait(30) == 2
            assert f"port {port} is already in use" in proc.log()
        finally:
            proc.close()
    assert not (tmp_path / "w.duckdb").exists()
