-- Articles by JAMA benchmark score (0-4) and source type, with the mean of each criterion.
-- Reads the credibility table, not v_credibility (whose per-article counts of citations and
-- red flags no chart here needs).
WITH /*@include _claims_scope.sql*/
SELECT s.source_type, k.jama_total, count(*) AS articles,
       round(avg(k.jama_authorship), 2) AS authorship, round(avg(k.jama_attribution), 2) AS attribution,
       round(avg(k.jama_disclosure), 2) AS disclosure, round(avg(k.jama_currency), 2) AS currency
FROM credibility k
JOIN scope s USING (article_id)
GROUP BY s.source_type, k.jama_total
ORDER BY s.source_type, k.jama_total
