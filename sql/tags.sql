-- TAGS: how many documents carry each TAGS code, with its title from the State Department's TAGS lists and the span of dates.
-- :from  earliest document date, optional
-- :to    latest document date, optional
SELECT
    t.tag,
    (SELECT title FROM tag_codes c WHERE c.code = t.tag AND c.title IS NOT NULL LIMIT 1) AS title,
    count(DISTINCT t.document_id) AS documents,
    min(d.doc_date) AS first_date,
    max(d.doc_date) AS last_date
FROM document_tags t
JOIN documents d INDEXED BY documents_fields ON d.id = t.document_id  -- the fields without the text: see migrations/V6
WHERE (:from IS NULL OR d.doc_date >= :from)
  AND (:to IS NULL OR d.doc_date <= :to || '-99')
GROUP BY t.tag
ORDER BY documents DESC, t.tag;
