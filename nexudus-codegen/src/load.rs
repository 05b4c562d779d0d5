//! Step 1: read every YAML file under `spec/` into the syntax types of [`crate::spec`].

use std::path::{Path, PathBuf};

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

/// Every `.yaml` file below `spec_dir`, sorted by relative path so the result never depends
/// on the order the file system lists directories in.
pub fn spec_paths(spec_dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![spec_dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .is_some_and(|ext| ext == "yaml" || ext == "yml")
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// What loading found: the files that parsed, and every problem of every file.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The files that parsed, in path order.
    pub files: Vec<LoadedFile>,
    /// Errors of the files that did not parse, and warnings of those that did.
    pub diagnostics: Diagnostics,
}

/// The first line every spec file carries, so editors validate and complete it against the
/// JSON Schema of the format.
pub const SCHEMA_LINE_PREFIX: &str = "# yaml-language-server: $schema=";

/// Reads and parses every spec file under `spec_dir`, going on after a bad file so that one
/// run reports the problems of all of them. `display_root` prefixes the paths shown in
/// diagnostics (normally `spec`).
pub fn load_dir(spec_dir: &Path, display_root: &str) -> Loaded {
    let mut loaded = Loaded::default();
    let paths = match spec_paths(spec_dir) {
        Ok(paths) => paths,
        Err(error) => {
            loaded.diagnostics.push(Diagnostic::error(
                display_root,
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
    for path in paths {
        let relative = path
            .strip_prefix(spec_dir)
            .unwrap_or(&path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let display = format!("{display_root}/{relative}");
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                loaded.diagnostics.push(Diagnostic::error(
                    &display,
                    "",
                    0,
                    0,
                    format!("cannot read the file: {error}"),
                ));
                continue;
            }
        };
        match parse_file(&display, &bytes) {
            Ok((source, spec)) => {
                if !source
                    .lines()
                    .any(|line| line.starts_with(SCHEMA_LINE_PREFIX))
                {
                    let depth = relative.matches('/').count();
                    let schema = format!("{}nexudus-spec.schema.json", "../".repeat(depth));
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
            Err(diagnostic) => loaded.diagnostics.push(*diagnostic),
        }
    }
    loaded
}

/// Parses one spec file's bytes; any problem becomes a located diagnostic, never a panic.
pub fn parse_file(display_path: &str, bytes: &[u8]) -> Result<(String, SpecFile), Box<Diagnostic>> {
    let source = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(error) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let (line, column) = line_column(&text, error.valid_up_to());
            return Err(Box::new(Diagnostic::error(
                display_path,
                &text,
                line,
                column,
                "the file is not valid UTF-8",
            )));
        }
    };
    if source.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#')
    }) {
        return Err(Box::new(
            Diagnostic::error(display_path, &source, 0, 0, "the spec file is empty").with_hint(
                "a spec file is a mapping with `entity`, `area` and `operations` (see README)",
            ),
        ));
    }
    match serde_saphyr::from_str::<SpecFile>(&source) {
        Ok(spec) => Ok((source, spec)),
        Err(error) => Err(Box::new(yaml_error(display_path, &source, &error))),
    }
}

fn yaml_error(display_path: &str, source: &str, error: &serde_saphyr::Error) -> Diagnostic {
    let (line, column) = error
        .location()
        .map(|location| (to_usize(location.line()), to_usize(location.column())))
        .unwrap_or((0, 0));
    let full = error.without_snippet().to_string();
    // The library appends the position in prose; ours is printed in the `-->` line already.
    let message = match full.rfind(" at line ") {
        Some(cut) => full[..cut].to_owned(),
        None => full,
    };
    let message = match message.as_str() {
        "expected mapping start" => {
            "a spec file must be a YAML mapping (`key: value` lines) at the top level".to_owned()
        }
        _ => message,
    };
    let hint = unknown_key_hint(&message);
    let diagnostic = Diagnostic::error(display_path, source, line, column, message);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// serde words an unknown key as "unknown field `x`, expected one of a, b"; turn it into a
/// suggestion when the key looks like a typo of one the format knows.
fn unknown_key_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (wrong, rest) = rest.split_once('`')?;
    let expected = rest
        .split_once("expected one of ")
        .map(|(_, list)| list)
        .or_else(|| rest.split_once("expected ").map(|(_, one)| one))?;
    let known: Vec<&str> = expected
        .split(',')
        .map(|key| key.trim().trim_matches('`'))
        .collect();
    closest(wrong, known.iter().copied()).map(|key| format!("did you mean `{key}`?"))
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
        assert!(
            diagnostic.message.contains("unknown field `requried`"),
            "{}",
            diagnostic.message
        );
        assert_eq!(diagnostic.hint.as_deref(), Some("did you mean `required`?"));
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
