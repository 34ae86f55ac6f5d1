"""`stemwatch up`: the initial load, the scheduler and the dashboard in one foreground command.

Order: check the options and the port, start the dashboard (it serves the previous
warehouse, if any, while the load runs and picks up each publish by itself), bring the
warehouse up to date, then start the scheduler. One Ctrl-C (SIGINT) or SIGTERM stops all:
the scheduler first (a run in progress finishes, see etl/refresh/schedule.py), then the dashboard.
The dashboard runs in its own process group, so a terminal's Ctrl-C reaches only us and we
stop it in order; on Linux it is also told to exit if this process dies without cleaning up.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from etl import settings
from etl.errors import ExitCode, StemwatchError
from etl.refresh.schedule import (
    Refresher,
    Service,
    StopRequest,
    check_options,
    quiet_libraries,
)

log = logging.getLogger("stemwatch.up")
dlog = logging.getLogger("stemwatch.dashboard")

READY_TIMEOUT = 90.0      # seconds to wait for the dashboard's health endpoint before saying so
STOP_TIMEOUT = 10.0       # seconds the dashboard gets to exit after SIGTERM before SIGKILL


def port_problem(port: int, address: str = "127.0.0.1") -> str | None:
    """Why the dashboard could not listen on ``address:port`` (checked the way Streamlit binds), or None."""
    if not 0 < port < 65536:
        return f"--port must be between 1 and 65535, not {port}"
    try:
        family = socket.getaddrinfo(address, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as exc:
        return f"--address {address!r} is not an address of this machine: {exc.strerror}"
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((address, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"port {port} is already in use (another dashboard?); pick another with --port or STEMWATCH_PORT"
            return f"cannot listen on port {port}: {exc.strerror}"
    return None


def _exit_with_parent() -> None:
    """Ask Linux to SIGTERM the child when we die (runs in the child between fork and exec)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            ctypes.CDLL(None).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG


class Dashboard:
    """The Streamlit subprocess, its log lines and its readiness."""

    def __init__(self, db: Path, port: int, seeds: Path, address: str = "127.0.0.1") -> None:
        self.db, self.port, self.seeds, self.address = db, port, seeds, address
        self.proc: subprocess.Popen | None = None
        self.ready = threading.Event()

    def start(self) -> None:
        """Start it; call before any other thread exists (the child is set up between fork and exec)."""
        from dashboard.launch import run_dashboard

        os.environ.setdefault("PYTHONUNBUFFERED", "1")   # its lines reach our log as they are written
        self.proc = run_dashboard(self.db, self.port, self.seeds, headless=True, address=self.address, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
                                  errors="replace", bufsize=1, start_new_session=True,
                                  preexec_fn=_exit_with_parent)
        log.info("dashboard starting (pid %d) on port %d", self.proc.pid, self.port)
        threading.Thread(target=self._pump, name="stemwatch-dashboard-log", daemon=True).start()
        threading.Thread(target=self._wait_ready, name="stemwatch-dashboard-ready", daemon=True).start()

    def _pump(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        for line in self.proc.stdout:
            line = line.strip()
            if line:
                dlog.info("%s", line)

    def _wait_ready(self) -> None:
        host = "127.0.0.1" if self.address in ("0.0.0.0", "::", "") else self.address
        url = f"http://{'[' + host + ']' if ':' in host else host}:{self.port}/_stcore/health"
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline and not self.exited():
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        self.ready.set()
                        log.info("dashboard ready: http://localhost:%d", self.port)
                        return
            except OSError:
                pass
            time.sleep(0.3)
        if not self.exited():
            log.warning("dashboard not answering on port %d after %gs", self.port, READY_TIMEOUT)

    def exited(self) -> bool:
        return self.proc is not None and self.proc.poll() is not None

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            log.warning("dashboard did not exit within %gs of SIGTERM: killing it", STOP_TIMEOUT)
            self.kill()
        log.info("dashboard stopped")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)


def run_up(seeds: Path, db: Path, port: int, interval: float, cron: str | None = None,
           address: str = "127.0.0.1") -> int:
    """Serve until SIGINT/SIGTERM; returns 0 on a clean stop, 1 if the dashboard died, 2 for bad usage."""
    seeds, db = Path(seeds), Path(db)
    problem = check_options(seeds, interval, cron) or port_problem(port, address)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return ExitCode.USAGE
    quiet_libraries()
    stop = StopRequest()
    refresher = Refresher(seeds, db, sources=settings.resolve("sources") or None, interval=interval, abort=stop.abort)
    try:
        refresher.force = refresher.stale_build()   # also validates the rules and lexicon files
    except StemwatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.USAGE

    dash = Dashboard(db, port, seeds, address)
    if address not in ("127.0.0.1", "localhost", "::1"):
        log.warning("the dashboard listens on %s and has no login: anyone who can reach it can read the warehouse", address)
    code, aborted = ExitCode.OK, False
    with stop.installed():
        dash.start()
        service = Service(refresher, interval, cron, True, stop)
        service.on_hard_exit.append(dash.kill)
        try:
            loader = threading.Thread(target=_initial_load, args=(refresher,), name="stemwatch-initial-load", daemon=True)
            loader.start()
            stop.wait(poll=lambda: not loader.is_alive() or dash.exited())
            if not stop.stop.is_set() and not dash.exited():
                service.start()
                stop.wait(poll=dash.exited)
            if dash.exited() and not stop.stop.wait(1.0):
                log.error("the dashboard exited with code %s; stopping everything (see its log lines above)",
                          dash.proc.returncode if dash.proc else "?")
                code = 1
            aborted = service.shutdown()
        finally:
            dash.stop()
    log.info("stopped%s", " (a run was aborted before publishing)" if aborted else "")
    return code or (ExitCode.INTERRUPTED if aborted else ExitCode.OK)


def _initial_load(refresher: Refresher) -> None:
    log.info("initial load: bringing %s up to date with %s", refresher.db, refresher.seeds)
    if not refresher.tick("up"):
        log.info("initial load: the warehouse is already up to date")
