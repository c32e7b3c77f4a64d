-- The catalog: one row per imported file, one per document, and the parts of each document.
-- Value formats follow shared/gold/FORMAT.md: ISO dates (2013-10-21), date-time groups as
-- UTC (2010-01-12T22:35Z), lower-case codes (b1, b7(e), 1.4(b), 25x6).

-- Every file imported, with the content hash that makes re-import a no-op.
CREATE TABLE files (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL UNIQUE,   -- as imported
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    encoding    TEXT,                   -- how its bytes were read (UTF-8, windows-1252...)
    format      TEXT NOT NULL,          -- text, frus-tei
    imported_at TEXT NOT NULL
);

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    file_id        INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    source_path    TEXT NOT NULL,       -- the file, as imported
    part           TEXT,                -- position in a file holding several (FRUS xml:id)
    sha256         TEXT NOT NULL,       -- of the file
    doc_no         TEXT,                -- FOIA document number: C05288068
    case_no        TEXT,                -- FOIA case number: F-2010-07760
    release_date   TEXT,                -- date in the release banner
    release_status TEXT CHECK (release_status IN ('full', 'part', 'denied')),
    doc_type       TEXT CHECK (doc_type IN ('cable', 'email', 'memo', 'letter', 'other')),
    cable_id       TEXT,                -- 10MEXICO45
    sent_at        TEXT,                -- date-time group as UTC: 2010-01-12T22:35Z
    doc_date       TEXT,                -- the document's own date
    precedence     TEXT,                -- ROUTINE, PRIORITY, IMMEDIATE, FLASH, NIACT IMMEDIATE
    origin         TEXT,                -- FM line, or an email's sender
    classification TEXT,                -- original classification
    subject        TEXT,
    declassify_on  TEXT,                -- from the E.O. line
    classified_by  TEXT,
    pages          INTEGER,
    body           TEXT NOT NULL DEFAULT '',  -- text with page banners removed
    imported_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX documents_source ON documents(source_path, COALESCE(part, ''));
CREATE INDEX documents_file ON documents(file_id);
CREATE INDEX documents_doc_no ON documents(doc_no);
CREATE INDEX documents_case_no ON documents(case_no);
CREATE INDEX documents_cable_id ON documents(cable_id);
CREATE INDEX documents_doc_date ON documents(doc_date);
CREATE INDEX documents_sha256 ON documents(sha256);

-- Action (to) and info addressees, in document order.
CREATE TABLE addressees (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('to', 'info')),
    name        TEXT NOT NULL,
    PRIMARY KEY (document_id, seq)
);

-- TAGS line codes, in document order.
CREATE TABLE document_tags (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    tag         TEXT NOT NULL,
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX document_tags_tag ON document_tags(tag);

-- REF lines.
CREATE TABLE document_references (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    reference   TEXT NOT NULL,
    PRIMARY KEY (document_id, seq)
);

CREATE TABLE paragraphs (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,       -- order in the document, from 1
    number      INTEGER,                -- the paragraph's own number; NULL when unnumbered
    marking     TEXT,                   -- portion marking: U, SBU, C, S...
    heading     TEXT,                   -- section heading printed before it
    kind        TEXT NOT NULL CHECK (kind IN ('header', 'body', 'signature', 'routing', 'stamp', 'note')),
    text        TEXT NOT NULL,
    UNIQUE (document_id, seq)
);

-- Full-text search over paragraphs (Datasette finds it by its name).
CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
    text, heading,
    content = 'paragraphs', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER paragraphs_ai AFTER INSERT ON paragraphs BEGIN
    INSERT INTO paragraphs_fts(rowid, text, heading) VALUES (new.id, new.text, new.heading);
END;
CREATE TRIGGER paragraphs_ad AFTER DELETE ON paragraphs BEGIN
    INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text, heading)
        VALUES ('delete', old.id, old.text, old.heading);
END;
CREATE TRIGGER paragraphs_au AFTER UPDATE ON paragraphs BEGIN
    INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text, heading)
        VALUES ('delete', old.id, old.text, old.heading);
    INSERT INTO paragraphs_fts(rowid, text, heading) VALUES (new.id, new.text, new.heading);
END;

-- Reference: agencies, and where paragraphs mention them.
CREATE TABLE agencies (
    id      INTEGER PRIMARY KEY,
    acronym TEXT NOT NULL,
    name    TEXT NOT NULL,
    country TEXT,
    kind    TEXT,
    aliases TEXT,
    source  TEXT,
    UNIQUE (acronym, country)
);
CREATE TABLE agency_mentions (
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    agency_id    INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    count        INTEGER NOT NULL,
    PRIMARY KEY (paragraph_id, agency_id)
);
CREATE INDEX agency_mentions_agency ON agency_mentions(agency_id);

-- Every date the parser found, normalized.
CREATE TABLE dates (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    paragraph_id INTEGER REFERENCES paragraphs(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,         -- sent, document, released, declassify_on, review, mentioned...
    value        TEXT NOT NULL,         -- ISO, as precise as the text: 2010-01-12, 2010-01, 2010
    precision    TEXT NOT NULL CHECK (precision IN ('minute', 'day', 'month', 'year')),
    raw          TEXT
);
CREATE INDEX dates_document ON dates(document_id);
CREATE INDEX dates_kind_value ON dates(kind, value);

-- Reference: FOIA exemptions and classification reasons (data/vocab/exemptions.csv).
CREATE TABLE exemptions (
    code             TEXT PRIMARY KEY,  -- b1, b7(e), 1.4(b), 25x6
    authority        TEXT NOT NULL,
    kind             TEXT,
    label            TEXT,
    description      TEXT,
    citation         TEXT,
    marking_variants TEXT,
    source           TEXT
);
-- Codes stamped on a document, with the paragraph they stand in when they stand in one.
CREATE TABLE document_exemptions (
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    paragraph_id INTEGER REFERENCES paragraphs(id) ON DELETE CASCADE,
    code         TEXT NOT NULL,
    raw          TEXT
);
CREATE INDEX document_exemptions_document ON document_exemptions(document_id);
CREATE INDEX document_exemptions_code ON document_exemptions(code);

-- Reference: TAGS codes and precedences (data/vocab).
CREATE TABLE tag_codes (
    code         TEXT NOT NULL,
    kind         TEXT,
    category     TEXT,
    title        TEXT,
    era          TEXT,
    verification TEXT,
    source       TEXT
);
CREATE INDEX tag_codes_code ON tag_codes(code);
CREATE TABLE precedences (
    designation TEXT PRIMARY KEY,
    prosign     TEXT,
    rank        INTEGER,
    handling    TEXT,
    source      TEXT
);

-- Catalog-wide settings (which vocabulary is loaded).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);
