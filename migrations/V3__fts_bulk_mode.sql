-- Bulk imports feed the full-text index once at the end ('rebuild') instead of row by row:
-- while meta holds 'fts_bulk', the triggers stand aside. An import sets it, and clears it
-- after the rebuild; a catalog left with it set (a killed import) is rebuilt on the next
-- import or `cablecat check --repair`.
DROP TRIGGER paragraphs_ai;
DROP TRIGGER paragraphs_ad;
DROP TRIGGER paragraphs_au;
CREATE TRIGGER paragraphs_ai AFTER INSERT ON paragraphs
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fts_bulk') BEGIN
    INSERT INTO paragraphs_fts(rowid, text, heading) VALUES (new.id, new.text, new.heading);
END;
CREATE TRIGGER paragraphs_ad AFTER DELETE ON paragraphs
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fts_bulk') BEGIN
    INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text, heading)
        VALUES ('delete', old.id, old.text, old.heading);
END;
CREATE TRIGGER paragraphs_au AFTER UPDATE ON paragraphs
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fts_bulk') BEGIN
    INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text, heading)
        VALUES ('delete', old.id, old.text, old.heading);
    INSERT INTO paragraphs_fts(rowid, text, heading) VALUES (new.id, new.text, new.heading);
END;
