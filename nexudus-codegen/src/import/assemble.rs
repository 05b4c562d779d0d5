//! Builds the importer's [`Spec`] of one page from its parts and the pairing of its enums:
//! the operation's kind, name and summary, the spec types of its fields, and the warnings
//! about what the spec format cannot hold.

use super::page::{Page, PageField};
use super::pair::Paired;
use super::rendered::documented_type;
use super::{Field, Operation, Spec, Warning};
use crate::spec::{HttpMethod, OperationKind, SpecType};

/// The entity's plural path segment and area, from `/api/{area}/{entities}[/{id}]`.
fn area_of(path: &str) -> (String, String) {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    (
        parts.get(1).copied().unwrap_or_default().to_owned(),
        parts.get(2).copied().unwrap_or_default().to_owned(),
    )
}

/// Builds the spec of one page from its parts and the enum pairing.
pub fn spec(file_name: &str, page: Page, paired: Paired, warnings: &mut Vec<Warning>) -> Spec {
    let (area, _) = area_of(&page.path);
    let entity = page
        .role
        .as_deref()
        .and_then(|role| role.split_once('-'))
        .map(|(entity, _)| entity.to_owned())
        .unwrap_or_default();
    let documented_method = HttpMethod::parse(&page.method);
    let kind = match (documented_method, page.path.contains('{')) {
        (Some(HttpMethod::Post), _) => OperationKind::Create,
        (Some(HttpMethod::Put), _) => OperationKind::Update,
        (Some(HttpMethod::Get), true) => OperationKind::Get,
        (Some(HttpMethod::Get), false) => OperationKind::List,
        (Some(HttpMethod::Delete), _) => OperationKind::Delete,
        _ => OperationKind::Create,
    };
    let summary = page
        .title
        .clone()
        .unwrap_or_else(|| default_summary(kind, &entity));
    let mut fields = fields_once(&page.fields, &paired, warnings);
    let mut parameters = fields_once(&page.query, &paired, warnings);
    parameters.retain(|parameter| {
        let several = matches!(parameter.ty, SpecType::IntegerList | SpecType::StringList);
        if several {
            let line = page.query.iter().find(|q| q.name == parameter.name).map_or(0, |q| q.line);
            warnings.push(Warning {
                line,
                message: format!(
                    "query parameter `{}` takes several values (`{}`); Nexudus filters take one value each in the spec format, so it is left out",
                    parameter.name, parameter.ty
                ),
            });
        }
        !several
    });
    // A get page documents the record it answers with, not a request body.
    let mut response = if kind == OperationKind::Get {
        std::mem::take(&mut fields)
    } else {
        Vec::new()
    };
    if kind == OperationKind::Update && !fields.iter().any(|f| f.name == "Id") {
        warnings.push(Warning {
            line: page.fields.first().map_or(1, |f| f.line),
            message: "an update page without an `Id` field".to_owned(),
        });
    }
    if kind != OperationKind::List && !parameters.is_empty() {
        warnings.push(Warning {
            line: page.query[0].line,
            message: format!("query parameters on a {kind} page are not imported"),
        });
    }
    // A partial copy of a page: what it shows is fact, the rest unknown, and the spec says so
    // rather than leaving a reader to take the operation for the whole story.
    let notes = page
        .ends_early
        .as_ref()
        .map(|ends| ends_early_note(file_name, ends.line));
    if let Some(cut) = page
        .ends_early
        .as_ref()
        .and_then(|e| e.in_description_of.as_deref())
    {
        for field in fields
            .iter_mut()
            .chain(&mut parameters)
            .chain(response.iter_mut())
        {
            if field.name == cut {
                field.note = Some(CUT_DESCRIPTION_NOTE.to_owned());
            }
        }
    }
    Spec {
        entity: entity.clone(),
        area,
        description: page.description.clone(),
        pages: vec![file_name.to_owned()],
        notes,
        operations: vec![Operation {
            name: operation_name(kind, &entity),
            kind,
            // A page without a method is no REST page; its warning says so.
            method: documented_method.unwrap_or(kind.method()),
            path: page.path.clone(),
            summary,
            role: page.role.clone().unwrap_or_default(),
            fields,
            parameters: if kind == OperationKind::List {
                parameters
            } else {
                Vec::new()
            },
            response,
        }],
        enums: paired.enums,
        string_enums: Vec::new(),
    }
}

/// The name the importer gives the operation of `kind` on `entity`: `CreateCoworkerNote`,
/// `ListCoworkerNotes`.
pub fn operation_name(kind: OperationKind, entity: &str) -> String {
    let plural = if kind == OperationKind::List { "s" } else { "" };
    format!("{}{entity}{plural}", kind.verb())
}

/// The summary of a page without a title: `Create CoworkerNote`.
fn default_summary(kind: OperationKind, entity: &str) -> String {
    format!("{} {entity}", kind.verb())
}

/// Names the spec of a page that does not name its entity (it names no role: it ends early)
/// after `entity`, which the caller found stated elsewhere: the operation names and the
/// summaries the importer derived from the (empty) entity are derived again.
pub fn name_after(spec: &mut Spec, entity: &str) {
    for operation in &mut spec.operations {
        if operation.name == operation_name(operation.kind, &spec.entity) {
            operation.name = operation_name(operation.kind, entity);
        }
        if operation.summary == default_summary(operation.kind, &spec.entity) {
            operation.summary = default_summary(operation.kind, entity);
        }
    }
    entity.clone_into(&mut spec.entity);
}

/// The `note:` of a field whose description is the last text of a page that ends early.
pub const CUT_DESCRIPTION_NOTE: &str =
    "The page ends early inside this description, which may be cut off.";

/// The sentence of the entity's `notes:` saying that `page` ends early (at its `line`). It
/// starts with the page's name, so a later import of the whole page can take it out again.
pub fn ends_early_note(page: &str, line: usize) -> String {
    format!("{page} ends early (line {line}): {ENDS_EARLY_TAIL}")
}

/// The end of every [`ends_early_note`].
const ENDS_EARLY_TAIL: &str = "this spec holds what it shows; what it cuts off is unknown.";

/// Whether an imported spec's `notes` say its page ends early (an [`ends_early_note`]).
pub fn says_page_ends_early(notes: &str) -> bool {
    notes.ends_with(ENDS_EARLY_TAIL)
}

/// The spec fields of `documented`, each JSON name once: a page that lists a name twice keeps
/// the first, and the second is a warning at its line. A field whose type the spec format
/// does not have (a cut-off `boolea`, an unknown `colour`) is left out: typed `string`, it
/// would send `"42"` where the API wants `42`.
fn fields_once(
    documented: &[PageField],
    paired: &Paired,
    warnings: &mut Vec<Warning>,
) -> Vec<Field> {
    let mut fields: Vec<Field> = Vec::new();
    // A set, not a scan of `fields`: a page of tens of thousands of fields stays linear.
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for field in documented {
        if documented_type(&field.ty).is_none() {
            warnings.push(Warning {
                line: field.line,
                message: format!(
                    "field `{}` has type `{}`, which the spec format does not have (cut off or unknown); left out",
                    field.name, field.ty
                ),
            });
        } else if !seen.insert(field.name.as_str()) {
            warnings.push(Warning {
                line: field.line,
                message: format!("`{}` is listed twice; kept the first", field.name),
            });
        } else {
            fields.push(spec_field(field, paired));
        }
    }
    fields
}

/// A list's range filter: `from_CoworkerNote_CreatedOn`, `to_…`.
fn is_range_filter(name: &str) -> bool {
    name.strip_prefix("from_")
        .or_else(|| name.strip_prefix("to_"))
        .is_some_and(|rest| rest.contains('_'))
}

/// One documented field (or query parameter) as a spec field: known types kept, dates told
/// apart by their descriptions, enum references resolved against the paired tables.
fn spec_field(field: &PageField, paired: &Paired) -> Field {
    let reference = paired.references.iter().find(|r| r.field == field.name);
    // `fields_once` keeps only fields of a documented type.
    let mut ty = documented_type(&field.ty).unwrap_or(SpecType::String);
    let lower = field.description.to_lowercase();
    if ty == SpecType::String && lower.contains("(utc)") {
        ty = SpecType::DateTimeUtc;
    } else if ty == SpecType::String
        && (lower.contains("local timezone") || lower.contains("local time zone"))
    {
        ty = SpecType::DateTimeLocal;
    } else if ty == SpecType::String
        && is_range_filter(&field.name)
        && field.description.contains("YYYY-MM-DDTHH:mm")
    {
        // The pages give range filters a date-time format with no zone or offset
        // ("Format: YYYY-MM-DDTHH:mm."): a civil date-time, sent in that form.
        ty = SpecType::DateTimeLocal;
    }
    let enum_name = reference
        .filter(|r| paired.enums.iter().any(|e| e.name == r.enum_name))
        .map(|r| r.enum_name.clone());
    // An enum's default names a value (`eGender.NotSet`); other fields keep the page's
    // `default:` as written.
    let default = match &enum_name {
        Some(_) => reference.and_then(|r| r.default.clone()),
        None => field.default.clone(),
    };
    Field {
        name: field.name.clone(),
        ty,
        required: field.required,
        description: field.description.clone(),
        enum_name,
        nullable: reference.is_some_and(|r| r.nullable),
        default,
        sensitive: false,
        note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::rendered::parse;

    #[test]
    fn repeated_fields_and_filters_of_several_values_are_warned_and_left_out() {
        let text = "GET\n/\napi\n/\nspaces\n/\ndesks\nSearch Desks\nA desk.\n\nAuthentication\n\nor have the Desk-List role.\n\nQuery Parameters\n\nDesk_Name\nstring\nBy name.\nDesk_Tags\ninteger[]\nBy tags.\nDesk_Name\nstring\nAgain.\n\nCode Examples\n";
        let page = parse(text);
        let mut warnings = Vec::new();
        let spec = spec("p.txt", page, Paired::default(), &mut warnings);
        let names: Vec<&str> = spec.operations[0]
            .parameters
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["Desk_Name"]);
        let lines: Vec<usize> = warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [23, 20], "{warnings:?}");
    }
}
