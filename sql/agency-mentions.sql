-- Agency mentions: how many documents and paragraphs name each agency, and in how many it is an addressee.
-- :from  earliest document date, optional
-- :to    latest document date, optional
-- :country  only agencies of this country code (US, MX, INT...), optional
WITH docs AS MATERIALIZED (
    SELECT id FROM documents
    WHERE (:from IS NULL OR doc_date >= :from) AND (:to IS NULL OR doc_date <= :to || '-99')
),
named AS (
    SELECT agency_id,
           count(DISTINCT document_id) AS documents,
           count(*) AS paragraphs,
           sum(count) AS mentions
    FROM agency_mentions
    WHERE (:from IS NULL AND :to IS NULL) OR document_id IN docs
    GROUP BY agency_id
),
addressed AS (
    SELECT agency_id, count(DISTINCT document_id) AS documents
    FROM addressees
    WHERE agency_id IS NOT NULL AND ((:from IS NULL AND :to IS NULL) OR document_id IN docs)
    GROUP BY agency_id
)
SELECT
    a.acronym,
    a.name,
    a.country,
    a.kind,
    coalesce(n.documents, 0) AS documents,
    coalesce(n.paragraphs, 0) AS paragraphs,
    coalesce(n.mentions, 0) AS mentions,
    coalesce(ad.documents, 0) AS addressed_in
FROM agencies a
LEFT JOIN named n ON n.agency_id = a.id
LEFT JOIN addressed ad ON ad.agency_id = a.id
WHERE (:country IS NULL OR a.country = :country)
  AND (n.mentions > 0 OR ad.documents > 0)
ORDER BY mentions DESC, a.acronym;
