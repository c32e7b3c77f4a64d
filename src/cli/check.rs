use anyhow::Result;
use clap::Args;

use super::Cli;
use crate::store::Catalog;

/// Check the catalog: SQLite's integrity check, foreign keys, the schema version, each
/// document's run of paragraph ids, and the full-text index. With --repair, rebuild the
/// full-text index and the runs (the parts that can be rebuilt from the rest).
///
/// Exit status 0 when all is well, 1 when a problem was found (and not repaired).
///
/// Examples:
///   cablecat check
///   cablecat --db holdings.db check --repair
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Rebuild the full-text index from the paragraphs
    #[arg(long)]
    pub repair: bool,
}

pub fn run(cli: &Cli, args: &CheckArgs) -> Result<i32> {
    // Opening checks that the file is a SQLite database and not from a newer cablecat, and
    // brings an older catalog up to date.
    let mut catalog = Catalog::open_existing(&cli.db)?;
    let report = catalog.check()?;
    let mut problems = report.problems.clone();
    for line in &report.passed {
        if !cli.quiet {
            say!("ok       {line}");
        }
    }
    if args.repair && (report.fts_broken || !problems.is_empty()) {
        if report.runs_broken {
            catalog.rebuild_runs()?;
            if !cli.quiet {
                say!("repaired the runs of paragraph ids: recorded again from the paragraphs");
            }
        }
        catalog.rebuild_fts()?;
        let again = catalog.check()?;
        if !cli.quiet {
            say!("repaired the full-text index: rebuilt from the paragraphs");
        }
        problems = again.problems;
    }
    for p in &problems {
        say!("PROBLEM  {p}");
    }
    if problems.is_empty() {
        if !cli.quiet {
            say!("{}: no problems found", cli.db.display());
        }
        Ok(0)
    } else {
        if !args.repair && report.fts_broken {
            say!("run `cablecat check --repair` to rebuild the full-text index");
        }
        Ok(1)
    }
}
