SELECT article_id, source_path, title, author, site_name, url, published_date, date_source, language,
       source_type, source_type_evidence, format, file_bytes, raw_chars, main_chars, body_end_char,
       cut_chars, parse_warnings, content_sha256, run_id, main_text
FROM articles
WHERE article_id = $article_id
