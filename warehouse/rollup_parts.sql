-- Each article's part in the rollups topic_cells and claim_cells (warehouse/rollups.sql): one row
-- per article and cell, as temporary views of the connection that maintains the rollups. A
-- rebuild sums the parts of every article holding a key, and a refresh adds the parts of the
-- articles it wrote and subtracts those of the rows it deleted (warehouse/rollup_deltas.sql).

CREATE OR REPLACE TEMP VIEW _topic_parts AS
SELECT article_id, concept_id, source_type,
       CAST((asserted > 0)::INT + 2 * (hedged > 0)::INT + 4 * (negated > 0)::INT + 8 * (neutral > 0)::INT AS UTINYINT)
           AS contexts_mask,
       asserted, hedged, negated, neutral
FROM article_concepts;

CREATE OR REPLACE TEMP VIEW _claim_parts AS
SELECT c.article_id, c.concept_id, a.source_type, c.voice,
       CASE c.voice WHEN 'own' THEN c.own_stance ELSE c.reported_stance END AS stance
FROM claims c
JOIN articles a USING (article_id);
