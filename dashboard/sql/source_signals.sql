-- Commercial signals per source type and kind, with the share of that type's articles showing it.
-- Kinds come from article_stats.signal_counts, so a new signal kind needs no edit here.
WITH /*@include _article_facts.sql*/,
per_type AS (
    SELECT source_type, count(*) AS type_articles FROM article_facts GROUP BY source_type
),
per_kind AS (
    SELECT source_type, e.key AS kind, sum(e.value) AS signals, count(*) AS articles
    FROM (SELECT source_type, unnest(map_entries(signal_counts)) AS e FROM article_facts)
    GROUP BY source_type, e.key
)
SELECT k.source_type, k.kind, CAST(k.signals AS BIGINT) AS signals, k.articles, t.type_articles,
       round(k.articles / t.type_articles, 3) AS share_of_articles
FROM per_kind k
JOIN per_type t USING (source_type)
WHERE k.signals > 0
ORDER BY k.source_type, k.kind
