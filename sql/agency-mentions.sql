-- Agency mentions: how many documents and paragraphs name each agency, and in how many it is an addressee.
-- :from  earliest document date, optional
-- :to    latest document date, optional
-- :country  only agencies of this country code (US, MX, INT...), optional
WITH docs AS (
    SELECT id FROM documents
    WHERE (:from IS NULL OR doc_date >= :from) AND (:to IS NULL OR doc_date <= :to || '-99')
),
named AS (
    SELECT m.agency_id, p.document_id, m.paragraph_id, m.count
    FROM agency_mentions m JOIN paragraphs p ON p.id = m.paragraph_id
    WHERE p.document_id IN (SELECT id FROM docs)
),
addressed AS (
    SELECT agency_id, count(DISTINCT document_id) AS documents
    FROM addressees WHERE agency_id IS NOT NULL AND document_id IN (SELECT id FROM docs)
    GROUP BY agency_id
)
SELECT
    a.acronym,
    a.name,
    a.country,
    a.kind,
    count(DISTINCT n.document_id) AS documents,
    count(DISTINCT n.paragraph_id) AS paragraphs,
    coalesce(sum(n.count), 0) AS mentions,
    coalesce(ad.documents, 0) AS addressed_in
FROM agencies a
LEFT JOIN named n ON n.agency_id = a.id
LEFT JOIN addressed ad ON ad.agency_id = a.id
WHERE (:country IS NULL OR a.country = :country)
GROUP BY a.id
HAVING mentions > 0 OR addressed_in > 0
ORDER BY mentions DESC, a.acronym;
