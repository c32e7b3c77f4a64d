-- The same CHECK constraints, written so that SQLite checks them with plain comparisons.
--
-- SQLite evaluates `x IN ('a', 'b', 'c')` (three or more constants) in a CHECK constraint by
-- building a temporary b-tree of the list for every row written: opening a temporary
-- database, creating and filling a table, closing it. Profiled on a bulk import of 24,221
-- real emails, that was about 40% of the catalog writer's instructions (paragraphs, dates
-- and documents rows). The same condition written with OR accepts and refuses exactly the
-- same values (NULL included) and is checked in a few instructions.
--
-- Only the text of the constraints changes, not what any row may hold, so the tables are not
-- rebuilt: SQLite documents this edit of sqlite_schema as the way to change a CHECK
-- constraint (https://sqlite.org/lang_altertable.html, "other kinds of table schema
-- changes"). Each replace() matches the constraint as V1, V5 and V8 wrote it; a table whose text
-- differs is left as it is (still correct, only slower). The table created and dropped at the
-- end changes the schema version, so every open connection reads the new text.

PRAGMA writable_schema = ON;

UPDATE sqlite_schema SET sql = replace(replace(sql,
    'CHECK (release_status IN (''full'', ''part'', ''denied''))',
    'CHECK (release_status = ''full'' OR release_status = ''part'' OR release_status = ''denied'')'),
    'CHECK (doc_type IN (''cable'', ''email'', ''memo'', ''letter'', ''other''))',
    'CHECK (doc_type = ''cable'' OR doc_type = ''email'' OR doc_type = ''memo'' OR doc_type = ''letter'' OR doc_type = ''other'')')
WHERE type = 'table' AND name = 'documents';

UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (kind IN (''header'', ''body'', ''signature'', ''routing'', ''stamp'', ''note''))',
    'CHECK (kind = ''header'' OR kind = ''body'' OR kind = ''signature'' OR kind = ''routing'' OR kind = ''stamp'' OR kind = ''note'')')
WHERE type = 'table' AND name = 'paragraphs';

UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (precision IN (''minute'', ''day'', ''month'', ''year''))',
    'CHECK (precision = ''minute'' OR precision = ''day'' OR precision = ''month'' OR precision = ''year'')')
WHERE type = 'table' AND name = 'dates';

UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (action IN (''set'', ''unset'', ''revert''))',
    'CHECK (action = ''set'' OR action = ''unset'' OR action = ''revert'')')
WHERE type = 'table' AND name = 'corrections';

UPDATE sqlite_schema SET sql = replace(replace(sql,
    'CHECK (unit IN (''count'', ''percent'', ''rate''))',
    'CHECK (unit = ''count'' OR unit = ''percent'' OR unit = ''rate'')'),
    'CHECK (class IN (''killed'', ''injured'', ''kidnapped'', ''casualties'', ''attacks''))',
    'CHECK (class = ''killed'' OR class = ''injured'' OR class = ''kidnapped'' OR class = ''casualties'' OR class = ''attacks'')')
WHERE type = 'table' AND name = 'violence_figures';

-- Off, and this connection reads the schema again.
PRAGMA writable_schema = RESET;

CREATE TABLE v11_schema_version_bump (x);
DROP TABLE v11_schema_version_bump;
