-- The mentions inside one part of the text, [$start, $end), at most $limit.
SELECT mention_no, start_char, end_char, surface, concept_id, canonical_name, icd10, mention_type,
       context, trigger, section_no
FROM disease_mentions
WHERE article_id = $article_id AND start_char >= $start AND end_char <= $end
ORDER BY start_char
LIMIT $limit
