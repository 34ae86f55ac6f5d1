-- CTE `scope`: the articles that pass the claims page's filters (source type, site, dates).
scope AS (
    SELECT article_id, source_type, title, site_name, published_date, best_evidence_level
    FROM articles
    WHERE /*@include _claims_filter.sql*/
)
