"""Helpers for the scheduler tests: the real `stemwatch schedule`/`up` in a subprocess, a
read-only reader in another process, and an oracle for "the warehouse matches the folder"
that hashes the files itself (it does not use etl.refresh.fingerprint, which it checks).

Every wait polls with a deadline; every process started here is killed in ``close()``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from tests.conftest import ROOT, SEEDS
from tests.reliability.helpers import cli_env, expected_paths
from warehouse.db import reading


def copy_seeds_and_db(tmp_path: Path, template_db: Path) -> tuple[Path, Path]:
    """A private seeds folder and a warehouse already in step with it (mtimes kept by copytree)."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "wh" / "stemwatch.duckdb"
    db.parent.mkdir()
    shutil.copyfile(template_db, db)
    return seeds, db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(pred: Callable[[], object], timeout: float, what: str, proc: Proc | None = None,
               step: float = 0.1) -> object:
    """Poll ``pred`` until it returns something truthy; fail with the process log on timeout or exit."""
    deadline = time.monotonic() + timeout
    while True:
        value = pred()
        if value:
            return value
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"process exited ({proc.returncode}) while waiting for {what}\n{proc.log()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}\n{proc.log() if proc else ''}")
        time.sleep(step)


class Proc:
    """A `python -m app.cli ...` subprocess in its own process group, logging to a file.

    ``slow``: seconds every ETL run sleeps inside the run (via tests/slow_cli.py), so a test can
    stop, kill or overlap a run on purpose.
    """

    def __init__(self, args: list[str], tmp_path: Path, env: dict[str, str] | None = None, name: str = "proc",
                 slow: float | None = None) -> None:
        self.log_path = tmp_path / f"{name}.log"
        self._log = open(self.log_path, "w", encoding="utf-8")  # closed in close()
        full_env = {**cli_env(), **(env or {})}
        entry = ["-m", "app.cli"] if slow is None else ["-m", "tests.slow_cli", str(slow)]
        self.p = subprocess.Popen([sys.executable, *entry, *args], cwd=ROOT, env=full_env,
                                  stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                  start_new_session=True)
        self.pid = self.p.pid

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def lines(self, pattern: str) -> list[str]:
        return [ln for ln in self.log().splitlines() if re.search(pattern, ln)]

    def poll(self) -> int | None:
        return self.p.poll()

    @property
    def returncode(self) -> int | None:
        return self.p.returncode

    def signal(self, sig: int) -> None:
        self.p.send_signal(sig)

    def wait(self, timeout: float) -> int:
        try:
            return self.p.wait(timeout)
        except subprocess.TimeoutExpired as exc:
            raise AssertionError(f"process did not exit within {timeout}s\n{self.log()}") from exc

    def close(self) -> None:
        """Stop whatever is left of the process group (never leaves anything running)."""
        try:
            if self.p.poll() is None:
                self.p.terminate()
                try:
                    self.p.wait(15)
                except subprocess.TimeoutExpired:
                    pass
            try:
                os.killpg(self.pid, signal.SIGKILL)   # children included (the group outlives its leader)
            except (ProcessLookupError, PermissionError):
                pass
            if self.p.poll() is None:
                self.p.wait(5)
        finally:
            self._log.close()


def schedule(seeds: Path, db: Path, tmp_path: Path, *extra: str, env: dict[str, str] | None = None,
             name: str = "schedule", slow: float | None = None) -> Proc:
    return Proc(["-v", "schedule", "--seeds", str(seeds), "--db", str(db), "--interval", "1", *extra],
                tmp_path, env, name, slow)


READER = r"""
import json, os, sys, time
import duckdb
db, stop = sys.argv[1], sys.argv[2]
n = errors = torn = 0
messages = []
while not os.path.exists(stop):
    try:
        con = duckdb.connect(db, read_only=True)
        try:
            a, d, sf = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM documents), "
                                   "(SELECT count(*) FROM source_files WHERE status = 'loaded')").fetchone()
            con.execute("SELECT count(*), sum(hash(a)) FROM articles a").fetchone()
            con.execute("SELECT max(run_id) FROM etl_runs").fetchone()
        finally:
            con.close()
        n += 1
        if not (a == d == sf):
            torn += 1
            messages.append(f"inconsistent counts articles={a} documents={d} loaded={sf}")
    except Exception as exc:
        errors += 1
        messages.append(repr(exc)[:300])
    time.sleep(0.01)
print(json.dumps({"queries": n, "errors": errors, "torn": torn, "messages": messages[:5]}))
"""


class Reader:
    """Another process that opens the warehouse read-only and queries it in a loop until stopped."""

    def __init__(self, db: Path, tmp_path: Path) -> None:
        self.stop_file = tmp_path / "reader.stop"
        self.p = subprocess.Popen([sys.executable, "-c", READER, str(db), str(self.stop_file)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)

    def finish(self) -> dict:
        self.stop_file.touch()
        try:
            out, err = self.p.communicate(timeout=20)
        finally:
            if self.p.poll() is None:
                self.p.kill()
                self.p.wait(5)
        assert self.p.returncode == 0, err
        return json.loads(out)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ledger(db: Path) -> dict[str, tuple[str, str]]:
    """source_files as path -> (content_sha256, status); empty if the warehouse cannot be read yet."""
    try:
        with reading(db) as con:
            return {r[0]: (r[1], r[2]) for r in con.execute(
                "SELECT source_path, content_sha256, status FROM source_files").fetchall()}
    except (duckdb.Error, FileNotFoundError, RuntimeError):
        return {}


def converged(db: Path, seeds: Path) -> bool:
    """Every file under seeds is recorded with its current sha256, and nothing else is."""
    want = {rel: sha256(seeds / rel) for rel in expected_paths(seeds)}
    have = ledger(db)
    return set(have) == set(want) and all(have[r][0] == want[r] for r in want)


def runs(db: Path) -> list[tuple]:
    """etl_runs as (run_id, started_at, finished_at, status, mode, trigger_kind, message), oldest first."""
    with reading(db) as con:
        return con.execute("SELECT run_id, started_at, finished_at, status, mode, trigger_kind, message "
                           "FROM etl_runs ORDER BY run_id").fetchall()


def articles(db: Path) -> dict[str, str]:
    with reading(db) as con:
        return dict(con.execute("SELECT source_path, content_sha256 FROM articles").fetchall())


def edit(path: Path, text: str) -> None:
    """Append a line of real Chinese text (the file stays a loadable article)."""
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"\n{text}：干细胞治疗的随访数据仍在收集中。\n")


def children_of(pid: int) -> list[int]:
    """Direct children of ``pid`` (Linux /proc)."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
