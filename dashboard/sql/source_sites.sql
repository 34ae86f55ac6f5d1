-- Sites with most articles.
WITH /*@include _article_facts.sql*/
SELECT coalesce(site_name, '(unknown site)') AS site_name, source_type,
       count(*) AS articles,
       CAST(sum(mentions) AS BIGINT) AS mentions,
       CAST(sum(citations) AS BIGINT) AS citations,
       CAST(sum(signals) AS BIGINT) AS commercial_signals,
       min(published_date) AS first_published, max(published_date) AS last_published
FROM article_facts
GROUP BY ALL
ORDER BY articles DESC, site_name, source_type
LIMIT $limit
