//! Step 1: read every YAML file under `spec/` into the syntax types of [`crate::spec`].

use std::path::{Path, PathBuf};

use rayon::iter::{IntoParallelRefIterator, ParallelIterator};

use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::spec::SpecFile;

/// One parsed spec file, with its text kept for diagnostics.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// The path shown to users, e.g. `spec/spaces/coworkers.yaml`.
    pub display_path: String,
    /// The path relative to the spec directory, with `/` separators, e.g. `spaces/coworkers.yaml`.
    pub relative_path: String,
    /// The file's text.
    pub source: String,
    /// The parsed content.
    pub spec: SpecFile,
}

/// The largest spec file read; a larger one is reported in words.
pub const MAX_SPEC_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The most YAML nodes (mappings, lists and scalar values) a spec file may have. The limit
/// guards the generator against alias bombs (a few lines of `*alias` that expand to billions of
/// values); a field of the importer's shape (`name`, `type`, `description`) is 7 nodes, so a
/// file holds about 35,000 fields. A file past it is reported with its node count and the
/// limit, and the importer checks every spec it is about to write against it.
pub const MAX_YAML_NODES: usize = 250_000;

/// The YAML parser's limits for a spec file: its defaults, with the node limit stated here so
/// the words of the error and the limit enforced are one number.
fn yaml_budget() -> serde_saphyr::budget::Budget {
    let mut budget = serde_saphyr::budget::Budget::default();
    budget.max_nodes = MAX_YAML_NODES;
    budget
}

/// The YAML nodes of `source`, counted without a limit (aliases are not expanded, so this is
/// linear in the text); `None` when another parser limit or a syntax error stops the count.
fn count_yaml_nodes(source: &str) -> Option<usize> {
    use serde_saphyr::budget::{EnforcingPolicy, check_yaml_budget};
    let mut budget = yaml_budget();
    budget.max_nodes = usize::MAX;
    let report = check_yaml_budget(source, budget, EnforcingPolicy::AllContent).ok()?;
    report.breached.is_none().then_some(report.nodes)
}

/// A number as a reader writes it: `312,345`.
fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Every `.yaml` file below `spec_dir`, sorted by relative path so the result never depends
/// on the order the file system lists directories in. Directories reached twice through
/// symbolic links are walked once (see [`find_spec_files`] for the problems found on the way).
pub fn spec_paths(spec_dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    find_spec_files(spec_dir).map(|(found, _)| found)
}

/// Entries of the spec tree that were not walked, each with the reason in words.
pub type Skipped = Vec<(PathBuf, String)>;

/// Like [`spec_paths`], with the entries that were skipped and why: a symbolic link that leads
/// back to a directory already walked (a loop), or an entry that cannot be examined.
pub fn find_spec_files(spec_dir: &Path) -> std::io::Result<(Vec<PathBuf>, Skipped)> {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let mut walked = std::collections::HashSet::new();
    walked.insert(std::fs::canonicalize(spec_dir)?);
    let mut pending = vec![spec_dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            // `metadata` follows links, so a link to a directory is walked like one.
            match std::fs::metadata(&path) {
                Ok(metadata) if metadata.is_dir() => match std::fs::canonicalize(&path) {
                    Ok(real) if !walked.insert(real.clone()) => skipped.push((
                        path,
                        format!(
                            "a symbolic link loop: this leads back to {}, which is already read",
                            real.display()
                        ),
                    )),
                    Ok(_) => pending.push(path),
                    Err(error) => skipped.push((path, format!("cannot follow the link: {error}"))),
                },
                _ if path
                    .extension()
                    .is_some_and(|ext| ext == "yaml" || ext == "yml") =>
                {
                    found.push(path);
                }
                _ => {}
            }
        }
    }
    found.sort();
    skipped.sort();
    Ok((found, skipped))
}

/// Reads a spec file: only a regular file (a FIFO or a device would block or never end), and
/// at most [`MAX_SPEC_FILE_BYTES`].
fn read_spec_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(std::io::Error::other(
            "it is not a regular file (a FIFO, a device or a socket); only regular files are read",
        ));
    }
    let too_big = || {
        std::io::Error::other(format!(
            "it is larger than the {} MiB a spec file may have",
            MAX_SPEC_FILE_BYTES / (1024 * 1024)
        ))
    };
    if metadata.len() > MAX_SPEC_FILE_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_SPEC_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SPEC_FILE_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// A spec file that could not be parsed. Its text is kept so that later checks can tell when
/// one of their errors may only follow from it (an enum or the envelope defined there).
#[derive(Debug, Clone)]
pub struct Unreadable {
    /// The path shown to users, e.g. `spec/spaces/coworkers.yaml`.
    pub display_path: String,
    /// The file's text (invalid UTF-8 replaced), empty when it could not be read at all.
    pub source: String,
}

/// What loading found: the files that parsed, and every problem of every file.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The files that parsed, in path order.
    pub files: Vec<LoadedFile>,
    /// The files that did not parse, in path order; their errors are in `diagnostics`.
    pub unreadable: Vec<Unreadable>,
    /// Errors of the files that did not parse, and warnings of those that did.
    pub diagnostics: Diagnostics,
}

/// The first line every spec file carries, so editors validate and complete it against the
/// JSON Schema of the format.
pub const SCHEMA_LINE_PREFIX: &str = "# yaml-language-server: $schema=";

/// The file name of the JSON Schema of the format, at the top of the spec directory.
pub const SCHEMA_FILE: &str = "nexudus-spec.schema.json";

/// Reads and parses every spec file under `spec_dir`, going on after a bad file so that one
/// run reports the problems of all of them. `display_root` prefixes the paths shown in
/// diagnostics (normally `spec`).
pub fn load_dir(spec_dir: &Path, display_root: &str) -> Loaded {
    let mut loaded = Loaded::default();
    let paths = match find_spec_files(spec_dir) {
        Ok((paths, skipped)) => {
            for (path, why) in skipped {
                let relative = path.strip_prefix(spec_dir).unwrap_or(&path);
                let display = format!("{display_root}/{}", relative.display());
                loaded
                    .diagnostics
                    .push(Diagnostic::error(&display, "", 0, 0, why).with_hint(
                        "remove the link, or point it at a directory outside the spec tree",
                    ));
            }
            paths
        }
        Err(error) => {
            loaded.diagnostics.push(Diagnostic::error(
                &spec_dir.display().to_string(),
                "",
                0,
                0,
                format!(
                    "cannot read the spec directory {}: {error}",
                    spec_dir.display()
                ),
            ));
            return loaded;
        }
    };
    let named: Vec<(PathBuf, String, String)> = paths
        .into_iter()
        .map(|path| {
            let relative = path
                .strip_prefix(spec_dir)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let display = format!("{display_root}/{relative}");
            (path, relative, display)
        })
        .collect();
    // Reading and parsing the files is independent work; the results keep the files' order.
    let parsed: Vec<_> = named
        .par_iter()
        .map(|(path, _, display)| {
            read_spec_file(path).map(|bytes| {
                let parsed = parse_file(display, &bytes);
                (bytes, parsed)
            })
        })
        .collect();
    for ((path, relative, display), read) in named.into_iter().zip(parsed) {
        let (bytes, parsed) = match read {
            Ok(read) => read,
            Err(error) => {
                loaded.diagnostics.push(Diagnostic::error(
                    &display,
                    "",
                    0,
                    0,
                    format!("cannot read the file: {error}"),
                ));
                loaded.unreadable.push(Unreadable {
                    display_path: display,
                    source: String::new(),
                });
                continue;
            }
        };
        match parsed {
            Ok((source, spec)) => {
                let depth = relative.matches('/').count();
                let schema = format!("{}{SCHEMA_FILE}", "../".repeat(depth));
                let named = source.lines().enumerate().find_map(|(index, line)| {
                    line.strip_prefix(SCHEMA_LINE_PREFIX)
                        .map(|path| (index + 1, path.trim()))
                });
                if let Some((line, named)) = named {
                    let remote = named.starts_with("http://") || named.starts_with("https://");
                    let resolves = path.parent().is_some_and(|dir| dir.join(named).is_file())
                        && named.ends_with(SCHEMA_FILE);
                    // The usual relative path is right even in a copy without the schema.
                    if !remote && !resolves && named != schema {
                        loaded.diagnostics.push(
                            Diagnostic::error(
                                &display,
                                &source,
                                line,
                                SCHEMA_LINE_PREFIX.chars().count() + 1,
                                format!("`{named}` is not the spec schema as seen from this file"),
                            )
                            .with_hint(format!("write `{SCHEMA_LINE_PREFIX}{schema}`"))
                            .into_warning(),
                        );
                    }
                } else {
                    loaded.diagnostics.push(
                        Diagnostic::error(
                            &display,
                            &source,
                            1,
                            1,
                            "the file does not name the spec schema, so editors cannot check it",
                        )
                        .with_hint(format!(
                            "add `{SCHEMA_LINE_PREFIX}{schema}` as the first line"
                        ))
                        .into_warning(),
                    );
                }
                loaded.files.push(LoadedFile {
                    display_path: display,
                    relative_path: relative,
                    source,
                    spec,
                });
            }
            Err(diagnostic) => {
                loaded.diagnostics.push(*diagnostic);
                loaded.unreadable.push(Unreadable {
                    display_path: display,
                    source: String::from_utf8_lossy(&bytes).into_owned(),
                });
            }
        }
    }
    loaded
}

/// Parses one spec file's bytes; any problem becomes a located diagnostic, never a panic.
pub fn parse_file(display_path: &str, bytes: &[u8]) -> Result<(String, SpecFile), Box<Diagnostic>> {
    // Editors on Windows may start a UTF-8 file with a byte order mark; it is not content.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let source = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(error) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let (line, column) = line_column(&text, error.valid_up_to());
            return Err(Box::new(
                Diagnostic::error(
                    display_path,
                    &text,
                    line,
                    column,
                    "the file is not valid UTF-8",
                )
                .with_hint("save the file as UTF-8"),
            ));
        }
    };
    if source.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#')
    }) {
        return Err(Box::new(
            Diagnostic::error(display_path, &source, 0, 0, "the spec file is empty").with_hint(
                "a spec file is a mapping with `entity`, `area` and `operations` (see docs/maintainers.md)",
            ),
        ));
    }
    if let Some(refused) = refused_character(&source) {
        return Err(Box::new(refused.diagnostic(display_path, &source)));
    }
    // The node limit is checked on the parser's events alone, before deserializing (which
    // costs several times more): the count is the file's whole, a fact of the file. A file of
    // fewer bytes than the limit cannot pass it (a node takes at least a byte, but for an
    // empty document's), so most files skip the count; the parser's budget still applies.
    if source.len() >= MAX_YAML_NODES
        && let Some(nodes) = count_yaml_nodes(&source)
        && nodes > MAX_YAML_NODES
    {
        return Err(Box::new(
            Diagnostic::error(display_path, &source, 0, 0, too_many_nodes(Some(nodes)))
                .with_hint(NODE_LIMIT_HINT),
        ));
    }
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(yaml_budget());
    // The library's own snippets are not shown (diagnostics quote the line themselves).
    options.with_snippet = false;
    match serde_saphyr::from_str_with_options::<SpecFile>(&source, options) {
        Ok(spec) => Ok((source, spec)),
        Err(error) => Err(Box::new(yaml_error(display_path, &source, &error))),
    }
}

/// A character a spec file may not hold, where it is first found, and how many there are.
struct Refused {
    line: usize,
    column: usize,
    character: char,
    count: usize,
}

/// The text-direction controls: they make text display in another order than it is stored
/// (the "Trojan Source" attack), which rustc refuses in code by default.
pub(crate) fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` may not appear as itself in a spec file: the characters YAML refuses (C0 and C1
/// controls other than tab, line feed, carriage return and next line; DEL; the noncharacters
/// U+FFFE and U+FFFF) and the text-direction controls. A value that needs one writes it as an
/// escape inside double quotes (`"\u202E"`).
pub(crate) fn is_refused(c: char) -> bool {
    let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}');
    control || matches!(c, '\u{fffe}' | '\u{ffff}') || is_direction_control(c)
}

/// The first character of `source` it may not hold, or a carriage return that does not end a
/// line (YAML reads it as a line break, which would put every later line number off by one).
/// Found before parsing, so the column is the character's own, counted in characters.
fn refused_character(source: &str) -> Option<Refused> {
    let mut found: Option<Refused> = None;
    for (index, line) in source.split('\n').enumerate() {
        let mut chars = line.chars().enumerate().peekable();
        while let Some((at, c)) = chars.next() {
            let lone_cr = c == '\r' && chars.peek().is_some();
            if lone_cr || is_refused(c) {
                match &mut found {
                    Some(first) => first.count += 1,
                    None => {
                        found = Some(Refused {
                            line: index + 1,
                            column: at + 1,
                            character: c,
                            count: 1,
                        });
                    }
                }
            }
        }
    }
    found
}

impl Refused {
    fn diagnostic(&self, display_path: &str, source: &str) -> Diagnostic {
        let c = self.character;
        let code = format!("U+{:04X}", u32::from(c));
        let (message, hint) = if c == '\r' {
            (
                format!(
                    "a carriage return ({code}) in the middle of a line: YAML reads it as a line break"
                ),
                "remove it; lines end with `\\n` or `\\r\\n`".to_owned(),
            )
        } else if is_direction_control(c) {
            (
                format!(
                    "the text-direction control {code}{} cannot be in a spec file: it makes the text display in another order than it is read",
                    character_name(c).map_or(String::new(), |name| format!(" ({name})"))
                ),
                format!(
                    "remove it; a description that needs it writes it as the escape `\\u{:04X}` inside double quotes",
                    u32::from(c)
                ),
            )
        } else {
            (
                format!(
                    "the character {code}{} cannot be in a spec file: YAML does not allow it",
                    character_name(c).map_or(String::new(), |name| format!(" ({name})"))
                ),
                format!(
                    "remove it; a value that needs it writes it as the escape `\\u{:04X}` inside double quotes",
                    u32::from(c)
                ),
            )
        };
        let hint = if self.count > 1 {
            format!(
                "{hint} (the file has {} such characters; this is the first)",
                self.count
            )
        } else {
            hint
        };
        Diagnostic::error(display_path, source, self.line, self.column, message).with_hint(hint)
    }
}

/// The short name of a control character, as terminals and editors show it.
fn character_name(c: char) -> Option<&'static str> {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF",
        "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
        "SUB", "ESC", "FS", "GS", "RS", "US",
    ];
    let name = match c {
        '\u{0}'..='\u{1f}' => C0[usize::try_from(u32::from(c)).unwrap_or(0)],
        '\u{7f}' => "DEL",
        '\u{061c}' => "ARABIC LETTER MARK",
        '\u{200e}' => "LEFT-TO-RIGHT MARK",
        '\u{200f}' => "RIGHT-TO-LEFT MARK",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    };
    Some(name)
}

fn yaml_error(display_path: &str, source: &str, error: &serde_saphyr::Error) -> Diagnostic {
    let error = innermost(error);
    let (line, column) = error
        .location()
        .map(|location| (to_usize(location.line()), to_usize(location.column())))
        .unwrap_or((0, 0));
    let described = describe(error, source, line, column);
    let diagnostic = Diagnostic::error(
        display_path,
        source,
        described.line,
        described.column,
        described.message,
    );
    match described.hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// The error itself, without the wrappers the library adds (snippets, alias locations).
fn innermost(error: &serde_saphyr::Error) -> &serde_saphyr::Error {
    let mut error = error.without_snippet();
    while let serde_saphyr::Error::AliasError { error: inner, .. } = error {
        error = inner.without_snippet();
    }
    error
}

/// A YAML or format error worded for a maintainer, at the place to fix.
struct Described {
    message: String,
    hint: Option<String>,
    line: usize,
    column: usize,
}

/// Words the library's structured errors like the rest of the diagnostics, naming the key and
/// the value at the spot; anything else keeps the library's text.
fn describe(error: &serde_saphyr::Error, source: &str, line: usize, column: usize) -> Described {
    use serde_saphyr::Error as E;
    let at = |message: String, hint: Option<String>| Described {
        message,
        hint,
        line,
        column,
    };
    let key = key_at(source, line, column);
    let takes = |what: &str| match &key {
        Some(key) => format!(
            "`{key}` takes {what}, not {}",
            found_at(source, line, column)
        ),
        None => format!(
            "expected {what} here, not {}",
            found_at(source, line, column)
        ),
    };
    match error {
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            let hint = match closest(field, expected.iter().copied()) {
                Some(near) => Some(format!("did you mean `{near}`?")),
                None if expected.is_empty() => None,
                None => Some(format!("the keys allowed here are {}", ticked(expected))),
            };
            at(format!("unknown key `{field}`"), hint)
        }
        E::SerdeMissingField { field, .. } => {
            let (line, column) = mapping_start(source, line, column).unwrap_or((line, column));
            Described {
                message: format!("missing key `{field}`"),
                hint: Some(format!("add `{field}:` to this mapping")),
                line,
                column,
            }
        }
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let subject = key
                .as_deref()
                .map_or(String::new(), |key| format!(" of `{key}`"));
            let hint = closest(variant, expected.iter().copied())
                .map(|near| format!("did you mean `{near}`?"));
            at(
                format!(
                    "`{variant}` is not a valid value{subject}; use one of {}",
                    ticked(expected)
                ),
                hint,
            )
        }
        E::InvalidScalar { ty, .. } => {
            let found = found_at(source, line, column);
            let digits = found
                .trim_matches('`')
                .trim_start_matches(['-', '+'])
                .chars()
                .all(|c| c.is_ascii_digit());
            let (what, hint) = match *ty {
                "boolean" | "bool" => ("`true` or `false`", None),
                "f32" | "f64" => ("a number", None),
                ty if ty.starts_with('i') || ty.starts_with('u') => (
                    "an integer",
                    digits.then(|| format!("the number does not fit in `{ty}`")),
                ),
                _ => ("a different kind of value", None),
            };
            at(takes(what), hint)
        }
        E::Unexpected { expected, .. } => {
            let what = match *expected {
                "string scalar" => "a text value",
                "sequence start" => "a list (`- item` lines)",
                "mapping start" if is_document_start(source, line) => {
                    return at(
                        "a spec file must be a YAML mapping (`key: value` lines) at the top level"
                            .to_owned(),
                        None,
                    );
                }
                "mapping start" => "a mapping (`key: value` lines)",
                other => other,
            };
            at(takes(what), None)
        }
        E::SerdeInvalidType { expected, .. } | E::SerdeInvalidValue { expected, .. } => {
            at(takes(expected), None)
        }
        E::Budget { breach, .. } => at(
            budget_words(breach, source),
            Some(match breach {
                serde_saphyr::budget::BudgetBreach::Nodes { .. } => NODE_LIMIT_HINT.to_owned(),
                _ => "split the file, or write the values out instead of repeating aliases"
                    .to_owned(),
            }),
        ),
        E::DuplicateMappingKey { key: Some(key), .. } => at(
            format!("the key `{key}` appears twice in this mapping"),
            Some("keep one of them".to_owned()),
        ),
        E::MultipleDocuments { .. } => Described {
            // Point at the `---` that starts the second document.
            line: (1..=line)
                .rev()
                .find(|candidate| {
                    nth_line(source, *candidate).is_some_and(|text| text.trim_end() == "---")
                })
                .unwrap_or(line),
            column: 1,
            ..at(
                "a spec file holds one YAML document, but another one starts here".to_owned(),
                Some(
                    "remove the `---` line, or move the second document into a file of its own"
                        .to_owned(),
                ),
            )
        },
        other => {
            let full = other.to_string();
            // The library appends the position in prose; ours is printed in the `-->` line.
            let message = match full.rfind(" at line ") {
                Some(cut) => full[..cut].to_owned(),
                None => full,
            };
            if let E::Message { .. } = other {
                return at(message, None);
            }
            let (line, column, hint) = if message.contains("found a tab") {
                // The scanner reports where the scalar began; point at the tab itself.
                let tab = source
                    .lines()
                    .enumerate()
                    .skip(line.saturating_sub(1))
                    .find_map(|(index, text)| {
                        text.chars()
                            .position(|c| c == '\t')
                            .map(|at| (index + 1, at + 1))
                    });
                let (line, column) = tab.unwrap_or((line, column));
                (
                    line,
                    column,
                    Some("indent with spaces: YAML does not allow tabs there"),
                )
            } else if message.contains("mapping values are not allowed") {
                let hint =
                    "quote a value that contains `: `, or check the indentation of this line";
                (line, column, Some(hint))
            } else if message.contains("unclosed quote") {
                (line, column, Some("close the quote on the same line"))
            } else if message.starts_with("while parsing a quoted scalar") {
                // The scanner reports where the quoted value began; point at the escape.
                let (line, column) = bad_escape(source, line, column).unwrap_or((line, column));
                (
                    line,
                    column,
                    Some(
                        "the escapes of a double-quoted value are `\\\\`, `\\\"`, `\\n`, `\\t`, `\\xXX`, `\\uXXXX`, `\\UXXXXXXXX` and the like; write `\\\\` for a backslash",
                    ),
                )
            } else {
                (line, column, None)
            };
            Described {
                message: format!("invalid YAML: {message}"),
                hint: hint.map(str::to_owned),
                line,
                column,
            }
        }
    }
}

/// Why a spec file has a node limit, and where it is documented.
const NODE_LIMIT_HINT: &str = "the limit guards the generator against YAML alias bombs; see \"Limits\" in docs/maintainers.md";

/// The node limit in words, with the file's count of nodes when it is known.
fn too_many_nodes(nodes: Option<usize>) -> String {
    let limit = thousands(MAX_YAML_NODES);
    match nodes {
        Some(nodes) => format!(
            "the file has {} YAML nodes (mappings, lists and values), more than the {limit} a spec file may have",
            thousands(nodes)
        ),
        None => format!(
            "the file has more than {limit} YAML nodes (mappings, lists and values), the most a spec file may have"
        ),
    }
}

/// What a YAML parser limit means for a spec file, in words.
fn budget_words(breach: &serde_saphyr::budget::BudgetBreach, source: &str) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    let budget = yaml_budget();
    match breach {
        B::Nodes { .. } => too_many_nodes(count_yaml_nodes(source)),
        B::Aliases { aliases } => format!(
            "the file uses YAML aliases (`*name`) more than {} times ({} so far), which looks like an alias bomb",
            thousands(budget.max_aliases),
            thousands(*aliases)
        ),
        B::AliasAnchorRatio { aliases, anchors } => format!(
            "the file uses its {anchors} YAML anchors through {aliases} aliases (`*name`), more than {} per anchor, which looks like an alias bomb",
            budget.alias_anchor_ratio_multiplier
        ),
        B::Anchors { anchors } => format!(
            "the file defines more than {} YAML anchors (`&name`; {} so far)",
            thousands(budget.max_anchors),
            thousands(*anchors)
        ),
        B::Depth { depth } => format!(
            "the file nests mappings and lists {depth} deep, deeper than the {} levels allowed",
            budget.max_depth
        ),
        B::Events { .. } => format!(
            "the file has more than {} YAML parser events, the most a spec file may have",
            thousands(budget.max_events)
        ),
        B::ScalarBytes { .. } => format!(
            "the file's values hold more than {} MiB of text",
            budget.max_total_scalar_bytes / (1024 * 1024)
        ),
        B::Documents { .. } => "the file holds too many YAML documents".to_owned(),
        B::MergeKeys { .. } => format!(
            "the file uses more than {} merge keys (`<<`)",
            thousands(budget.max_merge_keys)
        ),
        other => format!("the file exceeds a YAML parser limit ({other:?})"),
    }
}

/// The 1-based line and column of the first escape that YAML cannot read in the
/// double-quoted value starting at `line`:`column` (at its opening `"`): an unknown escape
/// character, too few hex digits, or a code point that is no character (a lone surrogate).
fn bad_escape(source: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let first = nth_line(source, line)?;
    let start = first
        .char_indices()
        .nth(column.checked_sub(1)?)
        .map(|(at, _)| at)?;
    let offset = source
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum::<usize>()
        + start;
    let text = source.get(offset..)?;
    let chars: Vec<char> = text.chars().collect();
    if chars.first() != Some(&'"') {
        return None;
    }
    let position = |index: usize| {
        let before: String = chars[..index].iter().collect();
        let breaks = before.matches('\n').count();
        let column_here = match before.rfind('\n') {
            Some(at) => before[at + 1..].chars().count() + 1,
            None => column + before.chars().count(),
        };
        (line + breaks, column_here)
    };
    let hex = |from: usize, digits: usize| -> Option<u32> {
        let text: String = chars.get(from..from + digits)?.iter().collect();
        if !text.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(&text, 16).ok()
    };
    let mut index = 1;
    while let Some(&c) = chars.get(index) {
        match c {
            '"' => return None,
            '\\' => {
                let &next = chars.get(index + 1)?;
                let digits = match next {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    '0' | 'a' | 'b' | 't' | '\t' | 'n' | 'v' | 'f' | 'r' | 'e' | ' ' | '"'
                    | '/' | '\\' | 'N' | '_' | 'L' | 'P' | '\n' | '\r' => {
                        index += 2;
                        continue;
                    }
                    _ => return Some(position(index)),
                };
                let Some(code) = hex(index + 2, digits) else {
                    return Some(position(index));
                };
                let mut length = 2 + digits;
                if char::from_u32(code).is_none() {
                    // A high surrogate is a character with the low one that follows it.
                    let low = (chars.get(index + length) == Some(&'\\')
                        && chars.get(index + length + 1) == Some(&'u'))
                    .then(|| hex(index + length + 2, 4))
                    .flatten();
                    let paired = (0xD800..0xDC00).contains(&code)
                        && low.is_some_and(|low| (0xDC00..0xE000).contains(&low));
                    if !paired {
                        return Some(position(index));
                    }
                    length += 6;
                }
                index += length;
            }
            _ => index += 1,
        }
    }
    None
}

fn ticked(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The 1-based line of `source`, if there is one.
fn nth_line(source: &str, line: usize) -> Option<&str> {
    source.lines().nth(line.checked_sub(1)?)
}

/// Whether nothing but comments, blank lines and `---` precede `line`'s content.
fn is_document_start(source: &str, line: usize) -> bool {
    source.lines().take(line.saturating_sub(1)).all(|text| {
        let text = text.trim();
        text.is_empty() || text.starts_with('#') || text == "---"
    })
}

/// The key whose value sits at `line`:`column`: the `key:` just before it on the same line
/// (block or flow style), or the `key:` ending the line above when the value starts a line.
fn key_at(source: &str, line: usize, column: usize) -> Option<String> {
    let text = nth_line(source, line)?;
    let before: String = text.chars().take(column.saturating_sub(1)).collect();
    let key_of = |text: &str| -> Option<String> {
        let text = text.trim_end().strip_suffix(':')?;
        let key = text
            .rsplit(['{', ',', '['])
            .next()
            .unwrap_or(text)
            .trim()
            .trim_start_matches("- ")
            .trim()
            .trim_matches(|c| c == '"' || c == '\'');
        let plain = !key.is_empty() && !key.contains([' ', ':', '#']);
        plain.then(|| key.to_owned())
    };
    if before.trim_start_matches([' ', '-']).is_empty() {
        let lines: Vec<&str> = source.lines().take(line.saturating_sub(1)).collect();
        let above = lines.into_iter().rev().find(|text| {
            let text = text.trim();
            !text.is_empty() && !text.starts_with('#')
        })?;
        return key_of(above);
    }
    key_of(&before)
}

/// What the value at `line`:`column` is, in words: a list, a mapping, or the value quoted.
fn found_at(source: &str, line: usize, column: usize) -> String {
    let text = nth_line(source, line).unwrap_or_default();
    let before: String = text.chars().take(column.saturating_sub(1)).collect();
    let rest: String = text.chars().skip(column.saturating_sub(1)).collect();
    let rest = rest.trim();
    if rest.starts_with('[') || rest == "-" || rest.starts_with("- ") {
        return "a list".to_owned();
    }
    if rest.starts_with('{') {
        return "a mapping".to_owned();
    }
    let in_flow = before.contains(['{', '[']);
    let value = if in_flow {
        // A flow collection: the value ends at the next separator.
        rest.split([',', '}', ']']).next().unwrap_or(rest)
    } else {
        if rest.split_once(": ").is_some() || rest.ends_with(':') {
            return "a mapping".to_owned();
        }
        rest.split(" #").next().unwrap_or(rest)
    };
    let value = value.trim();
    if value.is_empty() {
        return "nothing".to_owned();
    }
    let shown: String = value.chars().take(40).collect();
    let ellipsis = if value.chars().count() > 40 {
        "…"
    } else {
        ""
    };
    format!("`{shown}{ellipsis}`")
}

/// The start of the block mapping whose key sits at `line`:`column`: the line of its `- `
/// item marker or of its first key. A missing key is reported there, not at whichever key the
/// parser read last.
fn mapping_start(source: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let lines: Vec<&str> = source.lines().collect();
    let indent = column.checked_sub(1)?;
    let here = *lines.get(line.checked_sub(1)?)?;
    let leading = |text: &str| text.chars().take_while(|c| *c == ' ').count();
    let item_marker_at = |text: &str| {
        indent >= 2
            && text.chars().take(indent - 2).all(|c| c == ' ')
            && text.chars().skip(indent - 2).take(2).eq("- ".chars())
    };
    // Only block mappings: a `key:` must start at `column`, after spaces or a `- ` marker.
    let key_here: String = here.chars().skip(indent).collect();
    let is_key = key_here
        .split_once(':')
        .is_some_and(|(key, _)| !key.is_empty() && !key.contains([' ', '{', '[', '"', '\'']));
    if !is_key || !(leading(here) == indent || item_marker_at(here)) {
        return None;
    }
    let mut start = line - 1;
    for index in (0..line).rev() {
        let text = lines[index];
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if item_marker_at(text) {
            return Some((index + 1, column));
        }
        match leading(text).cmp(&indent) {
            std::cmp::Ordering::Equal => start = index,
            std::cmp::Ordering::Greater => {}
            std::cmp::Ordering::Less => break,
        }
    }
    Some((start + 1, column))
}

fn to_usize(value: u64) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

fn line_column(text: &str, byte_offset: usize) -> (usize, usize) {
    let before = text.get(..byte_offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |tail| tail.chars().count())
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_error(source: &[u8]) -> Diagnostic {
        *parse_file("spec/x.yaml", source).expect_err("the input is malformed")
    }

    #[test]
    fn misspelled_key_is_located_with_a_hint() {
        let source = b"entity: A\narea: spaces\noperations:\n- name: CreateA\n  kind: create\n  method: POST\n  path: /api/spaces/as\n  summary: Create A\n  role: A-Create\n  fields:\n  - name: X\n    type: string\n    requried: true\n";
        let diagnostic = parse_error(source);
        assert_eq!((diagnostic.line, diagnostic.column), (13, 5));
        assert_eq!(diagnostic.message, "unknown key `requried`");
        assert_eq!(diagnostic.hint.as_deref(), Some("did you mean `required`?"));
    }

    #[test]
    fn a_missing_key_is_reported_where_its_mapping_starts() {
        let source = "entity: A\noperations:\n- name: CreateA\n  kind: create\n  # a comment\n  path: /api/x\n  summary: S\n  role: R\n";
        assert_eq!(mapping_start(source, 8, 3), Some((3, 3)));
        let nested = "envelope:\n  description: d\n  fields: []\n";
        assert_eq!(mapping_start(nested, 3, 3), Some((2, 3)));
        // Flow mappings and positions off any key are left where the parser put them.
        assert_eq!(mapping_start("a: {b: 1}\n", 1, 5), None);
        assert_eq!(mapping_start("a: 1\n", 9, 1), None);
        assert_eq!(mapping_start("", 0, 0), None);
    }

    #[test]
    fn values_are_described_by_kind_and_keys_are_found_in_both_styles() {
        let block = "required: maybe\nlist:\n  - a\nmap: {a: 1}\n";
        assert_eq!(key_at(block, 1, 11).as_deref(), Some("required"));
        assert_eq!(found_at(block, 1, 11), "`maybe`");
        assert_eq!(key_at(block, 3, 3).as_deref(), Some("list"));
        assert_eq!(found_at(block, 3, 3), "a list");
        assert_eq!(found_at(block, 4, 6), "a mapping");
        let flow = "  - {name: X, required: maybe}\n";
        assert_eq!(key_at(flow, 1, 25).as_deref(), Some("required"));
        assert_eq!(found_at(flow, 1, 25), "`maybe`");
        assert_eq!(found_at("a: \n", 1, 4), "nothing");
        assert_eq!(key_at("", 3, 9), None);
    }

    #[test]
    fn windows_line_endings_and_escaped_controls_are_accepted() {
        let (_, spec) = parse_file("spec/x.yaml", b"entity: A\r\narea: spaces\r\n")
            .expect("CRLF line endings are line endings");
        assert_eq!(spec.area.map(|a| a.value).as_deref(), Some("spaces"));
        // Written as escapes, the characters a file may not hold are values like any other.
        let (_, spec) =
            parse_file("spec/x.yaml", b"entity: \"A\\u202E\\e\\rB\"\n").expect("escapes");
        assert_eq!(
            spec.entity.map(|e| e.value).as_deref(),
            Some("A\u{202e}\u{1b}\rB")
        );
    }

    /// The densest YAML there is still spends about a byte on each node, which is why a file
    /// shorter than the node limit skips the count.
    #[test]
    fn no_yaml_has_more_nodes_than_bytes_and_one() {
        for dense in [
            "",
            "a",
            "a:",
            "a:\n",
            "{a,b,c,d}",
            "[{},{},[],[]]",
            "- - - -",
            "-\n-\n-\n",
            "?\n",
            "{? , ? , ? }",
            "[a,b,c]",
            "{a: , b: }",
            "!!null",
            "&a [*a, *a, *a]",
            "--- \n",
        ] {
            let nodes = count_yaml_nodes(dense).unwrap_or_else(|| panic!("{dense:?} scans"));
            assert!(nodes <= dense.len() + 1, "{dense:?}: {nodes} nodes");
        }
    }

    #[test]
    fn a_bad_escape_is_found_after_good_ones_and_across_lines() {
        let source = "a: \"é \\u00e9 \\uD83D\\uDE00 \\\\ \\\"\n  x \\uD83D y \\q\"\n";
        // The lone high surrogate on line 2 (`  x \uD83D`), not the pair on line 1.
        assert_eq!(bad_escape(source, 1, 4), Some((2, 5)));
        assert_eq!(bad_escape("a: \"ok \\x4\"\n", 1, 4), Some((1, 8)));
        assert_eq!(bad_escape("a: \"fine\"\n", 1, 4), None);
        assert_eq!(bad_escape("a: plain\n", 1, 4), None);
        assert_eq!(bad_escape("", 3, 9), None);
    }

    #[test]
    fn empty_and_non_utf8_and_non_mapping_files_are_errors() {
        assert!(parse_error(b"# only a comment\n").message.contains("empty"));
        let not_utf8 = parse_error(b"entity: A\narea: \xff\n");
        assert_eq!(
            (not_utf8.line, not_utf8.message.as_str()),
            (2, "the file is not valid UTF-8")
        );
        assert!(parse_error(b"- a\n- b\n").message.contains("mapping"));
    }

    #[test]
    fn file_order_does_not_depend_on_the_file_system() {
        let dir = std::env::temp_dir().join(format!("nexudus-load-order-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for name in ["b/z.yaml", "a.yaml", "b/a.yaml", "c.txt"] {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().expect("has a parent"))
                .expect("temp dir is writable");
            std::fs::write(path, "entity: X\n").expect("temp dir is writable");
        }
        let paths: Vec<String> = spec_paths(&dir)
            .expect("readable")
            .iter()
            .map(|p| {
                p.strip_prefix(&dir)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(paths, ["a.yaml", "b/a.yaml", "b/z.yaml"]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
