-- The sentence of mention $mention_no of article $article_id: where a claim the page also
-- reports (宣传, 声称 ...) is worded (claims.reported_mention_no).
SELECT sentence
FROM disease_mentions
WHERE article_id = $article_id AND mention_no = $mention_no
