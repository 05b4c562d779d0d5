//! Every request's `OPERATION` lists exactly the JSON names of its fields the spec marks
//! `sensitive: true`, in spec order: the runtime hides the values Nexudus echoes back for
//! those fields (`Errors[].AttemptedValue`) and shows the others, so a name too many hides a
//! harmless value and a name too few prints a secret.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// `OPERATION.sensitive_fields` of every request type in `code`, by the operation's name.
fn sensitive_fields_of(path: &str, code: &str) -> BTreeMap<String, Vec<String>> {
    let file = syn::parse_file(code).unwrap_or_else(|error| panic!("{path}: {error}"));
    let mut found = BTreeMap::new();
    for item in &file.items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        for item in &block.items {
            let syn::ImplItem::Const(constant) = item else {
                continue;
            };
            if constant.ident != "OPERATION" {
                continue;
            }
            // `OperationInfo::new("Name", …)`, then `.with_sensitive_fields(&[…])` when the
            // request has any.
            let mut expr = &constant.expr;
            let mut names = Vec::new();
            while let syn::Expr::MethodCall(call) = expr {
                if call.method == "with_sensitive_fields" {
                    let Some(syn::Expr::Reference(reference)) = call.args.first() else {
                        panic!("{path}: sensitive_fields is not `&[…]`")
                    };
                    let syn::Expr::Array(array) = &*reference.expr else {
                        panic!("{path}: sensitive_fields is not `&[…]`")
                    };
                    names = array
                        .elems
                        .iter()
                        .map(|element| match element {
                            syn::Expr::Lit(syn::ExprLit {
                                lit: syn::Lit::Str(name),
                                ..
                            }) => name.value(),
                            _ => panic!("{path}: a sensitive field is not a string"),
                        })
                        .collect();
                }
                expr = &call.receiver;
            }
            let syn::Expr::Call(new) = expr else {
                panic!("{path}: OPERATION is not made by `OperationInfo::new`")
            };
            let Some(syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(name),
                ..
            })) = new.args.first()
            else {
                panic!("{path}: OPERATION's name is not a string")
            };
            found.insert(name.value(), names);
        }
    }
    found
}

/// Every operation's sensitive fields in the code generated from `spec_dir`.
fn generated(spec_dir: &Path) -> BTreeMap<String, Vec<String>> {
    let generated =
        nexudus_codegen::generate(spec_dir).unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    generated
        .files
        .iter()
        .filter(|(path, _)| path.ends_with(".rs"))
        .flat_map(|(path, code)| sensitive_fields_of(path, code))
        .collect()
}

fn spec_tree(name: &str, spec: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nexudus-sensitive-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spaces")).unwrap();
    let envelope = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/envelope.yaml");
    std::fs::copy(envelope, dir.join("envelope.yaml")).unwrap();
    std::fs::write(dir.join("spaces/lockers.yaml"), spec).unwrap();
    dir
}

#[test]
fn the_operation_lists_its_sensitive_fields_in_spec_order_and_nothing_else() {
    let dir = spec_tree(
        "order",
        "# yaml-language-server: $schema=../nexudus-spec.schema.json
entity: Locker
area: spaces
description: A locker.
pages: []
operations:
- name: CreateLocker
  kind: create
  method: POST
  path: /api/spaces/lockers
  summary: Create Locker
  role: Locker-Create
  fields:
  - {name: Name, type: string, required: true, description: Name.}
  - {name: Pin, type: string, description: PIN., sensitive: true}
  - {name: Notes, type: string, description: Notes.}
  - {name: Iban, type: string, description: Bank account., sensitive: true}
  - {name: Size, type: integer, description: Size., sensitive: false}
- name: UpdateLocker
  kind: update
  method: PUT
  path: /api/spaces/lockers
  summary: Update Locker
  role: Locker-Edit
  fields:
  - {name: Id, type: integer, required: true, description: Id.}
  - {name: Name, type: string, description: Name.}
- name: ListLockers
  kind: list
  method: GET
  path: /api/spaces/lockers
  summary: List Lockers
  role: Locker-List
  parameters:
  - {name: Locker_Pin, type: string, description: Filter by PIN., sensitive: true}
  - {name: Locker_Name, type: string, description: Filter by name.}
- name: GetLocker
  kind: get
  method: GET
  path: /api/spaces/lockers/{id}
  summary: Get Locker
  role: Locker-Read
  response:
  - {name: Id, type: integer, description: Id.}
  - {name: Pin, type: string, description: PIN., sensitive: true}
",
    );
    let found = generated(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    let expected: BTreeMap<String, Vec<String>> = [
        ("CreateLocker", vec!["Pin", "Iban"]),
        ("UpdateLocker", vec![]),
        ("ListLockers", vec!["Locker_Pin"]),
        // A get sends only the id: the record's sensitive fields are `Sensitive` in the record.
        ("GetLocker", vec![]),
    ]
    .into_iter()
    .map(|(name, fields)| {
        let fields = fields.into_iter().map(str::to_owned).collect();
        (name.to_owned(), fields)
    })
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn the_real_specs_sensitive_fields_reach_their_operations() {
    let spec_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let found = generated(&spec_dir);
    // What the YAML says, read apart from the generator.
    let mut expected = BTreeMap::new();
    let pattern = format!("{}/**/*.yaml", spec_dir.display());
    for path in glob::glob(&pattern).unwrap() {
        let path = path.unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let spec: Value = serde_saphyr::from_str(&text).unwrap();
        for operation in spec["operations"].as_array().into_iter().flatten() {
            let kind = operation["kind"].as_str().unwrap();
            let key = if kind == "list" {
                "parameters"
            } else {
                "fields"
            };
            let sensitive: Vec<String> = operation[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|field| field["sensitive"] == Value::Bool(true))
                .map(|field| field["name"].as_str().unwrap().to_owned())
                .collect();
            expected.insert(operation["name"].as_str().unwrap().to_owned(), sensitive);
        }
    }
    assert_eq!(found, expected);
    let coworker = &found["CreateCoworker"];
    for secret in ["AccessPincode", "BankAccount", "DoordeckPrivateKey"] {
        assert!(coworker.iter().any(|name| name == secret), "{coworker:?}");
    }
    assert!(!coworker.iter().any(|name| name == "Email"), "{coworker:?}");
    assert_eq!(found["UpdateCoworkerSetting"], ["EncryptedValue"]);
    assert_eq!(
        found["ListCoworkerSettings"],
        ["CoworkerSetting_EncryptedValue"]
    );
}
