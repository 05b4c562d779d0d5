//! Step 5: compare the generated files with what is on disk, and write them.
//!
//! Writing is all or nothing for the whole tree (every file written aside first, the old
//! ones restored if a replacement fails) and only ever replaces or removes files that carry
//! the `@generated` preamble, so hand-written files are safe.

use std::fmt;
use std::path::{Path, PathBuf};

use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use similar::TextDiff;

use crate::emit::output::{Files, GENERATED_DIRS, MARKER};

/// How one generated file differs from the checked-in one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The specs give a file that is not on disk.
    Added {
        /// Path relative to the workspace root.
        path: String,
    },
    /// The file on disk differs; `diff` is a unified diff from disk to generated.
    Modified {
        /// Path relative to the workspace root.
        path: String,
        /// Unified diff, checked-in → generated.
        diff: String,
    },
    /// A generated file on disk that no spec gives any more.
    Removed {
        /// Path relative to the workspace root.
        path: String,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Added { path } => writeln!(f, "added   {path}"),
            Self::Modified { path, .. } => writeln!(f, "changed {path}"),
            Self::Removed { path } => writeln!(f, "removed {path}"),
        }
    }
}

/// Every difference between `files` and the workspace at `root`, in path order.
/// `find_stale`: also report generated files on disk that `files` does not contain (off when
/// `files` is deliberately a subset).
pub fn compare(root: &Path, files: &Files, find_stale: bool) -> std::io::Result<Vec<Change>> {
    // Reading and comparing a thousand files is independent work: on every core.
    let compared: Vec<std::io::Result<Option<Change>>> = files
        .par_iter()
        .map(
            |(path, generated)| match std::fs::read_to_string(root.join(path)) {
                Ok(on_disk) if on_disk == *generated => Ok(None),
                Ok(on_disk) => Ok(Some(Change::Modified {
                    path: path.clone(),
                    diff: unified_diff(path, &on_disk, generated),
                })),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                    Ok(Some(Change::Added { path: path.clone() }))
                }
                Err(error) => Err(named(path, error)),
            },
        )
        .collect();
    let mut changes = Vec::new();
    for change in compared {
        changes.extend(change?);
    }
    let on_disk = if find_stale {
        generated_on_disk(root)?
    } else {
        Vec::new()
    };
    for path in on_disk {
        if !files.contains_key(&path) {
            changes.push(Change::Removed { path });
        }
    }
    changes.sort_by(|a, b| change_path(a).cmp(change_path(b)));
    Ok(changes)
}

/// Writes `files` into the workspace and (with `remove_stale`) removes generated files no
/// spec gives any more. Returns what changed.
///
/// All or nothing: every file is first written beside its target (`.codegen-tmp`), then each
/// target is moved aside (`.codegen-old`) and replaced; if any step fails, the files already
/// replaced or removed are put back, so the tree is the old one, and the error names the file.
/// A file whose new text carries the `@generated` line only replaces a file that carries it
/// too, and only such files are removed: hand-written files are never touched.
pub fn write(root: &Path, files: &Files, remove_stale: bool) -> std::io::Result<Vec<Change>> {
    let changes = compare(root, files, remove_stale)?;
    for change in &changes {
        if let Change::Modified { path, .. } = change
            && files[path].contains(MARKER)
            && !is_generated(&root.join(path))
        {
            return Err(std::io::Error::other(format!(
                "{path} has no `{MARKER}` line, so it may be written by hand; nothing was written (move it away, or add the line if it is generated)"
            )));
        }
    }
    // The files are written aside on every core; the replacing below stays in order.
    let written: Vec<std::io::Result<Option<(PathBuf, PathBuf, bool)>>> = changes
        .par_iter()
        .map(|change| {
            let (path, existed) = match change {
                Change::Added { path } => (path, false),
                Change::Modified { path, .. } => (path, true),
                Change::Removed { .. } => return Ok(None),
            };
            let target = root.join(path);
            let aside = with_suffix(&target, ".codegen-tmp");
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|error| named(path, error))?;
            }
            std::fs::write(&aside, &files[path]).map_err(|error| named(path, error))?;
            Ok(Some((aside, target, existed)))
        })
        .collect();
    let mut staged: Vec<(PathBuf, PathBuf, bool)> = Vec::new();
    let mut first_error = None;
    for result in written {
        match result {
            Ok(file) => staged.extend(file),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    if let Some(error) = first_error {
        for (aside, _, _) in &staged {
            let _ = std::fs::remove_file(aside);
        }
        return Err(error);
    }
    // (target, its old text moved aside if it had one, whether a new file is in its place)
    let mut done: Vec<(PathBuf, Option<PathBuf>, bool)> = Vec::new();
    let replacing = (|| -> std::io::Result<()> {
        for (aside, target, existed) in &staged {
            let shown = shown_path(root, target);
            let backup = if *existed {
                let backup = with_suffix(target, ".codegen-old");
                std::fs::rename(target, &backup).map_err(|error| named(&shown, error))?;
                Some(backup)
            } else {
                None
            };
            done.push((target.clone(), backup, false));
            std::fs::rename(aside, target).map_err(|error| named(&shown, error))?;
            if let Some(last) = done.last_mut() {
                last.2 = true;
            }
        }
        for change in &changes {
            if let Change::Removed { path } = change {
                let target = root.join(path);
                let backup = with_suffix(&target, ".codegen-old");
                std::fs::rename(&target, &backup).map_err(|error| named(path, error))?;
                done.push((target, Some(backup), false));
            }
        }
        Ok(())
    })();
    match replacing {
        Ok(()) => {
            for (_, backup, _) in &done {
                if let Some(backup) = backup {
                    let _ = std::fs::remove_file(backup);
                }
            }
            Ok(changes)
        }
        Err(error) => {
            for (target, backup, replaced) in done.iter().rev() {
                match backup {
                    Some(backup) => {
                        let _ = std::fs::rename(backup, target);
                    }
                    None if *replaced => {
                        let _ = std::fs::remove_file(target);
                    }
                    None => {}
                }
            }
            for (aside, _, _) in &staged {
                let _ = std::fs::remove_file(aside);
            }
            Err(std::io::Error::new(
                error.kind(),
                format!("{error}; the files already replaced were restored"),
            ))
        }
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn shown_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The error with the file it happened to.
fn named(path: &str, error: std::io::Error) -> std::io::Error {
    std::io::Error::new(error.kind(), format!("{path}: {error}"))
}

/// A unified diff, `checked-in` → `generated`, as `git diff` would show it.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(
            &format!("a/{path} (checked in)"),
            &format!("b/{path} (from the specs)"),
        )
        .to_string()
}

fn change_path(change: &Change) -> &str {
    match change {
        Change::Added { path } | Change::Modified { path, .. } | Change::Removed { path } => path,
    }
}

/// Rust files and manifests under the generated directories whose first line carries the
/// marker.
fn generated_on_disk(root: &Path) -> std::io::Result<Vec<String>> {
    let mut found = Vec::new();
    let mut pending: Vec<PathBuf> = GENERATED_DIRS.iter().map(|dir| root.join(dir)).collect();
    while let Some(dir) = pending.pop() {
        let shown = shown_path(root, &dir);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => return Err(named(&shown, error)),
        };
        for entry in entries {
            let path = entry.map_err(|error| named(&shown, error))?.path();
            if path.is_dir() {
                pending.push(path);
            } else if (path.extension().is_some_and(|ext| ext == "rs")
                || path.file_name().is_some_and(|name| name == "Cargo.toml"))
                && is_generated(&path)
            {
                let relative = path.strip_prefix(root).unwrap_or(&path);
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push(parts.join("/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

fn is_generated(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| {
        text.lines()
            .next()
            .is_some_and(|line| line.contains(MARKER))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::output::{AREAS_DIR, GENERATED_DIR};

    fn temp_crate(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("nexudus-drift-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(GENERATED_DIR)).expect("temp dir is writable");
        dir
    }

    fn generated(text: &str) -> String {
        format!("// {MARKER} by test\n{text}")
    }

    #[test]
    fn writes_then_reports_nothing_then_reports_a_diff() {
        let dir = temp_crate("roundtrip");
        let mut files = Files::new();
        files.insert(format!("{GENERATED_DIR}/a.rs"), generated("fn a() {}\n"));
        assert_eq!(write(&dir, &files, true).expect("writable").len(), 1);
        assert!(compare(&dir, &files, true).expect("readable").is_empty());
        files.insert(format!("{GENERATED_DIR}/a.rs"), generated("fn b() {}\n"));
        let changes = compare(&dir, &files, true).expect("readable");
        let [Change::Modified { diff, .. }] = changes.as_slice() else {
            panic!("one modification expected: {changes:?}")
        };
        assert!(diff.contains("-fn a() {}\n+fn b() {}\n"), "{diff}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failure_midway_leaves_the_old_tree_whole_and_names_the_file() {
        let dir = temp_crate("midway");
        let generated_dir = dir.join(GENERATED_DIR);
        let mut files = Files::new();
        for name in ["a.rs", "b.rs", "c.rs"] {
            files.insert(
                format!("{GENERATED_DIR}/{name}"),
                generated("fn old() {}\n"),
            );
        }
        write(&dir, &files, true).expect("writable");
        std::fs::write(generated_dir.join("stale.rs"), generated("")).expect("writable");
        // `b.rs` cannot be moved aside: a directory is where its old text would go.
        std::fs::create_dir_all(generated_dir.join("b.rs.codegen-old/blocker")).expect("writable");
        for text in files.values_mut() {
            *text = generated("fn new() {}\n");
        }
        files.insert(
            format!("{GENERATED_DIR}/d.rs"),
            generated("fn added() {}\n"),
        );
        let error = write(&dir, &files, true).expect_err("b.rs cannot be replaced");
        assert!(error.to_string().contains("b.rs"), "{error}");
        for name in ["a.rs", "b.rs", "c.rs"] {
            let text = std::fs::read_to_string(generated_dir.join(name)).expect("still there");
            assert_eq!(text, generated("fn old() {}\n"), "{name}");
        }
        assert!(generated_dir.join("stale.rs").exists());
        assert!(!generated_dir.join("d.rs").exists());
        let leftovers: Vec<_> = std::fs::read_dir(&generated_dir)
            .expect("readable")
            .map(|entry| {
                entry
                    .expect("readable")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| name.ends_with(".codegen-tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A generated path that cannot be read (here a directory stands where the file goes) is
    /// named in the error of a check.
    #[test]
    fn a_file_that_cannot_be_read_is_named() {
        let dir = temp_crate("unreadable");
        let path = format!("{GENERATED_DIR}/blocked.rs");
        std::fs::create_dir_all(dir.join(&path)).expect("writable");
        let mut files = Files::new();
        files.insert(path.clone(), generated("fn a() {}\n"));
        let error = compare(&dir, &files, false).expect_err("a directory is not a file");
        assert!(
            error.to_string().starts_with(&format!("{path}: ")),
            "{error}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn refuses_to_replace_a_file_without_the_generated_line() {
        let dir = temp_crate("handwritten");
        let path = format!("{GENERATED_DIR}/mine.rs");
        std::fs::write(dir.join(&path), "// written by hand\n").expect("writable");
        let mut files = Files::new();
        files.insert(path.clone(), generated("fn a() {}\n"));
        let error = write(&dir, &files, true).expect_err("a hand-written file");
        assert!(
            error
                .to_string()
                .contains("mine.rs has no `@generated` line"),
            "{error}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join(&path)).expect("still there"),
            "// written by hand\n"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn removes_stale_generated_files_but_never_hand_written_ones() {
        let dir = temp_crate("stale");
        std::fs::write(dir.join(GENERATED_DIR).join("old.rs"), generated("")).expect("writable");
        std::fs::write(
            dir.join(GENERATED_DIR).join("mine.rs"),
            "// written by hand\n",
        )
        .expect("writable");
        let changes = write(&dir, &Files::new(), true).expect("writable");
        assert_eq!(
            changes,
            [Change::Removed {
                path: format!("{GENERATED_DIR}/old.rs")
            }]
        );
        assert!(!dir.join(GENERATED_DIR).join("old.rs").exists());
        assert!(dir.join(GENERATED_DIR).join("mine.rs").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_crate_of_an_area_no_spec_has_any_more_is_removed_whole() {
        let dir = temp_crate("gone-area");
        let area = dir.join(AREAS_DIR).join("hr");
        std::fs::create_dir_all(area.join("src")).expect("writable");
        std::fs::write(area.join("Cargo.toml"), "# @generated by test\n[package]\n")
            .expect("writable");
        std::fs::write(area.join("src/lib.rs"), generated("")).expect("writable");
        std::fs::write(area.join("notes.md"), "kept: not the generator's\n").expect("writable");
        let changes = compare(&dir, &Files::new(), true).expect("readable");
        assert_eq!(
            changes,
            [
                Change::Removed {
                    path: format!("{AREAS_DIR}/hr/Cargo.toml")
                },
                Change::Removed {
                    path: format!("{AREAS_DIR}/hr/src/lib.rs")
                },
            ]
        );
        write(&dir, &Files::new(), true).expect("writable");
        assert!(!area.join("Cargo.toml").exists() && !area.join("src/lib.rs").exists());
        assert!(area.join("notes.md").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
