-- Commercial signals per source type and kind, with the share of that type's articles showing it.
WITH per_type AS (SELECT source_type, count(*) AS type_articles FROM articles GROUP BY source_type)
SELECT s.source_type, s.kind, CAST(s.signals AS BIGINT) AS signals, CAST(s.articles AS BIGINT) AS articles,
       p.type_articles, round(s.articles / p.type_articles, 3) AS share_of_articles
FROM v_signals_by_source_type s
JOIN per_type p USING (source_type)
ORDER BY s.source_type, s.kind
