-- ETL runs, newest first.
SELECT run_id, status, mode, array_to_string(stages, ', ') AS stages, stage_reason, trigger_kind, started_at, finished_at,
       date_diff('millisecond', started_at, finished_at) / 1000.0 AS seconds,
       files_seen, files_loaded, files_unchanged, files_removed, files_quarantined,
       input_bytes, seeds_newest_mtime, message, schema_hash, build_hash, stemwatch_version
FROM etl_runs
ORDER BY run_id DESC
LIMIT $limit
