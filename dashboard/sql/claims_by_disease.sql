-- Drill-down: the claims about disease $concept_id, one per article, newest articles first
-- (at most $limit); highlight_start/highlight_end locate the disease in the sentence.
-- The newest articles are picked from article_concepts, which holds the claim's voice and the
-- filtered columns (warehouse/summaries.sql). Their claims are found on narrow columns, and
-- only those rows (and those articles) are then read whole, the claims by rowid. At 100,000
-- articles, joining every claim about a common disease to its article to pick the newest cost
-- 50-80 ms, and reading the wide columns (sentence, ...) of every claim row that the article
-- filter let through cost 15 ms more; this takes about 25 ms. The sentence of a reported claim
-- is read for the article shown (claim_reported_sentence.sql).
WITH picked AS (
    SELECT article_id
    FROM article_concepts
    WHERE concept_id = $concept_id
      AND (claim_voice = 'own' OR (claim_voice = 'reported' AND $include_reported::BOOLEAN))
      AND /*@include _claims_filter.sql*/
    ORDER BY published_date DESC NULLS LAST, article_id
    LIMIT $limit
),
found AS (
    SELECT c.rowid AS claim_row
    FROM claims c
    JOIN picked p USING (article_id)
    WHERE c.concept_id = $concept_id
)
SELECT c.article_id, a.title, a.site_name, a.source_type, a.published_date, c.canonical_name, c.voice,
       CASE c.voice WHEN 'own' THEN c.own_stance ELSE c.reported_stance END AS stance,
       c.wording_class, c.wording_text, c.citation, c.citation_text, a.best_evidence_level, c.sentence,
       c.start_char - c.sentence_start AS highlight_start, c.end_char - c.sentence_start AS highlight_end,
       c.reported_mention_no
FROM claims c
JOIN (SELECT * FROM articles WHERE article_id IN (SELECT article_id FROM picked)) a USING (article_id)
WHERE c.rowid IN (SELECT claim_row FROM found)
ORDER BY a.published_date DESC NULLS LAST, c.article_id
