-- The rollup keys (warehouse/rollups.sql) of the articles in the temporary table _ids, added to
-- _concepts, _bases and _terms. A refresh runs this before it deletes an article's rows and again after
-- it wrote the new ones: a concept or term the article had or has now is recomputed.

INSERT INTO _concepts SELECT DISTINCT concept_id FROM article_concepts WHERE article_id IN (SELECT article_id FROM _ids);

INSERT INTO _concepts SELECT DISTINCT concept_id FROM claims WHERE article_id IN (SELECT article_id FROM _ids);

INSERT INTO _bases SELECT DISTINCT basis_id FROM red_flags WHERE article_id IN (SELECT article_id FROM _ids);

INSERT INTO _terms SELECT DISTINCT term FROM candidate_terms WHERE article_id IN (SELECT article_id FROM _ids);
