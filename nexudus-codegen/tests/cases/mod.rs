//! Malformed spec files, one set per kind of mistake, with the exact diagnostics a maintainer
//! must see. Each case is added to a fresh copy of the real `spec/` tree, so enums such as
//! `eGender` exist and cross-file clashes meet the real files. Shared by
//! `nexudus-codegen/tests/diagnostics.rs` (the library) and `xtask/tests/codegen_cli.rs` (the
//! real binary, which must also exit non-zero and write nothing).

#![allow(dead_code)]

use std::path::Path;

/// The first line of every spec file one directory below `spec/`.
pub const HEADER: &str = "# yaml-language-server: $schema=../nexudus-spec.schema.json\n";

/// One kind of mistake: files to add below `spec/` and the whole rendered output.
pub struct Case {
    /// Short name, used in test names and messages.
    pub name: &'static str,
    /// Paths relative to `spec/`, with their bytes.
    pub files: Vec<(&'static str, Vec<u8>)>,
    /// Everything the run reports, byte for byte.
    pub expected: &'static str,
}

/// A spec of entity `Thing` (lines 1–11) whose one create operation has `fields` (YAML,
/// indented by 2, starting on line 12).
pub fn with_fields(fields: &str) -> String {
    format!(
        "{HEADER}entity: Thing\narea: spaces\noperations:\n- name: CreateThing\n  kind: create\n  method: POST\n  path: /api/spaces/things\n  summary: Create Thing\n  role: Thing-Create\n  fields:\n{fields}"
    )
}

fn file(path: &'static str, text: impl Into<String>) -> (&'static str, Vec<u8>) {
    (path, text.into().into_bytes())
}

/// Copies the directory tree `from` to `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Writes the case's files below `spec_dir`.
pub fn add_to(case: &Case, spec_dir: &Path) {
    for (path, bytes) in &case.files {
        let target = spec_dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

/// The case named `name`.
pub fn case(name: &str) -> Case {
    all()
        .into_iter()
        .find(|case| case.name == name)
        .unwrap_or_else(|| panic!("no case {name}"))
}

/// Every case.
pub fn all() -> Vec<Case> {
    vec![
        Case {
            name: "yaml_syntax",
            files: vec![file(
                "spaces/things.yaml",
                format!("{HEADER}entity: Thing\narea: spaces: more\noperations: []\n"),
            )],
            expected: r#"error: invalid YAML: mapping values are not allowed in this context
 --> spec/spaces/things.yaml:3:13
  |
3 | area: spaces: more
  |             ^
  = help: quote a value that contains `: `, or check the indentation of this line

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "unknown_key",
            files: vec![file(
                "spaces/things.yaml",
                with_fields("  - name: Notes\n    type: string\n    requried: true\n"),
            )],
            expected: r#"error: unknown key `requried`
  --> spec/spaces/things.yaml:14:5
   |
14 |     requried: true
   |     ^
   = help: did you mean `required`?

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "missing_key",
            files: vec![file(
                "spaces/things.yaml",
                with_fields("  - name: Notes\n    type: string\n").replace("  method: POST\n", ""),
            )],
            expected: r#"error: missing key `method`
 --> spec/spaces/things.yaml:5:3
  |
5 | - name: CreateThing
  |   ^
  = help: add `method:` to this mapping

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "wrong_kind",
            files: vec![
                file(
                    "spaces/things.yaml",
                    with_fields("  - name: Notes\n    type: string\n    required: maybe\n"),
                ),
                file(
                    "spaces/widgets.yaml",
                    format!(
                        "{HEADER}entity: Widget\narea: spaces\noperations:\n  name: CreateWidget\n"
                    ),
                ),
            ],
            expected: r#"error: `required` takes `true` or `false`, not `maybe`
  --> spec/spaces/things.yaml:14:15
   |
14 |     required: maybe
   |               ^

error: `operations` takes a list (`- item` lines), not a mapping
 --> spec/spaces/widgets.yaml:5:3
  |
5 |   name: CreateWidget
  |   ^

error: the specs have 2 problems; nothing was written
"#,
        },
        Case {
            name: "unknown_field_type",
            files: vec![file(
                "spaces/things.yaml",
                with_fields("  - name: Notes\n    type: strnig\n  - name: When\n    type: date\n"),
            )],
            expected: r#"error: unknown field type `strnig`
  --> spec/spaces/things.yaml:13:11
   |
13 |     type: strnig
   |           ^
   = help: did you mean `string`?

error: unknown field type `date`
  --> spec/spaces/things.yaml:15:11
   |
15 |     type: date
   |           ^
   = help: use one of string, integer, number, boolean, integer[], string[], datetime-utc, datetime-local

error: the specs have 2 problems; nothing was written
"#,
        },
        Case {
            name: "unknown_enum",
            files: vec![file(
                "spaces/things.yaml",
                with_fields("  - name: Gender\n    type: integer\n    enum: eGendr\n"),
            )],
            expected: r#"error: field `Gender` refers to enum `eGendr`, which no spec defines
  --> spec/spaces/things.yaml:14:11
   |
14 |     enum: eGendr
   |           ^
   = help: did you mean `eGender`?

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "duplicate_json_name",
            files: vec![file(
                "spaces/things.yaml",
                with_fields(
                    "  - name: Notes\n    type: string\n  - name: Notes\n    type: integer\n",
                ),
            )],
            expected: r#"error: operation `CreateThing` has two fields named `Notes` (the other is on line 12)
  --> spec/spaces/things.yaml:14:11
   |
14 |   - name: Notes
   |           ^

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "rust_name_collision",
            files: vec![file(
                "spaces/things.yaml",
                with_fields(
                    "  - name: StripeACHBankToken\n    type: string\n  - name: StripeAchBankToken\n    type: string\n",
                ),
            )],
            expected: r#"error: fields `StripeACHBankToken` and `StripeAchBankToken` would both be the Rust field `stripe_ach_bank_token`
  --> spec/spaces/things.yaml:14:11
   |
14 |   - name: StripeAchBankToken
   |           ^
   = help: JSON names that differ only in case cannot both be fields of one Rust struct

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "same_rust_operation",
            files: vec![file(
                "spaces/things.yaml",
                format!(
                    "{}- name: create_thing\n  kind: create\n  method: POST\n  path: /api/spaces/things\n  summary: Create Thing again\n  role: Thing-Create\n- name: CreateCoworkerNote\n  kind: create\n  method: POST\n  path: /api/spaces/things\n  summary: Create a note\n  role: Thing-Create\n",
                    with_fields("  - name: Notes\n    type: string\n")
                ),
            )],
            expected: r#"error: operation `create_thing` would generate the Rust type `CreateThing`, which spec/spaces/things.yaml also generates
  --> spec/spaces/things.yaml:14:9
   |
14 | - name: create_thing
   |         ^

error: operation `CreateCoworkerNote` would generate the Rust type `CreateCoworkerNote`, which spec/spaces/coworkernotes.yaml also generates
  --> spec/spaces/things.yaml:20:9
   |
20 | - name: CreateCoworkerNote
   |         ^

error: the specs have 2 problems; nothing was written
"#,
        },
        Case {
            name: "same_rust_enum",
            files: vec![file(
                "spaces/things.yaml",
                format!(
                    "{HEADER}enums:\n- name: Gender\n  values:\n  - {{value: 1, name: One}}\n- name: eColour\n  values:\n  - {{value: 1, name: Red}}\n- name: Colour\n  values:\n  - {{value: 1, name: Blue}}\n"
                ),
            )],
            expected: r#"error: enum `Gender` would be the Rust type `Gender`, which spec/spaces/coworkers.yaml (`eGender`) already defines
 --> spec/spaces/things.yaml:3:9
  |
3 | - name: Gender
  |         ^

error: enum `Colour` would be the Rust type `Colour`, which spec/spaces/things.yaml (`eColour`) already defines
 --> spec/spaces/things.yaml:9:9
  |
9 | - name: Colour
  |         ^

error: the specs have 2 problems; nothing was written
"#,
        },
        Case {
            name: "empty_enum",
            files: vec![file(
                "spaces/things.yaml",
                format!("{HEADER}enums:\n- name: eEmpty\n  values: []\n"),
            )],
            expected: r#"error: enum `eEmpty` has no values
 --> spec/spaces/things.yaml:3:9
  |
3 | - name: eEmpty
  |         ^
  = help: list its documented values under `values:`

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "repeated_enum_value",
            files: vec![file(
                "spaces/things.yaml",
                format!(
                    "{HEADER}enums:\n- name: eTwice\n  values:\n  - value: 1\n    name: One\n  - value: 1\n    name: Uno\n"
                ),
            )],
            expected: r#"error: enum `eTwice` repeats the value 1 (also `One`)
 --> spec/spaces/things.yaml:7:12
  |
7 |   - value: 1
  |            ^

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "bad_string_enum",
            files: vec![file(
                "spaces/things.yaml",
                format!(
                    "{HEADER}string_enums:\n- name: Kind\n  values:\n  - value: blog\n  - value: blog\n  - value: a-b\n  - value: a_b\n"
                ),
            )],
            expected: r#"error: string enum `Kind` repeats the value `blog`
 --> spec/spaces/things.yaml:6:12
  |
6 |   - value: blog
  |            ^

error: string enum `Kind` has `a_b` and `a-b`, which are both the Rust variant `AB`
 --> spec/spaces/things.yaml:8:12
  |
8 |   - value: a_b
  |            ^

error: the specs have 2 problems; nothing was written
"#,
        },
        Case {
            name: "repeated_enum_name",
            files: vec![file(
                "spaces/things.yaml",
                format!(
                    "{HEADER}enums:\n- name: eTwice\n  values:\n  - value: 1\n    name: NotSet\n  - value: 2\n    name: not_set\n"
                ),
            )],
            expected: r#"error: enum `eTwice` repeats the name `not_set` (as Rust variant `NotSet`, also `NotSet`)
 --> spec/spaces/things.yaml:8:11
  |
8 |     name: not_set
  |           ^

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "enum_value_out_of_range",
            files: vec![
                file(
                    "spaces/things.yaml",
                    format!(
                        "{HEADER}enums:\n- name: eSmall\n  repr: u8\n  values:\n  - {{value: 300, name: Big}}\n  - {{value: -1, name: Negative}}\n- name: eDefault\n  values:\n  - {{value: 3000000000, name: Huge}}\n- name: eOdd\n  repr: i33\n  values:\n  - {{value: 1, name: One}}\n"
                    ),
                ),
                file(
                    "spaces/widgets.yaml",
                    format!(
                        "{HEADER}enums:\n- name: eHuge\n  values:\n  - value: 99999999999999999999\n    name: Huge\n"
                    ),
                ),
            ],
            expected: r#"error: 300 does not fit in `u8`, the integer type of enum `eSmall`
 --> spec/spaces/things.yaml:6:13
  |
6 |   - {value: 300, name: Big}
  |             ^
  = help: set `repr:` to a wider integer type

error: -1 does not fit in `u8`, the integer type of enum `eSmall`
 --> spec/spaces/things.yaml:7:13
  |
7 |   - {value: -1, name: Negative}
  |             ^
  = help: set `repr:` to a wider integer type

error: 3000000000 does not fit in `i32`, the integer type of enum `eDefault`
  --> spec/spaces/things.yaml:10:13
   |
10 |   - {value: 3000000000, name: Huge}
   |             ^
   = help: set `repr:` to a wider integer type

error: `i33` is not an integer type
  --> spec/spaces/things.yaml:12:9
   |
12 |   repr: i33
   |         ^
   = help: did you mean `i32`?

error: `value` takes an integer, not `99999999999999999999`
 --> spec/spaces/widgets.yaml:5:12
  |
5 |   - value: 99999999999999999999
  |            ^
  = help: the number does not fit in `i64`

error: the specs have 5 problems; nothing was written
"#,
        },
        Case {
            name: "bad_method",
            files: vec![
                file(
                    "spaces/things.yaml",
                    with_fields("  - name: Notes\n    type: string\n")
                        .replace("method: POST", "method: FETCH"),
                ),
                file(
                    "spaces/widgets.yaml",
                    with_fields("  - name: Notes\n    type: string\n")
                        .replace("Thing", "Widget")
                        .replace("things", "widgets")
                        .replace("method: POST", "method: post"),
                ),
            ],
            expected: r#"error: `FETCH` is not an HTTP method
 --> spec/spaces/things.yaml:7:11
  |
7 |   method: FETCH
  |           ^
  = help: use GET, POST, PUT, DELETE or PATCH

error: `post` is not an HTTP method
 --> spec/spaces/widgets.yaml:7:11
  |
7 |   method: post
  |           ^
  = help: write it in upper case: `POST`

error: the specs have 2 problems; nothing was written
"#,
        },
        Case {
            name: "bad_path",
            files: vec![file(
                "spaces/things.yaml",
                with_fields("  - name: Notes\n    type: string\n")
                    .replace("path: /api/spaces/things", "path: spaces/things"),
            )],
            expected: r#"error: path `spaces/things` does not start with `/api/`
 --> spec/spaces/things.yaml:8:9
  |
8 |   path: spaces/things
  |         ^
  = help: Nexudus paths look like `/api/spaces/{entities}`

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "update_without_id",
            files: vec![file(
                "spaces/things.yaml",
                with_fields("  - name: Notes\n    type: string\n")
                    .replace("CreateThing", "UpdateThing")
                    .replace("kind: create", "kind: update")
                    .replace("method: POST", "method: PUT"),
            )],
            expected: r#"error: update operation `UpdateThing` has no `Id` field
 --> spec/spaces/things.yaml:5:9
  |
5 | - name: UpdateThing
  |         ^
  = help: Nexudus updates name the record to change with a required integer `Id` in the body

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "empty_file",
            files: vec![
                file("spaces/things.yaml", HEADER),
                file("spaces/widgets.yaml", ""),
            ],
            expected: r#"error: the spec file is empty
 --> spec/spaces/things.yaml
  = help: a spec file is a mapping with `entity`, `area` and `operations` (see docs/maintainers.md)

error: the spec file is empty
 --> spec/spaces/widgets.yaml
  = help: a spec file is a mapping with `entity`, `area` and `operations` (see docs/maintainers.md)

error: the specs have 2 problems; nothing was written
"#,
        },
        Case {
            name: "non_utf8_file",
            files: vec![(
                "spaces/things.yaml",
                [HEADER.as_bytes(), b"entity: Thing\narea: sp\xffaces\n"].concat(),
            )],
            expected: "error: the file is not valid UTF-8\n --> spec/spaces/things.yaml:3:9\n  |\n3 | area: sp\u{fffd}aces\n  |         ^\n  = help: save the file as UTF-8\n\nerror: the specs have 1 problem; nothing was written\n",
        },
        Case {
            name: "not_a_mapping",
            files: vec![
                file(
                    "spaces/things.yaml",
                    format!("{HEADER}- entity: Thing\n- area: spaces\n"),
                ),
                file("spaces/widgets.yaml", format!("{HEADER}just some words\n")),
            ],
            expected: r#"error: a spec file must be a YAML mapping (`key: value` lines) at the top level
 --> spec/spaces/things.yaml:2:1
  |
2 | - entity: Thing
  | ^

error: a spec file must be a YAML mapping (`key: value` lines) at the top level
 --> spec/spaces/widgets.yaml:2:1
  |
2 | just some words
  | ^

error: the specs have 2 problems; nothing was written
"#,
        },
        Case {
            name: "all_files_together",
            files: vec![
                file("spaces/broken.yaml", format!("{HEADER}entity: [unclosed\n")),
                file(
                    "spaces/things.yaml",
                    with_fields("  - name: Notes\n    type: strnig\n"),
                ),
                file(
                    "spaces/widgets.yaml",
                    with_fields("  - name: Notes\n    type: string\n")
                        .replace("Thing", "Widget")
                        .replace("things", "widgets")
                        .replace("method: POST", "method: SEND"),
                ),
                ("crm/binary.yaml", b"entity: \xfe\n".to_vec()),
            ],
            expected: r#"error: the file is not valid UTF-8
 --> spec/crm/binary.yaml:1:9
  |
1 | entity: �
  |         ^
  = help: save the file as UTF-8

error: `entity` takes a text value, not a list
 --> spec/spaces/broken.yaml:2:9
  |
2 | entity: [unclosed
  |         ^

error: unknown field type `strnig`
  --> spec/spaces/things.yaml:13:11
   |
13 |     type: strnig
   |           ^
   = help: did you mean `string`?

error: `SEND` is not an HTTP method
 --> spec/spaces/widgets.yaml:7:11
  |
7 |   method: SEND
  |           ^
  = help: use GET, POST, PUT, DELETE or PATCH

error: the specs have 4 problems; nothing was written
"#,
        },
        Case {
            name: "cascade_from_an_unreadable_file",
            files: vec![
                file(
                    "spaces/colours.yaml",
                    format!(
                        "{HEADER}enums:\n- name: eColour\n  values:\n  - {{value: 1, name: Red}}\n  - {{value: 2 name: Blue}}\n"
                    ),
                ),
                file(
                    "spaces/things.yaml",
                    with_fields(
                        "  - {name: Paint, type: integer, enum: eColour}\n  - {name: Trim, type: integer, enum: eColour}\n  - {name: Mood, type: integer, enum: eMoood}\n",
                    ),
                ),
            ],
            expected: r#"error: `value` takes an integer, not `2 name: Blue`
 --> spec/spaces/colours.yaml:6:13
  |
6 |   - {value: 2 name: Blue}
  |             ^

error: field `Paint` refers to enum `eColour`, which only spec/spaces/colours.yaml defines, and that file could not be read
  --> spec/spaces/things.yaml:12:40
   |
12 |   - {name: Paint, type: integer, enum: eColour}
   |                                        ^
   = help: fix spec/spaces/colours.yaml first; other uses of `eColour` in this file are not reported

error: field `Mood` refers to enum `eMoood`, which no spec defines
  --> spec/spaces/things.yaml:14:39
   |
14 |   - {name: Mood, type: integer, enum: eMoood}
   |                                       ^
   = help: define it under `enums:` in one spec file

error: the specs have 3 problems; nothing was written
"#,
        },
        Case {
            name: "get_path_without_id",
            files: vec![file(
                "spaces/things.yaml",
                format!(
                    "{HEADER}entity: Thing\narea: spaces\noperations:\n- name: GetThing\n  kind: get\n  method: GET\n  path: /api/spaces/things\n  summary: Get Thing\n  role: Thing-Read\n"
                ),
            )],
            expected: r#"error: the path of a get operation ends in `/{id}`, but is `/api/spaces/things`
 --> spec/spaces/things.yaml:8:9
  |
8 |   path: /api/spaces/things
  |         ^
  = help: e.g. `/api/spaces/things/{id}`

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "body_on_a_get",
            files: vec![file(
                "spaces/things.yaml",
                format!(
                    "{HEADER}entity: Thing\narea: spaces\noperations:\n- name: GetThing\n  kind: get\n  method: GET\n  path: /api/spaces/things/{{id}}\n  summary: Get Thing\n  role: Thing-Read\n  fields:\n  - name: Id\n    type: integer\n"
                ),
            )],
            expected: r#"error: a get operation has no `fields`, but `GetThing` lists `Id`
  --> spec/spaces/things.yaml:12:11
   |
12 |   - name: Id
   |           ^
   = help: a GET or DELETE has no body: list filters go under `parameters`, a get's record under `response`

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "list_parameter_is_a_list",
            files: vec![file(
                "spaces/things.yaml",
                format!(
                    "{HEADER}entity: Thing\narea: spaces\noperations:\n- name: ListThings\n  kind: list\n  method: GET\n  path: /api/spaces/things\n  summary: List Things\n  role: Thing-List\n  parameters:\n  - name: page\n    type: integer\n  - name: Thing_Ids\n    type: integer[]\n"
                ),
            )],
            expected: r#"error: query parameter `Thing_Ids` cannot be a list
  --> spec/spaces/things.yaml:15:11
   |
15 |     type: integer[]
   |           ^
   = help: Nexudus filters take one value each

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "method_does_not_match_kind",
            files: vec![file(
                "spaces/things.yaml",
                with_fields("  - name: Notes\n    type: string\n")
                    .replace("method: POST", "method: PUT"),
            )],
            expected: r#"error: a create operation is a `POST`, not `PUT`
 --> spec/spaces/things.yaml:7:11
  |
7 |   method: PUT
  |           ^
  = help: create is POST, update PUT, get and list GET, delete DELETE

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "broken_envelope_is_reported_once",
            files: vec![file(
                "envelope.yaml",
                "# yaml-language-server: $schema=nexudus-spec.schema.json\nenvelope:\n  description: The envelope.\n  fields: nope\n  error_fields: []\n",
            )],
            // Not followed by "no spec file defines the response `envelope:`".
            expected: r#"error: `fields` takes a list (`- item` lines), not `nope`
 --> spec/envelope.yaml:4:11
  |
4 |   fields: nope
  |           ^

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "areas_that_clash",
            files: vec![
                file(
                    "spaces/things.yaml",
                    with_fields("  - name: Notes\n    type: string\n")
                        .replace("area: spaces", "area: client"),
                ),
                file(
                    "spaces/widgets.yaml",
                    with_fields("  - name: Notes\n    type: string\n")
                        .replace("area: spaces", "area: type")
                        .replace("Thing", "Widget"),
                ),
            ],
            expected: r#"error: area `client` would clash with the crate's own `client` (a module, dependency or cargo feature)
 --> spec/spaces/things.yaml:3:7
  |
3 | area: client
  |       ^
  = help: choose another `area:` name such as `client_api`; the operations' paths keep `/api/client/...`

error: area `type` is a Rust keyword, so it cannot name the area's module
 --> spec/spaces/widgets.yaml:3:7
  |
3 | area: type
  |       ^
  = help: choose another `area:` name such as `type_api`; the operations' paths keep `/api/type/...`

error: the specs have 2 problems; nothing was written
"#,
        },
        Case {
            name: "file_stems_that_clash",
            files: vec![
                file(
                    "spaces/mod.yaml",
                    with_fields("  - name: Notes\n    type: string\n"),
                ),
                file(
                    "spaces/create_widget.yaml",
                    with_fields("  - name: Notes\n    type: string\n").replace("Thing", "Widget"),
                ),
            ],
            expected: r#"error: this file would generate the module `spaces::create_widget`, which is also the builder module of operation `CreateWidget`
 --> spec/spaces/create_widget.yaml:2:9
  |
2 | entity: Widget
  |         ^
  = help: name the file after the entities (plural, e.g. `coworkernotes.yaml`), not after an operation

error: a spec file named `mod.yaml` would generate the module `mod`, whose file is the area's own `mod.rs`
 --> spec/spaces/mod.yaml:2:9
  |
2 | entity: Thing
  |         ^
  = help: name the file after the entities, e.g. `coworkernotes.yaml`

error: the specs have 2 problems; nothing was written
"#,
        },
        Case {
            name: "names_the_runtime_uses",
            files: vec![
                file(
                    "spaces/things.yaml",
                    with_fields("  - name: Notes\n    type: string\n")
                        .replace("name: CreateThing", "name: RequestToken"),
                ),
                file(
                    "spaces/colours.yaml",
                    format!(
                        "{HEADER}enums:\n- name: eUnknownValue\n  values:\n  - {{value: 1, name: One}}\n- name: eParseEnumError\n  values:\n  - {{value: 1, name: One}}\n"
                    ),
                ),
            ],
            expected: r#"error: enum `eUnknownValue` would be the Rust type `UnknownValue`, a name the generated `enums` module already uses
 --> spec/spaces/colours.yaml:3:9
  |
3 | - name: eUnknownValue
  |         ^
  = help: rename the enum; its documented name only appears in docs and errors

error: enum `eParseEnumError` would be the Rust type `ParseEnumError`, a name the generated `enums` module already uses
 --> spec/spaces/colours.yaml:6:9
  |
6 | - name: eParseEnumError
  |         ^
  = help: rename the enum; its documented name only appears in docs and errors

error: operation name `RequestToken` is reserved by the generated client
 --> spec/spaces/things.yaml:5:9
  |
5 | - name: RequestToken
  |         ^
  = help: name operations `{Kind}{Entity}`, e.g. `CreateCoworkerNote`

error: the specs have 3 problems; nothing was written
"#,
        },
        Case {
            name: "no_false_unknown_enum_after_an_invalid_one",
            files: vec![file(
                "spaces/things.yaml",
                with_fields(
                    "  - name: Colour\n    type: integer\n    enum: eColour\nenums:\n- name: eColour\n  values: []\n",
                ),
            )],
            expected: r#"error: enum `eColour` has no values
  --> spec/spaces/things.yaml:16:9
   |
16 | - name: eColour
   |         ^
   = help: list its documented values under `values:`

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "envelope_the_client_cannot_read",
            files: vec![file(
                "envelope.yaml",
                "# yaml-language-server: $schema=nexudus-spec.schema.json\nenvelope:\n  fields:\n  - {name: Errors, type: errors}\n  - {name: Message, type: integer}\n  - {name: message, type: string}\n  - {name: wasSuccessful, type: boolean}\n  - {name: Value, type: any}\n  - {name: UpdatedOn, type: string}\n  - {name: UpdatedBy, type: string}\n  error_fields:\n  - {name: Message, type: string}\n  - {name: AttemptedValue, type: any}\n",
            )],
            expected: r#"error: the envelope's `error_fields` lack `PropertyName`, which the client reads
 --> spec/envelope.yaml:2:1
  |
2 | envelope:
  | ^
  = help: add `- {name: PropertyName, type: string}` under `error_fields:`

error: the client reads the envelope field `Message` as `string`, not `integer`
 --> spec/envelope.yaml:5:27
  |
5 |   - {name: Message, type: integer}
  |                           ^

error: envelope fields `Message` and `message` would both be the Rust field `message`
 --> spec/envelope.yaml:6:12
  |
6 |   - {name: message, type: string}
  |            ^

error: the client reads the envelope field `WasSuccessful`, spelled exactly so, not `wasSuccessful`
 --> spec/envelope.yaml:7:12
  |
7 |   - {name: wasSuccessful, type: boolean}
  |            ^

error: the specs have 4 problems; nothing was written
"#,
        },
        Case {
            name: "second_envelope",
            files: vec![file(
                "spaces/more.yaml",
                format!("{HEADER}envelope:\n  fields: []\n  error_fields: []\n"),
            )],
            expected: r#"error: the response envelope is already defined in spec/envelope.yaml:13
 --> spec/spaces/more.yaml:2:1
  |
2 | envelope:
  | ^
  = help: keep one `envelope:` in all the specs

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "empty_entity",
            files: vec![file(
                "spaces/things.yaml",
                with_fields("  - name: Notes\n    type: string\n")
                    .replace("entity: Thing", "entity: \"\""),
            )],
            expected: r#"error: `entity:` needs a name such as `CoworkerNote`
 --> spec/spaces/things.yaml:2:9
  |
2 | entity: ""
  |         ^

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "defaults_of_the_wrong_kind",
            files: vec![file(
                "spaces/things.yaml",
                with_fields(
                    "  - name: Count\n    type: integer\n    default: abc\n  - name: Price\n    type: number\n    default: cheap\n",
                ),
            )],
            expected: r#"error: `abc` is not an integer, so it cannot be the default of `integer` field `Count`
  --> spec/spaces/things.yaml:14:14
   |
14 |     default: abc
   |              ^

error: `cheap` is not a number, so it cannot be the default of `number` field `Price`
  --> spec/spaces/things.yaml:17:14
   |
17 |     default: cheap
   |              ^

error: the specs have 2 problems; nothing was written
"#,
        },
        Case {
            name: "update_id_not_an_integer",
            files: vec![file(
                "spaces/things.yaml",
                with_fields("  - name: Id\n    type: string\n    required: true\n")
                    .replace("kind: create", "kind: update")
                    .replace("method: POST", "method: PUT")
                    .replace("CreateThing", "UpdateThing"),
            )],
            expected: r#"error: the `Id` of update operation `UpdateThing` is an `integer`, not `string`
  --> spec/spaces/things.yaml:13:11
   |
13 |     type: string
   |           ^
   = help: Nexudus updates name the record to change with a required integer `Id` in the body

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "alias_bomb",
            files: vec![file(
                "spaces/things.yaml",
                format!(
                    "{HEADER}entity: &a Thing\npages: [{}]\n",
                    vec!["*a"; 200].join(", ")
                ),
            )],
            expected: r#"error: the file uses its 1 YAML anchors through 200 aliases (`*name`), more than 10 per anchor, which looks like an alias bomb
 --> spec/spaces/things.yaml:4:1
  = help: split the file, or write the values out instead of repeating aliases

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "control_characters_are_escaped",
            files: vec![file(
                "spaces/things.yaml",
                // A long line, cut around the column, with the control character escaped.
                with_fields(&format!(
                    "  - name: Notes\n    type: string\n    description: {}\u{1b}[2J{}\n",
                    "long ".repeat(60),
                    " tail".repeat(60)
                )),
            )],
            expected: r#"error: the character U+001B (ESC) cannot be in a spec file: YAML does not allow it
  --> spec/spaces/things.yaml:14:318
   |
14 | …long long long long long long long long long long \u{1b}[2J tail tail tail tail tail tail tail tail tail …
   |                                                    ^
   = help: remove it; a value that needs it writes it as the escape `\u001B` inside double quotes

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "refused_characters_point_at_the_character",
            files: vec![
                // After non-ASCII text, so a byte offset would put the column off.
                file(
                    "spaces/escapes.yaml",
                    with_fields(
                        "  - name: Notes\n    type: string\n    description: Größe ändern \u{1b}[2J now\n",
                    ),
                ),
                file(
                    "spaces/overrides.yaml",
                    with_fields("  - name: \"Gr\u{f6}\u{df}e\u{202e}Id\"\n    type: string\n")
                        .replace("Thing", "Override")
                        .replace("things", "overrides"),
                ),
                file(
                    "spaces/returns.yaml",
                    with_fields(
                        "  - name: Notes\n    type: string\n    description: first\rsecond\n",
                    )
                    .replace("Thing", "Return")
                    .replace("things", "returns"),
                ),
                file(
                    "spaces/bells.yaml",
                    format!("{HEADER}entity: Bell\npages: [é.txt, ü\u{7}.txt, \u{7}]\n"),
                ),
                file(
                    "spaces/quoted.yaml",
                    with_fields(
                        "  - name: Notes\n    type: string\n    description: \"Größe \\q\"\n",
                    )
                    .replace("Thing", "Quoted")
                    .replace("things", "quoted"),
                ),
            ],
            expected: r#"error: the character U+0007 (BEL) cannot be in a spec file: YAML does not allow it
 --> spec/spaces/bells.yaml:3:17
  |
3 | pages: [é.txt, ü\u{7}.txt, \u{7}]
  |                 ^
  = help: remove it; a value that needs it writes it as the escape `\u0007` inside double quotes (the file has 2 such characters; this is the first)

error: the character U+001B (ESC) cannot be in a spec file: YAML does not allow it
  --> spec/spaces/escapes.yaml:14:31
   |
14 |     description: Größe ändern \u{1b}[2J now
   |                               ^
   = help: remove it; a value that needs it writes it as the escape `\u001B` inside double quotes

error: the text-direction control U+202E (RIGHT-TO-LEFT OVERRIDE) cannot be in a spec file: it makes the text display in another order than it is read
  --> spec/spaces/overrides.yaml:12:17
   |
12 |   - name: "Größe\u{202e}Id"
   |                 ^
   = help: remove it; a description that needs it writes it as the escape `\u202E` inside double quotes

error: invalid YAML: while parsing a quoted scalar, found unknown escape character
  --> spec/spaces/quoted.yaml:14:25
   |
14 |     description: "Größe \q"
   |                         ^
   = help: the escapes of a double-quoted value are `\\`, `\"`, `\n`, `\t`, `\xXX`, `\uXXXX`, `\UXXXXXXXX` and the like; write `\\` for a backslash

error: a carriage return (U+000D) in the middle of a line: YAML reads it as a line break
  --> spec/spaces/returns.yaml:14:23
   |
14 |     description: first\u{d}second
   |                       ^
   = help: remove it; lines end with `\n` or `\r\n`

error: the specs have 5 problems; nothing was written
"#,
        },
        Case {
            name: "too_many_yaml_nodes",
            files: vec![file(
                "spaces/things.yaml",
                format!(
                    "{HEADER}entity: Thing\npages:\n{}",
                    "- a.txt\n".repeat(250_000)
                ),
            )],
            expected: r#"error: the file has 250,005 YAML nodes (mappings, lists and values), more than the 250,000 a spec file may have
 --> spec/spaces/things.yaml
  = help: the limit guards the generator against YAML alias bombs; see "Limits" in docs/maintainers.md

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "operations_without_an_entity",
            files: vec![file(
                "spaces/things.yaml",
                with_fields("  - name: Notes\n    type: string\n").replace("entity: Thing\n", ""),
            )],
            expected: r#"error: a spec file with `operations` needs `entity:` (e.g. `entity: CoworkerNote`)
 --> spec/spaces/things.yaml:3:1
  |
3 | operations:
  | ^

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "envelope_file_without_the_envelope",
            files: vec![file(
                "envelope.yaml",
                "# yaml-language-server: $schema=nexudus-spec.schema.json\nnotes: the envelope moved\n",
            )],
            expected: r#"error: spec/envelope.yaml has no `envelope:`, and no other spec file defines the response envelope
 --> spec/envelope.yaml:1:1
  |
1 | # yaml-language-server: $schema=nexudus-spec.schema.json
  | ^
  = help: spec/envelope.yaml describes, once, the JSON envelope every operation answers with (`envelope:` with its `fields:` and `error_fields:`); restore it from the repository

error: the specs have 1 problem; nothing was written
"#,
        },
        Case {
            name: "client_methods_of_the_runtime_and_of_streams",
            files: vec![
                file(
                    "spaces/things.yaml",
                    format!(
                        "{HEADER}entity: Thing\narea: spaces\noperations:\n{}{}{}",
                        "- name: Paginate\n  kind: create\n  method: POST\n  path: /api/spaces/things\n  summary: S\n  role: R\n  fields: []\n",
                        "- name: ListThings\n  kind: list\n  method: GET\n  path: /api/spaces/things\n  summary: S\n  role: R\n",
                        "- name: ListThingsStream\n  kind: create\n  method: POST\n  path: /api/spaces/things\n  summary: S\n  role: R\n",
                    ),
                ),
                file(
                    // The other order: the list comes after the operation its stream would be.
                    "spaces/gadgets.yaml",
                    format!(
                        "{HEADER}entity: Gadget\narea: spaces\noperations:\n{}{}",
                        "- name: ListGadgetsStream\n  kind: create\n  method: POST\n  path: /api/spaces/gadgets\n  summary: S\n  role: R\n",
                        "- name: ListGadgets\n  kind: list\n  method: GET\n  path: /api/spaces/gadgets\n  summary: S\n  role: R\n",
                    ),
                ),
            ],
            expected: r#"error: the stream method of list operation `ListGadgets` would be the client method `list_gadgets_stream`, which is also the method of operation `ListGadgetsStream` (spec/spaces/gadgets.yaml)
  --> spec/spaces/gadgets.yaml:11:9
   |
11 | - name: ListGadgets
   |         ^
   = help: rename one of the operations: a list `ListX` has the stream method `list_x_stream` beside `list_x`

error: operation name `Paginate` is reserved by the generated client
 --> spec/spaces/things.yaml:5:9
  |
5 | - name: Paginate
  |         ^
  = help: name operations `{Kind}{Entity}`, e.g. `CreateCoworkerNote`

error: operation `ListThingsStream` would generate the client method `list_things_stream`, which is also the stream method of operation `ListThings` (spec/spaces/things.yaml)
  --> spec/spaces/things.yaml:18:9
   |
18 | - name: ListThingsStream
   |         ^
   = help: rename one of the operations: a list `ListX` has the stream method `list_x_stream` beside `list_x`

error: the specs have 3 problems; nothing was written
"#,
        },
    ]
}
