//! The change report: what a spec change changes in the Rust API a downstream crate sees, and
//! the version bump it needs under semver.
//!
//! Both sides are an [`ApiSurface`]: the new one is built from the checked model
//! ([`ApiSurface::from_model`]); the baseline is read back from an OpenAPI document the
//! generator wrote ([`ApiSurface::from_openapi`]): the checked-in one, or the one at a git
//! revision. The document carries the Rust names (`x-rust-name`, `x-rust-type`,
//! `x-rust-method`, `x-rust-variants`); a document written before they existed gets them from
//! the same naming rules the generator uses.

use crate::naming::capitalise;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

use crate::model::{Api, Field, FieldType};
use crate::naming;

/// Whether a change breaks code written against the previous version of the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Existing code may stop compiling or behave differently.
    Breaking,
    /// Existing code keeps working.
    Compatible,
}

/// The Keep a Changelog section a change belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// New operations, fields, enums and values.
    Added,
    /// Types, requiredness, endpoints and names that changed.
    Changed,
    /// Operations, fields, enums and values that are gone.
    Removed,
}

impl Section {
    /// The heading Keep a Changelog uses.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Added => "Added",
            Self::Changed => "Changed",
            Self::Removed => "Removed",
        }
    }
}

/// One API-level change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiChange {
    /// Breaking or not.
    pub impact: Impact,
    /// Added, changed or removed.
    pub section: Section,
    /// What changed, naming the Rust items, e.g. "`CreateCoworker::skype` (JSON `Skype`,
    /// `String`), setter `create_coworker::Builder::skype`".
    pub description: String,
}

/// The API a downstream crate sees: operations with their request fields and records, and
/// enums with their values. Maps are keyed by JSON or documented names, so two surfaces
/// compare entry by entry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiSurface {
    /// By request type (`CreateCoworker`, the OpenAPI `operationId`).
    pub operations: BTreeMap<String, OperationSurface>,
    /// By documented name (`eGender`, `NotificationType`).
    pub enums: BTreeMap<String, EnumSurface>,
}

/// One operation: the client method, its request type and what it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationSurface {
    /// The request type, e.g. `CreateCoworker`.
    pub type_name: String,
    /// The client method and builder module, e.g. `create_coworker`.
    pub method_name: String,
    /// `POST /api/spaces/coworkers`.
    pub endpoint: String,
    /// The request's fields (body or query), by JSON name.
    pub fields: BTreeMap<String, FieldSurface>,
    /// The record a get answers with.
    pub record: Option<RecordSurface>,
}

/// The record type a get answers with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSurface {
    /// The Rust type, e.g. `LockerRental`.
    pub type_name: String,
    /// Its fields, by JSON name.
    pub fields: BTreeMap<String, FieldSurface>,
}

/// One field of a request or record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSurface {
    /// The Rust field (and setter) name.
    pub rust_name: String,
    /// The value's Rust type, e.g. `i64`, `Gender`, `Option<Gender>` for a nullable enum.
    pub ty: String,
    /// Whether the builder needs it.
    pub required: bool,
}

/// One enum: integer (closed list of documented values) or string (open set).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumSurface {
    /// The Rust type, e.g. `Gender`.
    pub type_name: String,
    /// The Rust variant of each documented value, by wire value (`2`, `community-event`).
    pub values: BTreeMap<String, String>,
}

impl ApiSurface {
    /// The surface of the checked model: what the generated crate exposes.
    pub fn from_model(api: &Api) -> Self {
        let rust_type = |ty: &FieldType| match ty {
            FieldType::String => "String".to_owned(),
            FieldType::Integer => "i64".to_owned(),
            FieldType::Number => "f64".to_owned(),
            FieldType::Boolean => "bool".to_owned(),
            FieldType::IntegerList => "Vec<i64>".to_owned(),
            FieldType::StringList => "Vec<String>".to_owned(),
            FieldType::DateTimeUtc => "Timestamp".to_owned(),
            FieldType::DateTimeLocal => "civil::DateTime".to_owned(),
            FieldType::Enum(name) | FieldType::StringEnum(name) => name.clone(),
        };
        let fields = |fields: &[Field], requestable: bool| {
            fields
                .iter()
                .map(|field| {
                    let ty = rust_type(&field.ty);
                    let surface = FieldSurface {
                        rust_name: field.rust_name.clone(),
                        ty: if field.nullable {
                            format!("Option<{ty}>")
                        } else {
                            ty
                        },
                        required: requestable && field.required,
                    };
                    (field.json_name.clone(), surface)
                })
                .collect()
        };
        let mut surface = Self::default();
        for entity in &api.entities {
            for operation in &entity.operations {
                let record = entity
                    .record
                    .as_ref()
                    .filter(|_| operation.kind == crate::model::OperationKind::Get)
                    .map(|record| RecordSurface {
                        type_name: record.type_name.clone(),
                        fields: fields(&record.fields, false),
                    });
                surface.operations.insert(
                    operation.type_name.clone(),
                    OperationSurface {
                        type_name: operation.type_name.clone(),
                        method_name: operation.method_name.clone(),
                        endpoint: format!("{} {}", operation.method.as_str(), operation.path),
                        fields: if operation.kind.takes_id() {
                            BTreeMap::new()
                        } else {
                            fields(&operation.fields, true)
                        },
                        record,
                    },
                );
            }
        }
        // Integer and string enums alike: a documented name, a type, and values by variant.
        let integer_enums = api.enums.iter().map(|spec| {
            let values = spec
                .values
                .iter()
                .map(|v| (v.value.to_string(), v.variant.clone()))
                .collect();
            (&spec.documented_name, &spec.type_name, values)
        });
        let string_enums = api.string_enums.iter().map(|spec| {
            let values = spec
                .values
                .iter()
                .map(|v| (v.value.clone(), v.variant.clone()))
                .collect();
            (&spec.documented_name, &spec.type_name, values)
        });
        for (documented_name, type_name, values) in integer_enums.chain(string_enums) {
            surface.enums.insert(
                documented_name.clone(),
                EnumSurface {
                    type_name: type_name.clone(),
                    values,
                },
            );
        }
        surface
    }

    /// The surface an OpenAPI document the generator wrote describes (`{}`: an empty API).
    pub fn from_openapi(document: &str) -> Result<Self, String> {
        let document: Value = serde_json::from_str(document)
            .map_err(|e| format!("the OpenAPI document is not JSON: {e}"))?;
        if !document.is_object() {
            return Err("the OpenAPI document is not a JSON object".to_owned());
        }
        let schemas = &document["components"]["schemas"];
        let mut surface = Self::default();
        if let Some(all) = schemas.as_object() {
            for (name, schema) in all {
                if let Some(found) = enum_of(name, schema) {
                    surface.enums.insert(name.clone(), found);
                }
            }
        }
        let Some(paths) = document["paths"].as_object() else {
            return Ok(surface);
        };
        for (path, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, operation) in item {
                let Some(type_name) = operation["operationId"].as_str() else {
                    continue;
                };
                let takes_id = path.ends_with("/{id}");
                let fields = if takes_id {
                    BTreeMap::new()
                } else {
                    schema_fields(&surface, &schemas[type_name], true)
                };
                let record = operation["responses"]["200"]["content"]["application/json"]["schema"]
                    ["$ref"]
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                    .filter(|r| *r != "Envelope" && method == "get" && takes_id)
                    .map(|r| RecordSurface {
                        type_name: schemas[r]["title"].as_str().unwrap_or(r).to_owned(),
                        fields: schema_fields(&surface, &schemas[r], false),
                    });
                let method_name = operation["x-rust-method"]
                    .as_str()
                    .map_or_else(|| naming::snake(type_name), str::to_owned);
                surface.operations.insert(
                    type_name.to_owned(),
                    OperationSurface {
                        type_name: type_name.to_owned(),
                        method_name,
                        endpoint: format!("{} {path}", method.to_ascii_uppercase()),
                        fields,
                        record,
                    },
                );
            }
        }
        Ok(surface)
    }
}

fn enum_of(name: &str, schema: &Value) -> Option<EnumSurface> {
    let values = schema["enum"].as_array()?;
    let open = schema["x-open-enum"] == true;
    // Integer enums list their documented names under `x-enum-varnames`; the Rust variants
    // are `x-rust-variants` (or, in older documents, the names in UpperCamelCase).
    let (variants, named) = match schema["x-rust-variants"].as_array() {
        Some(variants) => (variants, false),
        None => (schema["x-enum-varnames"].as_array()?, !open),
    };
    let type_name = schema["x-rust-type"].as_str().map_or_else(
        || {
            if open {
                naming::camel(name)
            } else {
                naming::enum_type(name)
            }
        },
        str::to_owned,
    );
    let values = values
        .iter()
        .zip(variants)
        .filter_map(|(value, variant)| {
            let value = match value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            let variant = variant.as_str()?;
            let variant = if named {
                naming::camel(variant)
            } else {
                variant.to_owned()
            };
            Some((value, variant))
        })
        .collect();
    Some(EnumSurface { type_name, values })
}

/// The properties of a component schema as fields.
fn schema_fields(
    surface: &ApiSurface,
    schema: &Value,
    requestable: bool,
) -> BTreeMap<String, FieldSurface> {
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = schema["properties"].as_object() else {
        return BTreeMap::new();
    };
    properties
        .iter()
        .map(|(json_name, property)| {
            let rust_name = property["x-rust-name"]
                .as_str()
                .map_or_else(|| naming::field(json_name), str::to_owned);
            let field = FieldSurface {
                rust_name,
                ty: rust_type_of(surface, property),
                required: requestable && required.contains(&json_name.as_str()),
            };
            (json_name.clone(), field)
        })
        .collect()
}

/// The Rust type of a property schema, as [`ApiSurface::from_model`] writes it.
fn rust_type_of(surface: &ApiSurface, schema: &Value) -> String {
    if let Some(variants) = schema["oneOf"].as_array() {
        let inner: Vec<String> = variants
            .iter()
            .filter(|v| v["type"] != "null")
            .map(|v| rust_type_of(surface, v))
            .collect();
        return format!("Option<{}>", inner.join(" | "));
    }
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap_or(reference);
        return surface
            .enums
            .get(name)
            .map_or_else(|| name.to_owned(), |e| e.type_name.clone());
    }
    let local = schema.get("x-nexudus-time-zone").is_some();
    match (schema["type"].as_str(), schema["format"].as_str()) {
        (Some("array"), _) => format!("Vec<{}>", rust_type_of(surface, &schema["items"])),
        (Some("string"), Some("date-time")) => "Timestamp".to_owned(),
        (Some("string"), _) if local => "civil::DateTime".to_owned(),
        // A list's date-time filters are strings to the minute; the pattern tells them apart.
        (Some("string"), _) if schema["pattern"].as_str().is_some_and(is_minute_pattern) => {
            "Timestamp".to_owned()
        }
        (Some("string"), _) => "String".to_owned(),
        (Some("integer"), _) => "i64".to_owned(),
        (Some("number"), _) => "f64".to_owned(),
        (Some("boolean"), _) => "bool".to_owned(),
        (Some(other), _) => other.to_owned(),
        (None, _) => "any".to_owned(),
    }
}

fn is_minute_pattern(pattern: &str) -> bool {
    pattern.contains("T\\d{2}:\\d{2}")
}

/// The changes from `old` to `new`, breaking first, then by section and description.
pub fn compare(old: &ApiSurface, new: &ApiSurface) -> Vec<ApiChange> {
    let mut changes = Vec::new();
    let mut push = |impact, section, description: String| {
        changes.push(ApiChange {
            impact,
            section,
            description,
        })
    };
    use Impact::{Breaking, Compatible};
    use Section::{Added, Changed, Removed};
    for (name, old_op) in &old.operations {
        let Some(new_op) = new.operations.get(name) else {
            push(
                Breaking,
                Removed,
                format!(
                    "operation `Client::{}` and its request `{name}` ({})",
                    old_op.method_name, old_op.endpoint
                ),
            );
            continue;
        };
        if old_op.endpoint != new_op.endpoint {
            push(
                Compatible,
                Changed,
                format!(
                    "`Client::{}` calls {} (was {})",
                    new_op.method_name, new_op.endpoint, old_op.endpoint
                ),
            );
        }
        let owner = FieldOwner::Request {
            type_name: &new_op.type_name,
            builder: &new_op.method_name,
        };
        compare_fields(&owner, &old_op.fields, &new_op.fields, &mut push);
        match (&old_op.record, &new_op.record) {
            (Some(old_record), Some(new_record)) => {
                let owner = FieldOwner::Record(&new_record.type_name);
                compare_fields(&owner, &old_record.fields, &new_record.fields, &mut push);
            }
            (None, Some(record)) => push(
                Compatible,
                Added,
                format!(
                    "`Client::{}` answers the record `{}` ({} fields)",
                    new_op.method_name,
                    record.type_name,
                    record.fields.len()
                ),
            ),
            (Some(record), None) => push(
                Breaking,
                Removed,
                format!(
                    "`Client::{}` no longer answers the record `{}`",
                    new_op.method_name, record.type_name
                ),
            ),
            (None, None) => {}
        }
    }
    for (name, new_op) in &new.operations {
        if !old.operations.contains_key(name) {
            let record = new_op
                .record
                .as_ref()
                .map(|r| format!(", answers `{}` ({} fields)", r.type_name, r.fields.len()))
                .unwrap_or_default();
            push(
                Compatible,
                Added,
                format!(
                    "operation `Client::{}` with its request `{name}` ({}, {} fields{record})",
                    new_op.method_name,
                    new_op.endpoint,
                    new_op.fields.len()
                ),
            );
        }
    }
    for (name, old_enum) in &old.enums {
        let Some(new_enum) = new.enums.get(name) else {
            push(
                Breaking,
                Removed,
                format!("enum `{}` (`{name}`)", old_enum.type_name),
            );
            continue;
        };
        let ty = &new_enum.type_name;
        if old_enum.type_name != *ty {
            push(
                Breaking,
                Changed,
                format!(
                    "enum `{name}` is now the Rust type `{ty}` (was `{}`)",
                    old_enum.type_name
                ),
            );
        }
        for (value, old_variant) in &old_enum.values {
            match new_enum.values.get(value) {
                None => push(
                    Breaking,
                    Removed,
                    format!("`{ty}::{old_variant}` (value `{value}`)"),
                ),
                Some(new_variant) if new_variant != old_variant => push(
                    Breaking,
                    Changed,
                    format!(
                        "value `{value}` of `{ty}` is `{ty}::{new_variant}` (was `{old_variant}`)"
                    ),
                ),
                Some(_) => {}
            }
        }
        for (value, new_variant) in &new_enum.values {
            if !old_enum.values.contains_key(value) {
                push(
                    Compatible,
                    Added,
                    format!("`{ty}::{new_variant}` (value `{value}`)"),
                );
            }
        }
    }
    for (name, new_enum) in &new.enums {
        if !old.enums.contains_key(name) {
            push(
                Compatible,
                Added,
                format!(
                    "enum `{}` (`{name}`, {} values)",
                    new_enum.type_name,
                    new_enum.values.len()
                ),
            );
        }
    }
    changes.sort_by(|a, b| {
        (a.impact, a.section, &a.description).cmp(&(b.impact, b.section, &b.description))
    });
    changes
}

/// Where a field lives, for naming it as a Rust path.
enum FieldOwner<'a> {
    /// A request struct and its builder module.
    Request {
        type_name: &'a str,
        builder: &'a str,
    },
    /// A record struct (every field an `Option`, no builder).
    Record(&'a str),
}

impl FieldOwner<'_> {
    fn item(&self, field: &FieldSurface) -> String {
        match self {
            Self::Request { type_name, .. } | Self::Record(type_name) => {
                format!("`{type_name}::{}`", field.rust_name)
            }
        }
    }

    fn setter(&self, field: &FieldSurface) -> String {
        match self {
            Self::Request { builder, .. } => {
                format!(", setter `{builder}::Builder::{}`", field.rust_name)
            }
            Self::Record(_) => String::new(),
        }
    }

    fn is_request(&self) -> bool {
        matches!(self, Self::Request { .. })
    }
}

fn compare_fields(
    owner: &FieldOwner<'_>,
    old: &BTreeMap<String, FieldSurface>,
    new: &BTreeMap<String, FieldSurface>,
    push: &mut impl FnMut(Impact, Section, String),
) {
    use Impact::{Breaking, Compatible};
    use Section::{Added, Changed, Removed};
    for (json, old_field) in old {
        let Some(new_field) = new.get(json) else {
            // A JSON name whose case alone changed keeps its Rust name: a wire change.
            if let Some((renamed, new_field)) = new
                .iter()
                .find(|(n, f)| !old.contains_key(*n) && f.rust_name == old_field.rust_name)
            {
                push(
                    Compatible,
                    Changed,
                    format!(
                        "{} is sent and read as JSON `{renamed}` (was `{json}`)",
                        owner.item(new_field)
                    ),
                );
            } else {
                push(
                    Breaking,
                    Removed,
                    format!(
                        "{} (JSON `{json}`){}",
                        owner.item(old_field),
                        owner.setter(old_field)
                    ),
                );
            }
            continue;
        };
        let item = format!("{} (JSON `{json}`)", owner.item(new_field));
        if old_field.rust_name != new_field.rust_name {
            push(
                Breaking,
                Changed,
                format!(
                    "JSON `{json}` is {} (was `{}`){}",
                    owner.item(new_field),
                    old_field.rust_name,
                    owner.setter(new_field)
                ),
            );
        }
        if old_field.ty != new_field.ty {
            push(
                Breaking,
                Changed,
                format!("{item} is `{}` (was `{}`)", new_field.ty, old_field.ty),
            );
        }
        match (old_field.required, new_field.required) {
            (false, true) => push(
                Breaking,
                Changed,
                format!(
                    "{item} became required: `build()` needs{}",
                    owner.setter(new_field).trim_start_matches(", setter")
                ),
            ),
            (true, false) => push(
                Breaking,
                Changed,
                format!("{item} became optional (its type becomes an `Option`)"),
            ),
            _ => {}
        }
    }
    for (json, new_field) in new {
        let renamed = old
            .iter()
            .any(|(n, f)| !new.contains_key(n) && f.rust_name == new_field.rust_name);
        if old.contains_key(json) || renamed {
            continue;
        }
        let item = owner.item(new_field);
        let setter = owner.setter(new_field);
        let ty = &new_field.ty;
        if new_field.required {
            push(
                Breaking,
                Added,
                format!("{item} (JSON `{json}`, `{ty}`), required{setter}"),
            );
        } else {
            let kind = if owner.is_request() {
                "optional"
            } else {
                "record field"
            };
            push(
                Compatible,
                Added,
                format!("{item} (JSON `{json}`, `{ty}`), {kind}{setter}"),
            );
        }
    }
}

/// The API changes from `old` to `new` OpenAPI documents as the generator writes them.
pub fn compare_documents(old: &str, new: &str) -> Result<Vec<ApiChange>, String> {
    let old = ApiSurface::from_openapi(old).map_err(|e| format!("the baseline: {e}"))?;
    let new = ApiSurface::from_openapi(new).map_err(|e| format!("the new document: {e}"))?;
    Ok(compare(&old, &new))
}

/// The release a set of changes needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bump {
    /// No API change.
    None,
    /// Compatible changes only: a minor version (a patch below 1.0, where the minor is the
    /// breaking position).
    Compatible,
    /// A breaking change: a major version (the minor below 1.0).
    Breaking,
}

/// The change report: the changes and the version the crate goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeReport {
    /// Every change, breaking first.
    pub changes: Vec<ApiChange>,
    /// `nexudus-generated`'s current version, when known.
    pub current_version: Option<semver::Version>,
    /// The doc pages a sync left out, each with where it is and why
    /// (`name (llms.txt:LINE, URL): reason`): what the changes do not include.
    pub left_out: Vec<String>,
}

impl ChangeReport {
    /// The report of `old` → `new` for a crate now at `current_version`.
    pub fn new(
        old: &ApiSurface,
        new: &ApiSurface,
        current_version: Option<semver::Version>,
    ) -> Self {
        Self {
            changes: compare(old, new),
            current_version,
            left_out: Vec::new(),
        }
    }

    /// What kind of release the changes need.
    pub fn bump(&self) -> Bump {
        if self.changes.iter().any(|c| c.impact == Impact::Breaking) {
            Bump::Breaking
        } else if self.changes.is_empty() {
            Bump::None
        } else {
            Bump::Compatible
        }
    }

    /// The version to release, by Cargo's semver rules (below 1.0 the minor is breaking).
    pub fn next_version(&self) -> Option<semver::Version> {
        let current = self.current_version.as_ref()?;
        Some(next_version(current, self.bump()))
    }

    fn verdict(&self) -> String {
        let breaking = self
            .changes
            .iter()
            .filter(|c| c.impact == Impact::Breaking)
            .count();
        let kind = match self.bump() {
            Bump::None => return "no API change".to_owned(),
            Bump::Breaking => format!("{breaking} breaking"),
            Bump::Compatible => "compatible".to_owned(),
        };
        match (&self.current_version, self.next_version()) {
            (Some(current), Some(next)) => {
                format!("{kind}: `nexudus-generated` {current} → {next}")
            }
            _ => kind,
        }
    }

    /// The report as plain text for the terminal.
    pub fn to_text(&self) -> String {
        let mut text = if self.changes.is_empty() {
            "API changes: none\n".to_owned()
        } else {
            format!(
                "API changes ({}; {}):\n",
                self.changes.len(),
                self.verdict()
            )
        };
        for change in &self.changes {
            let tag = match change.impact {
                Impact::Breaking => "breaking  ",
                Impact::Compatible => "compatible",
            };
            let section = change.section.heading().to_ascii_lowercase();
            let _ = writeln!(text, "  {tag} {section:<7} {}", change.description);
        }
        if !self.left_out.is_empty() {
            let _ = writeln!(
                text,
                "Pages left out ({}; their changes are not in):",
                self.left_out.len()
            );
            for page in &self.left_out {
                let _ = writeln!(text, "  {page}");
            }
        }
        text
    }

    /// The pages left out as a Markdown section of its own (`## Pages left out`), after the
    /// changelog sections, so what is pasted into `CHANGELOG.md` stays the API's changes.
    fn left_out_markdown(&self, text: &mut String) {
        if self.left_out.is_empty() {
            return;
        }
        let _ = writeln!(
            text,
            "\n## Pages left out\n\nThese pages are not in the specs; the changes above do not include them.\n"
        );
        for page in &self.left_out {
            let _ = writeln!(text, "- {}", markdown_text(page));
        }
    }

    /// The report as Markdown: a pull request's description, whose `###` sections (Keep a
    /// Changelog's Added, Changed, Removed) paste into `CHANGELOG.md`'s Unreleased section.
    pub fn to_markdown(&self) -> String {
        let mut text = "## API changes\n\n".to_owned();
        if self.changes.is_empty() {
            text.push_str("None: the generated API is unchanged.\n");
            self.left_out_markdown(&mut text);
            return text;
        }
        let reason = match (self.bump(), self.current_version.as_ref()) {
            (Bump::Breaking, Some(v)) if v.major == 0 => {
                " (below 1.0, a breaking change bumps the minor version)"
            }
            _ => "",
        };
        let _ = writeln!(text, "**{}**{reason}.", capitalise(&self.verdict()));
        for section in [Section::Added, Section::Changed, Section::Removed] {
            let mut entries = self
                .changes
                .iter()
                .filter(|c| c.section == section)
                .peekable();
            if entries.peek().is_none() {
                continue;
            }
            let _ = writeln!(text, "\n### {}\n", section.heading());
            for change in entries {
                let mark = match change.impact {
                    Impact::Breaking => "**Breaking:** ",
                    Impact::Compatible => "",
                };
                let _ = writeln!(text, "- {mark}{}", change.description);
            }
        }
        self.left_out_markdown(&mut text);
        text
    }
}

/// A line of plain text as Markdown that renders it as written: a reason quotes spec lines
/// and page text, whose `*`, `_`, `<` or `|` would otherwise format or vanish. Its code spans
/// (`` `UpdateCoworker` ``) stay code, where a backslash would show; with an unpaired
/// backtick there are none.
fn markdown_text(text: &str) -> String {
    let spans = text.matches('`').count().is_multiple_of(2);
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        let c = if c == '\n' { ' ' } else { c };
        if c == '`' && spans {
            in_code = !in_code;
        } else if !in_code
            && matches!(
                c,
                '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '|' | '#'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The version after `current` for a `bump`: 0.x.y → 0.(x+1).0 for a breaking change and
/// 0.x.(y+1) otherwise; from 1.0 on, the major and the minor.
pub fn next_version(current: &semver::Version, bump: Bump) -> semver::Version {
    let (major, minor, patch) = (current.major, current.minor, current.patch);
    let (major, minor, patch) = match (bump, major) {
        (Bump::None, _) => (major, minor, patch),
        (Bump::Breaking, 0) => (0, minor + 1, 0),
        (Bump::Breaking, _) => (major + 1, 0, 0),
        (Bump::Compatible, 0) => (0, minor, patch + 1),
        (Bump::Compatible, _) => (major, minor + 1, 0),
    };
    semver::Version::new(major, minor, patch)
}

/// The `version` of the `[package]` table of a Cargo manifest, or of its
/// `[workspace.package]` table (where a package's `version.workspace = true` takes it from).
pub fn manifest_version(manifest: &str) -> Result<semver::Version, String> {
    table_version(manifest, "[package]")
        .or_else(|| table_version(manifest, "[workspace.package]"))
        .unwrap_or_else(|| Err("no `version` in [package] or [workspace.package]".to_owned()))
}

/// The `version` of `table`, if it has one: parsed, or why it does not parse.
fn table_version(manifest: &str, table: &str) -> Option<Result<semver::Version, String>> {
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == table;
            continue;
        }
        if let Some(value) = line
            .strip_prefix("version")
            .map(str::trim_start)
            .and_then(|rest| rest.strip_prefix('='))
            .filter(|_| in_package)
        {
            let value = value.trim().trim_matches('"');
            return Some(
                semver::Version::parse(value)
                    .map_err(|error| format!("version `{value}` is not a semver version: {error}")),
            );
        }
    }
    None
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

    fn report(old: &str, new: &str, version: &str) -> ChangeReport {
        ChangeReport {
            changes: compare_documents(old, new).expect("valid documents"),
            current_version: Some(semver::Version::parse(version).expect("version")),
            left_out: Vec::new(),
        }
    }

    #[test]
    fn changes_name_the_rust_items_and_fall_into_keep_a_changelog_sections() {
        let old = document(
            r#""FullName": {"type": "string"}, "Notes": {"type": "string"}"#,
            r#""FullName""#,
            "1, 2",
        );
        let new = document(
            r#""FullName": {"type": "string"}, "Email": {"type": "string"}, "Skype": {"type": "string"}"#,
            r#""FullName", "Email""#,
            "1, 2, 3",
        );
        let report = report(&old, &new, "0.1.0");
        let described: Vec<(Impact, Section, &str)> = report
            .changes
            .iter()
            .map(|c| (c.impact, c.section, c.description.as_str()))
            .collect();
        assert_eq!(
            described,
            [
                (
                    Impact::Breaking,
                    Section::Added,
                    "`CreateCoworker::email` (JSON `Email`, `String`), required, setter `create_coworker::Builder::email`"
                ),
                (
                    Impact::Breaking,
                    Section::Removed,
                    "`CreateCoworker::notes` (JSON `Notes`), setter `create_coworker::Builder::notes`"
                ),
                (
                    Impact::Compatible,
                    Section::Added,
                    "`CreateCoworker::skype` (JSON `Skype`, `String`), optional, setter `create_coworker::Builder::skype`"
                ),
                (
                    Impact::Compatible,
                    Section::Added,
                    "`Gender::Female` (value `3`)"
                ),
            ]
        );
        assert_eq!(report.next_version(), Some(semver::Version::new(0, 2, 0)));
        let markdown = report.to_markdown();
        assert!(
            markdown.contains("`nexudus-generated` 0.1.0 → 0.2.0"),
            "{markdown}"
        );
        let added = markdown.find("### Added").expect("an Added section");
        let removed = markdown.find("### Removed").expect("a Removed section");
        assert!(
            added < removed && !markdown.contains("### Changed"),
            "{markdown}"
        );
        assert!(
            markdown.contains("- **Breaking:** `CreateCoworker::notes`"),
            "{markdown}"
        );
    }

    #[test]
    fn pages_left_out_follow_the_changes_as_written() {
        let same = document(r#""Tag": {"type": "string"}"#, "", "1");
        let mut report = report(&same, &same, "0.1.0");
        report.left_out = vec![
            "put-x_y.md (llms.txt:4, URL): `from_Tag_On` has no *Id* | <b>".to_owned(),
            "odd.md: a lone ` backtick".to_owned(),
        ];
        let text = report.to_text();
        assert!(text.starts_with("API changes: none\n"), "{text}");
        assert!(
            text.contains("Pages left out (2; their changes are not in):\n  put-x_y.md"),
            "{text}"
        );
        let markdown = report.to_markdown();
        let (changes, left_out) = markdown
            .split_once("\n## Pages left out\n")
            .expect("a section of its own");
        assert!(changes.contains("None: the generated API is unchanged."));
        // Code spans stay code; the rest renders as written.
        assert!(
            left_out.contains(
                "- put-x\\_y.md (llms.txt:4, URL): `from_Tag_On` has no \\*Id\\* \\| \\<b\\>\n"
            ),
            "{left_out}"
        );
        assert!(
            left_out.contains("- odd.md: a lone \\` backtick\n"),
            "{left_out}"
        );
        assert!(
            !report.to_markdown().contains("### "),
            "no changelog section"
        );
    }

    #[test]
    fn requiredness_and_type_changes_break() {
        let old = document(r#""Tag": {"type": "string"}"#, "", "1, 2");
        let new = document(r#""Tag": {"type": "integer"}"#, r#""Tag""#, "1");
        let report = report(&old, &new, "1.4.2");
        assert!(
            report.changes.iter().all(|c| c.impact == Impact::Breaking),
            "{report:?}"
        );
        assert_eq!(report.changes.len(), 3);
        assert_eq!(report.next_version(), Some(semver::Version::new(2, 0, 0)));
    }

    #[test]
    fn compatible_changes_bump_the_patch_below_one_and_the_minor_above() {
        let old = document(r#""Tag": {"type": "string"}"#, "", "1");
        let new = document(r#""Tag": {"type": "string"}"#, "", "1, 2");
        assert_eq!(
            report(&old, &new, "0.3.1").next_version(),
            Some(semver::Version::new(0, 3, 2))
        );
        assert_eq!(
            report(&old, &new, "1.3.1").next_version(),
            Some(semver::Version::new(1, 4, 0))
        );
    }

    #[test]
    fn identical_documents_have_no_changes() {
        let same = document(r#""Tag": {"type": "string"}"#, "", "1");
        let report = report(&same, &same, "0.1.0");
        assert_eq!(report.changes, []);
        assert_eq!(report.bump(), Bump::None);
        assert_eq!(report.to_text(), "API changes: none\n");
    }

    #[test]
    fn the_manifest_version_is_read_from_the_package_table() {
        let manifest =
            "[package]\nname = \"x\"\nversion = \"0.4.1\"\n\n[dependencies]\nversion = \"9\"\n";
        assert_eq!(
            manifest_version(manifest),
            Ok(semver::Version::new(0, 4, 1))
        );
        assert!(manifest_version("[package]\nversion = \"one\"\n").is_err());
        let workspace =
            "[workspace.package]\nversion = \"0.2.0\"\n\n[package]\nversion.workspace = true\n";
        assert_eq!(
            manifest_version(workspace),
            Ok(semver::Version::new(0, 2, 0))
        );
    }
}
