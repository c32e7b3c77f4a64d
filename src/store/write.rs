//! Writing one file's documents: everything it had in the catalog goes, and its documents
//! come in, inside the caller's transaction, so a reader never sees half of either.

use anyhow::Result;
use rusqlite::{params, OptionalExtension, Transaction};

use crate::model::{format_sent_at, Document};
use crate::pdf::PdfMeta;

/// What the importer knows about a file.
#[derive(Debug, Clone)]
pub struct FileRecord<'a> {
    pub path: &'a str,
    pub sha256: &'a str,
    pub size: u64,
    pub encoding: &'a str,
    pub format: &'a str,
    pub imported_at: &'a str,
    /// What a PDF said of itself, for a PDF.
    pub pdf: Option<&'a PdfMeta>,
    /// The OCR engine that made the text layer read, when import ran one.
    pub ocr: Option<&'a str>,
}

/// How the full-text index learns of the paragraphs written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FtsFeed {
    /// The index triggers do it, row by row (any writer that does not know better).
    Triggers,
    /// The writer does it once per transaction (`FtsBatch`): triggers stand aside.
    Batch,
    /// Nothing now: the index is rebuilt when the import ends.
    Rebuild,
}

/// Feeding the full-text index once per transaction. Row by row, every insert opens a
/// statement savepoint on which FTS5 flushes its pending terms to disk and merges segments;
/// one `INSERT ... SELECT` per transaction does that once.
pub struct FtsBatch {
    /// The lowest paragraph id written in this transaction: every row from it on is new
    /// (rowids go up from the largest one present when each row is written).
    first_new: Option<i64>,
}

impl FtsBatch {
    /// Start a transaction's writes: triggers stand aside until `finish`.
    pub fn begin(tx: &Transaction) -> Result<FtsBatch> {
        tx.execute(
            "INSERT OR IGNORE INTO meta(key, value) VALUES ('fts_bulk', 'batch')",
            [],
        )?;
        Ok(FtsBatch { first_new: None })
    }

    /// Note a paragraph id written.
    pub fn wrote(&mut self, first_paragraph: Option<i64>) {
        if let Some(id) = first_paragraph {
            self.first_new = Some(self.first_new.map_or(id, |f| f.min(id)));
        }
    }

    /// Index the paragraphs written since `begin`, and let the triggers work again.
    pub fn finish(self, tx: &Transaction) -> Result<()> {
        if let Some(first) = self.first_new {
            tx.execute(
                "INSERT INTO paragraphs_fts(rowid, text, heading)
                 SELECT id, text, heading FROM paragraphs WHERE id >= ?1",
                [first],
            )?;
        }
        tx.execute(
            "DELETE FROM meta WHERE key = 'fts_bulk' AND value = 'batch'",
            [],
        )?;
        Ok(())
    }
}

/// Take a file's paragraphs out of the full-text index, by the file's id. Subqueries, not a
/// join: SQLite compiled a join on the file's path again each time a new path was bound (13%
/// of the writer's instructions on a bulk import, when it was one).
const FTS_DELETE_FILE: &str = "INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text, heading)
     SELECT 'delete', p.id, p.text, p.heading FROM paragraphs p
     WHERE p.document_id IN (SELECT d.id FROM documents d WHERE d.file_id = ?1)";

/// Replace whatever the catalog holds for `file.path` with `docs`; returns the id of the
/// first paragraph written, if any.
pub fn replace_file(
    tx: &Transaction,
    file: &FileRecord,
    docs: &[Document],
    fts: FtsFeed,
) -> Result<Option<i64>> {
    // A file new to the catalog (every file of a first import) has nothing to take out.
    let old: Option<i64> = tx
        .prepare_cached("SELECT id FROM files WHERE path = ?1")?
        .query_row([file.path], |r| r.get(0))
        .optional()?;
    if let Some(old) = old {
        if fts == FtsFeed::Batch {
            // The old paragraphs leave the index before they leave the table.
            tx.prepare_cached(FTS_DELETE_FILE)?.execute([old])?;
        }
        // Foreign keys cascade: documents, paragraphs, dates, codes.
        tx.prepare_cached("DELETE FROM files WHERE id = ?1")?
            .execute([old])?;
    }
    let pdf = file.pdf;
    tx.prepare_cached(
        "INSERT INTO files(path, sha256, size, encoding, format, imported_at, pages, text_pages,
            producer, creator, creation_date, ocr)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        file.path,
        file.sha256,
        file.size as i64,
        file.encoding,
        file.format,
        file.imported_at,
        pdf.map(|p| p.pages as i64),
        pdf.map(|p| p.text_pages as i64),
        pdf.and_then(|p| p.producer.as_deref()),
        pdf.and_then(|p| p.creator.as_deref()),
        pdf.and_then(|p| p.created.as_deref()),
        file.ocr,
    ])?;
    let file_id = tx.last_insert_rowid();
    let corrected = super::corrections::any(tx)?;
    let mut first_paragraph = None;
    for doc in docs {
        let (doc_id, first) = insert_document(tx, file_id, file, doc)?;
        if corrected {
            super::corrections::apply(tx, doc_id)?;
        }
        first_paragraph = first_paragraph.or(first);
    }
    Ok(first_paragraph)
}

fn insert_document(
    tx: &Transaction,
    file_id: i64,
    file: &FileRecord,
    doc: &Document,
) -> Result<(i64, Option<i64>)> {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    tx.prepare_cached(
        "INSERT INTO documents(file_id, source_path, part, sha256, doc_no, case_no, release_date,
            release_status, doc_type, cable_id, sent_at, doc_date, precedence, origin,
            classification, subject, declassify_on, classified_by, pages, body, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    )?
    .execute(params![
        file_id,
        file.path,
        doc.part,
        file.sha256,
        doc.doc_no,
        doc.case_no,
        date(doc.release_date),
        doc.release_status.map(|s| s.as_str()),
        doc.doc_type.map(|t| t.as_str()),
        doc.cable_id,
        doc.sent_at.as_ref().map(format_sent_at),
        date(doc.doc_date),
        doc.precedence,
        doc.origin,
        doc.classification,
        doc.subject,
        date(doc.declassify_on),
        doc.classified_by,
        doc.pages,
        doc.body,
        file.imported_at,
    ])?;
    let doc_id = tx.last_insert_rowid();

    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO addressees(document_id, seq, role, name, agency_id, routing_indicator) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (i, a) in doc.addressees.iter().enumerate() {
            let agency = match &a.agency {
                Some(key) => agency_id(tx, key)?,
                None => None,
            };
            stmt.execute(params![
                doc_id,
                i as i64 + 1,
                a.role.as_str(),
                a.name,
                agency,
                a.routing_indicator
            ])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO document_tags(document_id, seq, tag) VALUES (?1, ?2, ?3)",
        )?;
        for (i, t) in doc.tags.iter().enumerate() {
            stmt.execute(params![doc_id, i as i64 + 1, t])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO document_references(document_id, seq, reference, label, cable_id)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, r) in doc.references.iter().enumerate() {
            stmt.execute(params![doc_id, i as i64 + 1, r.text, r.label, r.cable_id])?;
        }
    }
    let mut paragraph_ids = Vec::with_capacity(doc.paragraphs.len());
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO paragraphs(document_id, seq, number, marking, heading, kind, text, page)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (i, p) in doc.paragraphs.iter().enumerate() {
            stmt.execute(params![
                doc_id,
                i as i64 + 1,
                p.number,
                p.marking,
                p.heading,
                p.kind.as_str(),
                p.text,
                p.page
            ])?;
            paragraph_ids.push(tx.last_insert_rowid());
        }
    }
    if let (Some(first), Some(last)) = (paragraph_ids.first(), paragraph_ids.last()) {
        tx.prepare_cached(
            "INSERT INTO document_paragraphs(document_id, first_paragraph, last_paragraph)
             VALUES (?1, ?2, ?3)",
        )?
        .execute(params![doc_id, first, last])?;
    }
    let pid = |i: Option<usize>| i.and_then(|i| paragraph_ids.get(i).copied());
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO document_exemptions(document_id, paragraph_id, code, raw) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for e in &doc.exemptions {
            stmt.execute(params![doc_id, pid(e.paragraph), e.code, e.raw])?;
        }
    }
    write_dates(tx, doc_id, doc, &paragraph_ids)?;
    write_facts(tx, doc_id, doc, &paragraph_ids)?;
    Ok((doc_id, paragraph_ids.first().copied()))
}

/// The dates of a document whose paragraphs are stored with `paragraph_ids`.
pub fn write_dates(
    tx: &Transaction,
    doc_id: i64,
    doc: &Document,
    paragraph_ids: &[i64],
) -> Result<()> {
    let pid = |i: Option<usize>| i.and_then(|i| paragraph_ids.get(i).copied());
    let mut stmt = tx.prepare_cached(
        "INSERT INTO dates(document_id, paragraph_id, kind, value, precision, raw)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for d in &doc.dates {
        stmt.execute(params![
            doc_id,
            pid(d.paragraph),
            d.kind,
            d.value,
            d.precision.as_str(),
            d.raw
        ])?;
    }
    Ok(())
}

fn agency_id(tx: &Transaction, key: &(String, String)) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT id FROM agencies WHERE acronym = ?1 AND country = ?2")?
        .query_row(params![key.0, key.1], |r| r.get(0))
        .optional()?)
}

/// Agency mentions, violence figures and assistance requests of a document whose paragraphs
/// are stored with `paragraph_ids`.
pub fn write_facts(
    tx: &Transaction,
    doc_id: i64,
    doc: &Document,
    paragraph_ids: &[i64],
) -> Result<()> {
    let pid = |i: Option<usize>| i.and_then(|i| paragraph_ids.get(i).copied());
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO agency_mentions(paragraph_id, agency_id, count, document_id) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(paragraph_id, agency_id) DO UPDATE SET count = count + excluded.count",
        )?;
        for m in &doc.agency_mentions {
            let (Some(p), Some(a)) = (pid(Some(m.paragraph)), agency_id(tx, &m.agency)?) else {
                continue;
            };
            stmt.execute(params![p, a, m.count, doc_id])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO violence_figures(document_id, paragraph_id, measure, value, unit, place, period, sentence, class, value_max, victim, confidence)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for v in &doc.violence {
            stmt.execute(params![
                doc_id,
                pid(v.paragraph),
                v.measure,
                v.value,
                v.unit,
                v.place,
                v.period,
                v.sentence,
                v.class,
                v.value_max,
                v.victim,
                v.confidence
            ])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO assistance_requests(document_id, paragraph_id, requester, item, category, date, date_source, sentence, confidence, asked_of, requester_source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for r in &doc.requests {
            stmt.execute(params![
                doc_id,
                pid(r.paragraph),
                r.requester,
                r.item,
                r.category,
                r.date.map(|d| d.format("%Y-%m-%d").to_string()),
                r.date_source,
                r.sentence,
                r.confidence,
                r.asked_of,
                r.requester_source
            ])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every statement the writer runs for a file is compiled once per import, not once per
    /// file: SQLite recompiles some (a join on a bound parameter) whenever the value changes.
    #[test]
    fn the_writer_compiles_its_statements_once() {
        let mut conn = crate::store::open_in_memory().unwrap();
        let doc = crate::parse::parse_text(
            "UNCLASSIFIED U.S. Department of State Case No. F-2014-20439 Doc No. C05739559 \
             Date: 05/13/2015\n\nFrom: H\nSent: Monday, March 2, 2009 6:12 AM\n\
             Subject: Mexico\n\nThe police asked for training on 3 March.\n",
        );
        for (i, path) in ["a.txt", "b.txt", "c.txt", "a.txt"].iter().enumerate() {
            let tx = conn.transaction().unwrap();
            let mut feed = FtsBatch::begin(&tx).unwrap();
            let file = FileRecord {
                path,
                sha256: &i.to_string(),
                size: 1,
                encoding: "UTF-8",
                format: "text",
                imported_at: "2026-01-01T00:00:00Z",
                pdf: None,
                ocr: None,
            };
            feed.wrote(
                replace_file(&tx, &file, std::slice::from_ref(&doc), FtsFeed::Batch).unwrap(),
            );
            feed.finish(&tx).unwrap();
            tx.commit().unwrap();
        }
        let recompiled = conn
            .prepare_cached(FTS_DELETE_FILE)
            .unwrap()
            .get_status(rusqlite::StatementStatus::RePrepare);
        assert_eq!(recompiled, 0);
        let (docs, indexed): (i64, i64) = conn
            .query_row(
                "SELECT (SELECT count(*) FROM documents),
                        (SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH 'training')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((docs, indexed), (3, 3));
    }
}
