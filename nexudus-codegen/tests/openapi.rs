//! The OpenAPI document describes every operation and every field of the specs, with the
//! documented requiredness, enum values and security schemes.

use std::path::Path;

use serde_json::Value;

#[test]
fn openapi_document_describes_every_operation_and_field() {
    let spec_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let api = nexudus_codegen::check_specs(&spec_dir)
        .unwrap_or_else(|d| panic!("{d}"))
        .api;
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
            let required: Vec<&str> = schema["required"]
                .as_array()
                .expect("a list")
                .iter()
                .filter_map(Value::as_str)
                .collect();
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
