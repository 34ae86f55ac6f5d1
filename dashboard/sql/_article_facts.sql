-- CTE `article_facts`: one row per article, read from the article_stats summary table
-- that every ETL run maintains (warehouse/summaries.sql).
article_facts AS (
    SELECT article_id, source_type, site_name, published_date, citations, citations_with_id, mentions,
           signals, signal_counts
    FROM article_stats
)
