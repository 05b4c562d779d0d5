//! The on-disk cache of fetched pages: per URL, the body with the `ETag` and `Last-Modified`
//! the server sent, so a rerun can ask "changed since?" and an offline run can work at all.
//!
//! One JSON file per URL holds all three, so one atomic rename replaces an entry as a whole:
//! a body can never be paired with another version's validators (which would make a later 304
//! confirm the wrong text). The file name is readable (the page's last path segment) plus a
//! stable FNV-1a hash of the URL; the URL is stored inside and checked on read, so even a hash
//! collision is a cache miss, never the wrong page.

use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};

use reqwest::Url;
use serde::{Deserialize, Serialize};

/// What the cache keeps for one URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedPage {
    /// The URL the body was fetched from.
    pub url: String,
    /// The `ETag` header of the response, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// The `Last-Modified` header, sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
    /// The page text.
    pub body: String,
}

/// A cache directory (created on the first write).
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache below `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The cache directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file that holds `url`'s entry.
    pub fn path_for(&self, url: &Url) -> PathBuf {
        let mut hasher = fnv::FnvHasher::default();
        hasher.write(url.as_str().as_bytes());
        let readable: String = url
            .path_segments()
            .and_then(|mut segments| segments.next_back())
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .take(80)
            .collect();
        let readable = readable.trim_start_matches('.');
        self.dir
            .join(format!("{readable}-{:016x}.json", hasher.finish()))
    }

    /// The entry for `url`, if there is a readable one. An entry that does not parse or that
    /// belongs to another URL is treated as absent (the page is fetched again and the entry
    /// overwritten), so a damaged cache costs a download, never a wrong page.
    pub fn load(&self, url: &Url) -> Option<CachedPage> {
        let bytes = std::fs::read(self.path_for(url)).ok()?;
        let entry: CachedPage = serde_json::from_slice(&bytes).ok()?;
        (entry.url == url.as_str()).then_some(entry)
    }

    /// Writes `entry` atomically: a temporary file in the cache directory, then a rename over
    /// the old entry, so an interrupted run leaves the old entry or the new one, never half.
    pub fn store(&self, entry: &CachedPage) -> std::io::Result<PathBuf> {
        let url = Url::parse(&entry.url)
            .map_err(|error| std::io::Error::new(std::io::ErrorKind::InvalidInput, error))?;
        let path = self.path_for(&url);
        // The error names the file, so the run's warning says which one could not be written.
        let named = |error: std::io::Error| {
            std::io::Error::new(error.kind(), format!("{}: {error}", path.display()))
        };
        std::fs::create_dir_all(&self.dir).map_err(named)?;
        let mut temporary = tempfile::NamedTempFile::new_in(&self.dir).map_err(named)?;
        serde_json::to_writer(&mut temporary, entry).map_err(|error| named(error.into()))?;
        temporary.flush().map_err(named)?;
        temporary
            .persist(&path)
            .map_err(|error| named(error.error))?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(url: &str, body: &str) -> CachedPage {
        CachedPage {
            url: url.to_owned(),
            etag: Some("\"v1\"".to_owned()),
            last_modified: Some("Wed, 21 Oct 2015 07:28:00 GMT".to_owned()),
            body: body.to_owned(),
        }
    }

    #[test]
    fn stores_and_loads_an_entry_per_url() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::new(dir.path().join("cache"));
        let a = "http://127.0.0.1:1/rest-api/spaces/get-coworkers.md";
        let b = "http://127.0.0.1:2/rest-api/spaces/get-coworkers.md";
        cache.store(&entry(a, "first")).expect("store a");
        cache.store(&entry(b, "second")).expect("store b");
        cache.store(&entry(a, "first, again")).expect("overwrite a");
        let load = |url: &str| cache.load(&Url::parse(url).expect("url"));
        assert_eq!(load(a).map(|e| e.body), Some("first, again".to_owned()));
        assert_eq!(load(b).map(|e| e.body), Some("second".to_owned()));
        assert_eq!(load("http://127.0.0.1:3/other.md"), None);
        let names: Vec<String> = std::fs::read_dir(cache.dir())
            .expect("cache dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "no temporary files left behind: {names:?}");
        assert!(names.iter().all(|n| n.starts_with("get-coworkers.md-")));
    }

    /// A directory where the entry's file goes cannot be replaced: the error names the file.
    #[test]
    fn a_failed_store_names_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::new(dir.path());
        let url = "http://127.0.0.1/rest-api/crm/post-x.md";
        let path = cache.path_for(&Url::parse(url).expect("url"));
        std::fs::create_dir_all(path.join("blocker")).expect("writable");
        let error = cache
            .store(&entry(url, "x"))
            .expect_err("a directory is in the way");
        assert!(
            error
                .to_string()
                .starts_with(&format!("{}: ", path.display())),
            "{error}"
        );
    }

    #[test]
    fn a_damaged_or_foreign_entry_is_a_miss() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::new(dir.path());
        let url = Url::parse("http://127.0.0.1/rest-api/crm/post-x.md").expect("url");
        std::fs::write(cache.path_for(&url), b"{ not json").expect("write");
        assert_eq!(cache.load(&url), None);
        let foreign = serde_json::to_vec(&entry("http://elsewhere/x.md", "x")).expect("json");
        std::fs::write(cache.path_for(&url), foreign).expect("write");
        assert_eq!(cache.load(&url), None);
    }
}
