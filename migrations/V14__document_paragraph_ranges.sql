-- The paragraph ids of each document, first to last. A document's paragraphs are written
-- together, one after another (`store::write`), so they are one run of ids that holds no
-- other document's paragraph: a search with filters tests each hit's id against the runs of
-- the documents the filters keep (`paragraph_in`, a function of the catalog's own) instead of
-- looking up each hit's document. A document without paragraphs has no row.
CREATE TABLE document_paragraphs (
    document_id     INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    first_paragraph INTEGER NOT NULL,
    last_paragraph  INTEGER NOT NULL,
    CHECK (first_paragraph <= last_paragraph)
);
INSERT INTO document_paragraphs (document_id, first_paragraph, last_paragraph)
SELECT document_id, min(id), max(id) FROM paragraphs GROUP BY document_id;
