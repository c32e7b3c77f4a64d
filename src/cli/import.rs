use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use std::time::{Duration, Instant};

use super::{ui, Cli};
use crate::import::{self, Options};
use crate::store::Catalog;

/// Import files and folders of releases into the catalog.
///
/// Folders are walked recursively for .txt (OCR text), .xml (FRUS TEI) and .pdf files (the
/// text layer of every page: a scan's OCR layer or born-digital text). Each file
/// is stored whole or not at all; importing the same file again changes nothing, and a file
/// that changed replaces its old record. A file that cannot be read is reported and the rest
/// go on; the exit status is 1 if any file failed.
///
/// Examples:
///   cablecat import data/cables
///   cablecat --db holdings.db import releases/2015-08 releases/C05288068.txt
///   cablecat import --ocr scans/     # OCR the image-only pages with ocrmypdf
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files and folders to import
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// Parser threads [default: one per core]
    #[arg(long, short, default_value_t = 0)]
    pub jobs: usize,

    /// Refuse files larger than this many MB (parsing a file takes about ten times its size
    /// in memory)
    #[arg(long, value_name = "MB", default_value_t = 16)]
    pub max_size: u64,

    /// Refuse files that are text but not a recognizable release (no release banner, cable
    /// header, email or memo heading) instead of cataloguing them as `other`
    #[arg(long)]
    pub strict: bool,

    /// Run OCR (Debian's ocrmypdf, with tesseract) on PDF pages that have no text layer;
    /// without it nothing outside cablecat is run, and such scans are catalogued with a note
    /// (`list --needs-ocr` lists them)
    #[arg(long)]
    pub ocr: bool,
}

pub fn run(cli: &Cli, args: &ImportArgs) -> Result<i32> {
    let mut catalog = Catalog::open(&cli.db)?;
    let opts = Options {
        jobs: args.jobs,
        max_size: args.max_size.saturating_mul(1 << 20),
        strict: args.strict,
        ocr: args.ocr,
        ..Options::default()
    };
    // A bar on a terminal; in a log, a plain line every half minute of a long import.
    let bar = ui::progress(0, "importing", cli.quiet);
    let started = Instant::now();
    let mut last_line = Instant::now();
    let plain = !cli.quiet && bar.is_hidden();
    let summary = import::run(
        &mut catalog,
        &args.paths,
        &opts,
        &mut |done, total, path| {
            if bar.length() != Some(total as u64) {
                bar.set_length(total as u64);
            }
            bar.set_position(done as u64);
            bar.set_message(path.to_string());
            if plain && last_line.elapsed() >= Duration::from_secs(30) {
                last_line = Instant::now();
                eprintln!(
                    "cablecat: {done}/{total} files read in {:.0} s",
                    started.elapsed().as_secs_f64()
                );
            }
        },
    );
    bar.finish_and_clear();
    let summary = summary?;
    let secs = summary.elapsed.as_secs_f64();
    let types: Vec<String> = summary
        .by_type
        .iter()
        .map(|(t, n)| format!("{n} {t}"))
        .collect();
    say!(
        "imported {} files ({} documents{}{}), unchanged {}, failed {} in {:.1} s -> {}",
        summary.imported,
        summary.documents,
        if types.is_empty() { "" } else { ": " },
        types.join(", "),
        summary.unchanged,
        summary.failed.len(),
        secs,
        cli.db.display()
    );
    if cli.verbose {
        say!(
            "  {:.1} MB read; writing (full-text index included) took {:.1} s{}",
            summary.bytes as f64 / 1e6,
            summary.write_time.as_secs_f64(),
            if summary.bulk {
                format!(
                    ", the indexes set aside {:.1} s (bulk mode)",
                    summary.index_time.as_secs_f64()
                )
            } else {
                String::new()
            }
        );
    }
    if !cli.quiet {
        for (path, why) in &summary.warnings {
            say!("  note: {path}: {why}");
        }
    }
    for (path, why) in &summary.failed {
        eprintln!("  failed: {path}: {why}");
    }
    Ok(if summary.ok() { 0 } else { 1 })
}
