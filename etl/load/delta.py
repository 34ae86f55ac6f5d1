"""What a run changed: recorded in its etl_runs row, replayed by the next run onto the spare.

A refresh builds on the *spare*, the generation published before the live one
(etl/load/publish.py). The two differ by exactly what the live file's last run wrote, so each
run records that in its etl_runs row: ``based_on_run_id`` (the last run of the warehouse it
built on) and ``changed``, the keys whose rows it wrote or deleted:

- ``articles``: article ids, for every per-article table (ARTICLE_TABLES);
- ``files``: source paths, for source_files and quarantine;
- ``terms``, ``concepts`` and ``bases``: the keys of the rollups (lexicon_candidates; topic_cells and
  claim_cells; flag_cells);
- ``tail``: per article table, how many rows of those articles the file holds (see below).

The next run :func:`replay` s them: for each key it deletes the spare's rows and copies the live
file's, so catching up costs the previous run's change, never a diff of whole tables.

Finding an article's rows reads a few row groups: every article table is clustered by article_id
(etl/load/plan.py). For the per-article tables the copy from the live file is cheaper still: a run
deletes all rows of an article before it writes the new ones, so the rows of the articles it
changed are the last rows it appended to each table, and the checkpoint keeps their order. The
run records how many (``tail``); the replay reads only the row groups at the end of the live
table (``rowid >= count(*) - rows``: row ids only grow past deleted rows) and checks that it found
exactly that many rows, else it scans the table as before.
When the keys are not listed (a rebuild, a re-annotation, more than MAX_LISTED keys, a
failed-run record of an older version) the spare is caught up by a diff or the live file is
copied (publish.catch_up).

The same keys make the rollups incremental: :class:`Changes` collects the terms, concepts and bases of
the articles a run deletes (their old rows) and writes (their new rows). topic_cells and
claim_cells change by the parts of those articles (warehouse/rollup_deltas.sql), the other
rollups are recomputed for those keys (warehouse/rollups.sql): both give the rows a recompute
over every key gives.

Every statement costs a few milliseconds whatever it reads, so per-table questions are asked
in one statement (:func:`per_table`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pyarrow as pa

from etl.load.write import ARTICLE_TABLES, registered_ids
from warehouse import db as wh

# Beyond this many keys of one kind, a run's changes are not listed (the next run diffs or copies).
MAX_LISTED = 20_000
# Up to this many keys go into the statements as parameters (pushed into the scan, so a
# single-column primary key is looked up in its index); more are joined from a relation.
INLINE_KEYS = 256
KINDS = ("articles", "files", "terms", "concepts", "bases")
# Tables replayed per kind of key, with the key column.
REPLAYED = {"articles": (ARTICLE_TABLES, "article_id"), "files": (("source_files", "quarantine"), "source_path"),
            "terms": (("lexicon_candidates",), "term"), "concepts": (("topic_cells", "claim_cells"), "concept_id"),
            "bases": (("flag_cells",), "basis_id")}


def nothing_changed() -> dict:
    """``changed`` of a run that wrote only its etl_runs row (a failed run's record)."""
    return {**{k: [] for k in KINDS}, "tail": []}


class Changes:
    """The keys an incremental run changes, collected while it applies them."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.articles: set[str] = set()
        wh.start_rollup_keys(con)
        wh.start_rollup_deltas(con)
        # The first row id this run appends to each article table (row ids are not reused).
        self.first_rowid = per_table(con, {t: f"SELECT coalesce(max(rowid) + 1, 0) FROM {t}" for t in ARTICLE_TABLES})

    def deleting(self, ids: list[str]) -> None:
        """Call before deleting these articles' rows: their current rollup keys are recomputed."""
        if ids:
            # Only an article's rows from before the run are subtracted: rows this run wrote and
            # deletes again were never in the rollups (finish adds what is there at the end).
            first = [i for i in ids if i not in self.articles]
            self.articles.update(ids)
            with registered_ids(self.con, ids):
                wh.collect_rollup_keys(self.con)
            if first:
                with registered_ids(self.con, first):
                    wh.collect_rollup_deltas(self.con, -1)

    def finish(self, files: set[str]) -> dict[str, list[str]] | None:
        """Bring the rollups up to date: topic_cells and claim_cells by the parts of the articles
        changed (subtracted when deleted, added as written now), the others recomputed for the
        collected keys; return the keys for etl_runs.changed, or None when there are too many to list."""
        with registered_ids(self.con, sorted(self.articles)):
            wh.collect_rollup_keys(self.con)
            wh.collect_rollup_deltas(self.con, 1)
        keys = wh.rollup_keys(self.con)
        wh.apply_rollup_deltas(self.con)
        wh.rebuild_rollups(self.con, collected=True, skip=wh.DELTA_ROLLUPS)
        rows = per_table(self.con, {t: f"SELECT count(*) FROM {t} WHERE rowid >= {int(first)}"
                                    for t, first in self.first_rowid.items()})
        tail = [{"table_name": t, "rows": rows[t]} for t in self.first_rowid]
        changed = {"articles": sorted(self.articles), "files": sorted(files),
                   "terms": keys["lexicon_candidates"], "concepts": keys["topic_cells"], "bases": keys["flag_cells"]}
        if any(len(v) > MAX_LISTED for v in changed.values()):
            return None
        return {**changed, "tail": tail}


def replay(con: duckdb.DuckDBPyConnection, changed: dict) -> dict[str, int]:
    """Make the build's rows of the ``changed`` keys equal those of the live file (attached as
    ``live``). Returns how many article tables were copied from their tail alone."""
    tail = {r["table_name"]: r["rows"] for r in changed.get("tail") or []}
    totals = per_table(con, {t: f"SELECT count(*) FROM live.{t}" for t in tail}) if changed.get("articles") else {}
    from_tail = 0
    for kind in KINDS:
        keys = changed.get(kind) or []
        if not keys:
            continue
        tables, col = REPLAYED[kind]
        with _keys(con, col, keys) as match:
            for t in tables:
                con.execute(f"DELETE FROM build.{t} WHERE {match.sql}", match.params)
                rows = tail.get(t) if kind == "articles" else None
                if rows is not None:
                    lo = f"rowid >= {int(totals[t]) - int(rows)} AND "    # a constant: pushed into the scan
                    found = con.execute(f"INSERT INTO build.{t} SELECT * FROM live.{t} WHERE {lo}{match.sql}",
                                        match.params).fetchall()[0][0] if rows else 0
                    if found == rows:
                        from_tail += 1
                        continue
                    # Not exactly the recorded rows at the end: undo, and scan the whole table.
                    con.execute(f"DELETE FROM build.{t} WHERE {match.sql}", match.params)
                con.execute(f"INSERT INTO build.{t} SELECT * FROM live.{t} WHERE {match.sql}", match.params)
    return {"tail": from_tail}


def per_table(con: duckdb.DuckDBPyConnection, queries: dict[str, str]) -> dict[str, int]:
    """One scalar per table, asked in a single statement (each statement costs milliseconds)."""
    if not queries:
        return {}
    row = con.execute("SELECT " + ", ".join(f"({q})" for q in queries.values())).fetchall()[0]
    return dict(zip(queries, row, strict=True))


class _Match:
    def __init__(self, sql: str, params: list[str]) -> None:
        self.sql, self.params = sql, params


@contextmanager
def _keys(con: duckdb.DuckDBPyConnection, col: str, keys: list[str]) -> Iterator[_Match]:
    """A condition ``col IN (the keys)``: parameters when few, else a registered relation."""
    if len(keys) <= INLINE_KEYS:
        yield _Match(f"{col} IN ({', '.join('?' * len(keys))})", list(keys))
        return
    con.register("_keys", pa.table({col: pa.array(keys, pa.string())}))
    try:
        yield _Match(f"{col} IN (SELECT {col} FROM _keys)", [])
    finally:
        con.unregister("_keys")
