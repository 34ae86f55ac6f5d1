"""The query layer: every query is a file in dashboard/sql/ run with parameters.

Each query runs on its own short-lived read-only connection (so a published refresh is
picked up by the next query and no reader ever holds the file open) and is cached with
``st.cache_data`` keyed on ``warehouse.db.version(path)``: when the ETL publishes a new
file its inode/mtime/size change, the key changes, and the next rerun reads fresh data
without restarting the app.

The page loaders at the bottom (``overview``, ``topic``, ...) are what the pages and the
benchmark call, so the benchmark times exactly the queries a page runs.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import safe_sql, shaping
from warehouse.db import version

SQL_DIR = Path(__file__).with_name("sql")
_INCLUDE = re.compile(r"/\*@include ([\w.]+)\*/")

Runner = Callable[..., pd.DataFrame]

TOP_DISEASES = 15
SENTENCE_LIMIT = 200
SEARCH_LIMIT = 200


@functools.cache
def load_sql(name: str) -> str:
    """Text of dashboard/sql/<name>.sql with its /*@include file.sql*/ fragments inlined."""
    text = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return _INCLUDE.sub(lambda m: (SQL_DIR / m.group(1)).read_text(encoding="utf-8").strip(), text)


def query_names() -> list[str]:
    return sorted(p.stem for p in SQL_DIR.glob("*.sql") if not p.name.startswith("_"))


def execute(con: Any, name: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    return con.execute(load_sql(name), dict(params or {})).df()


def direct_runner(db: Path) -> Runner:
    """Run each query on a fresh read-only connection, no cache (benchmarks, tests)."""

    def run(name: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        with contextlib.closing(safe_sql.open_read_only(db)) as con:
            return execute(con, name, params)

    return run


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(db: str, key: tuple[int, int, int] | None, name: str, params: dict[str, Any]) -> pd.DataFrame:
    del key  # only part of the cache key
    with contextlib.closing(safe_sql.open_read_only(db)) as con:
        return execute(con, name, params)


def cached_runner(db: Path) -> Runner:
    """Run queries through st.cache_data, keyed on the published file's identity."""
    v = version(db)
    key = (v.inode, v.mtime_ns, v.size) if v else None

    def run(name: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        return _cached(str(db), key, name, dict(params or {}))

    return run


# -- page loaders --------------------------------------------------------------------------------


def overview(run: Runner) -> dict[str, pd.DataFrame]:
    return {
        "counts": run("overview_counts"),
        "freshness": run("freshness"),
        "source_types": run("overview_source_types"),
        "top_diseases": run("overview_top_diseases", {"limit": TOP_DISEASES}),
        "quarantine": run("quarantine", {"limit": 50}),
    }


def topic_options(run: Runner) -> dict[str, Any]:
    row = run("topic_options").iloc[0]
    return {
        "source_types": shaping.source_type_order(row["source_types"] if row["source_types"] is not None else []),
        "sites": list(row["sites"]) if row["sites"] is not None else [],
        "mention_types": list(row["mention_types"]) if row["mention_types"] is not None else [],
        "date_min": None if pd.isna(row["date_min"]) else pd.Timestamp(row["date_min"]).date(),
        "date_max": None if pd.isna(row["date_max"]) else pd.Timestamp(row["date_max"]).date(),
        "undated": int(row["undated"]),
    }


def topic(run: Runner, filters: shaping.TopicFilters, focus: shaping.Focus, top_n: int = 20,
          sentence_limit: int = SENTENCE_LIMIT) -> dict[str, pd.DataFrame]:
    """Crossfiltered topic data: each chart is narrowed by the other charts' selections."""
    base = filters.params()
    return {
        "heatmap": run("topic_heatmap", {**base, **focus.params(shaping.HEATMAP_SELECTION), "top_n": top_n}),
        "diseases": run("topic_diseases", {**base, **focus.params(shaping.DISEASE_SELECTION), "limit": TOP_DISEASES}),
        "chapters": run("topic_chapters", {**base, **focus.params(shaping.CHAPTER_SELECTION)}),
        "contexts": run("topic_contexts", {**base, **focus.params()}),
        "sentences": run("topic_sentences", {**base, **focus.params(), "limit": sentence_limit}),
    }


def sources(run: Runner) -> dict[str, pd.DataFrame]:
    return {
        "summary": run("source_type_summary"),
        "sites": run("source_sites", {"limit": 100}),
        "signals": run("source_signals"),
        "timeline": run("source_timeline"),
        "undated": run("source_undated"),
    }


def article_search(run: Runner, q: str = "", source_types: list[str] | None = None) -> pd.DataFrame:
    return run("article_search", {"q": q.strip(), "source_types": list(source_types or []), "limit": SEARCH_LIMIT})


def article(run: Runner, article_id: str) -> dict[str, pd.DataFrame]:
    p = {"article_id": article_id}
    return {
        "meta": run("article_meta", p),
        "sections": run("article_sections", p),
        "mentions": run("article_mentions", p),
        "citations": run("article_citations", p),
        "signals": run("article_signals", p),
        "cut": run("article_cut", p),
    }


def health(run: Runner) -> dict[str, pd.DataFrame]:
    return {
        "freshness": run("freshness"),
        "runs": run("etl_runs", {"limit": 100}),
        "quarantine": run("quarantine", {"limit": 1000}),
        "reasons": run("quarantine_reasons"),
        "candidates": run("lexicon_candidates", {"limit": 500}),
    }


def data_dictionary(run: Runner) -> pd.DataFrame:
    return run("data_dictionary")
