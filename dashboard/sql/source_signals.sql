-- Commercial signals per source type and kind, with the share of that type's articles showing it.
WITH /*@include _article_facts.sql*/,
per_type AS (
    SELECT source_type, count(*) AS type_articles,
           sum(phone) AS phone_n, count(*) FILTER (WHERE phone > 0) AS phone_a,
           sum(wechat) AS wechat_n, count(*) FILTER (WHERE wechat > 0) AS wechat_a,
           sum(qq) AS qq_n, count(*) FILTER (WHERE qq > 0) AS qq_a,
           sum(call_to_action) AS cta_n, count(*) FILTER (WHERE call_to_action > 0) AS cta_a,
           sum(disclaimer) AS disclaimer_n, count(*) FILTER (WHERE disclaimer > 0) AS disclaimer_a,
           sum(address) AS address_n, count(*) FILTER (WHERE address > 0) AS address_a
    FROM article_facts
    GROUP BY source_type
),
long AS (
    SELECT source_type, 'phone' AS kind, phone_n AS signals, phone_a AS articles, type_articles FROM per_type
    UNION ALL SELECT source_type, 'wechat', wechat_n, wechat_a, type_articles FROM per_type
    UNION ALL SELECT source_type, 'qq', qq_n, qq_a, type_articles FROM per_type
    UNION ALL SELECT source_type, 'call_to_action', cta_n, cta_a, type_articles FROM per_type
    UNION ALL SELECT source_type, 'disclaimer', disclaimer_n, disclaimer_a, type_articles FROM per_type
    UNION ALL SELECT source_type, 'address', address_n, address_a, type_articles FROM per_type
)
SELECT source_type, kind, CAST(signals AS BIGINT) AS signals, articles, type_articles,
       round(articles / type_articles, 3) AS share_of_articles
FROM long
WHERE signals > 0
ORDER BY source_type, kind
