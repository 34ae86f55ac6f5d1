-- CTE `selected` (after concept_facts): the article x concept rows that pass the topic
-- filters, with the mention counts of the chosen claim contexts; a row counts when its
-- `mentions` > 0. Empty list parameters mean "no restriction".
picked AS (
    SELECT
        f.article_id, f.concept_id, f.canonical_name, f.mention_type, f.source_type, f.published_date,
        coalesce(f.icd10_chapter, '(no ICD-10 chapter)') AS icd10_chapter,
        CASE WHEN $all_contexts OR list_contains($contexts::VARCHAR[], 'asserted') THEN f.asserted ELSE 0 END AS asserted,
        CASE WHEN $all_contexts OR list_contains($contexts::VARCHAR[], 'hedged') THEN f.hedged ELSE 0 END AS hedged,
        CASE WHEN $all_contexts OR list_contains($contexts::VARCHAR[], 'negated') THEN f.negated ELSE 0 END AS negated,
        CASE WHEN $all_contexts OR list_contains($contexts::VARCHAR[], 'neutral') THEN f.neutral ELSE 0 END AS neutral
    FROM concept_facts f
    WHERE ($all_source_types OR list_contains($source_types::VARCHAR[], f.source_type))
      AND ($all_sites OR list_contains($sites::VARCHAR[], f.site_name))
      AND ($all_mention_types OR list_contains($mention_types::VARCHAR[], f.mention_type))
      AND ($all_dates OR CASE WHEN f.published_date IS NULL THEN $include_undated::BOOLEAN
               ELSE f.published_date BETWEEN coalesce($date_from::DATE, DATE '0001-01-01')
                                         AND coalesce($date_to::DATE, DATE '9999-12-31') END)
),
selected AS (
    SELECT *, asserted + hedged + negated + neutral AS mentions
    FROM picked
    WHERE asserted + hedged + negated + neutral > 0
)
