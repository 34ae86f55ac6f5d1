"""SQL console: read-only queries on the warehouse, with the schema and data dictionary beside it.

Queries run in dashboard/safe_sql.py's sandbox: read-only, no files, no network, no
extensions, locked configuration, SELECT/PIVOT/EXPLAIN only, in a child process with time,
memory and result-size limits.
"""

from __future__ import annotations

import duckdb
import streamlit as st

from dashboard import queries, render, safe_sql, shaping, ui
from warehouse.csvsafe import safe_frame
from warehouse.statements import MAX_SQL_CHARS

EXAMPLE = """-- Diseases claimed by commercial clinics, by claim context
SELECT canonical_name, context, count(*) AS mentions
FROM disease_mentions JOIN articles USING (article_id)
WHERE source_type = 'commercial_clinic'
GROUP BY ALL
ORDER BY mentions DESC"""


LIMIT_NAMES = {"time": "time limit", "memory": "memory limit", "result": "result size limit"}


def _run(sql: str, limit: int) -> None:
    """Run the query; whatever goes wrong becomes a message, and the page stays usable."""
    try:
        result = safe_sql.run_console_query(ui.db(), sql, limit)
    except safe_sql.ConsoleLimit as exc:
        st.session_state["sql_result"] = {"error": str(exc), "limit": exc.limit}
    except safe_sql.ConsoleRefused as exc:
        st.session_state["sql_result"] = {"error": str(exc), "refused": True}
    except duckdb.Error as exc:
        st.session_state["sql_result"] = {"error": str(exc).strip(), "refused": False}
    except Exception as exc:  # a failure of ours must not take the page down
        st.session_state["sql_result"] = {"error": f"{type(exc).__name__}: {exc}", "refused": False}
    else:
        st.session_state["sql_result"] = {"result": result}


def _show_result() -> None:
    state = st.session_state.get("sql_result")
    if not state:
        return
    if "error" in state:
        # The text may quote the query, a title or a file name: always plain text (ui.problem).
        if state.get("limit"):
            ui.problem("warning", f"Stopped by the console's {LIMIT_NAMES.get(state['limit'], 'limit')}.",
                       state["error"], icon=":material/timer_off:")
        elif state.get("refused"):  # an expected outcome, not a failure of the app
            ui.problem("warning", "Refused: the console only runs read-only queries on the warehouse.", state["error"])
        else:
            ui.problem("error", "Query failed:", state["error"])
        return
    result: safe_sql.ConsoleResult = state["result"]
    note = f"{len(result.frame):,} rows in {result.elapsed_ms:,.0f} ms"
    if result.truncated:
        note += f" — stopped at the row limit of {len(result.frame):,}; more rows exist"
    st.caption(note)
    ui.table(result.frame, key="sql_result_table", readable=False)  # the user's own column names
    st.download_button("Download CSV", safe_frame(result.frame).to_csv(index=False).encode("utf-8-sig"),
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
    safe_sql.prewarm()
    st.caption(
        "Read-only SQL on the warehouse: one SELECT (or WITH, FROM, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN) at a time. "
        f"No files, network, extensions or writes. Each query runs in its own process and stops after "
        f"{safe_sql.MAX_EXECUTION_MS / 1000:g} s, at {safe_sql.MEMORY_LIMIT} of memory, or at a "
        f"{safe_sql.MAX_RESULT_BYTES // 2**20} MB result."
    )
    main, side = st.columns([3, 2])
    with main:
        with st.form("sql_form"):
            sql = st.text_area("SQL", value=EXAMPLE, height=180, key="sql_text", max_chars=MAX_SQL_CHARS)
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
