-- Facts extracted from the text with the vocabularies of data/vocab: agencies on addressee
-- lines, violence figures and assistance requests, and the vocabularies themselves.

ALTER TABLE agencies ADD COLUMN word INTEGER NOT NULL DEFAULT 0;  -- acronym is also a word (ICE, PEP)
ALTER TABLE addressees ADD COLUMN agency_id INTEGER REFERENCES agencies(id) ON DELETE SET NULL;

-- A quantitative statement about violence, with the paragraph and sentence it came from.
CREATE TABLE violence_figures (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    paragraph_id INTEGER REFERENCES paragraphs(id) ON DELETE CASCADE,
    measure      TEXT NOT NULL,         -- police deaths, killings, kidnappings...
    value        REAL NOT NULL,
    unit         TEXT NOT NULL CHECK (unit IN ('count', 'percent')),
    place        TEXT,
    period       TEXT,
    sentence     TEXT NOT NULL
);
CREATE INDEX violence_figures_document ON violence_figures(document_id);

-- One requested item, dated by the meeting or request the text names, else the document.
CREATE TABLE assistance_requests (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    paragraph_id INTEGER REFERENCES paragraphs(id) ON DELETE CASCADE,
    requester    TEXT,
    item         TEXT NOT NULL,
    category     TEXT NOT NULL,         -- equipment, training, intelligence, technology...
    date         TEXT,
    date_source  TEXT CHECK (date_source IN ('text', 'document')),
    sentence     TEXT NOT NULL
);
CREATE INDEX assistance_requests_document ON assistance_requests(document_id);
CREATE INDEX assistance_requests_date ON assistance_requests(date);

-- The vocabularies that drive extraction (data/vocab/*.csv).
CREATE TABLE violence_terms (
    term          TEXT PRIMARY KEY,
    measure       TEXT NOT NULL,
    needs_context INTEGER NOT NULL DEFAULT 0,
    source        TEXT
);
CREATE TABLE violence_context (
    word   TEXT PRIMARY KEY,
    source TEXT
);
CREATE TABLE request_phrases (
    phrase TEXT PRIMARY KEY,
    kind   TEXT,
    source TEXT
);
CREATE TABLE request_items (
    term     TEXT PRIMARY KEY,
    category TEXT NOT NULL,
    source   TEXT
);

-- Agencies with the documents that name them, for analysts.
CREATE VIEW agency_document_mentions AS
SELECT p.document_id, m.agency_id, sum(m.count) AS count
FROM agency_mentions m JOIN paragraphs p ON p.id = m.paragraph_id
GROUP BY p.document_id, m.agency_id;
