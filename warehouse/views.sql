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

CREATE VIEW v_claims AS
SELECT
    c.article_id,
    a.title,
    a.site_name,
    a.source_type,
    a.published_date,
    a.url,
    c.concept_id,
    c.canonical_name,
    c.mention_type,
    d.icd10,
    d.icd10_chapter,
    d.category,
    c.voice,
    CASE c.voice WHEN 'own' THEN c.own_stance ELSE c.reported_stance END AS stance,
    c.own_stance,
    c.reported_stance,
    c.mentions,
    c.own_mentions,
    c.reported_mentions,
    c.wording_class,
    c.wording_text,
    c.citation,
    c.citation_text,
    c.sentence,
    c.sentence_start,
    c.sentence_end,
    c.start_char - c.sentence_start                  AS highlight_start,
    c.end_char - c.sentence_start                    AS highlight_end,
    rm.sentence                                      AS reported_sentence,
    a.best_evidence_level
FROM claims c
JOIN articles a USING (article_id)
LEFT JOIN diseases d USING (concept_id)
LEFT JOIN disease_mentions rm ON rm.article_id = c.article_id AND rm.mention_no = c.reported_mention_no;

CREATE VIEW v_red_flags AS
SELECT
    f.article_id,
    a.title,
    a.site_name,
    a.source_type,
    a.published_date,
    a.url,
    f.flag_no,
    f.rule_id,
    f.basis_id,
    f.law,
    f.law_article,
    f.law_item,
    f.law || ' ' || f.law_article || coalesce(f.law_item, '')       AS basis,
    f.location,
    f.matched_text,
    f.sentence,
    CASE WHEN f.location = 'article' THEN f.start_char ELSE f.chrome_start END AS offset_in_source,
    f.start_char,
    f.end_char,
    f.cut_no,
    f.chrome_text,
    f.chrome_start
FROM red_flags f
JOIN articles a USING (article_id);

CREATE VIEW v_red_flag_summary AS
SELECT
    f.basis_id,
    any_value(f.law || ' ' || f.law_article || coalesce(f.law_item, ''))  AS basis,
    f.rule_id,
    a.source_type,
    f.location,
    count(*)                                                              AS hits,
    count(DISTINCT f.article_id)                                          AS articles
FROM red_flags f
JOIN articles a USING (article_id)
GROUP BY f.basis_id, f.rule_id, a.source_type, f.location;

CREATE VIEW v_credibility AS
SELECT
    a.article_id,
    a.title,
    a.site_name,
    a.source_type,
    a.published_date,
    a.url,
    k.jama_total,
    k.jama_authorship,
    k.jama_attribution,
    k.jama_disclosure,
    k.jama_currency,
    k.hon_disclaimer + k.hon_contact + k.hon_ad_labelled                    AS hon_signals,
    k.hon_disclaimer,
    k.hon_contact,
    k.hon_ad_labelled,
    k.discern_risks + k.discern_uncertainty + k.discern_alternatives         AS discern_items,
    k.discern_risks,
    k.discern_uncertainty,
    k.discern_alternatives,
    a.best_evidence_level,
    (SELECT count(*) FROM citations c WHERE c.article_id = a.article_id)       AS citations,
    (SELECT count(*) FROM red_flags f WHERE f.article_id = a.article_id)       AS red_flags,
    k.jama_authorship_evidence,
    k.jama_attribution_evidence,
    k.jama_disclosure_evidence,
    k.jama_currency_evidence,
    k.hon_disclaimer_evidence,
    k.hon_contact_evidence,
    k.hon_ad_labelled_evidence,
    k.discern_risks_evidence,
    k.discern_uncertainty_evidence,
    k.discern_alternatives_evidence
FROM articles a
JOIN credibility k USING (article_id);

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
COMMENT ON VIEW v_claims IS 'Claims (article x disease) with the article''s source type, site and date and the disease''s ICD-10 chapter; stance is the stance of the claim sentence (own voice when the page has one, else reported). Filter voice = ''own'' for what pages claim themselves; highlight_start/highlight_end locate the disease in sentence, reported_sentence is the sentence of the strongest reported mention.';
COMMENT ON VIEW v_red_flags IS 'Red-flag hits with their legal basis written out (basis) and the article''s source type, site and date; sentence holds the hit for drill-down, offset_in_source is its offset in main_text (article) or in chrome_text (chrome).';
COMMENT ON VIEW v_red_flag_summary IS 'Red-flag hits and flagged articles per legal basis, rule, source type and location (article or chrome).';
COMMENT ON VIEW v_credibility IS 'Credibility per article with source type: JAMA total and criteria, HONcode-style signals, DISCERN items (with counts of each group), best evidence level, citations, red flags and the evidence text of every criterion.';
