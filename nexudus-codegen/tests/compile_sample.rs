//! Generated code for awkward specs compiles for real: the odd-names fixture plus a few
//! specs sampled by the property-test strategies' shapes are generated into a throwaway crate
//! with the hand-written runtime of `nexudus-generated`, and `cargo check` must accept it.
//!
//! Slow-ish (one `cargo check` whose dependencies are cached under `target/`), so it is one
//! test.

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// A deterministic pseudo-random spec with many fields of every type, in the style the
/// property tests use, so the compiled sample covers more than the hand-picked names.
fn sampled_spec(seed: u64) -> String {
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    let styles: [fn(u64) -> String; 6] = [
        |n| format!("Field{n}Name"),
        |n| format!("field{n}Camel"),
        |n| format!("snake_{n}_case"),
        |n| format!("SCREAM_{n}"),
        |n| format!("{n}Digits"),
        |n| format!("Ärger{n}"),
    ];
    let types = [
        "string",
        "integer",
        "number",
        "boolean",
        "integer[]",
        "string[]",
        "datetime-utc",
        "datetime-local",
    ];
    let entity = format!("Sample{seed}");
    let mut yaml = format!(
        "# yaml-language-server: $schema=../../nexudus-spec.schema.json\nentity: {entity}\narea: spaces\noperations:\n- name: Create{entity}\n  kind: create\n  method: POST\n  path: /api/spaces/sample{seed}s\n  summary: Create {entity}\n  role: {entity}-Create\n  fields:\n"
    );
    for n in 0..(20 + next() % 60) {
        let name = styles[(next() % 6) as usize](n);
        let ty = types[(next() % 8) as usize];
        let required = next() % 4 == 0;
        let nullable = next() % 3 == 0;
        let sensitive = next() % 10 == 0;
        let enum_ref = if ty == "integer" && next() % 3 == 0 {
            "\n    enum: eSampleMood"
        } else {
            ""
        };
        yaml.push_str(&format!(
            "  - name: \"{name}\"\n    type: \"{ty}\"\n    required: {required}\n    nullable: {nullable}\n    sensitive: {sensitive}\n    description: Field {n}.{enum_ref}\n"
        ));
    }
    yaml
}

#[test]
fn odd_and_sampled_specs_generate_code_that_compiles() {
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
    std::fs::write(
        specs.join("sample_enums.yaml"),
        "# yaml-language-server: $schema=../nexudus-spec.schema.json\nenums:\n- name: eSampleMood\n  values:\n  - {value: -5, name: Low}\n  - {value: 9, name: High}\n",
    )
    .unwrap();
    for seed in 1..=4 {
        std::fs::write(
            specs.join(format!("spaces/sample{seed}s.yaml")),
            sampled_spec(seed),
        )
        .unwrap();
    }
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

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "check",
            "--offline",
            "--quiet",
            "--features",
            "deserialize,blocking",
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
        "the generated sample does not compile:\n{stderr}"
    );
    assert!(
        !stderr.contains("warning"),
        "the generated sample compiles with warnings:\n{stderr}"
    );
}
