use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::Result;
use clap::Args;

use super::{parse_params, Cli, OutputArgs};
use crate::report::{self, Format};
use crate::store::Catalog;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Period {
    Day,
    Month,
    Year,
}

/// List the canned reports, with a line on what each gives.
///
/// Examples:
///   cablecat reports
///   cablecat reports --format csv
#[derive(Debug, Args)]
pub struct ReportsArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Run a canned report (see `cablecat reports`).
///
/// Examples:
///   cablecat report documents-by-year
///   cablecat report documents-by-year --from 2009 --to 2012 --format csv --output years.csv
///   cablecat report assistance-requests --by month
///   cablecat report holdings -p case=F-2014-20439
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The report's name
    pub name: String,

    /// Earliest date (YYYY, YYYY-MM or YYYY-MM-DD), for reports over dates
    #[arg(long)]
    pub from: Option<String>,

    /// Latest date (YYYY, YYYY-MM or YYYY-MM-DD), for reports over dates
    #[arg(long)]
    pub to: Option<String>,

    /// A named parameter of the report, as name=value (repeatable)
    #[arg(long = "param", short = 'p')]
    pub params: Vec<String>,

    /// Count per day, month or year instead of listing rows (reports that have that form)
    #[arg(long, value_enum)]
    pub by: Option<Period>,

    /// Stop the report after this many seconds
    #[arg(long, default_value_t = 300)]
    pub timeout: u64,

    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run_list(_cli: &Cli, args: &ReportsArgs) -> Result<i32> {
    let format = args.output.format();
    let mut out = args.output.writer()?;
    let columns = vec![
        "name".to_string(),
        "title".to_string(),
        "description".to_string(),
    ];
    // `NAME.by` files are the --by form of NAME, not reports of their own.
    let reports: Vec<_> = report::canned()
        .into_iter()
        .filter(|r| !r.name.contains('.'))
        .collect();
    if format == Format::Table {
        for r in &reports {
            writeln!(out, "{:<22} {}", r.name, r.description)?;
        }
        return Ok(0);
    }
    let mut w = report::RowWriter::new(format, &columns, &mut out)?;
    for r in &reports {
        use rusqlite::types::ValueRef;
        w.row(&[
            ValueRef::Text(r.name.as_bytes()),
            ValueRef::Text(r.title.as_bytes()),
            ValueRef::Text(r.description.as_bytes()),
        ])?;
    }
    w.finish()?;
    Ok(0)
}

use std::io::Write as _;

pub fn run(cli: &Cli, args: &ReportArgs) -> Result<i32> {
    let canned = match args.by {
        None => report::find_canned(&args.name)?,
        Some(_) => report::find_canned(&format!("{}.by", args.name))
            .map_err(|_| anyhow::anyhow!("report {:?} has no --by form", args.name))?,
    };
    let catalog = Catalog::open_existing(&cli.db)?;
    let mut conn = catalog.read_only()?;
    drop(catalog);
    let mut params: BTreeMap<String, String> = parse_params(&args.params)?;
    if let Some(f) = &args.from {
        params.insert("from".into(), f.clone());
    }
    if let Some(t) = &args.to {
        params.insert("to".into(), t.clone());
    }
    if let Some(by) = args.by {
        let by = match by {
            Period::Day => "day",
            Period::Month => "month",
            Period::Year => "year",
        };
        params.insert("by".into(), by.into());
    }
    let mut out = args.output.writer()?;
    report::run(
        &mut conn,
        canned.sql,
        &params,
        args.output.format(),
        &mut out,
        Some(Duration::from_secs(args.timeout)),
    )?;
    Ok(0)
}
