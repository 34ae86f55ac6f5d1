"""Start the dashboard as a `streamlit run` subprocess (used by `stemwatch dashboard` and `stemwatch up`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from dashboard.settings import DB_ENV, SEEDS_ENV

APP = Path(__file__).with_name("app.py")
ROOT = APP.parent.parent


def dashboard_command(port: int = 8501, headless: bool = True, address: str | None = None,
                      python: str | None = None) -> list[str]:
    """The `python -m streamlit run dashboard/app.py ...` command line."""
    cmd = [
        python or sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.port", str(port),
        "--server.headless", "true" if headless else "false",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",  # the app does not change under a running server
        "--global.developmentMode", "false",
        "--client.toolbarMode", "minimal",  # no "Deploy" button
    ]
    if address:
        cmd += ["--server.address", address]
    return cmd


def dashboard_env(db: Path, seeds: Path | None = None, base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    env[DB_ENV] = str(Path(db).resolve())
    if seeds is not None:
        env[SEEDS_ENV] = str(Path(seeds).resolve())
    else:
        env.pop(SEEDS_ENV, None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    return env


def run_dashboard(db: Path, port: int = 8501, seeds: Path | None = None, headless: bool = True,
                  address: str | None = None, **popen: object) -> subprocess.Popen:
    """Start the dashboard on ``db`` (read-only) and return the running process; the caller stops it."""
    return subprocess.Popen(
        dashboard_command(port, headless, address),
        env=dashboard_env(db, seeds),
        cwd=str(ROOT),
        **popen,  # type: ignore[arg-type]
    )
