-- The topic page's one aggregate: disease x source type with articles and mentions by claim
-- context, for the articles and mentions that pass the filters. Every chart of the page is
-- a sum over these rows (an article has one source type, so article counts add up across
-- source types); the chart selections are applied to it in memory (dashboard/shaping.py).
WITH /*@include _concept_facts.sql*/,
/*@include _topic_selected.sql*/
SELECT concept_id, any_value(canonical_name) AS canonical_name, any_value(mention_type) AS mention_type,
       any_value(icd10_chapter) AS icd10_chapter, source_type,
       count(*) AS articles,
       CAST(sum(mentions) AS BIGINT) AS mentions,
       CAST(sum(asserted) AS BIGINT) AS asserted, CAST(sum(hedged) AS BIGINT) AS hedged,
       CAST(sum(negated) AS BIGINT) AS negated, CAST(sum(neutral) AS BIGINT) AS neutral
FROM selected
GROUP BY concept_id, source_type
ORDER BY concept_id, source_type
