use anyhow::{bail, Result};
use clap::Args;

use super::Cli;
use crate::query::find_ids;
use crate::store::corrections::{self, Action};
use crate::store::Catalog;

/// Correct a field of a document: the value given wins over what the parser read.
///
/// The correction is recorded with who made it and when (`cablecat corrections` lists them)
/// and is applied again whenever the document's file is imported again. Fields: doc_no,
/// case_no, release_date, release_status, doc_type, cable_id, sent_at, doc_date, precedence,
/// origin, classification, subject, declassify_on, classified_by.
///
/// Examples:
///   cablecat set C05288068 subject "MEXICO: CARTEL VIOLENCE IN CIUDAD JUAREZ"
///   cablecat set 10MEXICO45 doc_date 2010-01-12 --note "DTG misread by OCR"
///   cablecat set 17 classification SECRET --by "J. Smith"
#[derive(Debug, Args)]
pub struct SetArgs {
    /// Document number, cable id or row id
    pub doc: String,
    /// The field to correct
    pub field: String,
    /// Its right value (dates as 2010-01-12, sent_at as 2010-01-12T22:35Z)
    pub value: String,
    #[command(flatten)]
    pub by: ByArgs,
}

/// Say that a document has no value for a field (the parser read one that is not there).
///
/// Examples:
///   cablecat unset C05288068 cable_id --note "not a cable: an email quoting one"
#[derive(Debug, Args)]
pub struct UnsetArgs {
    /// Document number, cable id or row id
    pub doc: String,
    /// The field to empty
    pub field: String,
    #[command(flatten)]
    pub by: ByArgs,
}

/// Withdraw the correction of a field: the document has what the parser reads again.
///
/// Examples:
///   cablecat revert C05288068 subject
#[derive(Debug, Args)]
pub struct RevertArgs {
    /// Document number, cable id or row id
    pub doc: String,
    /// The field to give back to the parser
    pub field: String,
    #[command(flatten)]
    pub by: ByArgs,
}

/// Who corrects, and why.
#[derive(Debug, Args)]
pub struct ByArgs {
    /// Who makes the correction [default: $CABLECAT_USER, else the login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Why, for the record
    #[arg(long)]
    pub note: Option<String>,
}

impl ByArgs {
    fn who(&self) -> String {
        self.by
            .clone()
            .or_else(|| std::env::var("CABLECAT_USER").ok())
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("USERNAME").ok())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "unknown".into())
    }
}

/// The one document `key` names, or an error that says how to name it.
fn one_document(catalog: &Catalog, db: &std::path::Path, key: &str) -> Result<i64> {
    let ids = find_ids(&catalog.conn, key.trim())?;
    match ids.as_slice() {
        [id] => Ok(*id),
        [] => bail!(
            "no document {key:?} in {}: give a document number (C05288068), a cable id (10MEXICO45) or a row id; `cablecat list` shows them",
            db.display()
        ),
        many => bail!(
            "{key:?} names {} documents (row ids {}): give the row id of the one to correct",
            many.len(),
            many.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn correct(
    cli: &Cli,
    doc: &str,
    field: &str,
    action: Action,
    value: Option<&str>,
    by: &ByArgs,
) -> Result<i32> {
    let mut catalog = Catalog::open_existing(&cli.db)?;
    let id = one_document(&catalog, &cli.db, doc)?;
    corrections::record(
        &mut catalog.conn,
        id,
        field,
        action,
        value,
        &by.who(),
        by.note.as_deref(),
    )?;
    let field = field.to_lowercase();
    let now: Option<String> = catalog.conn.query_row(
        &format!(
            "SELECT {} FROM documents WHERE id = ?1",
            // checked by `record` against the fields that can be corrected
            field
        ),
        [id],
        |r| r.get(0),
    )?;
    if !cli.quiet {
        say!(
            "{doc}: {field} is now {}",
            now.map(|v| format!("{v:?}"))
                .unwrap_or_else(|| "empty".into())
        );
    }
    Ok(0)
}

pub fn run_set(cli: &Cli, a: &SetArgs) -> Result<i32> {
    correct(cli, &a.doc, &a.field, Action::Set, Some(&a.value), &a.by)
}

pub fn run_unset(cli: &Cli, a: &UnsetArgs) -> Result<i32> {
    correct(cli, &a.doc, &a.field, Action::Unset, None, &a.by)
}

pub fn run_revert(cli: &Cli, a: &RevertArgs) -> Result<i32> {
    correct(cli, &a.doc, &a.field, Action::Revert, None, &a.by)
}
