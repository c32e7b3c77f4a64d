use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use super::Cli;
use crate::extract::Vocab;
use crate::store::{self, Catalog, Vocabularies};

/// The vocabularies the catalog reads with: exemptions, TAGS, precedences, agencies, and the
/// terms behind violence figures and assistance requests (data/vocab/*.csv).
///
/// Examples:
///   cablecat vocab export my-vocab            write the catalog's vocabularies as CSV
///   cablecat vocab reload my-vocab            load edited copies and read every document again
///   cablecat vocab reload --builtin           go back to the vocabularies cablecat ships with
#[derive(Debug, Args)]
pub struct VocabArgs {
    #[command(subcommand)]
    pub action: VocabAction,
}

#[derive(Debug, Subcommand)]
pub enum VocabAction {
    /// Load vocabulary CSV files from a folder (files it lacks stay as they were built in),
    /// then extract every document's facts again with them
    Reload {
        /// Folder of CSV files named as in data/vocab
        #[arg(required_unless_present = "builtin")]
        dir: Option<PathBuf>,
        /// Load the built-in vocabularies instead
        #[arg(long, conflicts_with = "dir")]
        builtin: bool,
    },
    /// Write the catalog's vocabularies to a folder, for editing
    Export {
        /// Folder to write the CSV files to (created if missing)
        dir: PathBuf,
    },
}

pub fn run(cli: &Cli, args: &VocabArgs) -> Result<i32> {
    let mut catalog = Catalog::open(&cli.db)?;
    match &args.action {
        VocabAction::Export { dir } => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            let v = store::current_vocabularies(&catalog.conn)?;
            for (name, text) in &v.files {
                let p = dir.join(name);
                std::fs::write(&p, text).with_context(|| format!("writing {}", p.display()))?;
            }
            say!(
                "wrote {} vocabulary files to {}",
                v.files.len(),
                dir.display()
            );
        }
        VocabAction::Reload { dir, builtin } => {
            let (vocab, origin) = match dir {
                Some(d) if !builtin => (Vocabularies::from_dir(d)?, d.display().to_string()),
                _ => (Vocabularies::builtin(), "builtin".to_string()),
            };
            let extraction = Vocab::from_files(&vocab.extraction())?;
            // Reading every document again takes turns with imports.
            let _lock = catalog.lock_for_import()?;
            store::load_vocabularies(&mut catalog.conn, &vocab, &origin)?;
            let quiet = cli.quiet;
            let n = store::reextract(&mut catalog.conn, &extraction, &mut |done, total| {
                if !quiet && total > 0 {
                    eprint!("\rreading documents again: {done}/{total}");
                }
            })?;
            if !quiet && n > 0 {
                eprintln!();
            }
            say!(
                "loaded vocabularies from {origin} ({} agencies); facts of {n} documents read again",
                extraction.agencies.len()
            );
        }
    }
    Ok(0)
}
