-- Diseases claimed in most articles: an article claims a disease when one of its mentions is
-- asserted or hedged (a side effect listed in a warning, or a disease named in passing, is not a
-- claim). `mentioned` counts every article that names it; `other` those that name it without a claim.
WITH /*@include _concept_facts.sql*/
SELECT concept_id, any_value(canonical_name) AS canonical_name, any_value(mention_type) AS mention_type,
       count(*) FILTER (WHERE asserted + hedged > 0) AS claimed,
       count(*) FILTER (WHERE asserted + hedged = 0) AS other,
       count(*) AS mentioned, CAST(sum(mentions) AS BIGINT) AS mentions
FROM concept_facts
GROUP BY concept_id
ORDER BY claimed DESC, mentioned DESC, concept_id
LIMIT $limit
