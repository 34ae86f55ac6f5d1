-- Views for the dashboard and for common ad hoc questions. Every view has a COMMENT.

CREATE VIEW v_topic_coverage AS
SELECT
    m.concept_id,
    m.canonical_name,
    m.icd10,
    d.icd10_chapter,
    d.category,
    m.mention_type,
    a.source_type,
    count(DISTINCT m.article_id)                      AS articles,
    count(*)                                          AS mentions,
    count(*) FILTER (WHERE m.context = 'asserted')    AS asserted,
    count(*) FILTER (WHERE m.context = 'hedged')      AS hedged,
    count(*) FILTER (WHERE m.context = 'negated')     AS negated,
    count(*) FILTER (WHERE m.context = 'neutral')     AS neutral
FROM disease_mentions m
JOIN articles a USING (article_id)
LEFT JOIN diseases d USING (concept_id)
GROUP BY ALL;

CREATE VIEW v_article_topics AS
SELECT
    a.article_id,
    a.title,
    a.site_name,
    a.source_type,
    a.published_date,
    m.concept_id,
    m.canonical_name,
    m.mention_type,
    count(*)                                          AS mentions,
    count(*) FILTER (WHERE m.context = 'asserted')    AS asserted,
    count(*) FILTER (WHERE m.context = 'hedged')      AS hedged,
    count(*) FILTER (WHERE m.context = 'negated')     AS negated,
    min(m.start_char)                                 AS first_char
FROM disease_mentions m
JOIN articles a USING (article_id)
GROUP BY ALL;

CREATE VIEW v_article_summary AS
SELECT
    a.article_id,
    a.source_path,
    a.title,
    a.site_name,
    a.source_type,
    a.published_date,
    a.main_chars,
    (SELECT count(*) FROM sections s WHERE s.article_id = a.article_id)            AS sections,
    (SELECT count(*) FROM citations c WHERE c.article_id = a.article_id)           AS citations,
    (SELECT count(*) FROM citations c WHERE c.article_id = a.article_id
                                         AND (c.doi IS NOT NULL OR c.pmid IS NOT NULL)) AS citations_with_id,
    (SELECT count(*) FROM disease_mentions m WHERE m.article_id = a.article_id)    AS mentions,
    (SELECT count(DISTINCT concept_id) FROM disease_mentions m WHERE m.article_id = a.article_id) AS concepts,
    (SELECT count(*) FROM commercial_signals g WHERE g.article_id = a.article_id)  AS commercial_signals
FROM articles a;

CREATE VIEW v_source_type_summary AS
SELECT
    a.source_type,
    count(*)                                   AS articles,
    count(DISTINCT a.site_name)                AS sites,
    sum(s.citations)                           AS citations,
    round(avg(s.citations), 2)                 AS citations_per_article,
    sum(s.mentions)                            AS mentions,
    sum(s.commercial_signals)                  AS commercial_signals
FROM articles a
JOIN v_article_summary s USING (article_id)
GROUP BY a.source_type;

CREATE VIEW v_signals_by_source_type AS
SELECT a.source_type, g.kind, count(*) AS signals, count(DISTINCT g.article_id) AS articles
FROM commercial_signals g
JOIN articles a USING (article_id)
GROUP BY ALL;

CREATE VIEW v_last_run AS
SELECT * FROM etl_runs ORDER BY run_id DESC LIMIT 1;

CREATE VIEW v_freshness AS
SELECT
    (SELECT max(finished_at) FROM etl_runs WHERE status = 'success')      AS last_success_at,
    (SELECT max(finished_at) FROM etl_runs WHERE status = 'failed')       AS last_failure_at,
    (SELECT seeds_newest_mtime FROM etl_runs WHERE status = 'success'
        ORDER BY run_id DESC LIMIT 1)                                      AS seeds_newest_mtime_at_last_success,
    (SELECT count(*) FROM articles)                                        AS articles,
    (SELECT count(*) FROM quarantine)                                      AS quarantined;

COMMENT ON VIEW v_topic_coverage IS 'Disease concept x source type: articles and mentions, split by claim context. The topic-coverage heatmap reads this.';
COMMENT ON VIEW v_article_topics IS 'Article x disease concept: how often and in which contexts each article mentions each concept.';
COMMENT ON VIEW v_article_summary IS 'One row per article with counts of sections, citations (and those with a DOI/PMID), mentions, concepts and commercial signals.';
COMMENT ON VIEW v_source_type_summary IS 'Per source type: articles, sites, citations (evidence) per article, mentions and commercial signals.';
COMMENT ON VIEW v_signals_by_source_type IS 'Commercial signals (hotlines, WeChat, calls to action, disclaimers) counted per source type and kind.';
COMMENT ON VIEW v_last_run IS 'The most recent ETL run.';
COMMENT ON VIEW v_freshness IS 'When the warehouse was last refreshed successfully, the newest seed change it saw, and current counts.';
