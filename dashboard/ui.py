"""Streamlit helpers shared by the pages: the runner, tables, the freshness panel, safe text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import queries, render, settings, shaping
from warehouse.db import version


def db() -> Path:
    return settings.db_path()


def runner() -> queries.Runner:
    return queries.cached_runner(db())


def table(frame: pd.DataFrame, key: str | None = None, **kwargs: object) -> None:
    """A dataframe: document text in it is drawn as text on a canvas, never as HTML."""
    st.dataframe(frame, hide_index=True, width="stretch", key=key, **kwargs)


def text_html(text: str | None, tag: str = "div", style: str = "") -> None:
    """Show a string from the warehouse as escaped HTML (not markdown, which would interpret it)."""
    assert tag.isalnum()
    st.html(f'<{tag} class="sw-text" style="{render.escape(style)}">{render.escape(text)}</{tag}>')


@st.cache_data(ttl=10, show_spinner=False)
def _newest_seed_mtime(seeds: str) -> dt.datetime | None:
    return settings.newest_seed_mtime(Path(seeds))


def freshness_status(fresh: pd.DataFrame) -> shaping.Freshness:
    row = fresh.iloc[0].to_dict() if not fresh.empty else {}
    seeds = settings.seeds_path()
    disk = _newest_seed_mtime(str(seeds)) if seeds is not None and seeds.is_dir() else None
    return shaping.freshness(row, disk, seeds is not None)


def freshness_panel(fresh: pd.DataFrame) -> shaping.Freshness:
    """Last refresh, its status, the newest seed change it saw, and whether the warehouse is behind."""
    status = freshness_status(fresh)
    row = fresh.iloc[0].to_dict() if not fresh.empty else {}
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Last successful refresh", shaping.fmt_ts(status.last_success_at))
    run_status = row.get("last_run_status") or "—"
    c2.metric("Last run", f"#{row.get('last_run_id')} {run_status}" if row.get("last_run_id") is not None else "—",
              help=f"Finished {shaping.fmt_ts(row.get('last_run_finished_at'))}")
    c3.metric("Newest seed change at last refresh", shaping.fmt_ts(status.recorded_newest))
    c4.metric("Newest seed change on disk", shaping.fmt_ts(status.disk_newest))
    if status.status == "behind":
        st.warning(status.message, icon=":material/schedule:")
    elif status.status == "up_to_date":
        st.success(status.message, icon=":material/check_circle:")
    else:
        st.info(status.message, icon=":material/info:")
    if run_status == "failed":
        st.error(f"The last run failed: {row.get('last_run_message')}", icon=":material/error:")
    return status


def sidebar(db_path: Path) -> None:
    v = version(db_path)
    st.session_state["_rendered_version"] = v
    with st.sidebar:
        st.caption(f"Warehouse: `{db_path}`")
        if v is not None:
            published = dt.datetime.fromtimestamp(v.mtime_ns / 1e9, tz=dt.UTC)
            st.caption(f"Published {published:%Y-%m-%d %H:%M:%S} UTC")
        _watch_version(str(db_path))


@st.fragment(run_every=5)
def _watch_version(db_path: str) -> None:
    """Rerun the app when the ETL publishes a new warehouse, so a refresh shows by itself."""
    if version(db_path) != st.session_state.get("_rendered_version"):
        st.rerun(scope="app")
