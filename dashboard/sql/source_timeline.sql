-- Articles per publication month and source type (undated articles are counted apart).
SELECT date_trunc('month', published_date)::DATE AS month, source_type, count(*) AS articles
FROM articles
WHERE published_date IS NOT NULL
GROUP BY ALL
ORDER BY month, source_type
