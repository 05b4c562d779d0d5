//! The docs site's index, `llms.txt`: which REST pages exist and where to fetch them.
//!
//! The llms.txt convention is a Markdown file whose list items are links,
//! `- [Title](link): summary`. Every link to a page under `/rest-api/` ending in `.md` is a
//! REST page, `/rest-api/{area}/{verb}-{entities}[-by-id|-batch].md`; any other link (guides,
//! the changelog) is not this tool's business and is skipped silently. A REST link that does
//! not have that shape, cannot be resolved or points at a foreign host is left out with a
//! warning that names the index line, so a hostile or damaged index never stops the others.

use std::collections::HashMap;
use std::fmt;

use reqwest::Url;

/// The official docs site, the default `--docs`.
pub const DEFAULT_DOCS: &str = "https://learn.nexudus.com";

/// Hosts whose absolute links mean "this docs site": with an explicit `--docs` base they are
/// fetched from that base instead, so a mirror or a local copy of the site works unchanged.
pub const OFFICIAL_HOSTS: &[&str] = &["learn.nexudus.com", "developers.nexudus.com"];

/// The HTTP verbs that start a REST page's name.
const VERBS: &[&str] = &["get", "post", "put", "delete", "patch"];

/// One REST page the index links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRef {
    /// Where the page is fetched from (after resolving relative links and the `--docs` base).
    pub url: Url,
    /// The link's title in the index.
    pub title: String,
    /// The API area (`spaces`, `crm`, …).
    pub area: String,
    /// `get`, `post`, `put`, `delete` or `patch`.
    pub verb: String,
    /// The plural entity of the path (`coworkertasks`).
    pub entities: String,
    /// `""`, `"-by-id"` or `"-batch"`.
    pub suffix: String,
    /// The 1-based line of the index that links to the page.
    pub index_line: usize,
}

impl PageRef {
    /// `{area}/{verb}-{entities}[-by-id|-batch]`: what `--only` matches against.
    pub fn key(&self) -> String {
        format!(
            "{}/{}-{}{}",
            self.area, self.verb, self.entities, self.suffix
        )
    }

    /// `{verb}-{area}-{entities}[-by-id|-batch].md`: the stable file name the importer sees,
    /// the naming of the saved pages in `api-docs/mdx/`.
    pub fn file_name(&self) -> String {
        format!(
            "{}-{}-{}{}.md",
            self.verb, self.area, self.entities, self.suffix
        )
    }
}

/// A line of the index that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexWarning {
    /// The 1-based line of the index.
    pub line: usize,
    /// What was wrong with it.
    pub message: String,
}

impl fmt::Display for IndexWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "llms.txt:{}: {}", self.line, self.message)
    }
}

/// The REST pages of one index, in index order, without duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    /// Every REST page, first link wins when two lines name the same page.
    pub pages: Vec<PageRef>,
    /// Lines that looked like REST links but were left out.
    pub warnings: Vec<IndexWarning>,
}

/// Reads the text of `llms.txt`, fetched from `index_url`. Relative links resolve against
/// `index_url`; with `docs_base`, absolute links on an [official host](OFFICIAL_HOSTS) are
/// re-rooted there. Never fails: what cannot be used becomes a located warning.
pub fn parse_index(text: &str, index_url: &Url, docs_base: Option<&Url>) -> Index {
    let mut index = Index::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (number, line) in text.lines().enumerate() {
        let line_number = number + 1;
        let mut warn = |message: String| {
            index.warnings.push(IndexWarning {
                line: line_number,
                message,
            })
        };
        let Some(item) = list_item(line) else {
            continue;
        };
        let (title, link) = match markdown_link(item) {
            Ok(Some(found)) => found,
            Ok(None) => continue,
            Err(problem) => {
                if item.contains("rest-api/") {
                    warn(problem);
                }
                continue;
            }
        };
        let url = match resolve(link, index_url, docs_base) {
            Ok(url) => url,
            Err(problem) => {
                if link.contains("rest-api/") {
                    warn(format!(
                        "cannot use the link `{}`: {problem}",
                        shorten(link)
                    ));
                }
                continue;
            }
        };
        let path = url.path();
        let Some(start) = path.find("/rest-api/") else {
            if link.contains("rest-api/") && link.ends_with(".md") {
                warn(format!(
                    "the link `{}` resolves to `{}`, outside /rest-api/; left out",
                    shorten(link),
                    shorten(path)
                ));
            }
            continue;
        };
        if !path.ends_with(".md") {
            continue;
        }
        if !matches!(url.scheme(), "http" | "https") {
            warn(format!(
                "the link `{}` is not an http(s) address; left out",
                shorten(link)
            ));
            continue;
        }
        let same_site = url.host_str() == index_url.host_str()
            && url.port_or_known_default() == index_url.port_or_known_default();
        let official = url.host_str().is_some_and(|h| OFFICIAL_HOSTS.contains(&h));
        if !same_site && !official {
            warn(format!(
                "the link `{}` is on another host than the index ({}); left out",
                shorten(link),
                url.host_str().unwrap_or("no host")
            ));
            continue;
        }
        let relative = &path[start + "/rest-api/".len()..path.len() - ".md".len()];
        let Some((area, verb, entities, suffix)) = rest_page_shape(relative) else {
            warn(format!(
                "`{}` is not a REST page of the shape /rest-api/{{area}}/{{verb}}-{{entities}}[-by-id|-batch].md; left out",
                shorten(path)
            ));
            continue;
        };
        let page = PageRef {
            url,
            title: title.trim().to_owned(),
            area,
            verb,
            entities,
            suffix,
            index_line: line_number,
        };
        let file_name = page.file_name();
        if let Some(first) = seen.get(&file_name) {
            warn(format!(
                "`{file_name}` is already linked on line {first}; this link is left out"
            ));
            continue;
        }
        seen.insert(file_name, line_number);
        index.pages.push(page);
    }
    index
}

/// The text of a Markdown list item (`- `, `* `, `+ `), or `None` for any other line.
fn list_item(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    ["- ", "* ", "+ "]
        .iter()
        .find_map(|marker| trimmed.strip_prefix(marker))
}

/// The first `[title](link)` of a list item: `Ok(None)` when there is no link at all, an error
/// when one is started but not closed.
fn markdown_link(item: &str) -> Result<Option<(&str, &str)>, String> {
    let Some(open) = item.find('[') else {
        return Ok(None);
    };
    let Some(middle) = item[open..].find("](").map(|at| open + at) else {
        return if item[open..].contains("](") || item.contains("](") {
            Err("the link has no title in brackets; left out".to_owned())
        } else {
            Ok(None)
        };
    };
    let title = &item[open + 1..middle];
    let target_start = middle + 2;
    // Parentheses may nest inside a link (`a_(b).md`); the link ends at the one that balances.
    let mut depth = 0usize;
    let mut end = None;
    for (offset, ch) in item[target_start..].char_indices() {
        match ch {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = Some(target_start + offset);
                break;
            }
            ')' => depth -= 1,
            _ => {}
        }
    }
    let Some(end) = end else {
        return Err(format!(
            "the link after `[{}]` is not closed with `)`; left out",
            shorten(title)
        ));
    };
    let mut target = item[target_start..end].trim();
    // `<link>` and `link "title"` are both valid Markdown link targets.
    if let Some(inner) = target.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
        target = inner.trim();
    } else if let Some((link, _title)) = target.split_once(char::is_whitespace) {
        target = link;
    }
    if target.is_empty() {
        return Err(format!(
            "the link of `[{}]` is empty; left out",
            shorten(title)
        ));
    }
    Ok(Some((title, target)))
}

/// The address a link names, re-rooted at `docs_base` when it is on an official host.
fn resolve(link: &str, index_url: &Url, docs_base: Option<&Url>) -> Result<Url, String> {
    let url = index_url.join(link).map_err(|error| error.to_string())?;
    let Some(base) = docs_base else {
        return Ok(url);
    };
    let on_official_host = url.host_str().is_some_and(|h| OFFICIAL_HOSTS.contains(&h));
    let base_is_official = base.host_str().is_some_and(|h| OFFICIAL_HOSTS.contains(&h));
    if !on_official_host || (base_is_official && url.host_str() == base.host_str()) {
        return Ok(url);
    }
    let mut relative = url.path().trim_start_matches('/').to_owned();
    if let Some(query) = url.query() {
        relative.push('?');
        relative.push_str(query);
    }
    directory(base)
        .join(&relative)
        .map_err(|error| error.to_string())
}

/// `base` with a trailing `/`, so joining keeps its path (`/mirror` + `rest-api/…`).
pub fn directory(base: &Url) -> Url {
    let mut base = base.clone();
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    base
}

/// `(area, verb, entities, suffix)` of `{area}/{verb}-{entities}[-by-id|-batch]`. Only ASCII
/// letters and digits are accepted in the parts, so every file name is safe on any system.
fn rest_page_shape(relative: &str) -> Option<(String, String, String, String)> {
    let (area, stem) = relative.split_once('/')?;
    if stem.contains('/') || !is_name(area) {
        return None;
    }
    let (verb, rest) = stem.split_once('-')?;
    let verb = verb.to_ascii_lowercase();
    if !VERBS.contains(&verb.as_str()) {
        return None;
    }
    let lower = rest.to_ascii_lowercase();
    let (entities, suffix) = ["-by-id", "-batch"]
        .iter()
        .find_map(|suffix| {
            lower
                .strip_suffix(suffix)
                .map(|entities| (entities.to_owned(), (*suffix).to_owned()))
        })
        .unwrap_or((lower.clone(), String::new()));
    if !is_name(&entities) {
        return None;
    }
    Some((area.to_ascii_lowercase(), verb, entities, suffix))
}

fn is_name(part: &str) -> bool {
    !part.is_empty() && part.len() <= 80 && part.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// At most 80 characters of hostile input in a message.
fn shorten(text: &str) -> String {
    const LIMIT: usize = 80;
    if text.chars().count() <= LIMIT {
        return text.to_owned();
    }
    let cut: String = text.chars().take(LIMIT).collect();
    format!("{cut}…")
}

/// Which pages `--only PATTERN` keeps, matched against `{area}/{verb}-{entities}[-by-id|-batch]`
/// ([`PageRef::key`]), ignoring case. A pattern with a glob character (`*`, `?`, `[`) is a
/// glob over the whole key (`spaces/get-*`, `*/post-coworker?`); any other pattern is a
/// substring (`coworkernotes` keeps every page of that entity, `crm/` every page of the area).
#[derive(Debug, Clone)]
pub enum PageFilter {
    /// Every page.
    All,
    /// Keys containing this text (lower-cased).
    Substring(String),
    /// Keys matching this glob.
    Glob(glob::Pattern),
}

impl PageFilter {
    /// The filter for `--only PATTERN`; an invalid glob is an error that says where.
    pub fn new(pattern: Option<&str>) -> Result<Self, String> {
        let Some(pattern) = pattern.map(str::trim).filter(|p| !p.is_empty()) else {
            return Ok(Self::All);
        };
        if pattern.contains(['*', '?', '[']) {
            glob::Pattern::new(&pattern.to_ascii_lowercase())
                .map(Self::Glob)
                .map_err(|error| {
                    format!(
                        "--only `{pattern}` is not a valid glob: {} (at character {})",
                        error.msg,
                        error.pos + 1
                    )
                })
        } else {
            Ok(Self::Substring(pattern.to_ascii_lowercase()))
        }
    }

    /// Whether the page is kept.
    pub fn matches(&self, page: &PageRef) -> bool {
        let key = page.key();
        match self {
            Self::All => true,
            Self::Substring(text) => key.contains(text.as_str()),
            Self::Glob(pattern) => pattern.matches(&key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("test URL")
    }

    fn parse(text: &str) -> Index {
        parse_index(text, &url("https://learn.nexudus.com/llms.txt"), None)
    }

    #[test]
    fn reads_absolute_and_relative_rest_links_and_skips_other_pages() {
        let index = parse(
            "# Nexudus\n\
             > The docs.\n\
             ## REST API\n\
             - [Create CoworkerTask](https://learn.nexudus.com/rest-api/crm/post-coworkertasks.md): Create a task.\n\
             - [Get CoworkerNote](/rest-api/spaces/get-coworkernotes-by-id.md): One note.\n\
             - [Batch](rest-api/spaces/put-coworkers-batch.md)\n\
             - [Guide](https://learn.nexudus.com/guides/start.md): not REST.\n\
             - [Rendered](https://learn.nexudus.com/rest-api/crm/get-coworkertasks): no .md\n",
        );
        assert_eq!(index.warnings, vec![]);
        let names: Vec<String> = index.pages.iter().map(PageRef::file_name).collect();
        assert_eq!(
            names,
            [
                "post-crm-coworkertasks.md",
                "get-spaces-coworkernotes-by-id.md",
                "put-spaces-coworkers-batch.md"
            ]
        );
        assert_eq!(index.pages[1].key(), "spaces/get-coworkernotes-by-id");
        assert_eq!(index.pages[1].index_line, 5);
        assert_eq!(index.pages[1].title, "Get CoworkerNote");
        assert_eq!(
            index.pages[2].url.as_str(),
            "https://learn.nexudus.com/rest-api/spaces/put-coworkers-batch.md"
        );
    }

    #[test]
    fn official_links_are_fetched_from_the_docs_base() {
        let base = url("http://127.0.0.1:8080/mirror");
        let index = parse_index(
            "- [A](https://learn.nexudus.com/rest-api/crm/post-coworkertasks.md)\n\
             - [B](https://developers.nexudus.com/rest-api/spaces/get-coworkers.md)\n\
             - [C](rest-api/spaces/get-coworkernotes.md)\n",
            &url("http://127.0.0.1:8080/mirror/llms.txt"),
            Some(&base),
        );
        assert_eq!(index.warnings, vec![]);
        let urls: Vec<&str> = index.pages.iter().map(|p| p.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "http://127.0.0.1:8080/mirror/rest-api/crm/post-coworkertasks.md",
                "http://127.0.0.1:8080/mirror/rest-api/spaces/get-coworkers.md",
                "http://127.0.0.1:8080/mirror/rest-api/spaces/get-coworkernotes.md",
            ]
        );
    }

    #[test]
    fn hostile_lines_are_located_warnings_and_never_panic() {
        let long = "x".repeat(10_000);
        let text = format!(
            "- [Unclosed](https://learn.nexudus.com/rest-api/crm/post-coworkertasks.md\n\
             - [Traversal](/rest-api/../../etc/passwd.md)\n\
             - [Deep](/rest-api/a/b/post-things.md)\n\
             - [No verb](/rest-api/spaces/coworkers.md)\n\
             - [Overview](/rest-api/overview.md)\n\
             - [Evil host](https://evil.example/rest-api/crm/post-coworkertasks.md)\n\
             - [Script](javascript:alert(1)/rest-api/crm/post-x.md)\n\
             - [Bad port](http://learn.nexudus.com:99999/rest-api/crm/post-x.md)\n\
             - [Unicode](/rest-api/spaces/get-cöworkers.md)\n\
             - [Encoded](/rest-api/spaces/get-%2e%2e.md)\n\
             - [Empty]()\n\
             - [](/rest-api/spaces/get-coworkers.md)\n\
             - [Again](/rest-api/spaces/get-coworkers.md)\n\
             - [{long}](/rest-api/spaces/get-{long}.md)\n\
             - [Fine](/rest-api/spaces/get-coworkernotes.md)\n\
             -\n- \n- [\n- ](\n- [](\n* [x](\u{0}/rest-api/)\n"
        );
        let index = parse(&text);
        let lines: Vec<usize> = index.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14], "{index:#?}");
        assert!(index.warnings[0].message.contains("not closed"));
        assert!(index.warnings[5].message.contains("another host"));
        assert!(
            index.warnings[10]
                .message
                .contains("already linked on line 12")
        );
        assert!(index.warnings[11].to_string().starts_with("llms.txt:14: "));
        assert!(index.warnings[11].message.chars().count() < 300);
        let names: Vec<String> = index.pages.iter().map(PageRef::file_name).collect();
        assert_eq!(
            names,
            ["get-spaces-coworkers.md", "get-spaces-coworkernotes.md"]
        );
    }

    #[test]
    fn only_is_a_substring_or_a_glob_of_area_verb_entities() {
        let index = parse(
            "- [a](/rest-api/spaces/get-coworkernotes.md)\n\
             - [b](/rest-api/spaces/post-coworkernotes.md)\n\
             - [c](/rest-api/crm/get-coworkertasks-by-id.md)\n",
        );
        let kept = |pattern: &str| -> Vec<String> {
            let filter = PageFilter::new(Some(pattern)).expect("valid pattern");
            index
                .pages
                .iter()
                .filter(|p| filter.matches(p))
                .map(PageRef::key)
                .collect()
        };
        assert_eq!(
            kept("coworkerNotes"),
            ["spaces/get-coworkernotes", "spaces/post-coworkernotes"]
        );
        assert_eq!(kept("crm/"), ["crm/get-coworkertasks-by-id"]);
        assert_eq!(
            kept("*/get-*"),
            ["spaces/get-coworkernotes", "crm/get-coworkertasks-by-id"]
        );
        assert_eq!(kept("spaces/get-*"), ["spaces/get-coworkernotes"]);
        let error = PageFilter::new(Some("spaces/[get")).expect_err("unclosed class");
        assert!(error.contains("--only `spaces/[get`"), "{error}");
        assert!(PageFilter::new(Some("  ")).is_ok_and(|f| matches!(f, PageFilter::All)));
    }
}
