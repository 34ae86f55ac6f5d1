-- Summary tables maintained by every run for the articles in the temporary table _ids
-- (the articles the run (re)loaded). Rows of removed or reloaded articles are deleted with
-- the article. The dashboard reads these instead of aggregating every mention per page view.

INSERT INTO article_concepts
SELECT m.article_id, m.concept_id, any_value(m.canonical_name), any_value(m.mention_type),
       any_value(d.icd10_chapter), any_value(a.source_type), any_value(a.site_name), any_value(a.published_date),
       count(*),
       count(*) FILTER (WHERE m.context = 'asserted'),
       count(*) FILTER (WHERE m.context = 'hedged'),
       count(*) FILTER (WHERE m.context = 'negated'),
       count(*) FILTER (WHERE m.context = 'neutral'),
       min(m.start_char)
FROM disease_mentions m
JOIN articles a USING (article_id)
LEFT JOIN diseases d USING (concept_id)
WHERE m.article_id IN (SELECT article_id FROM _ids)
GROUP BY m.article_id, m.concept_id;

INSERT INTO article_stats
SELECT a.article_id, a.source_type, a.site_name, a.published_date,
       coalesce(c.citations, 0), coalesce(c.citations_with_id, 0), coalesce(m.mentions, 0),
       coalesce(g.signals, 0), coalesce(g.signal_counts, MAP {})
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
WHERE a.article_id IN (SELECT article_id FROM _ids);
