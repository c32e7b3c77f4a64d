-- Assistance requests: one row per requested item (equipment, training, intelligence, funding, personnel, supplies...), ordered by date, with who asked and of whom, how sure the rule is, and the sentence; --by day|month|year counts them per period and category.
-- :from            earliest request date (YYYY, YYYY-MM or YYYY-MM-DD), optional
-- :to              latest request date, optional
-- :category        one category (equipment, training, ..., meeting), optional
-- :min_confidence  lowest confidence shown, 0 to 1 (default 0.5, the rows a reader keeps; 0 also shows meeting, call and visit requests and the doubtful rest)
-- The date is the meeting's or request's when the text gives it (date_source 'text'),
-- else the document's ('document'). requester_source says whether the requester is named
-- where the request is made ('text') or was resolved from a pronoun ('pronoun').
SELECT
    r.date,
    d.doc_no,
    d.cable_id,
    p.number AS paragraph,
    r.requester,
    r.requester_source,
    r.asked_of,
    r.category,
    r.item,
    r.date_source,
    r.confidence,
    r.sentence AS text
FROM assistance_requests r
JOIN documents d ON d.id = r.document_id
LEFT JOIN paragraphs p ON p.id = r.paragraph_id
WHERE (:from IS NULL OR r.date >= :from)
  AND (:to IS NULL OR r.date <= :to || '-99')
  AND (:category IS NULL OR r.category = :category)
  AND r.confidence >= coalesce(CAST(:min_confidence AS REAL), 0.5)
ORDER BY r.date IS NULL, r.date, d.id, p.seq, r.id;
