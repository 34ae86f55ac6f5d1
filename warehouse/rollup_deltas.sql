-- A refresh's change to topic_cells and claim_cells, kept in the temporary tables _topic_delta and
-- _claim_delta. The parts (warehouse/rollup_parts.sql) of the articles in _ids are added with the
-- sign ? : -1 just before their rows are deleted, 1 once their new rows are written. Counts add
-- up, so the rollups it yields equal a rebuild (tests/test_refresh_delta.py), and the cost follows
-- the articles changed, where a rebuild of a concept's cells reads every article that names it.

INSERT INTO _topic_delta
SELECT concept_id, source_type, contexts_mask, $sign * count(*), $sign * sum(asserted), $sign * sum(hedged),
       $sign * sum(negated), $sign * sum(neutral)
FROM _topic_parts
WHERE article_id IN (SELECT article_id FROM _ids)
GROUP BY ALL;

INSERT INTO _claim_delta
SELECT concept_id, source_type, voice, stance, $sign * count(*)
FROM _claim_parts
WHERE article_id IN (SELECT article_id FROM _ids)
GROUP BY ALL;
