-- Sentences of the selected mentions, newest articles first (at most $limit).
-- The chart selections narrow it: $concepts (bars), $chapters, $cells (concept@source_type).
WITH /*@include _concept_facts.sql*/,
/*@include _topic_selected.sql*/,
pairs AS (
    SELECT article_id, concept_id, published_date
    FROM selected
    WHERE (len($concepts::VARCHAR[]) = 0 OR list_contains($concepts::VARCHAR[], concept_id))
      AND (len($chapters::VARCHAR[]) = 0 OR list_contains($chapters::VARCHAR[], icd10_chapter))
      AND (len($cells::VARCHAR[]) = 0 OR list_contains($cells::VARCHAR[], concept_id || '@' || source_type))
    ORDER BY published_date DESC NULLS LAST, article_id, concept_id
    LIMIT $limit
),
-- Find the rows on the key columns first, then read the wide text columns of those only.
hits AS (
    SELECT m.article_id, m.mention_no, p.published_date
    FROM disease_mentions m
    JOIN pairs p ON p.article_id = m.article_id AND p.concept_id = m.concept_id
    WHERE $all_contexts OR list_contains($contexts::VARCHAR[], m.context)
    ORDER BY p.published_date DESC NULLS LAST, m.article_id, m.mention_no
    LIMIT $limit
)
SELECT m.canonical_name, m.surface, m.context, m.trigger, m.sentence, a.title, a.site_name, a.source_type,
       a.published_date, m.article_id, m.mention_no
FROM hits h
JOIN disease_mentions m ON m.article_id = h.article_id AND m.mention_no = h.mention_no
JOIN articles a ON a.article_id = h.article_id
ORDER BY h.published_date DESC NULLS LAST, h.article_id, h.mention_no
