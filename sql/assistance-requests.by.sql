-- Assistance requests by period: how many items were requested per day, month or year (--by) and category.
-- :by    day, month or year
-- :from  earliest request date, optional
-- :to    latest request date, optional
-- :min_confidence  lowest confidence counted, 0 to 1 (default 0.5)
SELECT
    CASE :by
        WHEN 'day' THEN r.date
        WHEN 'month' THEN substr(r.date, 1, 7)
        ELSE substr(r.date, 1, 4)
    END AS period,
    r.category,
    count(*) AS requests,
    count(DISTINCT r.document_id) AS documents
FROM assistance_requests r
WHERE r.date IS NOT NULL
  AND (:from IS NULL OR r.date >= :from)
  AND (:to IS NULL OR r.date <= :to || '-99')
  AND r.confidence >= coalesce(CAST(:min_confidence AS REAL), 0.5)
GROUP BY period, r.category
ORDER BY period, r.category;
