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
    /// String-valued enums: a string field's common values, an open set (any other string is
    /// kept); names share one namespace with `enums:`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub string_enums: Vec<StringEnumSpec>,
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

impl OperationKind {
    /// Every kind, in the order a spec file lists its operations.
    pub const ALL: [Self; 5] = [
        Self::Create,
        Self::Update,
        Self::Get,
        Self::List,
        Self::Delete,
    ];

    /// The kind as written in specs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Get => "get",
            Self::List => "list",
            Self::Delete => "delete",
        }
    }

    /// The verb that starts an operation's name (`CreateCoworkerNote`) and its summary.
    pub fn verb(self) -> &'static str {
        match self {
            Self::Create => "Create",
            Self::Update => "Update",
            Self::Get => "Get",
            Self::List => "List",
            Self::Delete => "Delete",
        }
    }

    /// Whether the path ends in `/{id}` and the request is just that id.
    pub fn takes_id(self) -> bool {
        matches!(self, Self::Get | Self::Delete)
    }

    /// The HTTP method Nexudus uses for this kind of operation.
    pub fn method(self) -> HttpMethod {
        match self {
            Self::Create => HttpMethod::Post,
            Self::Update => HttpMethod::Put,
            Self::Get | Self::List => HttpMethod::Get,
            Self::Delete => HttpMethod::Delete,
        }
    }
}

impl std::fmt::Display for OperationKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The HTTP methods a spec's `method:` may name (upper case, as on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
}

impl HttpMethod {
    /// Every method a spec may name.
    pub const ALL: [Self; 5] = [Self::Get, Self::Post, Self::Put, Self::Delete, Self::Patch];

    /// The method as written in specs and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
            Self::Patch => "PATCH",
        }
    }

    /// The method `written` names, exactly (upper case); `None` for anything else.
    pub fn parse(written: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == written)
    }

    /// The variant name of the runtime's `Method` enum.
    pub fn variant(self) -> &'static str {
        match self {
            Self::Get => "Get",
            Self::Post => "Post",
            Self::Put => "Put",
            Self::Delete => "Delete",
            Self::Patch => "Patch",
        }
    }
}

impl std::fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The values a spec field's `type:` may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecType {
    /// `string`
    String,
    /// `integer` (also the type of enum fields, with `enum:`).
    Integer,
    /// `number`
    Number,
    /// `boolean`
    Boolean,
    /// `integer[]`
    IntegerList,
    /// `string[]`
    StringList,
    /// `datetime-utc`: a `string` the docs say is in UTC.
    DateTimeUtc,
    /// `datetime-local`: a `string` the docs say is in the location's time zone.
    DateTimeLocal,
}

impl SpecType {
    /// Every type a spec may name, in the order the format documents them.
    pub const ALL: [Self; 8] = [
        Self::String,
        Self::Integer,
        Self::Number,
        Self::Boolean,
        Self::IntegerList,
        Self::StringList,
        Self::DateTimeUtc,
        Self::DateTimeLocal,
    ];

    /// The type as written in specs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Integer => "integer",
            Self::Number => "number",
            Self::Boolean => "boolean",
            Self::IntegerList => "integer[]",
            Self::StringList => "string[]",
            Self::DateTimeUtc => "datetime-utc",
            Self::DateTimeLocal => "datetime-local",
        }
    }

    /// The type `written` names, exactly; `None` for anything else.
    pub fn parse(written: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == written)
    }

    /// Whether the doc pages write this type themselves; the date-time types are the
    /// spec's own refinement of a page's `string`, told apart by the description.
    pub fn is_documented(self) -> bool {
        !matches!(self, Self::DateTimeUtc | Self::DateTimeLocal)
    }
}

impl std::fmt::Display for SpecType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
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
    /// For `integer` fields: the enum the docs refer to ("See eGender enum above"); for
    /// `string` fields: a string enum of `string_enums:` (its common values).
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

/// A string-valued enum: the common values of a string field (`NotificationType`). The set is
/// open: the generated type keeps any other string.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StringEnumSpec {
    /// The name, e.g. `NotificationType`; fields refer to it with `enum:`.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// What the values stand for.
    #[serde(default)]
    pub description: String,
    /// The documented values, in documented order.
    pub values: Vec<StringEnumValueSpec>,
}

/// One documented value of a string enum.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StringEnumValueSpec {
    /// The string sent over the wire, e.g. `community-event`.
    #[schemars(with = "String")]
    pub value: Spanned<String>,
    /// What the value means, e.g. `Community event update`.
    #[serde(default)]
    pub description: String,
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
