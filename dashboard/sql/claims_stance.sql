-- Claims (article x disease) by disease, source type, voice and stance, for the diseases
-- with the most claims (at most $limit). Own-voice claims only unless $include_reported:
-- then a claim the page only reports counts too, with voice = 'reported'. all_claims and
-- all_asserted count every disease, not only the top ones.
WITH /*@include _claims_scope.sql*/,
picked AS (
    SELECT c.concept_id, c.canonical_name, s.source_type, c.voice, c.stance, c.article_id
    FROM v_claims c
    JOIN scope s USING (article_id)
    WHERE c.voice = 'own' OR $include_reported::BOOLEAN
),
top AS (
    SELECT concept_id, count(*) AS disease_claims
    FROM picked
    GROUP BY concept_id
    ORDER BY disease_claims DESC, concept_id
    LIMIT $limit
)
SELECT p.concept_id, any_value(p.canonical_name) AS canonical_name, p.source_type, p.voice, p.stance,
       count(*) AS claims, any_value(t.disease_claims) AS disease_claims,
       (SELECT count(*) FROM picked) AS all_claims,
       (SELECT count(*) FILTER (WHERE stance = 'asserted') FROM picked) AS all_asserted
FROM picked p
JOIN top t USING (concept_id)
GROUP BY p.concept_id, p.source_type, p.voice, p.stance
ORDER BY disease_claims DESC, p.concept_id, p.source_type, p.voice, p.stance
