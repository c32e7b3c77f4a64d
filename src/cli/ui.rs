//! What the terminal gets: colour only on a terminal and never under `NO_COLOR`, tables as
//! wide as the window, and progress bars only where someone watches them (plain lines in logs).

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Whether standard output may carry colour: a terminal, `NO_COLOR` unset or empty
/// (<https://no-color.org>), and not a dumb terminal.
pub fn colour() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    std::io::stdout().is_terminal() && !no_color && !dumb
}

/// The width tables are fitted to: `COLUMNS`, else the terminal's, else 120.
pub fn width() -> usize {
    if let Some(c) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return c;
    }
    console::Term::stdout()
        .size_checked()
        .map(|(_, w)| w as usize)
        .unwrap_or(120)
}

/// A progress bar with rate and ETA on standard error when it is a terminal and the user did
/// not ask for quiet; hidden otherwise.
pub fn progress(total: u64, what: &str, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{prefix:>9} [{bar:30}] {human_pos}/{human_len} {per_sec} eta {eta}  {wide_msg:.dim}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_prefix(what.to_string());
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
