SELECT citation_no, raw, style, array_to_string(authors, '; ') AS authors, title, container, year,
       volume, issue, pages, doi, pmid, url
FROM citations
WHERE article_id = $article_id
ORDER BY citation_no
