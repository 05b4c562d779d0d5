//! Progress while pages download: a progress bar on a terminal, one plain line per page
//! otherwise (CI logs), nothing when quiet.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProgressMode {
    /// A bar when standard error is a terminal, plain lines otherwise.
    #[default]
    Auto,
    /// One line per page on standard error.
    Plain,
    /// Nothing.
    Quiet,
}

/// Reports each finished page.
pub struct Progress {
    sink: Sink,
    total: usize,
    done: usize,
}

enum Sink {
    Bar(ProgressBar),
    Lines,
    Quiet,
}

impl Progress {
    /// A reporter for `total` pages.
    pub fn new(mode: ProgressMode, total: usize) -> Self {
        let sink = match mode {
            ProgressMode::Quiet => Sink::Quiet,
            ProgressMode::Plain => Sink::Lines,
            ProgressMode::Auto if std::io::stderr().is_terminal() => {
                let bar = ProgressBar::new(total as u64);
                if let Ok(style) =
                    ProgressStyle::with_template("{bar:40} {pos}/{len} pages {wide_msg}")
                {
                    bar.set_style(style);
                }
                Sink::Bar(bar)
            }
            ProgressMode::Auto => Sink::Lines,
        };
        Self {
            sink,
            total,
            done: 0,
        }
    }

    /// One page is done; `what` is e.g. `fetched get-spaces-coworkers.md`.
    pub fn page_done(&mut self, what: &str) {
        self.done += 1;
        match &self.sink {
            Sink::Bar(bar) => {
                bar.set_message(what.to_owned());
                bar.inc(1);
            }
            Sink::Lines => eprintln!("sync: [{}/{}] {what}", self.done, self.total),
            Sink::Quiet => {}
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Sink::Bar(bar) = &self.sink {
            bar.finish_and_clear();
        }
    }
}
