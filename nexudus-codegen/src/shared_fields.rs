//! Finds the fields an entity's create and update have in common, the last step of building
//! the model.
//!
//! Most update pages list the `Id` and then the create's fields again: generated twice, each
//! of those fields cost two struct fields, two setters, two `Clone` and `write_fields` lines,
//! so a third of the compile time of a large client went to fields the two requests repeat.
//! Shared, they are stored in one struct and set by one builder.

use std::collections::HashSet;

use crate::model::{Entity, Field, OperationKind, SharedFields};
use crate::naming;

/// Sets [`Entity::shared`] of every entity whose update repeats all of its create's fields
/// (same JSON and Rust names, types, requiredness, nullability, defaults, secrecy and notes),
/// in order and together, and whose shared type and module names are free.
pub fn share(entities: &mut [Entity]) {
    let mut taken: HashSet<String> = entities
        .iter()
        .flat_map(|entity| {
            let operations = entity
                .operations
                .iter()
                .flat_map(|operation| [operation.type_name.clone(), operation.method_name.clone()]);
            let record = entity.record.iter().map(|record| record.type_name.clone());
            operations
                .chain(record)
                .chain([entity.module.clone()])
                .collect::<Vec<_>>()
        })
        .collect();
    taken.extend(
        crate::validate::RESERVED_TYPE_NAMES
            .iter()
            .map(|name| (*name).to_owned()),
    );
    for entity in entities {
        entity.shared = shared_fields(entity, &mut taken);
    }
}

/// The shared fields of `entity`, if its create and update have them.
fn shared_fields(entity: &Entity, taken: &mut HashSet<String>) -> Option<SharedFields> {
    let position = |kind| {
        entity
            .operations
            .iter()
            .position(|operation| operation.kind == kind)
    };
    let (create, update) = (
        position(OperationKind::Create)?,
        position(OperationKind::Update)?,
    );
    let (create_fields, update_fields) = (
        &entity.operations[create].fields,
        &entity.operations[update].fields,
    );
    // The requests hold the shared struct in a field of that name.
    let holder_taken = || {
        create_fields
            .iter()
            .chain(update_fields)
            .any(|field| naming::unraw(&field.rust_name) == "fields")
    };
    if create_fields.is_empty() || holder_taken() {
        return None;
    }
    let update_offset = update_fields
        .windows(create_fields.len())
        .position(|run| run.iter().zip(create_fields).all(|(u, c)| same_field(c, u)))?;
    let name = naming::camel(&entity.name);
    let type_name = format!("{name}Fields");
    let module = naming::snake(&type_name);
    if taken.contains(&type_name) || taken.contains(&module) {
        return None;
    }
    taken.insert(type_name.clone());
    taken.insert(module.clone());
    let fields = create_fields
        .iter()
        .zip(&update_fields[update_offset..])
        .map(|(create, update)| merged_description(create, update))
        .collect();
    Some(SharedFields {
        type_name,
        module,
        create,
        update,
        update_offset,
        fields,
    })
}

/// Whether one struct field and one setter can stand for both: everything but the prose.
fn same_field(create: &Field, update: &Field) -> bool {
    create.json_name == update.json_name
        && create.rust_name == update.rust_name
        && create.ty == update.ty
        && create.required == update.required
        && create.nullable == update.nullable
        && create.default == update.default
        && create.sensitive == update.sensitive
        && create.note == update.note
}

/// The create's field, with the update page's description after its own where the two pages
/// say different things, so that neither page's words are lost. An update description that
/// only spells the field's name out (`Coworker Id.` of `CoworkerId`, as many update pages
/// have) says nothing more and is left out.
fn merged_description(create: &Field, update: &Field) -> Field {
    let mut field = create.clone();
    let (mine, theirs) = (create.description.trim(), update.description.trim());
    let letters = |text: &str| -> String {
        text.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let only_the_name = letters(theirs) == letters(&update.json_name);
    if !theirs.is_empty() && mine != theirs && !only_the_name {
        field.description = if mine.is_empty() {
            theirs.to_owned()
        } else {
            format!("{mine} The update's page: {theirs}")
        };
    }
    field
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FieldType, HttpMethod, Operation};

    fn field(json: &str, description: &str) -> Field {
        Field {
            json_name: json.to_owned(),
            rust_name: naming::snake(json),
            ty: FieldType::String,
            required: false,
            nullable: false,
            description: description.to_owned(),
            default: None,
            sensitive: false,
            note: None,
        }
    }

    fn operation(kind: OperationKind, fields: Vec<Field>) -> Operation {
        let name = format!("{kind:?}Note");
        Operation {
            method_name: naming::snake(&name),
            type_name: name,
            kind,
            method: HttpMethod::Post,
            path: "/api/spaces/notes".to_owned(),
            summary: String::new(),
            role: String::new(),
            fields,
        }
    }

    fn entity(create: Vec<Field>, update: Vec<Field>) -> Entity {
        Entity {
            name: "Note".to_owned(),
            area: "spaces".to_owned(),
            module: "notes".to_owned(),
            spec_path: "spaces/notes.yaml".to_owned(),
            description: String::new(),
            operations: vec![
                operation(OperationKind::Create, create),
                operation(OperationKind::Update, update),
            ],
            record: None,
            shared: None,
        }
    }

    fn shared(mut entity: Entity) -> Option<SharedFields> {
        share(std::slice::from_mut(&mut entity));
        entity.shared
    }

    #[test]
    fn an_update_that_repeats_the_create_after_its_id_shares_those_fields() {
        let create = vec![field("Name", "The name."), field("Notes", "")];
        let update = vec![
            field("Id", ""),
            field("Name", "Name."),
            field("Notes", ""),
            field("AddedBy", ""),
        ];
        let shared = shared(entity(create, update)).expect("shared");
        assert_eq!(shared.type_name, "NoteFields");
        assert_eq!(shared.module, "note_fields");
        assert_eq!(shared.update_offset, 1);
        let names: Vec<_> = shared.fields.iter().map(|f| f.json_name.as_str()).collect();
        assert_eq!(names, ["Name", "Notes"]);
        assert_eq!(shared.fields[0].description, "The name.");
        let create = vec![field("Name", "The name.")];
        let update = vec![field("Id", ""), field("Name", "What people call it.")];
        let shared = self::shared(entity(create, update)).expect("shared");
        assert_eq!(
            shared.fields[0].description,
            "The name. The update's page: What people call it."
        );
        let create = vec![field("Name", "")];
        let update = vec![field("Id", ""), field("Name", "What people call it.")];
        let shared = self::shared(entity(create, update)).expect("shared");
        assert_eq!(shared.fields[0].description, "What people call it.");
    }

    #[test]
    fn fields_that_differ_in_more_than_prose_or_order_are_not_shared() {
        let create = vec![field("Name", ""), field("Notes", "")];
        let reordered = vec![field("Id", ""), field("Notes", ""), field("Name", "")];
        assert_eq!(shared(entity(create.clone(), reordered)), None);
        let mut required = field("Notes", "");
        required.required = true;
        let update = vec![field("Id", ""), field("Name", ""), required];
        assert_eq!(shared(entity(create.clone(), update)), None);
        let missing = vec![field("Id", ""), field("Name", "")];
        assert_eq!(shared(entity(create, missing)), None);
    }

    #[test]
    fn a_create_without_fields_or_a_taken_name_shares_nothing() {
        assert_eq!(shared(entity(vec![], vec![field("Id", "")])), None);
        let mut taken = entity(vec![field("Name", "")], vec![field("Name", "")]);
        taken.module = "note_fields".to_owned();
        assert_eq!(shared(taken), None);
        let holder = entity(
            vec![field("Name", "")],
            vec![field("Id", ""), field("Name", ""), field("Fields", "")],
        );
        assert_eq!(shared(holder), None);
    }
}
