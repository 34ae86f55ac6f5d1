-- Diseases mentioned in most articles.
WITH /*@include _concept_facts.sql*/
SELECT concept_id, any_value(canonical_name) AS canonical_name, any_value(mention_type) AS mention_type,
       count(*) AS articles, CAST(sum(mentions) AS BIGINT) AS mentions
FROM concept_facts
GROUP BY concept_id
ORDER BY articles DESC, mentions DESC, concept_id
LIMIT $limit
