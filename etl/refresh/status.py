"""What `stemwatch status` (and the dashboard) report about the warehouse and its freshness."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from etl.refresh import fingerprint
from warehouse.db import WarehouseMissing, reading

COUNTED = ("articles", "sections", "citations", "disease_mentions", "commercial_signals", "diseases", "quarantine")


def seeds_newest_mtime(seeds: Path) -> dt.datetime | None:
    try:
        newest = fingerprint.newest_mtime_ns(fingerprint.scan(seeds))   # the files discover() finds, stat only
    except FileNotFoundError:
        return None
    return dt.datetime.fromtimestamp(newest / 1e9, dt.UTC).replace(tzinfo=None) if newest else None


def status_report(db: Path, seeds: Path | None = None, runs: int = 10) -> dict:
    if not db.exists():
        raise WarehouseMissing(f"no warehouse at {db}: run `stemwatch etl` first")
    with reading(db) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
        cols = ["run_id", "started_at", "finished_at", "status", "mode", "trigger_kind", "files_seen", "files_loaded",
                "files_unchanged", "files_removed", "files_quarantined", "message"]
        run_rows = [dict(zip(cols, r, strict=True)) for r in con.execute(
            f"SELECT {', '.join(cols)} FROM etl_runs ORDER BY run_id DESC LIMIT ?", [runs]).fetchall()]
        last = con.execute("SELECT finished_at, seeds_newest_mtime FROM etl_runs WHERE status = 'success' "
                           "ORDER BY run_id DESC LIMIT 1").fetchone()
        quarantine = [dict(zip(["source_path", "reason", "detail"], r, strict=True)) for r in con.execute(
            "SELECT source_path, reason, detail FROM quarantine ORDER BY source_path").fetchall()]
    last_success, seen_newest = (last or (None, None))
    now_newest = seeds_newest_mtime(seeds) if seeds else None
    try:   # content-aware: additions, edits and deletions count, a mere touch does not
        pending = fingerprint.pending(seeds, db) if seeds else None
    except FileNotFoundError:
        pending = None
    if last_success is None:
        behind, why = True, "no successful refresh yet"
    elif pending is None:
        behind, why = False, "seeds folder not checked" if seeds is None else "seeds folder missing"
    elif pending:
        behind, why = True, f"not loaded yet: {pending.describe()}"
    else:
        behind, why = False, "every seed file is loaded as it is now"
    return {
        "db": str(db),
        "db_bytes": os.path.getsize(db),
        "counts": counts,
        "runs": run_rows,
        "quarantine": quarantine,
        "freshness": {"last_success_at": last_success, "seeds_newest_mtime": now_newest or seen_newest,
                      "behind": behind, "behind_reason": why,
                      "pending": None if pending is None else {"added": len(pending.added), "changed": len(pending.changed),
                                                               "removed": len(pending.removed)}},
    }
