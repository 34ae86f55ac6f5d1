-- Sites with most articles.
WITH cit AS (SELECT article_id, count(*) AS citations FROM citations GROUP BY article_id),
men AS (SELECT article_id, count(*) AS mentions FROM disease_mentions GROUP BY article_id),
sig AS (SELECT article_id, count(*) AS signals FROM commercial_signals GROUP BY article_id)
SELECT coalesce(a.site_name, '(unknown site)') AS site_name, a.source_type,
       count(*) AS articles,
       CAST(coalesce(sum(men.mentions), 0) AS BIGINT) AS mentions,
       CAST(coalesce(sum(cit.citations), 0) AS BIGINT) AS citations,
       CAST(coalesce(sum(sig.signals), 0) AS BIGINT) AS commercial_signals,
       min(a.published_date) AS first_published, max(a.published_date) AS last_published
FROM articles a
LEFT JOIN cit USING (article_id)
LEFT JOIN men USING (article_id)
LEFT JOIN sig USING (article_id)
GROUP BY ALL
ORDER BY articles DESC, site_name, a.source_type
LIMIT $limit
