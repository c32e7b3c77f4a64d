-- Violence statistics: one row per violence figure (people killed, injured or kidnapped, casualties, attacks) with its document, date, paragraph, place, class, measure, value (and the top of a range), unit, period, how sure the rule is, and the sentence.
-- :from            earliest document date (YYYY, YYYY-MM or YYYY-MM-DD), optional
-- :to              latest document date, optional
-- :class           killed, injured, kidnapped, casualties or attacks, optional
-- :min_confidence  lowest confidence shown, 0 to 1 (default 0.5, the rows a reader keeps; 0 shows every candidate)
SELECT
    d.doc_no,
    d.cable_id,
    d.doc_date AS date,
    p.number AS paragraph,
    v.place,
    v.class,
    v.measure,
    CASE WHEN v.value = CAST(v.value AS INTEGER) THEN CAST(v.value AS INTEGER) ELSE v.value END AS value,
    CASE WHEN v.value_max = CAST(v.value_max AS INTEGER) THEN CAST(v.value_max AS INTEGER) ELSE v.value_max END AS value_max,
    v.unit,
    v.period,
    v.confidence,
    v.sentence AS text
FROM violence_figures v
JOIN documents d ON d.id = v.document_id
LEFT JOIN paragraphs p ON p.id = v.paragraph_id
WHERE (:from IS NULL OR d.doc_date >= :from)
  AND (:to IS NULL OR d.doc_date <= :to || '-99')
  AND (:class IS NULL OR v.class = :class)
  AND v.confidence >= coalesce(CAST(:min_confidence AS REAL), 0.5)
ORDER BY d.doc_date, d.id, p.seq, v.id;
