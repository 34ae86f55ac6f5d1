SELECT citation_no, left(raw, $cell_chars) AS raw, style, left(array_to_string(authors, '; '), $cell_chars) AS authors,
       left(title, $cell_chars) AS title, left(container, $cell_chars) AS container, year,
       volume, issue, pages, doi, pmid, left(url, $cell_chars) AS url
FROM citations
WHERE article_id = $article_id
ORDER BY citation_no
LIMIT $limit
