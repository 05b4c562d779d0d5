//! Folds an imported page into the existing spec of its entity. The page is the source of
//! truth for what it documents; what a maintainer curated by hand is kept, and said so.

use super::{Field, Spec, Warning};
use crate::spec::{OperationKind, SpecType};

/// The merged spec and the curated facts that were kept.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The spec to write.
    pub spec: Spec,
    /// One line per curated fact kept, e.g. "kept `DateOfBirth`: datetime-utc (the page says string)".
    pub kept: Vec<String>,
}

/// Merges `imported` (one page) into `existing` (the entity's spec, if any).
///
/// - the page's operation replaces the operation of the same name, or is added;
/// - a field keeps its curated `sensitive`, `note`, and a date-time type where the page says
///   `string`;
/// - fields only the spec has and that carry a `note` (prose-only fields such as Coworker's
///   `TariffId`) are kept after the page's fields; others are gone from the page and removed;
/// - enums keep their curated description and `repr`; values come from the page;
/// - the entity's `notes` and the other pages' operations are kept.
pub fn merge(existing: Option<Spec>, imported: Spec, warnings: &mut Vec<Warning>) -> Merged {
    let Some(mut spec) = existing else {
        return Merged {
            spec: imported,
            kept: Vec::new(),
        };
    };
    let mut kept = Vec::new();
    if !imported.entity.is_empty() && spec.entity != imported.entity {
        warnings.push(Warning {
            line: 0,
            message: format!(
                "the page is about `{}` but the spec about `{}`; kept the spec's entity",
                imported.entity, spec.entity
            ),
        });
    }
    // A delete page describes the deletion, not the entity: any other page's description
    // replaces it.
    let only_deletes = |operations: &[super::Operation]| {
        operations.iter().all(|o| o.kind == OperationKind::Delete)
    };
    if spec.description.is_empty()
        || spec
            .operations
            .iter()
            .all(|o| imported.operations.iter().any(|i| i.name == o.name))
        || (only_deletes(&spec.operations) && !only_deletes(&imported.operations))
    {
        spec.description = imported.description.clone();
    }
    for page in imported.pages {
        if !spec.pages.contains(&page) {
            spec.pages.push(page);
        }
    }
    for mut operation in imported.operations {
        let previous = spec
            .operations
            .iter()
            .position(|o| o.name == operation.name);
        if let Some(index) = previous {
            let old = &spec.operations[index];
            keep_curated(&old.fields, &mut operation.fields, &mut kept);
            keep_curated(&old.parameters, &mut operation.parameters, &mut kept);
            keep_curated(&old.response, &mut operation.response, &mut kept);
            spec.operations[index] = operation;
        } else {
            spec.operations.push(operation);
        }
    }
    for mut imported_enum in imported.enums {
        match spec.enums.iter_mut().find(|e| e.name == imported_enum.name) {
            Some(existing) => {
                if !existing.description.is_empty() {
                    imported_enum.description = existing.description.clone();
                    kept.push(format!("kept the description of `{}`", existing.name));
                }
                if imported_enum.repr.is_none() {
                    imported_enum.repr = existing.repr.clone();
                }
                *existing = imported_enum;
            }
            None => spec.enums.push(imported_enum),
        }
    }
    for mut imported_enum in imported.string_enums {
        match spec
            .string_enums
            .iter_mut()
            .find(|e| e.name == imported_enum.name)
        {
            Some(existing) => {
                if !existing.description.is_empty() {
                    imported_enum.description = existing.description.clone();
                }
                *existing = imported_enum;
            }
            None => spec.string_enums.push(imported_enum),
        }
    }
    if spec.notes.is_some() {
        kept.push("kept the entity's notes".to_owned());
    }
    Merged { spec, kept }
}

/// Enum names are global across spec files: an enum of the page that another spec file
/// already defines (`eGender` on every page that has a gender) is left to that file, and a
/// page that lists other values for it says so.
pub fn leave_enums_to_their_files(
    spec: &mut Spec,
    elsewhere: &[(String, super::Enum)],
    warnings: &mut Vec<Warning>,
) {
    spec.enums.retain(|imported| {
        let Some((file, defined)) = elsewhere.iter().find(|(_, e)| e.name == imported.name) else {
            return true;
        };
        if defined.values != imported.values {
            let listed = |values: &[(i64, String)]| {
                values
                    .iter()
                    .map(|(value, name)| format!("{value} = {name}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            warnings.push(Warning {
                line: 0,
                message: format!(
                    "`{}` is defined in {file} with values {}, but this page lists {}; kept {file}'s definition, update it there if the page is right",
                    imported.name,
                    listed(&defined.values),
                    listed(&imported.values)
                ),
            });
        }
        false
    });
}

/// Carries the curated facts of `old` over to the page's `fields` of the same list.
fn keep_curated(old: &[Field], fields: &mut Vec<Field>, kept: &mut Vec<String>) {
    for field in fields.iter_mut() {
        let Some(curated) = old.iter().find(|f| f.name == field.name) else {
            continue;
        };
        if curated.sensitive && !field.sensitive {
            field.sensitive = true;
            kept.push(format!("kept `{}` sensitive", field.name));
        }
        if let (Some(note), None) = (&curated.note, &field.note) {
            field.note = Some(note.clone());
            kept.push(format!("kept the note on `{}`", field.name));
        }
        if matches!(curated.ty, SpecType::DateTimeUtc | SpecType::DateTimeLocal)
            && field.ty == SpecType::String
        {
            kept.push(format!(
                "kept `{}` as {} (the page says string)",
                field.name, curated.ty
            ));
            field.ty = curated.ty;
        }
    }
    for curated in old {
        if curated.note.is_some() && !fields.iter().any(|f| f.name == curated.name) {
            kept.push(format!(
                "kept `{}`, which the page's field list omits ({})",
                curated.name,
                curated.note.as_deref().unwrap_or_default()
            ));
            fields.push(curated.clone());
        }
    }
}
