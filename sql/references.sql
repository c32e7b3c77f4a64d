-- References: every cable a REF line cites, with its canonical id and the catalogued document it names when the catalog holds it (-p cable=10KINSHASA858 lists the documents citing that cable).
-- :cable  only citations of this cable id, optional
SELECT
    coalesce(citing.cable_id, citing.doc_no) AS citing,
    citing.doc_date AS citing_date,
    r.label,
    r.reference,
    r.cable_id AS cited_cable_id,
    (SELECT coalesce(c.doc_no, '#' || c.id) FROM documents c
     WHERE c.cable_id = r.cable_id AND c.id <> citing.id ORDER BY c.id LIMIT 1) AS cited_in_catalog,
    citing.source_path
FROM document_references r
JOIN documents citing ON citing.id = r.document_id
WHERE (:cable IS NULL OR r.cable_id = upper(replace(:cable, ' ', '')))
ORDER BY citing.doc_date, citing.id, r.seq;
