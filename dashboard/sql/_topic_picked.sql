-- Included (as the CTE `picked`) by the topic_*.sql queries: the mentions that pass the
-- page filters and the chart selections. Empty list parameters mean "no restriction".
picked AS (
    SELECT
        m.article_id, m.mention_no, m.concept_id, m.canonical_name, m.mention_type, m.context,
        m.trigger, m.surface, m.sentence, a.source_type, a.site_name, a.title, a.published_date,
        coalesce(d.icd10_chapter, '(no ICD-10 chapter)') AS icd10_chapter
    FROM disease_mentions m
    JOIN articles a USING (article_id)
    LEFT JOIN diseases d USING (concept_id)
    WHERE (len($source_types::VARCHAR[]) = 0 OR list_contains($source_types::VARCHAR[], a.source_type))
      AND (len($sites::VARCHAR[]) = 0 OR list_contains($sites::VARCHAR[], a.site_name))
      AND (len($mention_types::VARCHAR[]) = 0 OR list_contains($mention_types::VARCHAR[], m.mention_type))
      AND (len($contexts::VARCHAR[]) = 0 OR list_contains($contexts::VARCHAR[], m.context))
      AND CASE WHEN a.published_date IS NULL THEN $include_undated::BOOLEAN
               ELSE a.published_date BETWEEN coalesce($date_from::DATE, DATE '0001-01-01')
                                         AND coalesce($date_to::DATE, DATE '9999-12-31') END
      AND (len($concepts::VARCHAR[]) = 0 OR list_contains($concepts::VARCHAR[], m.concept_id))
      AND (len($chapters::VARCHAR[]) = 0
           OR list_contains($chapters::VARCHAR[], coalesce(d.icd10_chapter, '(no ICD-10 chapter)')))
      AND (len($cells::VARCHAR[]) = 0 OR list_contains($cells::VARCHAR[], m.concept_id || '@' || a.source_type))
)
