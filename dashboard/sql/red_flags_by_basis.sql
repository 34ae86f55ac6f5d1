-- Drill-down: the red-flag hits under legal basis $basis_id, newest articles first (at most
-- $limit), with where each hit sits and the article's best evidence level.
WITH /*@include _claims_scope.sql*/
SELECT f.article_id, s.title, s.site_name, s.source_type, s.published_date, f.flag_no, f.rule_id, f.basis_id,
       /*@include _basis.sql*/ AS basis, f.location, f.matched_text, f.sentence,
       CASE WHEN f.location = 'article' THEN f.start_char ELSE f.chrome_start END AS offset_in_source, f.chrome_text,
       s.best_evidence_level
FROM red_flags f
JOIN scope s USING (article_id)
WHERE f.basis_id = $basis_id AND (f.location = 'article' OR $include_chrome::BOOLEAN)
ORDER BY s.published_date DESC NULLS LAST, f.article_id, f.flag_no
LIMIT $limit
