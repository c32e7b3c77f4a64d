-- Facts a report writer can check and trust: each violence figure names its class (killed,
-- injured, kidnapped, casualties, attacks), its victims, the top of a range, and how sure the
-- rule that read it is; a rate (`30 homicides per 100,000`) is a unit of its own. Each
-- assistance request says how sure its rule is, whom it was asked of, and how its requester
-- was found (named in the sentence, or resolved from a pronoun or a possessive).
--
-- `unit` gains 'rate', so violence_figures is rebuilt (SQLite cannot alter a CHECK); its rows,
-- ids and indexes are kept. Facts read by an older cablecat have no class and a confidence of
-- 1 until they are read again (`cablecat vocab reload --builtin`, or re-import).

CREATE TABLE violence_figures_v8 (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    paragraph_id INTEGER REFERENCES paragraphs(id) ON DELETE CASCADE,
    measure      TEXT NOT NULL,         -- the class and who: `killed (police)`, `attacks (car bombs)`
    value        REAL NOT NULL,         -- the number, or the low end of a range
    unit         TEXT NOT NULL CHECK (unit IN ('count', 'percent', 'rate')),
    place        TEXT,
    period       TEXT,
    sentence     TEXT NOT NULL,
    class        TEXT CHECK (class IN ('killed', 'injured', 'kidnapped', 'casualties', 'attacks')),
    value_max    REAL,                  -- the high end of a range (`145 to 160`), else NULL
    victim       TEXT,                  -- who was harmed, as the text says (`police`, `civilians`)
    confidence   REAL NOT NULL DEFAULT 1 CHECK (confidence BETWEEN 0 AND 1)
);
INSERT INTO violence_figures_v8(id, document_id, paragraph_id, measure, value, unit, place, period, sentence)
SELECT id, document_id, paragraph_id, measure, value, unit, place, period, sentence FROM violence_figures;
DROP TABLE violence_figures;
ALTER TABLE violence_figures_v8 RENAME TO violence_figures;
CREATE INDEX violence_figures_document ON violence_figures(document_id);
CREATE INDEX violence_figures_paragraph ON violence_figures(paragraph_id) WHERE paragraph_id IS NOT NULL;

ALTER TABLE assistance_requests ADD COLUMN confidence REAL NOT NULL DEFAULT 1 CHECK (confidence BETWEEN 0 AND 1);
ALTER TABLE assistance_requests ADD COLUMN asked_of TEXT;        -- whom it was asked of (`the USG`, `Russia`)
ALTER TABLE assistance_requests ADD COLUMN requester_source TEXT  -- `text`: named where it is asked; `pronoun`: resolved from he/they/his
    CHECK (requester_source IN ('text', 'pronoun'));

-- The vocabularies gain what the rules read from them.
ALTER TABLE violence_terms ADD COLUMN class TEXT;   -- killed, injured, kidnapped, casualties, attacks; empty for a victim word
ALTER TABLE violence_terms ADD COLUMN form TEXT;    -- verb, noun, victim (see data/vocab/violence_terms.csv)
ALTER TABLE violence_context ADD COLUMN kind TEXT NOT NULL DEFAULT 'violence';  -- violence, or what rules a figure out: disaster, disease, accident, judicial, poll
CREATE TABLE actor_words (
    word   TEXT PRIMARY KEY,
    kind   TEXT NOT NULL,                -- title (President, Governor), body (government, ministry), us (USG, Washington)
    source TEXT
);
