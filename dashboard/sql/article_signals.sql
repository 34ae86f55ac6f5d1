SELECT signal_no, kind, left(text, $cell_chars) AS text, location, start_char
FROM commercial_signals
WHERE article_id = $article_id
ORDER BY signal_no
LIMIT $limit
