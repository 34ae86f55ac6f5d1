-- Per source type: articles, sites, evidence and commercial signals.
-- Same numbers as v_source_type_summary, aggregated without its per-article subqueries.
WITH cit AS (
    SELECT article_id, count(*) AS citations,
           count(*) FILTER (WHERE doi IS NOT NULL OR pmid IS NOT NULL) AS with_id
    FROM citations GROUP BY article_id
),
men AS (SELECT article_id, count(*) AS mentions FROM disease_mentions GROUP BY article_id),
sig AS (SELECT article_id, count(*) AS signals FROM commercial_signals GROUP BY article_id)
SELECT a.source_type,
       count(*) AS articles,
       count(DISTINCT a.site_name) AS sites,
       CAST(coalesce(sum(cit.citations), 0) AS BIGINT) AS citations,
       round(coalesce(sum(cit.citations), 0) / count(*), 2) AS citations_per_article,
       count(cit.article_id) AS articles_with_citations,
       round(count(cit.article_id) / count(*), 3) AS share_with_citations,
       CAST(coalesce(sum(cit.with_id), 0) AS BIGINT) AS citations_with_id,
       CAST(coalesce(sum(men.mentions), 0) AS BIGINT) AS mentions,
       CAST(coalesce(sum(sig.signals), 0) AS BIGINT) AS commercial_signals
FROM articles a
LEFT JOIN cit USING (article_id)
LEFT JOIN men USING (article_id)
LEFT JOIN sig USING (article_id)
GROUP BY a.source_type
ORDER BY articles DESC, a.source_type
