-- CTE `article_facts`: one row per article with its evidence and commercial-signal counts,
-- derived from the detail tables. Used when the warehouse has no materialised
-- article_stats table (see warehouse/summaries.sql).
article_facts AS (
    SELECT
        a.article_id, a.source_type, a.site_name, a.published_date,
        coalesce(c.citations, 0) AS citations,
        coalesce(c.citations_with_id, 0) AS citations_with_id,
        coalesce(m.mentions, 0) AS mentions,
        coalesce(g.signals, 0) AS signals,
        coalesce(g.phone, 0) AS phone,
        coalesce(g.wechat, 0) AS wechat,
        coalesce(g.qq, 0) AS qq,
        coalesce(g.call_to_action, 0) AS call_to_action,
        coalesce(g.disclaimer, 0) AS disclaimer,
        coalesce(g.address, 0) AS address
    FROM articles a
    LEFT JOIN (
        SELECT article_id, count(*) AS citations,
               count(*) FILTER (WHERE doi IS NOT NULL OR pmid IS NOT NULL) AS citations_with_id
        FROM citations GROUP BY article_id
    ) c USING (article_id)
    LEFT JOIN (SELECT article_id, count(*) AS mentions FROM disease_mentions GROUP BY article_id) m USING (article_id)
    LEFT JOIN (
        SELECT article_id, count(*) AS signals,
               count(*) FILTER (WHERE kind = 'phone') AS phone,
               count(*) FILTER (WHERE kind = 'wechat') AS wechat,
               count(*) FILTER (WHERE kind = 'qq') AS qq,
               count(*) FILTER (WHERE kind = 'call_to_action') AS call_to_action,
               count(*) FILTER (WHERE kind = 'disclaimer') AS disclaimer,
               count(*) FILTER (WHERE kind = 'address') AS address
        FROM commercial_signals GROUP BY article_id
    ) g USING (article_id)
)
