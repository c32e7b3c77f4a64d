-- Librarians' corrections, links between copies of a document, and the full-text index
-- declared the way Datasette and sqlite-utils look for it (content="paragraphs").

DROP TABLE paragraphs_fts;
CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
    text, heading,
    content="paragraphs", content_rowid="id",
    tokenize="unicode61 remove_diacritics 2"
);
INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild');

-- Every correction a librarian made, oldest first: the latest row for a field of a document
-- is the one in force. A correction names its document by file and place in the file, not by
-- row id, so it outlives a re-import of that file and is applied again to the new parse.
CREATE TABLE corrections (
    id          INTEGER PRIMARY KEY,
    source_path TEXT NOT NULL,              -- the document's file, as imported
    part        TEXT NOT NULL DEFAULT '',   -- its place in a file of several ('' when alone)
    doc_no      TEXT,                       -- its number (or cable id) when corrected, for people
    field       TEXT NOT NULL,              -- a column of documents: subject, doc_date, ...
    action      TEXT NOT NULL CHECK (action IN ('set', 'unset', 'revert')),
    value       TEXT,                       -- the value set; NULL for unset (no value) and revert
    parsed      TEXT,                       -- what the parser read for the field
    who         TEXT NOT NULL,
    at          TEXT NOT NULL,              -- UTC: 2026-11-27T20:31:07Z
    note        TEXT
);
CREATE INDEX corrections_document ON corrections(source_path, part, field, id);

-- The corrections in force, with the document they apply to now.
CREATE VIEW corrections_in_force AS
SELECT d.id AS document_id, c.id AS correction_id, c.field, c.action, c.value, c.parsed,
       c.who, c.at, c.note
FROM corrections c
JOIN documents d ON d.source_path = c.source_path AND coalesce(d.part, '') = c.part
WHERE c.action <> 'revert'
  AND c.id = (SELECT max(c2.id) FROM corrections c2
              WHERE c2.source_path = c.source_path AND c2.part = c.part AND c2.field = c.field);

-- Copies of one document in the catalog: the same text under two file names ('same text'),
-- or the same document number in two releases, e.g. re-released under a new case number
-- ('same doc_no'). Both records are kept; this view links them both ways.
CREATE VIEW document_links AS
SELECT a.id AS document_id, b.id AS other_id, 'same text' AS link
FROM documents a
JOIN documents b ON b.sha256 = a.sha256 AND coalesce(b.part, '') = coalesce(a.part, '') AND b.id <> a.id
UNION ALL
SELECT a.id, b.id, 'same doc_no'
FROM documents a
JOIN documents b ON b.doc_no = a.doc_no AND b.id <> a.id AND b.sha256 <> a.sha256;
