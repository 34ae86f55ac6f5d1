SELECT cut_no, rule, text
FROM cut_blocks
WHERE article_id = $article_id
ORDER BY cut_no
