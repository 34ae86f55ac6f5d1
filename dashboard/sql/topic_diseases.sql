-- Top diseases by articles, with the claim contexts of their mentions.
WITH /*@include _topic_picked.sql*/
SELECT concept_id, canonical_name, any_value(icd10_chapter) AS icd10_chapter,
       count(DISTINCT article_id) AS articles, count(*) AS mentions,
       count(*) FILTER (WHERE context = 'asserted') AS asserted,
       count(*) FILTER (WHERE context = 'hedged') AS hedged,
       count(*) FILTER (WHERE context = 'negated') AS negated,
       count(*) FILTER (WHERE context = 'neutral') AS neutral
FROM picked
GROUP BY concept_id, canonical_name
ORDER BY articles DESC, mentions DESC, concept_id
LIMIT $limit
