-- The sentences of the selected mentions, newest articles first; total counts every match.
WITH /*@include _topic_picked.sql*/
SELECT canonical_name, surface, context, trigger, sentence, title, site_name, source_type,
       published_date, article_id, mention_no, count(*) OVER () AS total
FROM picked
ORDER BY published_date DESC NULLS LAST, article_id, mention_no
LIMIT $limit
