//! The OpenAPI document describes every operation and every field of the specs, with the
//! documented requiredness, enum values and security schemes.

use std::path::Path;

use serde_json::Value;

fn spec_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

/// The model of the real specs under `spec/`.
fn real_api() -> nexudus_codegen::Api {
    nexudus_codegen::check_specs(&spec_dir())
        .unwrap_or_else(|d| panic!("{d}"))
        .api
}

#[test]
fn openapi_document_describes_every_operation_and_field() {
    let api = real_api();
    let document: Value = serde_json::from_str(&nexudus_codegen::testing::openapi_document(&api))
        .expect("valid JSON");
    assert_eq!(document["openapi"], "3.1.0");
    let schemes = &document["components"]["securitySchemes"];
    assert_eq!(schemes["basicAuth"]["scheme"], "basic");
    assert_eq!(schemes["bearerAuth"]["scheme"], "bearer");
    let mut operations = 0;
    for entity in &api.entities {
        for operation in &entity.operations {
            operations += 1;
            let method = operation.method.as_str().to_ascii_lowercase();
            let described = &document["paths"][&operation.path][&method];
            assert_eq!(described["operationId"], operation.type_name.as_str());
            let schema = &document["components"]["schemas"][&operation.type_name];
            if operation.kind.takes_id() {
                // A get or delete takes the record's id in the path and has no input schema.
                assert!(
                    operation.fields.is_empty() && schema.is_null(),
                    "{}",
                    operation.type_name
                );
                continue;
            }
            // A schema with no required field (a list's filters) has no `required` list.
            let required: Vec<&str> = schema["required"]
                .as_array()
                .map(|names| names.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for field in &operation.fields {
                let property = &schema["properties"][&field.json_name];
                assert!(
                    property.is_object(),
                    "{}: `{}` is not described",
                    operation.type_name,
                    field.json_name
                );
                assert_eq!(
                    required.contains(&field.json_name.as_str()),
                    field.required,
                    "{}",
                    field.json_name
                );
            }
            assert_eq!(
                schema["properties"].as_object().map(|p| p.len()),
                Some(operation.fields.len())
            );
        }
    }
    assert!(operations > 0);
    for spec in &api.enums {
        let schema = &document["components"]["schemas"][&spec.documented_name];
        let values: Vec<i64> = spec.values.iter().map(|v| v.value).collect();
        assert_eq!(
            schema["enum"],
            serde_json::json!(values),
            "{}",
            spec.documented_name
        );
    }
}

/// The change report reads the baseline back from the OpenAPI document: the document the
/// checked-in specs give must describe exactly the API surface their model has, Rust names
/// and all, or every report would show changes that are not there.
#[test]
fn the_openapi_document_reads_back_as_the_models_api_surface() {
    use nexudus_codegen::report::ApiSurface;
    let spec_dir = spec_dir();
    let checked = nexudus_codegen::check_specs(&spec_dir).expect("the specs check");
    let generated = nexudus_codegen::generate(&spec_dir).expect("the specs generate");
    let document = &generated.files[nexudus_codegen::OPENAPI_PATH];
    let from_model = ApiSurface::from_model(&checked.api);
    assert_eq!(ApiSurface::from_openapi(document), Ok(from_model.clone()));
    assert!(
        from_model.operations["CreateCoworker"]
            .fields
            .contains_key("Skype")
    );
}

/// Reads a JSON value and fails on the first object whose keys are not in sorted order,
/// naming the key that is out of place.
struct SortedKeys;

impl<'de> serde::Deserialize<'de> for SortedKeys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SortedKeysVisitor)
    }
}

struct SortedKeysVisitor;

impl<'de> serde::de::Visitor<'de> for SortedKeysVisitor {
    type Value = SortedKeys;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<SortedKeys, A::Error> {
        let mut previous: Option<String> = None;
        while let Some(key) = map.next_key::<String>()? {
            if let Some(previous) = &previous
                && *previous >= key
            {
                return Err(serde::de::Error::custom(format!(
                    "key `{key}` comes after `{previous}`"
                )));
            }
            map.next_value::<SortedKeys>()?;
            previous = Some(key);
        }
        Ok(SortedKeys)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<SortedKeys, A::Error> {
        while seq.next_element::<SortedKeys>()?.is_some() {}
        Ok(SortedKeys)
    }

    fn visit_str<E>(self, _: &str) -> Result<SortedKeys, E> {
        Ok(SortedKeys)
    }

    fn visit_bool<E>(self, _: bool) -> Result<SortedKeys, E> {
        Ok(SortedKeys)
    }

    fn visit_i64<E>(self, _: i64) -> Result<SortedKeys, E> {
        Ok(SortedKeys)
    }

    fn visit_u64<E>(self, _: u64) -> Result<SortedKeys, E> {
        Ok(SortedKeys)
    }

    fn visit_f64<E>(self, _: f64) -> Result<SortedKeys, E> {
        Ok(SortedKeys)
    }

    fn visit_unit<E>(self) -> Result<SortedKeys, E> {
        Ok(SortedKeys)
    }
}

#[test]
fn every_object_of_the_document_has_its_keys_in_sorted_order() {
    // The same specs must give the same bytes, and a reviewer reads a field's facts in the
    // same order everywhere: the schemas written straight from the model keep the order the
    // JSON values have.
    let api = real_api();
    let document = nexudus_codegen::testing::openapi_document(&api);
    serde_json::from_str::<SortedKeys>(&document).unwrap_or_else(|error| panic!("{error}"));
    // Nullable, sensitive, defaulted and noted fields, enums, lists and local date-times
    // are all in the real specs, so each branch of a field's schema is checked.
    for fact in [
        "\"oneOf\"",
        "\"writeOnly\"",
        "\"x-nexudus-default\"",
        "\"x-note\"",
        "\"x-nexudus-time-zone\"",
        "\"items\"",
        "\"$ref\": \"#/components/schemas/e",
    ] {
        assert!(document.contains(fact), "no {fact} in the document");
    }
}
