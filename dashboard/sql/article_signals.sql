SELECT signal_no, kind, text, location, start_char
FROM commercial_signals
WHERE article_id = $article_id
ORDER BY signal_no
