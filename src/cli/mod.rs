//! The command line: one file per command, each holding its arguments (whose doc comments
//! are the help text) and its `run`.

/// `println!` that returns a broken pipe as an error instead of panicking on it.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($t)*)?
    }};
}

mod check;
mod correct;
mod corrections;
mod export;
mod import;
mod list;
mod parse;
mod report;
mod schema;
mod search;
mod serve;
mod show;
mod sql;
pub mod ui;
mod vocab;

pub use crate::query::filters;
pub use crate::query::{dc_elements, fts_query, list_sql, search_sql, Sort, DC, OAI_DC};
pub use schema::{tables as schema_tables, TableDoc, SCHEMA_DOC};

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
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print more: where an import's time went, every note
    #[arg(long, short, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "Examples:
  cablecat import data/cables                     build ./catalog.db from a folder
  cablecat list --type cable --from 1996          one line per document
  cablecat search '\"armored vehicles\" OR convoy'  paragraphs that match, best first
  cablecat show C05288068                         the whole record of a document
  cablecat set C05288068 doc_date 2010-01-12      correct what OCR got wrong
  cablecat export --format dc -o holdings.xml     Dublin Core for an archival system
  cablecat sql \"SELECT doc_no, subject FROM documents\" --format csv
  cablecat reports                                the canned reports
  cablecat report documents-by-year --format csv
  cablecat serve                                  the catalog in a browser, and OAI-PMH
  cablecat schema                                 every table and column, explained";

#[derive(Debug, Subcommand)]
pub enum Command {
    Import(import::ImportArgs),
    List(list::ListArgs),
    Search(search::SearchArgs),
    Show(show::ShowArgs),
    Set(correct::SetArgs),
    Unset(correct::UnsetArgs),
    Revert(correct::RevertArgs),
    Corrections(corrections::CorrectionsArgs),
    Export(export::ExportArgs),
    Sql(sql::SqlArgs),
    Reports(report::ReportsArgs),
    Report(report::ReportArgs),
    Serve(serve::ServeArgs),
    Schema(schema::SchemaArgs),
    Check(check::CheckArgs),
    Parse(parse::ParseArgs),
    Vocab(vocab::VocabArgs),
    Completions(CompletionsArgs),
    Man(ManArgs),
}

/// Print a shell completion script.
///
/// Examples:
///   cablecat completions bash > ~/.local/share/bash-completion/completions/cablecat
///   cablecat completions zsh > ~/.zfunc/_cablecat
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell
    pub shell: clap_complete::Shell,
}

/// Print the manual page (roff), from the same definitions as --help.
///
/// Examples:
///   cablecat man > cablecat.1 && man ./cablecat.1
#[derive(Debug, Args)]
pub struct ManArgs {}

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

/// Whether the error is the reader of our output going away (`| head`): not worth a word.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            return io.kind() == BrokenPipe;
        }
        if let Some(j) = c.downcast_ref::<serde_json::Error>() {
            return j.io_error_kind() == Some(BrokenPipe);
        }
        if let Some(x) = c.downcast_ref::<quick_xml::Error>() {
            return matches!(x, quick_xml::Error::Io(io) if io.kind() == BrokenPipe);
        }
        if let Some(csv) = c.downcast_ref::<csv::Error>() {
            return matches!(csv.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
        }
        false
    })
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
        Command::Search(a) => search::run(&cli, a),
        Command::Show(a) => show::run(&cli, a),
        Command::Set(a) => correct::run_set(&cli, a),
        Command::Unset(a) => correct::run_unset(&cli, a),
        Command::Revert(a) => correct::run_revert(&cli, a),
        Command::Corrections(a) => corrections::run(&cli, a),
        Command::Export(a) => export::run(&cli, a),
        Command::Serve(a) => serve::run(&cli, a),
        Command::Schema(a) => schema::run(&cli, a),
        Command::Check(a) => check::run(&cli, a),
        Command::Sql(a) => sql::run(&cli, a),
        Command::Reports(a) => report::run_list(&cli, a),
        Command::Report(a) => report::run(&cli, a),
        Command::Parse(a) => parse::run(&cli, a),
        Command::Vocab(a) => vocab::run(&cli, a),
        Command::Completions(a) => {
            use clap::CommandFactory;
            let mut out = std::io::stdout().lock();
            clap_complete::generate(a.shell, &mut Cli::command(), "cablecat", &mut out);
            out.flush()?;
            Ok(0)
        }
        Command::Man(_) => {
            use clap::CommandFactory;
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            out.flush()?;
            Ok(0)
        }
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
