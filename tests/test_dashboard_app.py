# ruff: noqa: F811  -- fixtures imported from tests.dashboard_support are re-bound as test parameters
"""Every dashboard page under streamlit.testing.v1.AppTest, on warehouses built by the real ETL.

The assertions compare what a page shows (chart data, table rows, metric values) with
what an independent query on the same warehouse says.
"""

from __future__ import annotations

import html
import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import render, shaping
from tests.dashboard_support import (  # noqa: F401  (fixtures)
    APP,
    app_env,
    dashboard_db,
    dashboard_xss_db,
    edit_seed,
    expect,
    expect_value,
    health_warehouse,
    release_warehouses,
)

TIMEOUT = 60
pytestmark = pytest.mark.usefixtures("release_warehouses")


# -- helpers -------------------------------------------------------------------------------------


def start(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    if page:
        at.switch_page(f"views/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def charts(at: AppTest) -> dict[str, object]:
    """Charts on the page by their title."""
    out = {}
    for el in at.get("vega_lite_chart"):
        spec = json.loads(el.proto.spec)
        title = spec.get("title")
        out[title if isinstance(title, str) else json.dumps(title)] = el
    return out


def chart_data(el: object) -> pd.DataFrame:
    frames = [pa.ipc.open_stream(ds.data.data).read_pandas() for ds in el.proto.datasets]
    if el.proto.data.data:
        frames.append(pa.ipc.open_stream(el.proto.data.data).read_pandas())
    assert len(frames) == 1, "expected one dataset per chart"
    return frames[0]


def chart_by_key(at: AppTest, prefix: str) -> object:
    found = [el for el in at.get("vega_lite_chart") if (el.key or "").startswith(prefix)]
    assert len(found) == 1, [el.key for el in at.get("vega_lite_chart")]
    return found[0]


def table(at: AppTest, key: str) -> pd.DataFrame:
    """The dataframe shown in the container keyed ``key`` (ui.table)."""
    frames = at.get_by_key(key).dataframe
    assert len(frames) == 1, f"expected one dataframe under {key}"
    return frames[0].value


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def facts(at: AppTest) -> dict[str, str]:
    """The freshness panel's label -> value pairs."""
    out = {}
    for md in at.get_by_key("freshness").markdown:
        label, _, value = md.value.partition("  \n")
        out[label.strip("*")] = value
    return out


def type_label(db: Path, source_type: str) -> str:
    return expect_value(db, "SELECT label FROM vocabulary WHERE vocabulary = 'source_types' AND value = ?", [source_type])


def rows(frame: pd.DataFrame, cols: list[str]) -> list[tuple]:
    return sorted(tuple(r) for r in frame[cols].itertuples(index=False, name=None))


# -- app shell -----------------------------------------------------------------------------------


def test_missing_warehouse_shows_a_message_not_a_traceback(tmp_path: Path, app_env) -> None:
    app_env(tmp_path / "nope.duckdb")
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert any("No warehouse at" in i.value and "stemwatch etl" in i.value for i in at.info)


def test_every_page_runs_without_errors(dashboard_db: Path, app_env) -> None:
    app_env(dashboard_db)
    at = start()
    for page in ["overview", "topics", "sources", "claims", "articles", "health", "sql_console"]:
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])
        assert at.title, page


# -- overview ------------------------------------------------------------------------------------


def test_overview_counts_charts_and_freshness(dashboard_db: Path, app_env) -> None:
    app_env(dashboard_db)
    at = start()
    m = metrics(at)
    assert m["Articles"] == f"{expect_value(dashboard_db, 'SELECT count(*) FROM articles'):,}"
    assert m["Sites"] == f"{expect_value(dashboard_db, 'SELECT count(DISTINCT site_name) FROM articles'):,}"
    assert m["Diseases"] == f"{expect_value(dashboard_db, 'SELECT count(DISTINCT concept_id) FROM disease_mentions'):,}"
    assert m["Mentions"] == f"{expect_value(dashboard_db, 'SELECT count(*) FROM disease_mentions'):,}"
    assert m["Citations"] == f"{expect_value(dashboard_db, 'SELECT count(*) FROM citations'):,}"
    assert m["Quarantined files"] == f"{expect_value(dashboard_db, 'SELECT count(*) FROM quarantine'):,}"
    assert int(m["Mentions"].replace(",", "")) > 0

    last = expect_value(dashboard_db, "SELECT max(finished_at) FROM etl_runs WHERE status = 'success'")
    f = facts(at)
    assert f["Last successful refresh"] == shaping.fmt_ts(last)
    assert f["Last run"].startswith("#") and " success, finished " in f["Last run"]

    c = charts(at)
    types = chart_data(c["Articles by source type"])
    want = expect(dashboard_db, "SELECT source_type, count(*) AS articles FROM articles GROUP BY 1")
    assert rows(types, ["source_type", "articles"]) == rows(want, ["source_type", "articles"])

    # Diseases ranked by the articles that claim them (an asserted or hedged mention), not by every
    # article that names them: side effects listed in warnings would otherwise lead the chart.
    top = chart_data(c["Top claimed diseases (articles)"])
    want = expect(dashboard_db, """
        SELECT canonical_name,
               count(DISTINCT article_id) FILTER (WHERE context IN ('asserted', 'hedged')) AS claimed,
               count(DISTINCT article_id) AS mentioned
        FROM disease_mentions GROUP BY concept_id, canonical_name
        ORDER BY claimed DESC, mentioned DESC, concept_id LIMIT 15""")
    assert list(top["canonical_name"]) == list(want["canonical_name"])
    assert list(top["claimed"]) == list(want["claimed"])
    assert list(top["other"]) == list(want["mentioned"] - want["claimed"])
    assert top["claimed"].iloc[0] > 0
    # Chinese names reach the chart as text, and the chart asks for a CJK font.
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in name) for name in top["canonical_name"])
    assert "Noto Sans CJK SC" in json.loads(c["Top claimed diseases (articles)"].proto.spec)["config"]["font"]


def test_freshness_up_to_date_then_behind(health_warehouse, app_env, tmp_path: Path) -> None:
    db, seeds = health_warehouse
    app_env(db, seeds)
    at = start()
    assert any("Up to date" in s.value for s in at.success)
    # the health warehouse's last run failed (after a successful one): both are shown
    # the run's message is plain text in a code block, never markdown (issue 11 item 6)
    assert any("The last run failed" in e.value for e in at.error)
    assert any("sources" in c.value for c in at.code)
    assert " failed, finished " in facts(at)["Last run"]
    recorded = expect_value(db, "SELECT seeds_newest_mtime_at_last_success FROM v_freshness")
    assert facts(at)["Newest seed change at last refresh"] == shaping.fmt_ts(recorded)
    assert facts(at)["Newest seed change on disk"] == shaping.fmt_ts(recorded)

    copy = tmp_path / "seeds"
    shutil.copytree(seeds, copy)  # copy2 keeps mtimes
    edited = next(p for p in sorted(copy.iterdir()) if p.suffix == ".txt" and p.stat().st_size)
    edit_seed(edited)
    # Five seconds later than the edit itself: the page shows times to the second, and an edit in the
    # same second as the fixture's refresh read the same on both lines (a CI run, 08:07:23 twice).
    later = edited.stat().st_mtime + 5
    os.utime(edited, (later, later))
    app_env(db, copy)
    at = start()
    behind = [w.value for w in at.warning]
    assert any(w.startswith("Behind") for w in behind), behind
    assert facts(at)["Newest seed change on disk"] > facts(at)["Newest seed change at last refresh"]
    assert not at.success


# -- topic coverage ------------------------------------------------------------------------------

HEATMAP_SQL = """
    WITH cells AS (
        SELECT m.concept_id, a.source_type, count(DISTINCT m.article_id) AS articles, count(*) AS mentions
        FROM disease_mentions m JOIN articles a USING (article_id) {where} GROUP BY ALL),
    top AS (SELECT concept_id, sum(mentions) AS n FROM cells GROUP BY 1 ORDER BY n DESC, concept_id LIMIT 20)
    SELECT concept_id, source_type, articles, mentions FROM cells WHERE concept_id IN (SELECT concept_id FROM top)
"""


def test_topics_heatmap_bars_and_sentences_match_the_warehouse(dashboard_db: Path, app_env) -> None:
    app_env(dashboard_db)
    at = start("topics")
    heat = chart_data(chart_by_key(at, "topic_heatmap"))
    want = expect(dashboard_db, HEATMAP_SQL.format(where=""))
    cols = ["concept_id", "source_type", "articles", "mentions"]
    assert rows(heat, cols) == rows(want, cols)
    assert heat["source_type"].nunique() > 1

    diseases = chart_data(chart_by_key(at, "topic_diseases"))
    want = expect(dashboard_db, """
        SELECT concept_id, context, count(*) AS mentions FROM disease_mentions
        WHERE concept_id IN (SELECT concept_id FROM disease_mentions GROUP BY 1
                             ORDER BY count(DISTINCT article_id) DESC, count(*) DESC, concept_id LIMIT 15)
        GROUP BY ALL""")
    assert rows(diseases, ["concept_id", "context", "mentions"]) == rows(want, ["concept_id", "context", "mentions"])

    chapters = chart_data(chart_by_key(at, "topic_chapters"))
    want = expect(dashboard_db, """
        SELECT coalesce(d.icd10_chapter, '(no ICD-10 chapter)') AS icd10_chapter, count(*) AS mentions,
               count(DISTINCT m.concept_id) AS diseases
        FROM disease_mentions m LEFT JOIN diseases d USING (concept_id) GROUP BY 1""")
    cols = ["icd10_chapter", "mentions", "diseases"]
    assert rows(chapters, cols) == rows(want, cols)

    total = expect_value(dashboard_db, "SELECT count(*) FROM disease_mentions")
    assert any(h.value == f"Matching sentences ({total:,})" for h in at.subheader)
    # nothing narrows the page yet: the sentences wait for a filter or a click
    assert any("to list the sentences" in c.value for c in at.caption)
    with pytest.raises(KeyError):
        at.get_by_key("topic_sentences")


def test_topics_filters_narrow_every_chart_and_the_sentences(dashboard_db: Path, app_env) -> None:
    app_env(dashboard_db)
    at = start("topics")
    source_type = expect_value(dashboard_db, """
        SELECT source_type FROM disease_mentions JOIN articles USING (article_id)
        GROUP BY 1 ORDER BY count(*) DESC LIMIT 1""")
    at.multiselect(key="topic_source_types").set_value([source_type])
    at.multiselect(key="topic_contexts").set_value(["asserted", "hedged"])
    at.run()
    assert not at.exception
    where = "WHERE a.source_type = ? AND m.context IN ('asserted', 'hedged')"
    heat = chart_data(chart_by_key(at, "topic_heatmap"))
    want = expect(dashboard_db, HEATMAP_SQL.format(where=where), [source_type])
    cols = ["concept_id", "source_type", "articles", "mentions"]
    assert len(want) > 0 and rows(heat, cols) == rows(want, cols)

    sentences = table(at, "topic_sentences")
    n = expect_value(dashboard_db, f"SELECT count(*) FROM disease_mentions m JOIN articles a USING (article_id) {where}",
                     [source_type])
    assert len(sentences) == min(n, 200) and n > 0
    assert set(sentences["source_type"]) == {type_label(dashboard_db, source_type)}  # shown by its label
    assert set(sentences["context"]) <= {"asserted", "hedged"}
    contexts = chart_data(charts(at)["Claim context by source type"])
    assert int(contexts["mentions"].sum()) == n


def test_clicking_a_heatmap_cell_or_a_bar_narrows_the_rest_of_the_page(dashboard_db: Path, app_env) -> None:
    app_env(dashboard_db)
    at = start("topics")
    heat_el = chart_by_key(at, "topic_heatmap")
    heat = chart_data(heat_el)
    cell = heat.sort_values(["mentions", "concept_id"], ascending=[False, True]).iloc[0]
    # What a click on the cell sends back (Streamlit's selection state for the chart's key).
    at.session_state[heat_el.key] = {"selection": {"cell": [{"concept_id": cell.concept_id,
                                                             "source_type": cell.source_type}]}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]

    n = expect_value(dashboard_db, """SELECT count(*) FROM disease_mentions JOIN articles USING (article_id)
                                      WHERE concept_id = ? AND source_type = ?""", [cell.concept_id, cell.source_type])
    assert n == cell.mentions
    sentences = table(at, "topic_sentences")
    assert len(sentences) == min(n, 200)
    assert set(sentences["canonical_name"]) == {cell.canonical_name}
    assert set(sentences["source_type"]) == {type_label(dashboard_db, cell.source_type)}
    assert any(cell.canonical_name in i.value for i in at.info), "the narrowing is named"
    # the heatmap keeps its own rows; the bars are narrowed to the cell
    assert rows(chart_data(chart_by_key(at, "topic_heatmap")), ["concept_id", "source_type"]) == \
        rows(heat, ["concept_id", "source_type"])
    assert set(chart_data(chart_by_key(at, "topic_diseases"))["concept_id"]) == {cell.concept_id}
    chap = chart_data(chart_by_key(at, "topic_chapters"))
    assert len(chap) == 1 and int(chap["mentions"].sum()) == n

    # Clear resets every selection.
    at.button(key="topic_clear").click().run()
    assert not at.info

    # A click on the number drawn in the cell selects the cell as well.
    heat_el = chart_by_key(at, "topic_heatmap")
    at.session_state[heat_el.key] = {"selection": {"cell_number": [{"concept_id": cell.concept_id,
                                                                    "source_type": cell.source_type}]}}
    at.run()
    assert any(h.value == f"Matching sentences ({n:,})" for h in at.subheader)
    at.button(key="topic_clear").click().run()
    assert not at.info

    # A bar click narrows the heatmap to that disease.
    bars = chart_by_key(at, "topic_diseases")
    concept = chart_data(bars)["concept_id"].iloc[0]
    at.session_state[bars.key] = {"selection": {"disease": [{"concept_id": concept}]}}
    at.run()
    assert set(chart_data(chart_by_key(at, "topic_heatmap"))["concept_id"]) == {concept}
    n = expect_value(dashboard_db, "SELECT count(*) FROM disease_mentions WHERE concept_id = ?", [concept])
    assert any(h.value == f"Matching sentences ({n:,})" for h in at.subheader)


# -- sources -------------------------------------------------------------------------------------


def test_sources_page_types_signals_evidence_timeline(dashboard_db: Path, app_env) -> None:
    app_env(dashboard_db)
    at = start("sources")
    summary = table(at, "sources_summary")
    # the table shows each source type by its vocabulary label
    view = expect(dashboard_db, "SELECT * REPLACE (v.label AS source_type) FROM v_source_type_summary s "
                                "JOIN vocabulary v ON v.vocabulary = 'source_types' AND v.value = s.source_type")
    cols = ["source_type", "articles", "sites", "citations", "mentions", "commercial_signals"]
    assert rows(summary, cols) == rows(view.astype({c: "int64" for c in cols[1:]}), cols)
    assert rows(summary, ["source_type", "citations_per_article"]) == rows(view, ["source_type", "citations_per_article"])

    c = charts(at)
    evidence = chart_data(c["Evidence: citations per article"])
    raw = expect(dashboard_db, "SELECT * FROM v_source_type_summary")
    assert rows(evidence, ["source_type", "citations_per_article"]) == rows(raw, ["source_type", "citations_per_article"])

    signals = chart_data(c["Commercial signals per source type"])
    want = expect(dashboard_db, """SELECT a.source_type, g.kind, count(*) AS signals
                                   FROM commercial_signals g JOIN articles a USING (article_id) GROUP BY ALL""")
    assert len(want) > 0
    assert rows(signals, ["source_type", "kind", "signals"]) == rows(want, ["source_type", "kind", "signals"])
    assert signals["share_of_articles"].between(0, 1).all()

    dated = expect_value(dashboard_db, "SELECT count(*) FROM articles WHERE published_date IS NOT NULL")
    undated = expect_value(dashboard_db, "SELECT count(*) FROM articles WHERE published_date IS NULL")
    if dated:
        assert int(chart_data(c["Articles per publication month"])["articles"].sum()) == dated
    assert any(f"{undated:,} of" in cap.value and "no publication date" in cap.value for cap in at.caption)

    sites = table(at, "sources_sites")
    assert set(sites["site_name"]) == set(expect(dashboard_db, "SELECT DISTINCT coalesce(site_name, '(unknown site)') AS s FROM articles")["s"])


# -- claims and red flags ------------------------------------------------------------------------

STANCE_CHART = "Stance by disease and source type (claims)"
FLAGS_CHART = "Red flags by legal basis and source type"
JAMA_CHART = "Credibility: articles by JAMA benchmark score and source type"


def sentences(at: AppTest) -> list[str]:
    return [h.value for h in at.html if "sw-sentence" in h.value]


def facts_of(at: AppTest) -> str:
    return html.unescape("".join(h.value for h in at.html if "sw-facts" in h.value))


def test_claims_page_charts_match_the_warehouse(dashboard_db: Path, app_env) -> None:
    app_env(dashboard_db)
    at = start("claims")
    own = expect(dashboard_db, "SELECT concept_id, source_type, stance FROM v_claims WHERE voice = 'own'")
    flags = expect(dashboard_db, "SELECT basis_id, source_type FROM v_red_flags WHERE location = 'article'")
    cred = expect(dashboard_db, "SELECT source_type, jama_total FROM v_credibility")
    assert len(own) and len(flags) and len(cred)
    m = metrics(at)
    assert m["Claims"] == f"{len(own):,}"
    assert m["Asserted"] == f"{(own['stance'] == 'asserted').sum():,}"
    assert m["Red-flag hits"] == f"{len(flags):,}"
    assert m["Mean JAMA score (0-4)"] == f"{cred['jama_total'].mean():.1f}"

    c = charts(at)
    stance = chart_data(c[STANCE_CHART])
    top = own.groupby("concept_id").size().reset_index(name="n").sort_values(["n", "concept_id"],
                                                                             ascending=[False, True]).head(15)
    want = own[own["concept_id"].isin(top["concept_id"])].groupby(["concept_id", "source_type", "stance"]).size()
    got = stance.groupby(["concept_id", "source_type", "stance"])["claims"].sum()
    assert got.to_dict() == want.to_dict()
    assert set(stance["voice"]) == {"own"}

    by_basis = chart_data(c[FLAGS_CHART]).groupby(["basis_id", "source_type"])["hits"].sum()
    assert by_basis.to_dict() == flags.groupby(["basis_id", "source_type"]).size().to_dict()
    grid = chart_data(c[JAMA_CHART])
    # every source type gets a cell for each score 0-4 (zeros included), so the cells are readable
    assert len(grid) == 5 * cred["source_type"].nunique()
    by_score = grid[grid["articles"] > 0].groupby(["source_type", "jama_total"])["articles"].sum()
    assert by_score.to_dict() == cred.groupby(["source_type", "jama_total"]).size().to_dict()
    type_labels = expect(dashboard_db, "SELECT value, label FROM vocabulary WHERE vocabulary = 'source_types'")
    assert set(grid["source_type_label"]) == set(type_labels.set_index("value").loc[cred["source_type"].unique(), "label"])

    # labels and colours come from the warehouse's vocabulary
    label = expect_value(dashboard_db, "SELECT label FROM vocabulary WHERE vocabulary = 'red_flag_bases' AND value = ?",
                         [flags["basis_id"].iloc[0]])
    assert json.dumps(label) in json.loads(c[FLAGS_CHART].proto.spec)["encoding"]["y"]["axis"]["labelExpr"]
    stance_colour = expect_value(dashboard_db, "SELECT colour FROM vocabulary WHERE vocabulary = 'claim_contexts' "
                                            "AND value = 'asserted'")
    assert stance_colour in c[STANCE_CHART].proto.spec


def test_claims_page_toggles_add_reported_claims_and_chrome_flags(dashboard_db: Path, app_env) -> None:
    app_env(dashboard_db)
    at = start("claims")
    every = expect(dashboard_db, "SELECT voice FROM v_claims")
    all_flags = expect_value(dashboard_db, "SELECT count(*) FROM v_red_flags")
    assert (every["voice"] == "reported").any()
    at.toggle(key="claims_reported").set_value(True).run()
    at.toggle(key="claims_chrome").set_value(True).run()
    assert not at.exception
    assert metrics(at)["Claims"] == f"{len(every):,}"
    assert metrics(at)["Red-flag hits"] == f"{all_flags:,}"
    c = charts(at)
    assert "reported" in set(chart_data(c[STANCE_CHART])["voice"])
    assert int(chart_data(c[FLAGS_CHART])["hits"].sum()) == all_flags
    assert any("Paler bars" in cap.value for cap in at.caption)


def test_claims_drill_down_highlights_the_disease_in_the_claim_sentence(dashboard_db: Path, app_env) -> None:
    app_env(dashboard_db)
    at = start("claims")
    concept = at.selectbox(key="claims_drill_disease").value
    listed = table(at, "claims_drill_table")
    want = expect(dashboard_db, "SELECT * FROM v_claims WHERE concept_id = ? AND voice = 'own' "
                             "ORDER BY published_date DESC NULLS LAST, article_id", [concept])
    assert list(listed["article_id"]) == list(want["article_id"])
    # stance, voice, citation and efficacy wording are shown by their vocabulary labels
    for col, vocabulary in (("stance", "claim_contexts"), ("voice", "claim_voices"), ("citation", "claim_citations"),
                            ("wording_class", "claim_classes")):
        labels = expect(dashboard_db, "SELECT value, label FROM vocabulary WHERE vocabulary = ?",
                        [vocabulary]).set_index("value")["label"]
        shown = want[col].map(lambda v, m=labels: v if shaping.missing(v) else m[v])
        assert listed[col].fillna("").tolist() == shown.fillna("").tolist(), col
    assert len(want) >= 2

    second = want.iloc[1]
    at.selectbox(key="claims_drill_article").set_value(second.article_id).run()
    shown = sentences(at)
    assert len(shown) == 1
    span = second.sentence[second.highlight_start:second.highlight_end]
    assert f'data-context="{second.stance}"' in shown[0]
    assert f">{html.escape(span)}</mark>" in shown[0]
    assert html.unescape(re_tags(shown[0])) == second.sentence
    facts = facts_of(at)
    citation = expect_value(dashboard_db, "SELECT label FROM vocabulary WHERE vocabulary = 'claim_citations' "
                                          "AND value = ?", [second.citation])
    assert f"Citation nearby: {citation}" in re_tags(facts)
    if not shaping.missing(second.best_evidence_level):
        level = expect_value(dashboard_db, "SELECT label FROM vocabulary WHERE vocabulary = 'evidence_levels' AND value = ?",
                             [second.best_evidence_level])
        assert level in facts


def re_tags(markup: str) -> str:
    """The text of an HTML fragment."""
    import re

    return re.sub(r"<[^>]+>", "", markup)


def test_red_flag_drill_down_shows_the_hit_and_its_legal_basis(dashboard_db: Path, app_env) -> None:
    app_env(dashboard_db)
    at = start("claims")
    at.toggle(key="claims_chrome").set_value(True).run()
    at.radio(key="claims_drill_mode").set_value("legal basis").run()
    basis = at.selectbox(key="claims_drill_basis").value
    hits = expect(dashboard_db, "SELECT * FROM v_red_flags WHERE basis_id = ? "
                             "ORDER BY published_date DESC NULLS LAST, article_id, flag_no", [basis])
    listed = table(at, "flags_drill_table")
    assert list(listed["matched_text"]) == list(hits["matched_text"])
    # stored values are shown by their labels: where the hit sits, the source type, the basis
    locations = expect(dashboard_db, "SELECT value, label FROM vocabulary WHERE vocabulary = 'red_flag_locations'")
    assert list(listed["location"]) == list(hits["location"].map(locations.set_index("value")["label"]))
    assert not set(listed["source_type"]) & set(hits["source_type"])
    first = hits.iloc[0]
    shown = sentences(at)
    n_first = int((hits["article_id"] == first.article_id).sum())
    assert len(shown) == n_first
    assert f">{html.escape(first.matched_text)}</mark>" in shown[0]
    facts = facts_of(at)
    described = expect(dashboard_db, "SELECT label, description FROM vocabulary WHERE vocabulary = 'red_flag_bases' "
                                  "AND value = ?", [first.basis_id]).iloc[0]
    assert first.basis in facts and described.label in facts
    assert any(cap.value == f"What it forbids: {described.description}" for cap in at.caption)
    assert first.rule_id not in facts  # the rule's id is not a label


def test_claims_page_empty_states(dashboard_db: Path, tmp_path: Path, app_env) -> None:
    app_env(dashboard_db)
    at = start("claims")
    unflagged = expect(dashboard_db, """SELECT site_name FROM articles GROUP BY 1 HAVING count(*) FILTER (WHERE
        article_id IN (SELECT article_id FROM red_flags WHERE location = 'article')) = 0 ORDER BY 1 LIMIT 1""")
    assert len(unflagged)
    at.multiselect(key="claims_sites").set_value([unflagged.iloc[0, 0]]).run()
    at.radio(key="claims_drill_mode").set_value("legal basis").run()
    assert not at.exception
    assert any(i.value == "No red flags match these filters." for i in at.info)
    assert FLAGS_CHART not in charts(at)
    assert any(cap.value == "No red flags match these filters." for cap in at.caption)

    # a warehouse built before the annotation stage has none of its views, nor one built
    # before the claims rollups its rollups: the page says so instead of failing
    for n, drop in enumerate(("DROP VIEW v_claims", "DROP TABLE claim_cells")):
        old = tmp_path / f"old{n}.duckdb"
        shutil.copyfile(dashboard_db, old)
        with duckdb.connect(str(old)) as con:
            con.execute(drop)
        app_env(old)
        at = start("claims")
        assert any("no claims, red flags or credibility yet" in i.value for i in at.info), drop
        assert not at.get("vega_lite_chart")


def test_claims_shaping_and_rendering_escape_and_locate() -> None:
    hostile = '<img src=x onerror=alert(1)>根治<script>x</script>'
    row = {"sentence": hostile, "matched_text": "根治", "location": "article", "offset_in_source": 400,
           "chrome_text": None}
    found = shaping.flag_span(row)
    assert found and hostile[found[0]:found[1]] == "根治"
    chrome = {"sentence": "电话 400 与 400", "matched_text": "400", "location": "chrome", "offset_in_source": 9,
              "chrome_text": "电话 400 与 400"}
    assert shaping.flag_span(chrome) == (9, 12)  # the second one, where the hit is
    assert shaping.flag_span({**row, "matched_text": "保证"}) is None
    out = render.sentence_html(hostile, [render.Span(*found, "ad_law_16_1")], {"ad_law_16_1": "#ffcccc"})
    assert "<script" not in out and "<img" not in out and ">根治</mark>" in out
    facts = render.facts_html([("basis", "<b>x</b>"), ("none", None)])
    assert "<b>" not in facts and "&lt;b&gt;" in facts and "—" in facts


# -- article explorer ----------------------------------------------------------------------------


def test_article_explorer_shows_metadata_outline_highlighted_text_citations_and_cut(dashboard_db: Path, app_env) -> None:
    app_env(dashboard_db)
    art = expect(dashboard_db, """
        SELECT a.article_id, a.title, count(*) AS mentions FROM articles a JOIN disease_mentions m USING (article_id)
        WHERE a.article_id IN (SELECT article_id FROM citations) AND a.article_id IN (SELECT article_id FROM cut_blocks)
        GROUP BY ALL ORDER BY mentions DESC LIMIT 1""").iloc[0]
    at = start("articles")
    at.selectbox[0].set_value(art.article_id).run()
    assert not at.exception
    assert at.query_params.get("article") in (art.article_id, [art.article_id])

    meta = table(at, "article_metadata")
    assert meta.set_index("field").loc["title", "value"] == art.title
    type_label = expect_value(dashboard_db, "SELECT v.label FROM articles a JOIN vocabulary v ON v.vocabulary = "
                                            "'source_types' AND v.value = a.source_type WHERE a.article_id = ?",
                              [art.article_id])
    assert meta.set_index("field").loc["source type", "value"] == type_label  # a label, not the stored value
    assert metrics(at)["Mentions"] == str(art.mentions)

    main = [h.value for h in at.html if "sw-main-text" in h.value]
    assert len(main) == 1
    marks = expect(dashboard_db, "SELECT surface, context FROM disease_mentions WHERE article_id = ? ORDER BY start_char",
                   [art.article_id])
    assert main[0].count("<mark ") == len(marks)
    for ctx, n in marks["context"].value_counts().items():
        assert main[0].count(f'data-context="{ctx}"') == n
    assert f">{marks['surface'].iloc[0]}</mark>" in main[0]

    outline = [h.value for h in at.html if "sw-outline" in h.value]
    headings = expect(dashboard_db, "SELECT heading FROM sections WHERE article_id = ? ORDER BY section_no", [art.article_id])
    assert outline and all(html.escape(h, quote=True) in outline[0] for h in headings["heading"])

    cites = table(at, "article_citations")
    want = expect(dashboard_db, "SELECT raw FROM citations WHERE article_id = ? ORDER BY citation_no", [art.article_id])
    assert list(cites["raw"]) == list(want["raw"])

    cut = table(at, "article_cut")
    want = expect(dashboard_db, "SELECT text FROM cut_blocks WHERE article_id = ? ORDER BY cut_no", [art.article_id])
    assert list(cut["text"]) == list(want["text"])
    cut_expander = [e for e in at.expander if e.label.startswith("Text cut as boilerplate")]
    assert cut_expander and not cut_expander[0].proto.expanded


def test_article_explorer_search_and_deep_link(dashboard_db: Path, app_env) -> None:
    app_env(dashboard_db)
    site = expect_value(dashboard_db, "SELECT site_name FROM articles WHERE site_name IS NOT NULL ORDER BY article_id LIMIT 1")
    at = start("articles")
    at.text_input(key="article_q").input(site).run()
    want = expect(dashboard_db, """
        SELECT title, site_name, published_date FROM articles
        WHERE contains(lower(coalesce(title, '')), lower($q)) OR contains(lower(coalesce(site_name, '')), lower($q))
           OR contains(lower(source_path), lower($q)) OR article_id = $q""", {"q": site})
    total = expect_value(dashboard_db, "SELECT count(*) FROM articles")
    assert 0 < len(want) < total, "the search must narrow the list"
    assert sorted(at.selectbox[0].options) == sorted(shaping.article_label(r) for r in want.to_dict("records"))

    last = expect_value(dashboard_db, "SELECT article_id FROM articles ORDER BY article_id DESC LIMIT 1")
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["article"] = last
    at.run()
    at.switch_page("views/articles.py").run()
    assert at.selectbox[0].value == last


class _Tags(HTMLParser):
    """Collects the tags and attributes of an HTML body, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_article_explorer_escapes_hostile_documents(dashboard_xss_db: Path, app_env) -> None:
    app_env(dashboard_xss_db)
    hostile = expect(dashboard_xss_db, "SELECT article_id, main_text FROM articles WHERE main_text LIKE '%<script%' "
                                       "OR main_text LIKE '%onerror%' OR main_text LIKE '%javascript:%'")
    assert len(hostile) >= 1, "the xss seeds must keep markup in main_text for this test to mean anything"
    at = start("articles")
    for article_id, main_text in hostile.itertuples(index=False):
        at.selectbox[0].set_value(article_id).run()
        assert not at.exception
        parsed = _Tags()
        for h in at.html:
            parsed.feed(h.value)
        # only our own markup: no script/img/iframe/a element, no event handler or href attribute
        assert parsed.tags <= {"div", "h2", "mark"}, parsed.tags
        assert parsed.attrs <= {"class", "style", "title", "data-context"}, parsed.attrs
        # ... and the document's markup is all there, as text
        text = "".join(parsed.text)
        for bad in ("<script", "onerror=", "javascript:"):
            if bad in main_text:
                assert bad in text, bad
        assert not [b for b in at.get("link_button") if "javascript" in b.proto.url.lower()]


# -- data health ---------------------------------------------------------------------------------


def test_health_page_runs_quarantine_and_candidates(health_warehouse, app_env) -> None:
    db, seeds = health_warehouse
    app_env(db, seeds)
    at = start("health")
    runs = table(at, "health_runs")
    want = expect(db, "SELECT run_id, status, message FROM etl_runs")
    assert rows(runs, ["run_id", "status", "message"]) == rows(want, ["run_id", "status", "message"])
    assert set(runs["status"]) == {"success", "failed"}

    quarantine = table(at, "health_quarantine")
    want = expect(db, "SELECT source_path, reason, detail FROM quarantine")
    assert rows(quarantine, ["source_path", "reason", "detail"]) == rows(want, ["source_path", "reason", "detail"])
    assert set(quarantine["reason"]) == {"empty_file", "binary_file"}
    reasons = chart_data(charts(at)["Quarantine reasons"])
    assert rows(reasons, ["reason", "files"]) == [("binary_file", 1), ("empty_file", 1)]

    candidates = table(at, "health_candidates")
    want = expect(db, "SELECT term FROM lexicon_candidates ORDER BY articles DESC, occurrences DESC, term LIMIT 500")
    assert list(candidates["term"]) == list(want["term"])


# -- SQL console ---------------------------------------------------------------------------------


def test_sql_console_runs_a_query_and_refuses_writes(dashboard_db: Path, app_env) -> None:
    app_env(dashboard_db)
    at = start("sql_console")
    at.text_area(key="sql_text").input("SELECT source_type, count(*) AS n FROM articles GROUP BY 1 ORDER BY 1")
    at.number_input(key="sql_limit").set_value(2)
    at.button[0].click().run()
    assert not at.exception
    result = table(at, "sql_result_table")
    want = expect(dashboard_db, "SELECT source_type, count(*) AS n FROM articles GROUP BY 1 ORDER BY 1")
    assert list(result["source_type"]) == list(want["source_type"][:2])
    assert any("row limit" in c.value for c in at.caption) == (len(want) > 2)
    assert at.get("download_button"), "CSV download offered"

    at.text_area(key="sql_text").input("CREATE TEMP TABLE t AS SELECT 1")
    at.button[0].click().run()
    # refusals and errors: a fixed headline, the message as plain text (issue 11 item 6)
    assert any("read-only" in w.value for w in at.warning)
    assert any("CREATE TEMP TABLE" in c.value for c in at.code)
    at.text_area(key="sql_text").input("SELECT * FROM read_csv('/etc/passwd')")
    at.button[0].click().run()
    assert any("cannot read files" in c.value for c in at.code)
    at.text_area(key="sql_text").input("SELECT no_such_column FROM articles")
    at.button[0].click().run()
    assert any(e.value.startswith("Query failed") for e in at.error)
    assert any(c.value.startswith("Binder Error") for c in at.code)
    assert "root:" not in "".join(str(df.value) for df in at.dataframe)

    # The data dictionary lists every table and view with its comment.
    objects = expect(dashboard_db, """SELECT table_name AS name FROM duckdb_tables() WHERE NOT internal AND NOT temporary
                                      UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal AND NOT temporary""")
    labels = {e.label for e in at.expander}
    for name in objects["name"]:
        assert any(label.endswith(f" {name}") for label in labels), name
    columns = table(at, "dict_articles")
    assert "main_text" in set(columns["column_name"]) and columns["column_comment"].notna().all()


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__, "-q"])


def test_tables_show_labels_and_readable_headers() -> None:
    vocab = shaping.Vocabulary.from_frame(pd.DataFrame([
        {"vocabulary": "source_types", "value": "social_qa", "label": "Social Q&A", "colour": None, "description": ""},
        {"vocabulary": "signal_kinds", "value": "phone", "label": "Phone / hotline", "colour": None, "description": ""},
    ]))
    frame = pd.DataFrame({"source_type": ["social_qa", "unknown_type", None], "kind": ["phone", "phone", "phone"]})
    out = shaping.labelled(frame, vocab, {"kind": "signal_kinds"})
    assert out["source_type"].tolist()[:2] == ["Social Q&A", "unknown_type"] and shaping.missing(out["source_type"][2])
    assert out["kind"].tolist() == ["Phone / hotline"] * 3
    assert frame["source_type"][0] == "social_qa"  # the caller's frame is untouched
    assert shaping.labelled(frame, vocab)["kind"].tolist() == ["phone"] * 3  # "kind" is ambiguous: named by the caller
    assert shaping.header("wording_class") == "efficacy wording" and shaping.header("files_seen") == "files seen"
    meta = shaping.metadata_rows({"source_type": "social_qa", "site_name": None}, ["source_type", "site_name"], vocab)
    assert meta.to_dict("records") == [{"field": "source type", "value": "Social Q&A"},
                                       {"field": "site", "value": "—"}]


def test_the_heatmap_shows_every_source_types_label() -> None:
    """Eight angled source-type labels overlap, and Vega's default hid every other one (the
    Topic coverage page showed four of eight columns named): the axis keeps them all."""
    from dashboard import charts
    types = ["social_qa", "commercial_clinic", "content_aggregator", "commercial_blog", "news", "academic",
             "government", "other"]
    vocab = shaping.Vocabulary.from_frame(pd.DataFrame([
        {"vocabulary": "source_types", "value": t, "label": t, "colour": None, "description": ""} for t in types]))
    df = pd.DataFrame({"concept_id": ["d1"] * 8, "canonical_name": ["糖尿病"] * 8, "source_type": types,
                       "articles": [1] * 8, "mentions": [2] * 8})
    spec = charts.coverage_heatmap(df, vocab).to_dict()
    axes = [layer["encoding"]["x"]["axis"] for layer in spec.get("layer", [spec]) if "x" in layer.get("encoding", {})]
    assert axes and all(axis.get("labelOverlap") is False for axis in axes)
