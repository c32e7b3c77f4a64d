-- Holdings: the librarian's inventory, one row per document with its identifiers, dates, subject, release status, exemptions and pages.
-- :from  earliest document date, optional
-- :to    latest document date, optional
-- :case  only this FOIA case number, optional
SELECT
    d.doc_no,
    d.case_no,
    d.release_date,
    d.release_status,
    d.doc_type,
    d.doc_date,
    d.cable_id,
    d.classification,
    d.subject,
    (SELECT group_concat(code, ' ') FROM (
        SELECT DISTINCT code FROM document_exemptions WHERE document_id = d.id ORDER BY code)) AS exemptions,
    d.pages,
    d.source_path
FROM documents d INDEXED BY documents_fields  -- the fields without the text: see migrations/V6
WHERE (:from IS NULL OR d.doc_date >= :from)
  AND (:to IS NULL OR d.doc_date <= :to || '-99')
  AND (:case IS NULL OR d.case_no = :case)
ORDER BY d.case_no, d.doc_no, d.id;
