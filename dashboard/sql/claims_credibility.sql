-- Articles by JAMA benchmark score (0-4) and source type, with the mean of each criterion,
-- for the articles that pass the claims page's filters. Reads the scores copied into
-- article_stats (warehouse/summaries.sql), which also holds the filtered columns: joining the
-- credibility table to articles cost 40-50 ms at 100,000 articles, this scan about 7 ms.
-- Articles without a credibility row (jama_total NULL) are left out, as the join left them.
SELECT source_type, jama_total, count(*) AS articles,
       round(avg(jama_authorship), 2) AS authorship, round(avg(jama_attribution), 2) AS attribution,
       round(avg(jama_disclosure), 2) AS disclosure, round(avg(jama_currency), 2) AS currency
FROM article_stats
WHERE jama_total IS NOT NULL AND /*@include _claims_filter.sql*/
GROUP BY source_type, jama_total
ORDER BY source_type, jama_total
