use anyhow::Result;
use clap::Args;

use super::{Cli, OutputArgs};
use crate::query::{list_sql, Filters, Sort};
use crate::report;
use crate::store::Catalog;

/// List the documents of the catalog, one line each.
///
/// Examples:
///   cablecat list
///   cablecat list --type cable --from 1996 --to 1997-06 --limit 20
///   cablecat list --exemption b1 --sort doc-no --format csv
///   cablecat list --agency CIA --tag PREL --sort date --desc
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: Filters,

    /// Order of the list
    #[arg(long, value_enum, default_value_t = Sort::Date)]
    pub sort: Sort,

    /// Newest (or last) first
    #[arg(long)]
    pub desc: bool,

    /// At most this many documents
    #[arg(long, short = 'n')]
    pub limit: Option<u64>,

    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(cli: &Cli, args: &ListArgs) -> Result<i32> {
    let catalog = Catalog::open_existing(&cli.db)?;
    let mut conn = catalog.read_only()?;
    let (sql, params) = list_sql(&args.filters, args.sort, args.desc, args.limit)?;
    let mut out = args.output.writer()?;
    report::run(
        &mut conn,
        &sql,
        &params,
        args.output.format(),
        &mut out,
        None,
    )?;
    Ok(0)
}
