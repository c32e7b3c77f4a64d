use anyhow::{bail, Result};
use clap::Args;

use super::{Cli, OutputArgs};
use crate::query::{explain_search_error, rank_in_parts, ranked_hits_sql, Filters};
use crate::report::{self, Format, HIGHLIGHT};
use crate::store;
use crate::store::Catalog;

/// Search the text of every paragraph, best matches first.
///
/// Words are matched whole and without regard to case or accents; every word must occur
/// unless OR joins them. "double quotes" match a phrase, a trailing * a prefix (ARMOR*),
/// AND / OR / NOT (in capitals) and (parentheses) combine terms. Each hit shows the
/// document, its date, the paragraph number and the passage with the words that matched.
///
/// Examples:
///   cablecat search "armored vehicles"
///   cablecat search 'cartel* AND (violence OR killings) NOT drug' --from 2009 --to 2011
///   cablecat search embassy --type cable --tag MX --limit 50 --format csv
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for
    pub query: String,

    #[command(flatten)]
    pub filters: Filters,

    /// At most this many hits
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: u64,

    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(cli: &Cli, args: &SearchArgs) -> Result<i32> {
    let catalog = Catalog::open_existing(&cli.db)?;
    if catalog.fts_pending()? {
        bail!(
            "the full-text index of {} is not complete (an import was interrupted); run `cablecat check --repair` or import again",
            cli.db.display()
        );
    }
    let mut conn = catalog.read_only()?;
    let format = args.output.format();
    let highlight = if format == Format::Table {
        HIGHLIGHT
    } else {
        ("[", "]")
    };
    // Ranked in parts at once, one per core, then only the hits kept are read.
    let parts = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let open = || store::open_read_only(&cli.db);
    let (ranked, _) = rank_in_parts(
        &open,
        &args.query,
        &args.filters,
        parts,
        0,
        args.limit.min(usize::MAX as u64) as usize,
    )
    .map_err(|e| explain_search_error(&args.query, e))?;
    let (sql, params) = ranked_hits_sql(&args.query, &ranked, highlight)?;
    let mut out = args.output.writer()?;
    let sql = if format == Format::Table {
        // A terminal gets what a reader scans; files get every column.
        format!("SELECT document, date, type, para, passage FROM ({sql})")
    } else {
        sql
    };
    let n = report::run(&mut conn, &sql, &params, format, &mut out, None)
        .map_err(|e| explain_search_error(&args.query, e))?;
    if n == 0 && !cli.quiet {
        eprintln!("no paragraph matches {:?}", args.query);
    }
    Ok(0)
}
