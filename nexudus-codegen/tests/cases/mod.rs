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
  = help: a spec file is a mapping with `entity`, `area` and `operations` (see README)

error: the spec file is empty
 --> spec/spaces/widgets.yaml
  = help: a spec file is a mapping with `entity`, `area` and `operations` (see README)

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
    ]
}
