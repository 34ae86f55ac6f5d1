SELECT count(*) FILTER (WHERE published_date IS NULL) AS undated, count(*) AS articles FROM articles
