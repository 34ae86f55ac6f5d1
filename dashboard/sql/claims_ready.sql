-- Whether the warehouse has what the claims page reads: the annotation views and the claims
-- rollups (a warehouse built before the annotation stage, or before the rollups, lacks them;
-- the next ETL run rebuilds it).
SELECT (SELECT count(DISTINCT view_name) FROM duckdb_views()
        WHERE view_name IN ('v_claims', 'v_red_flags', 'v_credibility')) = 3
   AND (SELECT count(DISTINCT table_name) FROM duckdb_tables()
        WHERE table_name IN ('claim_cells', 'flag_cells')) = 2 AS ready
