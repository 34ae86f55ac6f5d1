"""Sources: source types and sites, commercial signals, evidence (citations), publication timeline."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, queries, ui


def page() -> None:
    with ui.runner() as run:
        data = queries.sources(run)
    st.title("Sources")

    summary = data["summary"]
    st.subheader("Source types")
    ui.table(summary, key="sources_summary", vocab=data["vocabulary"])

    left, right = st.columns(2)
    with left:
        st.altair_chart(charts.evidence_chart(summary, data["vocabulary"]), width="stretch", key="sources_evidence")
        st.caption("Evidence: citations per article (reference-list entries); "
                   "share with citations is the share of articles with at least one.")
    with right:
        signals = data["signals"]
        if signals.empty:
            st.caption("No commercial signals (hotlines, WeChat, calls to action) found.")
        else:
            st.altair_chart(charts.signals_chart(signals, data["vocabulary"]), width="stretch", key="sources_signals")
            st.caption("Share of each source type's articles showing a hotline (phone), WeChat/QQ id, "
                       "call to action, disclaimer or address, in the body or in the cut boilerplate.")

    st.subheader("Publication timeline")
    timeline = data["timeline"]
    undated = data["undated"].iloc[0]
    if timeline.empty:
        st.caption("No article has a publication date.")
    else:
        st.altair_chart(charts.timeline_chart(timeline, data["vocabulary"]), width="stretch", key="sources_timeline")
    st.caption(f"{int(undated['undated']):,} of {int(undated['articles']):,} articles have no publication date "
               "and are not in the timeline.")

    st.subheader("Sites")
    ui.table(data["sites"], key="sources_sites", vocab=data["vocabulary"])


if __name__ == "__main__":
    page()
