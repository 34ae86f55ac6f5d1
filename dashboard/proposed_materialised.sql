-- The two summary tables built from scratch in one go. The ETL creates them in
-- warehouse/schema.sql and maintains them per loaded article with warehouse/summaries.sql;
-- this file rebuilds them whole on a warehouse that lacks them (the benchmark's generated
-- warehouse, and tests/test_dashboard_queries.py, which checks both builds agree).
-- Without them the dashboard derives the same rows on the fly (dashboard/sql/_*.derived.sql);
-- it switches automatically when the tables exist (dashboard/queries.py).

CREATE TABLE article_concepts (
    article_id      VARCHAR NOT NULL,
    concept_id      VARCHAR NOT NULL,
    canonical_name  VARCHAR NOT NULL,
    mention_type    VARCHAR NOT NULL,
    icd10_chapter   VARCHAR,
    source_type     VARCHAR NOT NULL,
    site_name       VARCHAR,
    published_date  DATE,
    mentions        INTEGER NOT NULL,
    asserted        INTEGER NOT NULL,
    hedged          INTEGER NOT NULL,
    negated         INTEGER NOT NULL,
    neutral         INTEGER NOT NULL,
    first_char      INTEGER NOT NULL
);

CREATE TABLE article_stats (
    article_id         VARCHAR NOT NULL,
    source_type        VARCHAR NOT NULL,
    site_name          VARCHAR,
    published_date     DATE,
    citations          INTEGER NOT NULL,
    citations_with_id  INTEGER NOT NULL,
    mentions           INTEGER NOT NULL,
    signals            INTEGER NOT NULL,
    phone              INTEGER NOT NULL,
    wechat             INTEGER NOT NULL,
    qq                 INTEGER NOT NULL,
    call_to_action     INTEGER NOT NULL,
    disclaimer         INTEGER NOT NULL,
    address            INTEGER NOT NULL
);

COMMENT ON TABLE article_concepts IS 'Article x disease concept: mentions by claim context, with the article''s source type, site and date copied in for filtering. Derived from disease_mentions at load time; the dashboard''s topic pages aggregate this instead of every mention.';
COMMENT ON TABLE article_stats IS 'One row per article: citations (and those with a DOI/PMID), mentions and commercial signals by kind, with source type, site and date. Derived at load time for the dashboard''s Sources page.';

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
GROUP BY m.article_id, m.concept_id
ORDER BY any_value(a.source_type), m.concept_id;

INSERT INTO article_stats
SELECT a.article_id, a.source_type, a.site_name, a.published_date,
       coalesce(c.citations, 0), coalesce(c.citations_with_id, 0), coalesce(m.mentions, 0),
       coalesce(g.signals, 0), coalesce(g.phone, 0), coalesce(g.wechat, 0), coalesce(g.qq, 0),
       coalesce(g.call_to_action, 0), coalesce(g.disclaimer, 0), coalesce(g.address, 0)
FROM articles a
LEFT JOIN (SELECT article_id, count(*) AS citations,
                  count(*) FILTER (WHERE doi IS NOT NULL OR pmid IS NOT NULL) AS citations_with_id
           FROM citations GROUP BY article_id) c USING (article_id)
LEFT JOIN (SELECT article_id, count(*) AS mentions FROM disease_mentions GROUP BY article_id) m USING (article_id)
LEFT JOIN (SELECT article_id, count(*) AS signals,
                  count(*) FILTER (WHERE kind = 'phone') AS phone,
                  count(*) FILTER (WHERE kind = 'wechat') AS wechat,
                  count(*) FILTER (WHERE kind = 'qq') AS qq,
                  count(*) FILTER (WHERE kind = 'call_to_action') AS call_to_action,
                  count(*) FILTER (WHERE kind = 'disclaimer') AS disclaimer,
                  count(*) FILTER (WHERE kind = 'address') AS address
           FROM commercial_signals GROUP BY article_id) g USING (article_id)
ORDER BY a.source_type, a.article_id;
