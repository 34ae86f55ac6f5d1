-- How many rows of each kind one article has (the page shows bounded parts of them).
SELECT (SELECT count(*) FROM disease_mentions WHERE article_id = $article_id) AS mentions,
       (SELECT count(*) FROM citations WHERE article_id = $article_id) AS citations,
       (SELECT count(*) FROM commercial_signals WHERE article_id = $article_id) AS signals,
       (SELECT count(*) FROM cut_blocks WHERE article_id = $article_id) AS cut,
       (SELECT count(*) FROM sections WHERE article_id = $article_id) AS sections
