"""Topic coverage: disease x source type, top diseases, ICD-10 chapters, matching sentences.

The three charts crossfilter: a click on a heatmap cell or a bar narrows the other charts,
the context breakdown and the sentence list (shift-click selects several, "Clear" resets).
Selections are read from session state at the top of the run, because the heatmap drawn
first is narrowed by the bars drawn after it.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from dashboard import charts, queries, render, shaping, ui

HEATMAP_KEY, DISEASES_KEY, CHAPTERS_KEY = "topic_heatmap", "topic_diseases", "topic_chapters"


def _key(name: str) -> str:
    # A new key after "Clear" gives fresh chart widgets with empty selections.
    return f"{name}_{st.session_state.get('topic_reset', 0)}"


def _clear() -> None:
    st.session_state["topic_reset"] = st.session_state.get("topic_reset", 0) + 1


def _filters(opts: dict) -> tuple[shaping.TopicFilters, int, str]:
    with st.expander("Filters", expanded=True, icon=":material/filter_alt:"):
        c1, c2, c3 = st.columns(3)
        source_types = c1.multiselect("Source type", opts["source_types"], key="topic_source_types",
                                      format_func=lambda v: opts["vocabulary"].label("source_types", v),
                                      placeholder="all source types")
        sites = c2.multiselect("Site", opts["sites"], key="topic_sites", placeholder="all sites")
        mention_types = c3.multiselect("Mention type", opts["mention_types"], key="topic_mention_types",
                                       placeholder="diseases, groups and symptoms")
        c4, c5, c6 = st.columns(3)
        vocab: shaping.Vocabulary = opts["vocabulary"]
        contexts = c4.multiselect("Claim context", vocab.values("claim_contexts"), key="topic_contexts",
                                  format_func=lambda v: vocab.label("claim_contexts", v),
                                  placeholder=", ".join(vocab.labels("claim_contexts").values()))
        date_from, date_to = ui.date_range(c5, opts, key="topic_dates")
        include_undated = c6.checkbox(f"Include undated articles ({opts['undated']:,})", value=True,
                                      key="topic_undated")
        c7, c8 = st.columns(2)
        top_n = c7.slider("Diseases in the heatmap", 5, 60, 20, key="topic_top_n")
        measure = c8.radio("Heatmap colour", ["articles", "mentions"], horizontal=True, key="topic_measure")
    filters = shaping.TopicFilters(
        source_types=tuple(source_types), sites=tuple(sites), mention_types=tuple(mention_types),
        contexts=tuple(contexts), date_from=date_from, date_to=date_to, include_undated=include_undated,
    )
    return filters, int(top_n), str(measure)


def page() -> None:
    with ui.runner() as run:
        _draw(run)


def _draw(run: queries.Runner) -> None:
    opts = queries.topic_options(run)
    st.title("Topic coverage")
    filters, top_n, measure = _filters(opts)

    focus = shaping.focus_from_events(
        st.session_state.get(_key(HEATMAP_KEY)),
        st.session_state.get(_key(DISEASES_KEY)),
        st.session_state.get(_key(CHAPTERS_KEY)),
    )
    data = queries.topic(run, filters, focus, top_n=top_n)
    names = pd.concat([data["heatmap"][["concept_id", "canonical_name"]],
                       data["diseases"][["concept_id", "canonical_name"]]])
    focus = dataclasses.replace(focus, labels=dict(zip(names["concept_id"], names["canonical_name"], strict=True)))

    if focus.active:
        left, right = st.columns([5, 1])
        left.info("Narrowed to: " + render.markdown_escape("; ".join(focus.describe())),
                  icon=":material/filter_center_focus:")
        right.button("Clear selections", on_click=_clear, key="topic_clear")
    else:
        st.caption("Click a heatmap cell or a bar to narrow the rest of the page; shift-click to add more.")

    heatmap = data["heatmap"]
    if heatmap.empty:
        st.warning("No disease mentions match these filters.")
    vocab: shaping.Vocabulary = opts["vocabulary"]
    st.altair_chart(charts.coverage_heatmap(heatmap, vocab, measure), on_select="rerun", key=_key(HEATMAP_KEY),
                    selection_mode=list(shaping.HEATMAP_SELECTIONS), width="stretch")

    left, right = st.columns(2)
    with left:
        st.altair_chart(charts.disease_context_bar(
            shaping.context_long(data["diseases"], vocab.values("claim_contexts")), vocab), on_select="rerun",
                        key=_key(DISEASES_KEY), selection_mode=[shaping.DISEASE_SELECTION], width="stretch")
    with right:
        st.altair_chart(charts.chapter_bar(data["chapters"]), on_select="rerun", key=_key(CHAPTERS_KEY),
                        selection_mode=[shaping.CHAPTER_SELECTION], width="stretch")

    if not data["contexts"].empty:
        st.altair_chart(charts.context_by_source_bar(data["contexts"], vocab), width="stretch", key="topic_context_chart")

    sentences, total = data["sentences"], data["total"]
    st.subheader(f"Matching sentences ({total:,})")
    if sentences is None:
        st.caption("Use a filter, or click a heatmap cell or a bar, to list the sentences.")
        return
    if sentences.empty:
        st.caption("No mention matches.")
        return
    if total > len(sentences):
        st.caption(f"Showing {len(sentences):,} of {total:,}, from the newest articles.")
    shown = sentences.drop(columns=["mention_no"]).assign(
        open="articles?article=" + sentences["article_id"]
    )
    ui.table(
        shown, key="topic_sentences", vocab=vocab,
        column_order=["canonical_name", "surface", "context", "trigger", "sentence", "title", "site_name",
                      "source_type", "published_date", "open"],
        column_config={
            "canonical_name": "disease",
            "sentence": st.column_config.TextColumn("sentence", width="large"),
            "open": st.column_config.LinkColumn("article", display_text="open"),
        },
    )


if __name__ == "__main__":
    page()
