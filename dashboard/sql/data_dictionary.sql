-- Tables and views of the warehouse with their columns and COMMENTs, for the SQL console.
WITH objects AS (
    SELECT table_name AS name, 'table' AS kind, comment FROM duckdb_tables()
    WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND NOT temporary
    UNION ALL
    SELECT view_name, 'view', comment FROM duckdb_views()
    WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND NOT temporary
)
SELECT o.kind, o.name AS table_name, o.comment AS table_comment, c.column_index, c.column_name,
       c.data_type, c.comment AS column_comment
FROM objects o
JOIN duckdb_columns() c
  ON c.database_name = current_database() AND c.schema_name = 'main' AND c.table_name = o.name
ORDER BY o.kind, o.name, c.column_index
