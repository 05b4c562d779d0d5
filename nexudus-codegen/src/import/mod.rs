//! Importing Nexudus doc pages (the text of the rendered REST reference pages) into specs.
//!
//! The steps, one file each: [`page`] reads a page into its parts with line numbers,
//! [`enums`] pairs the page's heading-less enum tables with the enum names the fields
//! mention, [`merge`] folds the result into the existing spec without losing what a
//! maintainer curated, and [`emit`] writes the spec YAML.

pub mod emit;
pub mod enums;
pub mod merge;
pub mod page;

use crate::spec::SpecFile;

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
}

/// One operation of a spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Operation {
    /// `name:`, e.g. `CreateCoworkerNote`.
    pub name: String,
    /// `kind:`: `create`, `update`, `get`, `list` or `delete`.
    pub kind: String,
    /// `method:`
    pub method: String,
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
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Field {
    /// The exact JSON name.
    pub name: String,
    /// `type:`
    pub ty: String,
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

/// A problem of a page the importer could work around, with the page's line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line of the page (0 when it concerns the whole page).
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
        let values = self.spec.enums.iter().map(|e| e.values.len()).sum();
        (self.spec.operations.len(), fields, values)
    }
}

/// Reads one page (its file name goes into `pages:`).
pub fn import_page(file_name: &str, text: &str) -> Imported {
    let parsed = page::parse(text);
    let mut warnings = parsed.warnings.clone();
    if parsed.unsupported {
        return Imported {
            spec: Spec::default(),
            warnings,
        };
    }
    let paired = enums::pair(&parsed, &mut warnings);
    let spec = page::into_spec(file_name, parsed, paired, &mut warnings);
    Imported { spec, warnings }
}

impl Spec {
    /// The plain form of a loaded spec file.
    pub fn from_file(file: &SpecFile) -> Self {
        Self {
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
            operations: file
                .operations
                .iter()
                .map(|operation| Operation {
                    name: operation.name.value.clone(),
                    kind: format!("{:?}", operation.kind).to_lowercase(),
                    method: operation.method.value.clone(),
                    path: operation.path.value.clone(),
                    summary: operation.summary.clone(),
                    role: operation.role.clone(),
                    fields: plain_fields(&operation.fields),
                    parameters: plain_fields(&operation.parameters),
                    response: plain_fields(&operation.response),
                })
                .collect(),
            enums: file
                .enums
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
                .collect(),
        }
    }
}

fn plain_fields(fields: &[crate::spec::FieldSpec]) -> Vec<Field> {
    fields
        .iter()
        .map(|field| Field {
            name: field.name.value.clone(),
            ty: field.ty.value.clone(),
            required: field.required,
            description: field.description.clone(),
            enum_name: field.enum_name.as_ref().map(|e| e.value.clone()),
            nullable: field.nullable,
            default: field.default.as_ref().map(|d| d.value.clone()),
            sensitive: field.sensitive,
            note: field.note.clone(),
        })
        .collect()
}
