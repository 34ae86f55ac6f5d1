-- Drill-down: the red-flag hits under legal basis $basis_id, newest articles first (at most
-- $limit), with where each hit sits and the article's best evidence level.
WITH /*@include _claims_scope.sql*/
SELECT f.article_id, f.title, f.site_name, f.source_type, f.published_date, f.flag_no, f.rule_id, f.basis_id,
       f.basis, f.location, f.matched_text, f.sentence, f.offset_in_source, f.chrome_text,
       a.best_evidence_level
FROM v_red_flags f
JOIN scope s USING (article_id)
JOIN articles a USING (article_id)
WHERE f.basis_id = $basis_id AND (f.location = 'article' OR $include_chrome::BOOLEAN)
ORDER BY f.published_date DESC NULLS LAST, f.article_id, f.flag_no
LIMIT $limit
