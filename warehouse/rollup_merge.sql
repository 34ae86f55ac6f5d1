-- Apply _topic_delta and _claim_delta (warehouse/rollup_deltas.sql) to the rollups: every cell of a
-- changed concept is summed with its change, and a cell left with no article is dropped.

CREATE OR REPLACE TEMP TABLE _merged AS
SELECT concept_id, source_type, contexts_mask, sum(articles) AS articles, sum(asserted) AS asserted,
       sum(hedged) AS hedged, sum(negated) AS negated, sum(neutral) AS neutral
FROM (SELECT * FROM topic_cells WHERE concept_id IN (SELECT concept_id FROM _topic_delta)
      UNION ALL
      SELECT * FROM _topic_delta)
GROUP BY concept_id, source_type, contexts_mask
HAVING sum(articles) > 0;

DELETE FROM topic_cells WHERE concept_id IN (SELECT concept_id FROM _topic_delta);

INSERT INTO topic_cells SELECT * FROM _merged;

CREATE OR REPLACE TEMP TABLE _merged AS
SELECT concept_id, source_type, voice, stance, sum(claims) AS claims
FROM (SELECT * FROM claim_cells WHERE concept_id IN (SELECT concept_id FROM _claim_delta)
      UNION ALL
      SELECT * FROM _claim_delta)
GROUP BY concept_id, source_type, voice, stance
HAVING sum(claims) > 0;

DELETE FROM claim_cells WHERE concept_id IN (SELECT concept_id FROM _claim_delta);

INSERT INTO claim_cells SELECT * FROM _merged;

DROP TABLE _merged;
