"""Digest of every table of a warehouse built from seeds/ (see tests/test_seed_tables_stable.py).

Each table's rows are read in a stable order and hashed; columns that depend on the
machine or the moment (times, mtimes, run hashes) are left out, so the digest only moves
when what the ETL extracts from the seeds moves.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DIGEST_FILE = Path(__file__).resolve().parent / "cases" / "seed_tables.json"

# table -> columns that differ between two identical runs (times, mtimes, hashes of the code)
VOLATILE = {
    "etl_runs": {"started_at", "finished_at", "message", "schema_hash", "build_hash", "stemwatch_version",
                 "extract_hash", "annotate_hash", "lexicon_hash", "sources_hash",
                 "seeds_newest_mtime"},
    "source_files": {"mtime_ns"},
    "quarantine": {"seen_at"},
}


def table_digests(db: Path) -> dict[str, dict[str, object]]:
    """table -> {"rows": n, "columns": [...], "sha256": digest of the rows in a stable order}."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name").fetchall()]
        out: dict[str, dict[str, object]] = {}
        for t in tables:
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main' "
                "ORDER BY column_index", [t]).fetchall()]
            kept = [c for c in cols if c not in VOLATILE.get(t, set())]
            select = ", ".join(f'"{c}"' for c in kept)
            rows = con.execute(f'SELECT {select} FROM "{t}" ORDER BY ALL').fetchall()
            h = hashlib.sha256()
            for row in rows:
                h.update(repr(row).encode("utf-8"))
                h.update(b"\n")
            out[t] = {"rows": len(rows), "columns": kept, "sha256": h.hexdigest()}
        return out
    finally:
        con.close()


def build_and_digest(tmp: Path) -> dict[str, dict[str, object]]:
    from etl.load.run import run_etl

    db = tmp / "stemwatch.duckdb"
    res = run_etl(SEEDS, db, workers=1)
    assert res.status == "success", res.message
    return table_digests(db)


def write(digests: dict[str, dict[str, object]]) -> None:
    DIGEST_FILE.write_text(json.dumps(digests, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def read() -> dict[str, dict[str, object]]:
    return json.loads(DIGEST_FILE.read_text(encoding="utf-8"))
