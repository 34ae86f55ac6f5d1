-- Rollups rebuilt whole at the end of every run, after the per-article summaries
-- (warehouse/summaries.sql): small tables the dashboard reads instead of scanning a summary
-- table of every article. A few thousand rows each, rebuilt by reading article_concepts
-- (topic_cells), claims (claim_cells) and red_flags (flag_cells) once.

DELETE FROM topic_cells;

INSERT INTO topic_cells
SELECT concept_id, source_type,
       CAST((asserted > 0)::INT + 2 * (hedged > 0)::INT + 4 * (negated > 0)::INT + 8 * (neutral > 0)::INT AS UTINYINT)
           AS contexts_mask,
       count(*), sum(asserted), sum(hedged), sum(negated), sum(neutral)
FROM article_concepts
GROUP BY ALL;

DELETE FROM claim_cells;

INSERT INTO claim_cells
SELECT c.concept_id, a.source_type, c.voice,
       CASE c.voice WHEN 'own' THEN c.own_stance ELSE c.reported_stance END AS stance, count(*)
FROM claims c
JOIN articles a USING (article_id)
GROUP BY ALL;

DELETE FROM flag_cells;

INSERT INTO flag_cells
SELECT f.basis_id, a.source_type, any_value(f.law || ' ' || f.law_article || coalesce(f.law_item, '')),
       count(*) FILTER (WHERE f.location = 'article'), count(*) FILTER (WHERE f.location = 'chrome'),
       count(DISTINCT f.article_id) FILTER (WHERE f.location = 'article'), count(DISTINCT f.article_id)
FROM red_flags f
JOIN articles a USING (article_id)
GROUP BY ALL;
