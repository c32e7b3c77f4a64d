use std::collections::BTreeMap;

use anyhow::Result;
use clap::Args;

use super::{Cli, OutputArgs};
use crate::report;
use crate::store::Catalog;

/// List the documents of the catalog, one line each.
///
/// Examples:
///   cablecat list
///   cablecat list --type cable --limit 20 --format csv
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only documents of this type (cable, email, memo, letter, other)
    #[arg(long = "type")]
    pub doc_type: Option<String>,

    /// At most this many documents
    #[arg(long)]
    pub limit: Option<u64>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// The documents `list` shows, with its filters as named parameters.
pub const LIST_SQL: &str = "SELECT id, doc_no, doc_type AS type, doc_date AS date, cable_id,
       classification, release_status AS released, subject
FROM documents
WHERE (:type IS NULL OR doc_type = :type)
  AND (:from IS NULL OR doc_date >= :from)
  AND (:to IS NULL OR doc_date <= :to || '-99')
ORDER BY doc_date, id
LIMIT coalesce(:limit, -1)";

pub fn run(cli: &Cli, args: &ListArgs) -> Result<i32> {
    let catalog = Catalog::open_existing(&cli.db)?;
    let mut conn = catalog.read_only()?;
    let mut params = BTreeMap::new();
    if let Some(t) = &args.doc_type {
        params.insert("type".to_string(), t.clone());
    }
    if let Some(l) = args.limit {
        params.insert("limit".to_string(), l.to_string());
    }
    let mut out = args.output.writer()?;
    report::run(
        &mut conn,
        LIST_SQL,
        &params,
        args.output.format(),
        &mut out,
        None,
    )?;
    Ok(0)
}
