use std::io::Write;

use anyhow::Result;
use clap::Args;

use super::{Cli, OutputArgs};
use crate::report::{Format, RowWriter};

/// The schema page (docs/schema.md): every table and column of a catalog with its meaning.
pub const SCHEMA_DOC: &str = include_str!("../../docs/schema.md");

/// Print every table and column of the catalog with its meaning.
///
/// The text is docs/schema.md; `--format csv|json` gives one row per column (table, column,
/// meaning) for tools.
///
/// Examples:
///   cablecat schema
///   cablecat schema --format csv
#[derive(Debug, Args)]
pub struct SchemaArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

/// A table or view as the schema page describes it.
#[derive(Debug, Clone, Default)]
pub struct TableDoc {
    pub name: String,
    /// What one row is.
    pub about: String,
    /// (column, meaning)
    pub columns: Vec<(String, String)>,
}

/// The tables and views of the schema page, in its order.
pub fn tables() -> Vec<TableDoc> {
    let mut out: Vec<TableDoc> = Vec::new();
    for line in SCHEMA_DOC.lines() {
        if let Some(name) = line.strip_prefix("## ") {
            out.push(TableDoc {
                name: name.trim().to_string(),
                ..Default::default()
            });
        } else if let Some(t) = out.last_mut() {
            if let Some(row) = line.strip_prefix("| ") {
                let cells: Vec<&str> = row.trim_end_matches('|').splitn(2, " | ").collect();
                if let [col, meaning] = cells.as_slice() {
                    if *col != "column" && !col.starts_with("---") {
                        t.columns
                            .push((col.trim().to_string(), meaning.trim().to_string()));
                    }
                }
            } else if t.about.is_empty() && !line.trim().is_empty() {
                t.about = line.trim().to_string();
            }
        }
    }
    out
}

pub fn run(_cli: &Cli, args: &SchemaArgs) -> Result<i32> {
    let mut out = args.output.writer()?;
    match args.output.format {
        None | Some(Format::Table) if args.output.output.is_none() => {
            out.write_all(SCHEMA_DOC.as_bytes())?;
        }
        _ => {
            let columns: Vec<String> = ["table", "column", "meaning"].map(String::from).into();
            let mut w = RowWriter::new(args.output.format(), &columns, &mut out)?;
            for t in tables() {
                for (c, m) in &t.columns {
                    w.row(&[
                        rusqlite::types::ValueRef::Text(t.name.as_bytes()),
                        rusqlite::types::ValueRef::Text(c.as_bytes()),
                        rusqlite::types::ValueRef::Text(m.as_bytes()),
                    ])?;
                }
            }
            w.finish()?;
        }
    }
    out.flush()?;
    Ok(0)
}
