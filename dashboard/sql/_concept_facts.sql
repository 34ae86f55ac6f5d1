-- CTE `concept_facts`: one row per article x disease concept, read from the article_concepts
-- summary table that every ETL run maintains (warehouse/summaries.sql).
concept_facts AS (
    SELECT article_id, concept_id, canonical_name, mention_type, icd10_chapter, source_type, site_name,
           published_date, mentions, asserted, hedged, negated, neutral
    FROM article_concepts
)
