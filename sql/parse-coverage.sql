-- Parse coverage: for each catalog field, how many documents the parser filled it for, and which files it missed.
-- :type  only documents of this type (cable, email, memo, letter, other), optional
-- A field counts only for the documents it applies to: cable ids and date-time groups for
-- cables and emails that forward one, tags and addressees for cables, senders for emails.
WITH docs AS (
    SELECT * FROM documents WHERE (:type IS NULL OR doc_type = :type)
),
fields(field, applies, filled, path) AS (
    SELECT 'doc_no', 1, doc_no IS NOT NULL, source_path FROM docs
    UNION ALL SELECT 'case_no', 1, case_no IS NOT NULL, source_path FROM docs
    UNION ALL SELECT 'release_date', 1, release_date IS NOT NULL, source_path FROM docs
    UNION ALL SELECT 'release_status', 1, release_status IS NOT NULL, source_path FROM docs
    UNION ALL SELECT 'doc_type', 1, doc_type IS NOT NULL, source_path FROM docs
    UNION ALL SELECT 'classification', 1, classification IS NOT NULL, source_path FROM docs
    UNION ALL SELECT 'doc_date', 1, doc_date IS NOT NULL, source_path FROM docs
    UNION ALL SELECT 'subject', doc_type IN ('cable', 'email', 'memo'), subject IS NOT NULL, source_path FROM docs
    UNION ALL SELECT 'origin', doc_type IN ('cable', 'email'), origin IS NOT NULL, source_path FROM docs
    UNION ALL SELECT 'cable_id', doc_type = 'cable', cable_id IS NOT NULL, source_path FROM docs
    UNION ALL SELECT 'sent_at', doc_type = 'cable', sent_at IS NOT NULL, source_path FROM docs
    UNION ALL SELECT 'precedence', doc_type = 'cable', precedence IS NOT NULL, source_path FROM docs
    UNION ALL SELECT 'declassify_on', doc_type = 'cable', declassify_on IS NOT NULL, source_path FROM docs
    UNION ALL SELECT 'to', doc_type = 'cable',
        EXISTS (SELECT 1 FROM addressees a WHERE a.document_id = docs.id AND a.role = 'to'), source_path FROM docs
    UNION ALL SELECT 'tags', doc_type = 'cable',
        EXISTS (SELECT 1 FROM document_tags t WHERE t.document_id = docs.id), source_path FROM docs
    UNION ALL SELECT 'numbered paragraphs', doc_type = 'cable',
        EXISTS (SELECT 1 FROM paragraphs p WHERE p.document_id = docs.id AND p.number IS NOT NULL), source_path FROM docs
    UNION ALL SELECT 'exemption codes', release_status = 'part',
        EXISTS (SELECT 1 FROM document_exemptions e WHERE e.document_id = docs.id), source_path FROM docs
    UNION ALL SELECT 'text', 1, length(body) > 0, source_path FROM docs
)
SELECT
    field,
    sum(applies) AS documents,
    sum(applies AND filled) AS filled,
    sum(applies AND NOT filled) AS missing,
    CASE WHEN sum(applies) > 0 THEN round(100.0 * sum(applies AND filled) / sum(applies), 1) END AS percent,
    group_concat(CASE WHEN applies AND NOT filled THEN path END, ' ') AS missing_in
FROM fields
GROUP BY field
ORDER BY percent, field;
