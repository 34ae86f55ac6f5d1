-- Red-flag hits and flagged articles by legal basis and source type. Hits in the article
-- text only unless $include_chrome: then hits in the page chrome (contact blocks, footers)
-- count too.
WITH /*@include _claims_scope.sql*/
SELECT f.basis_id, any_value(f.basis) AS basis, s.source_type, count(*) AS hits,
       count(DISTINCT f.article_id) AS articles
FROM v_red_flags f
JOIN scope s USING (article_id)
WHERE f.location = 'article' OR $include_chrome::BOOLEAN
GROUP BY f.basis_id, s.source_type
ORDER BY f.basis_id, s.source_type
