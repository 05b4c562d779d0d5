//! The fetching half of `cargo xtask sync`: read the docs site's index (`llms.txt`), fetch
//! every REST page's Markdown source politely and through an on-disk cache, and hand the pages
//! to the importer as `(file name, text)` pairs.
//!
//! One module per concept: [`index`] (which pages, from where), [`fetch`] (HTTP with
//! timeouts, retries and conditional requests), [`cache`] (validators and bodies on disk),
//! [`progress`] (bar or lines). [`fetch_pages`] ties them together; what a failed page means
//! for the run (`--strict`) is the caller's decision, made from [`FetchOutcome`].

pub mod cache;
pub mod fetch;
pub mod index;
pub mod progress;

use std::fmt;
use std::path::PathBuf;

use futures_util::StreamExt;
use reqwest::Url;

use cache::{Cache, CachedPage};
use fetch::{FetchFailure, Fetched, Fetcher, HttpSettings};
use index::{IndexWarning, PageFilter, PageRef};
use progress::{Progress, ProgressMode};

/// The cache directory when none is given, relative to the workspace root.
pub const DEFAULT_CACHE_DIR: &str = "target/docs-cache";

/// The default number of concurrent requests.
pub const DEFAULT_JOBS: usize = 4;

/// What to fetch, and how.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// The docs site (`--docs`); `None` is [`index::DEFAULT_DOCS`]. When given, absolute links
    /// of the index on the official host are fetched from here instead.
    pub docs: Option<String>,
    /// `--only PATTERN`: see [`PageFilter`] (a glob with `*?[`, else a substring, on
    /// `{area}/{verb}-{entities}[-by-id|-batch]`).
    pub only: Option<String>,
    /// Concurrent requests (`--jobs`); 0 counts as 1.
    pub jobs: usize,
    /// The cache directory (`--cache`).
    pub cache_dir: PathBuf,
    /// Use the cache only, never the network (`--offline`).
    pub offline: bool,
    /// Timeouts, retries, limits.
    pub http: HttpSettings,
    /// How progress is shown.
    pub progress: ProgressMode,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            docs: None,
            only: None,
            jobs: DEFAULT_JOBS,
            cache_dir: PathBuf::from(DEFAULT_CACHE_DIR),
            offline: false,
            http: HttpSettings::default(),
            progress: ProgressMode::Auto,
        }
    }
}

/// A problem that stops the whole fetch (a single page's problem never does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    /// An option cannot be used.
    Option(String),
    /// The index could not be had, so no page is known.
    Index {
        /// The index URL.
        url: String,
        /// Why.
        failure: FetchFailure,
    },
    /// No async runtime could be started (blocking wrapper only).
    Runtime(String),
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Option(message) => f.write_str(message),
            Self::Index { url, failure } => write!(f, "cannot read the index {url}: {failure}"),
            Self::Runtime(cause) => write!(f, "cannot start the async runtime: {cause}"),
        }
    }
}

impl std::error::Error for SyncError {}

/// How a page's text was had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStatus {
    /// Downloaded (new or changed since the cached copy).
    Fetched,
    /// The cached copy: the server answered 304 Not Modified, or `--offline`.
    Unchanged,
}

/// A page whose text is at hand.
#[derive(Debug, Clone)]
pub struct FetchedPage {
    /// Where it came from in the index.
    pub page: PageRef,
    /// Fetched or unchanged.
    pub status: PageStatus,
    /// The Markdown source.
    pub text: String,
}

/// A page that could not be had, with where it was linked and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFailure {
    /// Where it came from in the index.
    pub page: PageRef,
    /// Why it failed.
    pub failure: FetchFailure,
}

impl fmt::Display for PageFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (llms.txt:{}, {}): {}",
            self.page.file_name(),
            self.page.index_line,
            self.page.url,
            self.failure
        )
    }
}

/// Pages by how they were had, for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Downloaded.
    pub fetched: usize,
    /// Unchanged (304 or offline cache).
    pub unchanged: usize,
    /// Failed.
    pub failed: usize,
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pages fetched {} / unchanged {} / failed {}",
            self.fetched, self.unchanged, self.failed
        )
    }
}

/// What one fetch run gave: every page at hand and every one that is not.
#[derive(Debug, Clone)]
pub struct FetchOutcome {
    /// The index that was read.
    pub index_url: Url,
    /// Index lines left out (located by line).
    pub index_warnings: Vec<IndexWarning>,
    /// Pages at hand, sorted by file name.
    pub pages: Vec<FetchedPage>,
    /// Pages that failed, sorted by file name.
    pub failures: Vec<PageFailure>,
    /// Problems that did not cost a page (a cache entry that could not be written).
    pub warnings: Vec<String>,
    /// Body bytes downloaded (pages and index), 0 when everything was unchanged.
    pub bytes_downloaded: u64,
}

impl FetchOutcome {
    /// Fetched / unchanged / failed.
    pub fn counts(&self) -> Counts {
        let fetched = self
            .pages
            .iter()
            .filter(|p| p.status == PageStatus::Fetched)
            .count();
        Counts {
            fetched,
            unchanged: self.pages.len() - fetched,
            failed: self.failures.len(),
        }
    }

    /// Whether any linked page was left out: a failed fetch or an unusable index line. This
    /// is what `--strict` turns into a failed run.
    pub fn any_failed(&self) -> bool {
        !self.failures.is_empty() || !self.index_warnings.is_empty()
    }

    /// Every page at hand as `(file name, Markdown text)`, the importer's input.
    pub fn page_texts(&self) -> Vec<(String, String)> {
        self.pages
            .iter()
            .map(|p| (p.page.file_name(), p.text.clone()))
            .collect()
    }
}

/// Reads the index and fetches every page it links to (that `--only` keeps), `jobs` at a
/// time. Fails only when the index itself cannot be had or an option is unusable; each page's
/// failure is in [`FetchOutcome::failures`].
pub async fn fetch_pages(options: &FetchOptions) -> Result<FetchOutcome, SyncError> {
    let filter = PageFilter::new(options.only.as_deref()).map_err(SyncError::Option)?;
    let docs_text = options.docs.as_deref().unwrap_or(index::DEFAULT_DOCS);
    let docs = Url::parse(docs_text)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https"))
        .ok_or_else(|| {
            SyncError::Option(format!(
                "--docs `{docs_text}` is not an http(s) address (serve a local copy with any static file server)"
            ))
        })?;
    let docs = index::directory(&docs);
    let index_url = docs
        .join("llms.txt")
        .map_err(|error| SyncError::Option(format!("--docs `{docs_text}`: {error}")))?;
    let fetcher = Fetcher::new(options.http.clone()).map_err(|failure| SyncError::Index {
        url: index_url.to_string(),
        failure,
    })?;
    let cache = Cache::new(&options.cache_dir);
    let mut warnings = Vec::new();
    let mut bytes_downloaded = 0;

    let index_text = match get(&fetcher, &cache, &index_url, options.offline).await {
        Ok((status, entry)) => {
            if status == PageStatus::Fetched {
                bytes_downloaded += entry.body.len() as u64;
                store(&cache, &entry, &mut warnings);
            }
            entry.body
        }
        Err(failure) => {
            return Err(SyncError::Index {
                url: index_url.to_string(),
                failure,
            });
        }
    };
    let rebase = options.docs.is_some().then_some(&docs);
    let index = index::parse_index(&index_text, &index_url, rebase);
    let selected: Vec<PageRef> = index
        .pages
        .into_iter()
        .filter(|page| filter.matches(page))
        .collect();

    let mut progress = Progress::new(options.progress, selected.len());
    let mut pages = Vec::new();
    let mut failures = Vec::new();
    let mut results = futures_util::stream::iter(selected)
        .map(|page| {
            let fetcher = &fetcher;
            let cache = &cache;
            async move {
                let result = get(fetcher, cache, &page.url, options.offline).await;
                (page, result)
            }
        })
        .buffer_unordered(options.jobs.max(1));
    while let Some((page, result)) = results.next().await {
        match result {
            Ok((status, entry)) => {
                if status == PageStatus::Fetched {
                    bytes_downloaded += entry.body.len() as u64;
                    store(&cache, &entry, &mut warnings);
                }
                let verb = match status {
                    PageStatus::Fetched => "fetched",
                    PageStatus::Unchanged => "unchanged",
                };
                progress.page_done(&format!("{verb} {}", page.file_name()));
                pages.push(FetchedPage {
                    page,
                    status,
                    text: entry.body,
                });
            }
            Err(failure) => {
                // The reason is in the outcome; the caller prints it once, located.
                progress.page_done(&format!("failed {}", page.file_name()));
                let failure = PageFailure { page, failure };
                failures.push(failure);
            }
        }
    }
    progress.finish();
    pages.sort_by_key(|p| p.page.file_name());
    failures.sort_by_key(|f| f.page.file_name());
    Ok(FetchOutcome {
        index_url,
        index_warnings: index.warnings,
        pages,
        failures,
        warnings,
        bytes_downloaded,
    })
}

/// [`fetch_pages`] on a runtime of its own, for callers without one. Must not be called from
/// inside an async runtime.
pub fn fetch_pages_blocking(options: &FetchOptions) -> Result<FetchOutcome, SyncError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| SyncError::Runtime(error.to_string()))?;
    runtime.block_on(fetch_pages(options))
}

/// One URL through the cache: offline reads it, online asks the server conditionally.
async fn get(
    fetcher: &Fetcher,
    cache: &Cache,
    url: &Url,
    offline: bool,
) -> Result<(PageStatus, CachedPage), FetchFailure> {
    let cached = cache.load(url);
    if offline {
        return cached
            .map(|entry| (PageStatus::Unchanged, entry))
            .ok_or(FetchFailure::NotInCache);
    }
    match fetcher.fetch(url, cached).await? {
        Fetched::Downloaded { entry, .. } => Ok((PageStatus::Fetched, entry)),
        Fetched::Unchanged { entry } => Ok((PageStatus::Unchanged, entry)),
    }
}

fn store(cache: &Cache, entry: &CachedPage, warnings: &mut Vec<String>) {
    if let Err(error) = cache.store(entry) {
        warnings.push(format!(
            "cannot cache {} in {}: {error} (the next run downloads it again)",
            entry.url,
            cache.dir().display()
        ));
    }
}
