-- Drill-down: the claims about disease $concept_id, one per article, newest articles first
-- (at most $limit); highlight_start/highlight_end locate the disease in the sentence. The
-- newest claims are picked on narrow columns, then the rest of their rows is fetched by rowid
-- (reading the sentences of every claim about a common disease cost most of the page). The
-- sentence of a reported claim is read for the article shown (claim_reported_sentence.sql).
WITH /*@include _claims_scope.sql*/,
picked AS (
    SELECT c.rowid AS claim_row, s.*
    FROM claims c
    JOIN scope s USING (article_id)
    WHERE c.concept_id = $concept_id AND (c.voice = 'own' OR $include_reported::BOOLEAN)
    ORDER BY s.published_date DESC NULLS LAST, c.article_id
    LIMIT $limit
)
SELECT c.article_id, p.title, p.site_name, p.source_type, p.published_date, c.canonical_name, c.voice,
       CASE c.voice WHEN 'own' THEN c.own_stance ELSE c.reported_stance END AS stance,
       c.wording_class, c.wording_text, c.citation, c.citation_text, p.best_evidence_level, c.sentence,
       c.start_char - c.sentence_start AS highlight_start, c.end_char - c.sentence_start AS highlight_end,
       c.reported_mention_no
FROM claims c
JOIN picked p ON p.claim_row = c.rowid
WHERE c.rowid IN (SELECT claim_row FROM picked)
ORDER BY p.published_date DESC NULLS LAST, c.article_id
