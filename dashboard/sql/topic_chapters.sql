-- ICD-10 chapters: articles, mentions and distinct diseases.
WITH /*@include _topic_picked.sql*/
SELECT icd10_chapter, count(DISTINCT article_id) AS articles, count(*) AS mentions,
       count(DISTINCT concept_id) AS diseases
FROM picked
GROUP BY icd10_chapter
ORDER BY articles DESC, mentions DESC, icd10_chapter
