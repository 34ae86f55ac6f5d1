"""Streamlit helpers shared by the pages: the runner, tables, the freshness panel, safe text."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import queries, render, settings, shaping
from warehouse.db import version

DATE_COLUMNS = {"published_date", "first_published", "last_published", "month"}


def db() -> Path:
    return settings.db_path()


def runner() -> contextlib.AbstractContextManager[queries.Runner]:
    """``with ui.runner() as run:`` — cached queries; at most one connection per page run."""
    return queries.cached_runner(db())


def table(frame: pd.DataFrame, key: str | None = None, **kwargs: object) -> None:
    """A dataframe (document text in it is drawn as text on a canvas, never as HTML), in a
    container keyed ``key`` so tests and the browser can find it (class st-key-<key>)."""
    config = {c: st.column_config.DateColumn(c, format="YYYY-MM-DD") for c in frame.columns if c in DATE_COLUMNS}
    config.update(kwargs.pop("column_config", None) or {})  # type: ignore[arg-type]
    with st.container(key=key) if key else contextlib.nullcontext():
        st.dataframe(frame, hide_index=True, width="stretch", column_config=config, **kwargs)


def problem(level: str, headline: str, detail: object = None, icon: str | None = None) -> None:
    """An error, warning or note: ``headline`` is our own fixed wording; ``detail`` (an
    exception's text, a run message, anything that may quote a title or a file name) is shown
    as plain text in a code block, never as markdown. A title like ``![b](http://host/x.png)``
    quoted in a DuckDB error made the browser fetch the image when passed to ``st.error``."""
    show = {"error": st.error, "warning": st.warning, "info": st.info}[level]
    show(headline, icon=icon or {"error": ":material/error:", "warning": ":material/block:",
                                  "info": ":material/info:"}[level])
    if detail is not None and str(detail).strip():
        st.code(str(detail).strip(), language=None, wrap_lines=True)


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
    run_status = row.get("last_run_status") or "—"
    last_run = f"#{row.get('last_run_id')} {run_status}, finished {shaping.fmt_ts(row.get('last_run_finished_at'))}" \
        if row.get("last_run_id") is not None else "—"
    facts = [
        ("Last successful refresh", shaping.fmt_ts(status.last_success_at)),
        ("Last run", last_run),
        ("Newest seed change at last refresh", shaping.fmt_ts(status.recorded_newest)),
        ("Newest seed change on disk", shaping.fmt_ts(status.disk_newest)),
    ]
    with st.container(key="freshness"):
        for col, (label, value) in zip(st.columns(4), facts, strict=True):
            col.markdown(f"**{label}**  \n{value}")
    if status.status == "behind":
        st.warning(status.message, icon=":material/schedule:")
    elif status.status == "up_to_date":
        st.success(status.message, icon=":material/check_circle:")
    else:
        st.info(status.message, icon=":material/info:")
    if run_status == "failed":
        problem("error", "The last run failed:", row.get("last_run_message"))
    return status


def sidebar(db_path: Path) -> None:
    v = version(db_path)
    st.session_state["_rendered_version"] = v
    with st.sidebar:
        st.caption(f"Warehouse: {render.markdown_escape(str(db_path))}")
        if v is not None:
            published = dt.datetime.fromtimestamp(v.mtime_ns / 1e9, tz=dt.UTC)
            st.caption(f"Published {published:%Y-%m-%d %H:%M:%S} UTC")
        _watch_version(str(db_path))


@st.fragment(run_every=5)
def _watch_version(db_path: str) -> None:
    """Rerun the app when the ETL publishes a new warehouse, so a refresh shows by itself."""
    if version(db_path) != st.session_state.get("_rendered_version"):
        st.rerun(scope="app")
