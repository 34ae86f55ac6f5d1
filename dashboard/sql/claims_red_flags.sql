-- Red-flag hits and flagged articles by legal basis and source type. Hits in the article
-- text only unless $include_chrome: then hits in the page chrome (contact blocks, footers)
-- count too. Without a site or date filter it reads the rollup flag_cells
-- (warehouse/rollups.sql); with one, the hits of the articles that pass. The drill-down's
-- legal bases are summed from these rows (dashboard/shaping.py: basis_options).
WITH /*@include _claims_scope.sql*/
SELECT basis_id, basis, source_type,
       CAST(CASE WHEN $include_chrome::BOOLEAN THEN text_hits + chrome_hits ELSE text_hits END AS BIGINT) AS hits,
       CAST(CASE WHEN $include_chrome::BOOLEAN THEN articles ELSE text_articles END AS BIGINT) AS articles
FROM flag_cells
WHERE $all_sites AND $all_dates
  AND ($all_source_types OR list_contains($source_types::VARCHAR[], source_type))
  AND (text_hits > 0 OR $include_chrome::BOOLEAN)
UNION ALL
SELECT f.basis_id, any_value(/*@include _basis.sql*/) AS basis, s.source_type, count(*) AS hits,
       count(DISTINCT f.article_id) AS articles
FROM red_flags f
JOIN scope s USING (article_id)
WHERE NOT ($all_sites AND $all_dates) AND (f.location = 'article' OR $include_chrome::BOOLEAN)
GROUP BY f.basis_id, s.source_type
ORDER BY basis_id, source_type
