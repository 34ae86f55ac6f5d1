-- Rollups: small tables the dashboard and curators read instead of aggregating a per-article
-- table, rebuilt at the end of every run for the keys in the temporary tables _concepts
-- (topic_cells, claim_cells), _bases (flag_cells) and _terms (lexicon_candidates). A full rebuild
-- lists every key, a refresh lists the keys of the articles it changed, before and after
-- (warehouse/rollup_keys.sql), so its cost follows the change, and the rows equal those of a
-- rebuild over every key. topic_cells and claim_cells sum each article's part
-- (warehouse/rollup_parts.sql), and a refresh changes them by the parts it changed instead
-- (warehouse/rollup_deltas.sql), which reads only those articles' rows.

DELETE FROM topic_cells WHERE concept_id IN (SELECT concept_id FROM _concepts);

INSERT INTO topic_cells
SELECT concept_id, source_type, contexts_mask, count(*), sum(asserted), sum(hedged), sum(negated), sum(neutral)
FROM _topic_parts
WHERE concept_id IN (SELECT concept_id FROM _concepts)
GROUP BY ALL;

DELETE FROM claim_cells WHERE concept_id IN (SELECT concept_id FROM _concepts);

INSERT INTO claim_cells
SELECT concept_id, source_type, voice, stance, count(*)
FROM _claim_parts
WHERE concept_id IN (SELECT concept_id FROM _concepts)
GROUP BY ALL;

DELETE FROM flag_cells WHERE basis_id IN (SELECT basis_id FROM _bases);

INSERT INTO flag_cells
SELECT f.basis_id, a.source_type, any_value(f.law || ' ' || f.law_article || coalesce(f.law_item, '')),
       count(*) FILTER (WHERE f.location = 'article'), count(*) FILTER (WHERE f.location = 'chrome'),
       count(DISTINCT f.article_id) FILTER (WHERE f.location = 'article'), count(DISTINCT f.article_id)
FROM red_flags f
JOIN articles a USING (article_id)
WHERE f.basis_id IN (SELECT basis_id FROM _bases)
GROUP BY ALL;

DELETE FROM lexicon_candidates WHERE term IN (SELECT term FROM _terms);

INSERT INTO lexicon_candidates
SELECT term, sum(occurrences), count(*), arg_min(example_sentence, article_id), min(article_id)
FROM candidate_terms
WHERE term IN (SELECT term FROM _terms)
GROUP BY term;
