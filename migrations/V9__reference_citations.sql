-- REF lines split into the cables they cite: one row per citation, the text as printed kept
-- in `reference`, its letter on the REF line and the cited cable's canonical id beside it,
-- so that a cited cable in the catalog can be joined to. Rows written before this version
-- hold a whole REF line with no cable id until their file is imported again.
ALTER TABLE document_references ADD COLUMN label TEXT;      -- A, B: the citation's letter
ALTER TABLE document_references ADD COLUMN cable_id TEXT;   -- 10KINSHASA858
CREATE INDEX document_references_cable_id ON document_references(cable_id, document_id)
    WHERE cable_id IS NOT NULL;

-- For a cable in the catalog, the catalogued documents citing it (a cable, or an email
-- carrying one), with the citation as printed.
CREATE VIEW cited_by AS
SELECT cited.id AS document_id, cited.cable_id,
       citing.id AS citing_id, citing.cable_id AS citing_cable_id, citing.doc_no AS citing_doc_no,
       citing.doc_date AS citing_date, citing.subject AS citing_subject,
       r.label, r.reference
FROM document_references r
JOIN documents cited ON cited.cable_id = r.cable_id
JOIN documents citing ON citing.id = r.document_id
WHERE citing.id <> cited.id;
