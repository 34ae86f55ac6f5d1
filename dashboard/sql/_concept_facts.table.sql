-- CTE `concept_facts` read from the materialised article_concepts table.
concept_facts AS (
    SELECT article_id, concept_id, canonical_name, mention_type, icd10_chapter, source_type, site_name,
           published_date, mentions, asserted, hedged, negated, neutral
    FROM article_concepts
)
