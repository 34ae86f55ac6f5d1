-- Rollups rebuilt whole at the end of every run, after the per-article summaries
-- (warehouse/summaries.sql): small tables the dashboard reads instead of scanning a summary
-- table of every article. A few thousand rows, rebuilt by reading article_concepts once.

DELETE FROM topic_cells;

INSERT INTO topic_cells
SELECT concept_id, source_type,
       CAST((asserted > 0)::INT + 2 * (hedged > 0)::INT + 4 * (negated > 0)::INT + 8 * (neutral > 0)::INT AS UTINYINT)
           AS contexts_mask,
       count(*), sum(asserted), sum(hedged), sum(negated), sum(neutral)
FROM article_concepts
GROUP BY ALL;
