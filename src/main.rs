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
