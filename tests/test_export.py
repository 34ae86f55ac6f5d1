"""`stemwatch export --format parquet`: hive-style partitions that DuckDB reads back whole."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.load.export import export_tables

KEYED = ("articles", "documents", "cut_blocks", "sections", "citations", "commercial_signals",
         "disease_mentions", "candidate_terms", "article_concepts", "article_stats")


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_parquet_export_is_partitioned_and_reads_back(seeded_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "lake"
    written = {t: (p, n) for t, p, n in export_tables(seeded_db, out, "parquet")}
    wh = duckdb.connect(str(seeded_db), read_only=True)
    lake = duckdb.connect()
    try:
        for t in KEYED:
            path, n = written[t]
            assert path == out / t and path.is_dir()
            glob = (path / "*" / "*" / "*.parquet").as_posix()
            back = f"read_parquet('{glob}', hive_partitioning = true)"
            assert _rows(lake, f"SELECT count(*) FROM {back}") == [(n,)]
            # Every partition folder names a real source type and a year or 'unknown'.
            for folder in path.glob("*/*"):
                st, year = folder.parent.name, folder.name
                assert st.startswith("source_type=") and year.startswith("published_year=")
                assert year[15:] == "unknown" or year[15:].isdigit()
            # The keys match the article's own source type and year, row for row.
            keys = _rows(lake, f"SELECT DISTINCT article_id, source_type, CAST(published_year AS VARCHAR) FROM {back} ORDER BY 1")
            truth = _rows(wh, "SELECT article_id, source_type, coalesce(CAST(year(published_date) AS VARCHAR), 'unknown') "
                              f"FROM articles WHERE article_id IN (SELECT article_id FROM {t}) ORDER BY 1")
            assert keys == truth, t
        # The articles themselves come back column for column.
        glob = (out / "articles" / "*" / "*" / "*.parquet").as_posix()
        cols = [r[0] for r in _rows(wh, "SELECT column_name FROM duckdb_columns() WHERE table_name = 'articles' "
                                        "AND database_name = current_database() ORDER BY column_index")]
        sel = ", ".join(cols)
        assert _rows(lake, f"SELECT {sel} FROM read_parquet('{glob}', hive_partitioning = true) ORDER BY article_id") \
            == _rows(wh, f"SELECT {sel} FROM articles ORDER BY article_id")
        # Tables not keyed by article are whole files.
        for t in ("diseases", "etl_runs", "source_files"):
            path, n = written[t]
            assert path == out / f"{t}.parquet"
            assert _rows(lake, f"SELECT count(*) FROM '{path.as_posix()}'") == [(n,)]
    finally:
        wh.close()
        lake.close()


def test_export_again_replaces_the_partitions(seeded_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "lake"
    export_tables(seeded_db, out, "parquet")
    stale = out / "articles" / "source_type=other" / "published_year=1900"
    stale.mkdir(parents=True)
    (stale / "old.parquet").write_bytes(b"not parquet")
    export_tables(seeded_db, out, "parquet")
    assert not stale.exists()
    assert not list(out.glob(".*.part"))
