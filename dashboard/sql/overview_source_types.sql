-- Articles per source type.
SELECT source_type, count(*) AS articles, count(DISTINCT site_name) AS sites
FROM articles
GROUP BY source_type
ORDER BY articles DESC, source_type
