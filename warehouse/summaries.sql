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
       coalesce(g.signals, 0), coalesce(g.phone, 0), coalesce(g.wechat, 0), coalesce(g.qq, 0),
       coalesce(g.call_to_action, 0), coalesce(g.disclaimer, 0), coalesce(g.address, 0)
FROM articles a
LEFT JOIN (SELECT article_id, count(*) AS citations,
                  count(*) FILTER (WHERE doi IS NOT NULL OR pmid IS NOT NULL) AS citations_with_id
           FROM citations WHERE article_id IN (SELECT article_id FROM _ids) GROUP BY article_id) c USING (article_id)
LEFT JOIN (SELECT article_id, count(*) AS mentions
           FROM disease_mentions WHERE article_id IN (SELECT article_id FROM _ids) GROUP BY article_id) m USING (article_id)
LEFT JOIN (SELECT article_id, count(*) AS signals,
                  count(*) FILTER (WHERE kind = 'phone') AS phone,
                  count(*) FILTER (WHERE kind = 'wechat') AS wechat,
                  count(*) FILTER (WHERE kind = 'qq') AS qq,
                  count(*) FILTER (WHERE kind = 'call_to_action') AS call_to_action,
                  count(*) FILTER (WHERE kind = 'disclaimer') AS disclaimer,
                  count(*) FILTER (WHERE kind = 'address') AS address
           FROM commercial_signals WHERE article_id IN (SELECT article_id FROM _ids) GROUP BY article_id) g USING (article_id)
WHERE a.article_id IN (SELECT article_id FROM _ids);
