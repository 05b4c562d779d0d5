//! Property tests: random valid specs always generate Rust that parses and keeps every JSON
//! name; generation is deterministic; no input makes the loader panic.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use nexudus_codegen::testing as naming;
use proptest::prelude::*;
use support::{operation_name, render, spec, struct_json_names};

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

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_specs_generate_parsable_rust_that_keeps_every_json_name(spec in spec()) {
        let yaml = render(&spec, "Widget");
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

        let request = naming::camel(&operation_name(&spec, "Widget"));
        let mut request_names = None;
        for (path, code) in &first.files {
            if !path.ends_with(".rs") {
                continue;
            }
            // Every generated file parses; the entity's module holds the request struct.
            let structs = struct_json_names(code);
            if path.ends_with("spaces/src/widgets.rs") {
                request_names = structs
                    .into_iter()
                    .find(|(name, _)| *name == request)
                    .map(|(_, names)| names);
            }
        }
        let request_names = request_names.expect("the request struct is generated");
        let documented: Vec<String> = spec.fields.iter().map(|f| f.name.clone()).collect();
        prop_assert_eq!(request_names, documented, "serde names differ from the JSON names");
    }

    #[test]
    fn output_does_not_depend_on_file_creation_order(spec in spec(), reverse in any::<bool>()) {
        let widget = render(&spec, "Widget");
        let gadget = render(&spec, "Gadget");
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

    /// Deeper than the file system: the checker and the emitters give the same bytes whatever
    /// the order of the loaded files.
    #[test]
    fn output_does_not_depend_on_the_order_of_the_loaded_files(
        specs in proptest::collection::vec(spec(), 3),
        order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
    ) {
        let entities = ["Widget", "Gadget", "Sprocket"];
        let files: Vec<(String, String)> = specs
            .iter()
            .zip(entities)
            .map(|(spec, entity)| {
                (format!("spaces/{}s.yaml", entity.to_lowercase()), render(spec, entity))
            })
            .collect();
        let borrowed: Vec<(&str, String)> =
            files.iter().map(|(path, text)| (path.as_str(), text.clone())).collect();
        let dir = scratch(&borrowed);
        let loaded = nexudus_codegen::testing::load_dir(&dir, "spec");
        let _ = std::fs::remove_dir_all(&dir);
        prop_assert!(!loaded.diagnostics.has_errors(), "{}", loaded.diagnostics);
        prop_assert_eq!(loaded.files.len(), 4, "three entities and the envelope");
        let shuffled: Vec<_> = order.iter().map(|&i| loaded.files[i].clone()).collect();
        let render_all = |files: &[nexudus_codegen::testing::LoadedFile]| {
            let api = nexudus_codegen::testing::validate(files).api.expect("valid specs");
            nexudus_codegen::testing::render(&api).expect("renders")
        };
        prop_assert_eq!(render_all(&loaded.files), render_all(&shuffled));
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
        let imported = nexudus_codegen::testing::import_page("random.txt", &lines.join("\n"));
        let _ = imported.counts();
    }

    /// Markdown pages of arbitrary component soup, cut anywhere, never panic the importer.
    #[test]
    fn arbitrary_markdown_pages_never_panic_the_importer(lines in proptest::collection::vec(prop_oneof![
        proptest::sample::select(&["# Create X", "> summary", "## Authentication", "<Note>", "</Note>",
            "have the **`X-Create`** role.", "## Enums", "<Accordion title=\"eX — F values\">", "<Accordion title=\"",
            "| Value | Name |", "| --- | --- |", "| 1 | One |", "| `a-b` | Meaning |", "| X | Meaning |", "</Accordion>",
            "## Request Body", "### Required Fields", "<ParamField body=\"F\" type=\"integer\" required>",
            "<ParamField query=\"q\" default={25} type=\"string\"", "<ParamField body=\"", "</ParamField>",
            "<ResponseField name=\"R\" type=\"string\">", "</ResponseField>", "## Response", "### 200",
            "<CodeGroup>", "```bash", "```", "curl -X GET \"https://spaces.nexudus.com/api/a/b/1\"", "See eX enum above.", ""][..])
            .prop_map(str::to_owned),
        "\\PC{0,20}",
    ], 0..80), name in prop_oneof![Just("post-spaces-xs.md".to_owned()), "\\PC{0,12}\\.md"]) {
        let imported = nexudus_codegen::testing::import_page(&name, &lines.join("\n"));
        let _ = imported.counts();
    }

    /// Realistic mistakes: a valid spec with a few characters inserted or deleted (colons,
    /// tabs, dashes, brackets, quotes, line breaks). Every rejection points inside the file.
    #[test]
    fn edited_specs_get_located_diagnostics(
        spec in spec(),
        edits in proptest::collection::vec(
            (any::<proptest::sample::Index>(), proptest::option::of(proptest::sample::select(
                &[":", " ", "\t", "- ", "{", "[", "\"", "#", "\n", "\n  ", "x", "é", "0"][..]
            ))),
            1..4,
        ),
    ) {
        let mut text = render(&spec, "Widget");
        for (at, insert) in edits {
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let index = boundaries[at.index(boundaries.len())];
            match insert {
                Some(insert) => text.insert_str(index, insert),
                None => {
                    text.remove(index);
                }
            }
        }
        if let Err(diagnostic) = nexudus_codegen::testing::parse_file("spec/spaces/widgets.yaml", text.as_bytes()) {
            let lines = text.lines().count();
            prop_assert!(diagnostic.line <= lines + 1, "line {} of {}", diagnostic.line, lines);
            let rendered = diagnostic.to_string();
            prop_assert!(rendered.contains(" --> spec/spaces/widgets.yaml"), "{}", rendered);
            if diagnostic.line > 0 && diagnostic.line <= lines {
                prop_assert!(diagnostic.source_line.is_some(), "{}", rendered);
                prop_assert!(rendered.contains('^'), "{}", rendered);
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Err(diagnostic) = nexudus_codegen::testing::parse_file("spec/x.yaml", &bytes) {
            prop_assert_eq!(diagnostic.severity, nexudus_codegen::Severity::Error);
            let rendered = diagnostic.to_string();
            prop_assert!(rendered.starts_with("error: "), "{}", rendered);
            prop_assert!(rendered.contains(" --> spec/x.yaml"), "{}", rendered);
        }
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
