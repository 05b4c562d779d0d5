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
///   `TariffId`) are kept after the page's fields, and so is every field of the spec when the
///   page ends early (what it cuts off is unknown, not gone); others are gone from the page
///   and removed;
/// - enums keep their curated description and `repr`; values come from the page;
/// - an operation keeps its role when the page names none;
/// - the entity's `notes` and the other pages' operations are kept.
pub fn merge(existing: Option<Spec>, imported: Spec, warnings: &mut Vec<Warning>) -> Merged {
    let Some(mut spec) = existing else {
        let mut kept = Vec::new();
        let mut spec = imported;
        share_facts_across_operations(&mut spec, &mut kept);
        return Merged { spec, kept };
    };
    let mut kept = Vec::new();
    if !imported.entity.is_empty() && spec.entity != imported.entity {
        warnings.push(Warning {
            line: 1,
            message: format!(
                "the page is about `{}` but the spec about `{}`; kept the spec's entity",
                imported.entity, spec.entity
            ),
        });
    }
    // An update page describes the update ("Updates an existing … record"), a delete page the
    // deletion: a create, get or list page's description of the entity wins over theirs, in
    // whichever order the pages come.
    let describes_the_entity = |operations: &[super::Operation]| {
        operations.iter().any(|o| {
            matches!(
                o.kind,
                OperationKind::Create | OperationKind::Get | OperationKind::List
            )
        })
    };
    let reimports_every_operation = spec
        .operations
        .iter()
        .all(|o| imported.operations.iter().any(|i| i.name == o.name));
    if !imported.description.is_empty()
        && (spec.description.is_empty()
            || reimports_every_operation
            || (!describes_the_entity(&spec.operations)
                && describes_the_entity(&imported.operations)))
    {
        spec.description = imported.description.clone();
    }
    spec.notes = merged_notes(
        spec.notes.take(),
        imported.notes.as_deref(),
        &imported.pages,
    );
    for page in imported.pages {
        if !spec.pages.contains(&page) {
            spec.pages.push(page);
        }
    }
    // A page that ends early shows part of its fields: what it does not reach is unknown, not
    // gone, so the spec keeps it.
    let page_ends_early = imported
        .notes
        .as_deref()
        .is_some_and(super::assemble::says_page_ends_early);
    for mut operation in imported.operations {
        let previous = spec
            .operations
            .iter()
            .position(|o| o.name == operation.name);
        if let Some(index) = previous {
            let old = &spec.operations[index];
            // A page that names no role (it ends before its Authentication note) says
            // nothing about it: the role is unknown, not gone.
            if operation.role.is_empty() && !old.role.is_empty() {
                operation.role.clone_from(&old.role);
                kept.push(format!(
                    "kept the role `{}` of `{}`, which the page does not name",
                    old.role, old.name
                ));
            }
            keep_curated(
                &old.fields,
                &mut operation.fields,
                page_ends_early,
                &mut kept,
            );
            keep_curated(
                &old.parameters,
                &mut operation.parameters,
                page_ends_early,
                &mut kept,
            );
            keep_curated(
                &old.response,
                &mut operation.response,
                page_ends_early,
                &mut kept,
            );
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
    share_facts_across_operations(&mut spec, &mut kept);
    Merged { spec, kept }
}

/// The entity's notes after importing `pages`: the curated notes, without an earlier "ends
/// early" sentence of these pages (the new import says again whether they end early), plus
/// the new import's note.
fn merged_notes(
    existing: Option<String>,
    imported: Option<&str>,
    pages: &[String],
) -> Option<String> {
    let stale = |sentence: &str| {
        pages
            .iter()
            .any(|page| sentence.starts_with(&format!("{page} ends early")))
    };
    let mut sentences: Vec<String> = Vec::new();
    for part in existing.iter().flat_map(|n| n.split_inclusive(". ")) {
        let part = part.trim();
        if !part.is_empty() && !stale(part) {
            sentences.push(part.to_owned());
        }
    }
    if let Some(note) = imported {
        sentences.push(note.to_owned());
    }
    (!sentences.is_empty()).then(|| sentences.join(" "))
}

/// The entity field a list filter is about: `CoworkerSetting_EncryptedValue`,
/// `from_CoworkerNote_CreatedOn` and `to_…` filter the field after the entity's name.
fn filtered_field<'a>(entity: &str, parameter: &'a str) -> Option<&'a str> {
    let bare = parameter
        .strip_prefix("from_")
        .or_else(|| parameter.strip_prefix("to_"))
        .unwrap_or(parameter);
    bare.strip_prefix(entity)?
        .strip_prefix('_')
        .filter(|f| !f.is_empty())
}

/// Curated facts belong to the entity's field, not to the operation they were written on: a
/// field that one operation marks sensitive or notes gets the same fact in every other
/// operation of the entity (a get's record, an update, a list filter), so a secret the create
/// hides is not printed by the record's `Debug`; a date-time type reaches records and
/// updates, not filters.
fn share_facts_across_operations(spec: &mut Spec, kept: &mut Vec<String>) {
    #[derive(Default)]
    struct Facts {
        sensitive: Option<String>,
        date_time: Option<(SpecType, String)>,
        note: Option<(String, String)>,
        string_enum: Option<(String, String)>,
    }
    let entity = spec.entity.clone();
    let string_enums: Vec<String> = spec.string_enums.iter().map(|e| e.name.clone()).collect();
    let mut facts: std::collections::BTreeMap<String, Facts> = std::collections::BTreeMap::new();
    for operation in &spec.operations {
        let body = operation.fields.iter().chain(&operation.response);
        let by_field = body.map(|field| (field.name.as_str(), field));
        let filters = operation
            .parameters
            .iter()
            .filter_map(|parameter| Some((filtered_field(&entity, &parameter.name)?, parameter)));
        let body_count = operation.fields.len() + operation.response.len();
        for (index, (field_name, field)) in by_field.chain(filters).enumerate() {
            let is_filter = index >= body_count;
            let known = facts.entry(field_name.to_owned()).or_default();
            if field.sensitive && known.sensitive.is_none() {
                known.sensitive = Some(operation.name.clone());
            }
            if let Some(name) = field
                .enum_name
                .as_ref()
                .filter(|n| string_enums.contains(n))
                && known.string_enum.is_none()
            {
                known.string_enum = Some((name.clone(), operation.name.clone()));
            }
            // A range filter's date-time comes from its documented format, not the field's.
            if matches!(field.ty, SpecType::DateTimeUtc | SpecType::DateTimeLocal)
                && known.date_time.is_none()
                && !is_filter
            {
                known.date_time = Some((field.ty, operation.name.clone()));
            }
            // A note that a field is only in the page's prose holds for that page alone.
            if let Some(note) = field.note.as_ref().filter(|n| {
                n.as_str() != super::assemble::CUT_DESCRIPTION_NOTE && !n.contains("prose")
            }) && known.note.is_none()
            {
                known.note = Some((note.clone(), operation.name.clone()));
            }
        }
    }
    for operation in &mut spec.operations {
        let name = operation.name.clone();
        let body_count = operation.fields.len() + operation.response.len();
        let body = operation
            .fields
            .iter_mut()
            .chain(operation.response.iter_mut());
        let by_field = body.map(|field| (field.name.clone(), field));
        let filters = operation.parameters.iter_mut().filter_map(|parameter| {
            let field = filtered_field(&entity, &parameter.name)?.to_owned();
            Some((field, parameter))
        });
        for (index, (field_name, field)) in by_field.chain(filters).enumerate() {
            let Some(known) = facts.get(&field_name) else {
                continue;
            };
            let is_filter = index >= body_count;
            if let Some(source) = known.sensitive.as_ref().filter(|s| **s != name)
                && !field.sensitive
            {
                field.sensitive = true;
                kept.push(format!(
                    "made `{}` of {name} sensitive, as {source} marks `{field_name}`",
                    field.name
                ));
            }
            // Filters keep their documented text: the pages give range filters a format of
            // their own (`YYYY-MM-DDTHH:mm`), which a timestamp would not send.
            if let Some((ty, source)) = known.date_time.as_ref().filter(|(_, s)| *s != name)
                && field.ty == SpecType::String
                && !is_filter
            {
                field.ty = *ty;
                kept.push(format!(
                    "typed `{}` of {name} {ty}, as {source} types `{field_name}`",
                    field.name
                ));
            }
            // A table of string values names the field's known values wherever it appears
            // (an equality filter sends the same string).
            if let Some((string_enum, source)) =
                known.string_enum.as_ref().filter(|(_, s)| *s != name)
                && field.ty == SpecType::String
                && field.enum_name.is_none()
                && !field.name.starts_with("from_")
                && !field.name.starts_with("to_")
            {
                field.enum_name = Some(string_enum.clone());
                kept.push(format!(
                    "gave `{}` of {name} the known values `{string_enum}`, as {source} has on `{field_name}`",
                    field.name
                ));
            }
            if let Some((note, source)) = known.note.as_ref().filter(|(_, s)| *s != name)
                && field.note.is_none()
            {
                field.note = Some(note.clone());
                kept.push(format!(
                    "gave `{}` of {name} the note {source} has on `{field_name}`",
                    field.name
                ));
            }
        }
    }
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
                line: 1,
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
fn keep_curated(
    old: &[Field],
    fields: &mut Vec<Field>,
    page_ends_early: bool,
    kept: &mut Vec<String>,
) {
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
        if fields.iter().any(|f| f.name == curated.name) {
            continue;
        }
        if curated.note.is_some() {
            kept.push(format!(
                "kept `{}`, which the page's field list omits ({})",
                curated.name,
                curated.note.as_deref().unwrap_or_default()
            ));
            fields.push(curated.clone());
        } else if page_ends_early {
            kept.push(format!(
                "kept `{}`, which the page does not reach (it ends early)",
                curated.name
            ));
            fields.push(curated.clone());
        }
    }
}
