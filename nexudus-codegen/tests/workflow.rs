//! The maintainer workflows as library calls: an import on a copy of `spec/` reports per page,
//! writes only when the staged tree generates (naming the page whose spec does not validate),
//! and counts what it read; real pages that end before their role take their entity from a
//! spec or another page that states it, and only then; a codegen run writes, then finds
//! nothing stale, then finds the file a hand edit made stale.

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
    std::fs::copy(workspace().join("Cargo.toml"), root.join("Cargo.toml")).unwrap();
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
            .any(|c| matches!(c, Change::Added { path } if path.ends_with("core/src/enums.rs"))),
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
    let enums = root.join("nexudus-generated/core/src/enums.rs");
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
            .replace("billing = [\"dep:nexudus-generated-billing\"]\n", "")
            .replace(" \"nexudus-generated-billing?/deserialize\",", "")
            .replace(
                "nexudus-generated-billing = { path = \"areas/billing\", version = \"=0.1.0\", optional = true }\n",
                "",
            ),
    )
    .unwrap();
    std::fs::copy(workspace().join("Cargo.toml"), root.join("Cargo.toml")).unwrap();
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
            if path == "nexudus-generated/Cargo.toml"
                && diff.contains("+billing = [\"dep:nexudus-generated-billing\"]"))),
        "{:?}",
        stale.changes
    );
    run(Mode::Write).unwrap();
    let written = std::fs::read_to_string(&manifest).unwrap();
    assert!(
        written.contains("all-areas = [\"billing\", \"crm\", \"spaces\"]\n")
            && written.contains("\nbilling = [\"dep:nexudus-generated-billing\"]\n")
            && written.contains("\nnexudus-generated-billing = { path = \"areas/billing\", version = \"=0.1.0\", optional = true }\n"),
        "{written}"
    );
    assert!(
        written.contains("\nmock = [\"tokio/net\", \"tokio/io-util\", \"dep:serde_urlencoded\"]\n"),
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

/// A real page that ends early, from `tests/fixtures/mdx-cut`.
fn cut_page(name: &str) -> PageText {
    let path = workspace()
        .join("nexudus-codegen/tests/fixtures/mdx-cut")
        .join(name);
    PageText::new(name, std::fs::read_to_string(path).unwrap())
}

/// A Markdown page from `tests/fixtures/mdx`.
fn mdx_page(name: &str) -> PageText {
    let path = workspace()
        .join("nexudus-codegen/tests/fixtures/mdx")
        .join(name);
    PageText::new(name, std::fs::read_to_string(path).unwrap())
}

/// `spec/` with the envelope only.
fn envelope_only(name: &str) -> PathBuf {
    let specs = scratch(name);
    std::fs::create_dir_all(&specs).unwrap();
    std::fs::copy(
        workspace().join("spec/envelope.yaml"),
        specs.join("envelope.yaml"),
    )
    .unwrap();
    specs
}

/// The three real notification pages that end before their role.
const ROLELESS: [&str; 3] = [
    "get-spaces-coworkernotifications-by-id.md",
    "get-spaces-coworkernotifications.md",
    "post-spaces-coworkernotifications.md",
];

#[test]
fn an_import_whose_page_gives_an_invalid_spec_names_the_page_and_its_errors() {
    let specs = scratch("invalid");
    cases::copy_tree(&workspace().join("spec"), &specs);
    let before = std::fs::read(specs.join("spaces/coworkers.yaml")).unwrap();
    let pages = [
        page("get-spaces-desks.txt"),
        cut_page("put-spaces-coworkers.md"),
    ];
    let failure = import::run(&specs, &pages).unwrap_err();
    let after = std::fs::read(specs.join("spaces/coworkers.yaml")).unwrap();
    let desks = specs.join("spaces/desks.yaml").exists();
    let _ = std::fs::remove_dir_all(&specs);
    assert_eq!(failure.page, Some(1), "{}", failure.message);
    assert!(
        failure.message.contains("does not validate"),
        "{}",
        failure.message
    );
    let diagnostics = failure.diagnostics.expect("the page's errors").to_string();
    assert!(
        diagnostics.contains("update operation `UpdateCoworker` has no `Id` field"),
        "{diagnostics}"
    );
    assert!(
        diagnostics.contains("spec/spaces/coworkers.yaml:"),
        "{diagnostics}"
    );
    assert!(before == after, "a failed import wrote the spec");
    assert!(!desks, "a failed import writes no page");
}

#[test]
fn a_page_without_its_role_takes_the_entity_another_page_of_the_run_states() {
    let specs = envelope_only("roleless-page");
    let mut pages: Vec<PageText> = ROLELESS.iter().map(|name| cut_page(name)).collect();
    // The update page states its role, `CoworkerNotification-Edit`, and so its entity.
    pages.push(mdx_page("put-spaces-coworkernotifications.md"));
    let outcome = import::run(&specs, &pages).unwrap_or_else(|failure| {
        panic!("{:?}: {}", failure.page, failure.message);
    });
    let written = std::fs::read_to_string(specs.join("spaces/coworkernotifications.yaml")).unwrap();
    let generated = nexudus_codegen::generate(&specs);
    let _ = std::fs::remove_dir_all(&specs);
    assert!(
        written.contains("entity: CoworkerNotification\n"),
        "{written}"
    );
    // The docs of an operation whose role is unknown say so rather than name an empty role.
    let files = generated.map_err(|d| d.to_string()).unwrap().files;
    let code = &files["nexudus-generated/areas/spaces/src/coworkernotifications.rs"];
    assert!(!code.contains("the `` role"), "{code}");
    assert!(
        code.contains(
            "`GET /api/spaces/coworkernotifications`; the role it requires is not documented"
        ),
        "{code}"
    );
    let openapi = &files["spec/openapi.json"];
    assert!(!openapi.contains("the `` role"));
    for operation in [
        "GetCoworkerNotification",
        "ListCoworkerNotifications",
        "CreateCoworkerNotification",
        "UpdateCoworkerNotification",
    ] {
        assert!(
            written.contains(&format!("- name: {operation}\n")),
            "{operation} in\n{written}"
        );
    }
    for (name, outcome) in ROLELESS.iter().zip(&outcome.pages) {
        // Where the role would be: the Authentication note the page ends inside.
        assert!(
            outcome.warnings.iter().any(|w| w.line == 35
                && w.message.contains("names no role")
                && w.message.contains("`CoworkerNotification`")
                && w.message.contains("put-spaces-coworkernotifications.md")),
            "{name}: {:?}",
            outcome.warnings
        );
        assert!(
            written.contains(&format!("{name} ends early (line")),
            "{name}: the spec says the page ends early\n{written}"
        );
    }
    // Nothing invents a role the pages do not name.
    assert!(written.contains("role: CoworkerNotification-Edit\n"));
    assert_eq!(written.matches("role: \"\"\n").count(), 3, "{written}");
}

#[test]
fn a_page_without_its_role_takes_the_entity_of_the_existing_spec_and_keeps_its_roles() {
    let specs = scratch("roleless-spec");
    cases::copy_tree(&workspace().join("spec"), &specs);
    let before = std::fs::read_to_string(specs.join("spaces/coworkernotifications.yaml")).unwrap();
    let pages: Vec<PageText> = ROLELESS.iter().map(|name| cut_page(name)).collect();
    let outcome = import::run(&specs, &pages).unwrap_or_else(|failure| {
        panic!("{:?}: {}", failure.page, failure.message);
    });
    let after = std::fs::read_to_string(specs.join("spaces/coworkernotifications.yaml")).unwrap();
    let _ = std::fs::remove_dir_all(&specs);
    assert!(
        outcome
            .pages
            .iter()
            .all(|page| page.warnings.iter().any(|w| w
                .message
                .contains("the entity spec/spaces/coworkernotifications.yaml states"))),
        "{:?}",
        outcome.pages
    );
    assert_eq!(outcome.report.changes, [], "the pages show nothing new");
    let roles = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("  role: "))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(roles(&after), roles(&before));
    for name in ROLELESS {
        assert!(after.contains(&format!("- {name}\n")), "{after}");
        assert!(
            after.contains(&format!("{name} ends early (line")),
            "{after}"
        );
    }
}

#[test]
fn a_page_without_its_role_whose_entity_nothing_states_is_a_located_error() {
    let specs = envelope_only("roleless-alone");
    let pages = [cut_page("get-spaces-coworkernotifications.md")];
    let failure = import::run(&specs, &pages).unwrap_err();
    let written = specs.join("spaces").exists();
    let _ = std::fs::remove_dir_all(&specs);
    assert_eq!((failure.page, failure.line), (Some(0), Some(35)));
    assert!(
        failure
            .message
            .starts_with("cannot tell the entity: the page names no role")
            && failure
                .message
                .contains("`/api/spaces/coworkernotifications`"),
        "{}",
        failure.message
    );
    assert!(!written);
}

#[test]
fn a_page_without_its_role_is_not_given_one_of_two_entities_other_pages_state() {
    let specs = envelope_only("roleless-ambiguous");
    let update = mdx_page("put-spaces-coworkernotifications.md");
    let other = PageText::new(
        "put-spaces-coworkernotifications.md",
        update
            .text
            .replace("CoworkerNotification-Edit", "PushNotification-Edit"),
    );
    let pages = [
        cut_page("get-spaces-coworkernotifications.md"),
        update,
        other,
    ];
    let failure = import::run(&specs, &pages).unwrap_err();
    let _ = std::fs::remove_dir_all(&specs);
    assert_eq!((failure.page, failure.line), (Some(0), Some(35)));
    assert!(
        failure.message.contains("`CoworkerNotification`")
            && failure.message.contains("`PushNotification`")
            && failure.message.contains("guess"),
        "{}",
        failure.message
    );
}
