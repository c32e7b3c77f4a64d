//! The command line: one file per command, each holding its arguments (whose doc comments
//! are the help text) and its `run`.

mod import;
mod list;
pub use list::LIST_SQL;
mod parse;
mod report;
mod show;
mod sql;
mod vocab;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};

use crate::report::Format;

/// cablecat: catalog released government documents (declassified cables, FOIA emails and
/// memos, OCR text) into SQLite, and answer questions from the catalog.
#[derive(Debug, Parser)]
#[command(name = "cablecat", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// The catalog file (created on first import)
    #[arg(long, global = true, env = "CABLECAT_DB", default_value = "catalog.db")]
    pub db: PathBuf,

    /// Print less: only errors and the final summary
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "Examples:
  cablecat import data/cables                     build ./catalog.db from a folder
  cablecat list                                   one line per document
  cablecat show C05288068                         the whole record of a document
  cablecat sql \"SELECT doc_no, subject FROM documents\" --format csv
  cablecat reports                                the canned reports
  cablecat report documents-by-year --format csv";

#[derive(Debug, Subcommand)]
pub enum Command {
    Import(import::ImportArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Sql(sql::SqlArgs),
    Reports(report::ReportsArgs),
    Report(report::ReportArgs),
    Parse(parse::ParseArgs),
    Vocab(vocab::VocabArgs),
}

/// Output settings every command that prints rows shares.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// table, csv or json [default: table on a terminal, csv otherwise]
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,

    /// Write to this file instead of standard output
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

impl OutputArgs {
    pub fn format(&self) -> Format {
        if self.output.is_some() && self.format.is_none() {
            return Format::Csv;
        }
        Format::resolve(self.format)
    }

    pub fn writer(&self) -> Result<Box<dyn Write>> {
        Ok(match &self.output {
            Some(p) => Box::new(BufWriter::new(
                File::create(p).with_context(|| format!("creating {}", p.display()))?,
            )),
            None => Box::new(BufWriter::new(std::io::stdout().lock())),
        })
    }
}

/// `-p name=value` pairs.
pub fn parse_params(pairs: &[String]) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for p in pairs {
        let Some((k, v)) = p.split_once('=') else {
            bail!("a parameter is given as name=value, not {p:?}");
        };
        out.insert(k.trim().trim_start_matches(':').to_string(), v.to_string());
    }
    Ok(out)
}

/// Run the command; the exit status is decided by the caller from the result.
pub fn run(cli: Cli) -> Result<i32> {
    match &cli.command {
        Command::Import(a) => import::run(&cli, a),
        Command::List(a) => list::run(&cli, a),
        Command::Show(a) => show::run(&cli, a),
        Command::Sql(a) => sql::run(&cli, a),
        Command::Reports(a) => report::run_list(&cli, a),
        Command::Report(a) => report::run(&cli, a),
        Command::Parse(a) => parse::run(&cli, a),
        Command::Vocab(a) => vocab::run(&cli, a),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
