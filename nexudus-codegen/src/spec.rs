//! The YAML spec format, exactly as a maintainer writes it.
//!
//! These types mirror the files under `spec/` one to one; they carry no meaning beyond the
//! syntax. [`crate::validate`] turns them into the checked [`crate::model`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

/// One file under `spec/`: an entity with its operations, optionally the enums its pages
/// document, or the shared response envelope.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// The entity name as Nexudus writes it, e.g. `CoworkerNote`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub entity: Option<Spanned<String>>,
    /// The API area the entity lives in: the `{area}` of `/api/{area}/{entities}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub area: Option<Spanned<String>>,
    /// The entity's description from its doc pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Doc pages this file was transcribed from (file names under `api-docs/`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<String>,
    /// A maintainer's note: anything the docs imply that the field lists do not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The entity's REST operations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<OperationSpec>,
    /// Integer-valued enums documented on this entity's pages; names are global.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enums: Vec<EnumSpec>,
    /// The response envelope shared by every operation (defined in exactly one file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envelope: Option<EnvelopeSpec>,
}

/// One REST operation (one doc page).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OperationSpec {
    /// The operation's name, used for the Rust request type, e.g. `CreateCoworkerNote`.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// What the operation does to the entity.
    pub kind: OperationKind,
    /// The HTTP method, upper case: `GET`, `POST`, `PUT`, `DELETE` or `PATCH`.
    #[schemars(with = "String")]
    pub method: Spanned<String>,
    /// The path below the host, starting with `/api/`, e.g. `/api/spaces/coworkernotes`.
    #[schemars(with = "String")]
    pub path: Spanned<String>,
    /// The page title, e.g. `Create CoworkerNote`.
    pub summary: String,
    /// The role a restricted administrator needs, e.g. `CoworkerNote-Create`.
    pub role: String,
    /// The request body's fields, in documented order (create and update).
    #[serde(default)]
    pub fields: Vec<FieldSpec>,
    /// The query parameters of a list operation, by their exact names: `page`, `size`,
    /// `orderBy`, `dir`, `{Entity}_{Field}` filters and `from_`/`to_` range filters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<FieldSpec>,
    /// The fields of the record a get operation answers with, in documented order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response: Vec<FieldSpec>,
}

/// The kinds of page Nexudus publishes per entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OperationKind {
    /// `POST /api/{area}/{entities}`: creates a record.
    Create,
    /// `PUT /api/{area}/{entities}` with `Id` in the body: updates a record.
    Update,
    /// `GET /api/{area}/{entities}/{id}`: reads one record.
    Get,
    /// `GET /api/{area}/{entities}` with paging and filters.
    List,
    /// `DELETE /api/{area}/{entities}/{id}`.
    Delete,
}

/// One field of a request body.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// The exact JSON name as documented, never corrected.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// The field's type.
    #[serde(rename = "type")]
    #[schemars(with = "String")]
    pub ty: Spanned<String>,
    /// Whether the docs list the field under "Required Fields".
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// The documented description.
    #[serde(default)]
    pub description: String,
    /// For `integer` fields: the enum the docs refer to ("See eGender enum above").
    #[serde(default, rename = "enum", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub enum_name: Option<Spanned<String>>,
    /// The value may be `null` (documented as `eX?`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// The documented default, e.g. `eGender.NotSet`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub default: Option<Spanned<String>>,
    /// The value is a secret (token, key, PIN, bank account): never shown in `Debug`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub sensitive: bool,
    /// A maintainer's note, e.g. where a prose-only field comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An integer-valued enum.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumSpec {
    /// The documented name, e.g. `eGender`.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// What the enum stands for.
    #[serde(default)]
    pub description: String,
    /// The integer type of the values; `i32` unless the docs need more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub repr: Option<Spanned<String>>,
    /// Every documented value, in documented order.
    pub values: Vec<EnumValueSpec>,
}

/// One value of an enum.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumValueSpec {
    /// The integer sent over the wire.
    #[schemars(with = "i64")]
    pub value: Spanned<i64>,
    /// The documented name, e.g. `NotSet`.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
}

/// The JSON envelope every operation answers with.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnvelopeSpec {
    /// What the envelope is.
    #[serde(default)]
    pub description: String,
    /// The envelope's fields.
    pub fields: Vec<EnvelopeFieldSpec>,
    /// The fields of one entry of `Errors`.
    pub error_fields: Vec<EnvelopeFieldSpec>,
}

/// A field of the envelope or of one of its validation errors.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnvelopeFieldSpec {
    /// The exact JSON name.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// `string`, `integer`, `boolean`, `any` or `errors` (the list of validation errors).
    #[serde(rename = "type")]
    #[schemars(with = "String")]
    pub ty: Spanned<String>,
    /// The documented description.
    #[serde(default)]
    pub description: String,
}

fn is_false(value: &bool) -> bool {
    !*value
}
