-- Per source type: articles, sites, evidence (citations) and commercial signals.
WITH /*@include _article_facts.sql*/
SELECT source_type,
       count(*) AS articles,
       count(DISTINCT site_name) AS sites,
       CAST(sum(citations) AS BIGINT) AS citations,
       round(sum(citations) / count(*), 2) AS citations_per_article,
       count(*) FILTER (WHERE citations > 0) AS articles_with_citations,
       round(count(*) FILTER (WHERE citations > 0) / count(*), 3) AS share_with_citations,
       CAST(sum(citations_with_id) AS BIGINT) AS citations_with_id,
       CAST(sum(mentions) AS BIGINT) AS mentions,
       CAST(sum(signals) AS BIGINT) AS commercial_signals
FROM article_facts
GROUP BY source_type
ORDER BY articles DESC, source_type
