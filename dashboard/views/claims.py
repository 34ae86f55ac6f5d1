"""Claims and red flags: what pages claim about each disease, which advertising rules they
trip, how well they back themselves up, and the sentences behind each count.

Own-voice claims and red flags in the article text are the default; toggles add the claims
a page only reports (宣传, 声称 ...) and the hits in the page chrome (contact blocks, footers).
All document text is escaped (dashboard/render.py) before it reaches st.html.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import charts, queries, render, shaping, ui

DISEASE, BASIS = "disease", "legal basis"


def _filters(opts: dict) -> tuple[shaping.ClaimFilters, int]:
    vocab: shaping.Vocabulary = opts["vocabulary"]
    with st.expander("Filters", expanded=True, icon=":material/filter_alt:"):
        c1, c2, c3, c4 = st.columns([3, 3, 3, 2])
        source_types = c1.multiselect("Source type", opts["source_types"], key="claims_source_types",
                                      format_func=lambda v: vocab.label("source_types", v),
                                      placeholder="all source types")
        sites = c2.multiselect("Site", opts["sites"], key="claims_sites", placeholder="all sites")
        date_from, date_to = ui.date_range(c3, opts, key="claims_dates")
        include_undated = c4.checkbox(f"Include undated articles ({opts['undated']:,})", value=True,
                                      key="claims_undated")
        c5, c6, c7 = st.columns(3)
        include_reported = c5.toggle("Include reported claims", value=False, key="claims_reported",
                                     help="Claims the page attributes to others (宣传, 声称, 号称, 所谓 ...), "
                                          "drawn paler. Off: the page's own voice only.")
        include_chrome = c6.toggle("Include red flags in the page chrome", value=False, key="claims_chrome",
                                   help="Hits in lines cut from the article: headers, footers, contact blocks. "
                                        "Off: hits in the article text only.")
        top_n = c7.slider("Diseases in the stance chart", 5, 40, 15, key="claims_top_n")
    filters = shaping.ClaimFilters(
        source_types=tuple(source_types), sites=tuple(sites), date_from=date_from, date_to=date_to,
        include_undated=include_undated, include_reported=include_reported, include_chrome=include_chrome,
    )
    return filters, int(top_n)


def _charts(data: dict, vocab: shaping.Vocabulary) -> None:
    for col, (label, value) in zip(st.columns(4), shaping.claims_summary(
            data["stance"], data["red_flags"], data["credibility"]).items(), strict=True):
        col.metric(label, value)

    stance = data["stance"]
    if stance.empty:
        st.info("No claims match these filters.", icon=":material/info:")
    else:
        with st.container(key="claims_stance_chart"):  # class st-key-claims_stance_chart for the browser tests
            st.altair_chart(charts.stance_by_source_chart(stance, vocab))
        if (stance["voice"] != "own").any():
            st.caption("Paler bars: claims the page only reports (宣传, 声称 ...), not in its own voice.")
    _chart_or_info(data["red_flags"], "No red flags match these filters.", "claims_flags_chart",
                   lambda df: charts.red_flags_chart(df, vocab),
                   "A hit is wording to review against the provision, not a legal finding.")
    _chart_or_info(data["credibility"], "No article matches these filters.", "claims_credibility_chart",
                   lambda df: charts.credibility_chart(shaping.credibility_grid(df, vocab)),
                   "JAMA benchmark: authorship with credentials, attribution (references), "
                   "disclosure of ownership or sponsorship, currency (dated); one point each. "
                   "Each row is one source type; the number is its articles with that score.")


def _article_choice(rows: pd.DataFrame, key: str) -> pd.DataFrame:
    """The rows of the article picked below the list."""
    labels = {r["article_id"]: shaping.article_label(r) for r in rows.to_dict("records")}
    chosen = st.selectbox("Show the sentence of", list(labels), format_func=labels.__getitem__, key=key)
    return rows[rows["article_id"] == chosen]


def _chart_or_info(df: pd.DataFrame, empty_msg: str, key: str, chart: Callable[[pd.DataFrame], object],
                   caption: str) -> None:
    """A chart in a keyed container (class st-key-<key> for the browser tests), or a note when empty."""
    if df.empty:
        st.info(empty_msg, icon=":material/info:")
        return
    with st.container(key=key):
        st.altair_chart(chart(df), width="stretch")
    st.caption(caption)


def _pick(choices: dict, label: str, key: str, none_msg: str) -> object | None:
    """A select box over ``choices`` (value -> label), or a caption when there is nothing to pick."""
    if not choices:
        st.caption(none_msg)
        return None
    return st.selectbox(label, list(choices), format_func=choices.__getitem__, key=key)


def _articles_table(rows: pd.DataFrame, key: str, columns: list[str], empty_msg: str,
                    vocab: shaping.Vocabulary, vocabularies: dict[str, str] | None = None) -> bool:
    """The matching articles with a link to the Article explorer, stored values shown by their
    vocabulary labels; False (and a caption) when none."""
    if rows.empty:
        st.caption(empty_msg)
        return False
    ui.table(rows.assign(open="articles?article=" + rows["article_id"]), key=key, vocab=vocab, vocabularies=vocabularies,
             column_order=[*columns, "open"],
             column_config={"sentence": st.column_config.TextColumn("sentence", width="large"),
                            "open": st.column_config.LinkColumn("article", display_text="open")})
    return True


def _claims_drill(run: queries.Runner, filters: shaping.ClaimFilters, options: pd.DataFrame,
                  vocab: shaping.Vocabulary) -> None:
    concept = _pick(shaping.choice_labels(options, "disease"), "Disease", "claims_drill_disease",
                    "No claims match these filters.")
    if concept is None:
        return
    rows = queries.claims_by_disease(run, filters, concept)
    if not _articles_table(rows, "claims_drill_table",
                           ["title", "stance", "voice", "wording_class", "citation", "sentence", "source_type",
                            "site_name", "published_date", "best_evidence_level"],
                           "No claims about this disease match these filters.", vocab):
        return
    colours = render.highlight_colours(vocab.colours("claim_contexts"))
    for r in _article_choice(rows, "claims_drill_article").to_dict("records"):
        stance = str(r["stance"])
        span = render.Span(int(r["highlight_start"]), int(r["highlight_end"]), stance,
                           f"{r['canonical_name']} ({vocab.label('claim_contexts', stance)})")
        st.html(render.sentence_html(r["sentence"], [span], colours))
        wording = None if shaping.missing(r["wording_class"]) else (
            f"{vocab.label('claim_classes', r['wording_class'])} ({r['wording_text']})")
        citation = vocab.label("claim_citations", r["citation"]) + (
            "" if shaping.missing(r["citation_text"]) else f": {r['citation_text']}")
        level = r["best_evidence_level"]
        st.html(render.facts_html([
            ("Voice", vocab.label("claim_voices", r["voice"])),
            ("Stance", vocab.label("claim_contexts", stance)),
            ("Efficacy wording", wording),
            ("Citation nearby", citation),
            ("Article's best evidence level", None if shaping.missing(level) else vocab.label("evidence_levels", level)),
            ("Reported claim", queries.claim_reported_sentence(run, r["article_id"], r["reported_mention_no"])),
        ]))


def _flags_drill(run: queries.Runner, filters: shaping.ClaimFilters, options: pd.DataFrame,
                 vocab: shaping.Vocabulary) -> None:
    basis = _pick(shaping.choice_labels(options, "basis", lambda v: vocab.label("red_flag_bases", v)),
                  "Legal basis", "claims_drill_basis", "No red flags match these filters.")
    if basis is None:
        return
    st.caption(f"What it forbids: {vocab.description('red_flag_bases', str(basis))}")
    rows = queries.red_flags_by_basis(run, filters, str(basis))
    if not _articles_table(rows, "flags_drill_table",
                           ["title", "matched_text", "sentence", "location", "source_type", "site_name",
                            "published_date", "best_evidence_level"],
                           "No hits under this legal basis match these filters.", vocab,
                           {"location": "red_flag_locations"}):
        return
    colours = render.highlight_colours(vocab.colours("red_flag_bases"))
    for r in _article_choice(rows.drop_duplicates("article_id"), "flags_drill_article").to_dict("records"):
        for hit in rows[rows["article_id"] == r["article_id"]].to_dict("records"):
            found = shaping.flag_span(hit)
            label = vocab.label("red_flag_bases", hit["basis_id"])
            spans = [render.Span(*found, hit["basis_id"], label)] if found else []
            st.html(render.sentence_html(hit["sentence"], spans, colours))
            level = hit["best_evidence_level"]
            st.html(render.facts_html([
                ("Legal basis", label),
                ("Provision", hit["basis"]),
                ("Matched", hit["matched_text"]),
                ("Where", vocab.label("red_flag_locations", hit["location"])),
                ("Article's best evidence level",
                 None if shaping.missing(level) else vocab.label("evidence_levels", level)),
            ]))


def _draw(run: queries.Runner) -> None:
    st.title("Claims and red flags")
    if not queries.claims_ready(run):
        st.info("This warehouse has no claims, red flags or credibility yet (it was built before the "
                "annotation stage). Rebuild it with `stemwatch etl` to fill this page.", icon=":material/info:")
        return
    opts = queries.topic_options(run)
    vocab: shaping.Vocabulary = opts["vocabulary"]
    filters, top_n = _filters(opts)
    data = queries.claims(run, filters, top_n)
    _charts(data, vocab)

    st.subheader("Drill down")
    mode = st.radio("Drill down by", [DISEASE, BASIS], horizontal=True, key="claims_drill_mode")
    if mode == DISEASE:
        _claims_drill(run, filters, data["drill"], vocab)
    else:
        _flags_drill(run, filters, data["drill"], vocab)


def page() -> None:
    with ui.runner() as run:
        _draw(run)


if __name__ == "__main__":
    page()
