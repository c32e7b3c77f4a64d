-- Assistance requests: one row per requested item (equipment, training, intelligence sharing, technology...), ordered by date, with who asked and the sentence; --by day|month|year counts them per period and category.
-- :from  earliest request date (YYYY, YYYY-MM or YYYY-MM-DD), optional
-- :to    latest request date, optional
-- The date is the meeting's or request's when the text gives it (date_source 'text'),
-- else the document's ('document').
SELECT
    r.date,
    d.doc_no,
    d.cable_id,
    p.number AS paragraph,
    r.requester,
    r.category,
    r.item,
    r.date_source,
    r.sentence AS text
FROM assistance_requests r
JOIN documents d ON d.id = r.document_id
LEFT JOIN paragraphs p ON p.id = r.paragraph_id
WHERE (:from IS NULL OR r.date >= :from)
  AND (:to IS NULL OR r.date <= :to || '-99')
ORDER BY r.date IS NULL, r.date, d.id, p.seq, r.id;
