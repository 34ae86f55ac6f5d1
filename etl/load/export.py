"""`stemwatch export`: every table to Parquet or CSV for pandas, Spark or BI tools.

Parquet is written hive-style, partitioned by source type and year of publication, for readers
that prune files by path (Spark, DuckDB or Trino over object storage). Tables keyed by
article_id carry the two keys (joined from articles) and are partitioned the same way; the
others are written whole, one file each.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from warehouse.csvsafe import safe_sql_expr
from warehouse.db import reading, sql_string

PARTITION_KEYS = ("source_type", "published_year")
UNKNOWN_YEAR = "unknown"


def _article_tables(con: object, tables: list[str]) -> list[str]:
    """Tables other than articles that have an article_id column."""
    rows = con.execute(  # type: ignore[attr-defined]
        "SELECT DISTINCT table_name FROM duckdb_columns() WHERE database_name = current_database() "
        "AND column_name = 'article_id'").fetchall()
    keyed = {r[0] for r in rows}
    return [t for t in tables if t in keyed and t != "articles"]


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
        partitioned = {"articles", *_article_tables(con, tables)} if fmt == "parquet" else set()
        keys = (f"coalesce(CAST(year(a.published_date) AS VARCHAR), '{UNKNOWN_YEAR}') AS published_year",
                "coalesce(a.source_type, 'other') AS source_type")
        for t in tables:
            n = con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            if t in partitioned:
                if t == "articles":
                    query = f"SELECT *, {keys[0]} FROM articles a"
                else:
                    cols = {r[0] for r in con.execute(
                        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
                        "AND table_name = ?", [t]).fetchall()}
                    # article_stats and article_concepts keep a copy of source_type: the article's wins
                    star = "x.* EXCLUDE (source_type)" if "source_type" in cols else "x.*"
                    query = (f'SELECT {star}, {keys[1]}, {keys[0]} FROM "{t}" x '
                             "LEFT JOIN articles a USING (article_id)")
                path = out_dir / t
                tmp = out_dir / f".{t}.part"
                shutil.rmtree(tmp, ignore_errors=True)
                con.execute(f"COPY ({query}) TO {sql_string(tmp.as_posix())} (FORMAT parquet, COMPRESSION zstd, "
                            f"PARTITION_BY ({', '.join(PARTITION_KEYS)}))")
                if not tmp.exists():   # an empty table writes no partition: keep an empty folder
                    tmp.mkdir()
                shutil.rmtree(path, ignore_errors=True)
                tmp.replace(path)
            else:
                path = out_dir / f"{t}.{fmt}"
                tmp = path.with_name(path.name + ".part")
                opts = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER true"
                select = "*" if fmt == "parquet" else _csv_columns(con, t)
                con.execute(f"COPY (SELECT {select} FROM \"{t}\") TO {sql_string(tmp.as_posix())} ({opts})")
                tmp.replace(path)
            written.append((t, path, n))
    return written
