# ruff: noqa: F811  -- fixtures imported from tests.dashboard_support are re-bound as test parameters
"""The query layer on a warehouse built by the real ETL: every query runs, the summary tables
the run maintains equal a whole rebuild and agree with the detail tables, and the in-memory
crossfilter matches SQL."""

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


@pytest.fixture(scope="module")
def materialised_db(dashboard_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The summary tables dropped and rebuilt whole (warehouse.db.rebuild_summaries)."""
    out = tmp_path_factory.mktemp("materialised") / "stemwatch.duckdb"
    shutil.copyfile(dashboard_db, out)
    con = duckdb.connect(str(out))
    try:
        con.execute("DROP TABLE article_concepts; DROP TABLE article_stats;")
        con.execute(wdb.summary_tables_ddl())
        wdb.rebuild_summaries(con)
    finally:
        con.close()
    return out


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
        for name in ("overview_counts", "overview_source_types", "freshness", "topic_options", "vocabulary",
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
    return out


def claims_workload(db: Path) -> dict[str, pd.DataFrame]:
    """The claims page's queries, with and without its filters and toggles."""
    out: dict[str, pd.DataFrame] = {}
    with contextlib.closing(safe_sql.open_read_only(db)) as con:
        stype = con.execute("SELECT source_type FROM v_claims GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
        cid = con.execute("SELECT concept_id FROM v_claims GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
        basis = con.execute("SELECT basis_id FROM v_red_flags GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
        out["claims_ready"] = queries.execute(con, "claims_ready")
        aid, mno, want = con.execute("SELECT article_id, reported_mention_no, reported_sentence FROM claims "
                                     "JOIN v_claims USING (article_id, concept_id) "
                                     "WHERE reported_mention_no IS NOT NULL ORDER BY ALL LIMIT 1").fetchone()
        out["claim_reported_sentence"] = queries.execute(con, "claim_reported_sentence",
                                                         {"article_id": aid, "mention_no": mno})
        assert out["claim_reported_sentence"]["sentence"].tolist() == [want]
        for i, f in enumerate([shaping.ClaimFilters(), shaping.ClaimFilters(include_reported=True, include_chrome=True),
                               shaping.ClaimFilters(source_types=(stype,), include_undated=False)]):
            scope = f.scope_params()
            reported, chrome = {"include_reported": f.include_reported}, {"include_chrome": f.include_chrome}
            out[f"claims_stance[{i}]"] = queries.execute(con, "claims_stance", {**scope, **reported})
            out[f"claims_red_flags[{i}]"] = queries.execute(con, "claims_red_flags", {**scope, **chrome})
            out[f"claims_credibility[{i}]"] = queries.execute(con, "claims_credibility", scope)
            out[f"claims_by_disease[{i}]"] = queries.execute(
                con, "claims_by_disease", {**scope, **reported, "concept_id": cid, "limit": 200})
            out[f"red_flags_by_basis[{i}]"] = queries.execute(
                con, "red_flags_by_basis", {**scope, **chrome, "basis_id": basis, "limit": 200})
    return out


def test_every_query_file_is_exercised(dashboard_db: Path) -> None:
    out = workload(dashboard_db) | claims_workload(dashboard_db)
    assert set(queries.query_names()) <= set(k.split("[")[0] for k in out), set(queries.query_names()) - set(out)
    assert len(out["topic_grain[0]"]) > 0 and len(out["topic_sentences[1,1]"]) > 0
    assert all(len(out[f"{name}[1]"]) > 0 for name in ("claims_stance", "claims_red_flags", "claims_credibility",
                                                        "claims_by_disease", "red_flags_by_basis"))
    assert bool(out["claims_ready"].iloc[0, 0])


def test_claims_filters_narrow_to_the_source_type_and_the_toggles_widen(dashboard_db: Path) -> None:
    out = claims_workload(dashboard_db)
    claims = [int(out[f"claims_stance[{i}]"]["claims"].sum()) for i in range(3)]
    assert claims[1] > claims[0] >= claims[2] > 0
    hits = [int(out[f"claims_red_flags[{i}]"]["hits"].sum()) for i in range(3)]
    assert hits[1] > hits[0]
    stype = out["claims_by_disease[2]"]["source_type"]
    assert set(stype) <= set(out["claims_stance[2]"]["source_type"]) and stype.nunique() <= 1
    assert set(out["claims_by_disease[0]"]["voice"]) == {"own"}


def test_signals_from_the_summary_equal_the_detail_rows(dashboard_db: Path) -> None:
    with queries.direct_runner(dashboard_db) as run:
        signals = run("source_signals")
    direct = expect(dashboard_db, """
        SELECT a.source_type, g.kind, count(*) AS signals, count(DISTINCT g.article_id) AS articles
        FROM commercial_signals g JOIN articles a USING (article_id) GROUP BY ALL ORDER BY ALL""")
    got = signals[["source_type", "kind", "signals", "articles"]].sort_values(["source_type", "kind"])
    assert len(direct) > 2
    pd.testing.assert_frame_equal(got.reset_index(drop=True), direct.reset_index(drop=True), check_dtype=False)
    per_type = expect(dashboard_db, "SELECT source_type, count(*) AS n FROM articles GROUP BY ALL")
    n = dict(zip(per_type["source_type"], per_type["n"], strict=True))
    assert all(r.type_articles == n[r.source_type] for r in signals.itertuples())


def test_vocabulary_query_gives_the_data_file(dashboard_db: Path) -> None:
    from etl.knowledge.vocabulary import load_vocabulary

    with queries.direct_runner(dashboard_db) as run:
        vocab = queries.vocabulary(run)
    data = load_vocabulary()
    for name in ("source_types", "signal_kinds", "claim_contexts"):
        assert vocab.values(name) == list(data.values(name))
        assert vocab.labels(name) == {t.value: t.label for t in data.lists[name]}
    assert vocab.colours("source_types")["social_qa"] == "#4c78a8"


def test_crossfilter_in_memory_matches_sql(dashboard_db: Path) -> None:
    with queries.direct_runner(dashboard_db) as run:
        grain = run("topic_grain", shaping.TopicFilters().params())
    cell = grain.sort_values(["mentions", "concept_id"], ascending=[False, True]).iloc[0]
    contexts = ("asserted", "hedged", "negated", "neutral")
    views = shaping.topic_views(grain, shaping.Focus(cells=((cell.concept_id, cell.source_type),)), contexts)
    chapter = expect(dashboard_db, """SELECT coalesce(d.icd10_chapter, '(no ICD-10 chapter)') AS c, count(*) AS n
        FROM disease_mentions m JOIN articles a USING (article_id) LEFT JOIN diseases d USING (concept_id)
        WHERE m.concept_id = ? AND a.source_type = ? GROUP BY 1""", [cell.concept_id, cell.source_type])
    assert list(views["chapters"]["icd10_chapter"]) == list(chapter["c"])
    assert list(views["chapters"]["mentions"]) == list(chapter["n"])
    assert views["total"] == int(chapter["n"].sum())
    assert list(views["diseases"]["concept_id"]) == [cell.concept_id]
    # the heatmap is not narrowed by its own selection
    assert len(views["heatmap"]) == len(shaping.topic_views(grain, shaping.Focus(), contexts)["heatmap"])


@pytest.mark.parametrize(("vocabulary", "table", "column"), [
    ("claim_voices", "claims", "voice"), ("claim_citations", "claims", "citation"),
    ("red_flag_locations", "red_flags", "location")])
def test_display_vocabularies_match_the_schema_checks(dashboard_db: Path, vocabulary: str, table: str,
                                                      column: str) -> None:
    """The claims page labels these columns from the vocabulary; their CHECKs list the same values."""
    import re

    values = list(expect(dashboard_db, "SELECT value FROM vocabulary WHERE vocabulary = ? ORDER BY position",
                         [vocabulary])["value"])
    ddl = re.search(rf"CREATE TABLE {table} \((.*?)\n\);", wdb.schema_sql(), re.S)
    check = ddl and re.search(rf"CHECK \({column} IN \(([^)]*)\)\)", ddl.group(1))
    assert check and values == re.findall(r"'([^']+)'", check.group(1))


@pytest.mark.parametrize("toggles", [{}, {"include_reported": True, "include_chrome": True}])
def test_claims_rollups_give_what_the_detail_rows_give(dashboard_db: Path, toggles: dict) -> None:
    """Without a site or date filter the stance and red-flag charts read the rollups claim_cells
    and flag_cells (warehouse/rollups.sql); naming every site forces the detail rows instead:
    both must give the same frames."""
    with contextlib.closing(safe_sql.open_read_only(dashboard_db)) as con:
        sites = [r[0] for r in con.execute("SELECT DISTINCT site_name FROM articles WHERE site_name IS NOT NULL").fetchall()]
        assert con.execute("SELECT count(*) FROM articles WHERE site_name IS NULL").fetchone()[0] == 0
        rolled, detail = shaping.ClaimFilters(**toggles), shaping.ClaimFilters(sites=tuple(sites), **toggles)
        for name, extra in (("claims_stance", {"include_reported": rolled.include_reported}),
                            ("claims_red_flags", {"include_chrome": rolled.include_chrome})):
            a = queries.execute(con, name, {**rolled.scope_params(), **extra})
            b = queries.execute(con, name, {**detail.scope_params(), **extra})
            assert len(a) > 0, name
            pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False)


def test_claims_credibility_counts_the_scores_of_the_articles_in_scope(dashboard_db: Path) -> None:
    """claims_credibility.sql reads the JAMA scores copied into article_stats: under each filter
    it gives what the credibility table joined to the articles that pass gives."""
    with contextlib.closing(safe_sql.open_read_only(dashboard_db)) as con:
        stype, site, day = con.execute("""SELECT source_type, site_name, published_date FROM articles
                                          WHERE published_date IS NOT NULL ORDER BY article_id LIMIT 1""").fetchone()
        cases = [
            (shaping.ClaimFilters(), "TRUE", []),
            (shaping.ClaimFilters(source_types=(stype,)), "a.source_type = ?", [stype]),
            (shaping.ClaimFilters(sites=(site,)), "a.site_name = ?", [site]),
            (shaping.ClaimFilters(date_from=day, include_undated=False), "a.published_date >= ?", [day]),
        ]
        for filters, where, args in cases:
            got = queries.execute(con, "claims_credibility", filters.scope_params())
            want = con.execute(f"""
                SELECT a.source_type, k.jama_total, count(*) AS articles,
                       round(avg(k.jama_authorship), 2) AS authorship, round(avg(k.jama_attribution), 2) AS attribution,
                       round(avg(k.jama_disclosure), 2) AS disclosure, round(avg(k.jama_currency), 2) AS currency
                FROM credibility k JOIN articles a USING (article_id)
                WHERE {where} GROUP BY ALL ORDER BY ALL""", args).df()
            assert len(got) > 0, where
            pd.testing.assert_frame_equal(got, want, check_dtype=False)
        total = int(queries.execute(con, "claims_credibility", shaping.ClaimFilters().scope_params())["articles"].sum())
        assert total == con.execute("SELECT count(*) FROM credibility").fetchone()[0]


def test_claims_by_disease_lists_the_newest_claims_in_scope(dashboard_db: Path) -> None:
    """claims_by_disease.sql picks the newest articles from article_concepts (which copies the
    claim's voice and the filtered columns): it lists what the claims joined to the articles in
    scope give, own-voice claims only unless reported ones are asked for, cut at the limit."""
    with contextlib.closing(safe_sql.open_read_only(dashboard_db)) as con:
        concepts = [r[0] for r in con.execute("""SELECT concept_id FROM claims GROUP BY ALL
                                                 ORDER BY count(*) FILTER (WHERE voice = 'reported') DESC,
                                                 count(*) DESC, concept_id LIMIT 4""").fetchall()]
        stype, day = con.execute("""SELECT source_type, published_date FROM articles
                                    WHERE published_date IS NOT NULL ORDER BY article_id LIMIT 1""").fetchone()
        assert con.execute("SELECT count(*) FROM claims WHERE voice = 'reported'").fetchone()[0] > 0
        cases = [(shaping.ClaimFilters(), "TRUE", []),
                 (shaping.ClaimFilters(include_reported=True), "TRUE", []),
                 (shaping.ClaimFilters(source_types=(stype,), include_reported=True), "a.source_type = ?", [stype]),
                 (shaping.ClaimFilters(date_to=day, include_undated=False), "a.published_date <= ?", [day])]
        seen = reported = 0
        for concept in concepts:
            for filters, where, args in cases:
                for limit in (2, 200):
                    got = queries.execute(con, "claims_by_disease", {
                        **filters.scope_params(), "include_reported": filters.include_reported,
                        "concept_id": concept, "limit": limit})
                    want = con.execute(f"""
                        SELECT c.article_id, c.voice, c.sentence, c.start_char - c.sentence_start AS highlight_start
                        FROM claims c JOIN articles a USING (article_id)
                        WHERE c.concept_id = ? AND (c.voice = 'own' OR ?) AND {where}
                        ORDER BY a.published_date DESC NULLS LAST, c.article_id LIMIT ?""",
                                       [concept, filters.include_reported, *args, limit]).df()
                    pd.testing.assert_frame_equal(got[list(want.columns)], want, check_dtype=False)
                    seen += len(got)
                    reported += int((got["voice"] == "reported").sum())
        assert seen > 0 and reported > 0  # both voices were listed
