-- CTE `concept_facts`: one row per article x disease concept, derived from disease_mentions.
-- Used when the warehouse has no materialised article_concepts table (see
-- warehouse/summaries.sql): same columns, but a GROUP BY over every mention per query.
concept_facts AS (
    SELECT
        m.article_id, m.concept_id,
        any_value(m.canonical_name) AS canonical_name,
        any_value(m.mention_type) AS mention_type,
        any_value(d.icd10_chapter) AS icd10_chapter,
        any_value(a.source_type) AS source_type,
        any_value(a.site_name) AS site_name,
        any_value(a.published_date) AS published_date,
        count(*) AS mentions,
        count(*) FILTER (WHERE m.context = 'asserted') AS asserted,
        count(*) FILTER (WHERE m.context = 'hedged') AS hedged,
        count(*) FILTER (WHERE m.context = 'negated') AS negated,
        count(*) FILTER (WHERE m.context = 'neutral') AS neutral
    FROM disease_mentions m
    JOIN articles a USING (article_id)
    LEFT JOIN diseases d USING (concept_id)
    GROUP BY m.article_id, m.concept_id
)
