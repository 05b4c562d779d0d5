//! Hostile spec trees for the property tests (`tests/hostile.rs`) and the compiled sample
//! (`tests/compile_sample.rs`): names and prose drawn from alphabets that break naive code
//! generators (Rust keywords, `Self`, `r#`, names equal only after case conversion, names of
//! the runtime's own items, leading digits, empty strings, control and text-direction
//! characters, code-like prose, very long strings), areas that are modules or features of the
//! crate, sensitive record fields, defaults of the wrong type, enums with repeated or
//! fallback-named values. Each hostile choice is one branch among sane ones, so that a good
//! share of the trees validate and reach the emitter.

#![allow(dead_code)]

use proptest::prelude::*;
use proptest::sample::select;

/// Names that are awkward as Rust identifiers or clash with what the generated code and the
/// runtime define.
#[rustfmt::skip]
pub const NAMES: &[&str] = &[
    // Keywords, raw or not allowed raw.
    "type", "self", "Self", "super", "crate", "async", "await", "match", "fn", "impl", "mod",
    "move", "ref", "static", "struct", "trait", "where", "yield", "try", "dyn", "abstract", "loop",
    "union", "macro_rules", "r#type", "r#", "r#self", "_", "__", "gen",
    // Equal only after case conversion.
    "Address1", "Address_1", "address1", "ADDRESS1", "address_1", "AddressOne",
    // The runtime's and the generated code's own items.
    "Send", "Sync", "Exchange", "RequestToken", "Builder", "Request", "Response", "fields",
    "Fields", "WriteFields", "Unknown", "UnknownValue", "Unrecognized", "UnknownString",
    "UnknownValue2", "Client", "Error", "Result", "Option", "Some", "None", "String", "Vec", "Box",
    "Default", "Page", "Call", "ApiFuture", "Sensitive", "Prefilled", "Filled", "Missing",
    "Envelope", "FieldError", "Mutation", "ParseEnumError", "Id", "id", "ID", "build", "new",
    "builder", "value", "request", "serde", "std", "core", "alloc", "jiff", "reqwest", "tokio",
    "Serialize", "Deserialize", "Debug", "Clone", "PartialEq", "Eq", "Hash", "Display", "FromStr",
    "as_str", "meaning", "to_update", "into_inner", "expose", "Paginate", "paginate", "prefilled",
    "Mutate", "Fetch", "BaseUrl", "iter", "call",
    // As an operation's name: `List{Entity}Stream`, the stream method of the entity's list.
    "Stream",
    // Digits, empty, separators, non-ASCII.
    "", " ", "1st", "3DSecure", "0", "42", "-1", "a-b", "a b", "a.b", "a/b", "é", "Größe", "ß",
    "日本", "x\u{301}",
];

/// Strings that are awkward inside Rust source and rustdoc: control characters, a lone
/// carriage return, text-direction controls, comment and attribute openers, quotes.
#[rustfmt::skip]
pub const HOSTILE_TEXT: &[&str] = &[
    "\r", "\r\n", "\n", "\t", "\u{1b}[31m", "\u{0}", "\u{7}", "\u{7f}", "\u{85}", "\u{202e}",
    "\u{2066}", "\u{200f}", "\u{2028}", "\u{feff}", "`", "``", "```", "~~~", "*/", "/*", "//",
    "///", "//!", "\"", "'", "\\", "#[", "#![doc = \"x\"]", "]", "<script>", "[link](x)", "{}",
    "{0}", "%s", "$", "\\u{202e}", "*", "_", "|", "#",
];

/// Prose: words, hostile snippets, four-space indented lines, code fences, long runs.
pub fn prose() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[A-Za-z]{1,10}",
        2 => select(HOSTILE_TEXT).prop_map(str::to_owned),
        1 => select(NAMES).prop_map(str::to_owned),
        1 => Just("\n    let indented = code();\n".to_owned()),
        1 => Just("\n```rust\nfn main() {}\n```\n".to_owned()),
        1 => "\\PC{0,12}",
        1 => (1usize..400).prop_map(|n| "long ".repeat(n)),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|pieces| pieces.join(" "))
}

/// A name: mostly from the hostile alphabet, sometimes a plain or an odd generated one.
pub fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(NAMES).prop_map(str::to_owned),
        3 => "[A-Z][a-z]{1,8}([A-Z][a-z]{1,6}){0,2}",
        1 => (select(NAMES), select(NAMES)).prop_map(|(a, b)| format!("{a}{b}")),
        1 => (select(NAMES), select(HOSTILE_TEXT)).prop_map(|(a, b)| format!("{a}{b}")),
        1 => (1usize..300).prop_map(|n| "Long".repeat(n)),
    ]
}

/// An area: sane most of the time, else a keyword, a module or feature of the crate, or a
/// name that is not a lower-case word.
pub fn area() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => select(&["spaces", "billing", "crm", "hr"][..]).prop_map(str::to_owned),
        2 => select(
            &[
                "type", "self", "crate", "mod", "default", "enums", "client", "mock", "envelope",
                "generated", "runtime", "blocking", "deserialize", "std", "core", "serde", "super",
                "fn", "async", "all_areas", "rustls_ring", "error", "retry", "paginate", "record",
                "enum_value", "futures_core", "hyper", "x_y", "a1", "_",
                "__", "1a", "Spaces", "", "r#type", "tls", "native_tls", "spaces ", "sp-aces",
            ][..]
        )
        .prop_map(str::to_owned),
        1 => "[a-z][a-z0-9_]{0,8}",
    ]
}

/// A spec file's `type:` value: every type of the format, and a few it does not have.
pub fn field_type() -> impl Strategy<Value = String> {
    prop_oneof![
        30 => select(
            &[
                "string", "integer", "number", "boolean", "integer[]", "string[]", "datetime-utc",
                "datetime-local",
            ][..]
        )
        .prop_map(str::to_owned),
        1 => select(&["object", "String", "int", "eX", "", "string?"][..]).prop_map(str::to_owned),
    ]
}

/// A `default:` value: right or wrong for any type.
pub fn default_value() -> impl Strategy<Value = String> {
    select(
        &[
            "abc",
            "1",
            "-7",
            "1.5",
            "true",
            "false",
            "NaN",
            "inf",
            "1e400",
            "",
            "null",
            "99999999999999999999",
            " 3 ",
        ][..],
    )
    .prop_map(str::to_owned)
}

/// One field of an operation.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub ty: String,
    pub required: bool,
    pub nullable: bool,
    pub sensitive: bool,
    /// The index of the tree's enum it refers to (modulo their number), if any.
    pub enum_ref: Option<usize>,
    /// `default:`; an enum field's default names one of its values (or not) when it is
    /// `Some("")`.
    pub default: Option<String>,
    pub description: String,
    pub note: Option<String>,
}

pub fn field() -> impl Strategy<Value = Field> {
    (
        name(),
        field_type(),
        any::<bool>(),
        proptest::bool::weighted(0.2),
        proptest::bool::weighted(0.2),
        proptest::option::weighted(0.25, 0usize..8),
        proptest::option::weighted(0.08, default_value()),
        prose(),
        proptest::option::weighted(0.1, prose()),
    )
        .prop_map(
            |(name, ty, required, nullable, sensitive, enum_ref, default, description, note)| {
                Field {
                    name,
                    ty,
                    required,
                    nullable,
                    sensitive,
                    enum_ref,
                    default,
                    description,
                    note,
                }
            },
        )
}

/// The kinds of operation, as written.
pub const KINDS: &[&str] = &["create", "update", "get", "list", "delete"];

/// One operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Index into [`KINDS`].
    pub kind: usize,
    /// `None`: `{Verb}{Entity}`, as the importer names it.
    pub name: Option<String>,
    /// Whether the method is the kind's (else a wrong or an unknown one).
    pub right_method: bool,
    /// Whether the path has the kind's shape (else a hostile one).
    pub right_path: bool,
    pub summary: String,
    pub role: String,
    /// The request body, the query parameters or the record, by kind (a few misplaced).
    pub fields: Vec<Field>,
    /// Put the fields in the other lists too.
    pub misplaced: bool,
}

pub fn operation() -> impl Strategy<Value = Operation> {
    (
        0..KINDS.len(),
        proptest::option::weighted(0.3, name()),
        proptest::bool::weighted(0.9),
        proptest::bool::weighted(0.9),
        prose(),
        prop_oneof![3 => Just("Thing-Create".to_owned()), 1 => prose()],
        proptest::collection::vec(field(), 0..6),
        proptest::bool::weighted(0.05),
    )
        .prop_map(
            |(kind, name, right_method, right_path, summary, role, fields, misplaced)| Operation {
                kind,
                name,
                right_method,
                right_path,
                summary,
                role,
                fields,
                misplaced,
            },
        )
}

/// `values`, or (rarely) none of them: an enum without values.
fn sometimes_empty<T: Clone + std::fmt::Debug>(values: Vec<T>) -> impl Strategy<Value = Vec<T>> {
    prop_oneof![12 => Just(values), 1 => Just(Vec::new())]
}

/// An integer enum.
#[derive(Debug, Clone)]
pub struct Enum {
    pub name: String,
    /// Whether the name gets Nexudus's `e` prefix.
    pub prefixed: bool,
    pub repr: Option<String>,
    pub description: String,
    pub values: Vec<(i64, String)>,
}

pub fn integer_enum() -> impl Strategy<Value = Enum> {
    (
        name(),
        any::<bool>(),
        proptest::option::weighted(
            0.2,
            prop_oneof![
                4 => select(&["i16", "i32", "i64"][..]).prop_map(str::to_owned),
                1 => select(&["i8", "u8", "u16", "u32", "u64", "int", ""][..])
                    .prop_map(str::to_owned),
            ],
        ),
        prose(),
        proptest::collection::vec(
            (
                prop_oneof![
                    40 => -3i64..120,
                    1 => Just(i64::MIN),
                    1 => Just(i64::MAX),
                    1 => Just(i64::from(i32::MAX) + 1),
                ],
                prop_oneof![
                    3 => name(),
                    1 => select(&["Unknown", "Unrecognized", "UnknownValue", "UnknownValue2"][..])
                        .prop_map(str::to_owned),
                ],
            ),
            1..6,
        )
        .prop_flat_map(sometimes_empty),
    )
        .prop_map(|(name, prefixed, repr, description, values)| Enum {
            name,
            prefixed,
            repr,
            description,
            values,
        })
}

/// A string enum.
#[derive(Debug, Clone)]
pub struct StringEnum {
    pub name: String,
    pub description: String,
    pub values: Vec<(String, String)>,
}

pub fn string_enum() -> impl Strategy<Value = StringEnum> {
    (
        name(),
        prose(),
        proptest::collection::vec(
            (
                prop_oneof![
                    3 => "[a-z]{1,6}(-[a-z]{1,6})?",
                    2 => name(),
                    1 => select(&["unknown", "Unknown", "UNKNOWN", "unknown-value", "unrecognized"][..])
                        .prop_map(str::to_owned),
                ],
                prose(),
            ),
            1..5,
        )
        .prop_flat_map(sometimes_empty),
    )
        .prop_map(|(name, description, values)| StringEnum {
            name,
            description,
            values,
        })
}

/// One spec file: an entity, its operations and enums.
#[derive(Debug, Clone)]
pub struct File {
    pub entity: String,
    pub area: String,
    /// The file's stem (its module), from a set that includes the awkward ones.
    pub stem: String,
    pub description: String,
    pub operations: Vec<Operation>,
    pub enums: Vec<Enum>,
    pub string_enums: Vec<StringEnum>,
}

pub fn file() -> impl Strategy<Value = File> {
    (
        name(),
        area(),
        prop_oneof![
            6 => Just(String::new()),
            1 => select(&["mod", "type", "self", "crate", "enums", "create_thing", "lib", "_"][..])
                .prop_map(str::to_owned),
        ],
        prose(),
        proptest::collection::vec(operation(), 1..4),
        proptest::collection::vec(integer_enum(), 0..3),
        proptest::collection::vec(string_enum(), 0..2),
    )
        .prop_map(
            |(entity, area, stem, description, operations, enums, string_enums)| File {
                entity,
                area,
                stem,
                description,
                operations,
                enums,
                string_enums,
            },
        )
}

/// A tree of one to three spec files (the real envelope is added beside them).
#[derive(Debug, Clone)]
pub struct Tree {
    pub files: Vec<File>,
    /// Write the prose's characters as they are instead of as escapes (most are then
    /// refused by the loader, at their place).
    pub raw: bool,
}

pub fn tree() -> impl Strategy<Value = Tree> {
    (
        proptest::collection::vec(file(), 1..4),
        proptest::bool::weighted(0.1),
        any::<bool>(),
    )
        .prop_map(|(files, raw, tame)| {
            let tree = Tree { files, raw };
            if tame { tree.tamed() } else { tree }
        })
}

/// `text` as a double-quoted YAML scalar; with `raw`, only the quote and the backslash are
/// escaped, every other character is written as itself.
pub fn quoted(text: &str, raw: bool) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if raw => out.push(c),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}') =>
            {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The entity's name as a path segment: lower-case ASCII letters and digits, never empty,
/// short enough for a file name.
fn segment(entity: &str) -> String {
    let plain: String = entity
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(60)
        .collect::<String>()
        .to_ascii_lowercase();
    if plain.is_empty() {
        "things".to_owned()
    } else {
        format!("{plain}s")
    }
}

/// The enums' documented names, in the tree's order (fields refer to them by index).
fn enum_names(tree: &Tree) -> (Vec<String>, Vec<String>) {
    let integer = tree
        .files
        .iter()
        .flat_map(|file| &file.enums)
        .map(|e| {
            if e.prefixed {
                format!("e{}", e.name)
            } else {
                e.name.clone()
            }
        })
        .collect();
    let string = tree
        .files
        .iter()
        .flat_map(|file| &file.string_enums)
        .map(|e| e.name.clone())
        .collect();
    (integer, string)
}

impl Tree {
    /// The tree with a sane structure (known types, the kinds' methods and paths, sane
    /// areas, file names and enum values, no wrong defaults, no misplaced lists), its names
    /// and prose as hostile as they were: half the trees, so that many reach the emitter.
    pub fn tamed(mut self) -> Self {
        const TYPES: &[&str] = &[
            "string",
            "integer",
            "number",
            "boolean",
            "integer[]",
            "string[]",
            "datetime-utc",
            "datetime-local",
        ];
        self.raw = false;
        for file in &mut self.files {
            if !["spaces", "billing", "crm", "hr"].contains(&file.area.as_str()) {
                file.area = "spaces".to_owned();
            }
            file.stem.clear();
            for operation in &mut file.operations {
                operation.right_method = true;
                operation.right_path = true;
                operation.misplaced = false;
                for field in &mut operation.fields {
                    if !TYPES.contains(&field.ty.as_str()) {
                        field.ty = "string".to_owned();
                    }
                    field.default = None;
                }
            }
            for item in &mut file.enums {
                item.repr = None;
                for (value, _) in &mut item.values {
                    *value = value.rem_euclid(1000);
                }
                if item.values.is_empty() {
                    item.values.push((1, "One".to_owned()));
                }
            }
            for item in &mut file.string_enums {
                if item.values.is_empty() {
                    item.values.push(("one".to_owned(), String::new()));
                }
            }
        }
        self
    }

    /// The spec files, by path relative to the spec directory, with their YAML.
    pub fn render(&self) -> Vec<(String, String)> {
        let (integer_enums, string_enums) = enum_names(self);
        let mut used = std::collections::BTreeSet::new();
        self.files
            .iter()
            .enumerate()
            .map(|(index, file)| {
                let stem = if file.stem.is_empty() {
                    segment(&file.entity)
                } else {
                    file.stem.clone()
                };
                // Two files of the tree never share a path (one would replace the other).
                let mut path = format!("d{index}/{stem}.yaml");
                if !used.insert(format!("{stem}.yaml")) {
                    path = format!("d{index}/{stem}{index}.yaml");
                }
                (path, self.render_file(file, &integer_enums, &string_enums))
            })
            .collect()
    }

    fn render_file(
        &self,
        file: &File,
        integer_enums: &[String],
        string_enums: &[String],
    ) -> String {
        let q = |text: &str| quoted(text, false);
        let prose = |text: &str| quoted(text, self.raw);
        let mut yaml =
            String::from("# yaml-language-server: $schema=../nexudus-spec.schema.json\n");
        yaml.push_str(&format!("entity: {}\n", q(&file.entity)));
        yaml.push_str(&format!("area: {}\n", q(&file.area)));
        yaml.push_str(&format!("description: {}\n", prose(&file.description)));
        let segment = segment(&file.entity);
        yaml.push_str("operations:\n");
        for operation in &file.operations {
            let kind = KINDS[operation.kind];
            let verb = match kind {
                "create" => "Create",
                "update" => "Update",
                "get" => "Get",
                "list" => "List",
                _ => "Delete",
            };
            let method = match (kind, operation.right_method) {
                ("create", true) => "POST",
                ("update", true) => "PUT",
                ("get" | "list", true) => "GET",
                ("delete", true) => "DELETE",
                ("get", false) => "post",
                (_, false) => "PATCH",
                _ => "GET",
            };
            let takes_id = matches!(kind, "get" | "delete");
            let path = match (operation.right_path, takes_id) {
                (true, true) => format!("/api/{}/{segment}/{{id}}", file.area),
                (true, false) => format!("/api/{}/{segment}", file.area),
                (false, _) => format!("/api/{}/{} x?y#{{a}}", file.area, operation.summary),
            };
            let name = match operation.name.as_deref() {
                None => format!("{verb}{}", file.entity),
                Some("Stream") => format!("List{}Stream", file.entity),
                Some(name) => name.to_owned(),
            };
            yaml.push_str(&format!("- name: {}\n", q(&name)));
            yaml.push_str(&format!("  kind: {kind}\n"));
            yaml.push_str(&format!("  method: {method}\n"));
            yaml.push_str(&format!("  path: {}\n", q(&path)));
            yaml.push_str(&format!("  summary: {}\n", prose(&operation.summary)));
            yaml.push_str(&format!("  role: {}\n", prose(&operation.role)));
            let mut fields = operation.fields.clone();
            if kind == "update" && !fields.iter().any(|f| f.name == "Id") && operation.right_path {
                fields.insert(
                    0,
                    Field {
                        name: "Id".to_owned(),
                        ty: "integer".to_owned(),
                        required: true,
                        nullable: false,
                        sensitive: false,
                        enum_ref: None,
                        default: None,
                        description: "The record.".to_owned(),
                        note: None,
                    },
                );
            }
            let key = match kind {
                "create" | "update" => "fields",
                "list" => "parameters",
                "get" => "response",
                _ => "fields",
            };
            let keys: Vec<&str> = if operation.misplaced {
                vec!["fields", "parameters", "response"]
            } else if kind == "delete" {
                vec![]
            } else {
                vec![key]
            };
            if keys.is_empty() || !keys.contains(&"fields") {
                yaml.push_str("  fields: []\n");
            }
            for key in keys {
                if fields.is_empty() {
                    yaml.push_str(&format!("  {key}: []\n"));
                    continue;
                }
                yaml.push_str(&format!("  {key}:\n"));
                for field in &fields {
                    let parameter = key == "parameters";
                    self.render_field(&mut yaml, field, parameter, integer_enums, string_enums);
                }
            }
        }
        if !file.enums.is_empty() {
            yaml.push_str("enums:\n");
            for item in &file.enums {
                let name = if item.prefixed {
                    format!("e{}", item.name)
                } else {
                    item.name.clone()
                };
                yaml.push_str(&format!("- name: {}\n", q(&name)));
                yaml.push_str(&format!("  description: {}\n", prose(&item.description)));
                if let Some(repr) = &item.repr {
                    yaml.push_str(&format!("  repr: {}\n", q(repr)));
                }
                if item.values.is_empty() {
                    yaml.push_str("  values: []\n");
                } else {
                    yaml.push_str("  values:\n");
                }
                for (value, name) in &item.values {
                    yaml.push_str(&format!("  - value: {value}\n    name: {}\n", q(name)));
                }
            }
        }
        if !file.string_enums.is_empty() {
            yaml.push_str("string_enums:\n");
            for item in &file.string_enums {
                yaml.push_str(&format!("- name: {}\n", q(&item.name)));
                yaml.push_str(&format!("  description: {}\n", prose(&item.description)));
                if item.values.is_empty() {
                    yaml.push_str("  values: []\n");
                } else {
                    yaml.push_str("  values:\n");
                }
                for (value, description) in &item.values {
                    yaml.push_str(&format!(
                        "  - value: {}\n    description: {}\n",
                        q(value),
                        prose(description)
                    ));
                }
            }
        }
        yaml
    }

    fn render_field(
        &self,
        yaml: &mut String,
        field: &Field,
        parameter: bool,
        integer_enums: &[String],
        string_enums: &[String],
    ) {
        let q = |text: &str| quoted(text, false);
        let prose = |text: &str| quoted(text, self.raw);
        yaml.push_str(&format!("  - name: {}\n", q(&field.name)));
        // An enum field is `integer` (or `string` for a string enum) unless the strategy
        // picked another type for it.
        let enum_name = field.enum_ref.map(|index| {
            let all: Vec<(&String, bool)> = integer_enums
                .iter()
                .map(|name| (name, true))
                .chain(string_enums.iter().map(|name| (name, false)))
                .collect();
            if all.is_empty() {
                return ("eMissing".to_owned(), true);
            }
            let (name, integer) = all[index % all.len()];
            (name.clone(), integer)
        });
        // An enum field takes the enum's type unless the strategy picked a list (rarely);
        // a list's query parameter is rarely a list.
        let ty = match (&enum_name, field.ty.as_str()) {
            (Some((_, _)), "integer[]") => "integer[]".to_owned(),
            (Some((_, true)), _) => "integer".to_owned(),
            (Some((_, false)), _) => "string".to_owned(),
            (None, "integer[]" | "string[]") if parameter && !field.nullable => {
                "integer".to_owned()
            }
            (_, ty) => ty.to_owned(),
        };
        yaml.push_str(&format!("    type: {}\n", q(&ty)));
        if field.required {
            yaml.push_str("    required: true\n");
        }
        if field.nullable {
            yaml.push_str("    nullable: true\n");
        }
        if field.sensitive {
            yaml.push_str("    sensitive: true\n");
        }
        yaml.push_str(&format!("    description: {}\n", prose(&field.description)));
        if let Some((name, _)) = &enum_name {
            yaml.push_str(&format!("    enum: {}\n", q(name)));
        }
        if let Some(default) = &field.default {
            yaml.push_str(&format!("    default: {}\n", q(default)));
        }
        if let Some(note) = &field.note {
            yaml.push_str(&format!("    note: {}\n", prose(note)));
        }
    }
}
