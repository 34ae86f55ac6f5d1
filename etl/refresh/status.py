"""What `stemwatch status` reports: counts, last runs, quarantine and freshness (etl/refresh/freshness.py)."""

from __future__ import annotations

import os
from pathlib import Path

from etl.refresh import freshness
from warehouse.db import WarehouseMissing, reading

COUNTED = ("articles", "sections", "citations", "disease_mentions", "commercial_signals", "diseases", "quarantine")


def status_report(db: Path, seeds: Path | None = None, runs: int = 10) -> dict:
    if not db.exists():
        raise WarehouseMissing(f"no warehouse at {db}: run `stemwatch etl` first")
    with reading(db) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
        cols = ["run_id", "started_at", "finished_at", "status", "mode", "trigger_kind", "files_seen", "files_loaded",
                "files_unchanged", "files_removed", "files_quarantined", "message"]
        run_rows = [dict(zip(cols, r, strict=True)) for r in con.execute(
            f"SELECT {', '.join(cols)} FROM etl_runs ORDER BY run_id DESC LIMIT ?", [runs]).fetchall()]
        quarantine = [dict(zip(["source_path", "reason", "detail"], r, strict=True)) for r in con.execute(
            "SELECT source_path, reason, detail FROM quarantine ORDER BY source_path").fetchall()]
    fresh = freshness.check(db, seeds)
    pending = fresh.pending
    return {
        "db": str(db),
        "db_bytes": os.path.getsize(db),
        "counts": counts,
        "runs": run_rows,
        "quarantine": quarantine,
        "freshness": {"state": fresh.state, "last_success_at": fresh.last_success_at,
                      "seeds_newest_mtime": fresh.disk_newest or fresh.recorded_newest,
                      "behind": fresh.behind, "behind_reason": fresh.message,
                      "pending": None if pending is None else {"added": len(pending.added), "changed": len(pending.changed),
                                                               "removed": len(pending.removed)}},
    }
