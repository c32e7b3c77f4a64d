use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;

use super::{parse_params, Cli, OutputArgs};
use crate::report;
use crate::store::Catalog;

/// Run one read-only SQL statement against the catalog.
///
/// The connection cannot write: a statement that would change the catalog, attach another
/// file, load an extension or set a pragma is refused. `:name` parameters are bound from
/// `-p name=value`.
///
/// Examples:
///   cablecat sql "SELECT doc_no, subject FROM documents" --format csv
///   cablecat sql "SELECT * FROM documents WHERE doc_no = :doc" -p doc=C05288068 --format json
///   cablecat sql "SELECT d.doc_no, snippet(paragraphs_fts, 0, '[', ']', '…', 8) FROM paragraphs_fts
///                 JOIN paragraphs p ON p.id = paragraphs_fts.rowid JOIN documents d ON d.id = p.document_id
///                 WHERE paragraphs_fts MATCH 'armored'"
#[derive(Debug, Args)]
pub struct SqlArgs {
    /// The SQL statement (it may begin with a `--` comment); `-` reads it from standard input
    #[arg(allow_hyphen_values = true, required_unless_present = "file")]
    pub query: Option<String>,

    /// Read the SQL statement from this file (a saved query, or a report of sql/)
    #[arg(long, conflicts_with = "query")]
    pub file: Option<std::path::PathBuf>,

    /// A named parameter, as name=value (repeatable)
    #[arg(long = "param", short = 'p')]
    pub params: Vec<String>,

    /// Stop the query after this many seconds
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,

    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(cli: &Cli, args: &SqlArgs) -> Result<i32> {
    let catalog = Catalog::open_existing(&cli.db)?;
    let mut conn = catalog.read_only()?;
    drop(catalog);
    let params = parse_params(&args.params)?;
    let query = match (&args.query, &args.file) {
        (_, Some(f)) => {
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?
        }
        (Some(q), None) if q == "-" => {
            let mut q = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut q)?;
            q
        }
        (Some(q), None) => q.clone(),
        (None, None) => unreachable!("clap requires one"),
    };
    let mut out = args.output.writer()?;
    report::run(
        &mut conn,
        &query,
        &params,
        args.output.format(),
        &mut out,
        Some(Duration::from_secs(args.timeout)),
    )?;
    Ok(0)
}
