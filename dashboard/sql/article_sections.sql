SELECT section_no, level, left(heading, $cell_chars) AS heading, start_char, end_char, length(body) AS body_chars
FROM sections
WHERE article_id = $article_id
ORDER BY section_no
LIMIT $limit
