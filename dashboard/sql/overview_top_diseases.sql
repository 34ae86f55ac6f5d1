-- Diseases mentioned in most articles (an article has one source type, so the sum is exact).
SELECT concept_id, canonical_name, mention_type,
       CAST(sum(articles) AS BIGINT) AS articles, CAST(sum(mentions) AS BIGINT) AS mentions
FROM v_topic_coverage
GROUP BY concept_id, canonical_name, mention_type
ORDER BY articles DESC, mentions DESC, concept_id
LIMIT $limit
