-- The claims page's filters (source type, site, dates) as a predicate over the columns
-- source_type, site_name and published_date, which articles and article_stats both have.
-- Empty list parameters mean "no restriction"; the all_* flags let DuckDB skip a filter.
(($all_source_types OR list_contains($source_types::VARCHAR[], source_type))
  AND ($all_sites OR list_contains($sites::VARCHAR[], site_name))
  AND ($all_dates OR CASE WHEN published_date IS NULL THEN $include_undated::BOOLEAN
           ELSE published_date BETWEEN coalesce($date_from::DATE, DATE '0001-01-01')
                                   AND coalesce($date_to::DATE, DATE '9999-12-31') END))
