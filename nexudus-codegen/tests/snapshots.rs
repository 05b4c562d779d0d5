//! The generated code of the fixture specs, checked in under `tests/snapshots/` so that a
//! change to what the generator writes for records, query strings, streams, updates from a
//! record, deletes or awkward names is a diff a reviewer reads in the pull request.
//!
//! The fixture tree (`fixture_tree`) holds every operation kind: the importer's specs of the
//! LockerRental and Desk fixture pages (also snapshotted, so an importer change shows too), the
//! odd-names specs and the hand-written `records` spec. After an intended change, rewrite the
//! snapshots and review their diff:
//!
//! ```sh
//! UPDATE_SNAPSHOTS=1 cargo test -p nexudus-codegen --test snapshots
//! ```

mod cases;
mod fixture_tree;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

/// Every file below `dir`, by its path relative to `dir` with `/` separators.
fn read_tree(dir: &Path, prefix: &str, files: &mut BTreeMap<String, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let name = format!("{prefix}{}", path.file_name().unwrap().to_string_lossy());
        if path.is_dir() {
            read_tree(&path, &format!("{name}/"), files);
        } else {
            files.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// What the snapshots should hold now: every generated file of the client's crates (the
/// client's own modules, the core's enums, each area's crate), by its path inside
/// `nexudus-generated/`, and the imported specs.
fn current() -> BTreeMap<String, String> {
    let specs = Path::new(env!("CARGO_TARGET_TMPDIR")).join("snapshot-specs");
    let _ = std::fs::remove_dir_all(&specs);
    fixture_tree::write(&specs);
    let generated =
        nexudus_codegen::generate(&specs).unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    let mut files: BTreeMap<String, String> = generated
        .files
        .into_iter()
        .filter_map(|(path, text)| {
            let inside = path.strip_prefix("nexudus-generated/")?;
            Some((format!("generated/{inside}"), text))
        })
        .collect();
    for imported in ["billing/lockerrentals.yaml", "spaces/desks.yaml"] {
        files.insert(
            format!("imported-spec/{imported}"),
            std::fs::read_to_string(specs.join(imported)).unwrap(),
        );
    }
    files
}

#[test]
fn generated_code_of_the_fixture_specs_matches_the_snapshots() {
    let current = current();
    let dir = snapshot_dir();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|value| value == "1") {
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in &current {
            let target = dir.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, text).unwrap();
        }
        return;
    }
    let mut checked_in = BTreeMap::new();
    read_tree(&dir, "", &mut checked_in);
    let mut report = String::new();
    for (path, text) in &current {
        match checked_in.get(path) {
            None => report.push_str(&format!("new file, not checked in: {path}\n")),
            Some(old) if old != text => {
                let diff = similar::TextDiff::from_lines(old.as_str(), text.as_str());
                report.push_str(
                    &diff
                        .unified_diff()
                        .context_radius(3)
                        .header(&format!("a/{path}"), &format!("b/{path}"))
                        .to_string(),
                );
            }
            Some(_) => {}
        }
    }
    for path in checked_in
        .keys()
        .filter(|path| !current.contains_key(*path))
    {
        report.push_str(&format!("checked in, no longer generated: {path}\n"));
    }
    assert!(
        report.is_empty(),
        "the generated code differs from tests/snapshots/ (after an intended change, run \
         `UPDATE_SNAPSHOTS=1 cargo test -p nexudus-codegen --test snapshots` and review the \
         diff):\n{report}"
    );
}
