-- Drill-down: the claims about disease $concept_id, one per article, newest articles first
-- (at most $limit); highlight_start/highlight_end locate the disease in the sentence.
WITH /*@include _claims_scope.sql*/
SELECT c.article_id, c.title, c.site_name, c.source_type, c.published_date, c.canonical_name, c.voice,
       c.stance, c.wording_class, c.wording_text, c.citation, c.citation_text, c.best_evidence_level,
       c.sentence, c.highlight_start, c.highlight_end, c.reported_sentence
FROM v_claims c
JOIN scope s USING (article_id)
WHERE c.concept_id = $concept_id AND (c.voice = 'own' OR $include_reported::BOOLEAN)
ORDER BY c.published_date DESC NULLS LAST, c.article_id
LIMIT $limit
