use std::io::Write;

use anyhow::{bail, Result};
use clap::Args;
use rusqlite::{params, Connection};
use serde::Serialize;

use super::{Cli, OutputArgs};
use crate::report::Format;
use crate::store::Catalog;

/// Show a document's whole record: its fields, addressees, tags, exemptions and paragraphs.
///
/// DOC is a FOIA document number (C05288068), a cable id (10MEXICO45) or a catalog row id.
///
/// Examples:
///   cablecat show C05288068
///   cablecat show 10MEXICO45 --format json
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Document number, cable id or row id
    pub doc: String,

    #[command(flatten)]
    pub output: OutputArgs,
}

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

pub(super) fn find_ids(conn: &Connection, key: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT id FROM documents
         WHERE doc_no = ?1 COLLATE NOCASE OR cable_id = ?1 COLLATE NOCASE OR CAST(id AS TEXT) = ?1
         ORDER BY id",
    )?;
    let ids = stmt
        .query_map([key], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

pub(super) fn load(conn: &Connection, id: i64) -> Result<Record> {
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

pub fn run(cli: &Cli, args: &ShowArgs) -> Result<i32> {
    let catalog = Catalog::open_existing(&cli.db)?;
    let conn = catalog.read_only()?;
    let ids = find_ids(&conn, args.doc.trim())?;
    if ids.is_empty() {
        bail!(
            "no document {:?} in {}: give a document number (C05288068), a cable id (10MEXICO45) or a row id; `cablecat list` shows them",
            args.doc,
            cli.db.display()
        );
    }
    let records = ids
        .into_iter()
        .map(|id| load(&conn, id))
        .collect::<Result<Vec<_>>>()?;
    let mut out = args.output.writer()?;
    match args.output.format.unwrap_or(Format::Table) {
        Format::Json => {
            let value = if records.len() == 1 {
                serde_json::to_value(&records[0])?
            } else {
                serde_json::to_value(&records)?
            };
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        Format::Csv => {
            bail!("show prints one record; use --format json, or `cablecat sql` for CSV")
        }
        Format::Table => {
            for (i, r) in records.iter().enumerate() {
                if i > 0 {
                    writeln!(out, "\n{}\n", "=".repeat(72))?;
                }
                write_record(&mut out, r)?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}

fn write_record(out: &mut dyn Write, r: &Record) -> Result<()> {
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    writeln!(
        out,
        "{}  {}  {}",
        r.doc_no
            .clone()
            .or_else(|| r.cable_id.clone())
            .unwrap_or_else(|| format!("#{}", r.id)),
        dash(&r.doc_type),
        dash(&r.classification)
    )?;
    let mut field = |name: &str, value: String| -> Result<()> {
        if !value.is_empty() && value != "-" {
            writeln!(out, "  {name:<15} {value}")?;
        }
        Ok(())
    };
    field("Subject", dash(&r.subject))?;
    field("Date", dash(&r.doc_date))?;
    field("Cable id", dash(&r.cable_id))?;
    field("Sent", dash(&r.sent_at))?;
    field("Precedence", dash(&r.precedence))?;
    field("From", dash(&r.origin))?;
    field("To", r.to.join("; "))?;
    field("Info", r.info.join("; "))?;
    field("Tags", r.tags.join(", "))?;
    field("References", r.references.join("; "))?;
    field("Cites", r.cites.join(", "))?;
    field("Cited by", r.cited_by.join(", "))?;
    field("Classified by", dash(&r.classified_by))?;
    field("Declassify on", dash(&r.declassify_on))?;
    field("Case", dash(&r.case_no))?;
    field(
        "Release",
        match (&r.release_status, &r.release_date) {
            (Some(s), Some(d)) => format!("released in {s} on {d}"),
            (Some(s), None) => format!("released in {s}"),
            (None, Some(d)) => format!("reviewed {d}"),
            (None, None) => String::new(),
        },
    )?;
    let mut codes: Vec<String> = Vec::new();
    for e in &r.exemptions {
        let c = match &e.label {
            Some(l) => format!("{} ({l})", e.code),
            None => e.code.clone(),
        };
        if !codes.contains(&c) {
            codes.push(c);
        }
    }
    field("Exemptions", codes.join(", "))?;
    field(
        "Source",
        match (&r.part, r.pages) {
            (Some(p), _) => format!("{} #{p}", r.source_path),
            (None, Some(n)) => format!("{} ({n} pages)", r.source_path),
            (None, None) => r.source_path.clone(),
        },
    )?;
    for c in &r.corrections {
        let was = c
            .parsed
            .as_deref()
            .map(|p| format!("parser read {p:?}"))
            .unwrap_or_else(|| "parser read nothing".into());
        let what = if c.action == "unset" {
            format!("{} emptied", c.field)
        } else {
            format!("{} corrected", c.field)
        };
        let note = c
            .note
            .as_deref()
            .map(|n| format!(": {n}"))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<15} {what} by {} on {} ({was}){note}",
            "Correction",
            c.who,
            &c.at[..c.at.len().min(10)]
        )?;
    }
    writeln!(out)?;
    for p in &r.paragraphs {
        let withheld: Vec<&str> = r
            .exemptions
            .iter()
            .filter(|e| e.paragraph == Some(p.seq))
            .map(|e| e.code.as_str())
            .collect();
        if let Some(h) = &p.heading {
            writeln!(out, "  {h}")?;
        }
        let mut lead = match (p.number, &p.marking) {
            (Some(n), Some(m)) => format!("{n}. ({m}) "),
            (Some(n), None) => format!("{n}. "),
            (None, _) if p.kind != "body" => format!("[{}] ", p.kind),
            _ => String::new(),
        };
        if !withheld.is_empty() {
            let mut w = withheld.clone();
            w.dedup();
            lead.push_str(&format!("[withheld: {}] ", w.join(", ")));
        }
        let text = p.text.replace('\n', "\n    ");
        writeln!(out, "  {lead}{text}\n")?;
    }
    Ok(())
}
