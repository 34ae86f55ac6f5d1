-- Whether the warehouse has the annotation views the claims page reads (a warehouse built
-- before the annotation stage has none of them).
SELECT count(DISTINCT view_name) = 3 AS ready
FROM duckdb_views()
WHERE view_name IN ('v_claims', 'v_red_flags', 'v_credibility')
