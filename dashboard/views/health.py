"""Data health: freshness, ETL runs, quarantine with reasons, lexicon candidates."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, queries, ui


def page() -> None:
    with ui.runner() as run:
        data = queries.health(run)
    st.title("Data health")

    st.subheader("Freshness")
    ui.freshness_panel(data["freshness"])

    runs = data["runs"]
    st.subheader(f"ETL runs ({len(runs)})")
    if runs.empty:
        st.caption("No ETL run recorded.")
    else:
        st.altair_chart(charts.runs_chart(runs), width="stretch", key="health_runs_chart")
        ui.table(runs, key="health_runs")

    quarantine = data["quarantine"]
    st.subheader(f"Quarantine ({len(quarantine)} files)")
    if quarantine.empty:
        st.caption("No file is in quarantine: every seed file was loaded.")
    else:
        left, right = st.columns([1, 2])
        with left:
            st.altair_chart(charts.quarantine_reasons_chart(data["reasons"]), width="stretch",
                            key="health_reasons")
        with right:
            ui.table(quarantine, key="health_quarantine")

    candidates = data["candidates"]
    st.subheader(f"Lexicon candidates ({len(candidates)})")
    st.caption("Disease-like terms in article bodies that the lexicon does not know yet, for curators.")
    if candidates.empty:
        st.caption("No candidate terms.")
    else:
        ui.table(candidates, key="health_candidates")


if __name__ == "__main__":
    page()
