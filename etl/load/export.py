"""`stemwatch export`: every table to Parquet or CSV for pandas, Spark or BI tools."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.csvsafe import safe_sql_expr
from warehouse.db import reading


def _csv_columns(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """The select list for a CSV export: text columns neutralised against spreadsheet formulas."""
    cols = con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() "
                       "AND table_name = ? ORDER BY column_index", [table]).fetchall()
    out = []
    for name, dtype in cols:
        quoted = '"' + name.replace('"', '""') + '"'
        out.append(f"{safe_sql_expr(quoted)} AS {quoted}" if dtype == "VARCHAR" else quoted)
    return ", ".join(out)


def export_tables(db: Path, out_dir: Path, fmt: str = "parquet") -> list[tuple[str, Path, int]]:
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"unknown format {fmt!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with reading(db) as con:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY table_name").fetchall()]
        for t in tables:
            path = out_dir / f"{t}.{fmt}"
            tmp = path.with_name(path.name + ".part")
            opts = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER true"
            select = "*" if fmt == "parquet" else _csv_columns(con, t)
            target = tmp.as_posix().replace("'", "''")
            con.execute(f"COPY (SELECT {select} FROM \"{t}\") TO '{target}' ({opts})")
            tmp.replace(path)
            n = con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            written.append((t, path, n))
    return written
