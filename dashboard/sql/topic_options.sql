-- Choices for the topic filters.
SELECT
    (SELECT list(DISTINCT source_type ORDER BY source_type) FROM articles) AS source_types,
    (SELECT list(site_name ORDER BY n DESC, site_name) FROM (
        SELECT site_name, count(*) AS n FROM articles WHERE site_name IS NOT NULL GROUP BY site_name
        ORDER BY n DESC, site_name LIMIT 500)) AS sites,
    (SELECT list(DISTINCT mention_type ORDER BY mention_type) FROM diseases) AS mention_types,
    (SELECT min(published_date) FROM articles) AS date_min,
    (SELECT max(published_date) FROM articles) AS date_max,
    (SELECT count(*) FILTER (WHERE published_date IS NULL) FROM articles) AS undated
