//! What xtask prints: results on standard output, diagnostics on standard error with
//! `error:` and `warning:` coloured when `--color` allows (anstream strips the styles when
//! the stream is not a terminal or colour is off), and nothing chatty under `--quiet`.

use std::io::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};

use anstyle::{AnsiColor, Style};

static QUIET: AtomicBool = AtomicBool::new(false);

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();

/// Applies `--color` and `--quiet` for the rest of the run.
pub fn init(color: clap::ColorChoice, quiet: bool) {
    let choice = match color {
        clap::ColorChoice::Auto => anstream::ColorChoice::Auto,
        clap::ColorChoice::Always => anstream::ColorChoice::Always,
        clap::ColorChoice::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Whether `--quiet` was given.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// A line of what a command is doing, or of detail; left out under `--quiet`.
pub fn progress(line: &str) {
    if !quiet() {
        println!("{line}");
    }
}

/// A result the user asked for: always printed (without a trailing newline added).
pub fn result(text: &str) {
    print!("{text}");
}

/// Diagnostics text (one or more lines, each possibly starting `error:` or `warning:`) on
/// standard error, the prefixes coloured.
pub fn diagnostics(text: &str) {
    if text.is_empty() {
        return;
    }
    let styled: Vec<String> = text
        .split('\n')
        .map(|line| {
            [("error:", ERROR), ("warning:", WARNING)]
                .into_iter()
                .find_map(|(prefix, style)| {
                    line.strip_prefix(prefix)
                        .map(|rest| format!("{style}{prefix}{style:#}{rest}"))
                })
                .unwrap_or_else(|| line.to_owned())
        })
        .collect();
    let _ = writeln!(anstream::stderr().lock(), "{}", styled.join("\n"));
}

/// One warning line.
pub fn warning(message: &str) {
    diagnostics(&format!("warning: {message}"));
}
