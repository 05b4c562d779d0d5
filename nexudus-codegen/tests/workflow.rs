//! The maintainer workflows as library calls: an import on a copy of `spec/` reports per page,
//! writes only when the staged tree generates, and counts what it read; a codegen run writes,
//! then finds nothing stale, then finds the file a hand edit made stale.

mod cases;

use std::path::{Path, PathBuf};

use nexudus_codegen::{
    Change, CodegenMode as Mode, CodegenRequest as Request, Impact, ImportCounts as Counts,
    PageText,
};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nexudus-workflow-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn page(name: &str) -> PageText {
    let path = workspace()
        .join("nexudus-codegen/tests/fixtures/pages")
        .join(name);
    PageText::new(name, std::fs::read_to_string(path).unwrap())
}

#[test]
fn an_import_reports_each_page_writes_the_spec_and_counts_what_it_read() {
    let specs = scratch("import");
    cases::copy_tree(&workspace().join("spec"), &specs);
    let pages = [
        page("get-spaces-desks.txt"),
        page("get-spaces-desks-by-id.txt"),
        page("delete-spaces-desks-by-id.txt"),
        page("get-spaces-desks-batch.txt"),
    ];
    let outcome = nexudus_codegen::import_pages(&specs, &pages).unwrap();
    let written = std::fs::read_to_string(specs.join("spaces/desks.yaml")).unwrap();
    let _ = std::fs::remove_dir_all(&specs);

    assert_eq!(outcome.written, [PathBuf::from("spaces/desks.yaml")]);
    assert_eq!(outcome.pages.len(), 4);
    assert_eq!(
        outcome.pages[3].spec_file, None,
        "a batch page imports nothing"
    );
    assert!(outcome.pages[3].warnings.iter().any(|w| w.line == 10));
    assert_eq!(
        outcome.counts,
        Counts {
            operations: 3,
            fields: 18,
            enum_values: 3
        }
    );
    let changes = outcome.api_changes.unwrap();
    assert!(
        changes.iter().all(|c| c.impact == Impact::Compatible),
        "{changes:?}"
    );
    assert!(
        changes
            .iter()
            .any(|c| c.description.starts_with("operation `ListDesks` added")),
        "{changes:?}"
    );
    assert!(written.contains("- name: ListDesks\n"));
}

#[test]
fn an_import_whose_page_cannot_be_placed_names_it_and_writes_nothing() {
    let specs = scratch("unplaced");
    cases::copy_tree(&workspace().join("spec"), &specs);
    let pages = [
        page("get-spaces-desks-by-id.txt"),
        PageText::new("odd-page.txt", "Some text\nthat is not\na Nexudus page\n"),
    ];
    let failure = nexudus_codegen::import_pages(&specs, &pages).unwrap_err();
    let exists = specs.join("spaces/desks.yaml").exists();
    let _ = std::fs::remove_dir_all(&specs);
    assert_eq!(failure.page, Some(1));
    assert_eq!(
        failure.message,
        "cannot tell the entity, area or path of this page"
    );
    assert_eq!(failure.pages.len(), 2);
    assert!(!exists, "the good page before it is not written either");
}

#[test]
fn codegen_writes_then_finds_nothing_stale_then_finds_a_hand_edit() {
    let root = scratch("codegen");
    cases::copy_tree(&workspace().join("spec"), &root.join("spec"));
    std::fs::create_dir_all(root.join("nexudus-generated")).unwrap();
    std::fs::copy(
        workspace().join("nexudus-generated/Cargo.toml"),
        root.join("nexudus-generated/Cargo.toml"),
    )
    .unwrap();
    let run = |mode| {
        nexudus_codegen::codegen(&Request {
            root: &root,
            mode,
            only: None,
        })
        .unwrap()
    };
    let written = run(Mode::Write);
    // The spec tree came with its schema and OpenAPI document; the crate's files are new.
    assert!(
        written
            .changes
            .iter()
            .any(|c| matches!(c, Change::Added { path } if path.ends_with("generated/enums.rs"))),
        "{:?}",
        written.changes
    );
    assert!(
        written
            .changes
            .iter()
            .all(|c| matches!(c, Change::Added { .. }))
    );
    assert!(run(Mode::Check).changes.is_empty());
    let enums = root.join("nexudus-generated/src/generated/enums.rs");
    std::fs::write(&enums, "// edited by hand\n").unwrap();
    let stale = run(Mode::Check);
    let _ = std::fs::remove_dir_all(&root);
    assert!(
        matches!(&stale.changes[..], [Change::Modified { path, .. }] if path.ends_with("enums.rs")),
        "{:?}",
        stale.changes
    );
}
