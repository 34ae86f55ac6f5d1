-- Articles whose title, site, path or id contains $q (plain substring, not a pattern).
SELECT article_id, title, site_name, source_type, published_date, source_path
FROM articles
WHERE ($q = '' OR contains(lower(coalesce(title, '')), lower($q))
               OR contains(lower(coalesce(site_name, '')), lower($q))
               OR contains(lower(source_path), lower($q))
               OR article_id = $q)
  AND (len($source_types::VARCHAR[]) = 0 OR list_contains($source_types::VARCHAR[], source_type))
ORDER BY published_date DESC NULLS LAST, article_id
LIMIT $limit
