-- Parse coverage: for each catalog field, how many documents the parser filled it for, and which files it missed.
-- :type  only documents of this type (cable, email, memo, letter, other), optional
-- A field counts only for the documents it applies to: cable ids and date-time groups for
-- cables, senders for cables, emails and memos, exemption codes for documents released in part.
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
        EXISTS (SELECT 1 FROM addressees a WHERE a.document_id = d.id AND a.role = 'to') AS has_to,
        EXISTS (SELECT 1 FROM document_tags t WHERE t.document_id = d.id) AS has_tags,
        EXISTS (SELECT 1 FROM paragraphs p WHERE p.document_id = d.id AND p.number IS NOT NULL) AS has_numbers,
        EXISTS (SELECT 1 FROM document_exemptions e WHERE e.document_id = d.id) AS has_codes,
        EXISTS (SELECT 1 FROM paragraphs p WHERE p.document_id = d.id) AS has_text
    FROM documents d
    WHERE (:type IS NULL OR d.doc_type = :type)
)
-- One aggregate per field over the materialized documents: no sort of every (field,
-- document) pair, which at 100,000 documents cost more than the rest together.
SELECT 'doc_no' AS field, sum(1) AS documents, sum((1) AND doc_no) AS filled,
       sum((1) AND NOT doc_no) AS missing,
       CASE WHEN sum(1) > 0 THEN round(100.0 * sum((1) AND doc_no) / sum(1), 1) END AS percent,
       group_concat(CASE WHEN (1) AND NOT doc_no THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'case_no' AS field, sum(1) AS documents, sum((1) AND case_no) AS filled,
       sum((1) AND NOT case_no) AS missing,
       CASE WHEN sum(1) > 0 THEN round(100.0 * sum((1) AND case_no) / sum(1), 1) END AS percent,
       group_concat(CASE WHEN (1) AND NOT case_no THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'release_date' AS field, sum(1) AS documents, sum((1) AND release_date) AS filled,
       sum((1) AND NOT release_date) AS missing,
       CASE WHEN sum(1) > 0 THEN round(100.0 * sum((1) AND release_date) / sum(1), 1) END AS percent,
       group_concat(CASE WHEN (1) AND NOT release_date THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'release_status' AS field, sum(1) AS documents, sum((1) AND status) AS filled,
       sum((1) AND NOT status) AS missing,
       CASE WHEN sum(1) > 0 THEN round(100.0 * sum((1) AND status) / sum(1), 1) END AS percent,
       group_concat(CASE WHEN (1) AND NOT status THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'doc_type' AS field, sum(1) AS documents, sum((1) AND type) AS filled,
       sum((1) AND NOT type) AS missing,
       CASE WHEN sum(1) > 0 THEN round(100.0 * sum((1) AND type) / sum(1), 1) END AS percent,
       group_concat(CASE WHEN (1) AND NOT type THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'classification' AS field, sum(1) AS documents, sum((1) AND classification) AS filled,
       sum((1) AND NOT classification) AS missing,
       CASE WHEN sum(1) > 0 THEN round(100.0 * sum((1) AND classification) / sum(1), 1) END AS percent,
       group_concat(CASE WHEN (1) AND NOT classification THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'doc_date' AS field, sum(1) AS documents, sum((1) AND doc_date) AS filled,
       sum((1) AND NOT doc_date) AS missing,
       CASE WHEN sum(1) > 0 THEN round(100.0 * sum((1) AND doc_date) / sum(1), 1) END AS percent,
       group_concat(CASE WHEN (1) AND NOT doc_date THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'subject' AS field, sum(doc_type IN ('cable', 'email', 'memo')) AS documents, sum((doc_type IN ('cable', 'email', 'memo')) AND subject) AS filled,
       sum((doc_type IN ('cable', 'email', 'memo')) AND NOT subject) AS missing,
       CASE WHEN sum(doc_type IN ('cable', 'email', 'memo')) > 0 THEN round(100.0 * sum((doc_type IN ('cable', 'email', 'memo')) AND subject) / sum(doc_type IN ('cable', 'email', 'memo')), 1) END AS percent,
       group_concat(CASE WHEN (doc_type IN ('cable', 'email', 'memo')) AND NOT subject THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'origin' AS field, sum(doc_type IN ('cable', 'email', 'memo')) AS documents, sum((doc_type IN ('cable', 'email', 'memo')) AND origin) AS filled,
       sum((doc_type IN ('cable', 'email', 'memo')) AND NOT origin) AS missing,
       CASE WHEN sum(doc_type IN ('cable', 'email', 'memo')) > 0 THEN round(100.0 * sum((doc_type IN ('cable', 'email', 'memo')) AND origin) / sum(doc_type IN ('cable', 'email', 'memo')), 1) END AS percent,
       group_concat(CASE WHEN (doc_type IN ('cable', 'email', 'memo')) AND NOT origin THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'cable_id' AS field, sum(doc_type = 'cable') AS documents, sum((doc_type = 'cable') AND cable_id) AS filled,
       sum((doc_type = 'cable') AND NOT cable_id) AS missing,
       CASE WHEN sum(doc_type = 'cable') > 0 THEN round(100.0 * sum((doc_type = 'cable') AND cable_id) / sum(doc_type = 'cable'), 1) END AS percent,
       group_concat(CASE WHEN (doc_type = 'cable') AND NOT cable_id THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'sent_at' AS field, sum(doc_type = 'cable') AS documents, sum((doc_type = 'cable') AND sent_at) AS filled,
       sum((doc_type = 'cable') AND NOT sent_at) AS missing,
       CASE WHEN sum(doc_type = 'cable') > 0 THEN round(100.0 * sum((doc_type = 'cable') AND sent_at) / sum(doc_type = 'cable'), 1) END AS percent,
       group_concat(CASE WHEN (doc_type = 'cable') AND NOT sent_at THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'precedence' AS field, sum(doc_type = 'cable') AS documents, sum((doc_type = 'cable') AND precedence) AS filled,
       sum((doc_type = 'cable') AND NOT precedence) AS missing,
       CASE WHEN sum(doc_type = 'cable') > 0 THEN round(100.0 * sum((doc_type = 'cable') AND precedence) / sum(doc_type = 'cable'), 1) END AS percent,
       group_concat(CASE WHEN (doc_type = 'cable') AND NOT precedence THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'declassify_on' AS field, sum(doc_type = 'cable') AS documents, sum((doc_type = 'cable') AND declassify_on) AS filled,
       sum((doc_type = 'cable') AND NOT declassify_on) AS missing,
       CASE WHEN sum(doc_type = 'cable') > 0 THEN round(100.0 * sum((doc_type = 'cable') AND declassify_on) / sum(doc_type = 'cable'), 1) END AS percent,
       group_concat(CASE WHEN (doc_type = 'cable') AND NOT declassify_on THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'to' AS field, sum(doc_type = 'cable') AS documents, sum((doc_type = 'cable') AND has_to) AS filled,
       sum((doc_type = 'cable') AND NOT has_to) AS missing,
       CASE WHEN sum(doc_type = 'cable') > 0 THEN round(100.0 * sum((doc_type = 'cable') AND has_to) / sum(doc_type = 'cable'), 1) END AS percent,
       group_concat(CASE WHEN (doc_type = 'cable') AND NOT has_to THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'tags' AS field, sum(doc_type = 'cable') AS documents, sum((doc_type = 'cable') AND has_tags) AS filled,
       sum((doc_type = 'cable') AND NOT has_tags) AS missing,
       CASE WHEN sum(doc_type = 'cable') > 0 THEN round(100.0 * sum((doc_type = 'cable') AND has_tags) / sum(doc_type = 'cable'), 1) END AS percent,
       group_concat(CASE WHEN (doc_type = 'cable') AND NOT has_tags THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'numbered paragraphs' AS field, sum(doc_type = 'cable') AS documents, sum((doc_type = 'cable') AND has_numbers) AS filled,
       sum((doc_type = 'cable') AND NOT has_numbers) AS missing,
       CASE WHEN sum(doc_type = 'cable') > 0 THEN round(100.0 * sum((doc_type = 'cable') AND has_numbers) / sum(doc_type = 'cable'), 1) END AS percent,
       group_concat(CASE WHEN (doc_type = 'cable') AND NOT has_numbers THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'exemption codes' AS field, sum(release_status = 'part') AS documents, sum((release_status = 'part') AND has_codes) AS filled,
       sum((release_status = 'part') AND NOT has_codes) AS missing,
       CASE WHEN sum(release_status = 'part') > 0 THEN round(100.0 * sum((release_status = 'part') AND has_codes) / sum(release_status = 'part'), 1) END AS percent,
       group_concat(CASE WHEN (release_status = 'part') AND NOT has_codes THEN source_path END, ' ') AS missing_in
FROM docs
UNION ALL
SELECT 'text' AS field, sum(1) AS documents, sum((1) AND has_text) AS filled,
       sum((1) AND NOT has_text) AS missing,
       CASE WHEN sum(1) > 0 THEN round(100.0 * sum((1) AND has_text) / sum(1), 1) END AS percent,
       group_concat(CASE WHEN (1) AND NOT has_text THEN source_path END, ' ') AS missing_in
FROM docs
ORDER BY percent, field;
