"""stemwatch dashboard: wires the pages. Run with `stemwatch dashboard` (see dashboard/launch.py)."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the project root.
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import duckdb  # noqa: E402
import streamlit as st  # noqa: E402

from dashboard import render, settings, ui  # noqa: E402
from warehouse.db import WarehouseMissing  # noqa: E402

PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview", default=True),
    st.Page("views/topics.py", title="Topic coverage", icon=":material/grid_on:", url_path="topics"),
    st.Page("views/sources.py", title="Sources", icon=":material/public:", url_path="sources"),
    st.Page("views/claims.py", title="Claims and red flags", icon=":material/gavel:", url_path="claims"),
    st.Page("views/articles.py", title="Article explorer", icon=":material/article:", url_path="articles"),
    st.Page("views/health.py", title="Data health", icon=":material/monitor_heart:", url_path="health"),
    st.Page("views/sql_console.py", title="SQL console", icon=":material/terminal:", url_path="sql"),
]

st.set_page_config(page_title="stemwatch", page_icon="🧬", layout="wide")


def _missing(db: Path) -> None:
    st.title("stemwatch")
    st.info(
        f"No warehouse at {render.markdown_escape(str(db))} yet. Build it with "
        "`stemwatch etl --seeds seeds --db PATH`; this page shows it as soon as it is published.",
        icon=":material/hourglass_empty:",
    )
    ui.sidebar(db)  # polls, and reruns when the file appears


db = settings.db_path()
if not db.exists():
    _missing(db)
    st.stop()

page = st.navigation(PAGES)
ui.sidebar(db)
try:
    page.run()
except WarehouseMissing:
    _missing(db)
except (duckdb.Error, RuntimeError, ValueError) as exc:
    ui.problem("error", "The warehouse could not be read:", f"{db}\n{type(exc).__name__}: {exc}")
