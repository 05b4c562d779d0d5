//! Step 5: compare the generated files with what is on disk, and write them.
//!
//! Writing is all or nothing per file (written aside, then renamed) and only ever touches
//! files that carry the `@generated` preamble, so hand-written files are safe.

use std::fmt;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::emit::output::{Files, GENERATED_DIR, MARKER};

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
    let mut changes = Vec::new();
    for (path, generated) in files {
        match std::fs::read_to_string(root.join(path)) {
            Ok(on_disk) if on_disk == *generated => {}
            Ok(on_disk) => changes.push(Change::Modified {
                path: path.clone(),
                diff: unified_diff(path, &on_disk, generated),
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                changes.push(Change::Added { path: path.clone() })
            }
            Err(error) => return Err(error),
        }
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
/// spec gives any more.
/// Returns what changed. Every file is first written beside its target, then renamed over
/// it, so an interrupted run never leaves a half-written file.
pub fn write(root: &Path, files: &Files, remove_stale: bool) -> std::io::Result<Vec<Change>> {
    let changes = compare(root, files, remove_stale)?;
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        for change in &changes {
            if let Change::Added { path } | Change::Modified { path, .. } = change {
                let target = root.join(path);
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                let mut aside = target.clone().into_os_string();
                aside.push(".codegen-tmp");
                let aside = PathBuf::from(aside);
                std::fs::write(&aside, &files[path])?;
                staged.push((aside, target));
            }
        }
        for (aside, target) in &staged {
            std::fs::rename(aside, target)?;
        }
        for change in &changes {
            if let Change::Removed { path } = change {
                std::fs::remove_file(root.join(path))?;
            }
        }
        Ok(())
    })();
    if result.is_err() {
        for (aside, _) in &staged {
            let _ = std::fs::remove_file(aside);
        }
    }
    result.map(|()| changes)
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

/// Files under the generated directory whose first line carries the marker.
fn generated_on_disk(root: &Path) -> std::io::Result<Vec<String>> {
    let generated_root = root.join(GENERATED_DIR);
    let mut found = Vec::new();
    let mut pending = vec![generated_root];
    while let Some(dir) = pending.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => return Err(error),
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") && is_generated(&path) {
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
}
