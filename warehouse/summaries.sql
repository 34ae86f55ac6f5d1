-- Summary tables maintained by every run for the articles in the temporary table _ids
-- (the articles the run (re)loaded). Rows of removed or reloaded articles are deleted with
-- the article. The dashboard reads these instead of aggregating every mention per page view.
-- Rows are written in article-id order, as the run writes every article table (etl/load/plan.py),
-- so a lookup of a few articles reads a few row groups.

-- Mentions are counted per article and concept first, then joined to their article and concept:
-- aggregating over the join kept every mention row's copied columns in memory and ran out of the
-- writer's capped memory (96 MB) over 10,000 articles, this form summarises them in 48 MB.
INSERT INTO article_concepts
SELECT m.article_id, m.concept_id, m.canonical_name, m.mention_type, d.icd10_chapter, a.source_type, a.site_name,
       a.published_date, m.mentions, m.asserted, m.hedged, m.negated, m.neutral, m.first_char, c.voice
FROM (SELECT article_id, concept_id, any_value(canonical_name) AS canonical_name,
             any_value(mention_type) AS mention_type,
             count(*) AS mentions,
             count(*) FILTER (WHERE context = 'asserted') AS asserted,
             count(*) FILTER (WHERE context = 'hedged') AS hedged,
             count(*) FILTER (WHERE context = 'negated') AS negated,
             count(*) FILTER (WHERE context = 'neutral') AS neutral,
             min(start_char) AS first_char
      FROM disease_mentions
      WHERE article_id IN (SELECT article_id FROM _ids)
      GROUP BY article_id, concept_id) m
JOIN articles a USING (article_id)
LEFT JOIN diseases d USING (concept_id)
LEFT JOIN (SELECT article_id, concept_id, voice
           FROM claims WHERE article_id IN (SELECT article_id FROM _ids)) c USING (article_id, concept_id)
ORDER BY m.article_id, m.concept_id;

INSERT INTO article_stats
SELECT a.article_id, a.source_type, a.site_name, a.published_date,
       coalesce(c.citations, 0), coalesce(c.citations_with_id, 0), coalesce(m.mentions, 0),
       coalesce(g.signals, 0), coalesce(g.signal_counts, MAP {}),
       k.jama_total, k.jama_authorship, k.jama_attribution, k.jama_disclosure, k.jama_currency
FROM articles a
LEFT JOIN (SELECT article_id, count(*) AS citations,
                  count(*) FILTER (WHERE doi IS NOT NULL OR pmid IS NOT NULL) AS citations_with_id
           FROM citations WHERE article_id IN (SELECT article_id FROM _ids) GROUP BY article_id) c USING (article_id)
LEFT JOIN (SELECT article_id, count(*) AS mentions
           FROM disease_mentions WHERE article_id IN (SELECT article_id FROM _ids) GROUP BY article_id) m USING (article_id)
LEFT JOIN (SELECT article_id, sum(n) AS signals, map_from_entries(list((kind, n) ORDER BY kind)) AS signal_counts
           FROM (SELECT article_id, kind, count(*)::INTEGER AS n
                 FROM commercial_signals WHERE article_id IN (SELECT article_id FROM _ids) GROUP BY article_id, kind)
           GROUP BY article_id) g USING (article_id)
LEFT JOIN (SELECT article_id, jama_total, jama_authorship, jama_attribution, jama_disclosure, jama_currency
           FROM credibility WHERE article_id IN (SELECT article_id FROM _ids)) k USING (article_id)
WHERE a.article_id IN (SELECT article_id FROM _ids)
ORDER BY a.article_id;
