"""`stemwatch export`: every table to Parquet or CSV for pandas, Spark or BI tools."""

from __future__ import annotations

from pathlib import Path

from warehouse.db import reading, sql_string


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
            con.execute(f"COPY (SELECT * FROM \"{t}\") TO {sql_string(tmp.as_posix())} ({opts})")
            tmp.replace(path)
            n = con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            written.append((t, path, n))
    return written
