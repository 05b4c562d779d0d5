//! Every kind of spec mistake gets a located, rustc-style diagnostic; odd but valid names do
//! not. Each test writes a fresh spec tree (the real envelope plus the file under test).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fresh spec directory with the real envelope and `files` (relative path, bytes).
fn spec_tree(files: &[(&str, &[u8])]) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "nexudus-diagnostics-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spaces")).unwrap();
    std::fs::copy(
        workspace().join("spec/envelope.yaml"),
        dir.join("envelope.yaml"),
    )
    .unwrap();
    for (path, bytes) in files {
        std::fs::write(dir.join(path), bytes).unwrap();
    }
    dir
}

/// The rendered diagnostics of a spec tree that must fail.
fn errors_of(files: &[(&str, &[u8])]) -> String {
    let dir = spec_tree(files);
    let result = nexudus_codegen::generate(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    match result {
        Ok(_) => panic!("the specs should have been rejected"),
        Err(diagnostics) => {
            assert!(diagnostics.has_errors());
            diagnostics.to_string()
        }
    }
}

const HEADER: &str = "# yaml-language-server: $schema=../nexudus-spec.schema.json\n";

/// A spec file of one create operation with the given field lines (YAML, indented by 2).
fn with_fields(fields: &str) -> String {
    format!(
        "{HEADER}entity: Thing\narea: spaces\noperations:\n- name: CreateThing\n  kind: create\n  method: POST\n  path: /api/spaces/things\n  summary: Create Thing\n  role: Thing-Create\n  fields:\n{fields}"
    )
}

fn assert_has(rendered: &str, parts: &[&str]) {
    for part in parts {
        assert!(rendered.contains(part), "missing {part:?} in:\n{rendered}");
    }
}

#[test]
fn the_rendering_is_rustc_like() {
    let spec = with_fields("  - name: Notes\n    type: string\n    requried: true\n");
    let rendered = errors_of(&[("spaces/things.yaml", spec.as_bytes())]);
    let expected_start = "error: unknown field `requried`";
    assert!(rendered.starts_with(expected_start), "{rendered}");
    assert_has(
        &rendered,
        &[
            "--> spec/spaces/things.yaml:14:5",
            "14 |     requried: true",
            "   |     ^",
            "= help: did you mean `required`?",
            "error: the specs have 1 problem; nothing was written",
        ],
    );
}

#[test]
fn yaml_syntax_errors_are_located() {
    let spec = format!("{HEADER}entity: Thing\narea: [spaces\noperations: []\n");
    let rendered = errors_of(&[("spaces/things.yaml", spec.as_bytes())]);
    assert_has(&rendered, &["error: ", "--> spec/spaces/things.yaml:"]);
}

#[test]
fn a_missing_key_is_named() {
    let spec = format!(
        "{HEADER}entity: Thing\narea: spaces\noperations:\n- name: CreateThing\n  kind: create\n  path: /api/spaces/things\n  summary: Create Thing\n  role: Thing-Create\n  fields: []\n"
    );
    let rendered = errors_of(&[("spaces/things.yaml", spec.as_bytes())]);
    assert_has(
        &rendered,
        &["missing field `method`", "--> spec/spaces/things.yaml:"],
    );
}

#[test]
fn a_value_of_the_wrong_kind_is_located() {
    let spec = with_fields("  - name: Notes\n    type: string\n    required: maybe\n");
    let rendered = errors_of(&[("spaces/things.yaml", spec.as_bytes())]);
    assert_has(
        &rendered,
        &["--> spec/spaces/things.yaml:14:", "required: maybe"],
    );
}

#[test]
fn an_unknown_field_type_is_named() {
    let spec = with_fields("  - name: Notes\n    type: strnig\n");
    let rendered = errors_of(&[("spaces/things.yaml", spec.as_bytes())]);
    assert_has(
        &rendered,
        &[
            "unknown field type `strnig`",
            "--> spec/spaces/things.yaml:13:11",
            "help: did you mean `string`?",
        ],
    );
}

#[test]
fn an_unknown_enum_reference_suggests_the_closest_enum() {
    let spec = format!(
        "{}enums:\n- name: eGender\n  values:\n  - value: 1\n    name: NotSet\n  - value: 2\n    name: Male\n",
        with_fields("  - name: Gender\n    type: integer\n    enum: eGendr\n")
    );
    let rendered = errors_of(&[("spaces/things.yaml", spec.as_bytes())]);
    assert_has(
        &rendered,
        &[
            "refers to enum `eGendr`, which no spec defines",
            ":14:11",
            "help: did you mean `eGender`?",
        ],
    );
}

#[test]
fn duplicate_json_names_and_case_collisions_are_errors() {
    let spec = with_fields(
        "  - name: Notes\n    type: string\n  - name: Notes\n    type: string\n  - name: StripeACHBankToken\n    type: string\n  - name: StripeAchBankToken\n    type: string\n",
    );
    let rendered = errors_of(&[("spaces/things.yaml", spec.as_bytes())]);
    assert_has(
        &rendered,
        &[
            "operation `CreateThing` has two fields named `Notes` (the other is on line 12)",
            "--> spec/spaces/things.yaml:14:11",
            "fields `StripeACHBankToken` and `StripeAchBankToken` would both be the Rust field `stripe_ach_bank_token`",
            "--> spec/spaces/things.yaml:18:11",
            "error: the specs have 2 problems",
        ],
    );
}

#[test]
fn two_operations_or_enums_making_the_same_rust_item_are_errors_across_files() {
    let first = with_fields("  - name: Notes\n    type: string\n");
    let second = first
        .replace("entity: Thing", "entity: OtherThing")
        .replace("/things", "/otherthings");
    let enums = |file: &str| {
        format!("{HEADER}enums:\n- name: {file}\n  values:\n  - value: 1\n    name: One\n")
    };
    let rendered = errors_of(&[
        ("spaces/things.yaml", first.as_bytes()),
        ("spaces/otherthings.yaml", second.as_bytes()),
        ("enums_a.yaml", enums("eColour").as_bytes()),
        ("enums_b.yaml", enums("Colour").as_bytes()),
    ]);
    assert_has(
        &rendered,
        &[
            "operation `CreateThing` would generate the Rust type `CreateThing`, which spec/spaces/otherthings.yaml also generates",
            "enum `Colour` would be the Rust type `Colour`, which",
        ],
    );
}

#[test]
fn bad_enums_are_errors() {
    let spec = format!(
        "{HEADER}enums:\n- name: eEmpty\n  values: []\n- name: eTwice\n  values:\n  - value: 1\n    name: One\n  - value: 1\n    name: Uno\n  - value: 2\n    name: One\n- name: eSmall\n  repr: u8\n  values:\n  - value: 300\n    name: Big\n  - value: -1\n    name: Negative\n"
    );
    let rendered = errors_of(&[("enums.yaml", spec.as_bytes())]);
    assert_has(
        &rendered,
        &[
            "enum `eEmpty` has no values",
            "enum `eTwice` repeats the value 1 (also `One`)",
            "enum `eTwice` repeats the name `One`",
            "300 does not fit in `u8`, the integer type of enum `eSmall`",
            "-1 does not fit in `u8`",
            "help: set `repr:` to a wider integer type",
        ],
    );
}

#[test]
fn bad_methods_paths_and_updates_without_id_are_errors() {
    let spec = with_fields("  - name: Notes\n    type: string\n")
        .replace("method: POST", "method: FETCH")
        .replace("path: /api/spaces/things", "path: spaces/things");
    let update = format!(
        "{HEADER}entity: Widget\narea: spaces\noperations:\n- name: UpdateWidget\n  kind: update\n  method: PUT\n  path: /api/spaces/widgets\n  summary: Update Widget\n  role: Widget-Edit\n  fields:\n  - name: Name\n    type: string\n"
    );
    let rendered = errors_of(&[
        ("spaces/things.yaml", spec.as_bytes()),
        ("spaces/widgets.yaml", update.as_bytes()),
    ]);
    assert_has(
        &rendered,
        &[
            "`FETCH` is not an HTTP method",
            "path `spaces/things` does not start with `/api/`",
            "update operation `UpdateWidget` has no `Id` field",
            "--> spec/spaces/widgets.yaml:",
        ],
    );
}

#[test]
fn empty_non_utf8_and_non_mapping_files_are_errors_reported_together() {
    let rendered = errors_of(&[
        ("spaces/empty.yaml", b"# nothing here\n"),
        ("spaces/binary.yaml", b"entity: Thing\narea: sp\xffaces\n"),
        ("spaces/list.yaml", b"- entity: Thing\n- area: spaces\n"),
        (
            "spaces/things.yaml",
            with_fields("  - name: Notes\n    type: strnig\n").as_bytes(),
        ),
    ]);
    assert_has(
        &rendered,
        &[
            "the spec file is empty",
            "--> spec/spaces/binary.yaml:2:",
            "the file is not valid UTF-8",
            "must be a YAML mapping",
            "--> spec/spaces/list.yaml:",
            // The valid files are still checked in the same run.
            "unknown field type `strnig`",
            "error: the specs have 4 problems",
        ],
    );
}

#[test]
fn a_missing_schema_line_is_a_warning_naming_the_line_to_add() {
    let spec = with_fields("  - name: Notes\n    type: string\n").replace(HEADER, "");
    let dir = spec_tree(&[("spaces/things.yaml", spec.as_bytes())]);
    let generated = nexudus_codegen::generate(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    let warnings = generated
        .expect("a warning does not stop generation")
        .warnings
        .to_string();
    assert_has(
        &warnings,
        &[
            "warning: the file does not name the spec schema",
            "--> spec/spaces/things.yaml:1:1",
            "help: add `# yaml-language-server: $schema=../nexudus-spec.schema.json` as the first line",
        ],
    );
}

#[test]
fn keywords_and_odd_json_names_generate_valid_rust_with_the_exact_names() {
    // `self` and `Self` would be the same Rust field, so they go to two operations.
    let names = [
        "type", "self", "crate", "async", "match", "3DSecure", "Größe", "super", "_private",
    ];
    let fields: String = names
        .iter()
        .map(|name| format!("  - name: {name}\n    type: string\n"))
        .collect();
    let spec = with_fields(&fields);
    let other = with_fields("  - name: Self\n    type: integer\n")
        .replace("Thing", "Gadget")
        .replace("things", "gadgets");
    let dir = spec_tree(&[
        ("spaces/things.yaml", spec.as_bytes()),
        ("spaces/gadgets.yaml", other.as_bytes()),
    ]);
    let generated = nexudus_codegen::generate(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    let generated = generated.unwrap_or_else(|d| panic!("odd names are not errors:\n{d}"));
    let code = generated
        .files
        .iter()
        .find(|(path, _)| path.ends_with("spaces/things.rs"))
        .map(|(_, code)| code.clone())
        .expect("the entity's module is generated");
    syn::parse_file(&code).expect("the generated code parses");
    // None of these survives `rename_all = "PascalCase"`, so each needs its exact name.
    for name in names {
        let exact = format!("rename = \"{name}\"");
        assert!(
            code.contains(&exact),
            "{name} is not serialized as is:\n{code}"
        );
    }
}
