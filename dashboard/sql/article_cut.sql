SELECT cut_no, rule, left(text, $cell_chars) AS text
FROM cut_blocks
WHERE article_id = $article_id
ORDER BY cut_no
LIMIT $limit
