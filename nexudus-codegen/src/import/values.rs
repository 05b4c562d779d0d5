//! Tables of a string field's common values (the CoworkerNotification pages' `NotificationType`
//! / `Meaning` table), in both page shapes, and the string enums they become.
//!
//! The set such a table lists is open ("Common values include:"), so the enum it becomes keeps
//! any other string; the field stays `type: string` and names the enum with `enum:`.

use super::page::StringTable;
use super::{Spec, StringEnum, Warning};
use crate::spec::SpecType;

/// A value as the tables write them: `blog`, `community-event`, `identitycheck-fail`.
fn is_value(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

/// A field name as a table header writes it: `NotificationType`.
pub(super) fn is_field_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_uppercase())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && text != "Value"
        && text != "Name"
}

/// `coworkerinvoiceNew invoice generated` (the rendered text glues the two cells): the value
/// runs up to the meaning's capital letter.
fn glued_row(line: &str) -> Option<(String, String)> {
    let split = line.find(|c: char| c.is_ascii_uppercase())?;
    let (value, meaning) = line.split_at(split);
    (is_value(value) && !meaning.trim().is_empty())
        .then(|| (value.to_owned(), meaning.trim().to_owned()))
}

/// The sentence of `prose` that names `field` (`The NotificationType field indicates the
/// source event.`), or nothing.
pub(super) fn sentence_naming(prose: &str, field: &str) -> String {
    prose
        .split_inclusive(". ")
        .map(str::trim)
        .find(|sentence| sentence.split_whitespace().any(|w| w == field))
        .unwrap_or_default()
        .to_owned()
}

/// A row of a Markdown table of values: `` | `blog` | New blog post published | ``.
pub(super) fn markdown_row(cells: &[String]) -> Option<(String, String)> {
    let [value, meaning, ..] = cells else {
        return None;
    };
    let value = value.trim().trim_matches('`').trim();
    (is_value(value) && !meaning.trim().is_empty())
        .then(|| (value.to_owned(), meaning.trim().to_owned()))
}

/// The rendered description's lines with the glued value tables (`NotificationTypeMeaning`,
/// then `blogNew blog post published`, …) taken out into `tables`; `offset` is the index of
/// `lines[0]` in the page, for the tables' line numbers.
pub(super) fn take_glued_tables<'a>(
    lines: &[&'a str],
    offset: usize,
    tables: &mut Vec<StringTable>,
) -> Vec<&'a str> {
    let mut prose: Vec<&str> = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let header = line
            .strip_suffix("Meaning")
            .filter(|field| is_field_name(field));
        let rows: Vec<(String, String)> = lines[index + 1..]
            .iter()
            .map_while(|l| glued_row(l))
            .collect();
        match header {
            Some(field) if !rows.is_empty() => {
                tables.push(StringTable {
                    field: field.to_owned(),
                    description: sentence_naming(&prose.join(" "), field),
                    line: offset + index + 1,
                    rows: rows.clone(),
                });
                index += 1 + rows.len();
            }
            _ => {
                if !line.is_empty() {
                    prose.push(line);
                }
                index += 1;
            }
        }
    }
    prose
}

/// Turns the page's value tables into string enums of `spec`, and links the string fields
/// they describe: the field of the same name, and list filters on it (`X_NotificationType`).
pub(super) fn apply(tables: &[StringTable], spec: &mut Spec, warnings: &mut Vec<Warning>) {
    for table in tables {
        let mut values: Vec<(String, String)> = Vec::new();
        for (value, meaning) in &table.rows {
            if values.iter().any(|(v, _)| v == value) {
                warnings.push(Warning {
                    line: table.line,
                    message: format!(
                        "the `{}` table lists `{value}` twice; kept the first",
                        table.field
                    ),
                });
            } else {
                values.push((value.clone(), meaning.clone()));
            }
        }
        let suffix = format!("_{}", table.field);
        for operation in &mut spec.operations {
            let linked = operation
                .fields
                .iter_mut()
                .chain(operation.response.iter_mut())
                .filter(|f| f.name == table.field)
                .chain(
                    operation
                        .parameters
                        .iter_mut()
                        .filter(|p| p.name.ends_with(&suffix) && !p.name.starts_with("from_"))
                        .filter(|p| !p.name.starts_with("to_")),
                );
            for field in linked {
                if field.ty == SpecType::String && field.enum_name.is_none() {
                    field.enum_name = Some(table.field.clone());
                } else if field.ty != SpecType::String {
                    warnings.push(Warning {
                        line: table.line,
                        message: format!(
                            "the `{}` values are strings but field `{}` is `{}`; not linked",
                            table.field, field.name, field.ty
                        ),
                    });
                }
            }
        }
        if !spec.string_enums.iter().any(|e| e.name == table.field) {
            spec.string_enums.push(StringEnum {
                name: table.field.clone(),
                description: table.description.clone(),
                values,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_rows_split_at_the_meaning() {
        assert_eq!(
            glued_row("identity-check-failedIdentity check failed (alternate)"),
            Some((
                "identity-check-failed".to_owned(),
                "Identity check failed (alternate)".to_owned()
            ))
        );
        assert_eq!(glued_row("Authentication"), None);
        assert_eq!(glued_row("blog"), None);
    }

    #[test]
    fn glued_tables_leave_the_description() {
        let mut tables = Vec::new();
        let prose = take_glued_tables(
            &[
                "A notification. The Kind field says why. Common values include:",
                "KindMeaning",
                "blogNew blog post",
                "surveySurvey notification",
                "",
                "After.",
            ],
            10,
            &mut tables,
        );
        assert_eq!(
            prose,
            [
                "A notification. The Kind field says why. Common values include:",
                "After."
            ]
        );
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].field, "Kind");
        assert_eq!(tables[0].line, 12);
        assert_eq!(tables[0].description, "The Kind field says why.");
        assert_eq!(tables[0].rows[1].0, "survey");
    }
}
