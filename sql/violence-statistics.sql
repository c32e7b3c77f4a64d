-- Violence statistics: one row per violence figure (killings, deaths of police, kidnappings, attacks...) with its document, date, paragraph, place, measure, value, unit, period and sentence.
-- :from  earliest document date (YYYY, YYYY-MM or YYYY-MM-DD), optional
-- :to    latest document date, optional
SELECT
    d.doc_no,
    d.cable_id,
    d.doc_date AS date,
    p.number AS paragraph,
    v.place,
    v.measure,
    CASE WHEN v.value = CAST(v.value AS INTEGER) THEN CAST(v.value AS INTEGER) ELSE v.value END AS value,
    v.unit,
    v.period,
    v.sentence AS text
FROM violence_figures v
JOIN documents d ON d.id = v.document_id
LEFT JOIN paragraphs p ON p.id = v.paragraph_id
WHERE (:from IS NULL OR d.doc_date >= :from)
  AND (:to IS NULL OR d.doc_date <= :to || '-99')
ORDER BY d.doc_date, d.id, p.seq, v.id;
