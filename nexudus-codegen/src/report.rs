//! The change report: what a spec change changes at the API level, and whether it breaks
//! downstream code under semver.
//!
//! The baseline is the checked-in OpenAPI document, which `cargo xtask codegen` wrote from the
//! specs the checked-in code was generated from; comparing it with the document the current
//! specs give tells what regenerating changes, whatever git history says.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

/// Whether a change breaks code written against the previous version of the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Existing code may stop compiling or behave differently: a major version.
    Breaking,
    /// Existing code keeps working: a minor version.
    Compatible,
}

/// One API-level change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiChange {
    /// Breaking or not.
    pub impact: Impact,
    /// What changed, e.g. "CreateCoworker: field `Gender` added (optional)".
    pub description: String,
}

/// The API-level changes from `old` to `new` OpenAPI documents (as written by the generator).
pub fn compare_documents(old: &str, new: &str) -> Result<Vec<ApiChange>, String> {
    let old: Value = serde_json::from_str(old)
        .map_err(|e| format!("the checked-in OpenAPI document is not JSON: {e}"))?;
    let new: Value = serde_json::from_str(new)
        .map_err(|e| format!("the new OpenAPI document is not JSON: {e}"))?;
    let (old_ops, new_ops) = (operations(&old), operations(&new));
    let mut changes = Vec::new();
    let mut push = |impact, description: String| {
        changes.push(ApiChange {
            impact,
            description,
        })
    };
    for (name, old_op) in &old_ops {
        let Some(new_op) = new_ops.get(name) else {
            push(
                Impact::Breaking,
                format!(
                    "operation `{name}` removed ({} {})",
                    old_op.method, old_op.path
                ),
            );
            continue;
        };
        if (&old_op.method, &old_op.path) != (&new_op.method, &new_op.path) {
            push(
                Impact::Compatible,
                format!(
                    "{name}: endpoint changed from {} {} to {} {}",
                    old_op.method, old_op.path, new_op.method, new_op.path
                ),
            );
        }
        compare_fields(name, &old_op.fields, &new_op.fields, &mut push);
        let response = format!("{name} response");
        compare_fields(&response, &old_op.response, &new_op.response, &mut push);
    }
    for (name, new_op) in &new_ops {
        if !old_ops.contains_key(name) {
            push(
                Impact::Compatible,
                format!(
                    "operation `{name}` added ({} {}, {} fields{})",
                    new_op.method,
                    new_op.path,
                    new_op.fields.len(),
                    if new_op.response.is_empty() {
                        String::new()
                    } else {
                        format!(", answers a record of {} fields", new_op.response.len())
                    }
                ),
            );
        }
    }
    let (old_enums, new_enums) = (enums(&old), enums(&new));
    for (name, old_values) in &old_enums {
        let Some(new_values) = new_enums.get(name) else {
            push(Impact::Breaking, format!("enum `{name}` removed"));
            continue;
        };
        for (value, old_name) in old_values {
            match new_values.get(value) {
                None => push(
                    Impact::Breaking,
                    format!("{name}: value {value} (`{old_name}`) removed"),
                ),
                Some(new_name) if new_name != old_name => push(
                    Impact::Breaking,
                    format!("{name}: value {value} renamed from `{old_name}` to `{new_name}`"),
                ),
                Some(_) => {}
            }
        }
        for (value, new_name) in new_values {
            if !old_values.contains_key(value) {
                push(
                    Impact::Compatible,
                    format!("{name}: value {value} (`{new_name}`) added"),
                );
            }
        }
    }
    for name in new_enums.keys() {
        if !old_enums.contains_key(name) {
            push(Impact::Compatible, format!("enum `{name}` added"));
        }
    }
    changes.sort_by(|a, b| (a.impact, &a.description).cmp(&(b.impact, &b.description)));
    Ok(changes)
}

fn compare_fields(
    name: &str,
    old: &BTreeMap<String, FieldShape>,
    new: &BTreeMap<String, FieldShape>,
    push: &mut impl FnMut(Impact, String),
) {
    for (field, old_field) in old {
        let Some(new_field) = new.get(field) else {
            // A field whose JSON name only changed case keeps its Rust name, so it is a
            // wire change rather than a removal.
            if let Some((renamed, _)) = new
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(field) && !old.contains_key(*n))
            {
                push(
                    Impact::Compatible,
                    format!("{name}: JSON name `{field}` changed to `{renamed}`"),
                );
            } else {
                push(Impact::Breaking, format!("{name}: field `{field}` removed"));
            }
            continue;
        };
        if old_field.ty != new_field.ty {
            push(
                Impact::Breaking,
                format!(
                    "{name}: field `{field}` type changed from {} to {}",
                    old_field.ty, new_field.ty
                ),
            );
        }
        match (old_field.required, new_field.required) {
            (false, true) => push(
                Impact::Breaking,
                format!("{name}: field `{field}` became required"),
            ),
            (true, false) => push(
                Impact::Breaking,
                format!(
                    "{name}: field `{field}` became optional (its Rust type becomes an Option)"
                ),
            ),
            _ => {}
        }
    }
    for (field, new_field) in new {
        if old.contains_key(field)
            || old
                .keys()
                .any(|n| n.eq_ignore_ascii_case(field) && !new.contains_key(n))
        {
            continue;
        }
        if new_field.required {
            push(
                Impact::Breaking,
                format!("{name}: required field `{field}` added ({})", new_field.ty),
            );
        } else {
            push(
                Impact::Compatible,
                format!("{name}: optional field `{field}` added ({})", new_field.ty),
            );
        }
    }
}

struct OperationShape {
    method: String,
    path: String,
    /// The request's fields: body or query parameters.
    fields: BTreeMap<String, FieldShape>,
    /// The fields of the record a get answers with.
    response: BTreeMap<String, FieldShape>,
}

struct FieldShape {
    ty: String,
    required: bool,
}

fn operations(document: &Value) -> BTreeMap<String, OperationShape> {
    let mut found = BTreeMap::new();
    let Some(paths) = document["paths"].as_object() else {
        return found;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, operation) in item {
            let Some(name) = operation["operationId"].as_str() else {
                continue;
            };
            let fields = schema_fields(document, name);
            let record =
                operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                    .filter(|r| *r != "Envelope");
            let response = record.map_or_else(BTreeMap::new, |r| schema_fields(document, r));
            found.insert(
                name.to_owned(),
                OperationShape {
                    method: method.to_ascii_uppercase(),
                    path: path.clone(),
                    fields,
                    response,
                },
            );
        }
    }
    found
}

/// The properties of a component schema, with whether each is required.
fn schema_fields(document: &Value, name: &str) -> BTreeMap<String, FieldShape> {
    let schema = &document["components"]["schemas"][name];
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    schema["properties"]
        .as_object()
        .map(|properties| {
            properties
                .iter()
                .map(|(field, property)| {
                    (
                        field.clone(),
                        FieldShape {
                            ty: describe(property),
                            required: required.contains(&field.as_str()),
                        },
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn enums(document: &Value) -> BTreeMap<String, BTreeMap<i64, String>> {
    let mut found = BTreeMap::new();
    let Some(schemas) = document["components"]["schemas"].as_object() else {
        return found;
    };
    for (name, schema) in schemas {
        let (Some(values), Some(names)) = (
            schema["enum"].as_array(),
            schema["x-enum-varnames"].as_array(),
        ) else {
            continue;
        };
        let pairs = values
            .iter()
            .zip(names)
            .filter_map(|(v, n)| Some((v.as_i64()?, n.as_str()?.to_owned())));
        found.insert(name.clone(), pairs.collect());
    }
    found
}

/// A short type description of a property schema, e.g. `integer`, `eGender?`, `date-time`.
fn describe(schema: &Value) -> String {
    if let Some(variants) = schema["oneOf"].as_array() {
        let inner: Vec<String> = variants
            .iter()
            .filter(|v| v["type"] != "null")
            .map(describe)
            .collect();
        return format!("{}?", inner.join("|"));
    }
    if let Some(reference) = schema["$ref"].as_str() {
        return reference.rsplit('/').next().unwrap_or(reference).to_owned();
    }
    match (schema["type"].as_str(), schema["format"].as_str()) {
        (Some("array"), _) => format!("{}[]", describe(&schema["items"])),
        (Some("string"), Some("date-time")) => "datetime-utc".to_owned(),
        (Some("string"), _) if schema.get("x-nexudus-time-zone").is_some() => {
            "datetime-local".to_owned()
        }
        (Some(ty), _) => ty.to_owned(),
        (None, _) => "any".to_owned(),
    }
}

/// The report as plain text for the terminal.
pub fn render_text(changes: &[ApiChange]) -> String {
    if changes.is_empty() {
        return "API changes: none\n".to_owned();
    }
    let breaking = changes.iter().any(|c| c.impact == Impact::Breaking);
    let mut text = format!(
        "API changes ({}; semver: {}):\n",
        changes.len(),
        if breaking {
            "breaking, needs a major version"
        } else {
            "compatible, a minor version"
        }
    );
    for change in changes {
        let tag = if change.impact == Impact::Breaking {
            "breaking  "
        } else {
            "compatible"
        };
        let _ = writeln!(text, "  {tag} {}", change.description);
    }
    text
}

/// The report as Markdown, for a pull request description.
pub fn render_markdown(changes: &[ApiChange]) -> String {
    let mut text = "## API changes\n\n".to_owned();
    if changes.is_empty() {
        text.push_str("None: the generated API is unchanged.\n");
        return text;
    }
    let breaking = changes
        .iter()
        .filter(|c| c.impact == Impact::Breaking)
        .count();
    let verdict = if breaking > 0 {
        format!("**Breaking** ({breaking} breaking change(s)): release as a new major version.")
    } else {
        "Compatible: release as a new minor version.".to_owned()
    };
    let _ = writeln!(text, "{verdict}\n\n| impact | change |\n|---|---|");
    for change in changes {
        let impact = if change.impact == Impact::Breaking {
            "breaking"
        } else {
            "compatible"
        };
        let _ = writeln!(
            text,
            "| {impact} | {} |",
            change.description.replace('|', "\\|")
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(fields: &str, required: &str, gender_values: &str) -> String {
        format!(
            r##"{{"paths": {{"/api/spaces/coworkers": {{"post": {{"operationId": "CreateCoworker"}}}}}},
               "components": {{"schemas": {{
                 "CreateCoworker": {{"properties": {{{fields}}}, "required": [{required}]}},
                 "eGender": {{"type": "integer", "enum": [{gender_values}], "x-enum-varnames": ["NotSet", "Male", "Female"]}}
               }}}}}}"##
        )
    }

    #[test]
    fn semver_verdicts_follow_what_downstream_code_sees() {
        let old = document(
            r#""FullName": {"type": "string"}, "Notes": {"type": "string"}"#,
            r#""FullName""#,
            "1, 2",
        );
        let new = document(
            r#""FullName": {"type": "string"}, "Email": {"type": "string"}, "Tag": {"type": "string"}"#,
            r#""FullName", "Email""#,
            "1, 2, 3",
        );
        let changes = compare_documents(&old, &new).expect("valid documents");
        let described: Vec<(Impact, &str)> = changes
            .iter()
            .map(|c| (c.impact, c.description.as_str()))
            .collect();
        assert_eq!(
            described,
            [
                (Impact::Breaking, "CreateCoworker: field `Notes` removed"),
                (
                    Impact::Breaking,
                    "CreateCoworker: required field `Email` added (string)"
                ),
                (
                    Impact::Compatible,
                    "CreateCoworker: optional field `Tag` added (string)"
                ),
                (Impact::Compatible, "eGender: value 3 (`Female`) added"),
            ]
        );
        assert!(render_text(&changes).contains("semver: breaking"));
        assert!(
            render_markdown(&changes)
                .contains("| breaking | CreateCoworker: field `Notes` removed |")
        );
    }

    #[test]
    fn requiredness_and_type_changes_break() {
        let old = document(r#""Tag": {"type": "string"}"#, "", "1, 2");
        let new = document(r#""Tag": {"type": "integer"}"#, r#""Tag""#, "1");
        let changes = compare_documents(&old, &new).expect("valid documents");
        assert!(
            changes.iter().all(|c| c.impact == Impact::Breaking),
            "{changes:?}"
        );
        assert_eq!(changes.len(), 3);
    }

    #[test]
    fn identical_documents_have_no_changes() {
        let same = document(r#""Tag": {"type": "string"}"#, "", "1");
        assert_eq!(compare_documents(&same, &same).expect("valid"), []);
        assert_eq!(render_text(&[]), "API changes: none\n");
    }
}
