//! Importing Nexudus doc pages into specs, in either shape the site has: the text of the
//! rendered REST reference pages, or the Markdown source it serves (`….md`).
//!
//! The steps, one file each, in order: [`rendered`] or [`markdown`] parses a page into a
//! [`page::Page`] with line numbers ([`values`] reads tables of string values in both), [`pair`] pairs the page's heading-less enum tables with the enum names
//! the fields mention, [`assemble`] builds the page's [`Spec`], [`merge`] folds it into the
//! existing spec without losing what a maintainer curated, and [`yaml`] writes the spec file.

pub mod assemble;
pub mod markdown;
pub mod merge;
pub mod page;
pub mod pair;
pub mod rendered;
pub mod values;
pub mod yaml;

use crate::spec::{FieldSpec, HttpMethod, OperationKind, SpecFile, SpecType};

/// A spec as the importer handles it: plain data, in the format's order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Spec {
    /// `entity:`
    pub entity: String,
    /// `area:`
    pub area: String,
    /// `description:`
    pub description: String,
    /// `pages:`: the doc pages the spec was read from.
    pub pages: Vec<String>,
    /// `notes:`: curated by hand.
    pub notes: Option<String>,
    /// `operations:`
    pub operations: Vec<Operation>,
    /// `enums:`
    pub enums: Vec<Enum>,
    /// `string_enums:`
    pub string_enums: Vec<StringEnum>,
}

/// One operation of a spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `name:`, e.g. `CreateCoworkerNote`.
    pub name: String,
    /// `kind:`
    pub kind: OperationKind,
    /// `method:`
    pub method: HttpMethod,
    /// `path:`
    pub path: String,
    /// `summary:`
    pub summary: String,
    /// `role:`
    pub role: String,
    /// `fields:`: the request body.
    pub fields: Vec<Field>,
    /// `parameters:`: a list page's query parameters.
    pub parameters: Vec<Field>,
    /// `response:`: a get page's record fields.
    pub response: Vec<Field>,
}

/// One field of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The exact JSON name.
    pub name: String,
    /// `type:`
    pub ty: SpecType,
    /// `required:`
    pub required: bool,
    /// `description:`
    pub description: String,
    /// `enum:`
    pub enum_name: Option<String>,
    /// `nullable:`
    pub nullable: bool,
    /// `default:`
    pub default: Option<String>,
    /// `sensitive:`: curated.
    pub sensitive: bool,
    /// `note:`: curated.
    pub note: Option<String>,
}

/// One enum.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Enum {
    /// The documented name, e.g. `eGender`.
    pub name: String,
    /// `description:`
    pub description: String,
    /// `repr:`
    pub repr: Option<String>,
    /// `(value, name)` in documented order.
    pub values: Vec<(i64, String)>,
}

/// One string enum: a field's common string values, an open set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StringEnum {
    /// The name, the field's (`NotificationType`).
    pub name: String,
    /// `description:`
    pub description: String,
    /// `(value, meaning)` in documented order.
    pub values: Vec<(String, String)>,
}

/// A problem of a page the importer could work around, with the page's line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line of the page (1 when it concerns the whole page).
    pub line: usize,
    /// What is wrong and what the importer did.
    pub message: String,
}

/// What importing one page gave.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// The spec of the page alone.
    pub spec: Spec,
    /// What the page did not say clearly.
    pub warnings: Vec<Warning>,
    /// 1-based line where the page names its role, or would (see [`page::Page::role_line`]):
    /// where a page that names no role, and so no entity, is located.
    pub role_line: usize,
}

impl Imported {
    /// Operations, fields and enum values read, for the end-of-run count.
    pub fn counts(&self) -> (usize, usize, usize) {
        let fields = self
            .spec
            .operations
            .iter()
            .map(|o| o.fields.len() + o.parameters.len() + o.response.len())
            .sum();
        let values = self
            .spec
            .enums
            .iter()
            .map(|e| e.values.len())
            .sum::<usize>()
            + self
                .spec
                .string_enums
                .iter()
                .map(|e| e.values.len())
                .sum::<usize>();
        (self.spec.operations.len(), fields, values)
    }
}

/// `text` with every line ending (`\r\n`, a lone `\r` of old Mac files, `\n`) as `\n`, so a
/// page reads the same, with the same line numbers, whatever wrote it.
pub fn with_unix_line_endings(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Reads one page (its file name goes into `pages:`), in the Markdown shape when its name
/// ends in `.md` or its text looks like Markdown ([`markdown::is_markdown`]), else as rendered
/// text.
pub fn import_page(file_name: &str, text: &str) -> Imported {
    let text = with_unix_line_endings(text);
    let parsed = if markdown::is_markdown(file_name, &text) {
        markdown::parse(file_name, &text)
    } else {
        rendered::parse(&text)
    };
    let mut warnings = parsed.warnings.clone();
    let role_line = parsed.role_line.max(1);
    if parsed.unsupported {
        return Imported {
            spec: Spec::default(),
            warnings,
            role_line,
        };
    }
    let paired = pair::pair(&parsed, &mut warnings);
    let string_tables = parsed.string_tables.clone();
    let mut spec = assemble::spec(file_name, parsed, paired, &mut warnings);
    values::apply(&string_tables, &mut spec, &mut warnings);
    Imported {
        spec,
        warnings,
        role_line,
    }
}

impl Spec {
    /// The plain form of a loaded spec file, or the first `method:` or `type:` the spec
    /// format does not have, with its line and column (`codegen` reports every such problem).
    pub fn from_file(file: &SpecFile) -> Result<Self, String> {
        let mut operations = Vec::new();
        for operation in &file.operations {
            let method = HttpMethod::parse(&operation.method.value).ok_or_else(|| {
                format!(
                    "line {}, column {}: `{}` is not an HTTP method",
                    operation.method.referenced.line(),
                    operation.method.referenced.column(),
                    operation.method.value
                )
            })?;
            operations.push(Operation {
                name: operation.name.value.clone(),
                kind: operation.kind,
                method,
                path: operation.path.value.clone(),
                summary: operation.summary.clone(),
                role: operation.role.clone(),
                fields: plain_fields(&operation.fields)?,
                parameters: plain_fields(&operation.parameters)?,
                response: plain_fields(&operation.response)?,
            });
        }
        Ok(Self {
            entity: file
                .entity
                .as_ref()
                .map(|e| e.value.clone())
                .unwrap_or_default(),
            area: file
                .area
                .as_ref()
                .map(|a| a.value.clone())
                .unwrap_or_default(),
            description: file.description.clone().unwrap_or_default(),
            pages: file.pages.clone(),
            notes: file.notes.clone(),
            operations,
            enums: enums_of(file),
            string_enums: string_enums_of(file),
        })
    }
}

/// The enums a loaded spec file defines, in their plain form.
pub fn enums_of(file: &SpecFile) -> Vec<Enum> {
    file.enums
        .iter()
        .map(|e| Enum {
            name: e.name.value.clone(),
            description: e.description.clone(),
            repr: e.repr.as_ref().map(|r| r.value.clone()),
            values: e
                .values
                .iter()
                .map(|v| (v.value.value, v.name.value.clone()))
                .collect(),
        })
        .collect()
}

/// The string enums a loaded spec file defines, in their plain form.
pub fn string_enums_of(file: &SpecFile) -> Vec<StringEnum> {
    file.string_enums
        .iter()
        .map(|e| StringEnum {
            name: e.name.value.clone(),
            description: e.description.clone(),
            values: e
                .values
                .iter()
                .map(|v| (v.value.value.clone(), v.description.clone()))
                .collect(),
        })
        .collect()
}

fn plain_fields(fields: &[FieldSpec]) -> Result<Vec<Field>, String> {
    fields
        .iter()
        .map(|field| {
            let ty = SpecType::parse(&field.ty.value).ok_or_else(|| {
                format!(
                    "line {}, column {}: field `{}` has the unknown type `{}`",
                    field.ty.referenced.line(),
                    field.ty.referenced.column(),
                    field.name.value,
                    field.ty.value
                )
            })?;
            Ok(Field {
                name: field.name.value.clone(),
                ty,
                required: field.required,
                description: field.description.clone(),
                enum_name: field.enum_name.as_ref().map(|e| e.value.clone()),
                nullable: field.nullable,
                default: field.default.as_ref().map(|d| d.value.clone()),
                sensitive: field.sensitive,
                note: field.note.clone(),
            })
        })
        .collect()
}
