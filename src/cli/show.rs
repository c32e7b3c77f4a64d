use std::io::Write;

use anyhow::{bail, Result};
use clap::Args;

use super::{Cli, OutputArgs};
use crate::query::{find_ids, load, Record};
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
