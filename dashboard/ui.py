"""Streamlit helpers shared by the pages: the runner, tables, the freshness panel, safe text."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import queries, render, settings, shaping
from etl.refresh.freshness import BEHIND, UP_TO_DATE, Freshness, check
from warehouse.db import version

DATE_COLUMNS = {"published_date", "first_published", "last_published", "month"}


def db() -> Path:
    return settings.db_path()


def runner() -> contextlib.AbstractContextManager[queries.Runner]:
    """``with ui.runner() as run:`` — cached queries; at most one connection per page run."""
    return queries.cached_runner(db())


def table(frame: pd.DataFrame, key: str | None = None, vocab: shaping.Vocabulary | None = None,
          vocabularies: Mapping[str, str] | None = None, readable: bool = True, **kwargs: object) -> None:
    """A dataframe (document text in it is drawn as text on a canvas, never as HTML), in a
    container keyed ``key`` so tests and the browser can find it (class st-key-<key>).

    Headers are readable names (shaping.header) unless ``readable`` is False (a user's own
    query); with ``vocab``, stored values of vocabulary columns (shaping.VOCABULARY_COLUMNS,
    plus ``vocabularies``) show as their labels."""
    if vocab is not None:
        frame = shaping.labelled(frame, vocab, vocabularies)
    name = shaping.header if readable else str
    config: dict[str, object] = {c: st.column_config.Column(name(c)) for c in frame.columns}
    config.update({c: st.column_config.DateColumn(name(c), format="YYYY-MM-DD")
                   for c in frame.columns if c in DATE_COLUMNS})
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


def date_range(col: Any, opts: Mapping[str, Any], key: str) -> tuple[dt.date | None, dt.date | None]:
    """A "Published between" picker over the warehouse's dates (topic_options); the bounds
    picked, None for a bound left at the extreme (so undated articles are not dropped)."""
    if opts["date_min"] is None:
        return None, None
    picked = col.date_input("Published between", value=(opts["date_min"], opts["date_max"]),
                            min_value=opts["date_min"], max_value=opts["date_max"], key=key)
    picked = tuple(picked) if isinstance(picked, (tuple, list)) else (picked,)
    date_from = picked[0] if picked and picked[0] and picked[0] > opts["date_min"] else None
    date_to = picked[1] if len(picked) > 1 and picked[1] and picked[1] < opts["date_max"] else None
    return date_from, date_to


@st.cache_data(ttl=10, show_spinner=False)
def _freshness(db: str, published: tuple | None, seeds: str | None) -> Freshness:
    del published  # part of the cache key only: a new publish is checked again at once
    return check(Path(db), Path(seeds) if seeds else None)


def freshness_status() -> Freshness:
    """The rule `stemwatch status` applies (etl/refresh/freshness.py), on the seeds folder given."""
    seeds = settings.seeds_path()
    v = version(db())
    return _freshness(str(db()), (v.inode, v.mtime_ns, v.size) if v else None, str(seeds) if seeds is not None else None)


def freshness_panel(fresh: pd.DataFrame) -> Freshness:
    """Last refresh, its status, the newest seed change it saw, and whether the warehouse is behind."""
    status = freshness_status()
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
    if status.state == BEHIND:
        st.warning(status.message, icon=":material/schedule:")
    elif status.state == UP_TO_DATE:
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
