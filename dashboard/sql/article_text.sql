-- A part of one article's main text: characters [$start, $start + $chars), 0-based like every offset.
SELECT substr(main_text, $start + 1, $chars) AS text
FROM articles
WHERE article_id = $article_id
