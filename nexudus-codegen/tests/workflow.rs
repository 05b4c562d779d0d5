//! The maintainer workflows as library calls: an import on a copy of `spec/` reports per page,
//! writes only when the staged tree generates, and counts what it read; a codegen run writes,
//! then finds nothing stale, then finds the file a hand edit made stale.

mod cases;

use std::path::{Path, PathBuf};

use nexudus_codegen::Change;
use nexudus_codegen::report::Impact;
use nexudus_codegen::workflow::codegen::{self, Mode, Request};
use nexudus_codegen::workflow::import::{self, Counts, PageText};

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
    let outcome = import::run(&specs, &pages).unwrap();
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
    let changes = outcome.report.changes;
    assert!(
        changes.iter().all(|c| c.impact == Impact::Compatible),
        "{changes:?}"
    );
    assert!(
        changes.iter().any(|c| c
            .description
            .starts_with("operation `Client::list_desks` with its request `ListDesks`")),
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
    let failure = import::run(&specs, &pages).unwrap_err();
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
        codegen::run(&Request {
            root: &root,
            mode,
            only: None,
            baseline: codegen::Baseline::CheckedIn,
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

/// Two pages documenting one operation differently: the later page wins, and its warning
/// names both pages.
#[test]
fn two_pages_documenting_one_operation_differently_say_which_won() {
    let specs = scratch("conflict");
    cases::copy_tree(&workspace().join("spec"), &specs);
    let first = page("get-spaces-desks-by-id.txt");
    let mut second = first.clone();
    second.file_name = "get-spaces-desks-by-id-newer.txt".to_owned();
    second.text = second.text.replace("Name\nstring\n", "Label\nstring\n");
    assert_ne!(second.text, first.text, "the fixture edit applies");
    let same = PageText::new("get-spaces-desks-by-id-again.txt", first.text.clone());
    let outcome = import::run(&specs, &[first, same, second]).unwrap();
    let written = std::fs::read_to_string(specs.join("spaces/desks.yaml")).unwrap();
    let _ = std::fs::remove_dir_all(&specs);
    assert!(
        outcome.pages[1]
            .warnings
            .iter()
            .all(|w| !w.message.contains("also documented")),
        "the same operation documented the same way is no conflict: {:?}",
        outcome.pages[1].warnings
    );
    let conflict: Vec<&str> = outcome.pages[2]
        .warnings
        .iter()
        .filter(|w| w.line > 0)
        .map(|w| w.message.as_str())
        .filter(|m| m.contains("also documented"))
        .collect();
    assert_eq!(
        conflict,
        [
            "`GetDesk` is also documented, differently, by get-spaces-desks-by-id-again.txt; get-spaces-desks-by-id-newer.txt comes later among the pages given, so its version won and get-spaces-desks-by-id-again.txt's was replaced"
        ]
    );
    assert!(written.contains("- name: Label\n") && !written.contains("- name: Name\n"));
}

/// A codegen run owns the manifest's block of area features: a spec of a new area (billing)
/// generates with no edit by hand, `--check` finds a stale block, and a manifest without the
/// block is refused with the lines to add.
#[test]
fn codegen_writes_the_area_features_of_a_new_area() {
    let root = scratch("new-area");
    cases::copy_tree(&workspace().join("spec"), &root.join("spec"));
    std::fs::create_dir_all(root.join("nexudus-generated")).unwrap();
    let manifest = root.join("nexudus-generated/Cargo.toml");
    // The checked-in specs have a billing area already: take it out, so it is new again.
    std::fs::remove_dir_all(root.join("spec/billing")).unwrap();
    let text = std::fs::read_to_string(workspace().join("nexudus-generated/Cargo.toml")).unwrap();
    std::fs::write(
        &manifest,
        text.replace("\"billing\", ", "")
            .replace("billing = []\n", ""),
    )
    .unwrap();
    let imported = import::run(
        &root.join("spec"),
        &[page("post-billing-lockerrentals.txt")],
    )
    .unwrap();
    assert_eq!(
        imported.written,
        [PathBuf::from("billing/lockerrentals.yaml")]
    );
    let run = |mode| {
        codegen::run(&Request {
            root: &root,
            mode,
            only: None,
            baseline: codegen::Baseline::CheckedIn,
        })
    };
    let stale = run(Mode::Check).unwrap();
    assert!(
        stale
            .changes
            .iter()
            .any(|c| matches!(c, Change::Modified { path, diff }
            if path == "nexudus-generated/Cargo.toml" && diff.contains("+billing = []"))),
        "{:?}",
        stale.changes
    );
    run(Mode::Write).unwrap();
    let written = std::fs::read_to_string(&manifest).unwrap();
    assert!(
        written.contains("all-areas = [\"billing\", \"crm\", \"spaces\"]\n")
            && written.contains("\nbilling = []\n"),
        "{written}"
    );
    assert!(
        written.contains("\nmock = [\"tokio/net\", \"tokio/io-util\"]\n"),
        "the hand-written features are kept: {written}"
    );
    assert!(run(Mode::Check).unwrap().changes.is_empty());

    std::fs::write(&manifest, "[features]\ncrm = []\n").unwrap();
    let refused = run(Mode::Write).unwrap_err();
    let _ = std::fs::remove_dir_all(&root);
    let codegen::Failure::Workspace(diagnostic) = refused else {
        panic!("{refused}");
    };
    // Located at the `[features]` line the block must go under, with the lines to add.
    assert_eq!(
        (diagnostic.file.as_str(), diagnostic.line),
        ("nexudus-generated/Cargo.toml", 1),
        "{diagnostic}"
    );
    let shown = diagnostic.to_string();
    assert!(
        shown.contains(" --> nexudus-generated/Cargo.toml:1:1\n")
            && shown.contains("# @generated areas begin"),
        "{shown}"
    );
}
