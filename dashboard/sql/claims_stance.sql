-- Claims (article x disease) under the filters, counted by disease, source type, voice and
-- stance: the grain of the stance chart, its headline figures and the disease choices of the
-- drill-down (dashboard/shaping.py: stance_views picks the top diseases). Own-voice claims
-- only unless $include_reported: then a claim the page only reports counts too, with
-- voice = 'reported'. Without a site or date filter it sums the rollup claim_cells (a few
-- thousand rows, warehouse/rollups.sql); with one, the claims of the articles that pass.
WITH /*@include _claims_scope.sql*/,
grain AS (
    SELECT concept_id, source_type, voice, stance, sum(claims) AS claims
    FROM claim_cells
    WHERE $all_sites AND $all_dates
      AND ($all_source_types OR list_contains($source_types::VARCHAR[], source_type))
      AND (voice = 'own' OR $include_reported::BOOLEAN)
    GROUP BY ALL
    UNION ALL
    SELECT c.concept_id, s.source_type, c.voice,
           CASE c.voice WHEN 'own' THEN c.own_stance ELSE c.reported_stance END AS stance, count(*) AS claims
    FROM claims c
    JOIN scope s USING (article_id)
    WHERE NOT ($all_sites AND $all_dates) AND (c.voice = 'own' OR $include_reported::BOOLEAN)
    GROUP BY ALL
)
SELECT g.concept_id, coalesce(d.canonical_name, g.concept_id) AS canonical_name, g.source_type, g.voice, g.stance,
       CAST(g.claims AS BIGINT) AS claims
FROM grain g
LEFT JOIN diseases d USING (concept_id)
ORDER BY g.concept_id, g.source_type, g.voice, g.stance
