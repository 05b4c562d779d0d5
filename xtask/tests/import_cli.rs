//! `cargo xtask import` as a maintainer runs it, on a throwaway copy of `spec/`: what it
//! writes, the warnings located in the pages, the change report and the end-of-run count; and
//! a page it cannot place leaves every spec as it was, with an error at the page's line when
//! the page names no entity.

#[path = "../../nexudus-codegen/tests/cases/mod.rs"]
mod cases;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn page(name: &str) -> PathBuf {
    workspace()
        .join("nexudus-codegen/tests/fixtures/pages")
        .join(name)
}

/// A copy of the checked-in specs in a fresh directory.
fn scratch_specs(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nexudus-import-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    cases::copy_tree(&workspace().join("spec"), &dir);
    dir
}

fn import(spec_dir: &Path, pages: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("import")
        .arg("--spec-dir")
        .arg(spec_dir)
        .args(pages)
        .output()
        .unwrap()
}

#[test]
fn live_site_pages_import_with_located_warnings_a_report_and_a_count() {
    let specs = scratch_specs("desks");
    let pages: Vec<PathBuf> = [
        "get-spaces-desks.txt",
        "get-spaces-desks-by-id.txt",
        "delete-spaces-desks-by-id.txt",
        "get-spaces-desks-batch.txt",
    ]
    .iter()
    .map(|name| page(name))
    .collect();
    let output = import(&specs, &pages);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let written = std::fs::read_to_string(specs.join("spaces/desks.yaml")).unwrap();
    let _ = std::fs::remove_dir_all(&specs);

    assert!(
        stderr.contains(&format!(
            "warning: {}:10: `GET /api/spaces/desks?…` fetches several records by id",
            pages[3].display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "warning: {}:32: an enum table (3 values) that no field refers to was skipped",
            pages[0].display()
        )),
        "{stderr}"
    );
    for line in [
        "API changes (4; compatible):",
        "compatible added   enum `DeskType` (`eDeskType`, 3 values)",
        "compatible added   operation `Client::get_desk` with its request `GetDesk` (GET /api/spaces/desks/{id}, 0 fields, answers `Desk` (7 fields))",
        "compatible added   operation `Client::list_desks` with its request `ListDesks` (GET /api/spaces/desks, 11 fields)",
        "compatible added   operation `Client::delete_desk` with its request `DeleteDesk` (DELETE /api/spaces/desks/{id}, 0 fields)",
        "import: read 3 operation(s), 18 field(s), 3 enum value(s) from 4 page(s)",
    ] {
        assert!(stdout.contains(line), "missing `{line}` in:\n{stdout}");
    }
    assert!(written.starts_with("# yaml-language-server: $schema=../nexudus-spec.schema.json\n"));
    assert!(written.contains("description: A Desk is a bookable workstation on a floor plan.\n"));
}

#[test]
fn a_page_it_cannot_place_exits_non_zero_and_changes_no_spec() {
    let specs = scratch_specs("unplaced");
    let before = std::fs::read_to_string(specs.join("spaces/coworkernotes.yaml")).unwrap();
    let odd = specs.join("odd-page.txt");
    std::fs::write(&odd, "Some text\nthat is not\na Nexudus page\n").unwrap();
    let output = import(&specs, &[page("get-spaces-desks-by-id.txt"), odd.clone()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let exists = specs.join("spaces/desks.yaml").exists();
    let after = std::fs::read_to_string(specs.join("spaces/coworkernotes.yaml")).unwrap();
    let _ = std::fs::remove_dir_all(&specs);
    assert!(!output.status.success());
    assert!(
        stderr.contains(&format!(
            "error: {}: cannot tell the entity, area or path of this page",
            odd.display()
        )),
        "{stderr}"
    );
    assert!(!exists, "the good page before it is not written either");
    assert_eq!(before, after);
}

/// A failed import leaves no staging copy behind in the temporary directory.
#[test]
fn a_failed_import_leaves_nothing_in_the_temp_dir() {
    let specs = scratch_specs("leak");
    let temp = std::env::temp_dir().join(format!("nexudus-import-tmpdir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&temp);
    std::fs::create_dir_all(&temp).unwrap();
    let odd = specs.join("odd-page.txt");
    std::fs::write(&odd, "Some text\nthat is not\na Nexudus page\n").unwrap();
    for pages in [
        vec![page("get-spaces-desks-by-id.txt"), odd.clone()],
        vec![odd.clone()],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("import")
            .arg("--spec-dir")
            .arg(&specs)
            .args(&pages)
            .env("TMPDIR", &temp)
            .output()
            .unwrap();
        assert!(!output.status.success());
    }
    let left: Vec<_> = std::fs::read_dir(&temp).unwrap().collect();
    let _ = std::fs::remove_dir_all(&temp);
    let _ = std::fs::remove_dir_all(&specs);
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn a_page_that_ends_before_its_role_with_nothing_naming_its_entity_is_a_located_error() {
    let specs =
        std::env::temp_dir().join(format!("nexudus-import-roleless-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&specs);
    std::fs::create_dir_all(&specs).unwrap();
    std::fs::copy(
        workspace().join("spec/envelope.yaml"),
        specs.join("envelope.yaml"),
    )
    .unwrap();
    let cut = workspace()
        .join("nexudus-codegen/tests/fixtures/mdx-cut/get-spaces-coworkernotifications.md");
    let output = import(&specs, std::slice::from_ref(&cut));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let written = specs.join("spaces").exists();
    let _ = std::fs::remove_dir_all(&specs);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: {}:35: cannot tell the entity: the page names no role",
            cut.display()
        )),
        "{stderr}"
    );
    assert!(!written);
}
