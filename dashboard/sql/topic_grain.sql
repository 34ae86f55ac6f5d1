-- The topic page's one aggregate: disease x source type with articles and mentions by claim
-- context, for the articles and mentions that pass the filters. Every chart of the page is
-- a sum over these rows (an article has one source type, so article counts add up across
-- source types); the chart selections are applied to it in memory (dashboard/shaping.py).
-- Without a site or date filter it sums the rollup topic_cells (a few thousand rows,
-- warehouse/rollups.sql); with one, the article x concept rows that pass the filters.
WITH /*@include _concept_facts.sql*/,
/*@include _topic_selected.sql*/,
wanted AS (
    SELECT ($all_contexts OR list_contains($contexts::VARCHAR[], 'asserted')) AS a,
           ($all_contexts OR list_contains($contexts::VARCHAR[], 'hedged')) AS h,
           ($all_contexts OR list_contains($contexts::VARCHAR[], 'negated')) AS n,
           ($all_contexts OR list_contains($contexts::VARCHAR[], 'neutral')) AS u
),
rolled AS (
    SELECT c.concept_id, c.source_type,
           sum(c.articles) AS articles,
           sum(CASE WHEN w.a THEN c.asserted ELSE 0 END) AS asserted,
           sum(CASE WHEN w.h THEN c.hedged ELSE 0 END) AS hedged,
           sum(CASE WHEN w.n THEN c.negated ELSE 0 END) AS negated,
           sum(CASE WHEN w.u THEN c.neutral ELSE 0 END) AS neutral
    FROM topic_cells c
    CROSS JOIN wanted w
    LEFT JOIN diseases d USING (concept_id)
    WHERE $all_sites AND $all_dates
      AND (c.contexts_mask & (w.a::INT + 2 * w.h::INT + 4 * w.n::INT + 8 * w.u::INT)) != 0
      AND ($all_source_types OR list_contains($source_types::VARCHAR[], c.source_type))
      AND ($all_mention_types OR list_contains($mention_types::VARCHAR[], d.mention_type))
    GROUP BY c.concept_id, c.source_type
),
detailed AS (
    SELECT concept_id, source_type, count(*) AS articles,
           sum(asserted) AS asserted, sum(hedged) AS hedged, sum(negated) AS negated, sum(neutral) AS neutral
    FROM selected
    WHERE NOT ($all_sites AND $all_dates)
    GROUP BY concept_id, source_type
),
cells AS (
    SELECT * FROM rolled
    UNION ALL
    SELECT * FROM detailed
)
SELECT c.concept_id, d.canonical_name, d.mention_type, coalesce(d.icd10_chapter, '(no ICD-10 chapter)') AS icd10_chapter,
       c.source_type,
       CAST(c.articles AS BIGINT) AS articles,
       CAST(c.asserted + c.hedged + c.negated + c.neutral AS BIGINT) AS mentions,
       CAST(c.asserted AS BIGINT) AS asserted, CAST(c.hedged AS BIGINT) AS hedged,
       CAST(c.negated AS BIGINT) AS negated, CAST(c.neutral AS BIGINT) AS neutral
FROM cells c
LEFT JOIN diseases d USING (concept_id)
ORDER BY c.concept_id, c.source_type
