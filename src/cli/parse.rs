use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use super::Cli;

/// Show what the parser reads in a file, as JSON, without touching the catalog.
///
/// Examples:
///   cablecat parse data/cables/nsarchive/C05288068.txt
///   cablecat parse release.txt | jq .[0].paragraphs
///   cablecat parse --facts release.txt | jq '.[0].violence'
///   cablecat parse --text release.pdf     # the PDF's text layer, laid out
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The file to parse
    pub file: PathBuf,
    /// Also read the facts import would store (agencies, dates mentioned, violence figures,
    /// assistance requests, with every candidate's confidence), with the built-in vocabularies
    #[arg(long)]
    pub facts: bool,

    /// Print the text the parser is given (a PDF's text layer as laid out, pages parted by
    /// form feeds; a text file decoded) instead of what it reads from it
    #[arg(long)]
    pub text: bool,
}

pub fn run(_cli: &Cli, args: &ParseArgs) -> Result<i32> {
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    if args.text {
        let decoded = crate::decode::decode(&bytes)
            .with_context(|| format!("reading {}", args.file.display()))?;
        print!("{}", decoded.text);
        return Ok(0);
    }
    let mut docs = crate::parse::parse_bytes(&args.file, &bytes)
        .with_context(|| format!("parsing {}", args.file.display()))?;
    if args.facts {
        let vocab = crate::extract::Vocab::builtin();
        for doc in &mut docs {
            crate::extract::extract(doc, &vocab);
        }
    }
    let json = serde_json::to_string_pretty(&docs)?;
    say!("{json}");
    Ok(0)
}
