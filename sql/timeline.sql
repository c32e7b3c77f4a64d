-- Timeline: how many dates the documents' text mentions in each month, and in how many documents.
-- :from  earliest month (YYYY or YYYY-MM), optional
-- :to    latest month, optional
SELECT
    substr(value, 1, 7) AS month,
    count(*) AS mentions,
    count(DISTINCT document_id) AS documents
FROM dates
WHERE kind = 'mentioned'
  AND precision IN ('day', 'month')
  AND (:from IS NULL OR substr(value, 1, 7) >= :from)
  AND (:to IS NULL OR substr(value, 1, 7) <= :to || '-99')
GROUP BY month
ORDER BY month;
