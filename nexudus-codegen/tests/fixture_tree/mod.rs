//! The spec tree made of our fixtures, shared by the compiled sample (`compile_sample.rs`) and
//! the snapshots of generated code (`snapshots.rs`): the odd-names specs, the specs the
//! importer writes from the fixture pages of every page kind (LockerRental: create, update,
//! get, list, delete; Desk in the live site's shape: search, get, delete), and the hand-written
//! `records` spec (dates, string-valued enums, secrets, update from a record, typed filters).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Our fixture pages of the five page kinds.
pub const LOCKER_RENTAL_PAGES: &[&str] = &[
    "post-billing-lockerrentals.txt",
    "put-billing-lockerrentals.txt",
    "get-billing-lockerrentals-id.txt",
    "get-billing-lockerrentals.txt",
    "delete-billing-lockerrentals-id.txt",
];

/// Our fixture pages in the live site's shape (search, get by id with inline enum values,
/// delete).
pub const DESK_PAGES: &[&str] = &[
    "get-spaces-desks.txt",
    "get-spaces-desks-by-id.txt",
    "delete-spaces-desks-by-id.txt",
];

/// The spec the importer writes from `pages`.
pub fn imported_spec(pages: &[&str]) -> String {
    use nexudus_codegen::testing::{import_page, merge, to_yaml};
    let dir = workspace().join("nexudus-codegen/tests/fixtures/pages");
    let mut spec = None;
    let mut warnings = Vec::new();
    for page in pages {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        let imported = import_page(page, &text);
        spec = Some(merge(spec, imported.spec, &mut warnings).spec);
    }
    to_yaml(&spec.unwrap(), "../nexudus-spec.schema.json")
}

/// Writes the whole fixture tree into `specs` (which must not exist yet or be empty).
pub fn write(specs: &Path) {
    let fixtures = workspace().join("nexudus-codegen/tests/fixtures");
    super::cases::copy_tree(&fixtures.join("odd-names"), specs);
    super::cases::copy_tree(&fixtures.join("records"), specs);
    std::fs::copy(
        workspace().join("spec/envelope.yaml"),
        specs.join("envelope.yaml"),
    )
    .unwrap();
    std::fs::create_dir_all(specs.join("billing")).unwrap();
    std::fs::write(
        specs.join("billing/lockerrentals.yaml"),
        imported_spec(LOCKER_RENTAL_PAGES),
    )
    .unwrap();
    std::fs::write(specs.join("spaces/desks.yaml"), imported_spec(DESK_PAGES)).unwrap();
}
