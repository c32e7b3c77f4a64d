-- Exemptions summary: for each withholding or classification code, how many documents and paragraphs carry it, with what the code means.
-- :from  earliest release date, optional
-- :to    latest release date, optional
SELECT
    de.code,
    e.label,
    e.authority,
    count(DISTINCT de.document_id) AS documents,
    count(DISTINCT de.paragraph_id) AS paragraphs,
    count(*) AS marks,
    e.description
FROM document_exemptions de
JOIN documents d INDEXED BY documents_fields ON d.id = de.document_id  -- the fields without the text: see migrations/V6
LEFT JOIN exemptions e ON e.code = de.code
WHERE (:from IS NULL OR d.release_date >= :from)
  AND (:to IS NULL OR d.release_date <= :to || '-99')
GROUP BY de.code
ORDER BY documents DESC, de.code;
