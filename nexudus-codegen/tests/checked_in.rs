//! The checked-in `nexudus-generated` code must be exactly what the specs give, so a spec
//! edited without regenerating fails `cargo test` with the diff to apply.

use std::path::{Path, PathBuf};

use nexudus_codegen::{Change, compare_with_disk};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate is inside the workspace")
        .to_path_buf()
}

fn generate(spec_dir: &Path) -> nexudus_codegen::Generated {
    nexudus_codegen::generate(spec_dir)
        .unwrap_or_else(|diagnostics| panic!("the specs have problems:\n{diagnostics}"))
}

#[test]
fn checked_in_code_matches_the_specs() {
    let root = workspace_root();
    let generated = generate(&root.join("spec"));
    let changes =
        compare_with_disk(&root, &generated.files, true).expect("the workspace is readable");
    let report: String = changes
        .iter()
        .map(|change| match change {
            Change::Modified { diff, .. } => diff.clone(),
            other => other.to_string(),
        })
        .collect();
    assert!(
        changes.is_empty(),
        "the generated code is stale; run `cargo xtask codegen` and commit the result:\n{report}"
    );
}

#[test]
fn same_specs_give_the_same_bytes_whatever_the_directory_order() {
    let root = workspace_root();
    let first = generate(&root.join("spec")).files;
    // Copy the specs in reverse order, so a file system that lists by creation order lists
    // them the other way round.
    let copy = std::env::temp_dir().join(format!("nexudus-spec-copy-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    let mut paths =
        nexudus_codegen::testing::spec_paths(&root.join("spec")).expect("spec/ is readable");
    paths.reverse();
    for path in paths {
        let relative = path.strip_prefix(root.join("spec")).expect("inside spec/");
        let target = copy.join(relative);
        std::fs::create_dir_all(target.parent().expect("has a parent")).expect("temp is writable");
        std::fs::copy(&path, &target).expect("temp is writable");
    }
    let second = generate(&copy).files;
    let _ = std::fs::remove_dir_all(&copy);
    assert_eq!(first, second);
}
