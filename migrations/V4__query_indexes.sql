-- Indexes that keep reports and lists fast on large catalogs (checked with EXPLAIN QUERY
-- PLAN by examples/query_bench.rs), and the document of each agency mention, so counting
-- mentions per document needs no join through paragraphs.

ALTER TABLE agency_mentions ADD COLUMN document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE;
UPDATE agency_mentions SET document_id = (SELECT document_id FROM paragraphs WHERE id = agency_mentions.paragraph_id);
CREATE INDEX agency_mentions_agency_document ON agency_mentions(agency_id, document_id, count);
CREATE INDEX agency_mentions_document ON agency_mentions(document_id);

DROP VIEW agency_document_mentions;
CREATE VIEW agency_document_mentions AS
SELECT document_id, agency_id, sum(count) AS count
FROM agency_mentions
GROUP BY document_id, agency_id;

CREATE INDEX document_exemptions_code_document ON document_exemptions(code, document_id, paragraph_id);
CREATE INDEX document_tags_tag_document ON document_tags(tag, document_id);
CREATE INDEX dates_mentioned ON dates(kind, precision, value, document_id);
CREATE INDEX documents_type_date ON documents(doc_type, doc_date);
CREATE INDEX documents_date_type ON documents(doc_date, doc_type, release_status);
CREATE INDEX addressees_role_document ON addressees(role, document_id);
CREATE INDEX addressees_agency ON addressees(agency_id, document_id);
CREATE INDEX paragraphs_numbered ON paragraphs(document_id) WHERE number IS NOT NULL;
