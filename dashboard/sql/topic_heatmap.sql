-- Disease x source type: articles and mentions, for the $top_n diseases with most mentions.
WITH /*@include _topic_picked.sql*/,
cells AS (
    SELECT concept_id, canonical_name, source_type,
           count(DISTINCT article_id) AS articles, count(*) AS mentions
    FROM picked
    GROUP BY ALL
),
top AS (
    SELECT concept_id, CAST(sum(mentions) AS BIGINT) AS total
    FROM cells GROUP BY concept_id
    ORDER BY total DESC, concept_id LIMIT $top_n
)
SELECT c.concept_id, c.canonical_name, c.source_type, c.articles, c.mentions, t.total AS disease_mentions
FROM cells c JOIN top t USING (concept_id)
ORDER BY t.total DESC, c.concept_id, c.source_type
