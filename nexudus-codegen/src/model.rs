//! The one checked model every emitter reads: names resolved, references linked, order fixed.
//!
//! Nothing here can be wrong: [`crate::validate`] only builds it from specs that passed
//! every check, so the emitters never need to report errors or panic.

/// The whole API described by `spec/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// Every enum, sorted by Rust name.
    pub enums: Vec<Enum>,
    /// Every string enum, sorted by Rust name.
    pub string_enums: Vec<StringEnum>,
    /// Every entity, sorted by area then module name.
    pub entities: Vec<Entity>,
    /// The shared response envelope.
    pub envelope: Envelope,
}

impl Api {
    /// The API areas (`spaces`, `crm`, …) that have at least one entity, sorted.
    pub fn areas(&self) -> Vec<&str> {
        let mut areas: Vec<&str> = self.entities.iter().map(|e| e.area.as_str()).collect();
        areas.dedup();
        areas
    }

    /// Looks an enum up by its documented name (`eGender`).
    pub fn enum_named(&self, documented: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.documented_name == documented)
    }
}

/// One entity: the operations of one spec file.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// As Nexudus writes it, e.g. `CoworkerNote`.
    pub name: String,
    /// The API area, a valid Rust module name, e.g. `spaces`.
    pub area: String,
    /// The Rust module the entity is generated into, from the spec file's name.
    pub module: String,
    /// The spec file, e.g. `spaces/coworkernotes.yaml` (relative to `spec/`).
    pub spec_path: String,
    /// The entity's description.
    pub description: String,
    /// The entity's operations, in spec order.
    pub operations: Vec<Operation>,
    /// The record its get operation answers with (and its list operation pages through).
    pub record: Option<Record>,
    /// The fields its create and update share, generated once for both.
    pub shared: Option<SharedFields>,
}

/// The fields of an entity's create that its update has too, in the same order and of the
/// same types: stored, visited and set once for both requests, since most update pages
/// repeat the create's fields after the `Id`.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedFields {
    /// The Rust type holding them, e.g. `CoworkerNoteFields`.
    pub type_name: String,
    /// The module of the builder both requests share, e.g. `coworker_note_fields`.
    pub module: String,
    /// The create's index in [`Entity::operations`]: every one of its fields is shared.
    pub create: usize,
    /// The update's index in [`Entity::operations`].
    pub update: usize,
    /// Where the shared fields start among the update's fields: the update's own fields are
    /// the ones before (its `Id`) and after them.
    pub update_offset: usize,
    /// The shared fields, described as the create's page describes them and, where the
    /// update's page says something else, as that page does too.
    pub fields: Vec<Field>,
}

impl SharedFields {
    /// The update's fields before the shared ones and after them.
    pub fn update_own<'a>(&self, update: &'a Operation) -> (&'a [Field], &'a [Field]) {
        let end = self.update_offset + self.fields.len();
        (&update.fields[..self.update_offset], &update.fields[end..])
    }
}

/// An entity's record as the API answers with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The Rust type, the entity's name, e.g. `LockerRental`.
    pub type_name: String,
    /// The documented response fields; every one is optional when decoding, since Nexudus
    /// leaves out what it has no value for.
    pub fields: Vec<Field>,
}

/// One REST operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The Rust request type, e.g. `CreateCoworkerNote`.
    pub type_name: String,
    /// The client method and builder module, e.g. `create_coworker_note`.
    pub method_name: String,
    /// What the operation does: decides where [`Operation::fields`] go and what it answers.
    pub kind: OperationKind,
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path below the host; get and delete paths end in `/{id}`.
    pub path: String,
    /// The page title.
    pub summary: String,
    /// The role a restricted administrator needs.
    pub role: String,
    /// The request's fields, in spec order: the JSON body of a create or update, the query
    /// parameters of a list, none for a get or delete (their input is the record's id).
    pub fields: Vec<Field>,
}

pub use crate::spec::{HttpMethod, OperationKind};

/// One request field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The exact JSON name.
    pub json_name: String,
    /// The Rust field and setter name, a valid identifier (raw if it is a keyword).
    pub rust_name: String,
    /// The value's type.
    pub ty: FieldType,
    /// Whether the builder refuses to build without it.
    pub required: bool,
    /// Whether `null` is a meaningful value (`eX?`).
    pub nullable: bool,
    /// The documented description.
    pub description: String,
    /// The documented default, as written.
    pub default: Option<String>,
    /// Whether `Debug` must hide the value.
    pub sensitive: bool,
    /// A maintainer's note.
    pub note: Option<String>,
}

/// The value types a field can have.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// JSON string.
    String,
    /// JSON integer (64-bit: Nexudus ids exceed 32 bits).
    Integer,
    /// JSON number.
    Number,
    /// JSON boolean.
    Boolean,
    /// A list of integers.
    IntegerList,
    /// A list of strings.
    StringList,
    /// A date-time in UTC.
    DateTimeUtc,
    /// A date-time in the location's local time.
    DateTimeLocal,
    /// An integer enum, by its Rust type name.
    Enum(String),
    /// A string enum (an open set of known strings), by its Rust type name.
    StringEnum(String),
}

/// A string-valued enum: the known values of a string field; any other string is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    /// As documented, e.g. `NotificationType`.
    pub documented_name: String,
    /// The Rust type, e.g. `NotificationType`.
    pub type_name: String,
    /// What the values stand for.
    pub description: String,
    /// The name of the variant that keeps strings the docs do not list.
    pub unknown_variant: String,
    /// The documented values, in documented order.
    pub values: Vec<StringEnumValue>,
}

/// One documented value of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct StringEnumValue {
    /// The string on the wire, e.g. `community-event`.
    pub value: String,
    /// What it means, e.g. `Community event update`.
    pub description: String,
    /// The Rust variant, e.g. `CommunityEvent`.
    pub variant: String,
}

/// An integer-valued enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// As documented, e.g. `eGender`.
    pub documented_name: String,
    /// The Rust type, e.g. `Gender`.
    pub type_name: String,
    /// What the enum stands for.
    pub description: String,
    /// The Rust integer type of the values, e.g. `i32`.
    pub repr: String,
    /// The name of the catch-all variant that keeps unknown values.
    pub unknown_variant: String,
    /// The documented values, in documented order.
    pub values: Vec<EnumValue>,
}

/// One enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The integer on the wire.
    pub value: i64,
    /// The documented name, used by `Display` and `FromStr`.
    pub name: String,
    /// The Rust variant.
    pub variant: String,
}

/// The response envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// What the envelope is.
    pub description: String,
    /// The envelope's fields.
    pub fields: Vec<EnvelopeField>,
    /// The fields of one validation error.
    pub error_fields: Vec<EnvelopeField>,
}

/// A field of the envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvelopeField {
    /// The exact JSON name.
    pub json_name: String,
    /// The Rust field name.
    pub rust_name: String,
    /// The value's type.
    pub ty: EnvelopeType,
    /// The documented description.
    pub description: String,
}

/// The value types of envelope fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvelopeType {
    /// JSON string.
    String,
    /// JSON integer.
    Integer,
    /// JSON boolean.
    Boolean,
    /// Any JSON value.
    Any,
    /// The list of validation errors.
    Errors,
}
