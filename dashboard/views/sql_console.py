"""SQL console: read-only queries on the warehouse, with the schema and data dictionary beside it.

Queries run in dashboard/safe_sql.py's sandbox: read-only, no files, no network, no
extensions, time/memory limits, locked configuration, SELECT/EXPLAIN only.
"""

from __future__ import annotations

import duckdb
import streamlit as st

from dashboard import queries, render, safe_sql, shaping, ui

EXAMPLE = """-- Diseases claimed by commercial clinics, by claim context
SELECT canonical_name, context, count(*) AS mentions
FROM disease_mentions JOIN articles USING (article_id)
WHERE source_type = 'commercial_clinic'
GROUP BY ALL
ORDER BY mentions DESC"""


def _run(sql: str, limit: int) -> None:
    try:
        result = safe_sql.run_console_query(ui.db(), sql, limit)
    except safe_sql.ConsoleRefused as exc:
        st.session_state["sql_result"] = {"error": str(exc), "refused": True}
    except duckdb.Error as exc:
        st.session_state["sql_result"] = {"error": str(exc).strip(), "refused": False}
    else:
        st.session_state["sql_result"] = {"result": result}


def _show_result() -> None:
    state = st.session_state.get("sql_result")
    if not state:
        return
    if "error" in state:
        if state["refused"]:  # an expected outcome, not a failure of the app
            st.warning(state["error"], icon=":material/block:")
        else:
            st.error(f"Query failed: {state['error']}", icon=":material/error:")
        return
    result: safe_sql.ConsoleResult = state["result"]
    note = f"{len(result.frame):,} rows in {result.elapsed_ms:,.0f} ms"
    if result.truncated:
        note += f" — stopped at the row limit of {len(result.frame):,}; more rows exist"
    st.caption(note)
    ui.table(result.frame, key="sql_result_table")
    st.download_button("Download CSV", result.frame.to_csv(index=False).encode("utf-8-sig"),
                       file_name="stemwatch-query.csv", mime="text/csv", key="sql_download",
                       icon=":material/download:")


def _dictionary() -> None:
    st.subheader("Schema and data dictionary")
    with ui.runner() as run:
        dictionary = queries.data_dictionary(run)
    for (kind, name, comment), columns in shaping.dictionary_by_table(dictionary).items():
        with st.expander(f"{kind} {name}"):
            if comment:
                st.caption(render.markdown_escape(comment))
            ui.table(columns, key=f"dict_{name}")


def page() -> None:
    st.title("SQL console")
    st.caption(
        "Read-only SQL on the warehouse: one SELECT (or WITH, FROM, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN) at a time. "
        f"No files, network, extensions or writes; queries stop after {safe_sql.MAX_EXECUTION_MS / 1000:g} s."
    )
    main, side = st.columns([3, 2])
    with main:
        with st.form("sql_form"):
            sql = st.text_area("SQL", value=EXAMPLE, height=180, key="sql_text")
            limit = st.number_input("Row limit", min_value=1, max_value=safe_sql.MAX_ROW_LIMIT,
                                    value=safe_sql.DEFAULT_ROW_LIMIT, step=100, key="sql_limit")
            submitted = st.form_submit_button("Run", type="primary", icon=":material/play_arrow:")
        if submitted:
            _run(sql, int(limit))
        _show_result()
    with side:
        _dictionary()


if __name__ == "__main__":
    page()
