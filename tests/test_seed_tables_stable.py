"""The five seeds give the same rows in every table as recorded in tests/cases/seed_tables.json.

Refactoring must not change what the ETL extracts. When a change is MEANT to change the
tables (another branch improving extraction or annotation, a new column), regenerate the
digest with ``PYTHONPATH=. python -m tests.regen_seed_digest`` and commit it with the change;
the command prints which tables moved, so a reviewer can see that only those were meant to.
"""

from __future__ import annotations

from pathlib import Path

from tests import seed_digest


def test_every_seed_table_matches_the_recorded_digest(tmp_path: Path) -> None:
    expected = seed_digest.read()
    actual = seed_digest.build_and_digest(tmp_path)
    assert sorted(actual) == sorted(expected), "tables added or removed: run python -m tests.regen_seed_digest"
    moved = {t: (expected[t]["rows"], actual[t]["rows"]) for t in expected if actual[t] != expected[t]}
    assert not moved, f"tables whose rows changed (expected rows, actual rows): {moved}"


def test_the_digest_sees_a_changed_row(tmp_path: Path) -> None:
    # a guard for the digest itself: one changed title moves the articles digest and nothing else
    import duckdb

    from etl.load.run import run_etl

    db = tmp_path / "w.duckdb"
    run_etl(seed_digest.SEEDS, db, workers=1)
    before = seed_digest.table_digests(db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE articles SET title = title || 'x' WHERE article_id = (SELECT min(article_id) FROM articles)")
    con.close()
    after = seed_digest.table_digests(db)
    assert {t for t in before if before[t] != after[t]} == {"articles"}
