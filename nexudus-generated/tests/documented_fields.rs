//! Every field documented on the five doc pages is in the generated request types under its
//! exact JSON name, with the documented requiredness.
//!
//! The doc pages are read here with a deliberately small parser of their own, independent
//! of the importer, and every field is round-tripped through the generated types with serde:
//! unknown names are rejected (`deny_unknown_fields`), so a misspelled name cannot pass.

use std::path::{Path, PathBuf};

use nexudus_generated::crm::CreateCoworkerTask;
use nexudus_generated::spaces::{
    CreateCoworker, CreateCoworkerNote, CreateCoworkerSetting, UpdateCoworkerNotification,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

#[derive(Debug)]
struct DocumentedField {
    name: String,
    ty: String,
    required: bool,
}

fn api_docs() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/api-docs");
    dir.is_dir().then_some(dir)
}

/// Name, type and `required` lines of the Required/Optional Fields sections.
fn documented_fields(page: &str) -> Vec<DocumentedField> {
    const TYPES: &[&str] = &["string", "integer", "number", "boolean", "integer[]"];
    let lines: Vec<&str> = page.lines().map(str::trim).collect();
    let start = lines
        .iter()
        .position(|l| *l == "Request Body")
        .expect("the page has a request body");
    let end = lines
        .iter()
        .position(|l| *l == "Code Examples")
        .expect("the page has code examples");
    let body = &lines[start..end];
    let mut fields = Vec::new();
    for i in 0..body.len().saturating_sub(1) {
        let name = body[i];
        let is_name = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric());
        if is_name && TYPES.contains(&body[i + 1]) {
            let required = body.get(i + 2) == Some(&"required");
            fields.push(DocumentedField {
                name: name.to_owned(),
                ty: body[i + 1].to_owned(),
                required,
            });
        }
    }
    fields
}

/// Values to try for a documented type: the spec may refine a documented string into a
/// UTC or local date-time, so those shapes are tried too.
fn candidates(ty: &str) -> Vec<Value> {
    match ty {
        "integer" => vec![json!(3)],
        "number" => vec![json!(1.5)],
        "boolean" => vec![json!(true)],
        "integer[]" => vec![json!([1, 2])],
        _ => vec![
            json!("text"),
            json!("2025-01-15T10:30:00Z"),
            json!("2025-01-15T10:30:00"),
        ],
    }
}

fn round_trip<T: Serialize + DeserializeOwned>(
    object: &Map<String, Value>,
) -> Result<Value, String> {
    let request: T =
        serde_json::from_value(Value::Object(object.clone())).map_err(|e| e.to_string())?;
    serde_json::to_value(&request).map_err(|e| e.to_string())
}

fn check_page<T: Serialize + DeserializeOwned>(
    page_name: &str,
    extra: &[DocumentedField],
) -> usize {
    let Some(dir) = api_docs() else {
        eprintln!("skipped: ../shared/api-docs is not beside the workspace");
        return 0;
    };
    let page = std::fs::read_to_string(dir.join(page_name)).expect("the page is readable");
    let mut fields = documented_fields(&page);
    let documented = fields.len();
    fields.extend(extra.iter().map(|f| DocumentedField {
        name: f.name.clone(),
        ty: f.ty.clone(),
        required: f.required,
    }));

    let mut base = Map::new();
    for field in fields.iter().filter(|f| f.required) {
        base.insert(field.name.clone(), candidates(&field.ty)[0].clone());
    }
    let minimal = round_trip::<T>(&base)
        .unwrap_or_else(|e| panic!("{page_name}: required fields alone: {e}"));
    assert_eq!(
        minimal,
        Value::Object(base.clone()),
        "{page_name}: unset optional fields must be omitted"
    );

    for field in &fields {
        if field.required {
            let mut without = base.clone();
            without.remove(&field.name);
            let error = round_trip::<T>(&without)
                .expect_err(&format!("{page_name}: `{}` must be required", field.name));
            assert!(
                error.contains(&field.name),
                "{page_name}: the error names `{}`: {error}",
                field.name
            );
            continue;
        }
        let accepted = candidates(&field.ty).into_iter().any(|value| {
            let mut object = base.clone();
            object.insert(field.name.clone(), value);
            round_trip::<T>(&object).is_ok_and(|back| back == Value::Object(object))
        });
        assert!(
            accepted,
            "{page_name}: optional field `{}` ({}) does not round-trip under its exact name",
            field.name, field.ty
        );
    }

    let mut unknown = base.clone();
    unknown.insert("NotADocumentedField".to_owned(), json!(1));
    assert!(
        round_trip::<T>(&unknown).is_err(),
        "{page_name}: unknown names must be rejected"
    );
    documented
}

fn prose(name: &str, ty: &str) -> DocumentedField {
    DocumentedField {
        name: name.to_owned(),
        ty: ty.to_owned(),
        required: false,
    }
}

#[test]
fn every_documented_field_is_in_the_request_types() {
    let mut total = 0;
    total += check_page::<CreateCoworkerNote>("post-spaces-coworkernotes.txt", &[]);
    total += check_page::<CreateCoworkerTask>("post-crm-coworkertasks.txt", &[]);
    total += check_page::<CreateCoworkerSetting>("post-spaces-coworkersettings.txt", &[]);
    total += check_page::<UpdateCoworkerNotification>("put-spaces-coworkernotifications.txt", &[]);
    // The Coworker page's prose adds TariffId, BillingDay and RenewalDate to its field list.
    let prose_fields = [
        prose("TariffId", "integer"),
        prose("BillingDay", "integer"),
        prose("RenewalDate", "string"),
    ];
    total += check_page::<CreateCoworker>("post-spaces-coworkers.txt", &prose_fields);
    if api_docs().is_some() {
        assert_eq!(total, 207, "the five pages document 207 fields");
    }
}
