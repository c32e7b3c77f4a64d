-- Documents by year: how many documents the catalog holds for each year of their own date, by type.
-- :from  earliest document date (YYYY or YYYY-MM-DD), optional
-- :to    latest document date (YYYY or YYYY-MM-DD), optional
SELECT
    COALESCE(substr(doc_date, 1, 4), 'undated') AS year,
    count(*) AS documents,
    sum(doc_type = 'cable') AS cables,
    sum(doc_type = 'email') AS emails,
    sum(doc_type = 'memo') AS memos,
    sum(doc_type = 'letter') AS letters,
    sum(doc_type = 'other' OR doc_type IS NULL) AS other,
    sum(release_status = 'part') AS released_in_part
FROM documents
WHERE (:from IS NULL OR doc_date >= :from)
  AND (:to IS NULL OR doc_date <= :to || '-99')
GROUP BY year
ORDER BY year;
