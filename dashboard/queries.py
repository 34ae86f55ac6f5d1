"""The query layer: every query is a file in dashboard/sql/ run with parameters.

Queries run on a short-lived read-only cursor per page run (taken only when a query misses
the cache, closed when the page is drawn) on an instance kept open for the published
version (see _Instances), so a published refresh is picked up by the next run. Results are
cached with
``st.cache_data`` keyed on ``warehouse.db.version(path)``: when the ETL publishes a new
file its inode/mtime/size change, the key changes, and the next rerun reads fresh data
without restarting the app.

Fragments: ``/*@include _x.sql*/`` inlines dashboard/sql/_x.sql (fragments may include
fragments). The topic, source and credibility aggregates read the summary tables
(article_concepts, article_stats) that every ETL run maintains (warehouse/summaries.sql).

The page loaders at the bottom (``overview``, ``topic``, ...) are what the pages and the
benchmark call, so the benchmark times exactly the queries a page runs.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import duckdb
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
    """Text of dashboard/sql/<name>.sql with its fragments inlined."""

    def fragment(m: re.Match[str]) -> str:  # a fragment may include others
        return _INCLUDE.sub(fragment, (SQL_DIR / m.group(1)).read_text(encoding="utf-8").strip())

    return _INCLUDE.sub(fragment, (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8"))


def query_names() -> list[str]:
    return sorted(p.stem for p in SQL_DIR.glob("*.sql") if not p.name.startswith("_"))


def execute(con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    return con.execute(load_sql(name), dict(params or {})).df()


class _Instances:
    """One open instance per warehouse path, for the version that is published now.

    Each page run takes its own cursor (a short-lived connection on that instance) and
    closes it when the page is drawn, so runs never share a connection across threads and
    the catalog and buffer pool stay warm between runs. When the ETL publishes, the next
    run opens the new file; the old instance closes once its last cursor is closed.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[str, tuple[object, duckdb.DuckDBPyConnection]] = {}

    def cursor(self, db: Path, key: object) -> duckdb.DuckDBPyConnection:
        with self._lock:
            entry = self._open.get(str(db))
            if entry is None or entry[0] != key:
                entry = (key, safe_sql.open_read_only(db))
                self._open[str(db)] = entry  # the replaced one is closed by GC with its last cursor
            return entry[1].cursor()

    def clear(self) -> None:
        with self._lock:
            self._open.clear()


INSTANCES = _Instances()


class _Connection:
    """A page run's cursor, taken on first use, so a run served from the cache opens nothing."""

    def __init__(self, db: Path, key: object = None, shared: bool = True) -> None:
        self.db, self.key, self.shared = db, key, shared
        self.con: duckdb.DuckDBPyConnection | None = None

    def get(self) -> duckdb.DuckDBPyConnection:
        if self.con is None:
            self.con = INSTANCES.cursor(self.db, self.key) if self.shared else safe_sql.open_read_only(self.db)
        return self.con

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None


def _key(db: Path) -> tuple[int, int, int] | None:
    v = version(db)
    return (v.inode, v.mtime_ns, v.size) if v else None


@contextlib.contextmanager
def direct_runner(db: Path, shared: bool = False) -> Iterator[Runner]:
    """Run queries without the Streamlit cache (benchmarks, tests): on a fresh instance, or
    with ``shared`` on a cursor of the kept-open instance as the app does."""
    conn = _Connection(db, _key(db), shared)
    try:
        yield lambda name, params=None: execute(conn.get(), name, params)
    finally:
        conn.close()


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(db: str, key: tuple[int, int, int] | None, name: str, params: dict[str, Any],
            _conn: _Connection) -> pd.DataFrame:
    del db, key  # only part of the cache key; `_conn` (not hashed) reads that version
    return execute(_conn.get(), name, params)


@contextlib.contextmanager
def cached_runner(db: Path) -> Iterator[Runner]:
    """Run queries through st.cache_data, keyed on the published file's identity."""
    key = _key(db)
    conn = _Connection(db, key)
    try:
        yield lambda name, params=None: _cached(str(db), key, name, dict(params or {}), conn)
    finally:
        conn.close()


# -- page loaders --------------------------------------------------------------------------------


def overview(run: Runner) -> dict[str, Any]:
    return {
        "vocabulary": vocabulary(run),
        "counts": run("overview_counts"),
        "freshness": run("freshness"),
        "source_types": run("overview_source_types"),
        "top_diseases": run("overview_top_diseases", {"limit": TOP_DISEASES}),
        "quarantine": run("quarantine", {"limit": 50}),
    }


def vocabulary(run: Runner) -> shaping.Vocabulary:
    """Values, labels and colours of source types, signal kinds, claim contexts (the vocabulary table)."""
    return shaping.Vocabulary.from_frame(run("vocabulary"))


def topic_options(run: Runner) -> dict[str, Any]:
    row = run("topic_options").iloc[0]
    vocab = vocabulary(run)
    return {
        "vocabulary": vocab,
        "source_types": vocab.order("source_types", row["source_types"] if row["source_types"] is not None else []),
        "sites": list(row["sites"]) if row["sites"] is not None else [],
        "mention_types": list(row["mention_types"]) if row["mention_types"] is not None else [],
        "date_min": None if pd.isna(row["date_min"]) else pd.Timestamp(row["date_min"]).date(),
        "date_max": None if pd.isna(row["date_max"]) else pd.Timestamp(row["date_max"]).date(),
        "undated": int(row["undated"]),
    }


def topic(run: Runner, filters: shaping.TopicFilters, focus: shaping.Focus, top_n: int = 20,
          sentence_limit: int = SENTENCE_LIMIT, sentences: bool | None = None) -> dict[str, Any]:
    """One aggregate for all charts (crossfiltered in memory), and the matching sentences,
    listed (by default) once a filter or a selection narrows the page.

    A chart click changes only ``focus``: the aggregate comes from the cache and only the
    sentence query runs.
    """
    if sentences is None:
        sentences = filters.active or focus.active
    base = filters.params()
    contexts = vocabulary(run).values("claim_contexts")
    views = shaping.topic_views(run("topic_grain", base), focus, contexts, top_n=top_n, top_diseases=TOP_DISEASES)
    views["sentences"] = (run("topic_sentences", {**base, **focus.params(), "limit": sentence_limit})
                          if sentences else None)
    return views


def sources(run: Runner) -> dict[str, Any]:
    return {
        "vocabulary": vocabulary(run),
        "summary": run("source_type_summary"),
        "sites": run("source_sites", {"limit": 100}),
        "signals": run("source_signals"),
        "timeline": run("source_timeline"),
        "undated": run("source_undated"),
    }


def article_search(run: Runner, q: str = "", source_types: list[str] | None = None) -> pd.DataFrame:
    return run("article_search", {"q": q.strip(), "source_types": list(source_types or []), "limit": SEARCH_LIMIT})


# An article is shown in bounded parts: one 60 MB page with 1.58M mentions broke the explorer
# for everyone (Streamlit's MessageSizeError after 40 s, on the default view).
TEXT_PART_CHARS = 50_000     # characters of main text per part
PART_MENTIONS = 5_000        # highlighted mentions per part (and rows in the mentions table)
ROWS_PER_TABLE = 1_000       # citations, signals, cut lines, sections
CELL_CHARS = 2_000           # characters of one table cell


def article(run: Runner, article_id: str, part: int = 0) -> dict[str, Any]:
    """One article, bounded: metadata and counts, part ``part`` (0-based) of its text with the
    mentions inside it, and at most ROWS_PER_TABLE rows of each other table."""
    p = {"article_id": article_id}
    rows = {**p, "limit": ROWS_PER_TABLE, "cell_chars": CELL_CHARS}
    start = max(0, int(part)) * TEXT_PART_CHARS
    text = run("article_text", {**p, "start": start, "chars": TEXT_PART_CHARS})
    return {
        "vocabulary": vocabulary(run),
        "meta": run("article_meta", p),
        "counts": run("article_counts", p),
        "part": {"start": start, "text": "" if text.empty or text.iloc[0, 0] is None else str(text.iloc[0, 0])},
        "sections": run("article_sections", rows),
        "mentions": run("article_mentions", {**p, "start": start, "end": start + TEXT_PART_CHARS, "limit": PART_MENTIONS}),
        "citations": run("article_citations", rows),
        "signals": run("article_signals", rows),
        "cut": run("article_cut", rows),
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


def claims_ready(run: Runner) -> bool:
    """Whether the warehouse has the annotation views (v_claims, v_red_flags, v_credibility)."""
    return bool(run("claims_ready").iloc[0]["ready"])


def claims(run: Runner, filters: shaping.ClaimFilters, top_n: int = 20) -> dict[str, Any]:
    """The claims page's charts and drill-down choices under ``filters``."""
    scope = filters.scope_params()
    reported = {"include_reported": filters.include_reported}
    chrome = {"include_chrome": filters.include_chrome}
    stance = shaping.stance_views(run("claims_stance", {**scope, **reported}), top_n)
    flags = run("claims_red_flags", {**scope, **chrome})
    return {
        "stance": stance["stance"],
        "red_flags": flags,
        "credibility": run("claims_credibility", scope),
        "drill": pd.concat([stance["diseases"], shaping.basis_options(flags)], ignore_index=True),
    }


def claims_by_disease(run: Runner, filters: shaping.ClaimFilters, concept_id: str,
                      limit: int = SENTENCE_LIMIT) -> pd.DataFrame:
    return run("claims_by_disease", {**filters.scope_params(), "include_reported": filters.include_reported,
                                     "concept_id": concept_id, "limit": limit})


def claim_reported_sentence(run: Runner, article_id: str, mention_no: object) -> str | None:
    """The sentence of a claim the page also reports (claims.reported_mention_no), or None."""
    if shaping.missing(mention_no):
        return None
    found = run("claim_reported_sentence", {"article_id": article_id, "mention_no": int(mention_no)})
    return None if found.empty else str(found.iloc[0, 0])


def red_flags_by_basis(run: Runner, filters: shaping.ClaimFilters, basis_id: str,
                       limit: int = SENTENCE_LIMIT) -> pd.DataFrame:
    return run("red_flags_by_basis", {**filters.scope_params(), "include_chrome": filters.include_chrome,
                                      "basis_id": basis_id, "limit": limit})
