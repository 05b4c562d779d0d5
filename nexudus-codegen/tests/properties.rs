//! Property tests: random valid specs always generate Rust that parses and keeps every JSON
//! name; generation is deterministic; no input makes the loader panic.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use nexudus_codegen::naming;
use proptest::prelude::*;

const KEYWORDS: &[&str] = &[
    "type", "self", "Self", "crate", "super", "async", "await", "match", "fn", "impl", "move",
    "ref", "static", "struct", "trait", "where", "yield", "try", "dyn", "abstract", "loop", "Id",
    "build", "builder", "value", "request", "Option", "String", "Vec", "Result", "_", "__",
];

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

/// A JSON name in one of the styles real (and unreal) APIs use.
fn json_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{1,8}([A-Z][a-z]{1,6}){0,3}",
        "[a-z]{1,8}([A-Z][a-z]{1,6}){0,2}",
        "[a-z]{1,6}(_[a-z]{1,6}){0,2}",
        "[A-Z]{2,6}(_[A-Z0-9]{1,4}){0,2}",
        "[A-Z][a-z]{1,5}[A-Z]{2,4}[A-Z][a-z]{2,5}",
        "[0-9][A-Za-z0-9]{0,6}",
        "[a-zäöüéß]{1,4}[ÄÖÜa-z]{0,4}",
        "[a-z]{1,4}[-. ][a-z]{1,4}",
        proptest::sample::select(KEYWORDS).prop_map(str::to_owned),
    ]
}

#[derive(Debug, Clone)]
struct Field {
    name: String,
    ty: &'static str,
    required: bool,
    nullable: bool,
    sensitive: bool,
    enum_ref: bool,
}

#[derive(Debug, Clone)]
struct Spec {
    fields: Vec<Field>,
    enum_values: Vec<(i64, String)>,
    update: bool,
}

fn field() -> impl Strategy<Value = Field> {
    (
        json_name(),
        proptest::sample::select(TYPES),
        any::<bool>(),
        any::<bool>(),
        proptest::bool::weighted(0.1),
        proptest::bool::weighted(0.15),
    )
        .prop_map(
            |(name, ty, required, nullable, sensitive, enum_ref)| Field {
                name,
                ty: if enum_ref { "integer" } else { ty },
                required,
                nullable,
                sensitive,
                enum_ref,
            },
        )
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        proptest::collection::vec(field(), 0..200),
        proptest::collection::vec(
            (
                -1000i64..100_000,
                "[A-Z][a-z]{0,6}([A-Z][a-z]{0,4})?|[a-z]{1,6}|[0-9][a-z]{1,3}",
            ),
            1..20,
        ),
        any::<bool>(),
    )
        .prop_map(|(fields, values, update)| {
            // Names that collide after case conversion are rejected by design (see the
            // diagnostics tests); keep the first of each.
            let mut seen = BTreeSet::new();
            let mut fields: Vec<Field> = fields
                .into_iter()
                .filter(|f| seen.insert(naming::field(&f.name)))
                .collect();
            if update {
                fields.retain(|f| naming::snake(&f.name) != naming::snake("Id"));
                fields.insert(
                    0,
                    Field {
                        name: "Id".to_owned(),
                        ty: "integer",
                        required: true,
                        nullable: false,
                        sensitive: false,
                        enum_ref: false,
                    },
                );
            }
            let mut numbers = BTreeSet::new();
            let mut variants = BTreeSet::new();
            let enum_values = values
                .into_iter()
                .filter(|(number, name)| {
                    numbers.insert(*number) && variants.insert(naming::camel(name))
                })
                .collect();
            Spec {
                fields,
                enum_values,
                update,
            }
        })
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

fn render(spec: &Spec) -> String {
    let (kind, method, verb) = if spec.update {
        ("update", "PUT", "Update")
    } else {
        ("create", "POST", "Create")
    };
    let mut yaml = format!(
        "# yaml-language-server: $schema=../nexudus-spec.schema.json\nentity: Widget\narea: spaces\noperations:\n- name: {verb}Widget\n  kind: {kind}\n  method: {method}\n  path: /api/spaces/widgets\n  summary: {verb} Widget\n  role: Widget-{verb}\n  fields:{}\n",
        if spec.fields.is_empty() { " []" } else { "" }
    );
    for field in &spec.fields {
        yaml.push_str(&format!(
            "  - name: {}\n    type: {}\n    required: {}\n    nullable: {}\n    sensitive: {}\n    description: \"A field: with `code`, <html> & *stars*.\"\n",
            quoted(&field.name),
            quoted(field.ty),
            field.required,
            field.nullable,
            field.sensitive
        ));
        if field.enum_ref {
            yaml.push_str("    enum: eWidgetKind\n");
        }
    }
    yaml.push_str("enums:\n- name: eWidgetKind\n  description: Kinds.\n  values:\n");
    for (number, name) in &spec.enum_values {
        yaml.push_str(&format!(
            "  - value: {number}\n    name: {}\n",
            quoted(name)
        ));
    }
    yaml
}

fn scratch(files: &[(&str, String)]) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "nexudus-props-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spaces")).unwrap();
    let envelope = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/envelope.yaml");
    std::fs::copy(envelope, dir.join("envelope.yaml")).unwrap();
    for (path, text) in files {
        std::fs::write(dir.join(path), text).unwrap();
    }
    dir
}

/// `rename_all` / `rename` of a `#[serde(...)]` attribute, if any.
fn serde_string(attrs: &[syn::Attribute], key: &str) -> Option<String> {
    let mut found = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(key) {
                let literal: syn::LitStr = meta.value()?.parse()?;
                found = Some(literal.value());
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    found
}

/// The name serde gives each field: its `rename`, else the container's PascalCase
/// `rename_all` applied to the identifier (serde's rule: drop `r#`, upper-case the first
/// letter and every letter after `_`, drop the `_`).
fn serde_names(item: &syn::ItemStruct) -> Vec<String> {
    let rename_all = serde_string(&item.attrs, "rename_all");
    let syn::Fields::Named(fields) = &item.fields else {
        return Vec::new();
    };
    fields
        .named
        .iter()
        .map(|field| {
            serde_string(&field.attrs, "rename").unwrap_or_else(|| {
                let ident = field
                    .ident
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let ident = ident.strip_prefix("r#").unwrap_or(&ident);
                assert_eq!(
                    rename_all.as_deref(),
                    Some("PascalCase"),
                    "a field without rename needs rename_all"
                );
                let mut out = String::new();
                let mut upper = true;
                for c in ident.chars() {
                    if c == '_' {
                        upper = true;
                    } else if upper {
                        out.extend(c.to_uppercase());
                        upper = false;
                    } else {
                        out.push(c);
                    }
                }
                out
            })
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_specs_generate_parsable_rust_that_keeps_every_json_name(spec in spec()) {
        let yaml = render(&spec);
        let dir = scratch(&[("spaces/widgets.yaml", yaml.clone())]);
        let first = nexudus_codegen::generate(&dir);
        let second = nexudus_codegen::generate(&dir);
        let _ = std::fs::remove_dir_all(&dir);
        let first = match first {
            Ok(generated) => generated,
            Err(diagnostics) => panic!("a valid spec was rejected:\n{diagnostics}\n{yaml}"),
        };
        let second = second.map_err(|d| d.to_string()).unwrap();
        prop_assert_eq!(&first.files, &second.files, "generation is deterministic");

        let mut request_names = None;
        for (path, code) in &first.files {
            if !path.ends_with(".rs") {
                continue;
            }
            let file = syn::parse_file(code).unwrap_or_else(|error| panic!("{path} does not parse: {error}\n{code}"));
            if path.ends_with("spaces/widgets.rs") {
                for item in &file.items {
                    if let syn::Item::Struct(item) = item
                        && item.ident.to_string().ends_with("Widget")
                    {
                        request_names = Some(serde_names(item));
                    }
                }
            }
        }
        let request_names = request_names.expect("the request struct is generated");
        let documented: Vec<String> = spec.fields.iter().map(|f| f.name.clone()).collect();
        prop_assert_eq!(request_names, documented, "serde names differ from the JSON names");
    }

    #[test]
    fn output_does_not_depend_on_file_creation_order(spec in spec(), reverse in any::<bool>()) {
        let widget = render(&spec);
        let gadget = widget.replace("Widget", "Gadget").replace("widgets", "gadgets");
        let mut files = vec![("spaces/widgets.yaml", widget), ("spaces/gadgets.yaml", gadget)];
        let forward = scratch(&files);
        if reverse {
            files.reverse();
        }
        let backward = scratch(&files);
        let a = nexudus_codegen::generate(&forward).map(|g| g.files).map_err(|d| d.to_string());
        let b = nexudus_codegen::generate(&backward).map(|g| g.files).map_err(|d| d.to_string());
        let _ = std::fs::remove_dir_all(&forward);
        let _ = std::fs::remove_dir_all(&backward);
        prop_assert_eq!(a, b);
    }
}

/// YAML documents made of the format's own keys, so the loader and the validator get past the
/// syntax and meet wrong kinds, odd nesting and missing keys.
fn yaml_value() -> impl Strategy<Value = serde_json::Value> {
    let key = prop_oneof![
        proptest::sample::select(
            &[
                "entity",
                "area",
                "operations",
                "enums",
                "envelope",
                "name",
                "kind",
                "method",
                "path",
                "summary",
                "role",
                "fields",
                "type",
                "required",
                "enum",
                "values",
                "value",
                "repr",
                "nullable",
                "default",
                "sensitive",
            ][..]
        )
        .prop_map(str::to_owned),
        "[a-zA-Z]{1,8}",
    ];
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(serde_json::Value::from),
        "\\PC{0,12}".prop_map(serde_json::Value::from),
        proptest::sample::select(
            &[
                "POST",
                "PUT",
                "/api/spaces/x",
                "create",
                "update",
                "string",
                "integer",
                "eX",
                "u8"
            ][..]
        )
        .prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map(key.clone(), inner, 0..8).prop_map(
                |map: BTreeMap<String, serde_json::Value>| serde_json::Value::Object(
                    map.into_iter().collect()
                )
            ),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_pages_never_panic_the_importer(lines in proptest::collection::vec(prop_oneof![
        proptest::sample::select(&["POST", "PUT", "GET", "/", "api", "spaces", "{id}", "Authentication", "Enums", "ValueName",
            "1One", "-2Two", "Required Fields", "Optional Fields", "required", "integer", "string", "integer[]", "Code Examples",
            "Response", "200", "See eX enum above.", "See eX? enum above. Defaults to eX.One.", "have the X-Create role.", ""][..])
            .prop_map(str::to_owned),
        "\\PC{0,20}",
    ], 0..80)) {
        let imported = nexudus_codegen::import::import_page("random.txt", &lines.join("\n"));
        let _ = imported.counts();
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = nexudus_codegen::load::parse_file("spec/x.yaml", &bytes);
    }

    #[test]
    fn arbitrary_yaml_documents_get_diagnostics_not_panics(document in yaml_value(), as_block in any::<bool>()) {
        // JSON is YAML (flow style); also try a block rendering of top-level mappings.
        let text = if as_block {
            match &document {
                serde_json::Value::Object(map) => map.iter().map(|(k, v)| format!("{k}: {v}\n")).collect(),
                other => other.to_string(),
            }
        } else {
            document.to_string()
        };
        let dir = scratch(&[("spaces/random.yaml", text)]);
        let result = nexudus_codegen::generate(&dir);
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(diagnostics) = result {
            prop_assert!(diagnostics.has_errors());
            prop_assert!(!diagnostics.to_string().is_empty());
        }
    }
}
