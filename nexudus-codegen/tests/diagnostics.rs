//! Every kind of spec mistake gets a located, rustc-style diagnostic (file:line:col, the YAML
//! line, a marker under the spot, the message, a hint where one helps), all problems of a run
//! together; odd but valid names are not mistakes. Each test adds freshly written files to a
//! copy of the real `spec/` tree and compares the whole rendered output.

mod cases;
mod support;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use cases::{HEADER, with_fields};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fresh copy of the real spec tree plus `files` (relative path, bytes).
fn spec_tree(files: &[(&str, Vec<u8>)]) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "nexudus-diagnostics-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    cases::copy_tree(&workspace().join("spec"), &dir);
    for (path, bytes) in files {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    dir
}

fn generate(files: &[(&str, Vec<u8>)]) -> Result<nexudus_codegen::Generated, String> {
    let dir = spec_tree(files);
    let result = nexudus_codegen::generate(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    result.map_err(|diagnostics| {
        assert!(diagnostics.has_errors(), "a failure without an error");
        diagnostics.to_string()
    })
}

/// Runs one case and compares the whole rendered output.
fn check(name: &str) {
    let case = cases::case(name);
    match generate(&case.files) {
        Ok(_) => panic!("case {name}: the specs should have been rejected"),
        Err(rendered) => assert_eq!(
            rendered, case.expected,
            "case {name}: the diagnostics differ.\n--- got:\n{rendered}\n--- expected:\n{}",
            case.expected
        ),
    }
}

macro_rules! kinds {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check(stringify!($name));
            }
        )*

        #[test]
        fn every_case_has_its_test() {
            let tested = [$(stringify!($name)),*];
            for case in cases::all() {
                assert!(tested.contains(&case.name), "case {} has no test", case.name);
            }
        }
    };
}

kinds!(
    yaml_syntax,
    unknown_key,
    missing_key,
    wrong_kind,
    unknown_field_type,
    unknown_enum,
    duplicate_json_name,
    rust_name_collision,
    same_rust_operation,
    same_rust_enum,
    empty_enum,
    repeated_enum_value,
    repeated_enum_name,
    bad_string_enum,
    enum_value_out_of_range,
    bad_method,
    bad_path,
    update_without_id,
    empty_file,
    non_utf8_file,
    not_a_mapping,
    all_files_together,
    cascade_from_an_unreadable_file,
    get_path_without_id,
    body_on_a_get,
    list_parameter_is_a_list,
    method_does_not_match_kind,
    broken_envelope_is_reported_once,
    areas_that_clash,
    file_stems_that_clash,
    names_the_runtime_uses,
    no_false_unknown_enum_after_an_invalid_one,
    envelope_the_client_cannot_read,
    second_envelope,
    empty_entity,
    defaults_of_the_wrong_kind,
    update_id_not_an_integer,
    alias_bomb,
    control_characters_are_escaped,
    refused_characters_point_at_the_character,
    too_many_yaml_nodes,
    operations_without_an_entity,
    envelope_file_without_the_envelope,
    client_methods_of_the_runtime_and_of_streams,
);

#[test]
fn a_missing_schema_line_is_a_warning_naming_the_file_and_the_line_to_add() {
    let spec = with_fields("  - name: Notes\n    type: string\n").replace(HEADER, "");
    let generated = generate(&[("spaces/things.yaml", spec.into_bytes())])
        .unwrap_or_else(|errors| panic!("a warning does not stop generation:\n{errors}"));
    assert_eq!(
        generated.warnings.to_string(),
        "warning: the file does not name the spec schema, so editors cannot check it
 --> spec/spaces/things.yaml:1:1
  |
1 | entity: Thing
  | ^
  = help: add `# yaml-language-server: $schema=../nexudus-spec.schema.json` as the first line

"
    );
    assert!(!generated.warnings.has_errors());
}

#[test]
fn a_schema_line_naming_the_wrong_path_is_a_warning() {
    let spec = with_fields("  - name: Notes\n    type: string\n").replace(
        HEADER,
        "# yaml-language-server: $schema=../../nexudus-spec.schema.json\n",
    );
    let generated = generate(&[("spaces/things.yaml", spec.into_bytes())])
        .unwrap_or_else(|errors| panic!("a warning does not stop generation:\n{errors}"));
    assert_eq!(
        generated.warnings.to_string(),
        "warning: `../../nexudus-spec.schema.json` is not the spec schema as seen from this file
 --> spec/spaces/things.yaml:1:33
  |
1 | # yaml-language-server: $schema=../../nexudus-spec.schema.json
  |                                 ^
  = help: write `# yaml-language-server: $schema=../nexudus-spec.schema.json`

"
    );
}

#[test]
fn the_checked_in_specs_have_no_warnings() {
    let generated = generate(&[]).unwrap_or_else(|errors| panic!("{errors}"));
    assert_eq!(generated.warnings.to_string(), "");
}

/// The example in docs/maintainers.md's "When a spec is wrong" is what a maintainer really sees.
#[test]
fn the_readme_shows_a_real_diagnostic() {
    let readme = std::fs::read_to_string(workspace().join("docs/maintainers.md")).unwrap();
    let section = readme
        .split("### When a spec is wrong")
        .nth(1)
        .expect("the maintainer guide has the section");
    let shown = section
        .split("```\n$ cargo xtask codegen\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the section shows a run");
    let notes = std::fs::read_to_string(workspace().join("spec/spaces/coworkernotes.yaml"))
        .unwrap()
        .replacen("    required: true\n", "    requried: true\n", 1);
    let coworkers = std::fs::read_to_string(workspace().join("spec/spaces/coworkers.yaml"))
        .unwrap()
        .replacen("    enum: eGender\n", "    enum: eGendr\n", 1);
    let rendered = generate(&[
        ("spaces/coworkernotes.yaml", notes.into_bytes()),
        ("spaces/coworkers.yaml", coworkers.into_bytes()),
    ])
    .err()
    .expect("the example specs are broken");
    assert_eq!(format!("{shown}\n"), rendered);
}

#[test]
fn keywords_and_odd_json_names_generate_valid_rust_with_the_exact_names() {
    // `self` and `Self` would be the same Rust field, so they go to two operations.
    let names = [
        "type", "self", "crate", "async", "match", "3DSecure", "Größe", "super", "_private",
        "build", "new", "a-b", "é",
    ];
    let fields: String = names
        .iter()
        .map(|name| format!("  - name: \"{name}\"\n    type: string\n"))
        .collect();
    let spec = with_fields(&fields);
    let other = with_fields("  - name: Self\n    type: integer\n")
        .replace("Thing", "Gadget")
        .replace("things", "gadgets");
    let generated = generate(&[
        ("spaces/things.yaml", spec.into_bytes()),
        ("spaces/gadgets.yaml", other.into_bytes()),
    ])
    .unwrap_or_else(|errors| panic!("odd names are not errors:\n{errors}"));
    for (file, request, documented) in [
        ("spaces/src/things.rs", "CreateThing", &names[..]),
        ("spaces/src/gadgets.rs", "CreateGadget", &["Self"][..]),
    ] {
        let code = generated
            .files
            .iter()
            .find(|(path, _)| path.ends_with(file))
            .map(|(_, code)| code.clone())
            .expect("the entity's module is generated");
        // The names serde really uses: `rename`, else `rename_all` applied to the identifier.
        let structs = support::struct_json_names(&code);
        let (_, serialized) = structs
            .iter()
            .find(|(name, _)| name == request)
            .expect("the request struct is generated");
        assert_eq!(serialized, documented, "{code}");
    }
}

/// Without `spec/envelope.yaml` the error names the file that is missing, where it must be.
#[test]
fn a_missing_envelope_names_the_file_it_belongs_in() {
    let dir = spec_tree(&[]);
    std::fs::remove_file(dir.join("envelope.yaml")).unwrap();
    let rendered = nexudus_codegen::generate(&dir)
        .err()
        .expect("no envelope is an error")
        .to_string();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        rendered,
        "error: the response envelope is missing: spec/envelope.yaml does not exist, and no other spec file defines `envelope:`
 --> spec/envelope.yaml
  = help: spec/envelope.yaml describes, once, the JSON envelope every operation answers with (`envelope:` with its `fields:` and `error_fields:`); restore it from the repository

error: the specs have 1 problem; nothing was written
"
    );
}

#[test]
fn a_byte_order_mark_is_not_content() {
    let spec = format!(
        "\u{feff}{}",
        with_fields("  - name: Notes\n    type: string\n")
    );
    let generated = generate(&[("spaces/things.yaml", spec.into_bytes())])
        .unwrap_or_else(|errors| panic!("a BOM is accepted:\n{errors}"));
    assert_eq!(generated.warnings.to_string(), "");
}

/// A FIFO would block the read forever, `/dev/zero` would never end, and a link back up the
/// tree would be read again and again: each is one located error, promptly.
#[cfg(unix)]
#[test]
fn only_regular_files_are_read_and_link_loops_are_named() {
    let dir = spec_tree(&[]);
    let fifo = dir.join("spaces/pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|status| status.success()), "mkfifo works");
    std::os::unix::fs::symlink("/dev/zero", dir.join("spaces/zero.yaml")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("spaces/loop")).unwrap();
    let rendered = nexudus_codegen::generate(&dir)
        .err()
        .expect("the odd files are errors")
        .to_string();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        rendered.contains("error: a symbolic link loop: this leads back to")
            && rendered.contains(" --> spec/spaces/loop\n"),
        "{rendered}"
    );
    for file in ["pipe.yaml", "zero.yaml"] {
        assert!(
            rendered.contains(&format!(
                "error: cannot read the file: it is not a regular file (a FIFO, a device or a socket); only regular files are read\n --> spec/spaces/{file}\n"
            )),
            "{rendered}"
        );
    }
    assert!(rendered.contains("the specs have 3 problems"), "{rendered}");
}

/// The module names the client crate's root holds: its `mod`s, the modules and crates it
/// `use`s (a `use` leaf is a module when the crate, its runtime or its core has a source file
/// of its name; functions live in another namespace), and the crates it depends on, as
/// lower-case words.
fn crate_root_names() -> Vec<String> {
    fn leaves(tree: &syn::UseTree, first: bool, out: &mut Vec<(String, bool)>) {
        match tree {
            syn::UseTree::Path(path) => {
                if first {
                    out.push((path.ident.to_string(), true));
                }
                leaves(&path.tree, false, out);
            }
            syn::UseTree::Name(name) => out.push((name.ident.to_string(), first)),
            syn::UseTree::Rename(rename) => out.push((rename.rename.to_string(), first)),
            syn::UseTree::Group(group) => {
                group.items.iter().for_each(|item| leaves(item, first, out))
            }
            syn::UseTree::Glob(_) => {}
        }
    }
    let root = workspace().join("nexudus-generated");
    let lib = syn::parse_file(&std::fs::read_to_string(root.join("src/lib.rs")).unwrap()).unwrap();
    let is_module_file = |name: &str| {
        ["src", "runtime/src", "core/src"].iter().any(|dir| {
            root.join(format!("{dir}/{name}.rs")).is_file()
                || root.join(format!("{dir}/{name}/mod.rs")).is_file()
        })
    };
    let mut names = Vec::new();
    for item in &lib.items {
        match item {
            syn::Item::Mod(module) => names.push(module.ident.to_string()),
            syn::Item::Use(used) => {
                let mut found = Vec::new();
                leaves(&used.tree, true, &mut found);
                names.extend(
                    found
                        .into_iter()
                        .filter(|(name, first)| *first || is_module_file(name))
                        .map(|(name, _)| name),
                );
            }
            _ => {}
        }
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap_or_default();
    // The area crates' own lines (the generator's block) name the areas themselves.
    let areas_block = dependencies
        .split("@generated area crates begin")
        .nth(1)
        .and_then(|rest| rest.split("@generated area crates end").next())
        .unwrap_or_default();
    for line in dependencies
        .lines()
        .filter(|line| !areas_block.contains(line))
    {
        if let Some(name) = line.split(['.', ' ', '=']).next().filter(|n| !n.is_empty()) {
            names.push(name.replace('-', "_"));
        }
    }
    names.retain(|name| {
        name.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !matches!(name.as_str(), "self" | "super" | "crate")
    });
    names.sort();
    names.dedup();
    names
}

/// An area is a module of the client crate's root: every name the root already holds (a
/// runtime module, a crate it uses) is refused as an area, at its `area:` line, so the list of
/// reserved names cannot fall behind the crate.
#[test]
fn every_name_of_the_crate_root_is_refused_as_an_area() {
    let names = crate_root_names();
    for expected in [
        "mock",
        "nexudus_generated_runtime",
        "futures_core",
        "serde",
        "generated",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    for name in names {
        let spec = with_fields("  - name: Notes\n    type: string\n")
            .replace("area: spaces", &format!("area: {name}"))
            .replace("/api/spaces/", &format!("/api/{name}/"));
        let rendered = generate(&[("spaces/things.yaml", spec.into_bytes())])
            .err()
            .unwrap_or_else(|| panic!("area `{name}` was accepted"));
        assert!(
            rendered.contains(" --> spec/spaces/things.yaml:3:7\n")
                && rendered.contains(&format!("area `{name}`")),
            "{rendered}"
        );
    }
}

/// Spec `spaces/thing{n}s.yaml` of entity `Thing{n}`, whose create operation is `operation`
/// (line 5) and whose one field has the type `ty` (line 13).
fn numbered_thing(n: usize, operation: &str, ty: &str) -> (String, Vec<u8>) {
    let text = format!(
        "{HEADER}entity: Thing{n}\narea: spaces\noperations:\n- name: {operation}\n  kind: create\n  method: POST\n  path: /api/spaces/thing{n}s\n  summary: Create Thing{n}\n  role: Thing{n}-Create\n  fields:\n  - name: Notes\n    type: {ty}\n"
    );
    (format!("spaces/thing{n:02}s.yaml"), text.into_bytes())
}

#[test]
fn the_problems_of_many_files_are_all_reported_in_file_order_whichever_core_found_them() {
    // Forty files with a problem of their own (checked file by file, on every core) and two
    // that clash with each other (checked across files afterwards).
    let mut files: Vec<(String, Vec<u8>)> = (0..40)
        .map(|n| numbered_thing(n, &format!("CreateThing{n}"), "integr"))
        .collect();
    files.push(numbered_thing(40, "CreateThingTwice", "string"));
    files.push(numbered_thing(41, "CreateThingTwice", "string"));
    let files: Vec<(&str, Vec<u8>)> = files
        .iter()
        .map(|(path, bytes)| (path.as_str(), bytes.clone()))
        .collect();
    let rejected = || match generate(&files) {
        Ok(_) => panic!("the specs have errors"),
        Err(rendered) => rendered,
    };
    let rendered = rejected();
    assert!(
        rendered.ends_with("error: the specs have 41 problems; nothing was written\n"),
        "{rendered}"
    );
    let located: Vec<&str> = rendered
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("--> spec/spaces/"))
        .collect();
    let expected: Vec<String> = (0..40)
        .map(|n| format!("thing{n:02}s.yaml:13:11"))
        .chain(["thing41s.yaml:5:9".to_owned()])
        .collect();
    assert_eq!(located, expected, "{rendered}");
    assert!(
        rendered.contains("which spec/spaces/thing40s.yaml also generates"),
        "{rendered}"
    );
    // The same files give the same report, byte for byte, however the work was shared out.
    assert_eq!(rejected(), rendered);
}
