-- Claim context of the selected mentions, per source type.
WITH /*@include _topic_picked.sql*/
SELECT source_type, context, count(*) AS mentions, count(DISTINCT article_id) AS articles
FROM picked
GROUP BY ALL
ORDER BY source_type, context
