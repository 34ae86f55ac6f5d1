"""Overview: headline counts, freshness, source types, top diseases, quarantined files."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, queries, shaping, ui


def page() -> None:
    with ui.runner() as run:
        data = queries.overview(run)
    counts = shaping.counts_row(data["counts"])

    st.title("stemwatch — stem-cell therapy claims in Chinese online health articles")
    st.caption("Which diseases are claimed, by what kind of source, with what evidence.")

    cols = st.columns(6)
    cols[0].metric("Articles", f"{counts.get('articles', 0):,}")
    cols[1].metric("Sites", f"{counts.get('sites', 0):,}")
    cols[2].metric("Diseases", f"{counts.get('diseases', 0):,}",
                   help=f"Distinct lexicon concepts mentioned, of {counts.get('lexicon_concepts', 0):,} in the lexicon")
    cols[3].metric("Mentions", f"{counts.get('mentions', 0):,}")
    cols[4].metric("Citations", f"{counts.get('citations', 0):,}")
    cols[5].metric("Quarantined files", f"{counts.get('quarantined', 0):,}")

    st.subheader("Freshness")
    ui.freshness_panel(data["freshness"])

    left, right = st.columns(2)
    with left:
        st.altair_chart(charts.source_type_bar(data["source_types"], data["vocabulary"]), width="stretch", key="overview_source_types")
    with right:
        st.altair_chart(charts.top_diseases_bar(data["top_diseases"]), width="stretch", key="overview_top_diseases")

    quarantine = data["quarantine"]
    st.subheader(f"Quarantined files ({counts.get('quarantined', 0):,})")
    if quarantine.empty:
        st.caption("No file is in quarantine.")
    else:
        ui.table(quarantine[["source_path", "reason", "detail", "seen_at"]], key="overview_quarantine")


if __name__ == "__main__":
    page()
