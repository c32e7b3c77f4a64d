use std::collections::BTreeMap;

use anyhow::Result;
use clap::Args;

use super::{Cli, OutputArgs};
use crate::query::find_ids;
use crate::report::{self, Format};
use crate::store::corrections::LIST_SQL;
use crate::store::Catalog;

/// List the corrections in force (or, with --all, every correction ever made), with who
/// made each, when, and what the parser had read.
///
/// Examples:
///   cablecat corrections
///   cablecat corrections --all --format csv -o corrections.csv
///   cablecat corrections C05288068
#[derive(Debug, Args)]
pub struct CorrectionsArgs {
    /// Only the corrections of this document (number, cable id or row id)
    pub doc: Option<String>,

    /// Every correction, also those withdrawn or overruled by a later one
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(cli: &Cli, args: &CorrectionsArgs) -> Result<i32> {
    let catalog = Catalog::open_existing(&cli.db)?;
    let mut params = BTreeMap::new();
    if args.all {
        params.insert("all".to_string(), "1".to_string());
    }
    if let Some(key) = &args.doc {
        let ids = find_ids(&catalog.conn, key.trim())?;
        // A key naming no document lists nothing; one naming several lists the first's.
        params.insert(
            "document".to_string(),
            ids.first()
                .map(|i| i.to_string())
                .unwrap_or_else(|| "-1".into()),
        );
    }
    let mut conn = catalog.read_only()?;
    let mut out = args.output.writer()?;
    let format = args.output.format();
    // A terminal gets what a reader scans; files get every column.
    let sql = if format == Format::Table {
        format!(
            "SELECT id, document, field, action, value, who, substr(at, 1, 10) AS day, note
             FROM ({LIST_SQL})"
        )
    } else {
        LIST_SQL.to_string()
    };
    report::run(&mut conn, &sql, &params, format, &mut out, None)?;
    Ok(0)
}
