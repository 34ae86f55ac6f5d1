-- Disease-like terms the lexicon does not know, most widespread first.
SELECT term, articles, occurrences, example_sentence, example_article_id
FROM lexicon_candidates
ORDER BY articles DESC, occurrences DESC, term
LIMIT $limit
