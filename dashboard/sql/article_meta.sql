-- One article's metadata; the text itself comes in bounded parts (article_text.sql).
SELECT article_id, source_path, left(title, 1000) AS title, left(author, 500) AS author, left(site_name, 500) AS site_name,
       left(url, 2000) AS url, published_date, date_source, language,
       source_type, source_type_evidence[:20] AS source_type_evidence, format, file_bytes, raw_chars, main_chars,
       body_end_char, cut_chars, parse_warnings[:20] AS parse_warnings, content_sha256, run_id,
       length(main_text) AS main_text_chars
FROM articles
WHERE article_id = $article_id
