//! Generated code for awkward specs compiles and serializes for real: the odd-names fixture
//! plus a few specs sampled from the property tests' strategy are generated into a throwaway
//! crate with the hand-written runtime of `nexudus-generated`, and one `cargo run` must build it
//! without warnings and run a small binary that reads every request type from JSON using the
//! documented names (`deny_unknown_fields`) and writes it back: the JSON must come back equal.
//!
//! One cargo invocation whose dependencies are cached under `target/compile-sample-target`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use nexudus_codegen::model::{Api, FieldType};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::{Value, json};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn copy_tree(from: &Path, to: &Path) {
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

/// A value of every field type, never `null` (a nullable optional field reads `null` as
/// absent, which would not come back).
fn sample_value(api: &Api, ty: &FieldType) -> Value {
    match ty {
        FieldType::String => json!("text with ü and \"quotes\""),
        FieldType::Integer => json!(-7),
        FieldType::Number => json!(2.5),
        FieldType::Boolean => json!(true),
        FieldType::IntegerList => json!([1, -2, 3]),
        FieldType::StringList => json!(["a", "b"]),
        FieldType::DateTimeUtc => json!("2024-05-06T07:08:09Z"),
        FieldType::DateTimeLocal => json!("2024-05-06T07:08:09"),
        FieldType::Enum(type_name) => {
            let found = api
                .enums
                .iter()
                .find(|e| e.type_name == *type_name)
                .expect("the model links every enum");
            // The last value: in the samples it is often sparse or negative.
            json!(found.values.last().expect("enums are not empty").value)
        }
    }
}

/// Every request type of the model (`area::Type`) with a JSON object holding every field
/// under its documented name.
fn requests(api: &Api) -> Vec<(String, Value)> {
    let mut all = Vec::new();
    for entity in &api.entities {
        for operation in &entity.operations {
            let object: serde_json::Map<String, Value> = operation
                .fields
                .iter()
                .map(|field| (field.json_name.clone(), sample_value(api, &field.ty)))
                .collect();
            all.push((
                format!("{}::{}", entity.area, operation.type_name),
                Value::Object(object),
            ));
        }
    }
    all
}

/// A binary printing `type<TAB>json` for each request: read with the documented names, then
/// written back.
fn roundtrip_binary(requests: &[(String, Value)]) -> String {
    let mut main = String::from(
        "//! Reads each request type from JSON and writes it back.\n\n\
         fn roundtrip<T: serde::Serialize + serde::de::DeserializeOwned>(input: &str) -> String {\n    \
         match serde_json::from_str::<T>(input) {\n        \
         Ok(value) => serde_json::to_string(&value).unwrap_or_else(|error| format!(\"ERROR {error}\")),\n        \
         Err(error) => format!(\"ERROR {error}\"),\n    }\n}\n\nfn main() {\n",
    );
    for (path, input) in requests {
        main.push_str(&format!(
            "    println!(\"{path}\\t{{}}\", roundtrip::<nexudus_sample::{path}>({:?}));\n",
            input.to_string()
        ));
    }
    main.push_str("}\n");
    main
}

#[test]
fn odd_and_sampled_specs_generate_code_that_compiles_and_keeps_json_names() {
    let root = workspace().join("target/compile-sample");
    let specs = root.join("spec");
    let _ = std::fs::remove_dir_all(&root);
    copy_tree(
        &workspace().join("nexudus-codegen/tests/fixtures/odd-names"),
        &specs,
    );
    std::fs::copy(
        workspace().join("spec/envelope.yaml"),
        specs.join("envelope.yaml"),
    )
    .unwrap();
    // A few specs drawn from the property tests' strategy, the same ones every run.
    let mut runner = TestRunner::deterministic();
    for entity in ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"] {
        let spec = support::spec()
            .new_tree(&mut runner)
            .expect("the strategy yields specs")
            .current();
        std::fs::write(
            specs.join(format!("spaces/{}s.yaml", entity.to_lowercase())),
            support::render(&spec, entity),
        )
        .unwrap();
    }
    let api = nexudus_codegen::check_specs(&specs)
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"))
        .api;
    let generated =
        nexudus_codegen::generate(&specs).unwrap_or_else(|diagnostics| panic!("{diagnostics}"));

    let krate = root.join("crate");
    nexudus_codegen::sample_crate::write(
        &krate,
        &generated,
        &workspace().join("nexudus-generated/src"),
        &workspace().join("Cargo.lock"),
    )
    .unwrap();
    // No debug info: the build is about types and serde, and it keeps the cache small.
    let mut manifest = std::fs::read_to_string(krate.join("Cargo.toml")).unwrap();
    manifest.push_str("\n[profile.dev]\ndebug = false\n");
    std::fs::write(krate.join("Cargo.toml"), manifest).unwrap();
    let requests = requests(&api);
    assert!(requests.len() >= 5, "the fixture and the samples");
    std::fs::create_dir_all(krate.join("src/bin")).unwrap();
    std::fs::write(
        krate.join("src/bin/roundtrip.rs"),
        roundtrip_binary(&requests),
    )
    .unwrap();

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "run",
            "--offline",
            "--quiet",
            "--features",
            "deserialize,blocking",
            "--bin",
            "roundtrip",
            "--manifest-path",
        ])
        .arg(krate.join("Cargo.toml"))
        .env(
            "CARGO_TARGET_DIR",
            workspace().join("target/compile-sample-target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the generated sample does not build or run:\n{stderr}"
    );
    assert!(
        !stderr.contains("warning"),
        "the generated sample compiles with warnings:\n{stderr}"
    );

    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), requests.len(), "{stdout}");
    for ((path, input), line) in requests.iter().zip(lines) {
        let (printed_path, json) = line.split_once('\t').expect("type<TAB>json");
        assert_eq!(printed_path, path);
        let back: Value = serde_json::from_str(json)
            .unwrap_or_else(|_| panic!("{path} did not round-trip: {json}\ninput: {input}"));
        assert_eq!(&back, input, "{path} changed on the way through serde");
    }
    // The awkward names are really there, spelled as documented.
    let oddity = &requests
        .iter()
        .find(|(path, _)| path == "spaces::CreateOddity")
        .expect("the fixture's request")
        .1;
    for name in [
        "type",
        "self",
        "crate",
        "async",
        "match",
        "build",
        "new",
        "3DSecure",
        "Größe",
        "café-au-lait",
        "_",
    ] {
        assert!(oddity.get(name).is_some(), "{name}");
    }
}
