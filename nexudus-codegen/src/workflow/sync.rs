//! `sync`: the docs site into the specs and the generated crate in one run. Fetch every REST
//! page of the index ([`crate::sync::fetch_pages`]), merge each into a staging copy of `spec/`
//! as [`super::import`] does (curated facts kept), generate from the staged specs, and only
//! when that succeeds copy the specs back and write the crate, with the change report.
//!
//! A page that cannot be fetched, or fetched but not read, is left out with a located reason;
//! the others still sync. [`Request::strict`] turns any such page into a failed run. A run
//! that fails writes nothing.

use std::fmt;
use std::path::{Path, PathBuf};

use super::codegen::{self, Baseline, Mode};
use super::import::{self, Counts, OnPageError, PageOutcome, PageText};
use crate::drift::Change;
use crate::report::ChangeReport;
use crate::sync::{self as fetching, FetchOptions, PageStatus, SyncError};

/// What a sync is asked to do.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The workspace root: its `spec/` is synced and its `nexudus-generated/` regenerated.
    pub root: &'a Path,
    /// Where the pages come from and how they are fetched.
    pub fetch: FetchOptions,
    /// Fail the run (writing nothing) when any page is left out.
    pub strict: bool,
    /// What the change report compares with.
    pub baseline: Baseline,
}

/// A page of the index that was fetched and read.
#[derive(Debug, Clone)]
pub struct SyncedPage {
    /// The importer's file name, e.g. `get-spaces-desks-by-id.md`.
    pub name: String,
    /// Where it was fetched from.
    pub url: String,
    /// Downloaded or unchanged since the cached copy.
    pub status: PageStatus,
    /// What importing it gave (warnings with their lines, the spec file, curated facts kept).
    pub import: PageOutcome,
}

/// A page of the index that is not in the specs, with where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The importer's file name.
    pub name: String,
    /// Where it is linked: `llms.txt:LINE, URL`.
    pub location: String,
    /// Why it was left out.
    pub reason: String,
}

impl fmt::Display for LeftOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.name, self.location, self.reason)
    }
}

/// Pages by what became of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageCounts {
    /// Downloaded (new or changed) and read.
    pub fetched: usize,
    /// Unchanged since the cached copy (a 304, or `--offline`) and read.
    pub unchanged: usize,
    /// Left out: not fetched, or not readable.
    pub failed: usize,
}

impl fmt::Display for PageCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pages fetched {} / unchanged {} / failed {}",
            self.fetched, self.unchanged, self.failed
        )
    }
}

/// What a sync did.
#[derive(Debug)]
pub struct Outcome {
    /// The index that was read.
    pub index_url: String,
    /// Index lines that link to no usable page (`llms.txt:LINE: why`).
    pub index_warnings: Vec<String>,
    /// Problems that cost no page (a cache entry that could not be written).
    pub warnings: Vec<String>,
    /// Every page read, sorted by name.
    pub pages: Vec<SyncedPage>,
    /// Every page left out, sorted by name.
    pub left_out: Vec<LeftOut>,
    /// Operations, fields and enum values read from the pages.
    pub counts: Counts,
    /// The spec files written, below `spec/`.
    pub written_specs: Vec<PathBuf>,
    /// The generated files written or removed.
    pub generated: Vec<Change>,
    /// Warnings about the specs.
    pub spec_warnings: crate::diagnostics::Diagnostics,
    /// The API changes against the baseline and the version bump they need.
    pub report: ChangeReport,
}

impl Outcome {
    /// Fetched / unchanged / failed.
    pub fn page_counts(&self) -> PageCounts {
        let fetched = self
            .pages
            .iter()
            .filter(|p| p.status == PageStatus::Fetched)
            .count();
        PageCounts {
            fetched,
            unchanged: self.pages.len() - fetched,
            failed: self.left_out.len(),
        }
    }
}

/// Why a sync wrote nothing.
#[derive(Debug)]
pub enum Failure {
    /// The index could not be had, or an option is unusable.
    Fetch(SyncError),
    /// `strict` and some pages were left out (or index lines unusable).
    Strict {
        /// The pages left out.
        left_out: Vec<LeftOut>,
        /// The unusable index lines.
        index_warnings: Vec<String>,
    },
    /// The pages could not be merged into the specs.
    Import(import::Failure, Vec<String>),
    /// The synced specs do not generate, or the workspace could not be written.
    Generate(codegen::Failure),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Fetch(error) => write!(f, "error: {error}"),
            Self::Strict {
                left_out,
                index_warnings,
            } => write!(
                f,
                "error: --strict: {} page(s) were left out and {} index line(s) unusable; nothing was written",
                left_out.len(),
                index_warnings.len()
            ),
            Self::Import(failure, names) => {
                if let Some(diagnostics) = &failure.diagnostics {
                    write!(f, "{diagnostics}")?;
                }
                match failure.page.and_then(|index| names.get(index)) {
                    Some(name) => write!(f, "error: {name}: {}", failure.message),
                    None => write!(f, "error: {}", failure.message),
                }
            }
            Self::Generate(failure) => write!(f, "{failure}"),
        }
    }
}

/// Fetches, imports, generates and writes. Runs an async runtime of its own: call it from
/// synchronous code.
pub fn run(request: &Request<'_>) -> Result<Outcome, Failure> {
    let fetched = fetching::fetch_pages_blocking(&request.fetch).map_err(Failure::Fetch)?;
    let index_warnings: Vec<String> = fetched
        .index_warnings
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut left_out: Vec<LeftOut> = fetched
        .failures
        .iter()
        .map(|failure| LeftOut {
            name: failure.page.file_name(),
            location: format!("llms.txt:{}, {}", failure.page.index_line, failure.page.url),
            reason: failure.failure.to_string(),
        })
        .collect();
    if request.strict && (!left_out.is_empty() || !index_warnings.is_empty()) {
        return Err(Failure::Strict {
            left_out,
            index_warnings,
        });
    }

    let spec_dir = request.root.join("spec");
    let texts: Vec<PageText> = fetched
        .pages
        .iter()
        .map(|page| PageText::new(page.page.file_name(), page.text.clone()))
        .collect();
    let names: Vec<String> = texts.iter().map(|t| t.file_name.clone()).collect();
    let staged = import::stage(&spec_dir, &texts, OnPageError::LeaveOut)
        .map_err(|failure| Failure::Import(failure, names.clone()))?;
    let unreadable: Vec<usize> = staged.left_out.iter().map(|(index, _)| *index).collect();
    left_out.extend(staged.left_out.iter().map(|(index, reason)| {
        let page = &fetched.pages[*index].page;
        LeftOut {
            name: page.file_name(),
            location: format!("llms.txt:{}, {}", page.index_line, page.url),
            reason: reason.clone(),
        }
    }));
    left_out.sort_by(|a, b| a.name.cmp(&b.name));
    if request.strict && !left_out.is_empty() {
        return Err(Failure::Strict {
            left_out,
            index_warnings,
        });
    }

    let checked = crate::pipeline::check_specs(staged.dir()).map_err(|diagnostics| {
        Failure::Import(
            import::Failure {
                pages: staged.pages.clone(),
                page: None,
                message: format!(
                    "the synced specs do not generate{}; nothing was written",
                    staged.blame(&diagnostics)
                ),
                diagnostics: Some(diagnostics),
            },
            names.clone(),
        )
    })?;
    let files = codegen::render(&checked.api).map_err(Failure::Generate)?;
    // What can fail without writing (the workspace's manifest, the baseline) is done before
    // the first write.
    let codegen_request = codegen::Request {
        root: request.root,
        mode: Mode::Write,
        only: None,
        baseline: request.baseline.clone(),
    };
    let report = codegen::preflight(&codegen_request, &checked).map_err(Failure::Generate)?;
    let written_specs = staged
        .copy_back(&spec_dir)
        .map_err(|message| Failure::Generate(codegen::Failure::Io(message)))?;
    let generated = codegen::write_or_compare(&codegen_request, &checked, files, report)
        .map_err(Failure::Generate)?;

    let pages = fetched
        .pages
        .iter()
        .zip(staged.pages)
        .enumerate()
        .filter(|(index, _)| !unreadable.contains(index))
        .map(|(_, (page, import))| SyncedPage {
            name: page.page.file_name(),
            url: page.page.url.to_string(),
            status: page.status,
            import,
        })
        .collect();
    Ok(Outcome {
        index_url: fetched.index_url.to_string(),
        index_warnings,
        warnings: fetched.warnings.clone(),
        pages,
        left_out,
        counts: staged.counts,
        written_specs,
        generated: generated.changes,
        spec_warnings: generated.warnings,
        report: generated.report,
    })
}
