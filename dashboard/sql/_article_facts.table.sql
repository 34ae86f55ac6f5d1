-- CTE `article_facts` read from the materialised article_stats table.
article_facts AS (
    SELECT article_id, source_type, site_name, published_date, citations, citations_with_id, mentions,
           signals, phone, wechat, qq, call_to_action, disclaimer, address
    FROM article_stats
)
