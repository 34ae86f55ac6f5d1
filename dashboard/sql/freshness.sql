-- Last successful refresh and the newest seed change it saw (issue 5).
SELECT f.last_success_at, f.last_failure_at, f.seeds_newest_mtime_at_last_success,
       f.articles, f.quarantined,
       r.run_id AS last_run_id, r.status AS last_run_status, r.started_at AS last_run_started_at,
       r.finished_at AS last_run_finished_at, r.mode AS last_run_mode,
       r.trigger_kind AS last_run_trigger, r.message AS last_run_message
FROM v_freshness f
LEFT JOIN v_last_run r ON true
