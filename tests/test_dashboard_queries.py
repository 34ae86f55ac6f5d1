# ruff: noqa: F811  -- fixtures imported from tests.dashboard_support are re-bound as test parameters
"""The query layer on a warehouse built by the real ETL: every query runs, the two ways of
getting the summary rows (derived on the fly, or read from the proposed materialised
tables) give identical results, and the in-memory crossfilter matches SQL."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard import queries, safe_sql, shaping
from tests.dashboard_support import ROOT, dashboard_db, expect, release_warehouses  # noqa: F401
from warehouse import db as wdb

pytestmark = pytest.mark.usefixtures("release_warehouses")


def _without_summaries(src: Path, out: Path, rebuild: bool) -> Path:
    shutil.copyfile(src, out)
    con = duckdb.connect(str(out))
    try:
        con.execute("DROP TABLE article_concepts; DROP TABLE article_stats;")
        if rebuild:
            con.execute(wdb.summary_tables_ddl())
            wdb.rebuild_summaries(con)
    finally:
        con.close()
    return out


@pytest.fixture(scope="module")
def derived_db(dashboard_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeded warehouse without the summary tables: the dashboard derives their rows."""
    return _without_summaries(dashboard_db, tmp_path_factory.mktemp("derived") / "stemwatch.duckdb", False)


@pytest.fixture(scope="module")
def materialised_db(dashboard_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The summary tables rebuilt whole (warehouse.db.rebuild_summaries)."""
    return _without_summaries(dashboard_db, tmp_path_factory.mktemp("materialised") / "stemwatch.duckdb", True)


def test_etl_maintained_summaries_equal_a_whole_rebuild(dashboard_db: Path, materialised_db: Path) -> None:
    for table in ("article_concepts", "article_stats"):
        with contextlib.closing(duckdb.connect(str(dashboard_db), read_only=True)) as a, \
                contextlib.closing(duckdb.connect(str(materialised_db), read_only=True)) as b:
            rows_a = a.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            rows_b = b.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        assert rows_a == rows_b and rows_a, table


def workload(db: Path) -> dict[str, pd.DataFrame]:
    """Every query with representative parameters (filters and a selection included)."""
    out: dict[str, pd.DataFrame] = {}
    with contextlib.closing(safe_sql.open_read_only(db)) as con:
        aid, cid, stype = con.execute("""SELECT article_id, concept_id, source_type FROM disease_mentions
                                         JOIN articles USING (article_id) GROUP BY ALL ORDER BY count(*) DESC,
                                         article_id, concept_id LIMIT 1""").fetchone()
        filters = [shaping.TopicFilters(), shaping.TopicFilters(contexts=("asserted", "negated")),
                   shaping.TopicFilters(source_types=(stype,), include_undated=False)]
        focus = [shaping.Focus(), shaping.Focus(cells=((cid, stype),)), shaping.Focus(concepts=(cid,))]
        for i, f in enumerate(filters):
            out[f"topic_grain[{i}]"] = queries.execute(con, "topic_grain", f.params())
            for j, fo in enumerate(focus):
                out[f"topic_sentences[{i},{j}]"] = queries.execute(
                    con, "topic_sentences", {**f.params(), **fo.params(), "limit": 200})
        for name in ("overview_counts", "overview_source_types", "freshness", "topic_options",
                     "source_type_summary", "source_signals", "source_timeline", "source_undated",
                     "quarantine_reasons", "data_dictionary"):
            out[name] = queries.execute(con, name)
        for name in ("overview_top_diseases", "quarantine", "etl_runs", "lexicon_candidates", "source_sites"):
            out[name] = queries.execute(con, name, {"limit": 100})
        out["article_search"] = queries.execute(con, "article_search", {"q": "", "source_types": [], "limit": 200})
        for name in ("article_meta", "article_counts"):
            out[name] = queries.execute(con, name, {"article_id": aid})
        for name in ("article_sections", "article_citations", "article_signals", "article_cut"):
            out[name] = queries.execute(con, name, {"article_id": aid, "limit": 1000, "cell_chars": 2000})
        out["article_mentions"] = queries.execute(con, "article_mentions",
                                                  {"article_id": aid, "start": 0, "end": 50_000, "limit": 5000})
        out["article_text"] = queries.execute(con, "article_text", {"article_id": aid, "start": 0, "chars": 50_000})
        out["tables"] = pd.DataFrame({"t": sorted(queries.materialised_tables(con))})
    return out


def test_every_query_file_is_exercised(derived_db: Path) -> None:
    ran = {k.split("[")[0] for k in workload(derived_db)}
    assert set(queries.query_names()) <= ran, set(queries.query_names()) - ran


def test_materialised_tables_give_the_same_results_as_deriving(derived_db: Path, dashboard_db: Path) -> None:
    derived, table = workload(derived_db), workload(dashboard_db)
    assert list(derived["tables"]["t"]) == [] and list(table["tables"]["t"]) == ["article_concepts", "article_stats"]
    assert "FROM article_concepts" in queries.load_sql("topic_grain", frozenset({"article_concepts"}))
    assert "FROM disease_mentions" in queries.load_sql("topic_grain", frozenset())
    for name in derived:
        if name in ("tables", "data_dictionary"):
            continue
        pd.testing.assert_frame_equal(derived[name].reset_index(drop=True), table[name].reset_index(drop=True),
                                      check_dtype=False, obj=name)
    assert len(derived["topic_grain[0]"]) > 0 and len(derived["topic_sentences[1,1]"]) > 0


def test_crossfilter_in_memory_matches_sql(dashboard_db: Path) -> None:
    with queries.direct_runner(dashboard_db) as run:
        grain = run("topic_grain", shaping.TopicFilters().params())
    cell = grain.sort_values(["mentions", "concept_id"], ascending=[False, True]).iloc[0]
    views = shaping.topic_views(grain, shaping.Focus(cells=((cell.concept_id, cell.source_type),)))
    chapter = expect(dashboard_db, """SELECT coalesce(d.icd10_chapter, '(no ICD-10 chapter)') AS c, count(*) AS n
        FROM disease_mentions m JOIN articles a USING (article_id) LEFT JOIN diseases d USING (concept_id)
        WHERE m.concept_id = ? AND a.source_type = ? GROUP BY 1""", [cell.concept_id, cell.source_type])
    assert list(views["chapters"]["icd10_chapter"]) == list(chapter["c"])
    assert list(views["chapters"]["mentions"]) == list(chapter["n"])
    assert views["total"] == int(chapter["n"].sum())
    assert list(views["diseases"]["concept_id"]) == [cell.concept_id]
    # the heatmap is not narrowed by its own selection
    assert len(views["heatmap"]) == len(shaping.topic_views(grain, shaping.Focus())["heatmap"])
