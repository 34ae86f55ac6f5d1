"""What a run changed: recorded in its etl_runs row, replayed by the next run onto the spare.

A refresh builds on the *spare*, the generation published before the live one
(etl/load/publish.py). The two differ by exactly what the live file's last run wrote, so each
run records that in its etl_runs row: ``based_on_run_id`` (the last run of the warehouse it
built on) and ``changed``, the keys whose rows it wrote or deleted:

- ``articles``: article ids, for every per-article table (ARTICLE_TABLES);
- ``files``: source paths, for source_files and quarantine;
- ``terms`` and ``concepts``: the keys of the rollups lexicon_candidates and topic_cells.

The next run :func:`replay` s them: for each key it deletes the spare's rows and copies the live
file's, so catching up costs the previous run's change, never a scan or a diff of whole tables.
When the keys are not listed (a rebuild, a re-annotation, more than MAX_LISTED keys, a
failed-run record of an older version) the spare is caught up by a diff or the live file is
copied (publish.catch_up).

The same keys make the rollups incremental: :class:`Changes` collects the terms and concepts of
the articles a run deletes (their old rows) and writes (their new rows), and only those are
recomputed (warehouse/rollups.sql), which gives the rows a recompute over every key gives.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from etl.load.rows import ARTICLE_TABLES, registered_ids
from warehouse import db as wh

# Beyond this many keys of one kind, a run's changes are not listed (the next run diffs or copies).
MAX_LISTED = 20_000
KINDS = ("articles", "files", "terms", "concepts")
# Tables replayed per kind of key, with the key column.
REPLAYED = {"articles": (ARTICLE_TABLES, "article_id"), "files": (("source_files", "quarantine"), "source_path"),
            "terms": (("lexicon_candidates",), "term"), "concepts": (("topic_cells",), "concept_id")}


class Changes:
    """The keys an incremental run changes, collected while it applies them."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.articles: set[str] = set()
        wh.start_rollup_keys(con)

    def deleting(self, ids: list[str]) -> None:
        """Call before deleting these articles' rows: their current rollup keys are recomputed."""
        if ids:
            self.articles.update(ids)
            with registered_ids(self.con, ids):
                wh.collect_rollup_keys(self.con)

    def finish(self, files: set[str]) -> dict[str, list[str]] | None:
        """Recompute the rollups for the collected keys (and those of the rows now written);
        return the keys for etl_runs.changed, or None when there are too many to list."""
        with registered_ids(self.con, sorted(self.articles)):
            wh.collect_rollup_keys(self.con)
        keys = wh.rollup_keys(self.con)
        wh.rebuild_rollups(self.con, collected=True)
        changed = {"articles": sorted(self.articles), "files": sorted(files),
                   "terms": keys["lexicon_candidates"], "concepts": keys["topic_cells"]}
        return None if any(len(v) > MAX_LISTED for v in changed.values()) else changed


def replay(con: duckdb.DuckDBPyConnection, changed: dict[str, list[str]]) -> None:
    """Make the build's rows of the ``changed`` keys equal those of the live file (attached as ``live``)."""
    for kind in KINDS:
        keys = changed.get(kind) or []
        if not keys:
            continue
        tables, col = REPLAYED[kind]
        con.register("_keys", pa.table({col: pa.array(keys, pa.string())}))
        try:
            for t in tables:
                con.execute(f"DELETE FROM build.{t} WHERE {col} IN (SELECT {col} FROM _keys)")
                con.execute(f"INSERT INTO build.{t} SELECT * FROM live.{t} WHERE {col} IN (SELECT {col} FROM _keys)")
        finally:
            con.unregister("_keys")
