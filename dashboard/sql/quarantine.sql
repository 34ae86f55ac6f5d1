-- Quarantined files with their reasons.
SELECT source_path, reason, detail, seen_at, run_id, content_sha256
FROM quarantine
ORDER BY seen_at DESC, source_path
LIMIT $limit
