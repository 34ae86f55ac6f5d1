-- Headline counts.
SELECT
    (SELECT count(*) FROM articles)                     AS articles,
    (SELECT count(DISTINCT site_name) FROM articles)    AS sites,
    (SELECT count(DISTINCT concept_id) FROM disease_mentions) AS diseases,
    (SELECT count(*) FROM diseases)                     AS lexicon_concepts,
    (SELECT count(*) FROM disease_mentions)             AS mentions,
    (SELECT count(*) FROM citations)                    AS citations,
    (SELECT count(*) FROM quarantine)                   AS quarantined
