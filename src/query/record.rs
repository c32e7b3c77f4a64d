//! A document's whole record as `show` prints it and the web page shows it, found by
//! document number, cable id or row id.

use std::sync::LazyLock;

use anyhow::Result;
use regex::Regex;
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::report::Table;

#[derive(Debug, Serialize)]
pub struct Record {
    pub id: i64,
    pub source_path: String,
    pub part: Option<String>,
    pub doc_no: Option<String>,
    pub case_no: Option<String>,
    pub release_date: Option<String>,
    pub release_status: Option<String>,
    pub doc_type: Option<String>,
    pub cable_id: Option<String>,
    pub sent_at: Option<String>,
    pub doc_date: Option<String>,
    pub precedence: Option<String>,
    pub origin: Option<String>,
    pub classification: Option<String>,
    pub subject: Option<String>,
    pub declassify_on: Option<String>,
    pub classified_by: Option<String>,
    pub pages: Option<i64>,
    pub to: Vec<String>,
    pub info: Vec<String>,
    pub tags: Vec<String>,
    /// REF citations as printed, one each.
    pub references: Vec<String>,
    /// The canonical ids of the cables the REF lines cite.
    pub cites: Vec<String>,
    /// The catalogued documents citing this cable: their cable id, else document number.
    pub cited_by: Vec<String>,
    pub exemptions: Vec<Exemption>,
    /// Fields a librarian corrected, with who and when.
    pub corrections: Vec<FieldCorrection>,
    pub paragraphs: Vec<Para>,
}

#[derive(Debug, Serialize)]
pub struct FieldCorrection {
    pub field: String,
    pub action: String,
    pub parsed: Option<String>,
    pub who: String,
    pub at: String,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Exemption {
    pub code: String,
    pub label: Option<String>,
    pub paragraph: Option<i64>,
    pub raw: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Para {
    pub seq: i64,
    pub number: Option<i64>,
    pub marking: Option<String>,
    pub heading: Option<String>,
    pub kind: String,
    pub text: String,
}

/// The row ids of the documents a key names: a document number, a cable id (either in any
/// case) or a row id. Each is an index lookup: at 100,000 documents a scan of the table
/// took seconds.
pub fn find_ids(conn: &Connection, key: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT id FROM documents WHERE doc_no IN (?1, upper(?1))
         UNION SELECT id FROM documents WHERE cable_id IN (?1, upper(?1))
         UNION SELECT id FROM documents WHERE id = ?2
         ORDER BY id",
    )?;
    let row_id = key.parse::<i64>().ok();
    let ids = stmt
        .query_map(params![key, row_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// The whole record of document `id`.
pub fn load(conn: &Connection, id: i64) -> Result<Record> {
    let mut rec = conn.query_row(
        "SELECT id, source_path, part, doc_no, case_no, release_date, release_status, doc_type,
                cable_id, sent_at, doc_date, precedence, origin, classification, subject,
                declassify_on, classified_by, pages
         FROM documents WHERE id = ?1",
        [id],
        |r| {
            Ok(Record {
                id: r.get(0)?,
                source_path: r.get(1)?,
                part: r.get(2)?,
                doc_no: r.get(3)?,
                case_no: r.get(4)?,
                release_date: r.get(5)?,
                release_status: r.get(6)?,
                doc_type: r.get(7)?,
                cable_id: r.get(8)?,
                sent_at: r.get(9)?,
                doc_date: r.get(10)?,
                precedence: r.get(11)?,
                origin: r.get(12)?,
                classification: r.get(13)?,
                subject: r.get(14)?,
                declassify_on: r.get(15)?,
                classified_by: r.get(16)?,
                pages: r.get(17)?,
                to: vec![],
                info: vec![],
                tags: vec![],
                references: vec![],
                cites: vec![],
                cited_by: vec![],
                exemptions: vec![],
                corrections: vec![],
                paragraphs: vec![],
            })
        },
    )?;
    let strings = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let v = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(v)
    };
    rec.to =
        strings("SELECT name FROM addressees WHERE document_id = ?1 AND role = 'to' ORDER BY seq")?;
    rec.info = strings(
        "SELECT name FROM addressees WHERE document_id = ?1 AND role = 'info' ORDER BY seq",
    )?;
    rec.tags = strings("SELECT tag FROM document_tags WHERE document_id = ?1 ORDER BY seq")?;
    rec.references =
        strings("SELECT reference FROM document_references WHERE document_id = ?1 ORDER BY seq")?;
    rec.cites = strings(
        "SELECT cable_id FROM document_references
         WHERE document_id = ?1 AND cable_id IS NOT NULL ORDER BY seq",
    )?;
    rec.cited_by = strings(
        "SELECT DISTINCT coalesce(citing_cable_id, citing_doc_no, '#' || citing_id) FROM cited_by
         WHERE document_id = ?1 ORDER BY citing_date, citing_id",
    )?;
    let mut stmt = conn.prepare(
        "SELECT de.code, e.label, p.seq, de.raw
         FROM document_exemptions de
         LEFT JOIN exemptions e ON e.code = de.code
         LEFT JOIN paragraphs p ON p.id = de.paragraph_id
         WHERE de.document_id = ?1 ORDER BY de.rowid",
    )?;
    rec.exemptions = stmt
        .query_map(params![id], |r| {
            Ok(Exemption {
                code: r.get(0)?,
                label: r.get(1)?,
                paragraph: r.get(2)?,
                raw: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT field, action, parsed, who, at, note FROM corrections_in_force
         WHERE document_id = ?1 ORDER BY correction_id",
    )?;
    rec.corrections = stmt
        .query_map(params![id], |r| {
            Ok(FieldCorrection {
                field: r.get(0)?,
                action: r.get(1)?,
                parsed: r.get(2)?,
                who: r.get(3)?,
                at: r.get(4)?,
                note: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT seq, number, marking, heading, kind, text FROM paragraphs WHERE document_id = ?1 ORDER BY seq",
    )?;
    rec.paragraphs = stmt
        .query_map(params![id], |r| {
            Ok(Para {
                seq: r.get(0)?,
                number: r.get(1)?,
                marking: r.get(2)?,
                heading: r.get(3)?,
                kind: r.get(4)?,
                text: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rec)
}

/// What else the catalog knows of a document, beside its record: the web page shows it all.
#[derive(Debug, Default)]
pub struct Findings {
    /// Agencies its paragraphs name or its addressee lines are: acronym, name, country,
    /// mentions, addressee (1 when an addressee line is the agency).
    pub agencies: Table,
    /// Every date the parser found: kind, value, precision, raw, paragraph.
    pub dates: Table,
    /// Violence figures and assistance requests, every column the tables have (they grow),
    /// with the paragraph's position instead of its row id.
    pub violence: Table,
    pub requests: Table,
    /// Other copies: the same text under another file name, or the same number released again.
    pub links: Vec<Link>,
    /// Each REF line, with the documents of the catalog it names.
    pub references: Vec<(String, Vec<Named>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub id: i64,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub other: Named,
    pub link: String,
    pub case_no: Option<String>,
    pub release_date: Option<String>,
    pub source_path: String,
}

/// The rows `sql` gives for document `id` (its `:id`), without the columns of `hidden`.
fn rows_of(conn: &Connection, sql: &str, id: i64, hidden: &[&str]) -> Result<Table> {
    let mut stmt = conn.prepare(sql)?;
    let params = [("id".to_string(), id.to_string())].into_iter().collect();
    let mut table = crate::report::read_rows(&mut stmt, &params, usize::MAX, None)?;
    let keep: Vec<usize> = (0..table.columns.len())
        .filter(|&i| !hidden.contains(&table.columns[i].as_str()))
        .collect();
    table.columns = keep.iter().map(|&i| table.columns[i].clone()).collect();
    for row in &mut table.rows {
        *row = keep.iter().map(|&i| row[i].take()).collect();
    }
    Ok(table)
}

/// The cable ids and document numbers a REF line names: `A) 10 KINSHASA 858` is
/// 10KINSHASA858; a reference without its year (`STATE 86734`) is taken to be of `year`, the
/// citing document's; `C05739559` is a document number.
pub fn referenced_ids(reference: &str, year: Option<&str>) -> Vec<String> {
    static CABLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:(\d{2})\s+)?([A-Z]{2,}(?:\s[A-Z]{2,})*)\s+(\d{1,6})\b").unwrap()
    });
    static DOC_NO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b[A-Z]\d{8}\b").unwrap());
    let mut out = Vec::new();
    for c in CABLE.captures_iter(reference) {
        let Some(yy) = c
            .get(1)
            .map(|m| m.as_str().to_string())
            .or_else(|| year.and_then(|y| y.get(2..4)).map(str::to_string))
        else {
            continue;
        };
        let station: String = c[2].split_whitespace().collect();
        let number = c[3].trim_start_matches('0');
        out.push(format!("{yy}{station}{number}"));
    }
    out.extend(DOC_NO.find_iter(reference).map(|m| m.as_str().to_string()));
    out.dedup();
    out
}

/// The findings of document `id` (see `Findings`).
pub fn load_findings(conn: &Connection, rec: &Record) -> Result<Findings> {
    let id = rec.id;
    let agencies = rows_of(
        conn,
        "SELECT a.acronym, a.name, a.country, sum(x.mentions) AS mentions,
                max(x.addressee) AS addressee
         FROM (SELECT agency_id, count AS mentions, 0 AS addressee
               FROM agency_mentions WHERE document_id = (:id)
               UNION ALL
               SELECT agency_id, 0, 1 FROM addressees
               WHERE document_id = (:id) AND agency_id IS NOT NULL) x
         JOIN agencies a ON a.id = x.agency_id
         GROUP BY a.id ORDER BY mentions DESC, a.acronym",
        id,
        &[],
    )?;
    let dates = rows_of(
        conn,
        "SELECT d.kind, d.value, d.precision, d.raw, p.seq AS paragraph
         FROM dates d LEFT JOIN paragraphs p ON p.id = d.paragraph_id
         WHERE d.document_id = (:id) ORDER BY d.value, d.id",
        id,
        &[],
    )?;
    let hidden = ["id", "document_id", "paragraph_id"];
    let violence = rows_of(
        conn,
        "SELECT p.seq AS paragraph, v.* FROM violence_figures v
         LEFT JOIN paragraphs p ON p.id = v.paragraph_id
         WHERE v.document_id = (:id) ORDER BY v.id",
        id,
        &hidden,
    )?;
    let requests = rows_of(
        conn,
        "SELECT p.seq AS paragraph, r.* FROM assistance_requests r
         LEFT JOIN paragraphs p ON p.id = r.paragraph_id
         WHERE r.document_id = (:id) ORDER BY r.id",
        id,
        &hidden,
    )?;
    let mut stmt = conn.prepare(
        "SELECT o.id, coalesce(o.doc_no, o.cable_id, '#' || o.id), l.link, o.case_no,
                o.release_date, o.source_path
         FROM document_links l JOIN documents o ON o.id = l.other_id
         WHERE l.document_id = ?1 ORDER BY o.id",
    )?;
    let links = stmt
        .query_map([id], |r| {
            Ok(Link {
                other: Named {
                    id: r.get(0)?,
                    label: r.get(1)?,
                },
                link: r.get(2)?,
                case_no: r.get(3)?,
                release_date: r.get(4)?,
                source_path: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let year = rec.sent_at.as_deref().or(rec.doc_date.as_deref());
    let mut stmt = conn.prepare(
        "SELECT id, coalesce(doc_no, cable_id) FROM documents
         WHERE (cable_id = ?1 OR doc_no = ?1) AND id <> ?2 ORDER BY id",
    )?;
    let mut references = Vec::new();
    for reference in &rec.references {
        let mut named = Vec::new();
        for key in referenced_ids(reference, year) {
            for n in stmt.query_map(params![key, id], |r| {
                Ok(Named {
                    id: r.get(0)?,
                    label: r.get(1)?,
                })
            })? {
                let n = n?;
                if !named.contains(&n) {
                    named.push(n);
                }
            }
        }
        references.push((reference.clone(), named));
    }
    Ok(Findings {
        agencies,
        dates,
        violence,
        requests,
        links,
        references,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_lines_name_cables() {
        for (reference, year, want) in [
            (
                "A) 10 KINSHASA 858 B) 10 KINSHASA 205",
                None,
                vec!["10KINSHASA858", "10KINSHASA205"],
            ),
            ("A. STATE 86734", Some("2009-12-01"), vec!["09STATE86734"]),
            ("A. STATE 86734", None, vec![]),
            ("A) 11 TEL AVIV 930", None, vec!["11TELAVIV930"]),
            (
                "C05739559; 09 MEXICO 0045",
                None,
                vec!["09MEXICO45", "C05739559"],
            ),
        ] {
            assert_eq!(referenced_ids(reference, year), want, "{reference}");
        }
    }
}
