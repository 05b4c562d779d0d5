//! Builders of requests with many required fields: the typestate grows with the number of
//! required fields times its logarithm, not with its square (1,000 required fields once
//! gave 5.9 MB of code, 10,000 took 40 s and 10 GB to generate).

use std::path::{Path, PathBuf};

/// A spec tree of one create operation with `count` required integer fields.
fn spec_dir(count: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nexudus-required-{}-{count}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spaces")).unwrap();
    let envelope = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/envelope.yaml");
    std::fs::copy(envelope, dir.join("envelope.yaml")).unwrap();
    let mut spec = String::from(
        "# yaml-language-server: $schema=../nexudus-spec.schema.json
entity: Wide
area: spaces
description: An entity with many required fields.
pages: []
operations:
- name: CreateWide
  kind: create
  method: POST
  path: /api/spaces/wides
  summary: Create Wide
  role: Wide-Create
  fields:
",
    );
    for index in 0..count {
        spec.push_str(&format!(
            "  - name: Field{index}\n    type: integer\n    required: true\n    description: Field {index}.\n"
        ));
    }
    std::fs::write(dir.join("spaces/wides.yaml"), spec).unwrap();
    dir
}

/// The generated file of the entity.
fn generated(count: usize) -> String {
    let dir = spec_dir(count);
    let generated = nexudus_codegen::generate(&dir).unwrap_or_else(|d| panic!("{d}"));
    let _ = std::fs::remove_dir_all(&dir);
    generated
        .files
        .iter()
        .find(|(path, _)| path.ends_with("spaces/src/wides.rs"))
        .map(|(_, code)| code.clone())
        .expect("the entity's file")
}

#[test]
fn builder_code_grows_about_linearly_with_required_fields() {
    let (thousand, two_thousand) = (generated(1_000), generated(2_000));
    // Quadratic growth would be 4× here; N log N is 2.2× (one more level in the tree).
    let ratio = two_thousand.len() as f64 / thousand.len() as f64;
    assert!(
        ratio < 2.3,
        "2,000 fields / 1,000 fields: {ratio:.2}× the code"
    );
    assert!(
        thousand.len() < 1_000_000,
        "1,000 required fields: {} bytes",
        thousand.len()
    );
}

#[test]
fn every_required_setter_names_its_own_place_in_the_state() {
    let code = generated(5);
    let paths: Vec<&str> = code
        .lines()
        .filter(|line| line.trim_start().starts_with("required!("))
        .map(|line| line.rsplit_once("\"`").unwrap().1)
        .collect();
    assert_eq!(paths.len(), 5, "{code}");
    let mut unique = paths.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        5,
        "each setter sets a different field: {paths:?}"
    );
    // `build` asks for each of the five fields, by name.
    for index in 0..5 {
        assert!(
            code.contains(&format!("IsSet<fields::Field{index}>")),
            "{code}"
        );
    }
}
