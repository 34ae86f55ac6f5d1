SELECT mention_no, start_char, end_char, surface, concept_id, canonical_name, icd10, mention_type,
       context, trigger, section_no
FROM disease_mentions
WHERE article_id = $article_id
ORDER BY start_char
