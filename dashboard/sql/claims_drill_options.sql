-- What the drill-down can pick under the filters: diseases with claims, legal bases with hits.
WITH /*@include _claims_scope.sql*/
SELECT 'disease' AS kind, c.concept_id AS value, any_value(c.canonical_name) AS name, count(*) AS n
FROM v_claims c
JOIN scope s USING (article_id)
WHERE c.voice = 'own' OR $include_reported::BOOLEAN
GROUP BY c.concept_id
UNION ALL
SELECT 'basis' AS kind, f.basis_id AS value, any_value(f.basis) AS name, count(*) AS n
FROM v_red_flags f
JOIN scope s USING (article_id)
WHERE f.location = 'article' OR $include_chrome::BOOLEAN
GROUP BY f.basis_id
ORDER BY kind, n DESC, value
