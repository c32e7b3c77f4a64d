//! cablecat's entry point: parse the arguments, run the command, print the error with its
//! causes, and exit with the command's status.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cablecat::cli::Cli::parse();
    match cablecat::cli::run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            // `| head` closing the pipe is not an error worth a word.
            if cablecat::cli::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("cablecat: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// mimalloc: parsing allocates many small strings on every core at once (measured: the
/// system allocator took 6% of an import's time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
