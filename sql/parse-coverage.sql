-- Parse coverage: for each catalog field, how many documents the parser filled it for, and which files it missed.
-- :type  only documents of this type (cable, email, memo, letter, other), optional
-- A field counts only for the documents it applies to: cable ids and date-time groups for
-- cables, senders for cables and emails, exemption codes for documents released in part.
WITH docs AS MATERIALIZED (
    SELECT
        d.id, d.source_path, d.doc_type, d.release_status,
        d.doc_no IS NOT NULL AS doc_no,
        d.case_no IS NOT NULL AS case_no,
        d.release_date IS NOT NULL AS release_date,
        d.release_status IS NOT NULL AS status,
        d.doc_type IS NOT NULL AS type,
        d.classification IS NOT NULL AS classification,
        d.doc_date IS NOT NULL AS doc_date,
        d.subject IS NOT NULL AS subject,
        d.origin IS NOT NULL AS origin,
        d.cable_id IS NOT NULL AS cable_id,
        d.sent_at IS NOT NULL AS sent_at,
        d.precedence IS NOT NULL AS precedence,
        d.declassify_on IS NOT NULL AS declassify_on,
        d.id IN (SELECT document_id FROM addressees WHERE role = 'to') AS has_to,
        d.id IN (SELECT document_id FROM document_tags) AS has_tags,
        d.id IN (SELECT document_id FROM paragraphs WHERE number IS NOT NULL) AS has_numbers,
        d.id IN (SELECT document_id FROM document_exemptions) AS has_codes,
        octet_length(d.body) > 0 AS has_text
    FROM documents d
    WHERE (:type IS NULL OR d.doc_type = :type)
),
fields(field, applies, filled, path) AS (
    SELECT 'doc_no', 1, doc_no, source_path FROM docs
    UNION ALL SELECT 'case_no', 1, case_no, source_path FROM docs
    UNION ALL SELECT 'release_date', 1, release_date, source_path FROM docs
    UNION ALL SELECT 'release_status', 1, status, source_path FROM docs
    UNION ALL SELECT 'doc_type', 1, type, source_path FROM docs
    UNION ALL SELECT 'classification', 1, classification, source_path FROM docs
    UNION ALL SELECT 'doc_date', 1, doc_date, source_path FROM docs
    UNION ALL SELECT 'subject', doc_type IN ('cable', 'email', 'memo'), subject, source_path FROM docs
    UNION ALL SELECT 'origin', doc_type IN ('cable', 'email'), origin, source_path FROM docs
    UNION ALL SELECT 'cable_id', doc_type = 'cable', cable_id, source_path FROM docs
    UNION ALL SELECT 'sent_at', doc_type = 'cable', sent_at, source_path FROM docs
    UNION ALL SELECT 'precedence', doc_type = 'cable', precedence, source_path FROM docs
    UNION ALL SELECT 'declassify_on', doc_type = 'cable', declassify_on, source_path FROM docs
    UNION ALL SELECT 'to', doc_type = 'cable', has_to, source_path FROM docs
    UNION ALL SELECT 'tags', doc_type = 'cable', has_tags, source_path FROM docs
    UNION ALL SELECT 'numbered paragraphs', doc_type = 'cable', has_numbers, source_path FROM docs
    UNION ALL SELECT 'exemption codes', release_status = 'part', has_codes, source_path FROM docs
    UNION ALL SELECT 'text', 1, has_text, source_path FROM docs
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
