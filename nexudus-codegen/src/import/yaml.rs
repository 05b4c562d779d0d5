//! Writes a spec as YAML in the style of the checked-in files: keys in the format's order,
//! defaults left out, scalars quoted only when YAML would misread them.

use std::fmt::Write as _;

use super::Spec;

/// The spec's YAML text; `schema` is the relative path of the JSON Schema for the first line.
pub fn to_yaml(spec: &Spec, schema: &str) -> String {
    let mut out = format!("# yaml-language-server: $schema={schema}\n");
    let _ = writeln!(out, "entity: {}", scalar(&spec.entity));
    let _ = writeln!(out, "area: {}", scalar(&spec.area));
    if !spec.description.is_empty() {
        let _ = writeln!(out, "description: {}", scalar(&spec.description));
    }
    if !spec.pages.is_empty() {
        out.push_str("pages:\n");
        for page in &spec.pages {
            let _ = writeln!(out, "- {}", scalar(page));
        }
    }
    if let Some(notes) = &spec.notes {
        let _ = writeln!(out, "notes: {}", scalar(notes));
    }
    out.push_str("operations:\n");
    for operation in &spec.operations {
        let _ = writeln!(out, "- name: {}", scalar(&operation.name));
        let _ = writeln!(out, "  kind: {}", operation.kind);
        let _ = writeln!(out, "  method: {}", operation.method);
        let _ = writeln!(out, "  path: {}", scalar(&operation.path));
        let _ = writeln!(out, "  summary: {}", scalar(&operation.summary));
        let _ = writeln!(out, "  role: {}", scalar(&operation.role));
        if operation.fields.is_empty() {
            out.push_str("  fields: []\n");
        } else {
            out.push_str("  fields:\n");
            fields(&mut out, &operation.fields);
        }
        if !operation.parameters.is_empty() {
            out.push_str("  parameters:\n");
            fields(&mut out, &operation.parameters);
        }
        if !operation.response.is_empty() {
            out.push_str("  response:\n");
            fields(&mut out, &operation.response);
        }
    }
    if !spec.enums.is_empty() {
        out.push_str("enums:\n");
        for item in &spec.enums {
            let _ = writeln!(out, "- name: {}", scalar(&item.name));
            if !item.description.is_empty() {
                let _ = writeln!(out, "  description: {}", scalar(&item.description));
            }
            if let Some(repr) = &item.repr {
                let _ = writeln!(out, "  repr: {}", scalar(repr));
            }
            out.push_str("  values:\n");
            for (value, name) in &item.values {
                let _ = writeln!(out, "  - value: {value}\n    name: {}", scalar(name));
            }
        }
    }
    if !spec.string_enums.is_empty() {
        out.push_str("string_enums:\n");
        for item in &spec.string_enums {
            let _ = writeln!(out, "- name: {}", scalar(&item.name));
            if !item.description.is_empty() {
                let _ = writeln!(out, "  description: {}", scalar(&item.description));
            }
            out.push_str("  values:\n");
            for (value, meaning) in &item.values {
                let _ = writeln!(
                    out,
                    "  - value: {}\n    description: {}",
                    scalar(value),
                    scalar(meaning)
                );
            }
        }
    }
    out
}

fn fields(out: &mut String, fields: &[super::Field]) {
    for field in fields {
        let _ = writeln!(out, "  - name: {}", scalar(&field.name));
        let _ = writeln!(out, "    type: {}", field.ty);
        if field.required {
            out.push_str("    required: true\n");
        }
        let _ = writeln!(out, "    description: {}", scalar(&field.description));
        if let Some(name) = &field.enum_name {
            let _ = writeln!(out, "    enum: {}", scalar(name));
        }
        if field.nullable {
            out.push_str("    nullable: true\n");
        }
        if let Some(default) = &field.default {
            let _ = writeln!(out, "    default: {}", scalar(default));
        }
        if field.sensitive {
            out.push_str("    sensitive: true\n");
        }
        if let Some(note) = &field.note {
            let _ = writeln!(out, "    note: {}", scalar(note));
        }
    }
}

/// A YAML scalar: plain when it reads back as the same string, double-quoted (JSON escapes,
/// which YAML shares) otherwise.
fn scalar(text: &str) -> String {
    let first = text.chars().next();
    let risky_start =
        first.is_none_or(|c| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c) || c.is_ascii_digit());
    let reserved = matches!(
        text.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
    );
    let risky_inside = text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.ends_with(' ')
        || text.contains(['\n', '\t', '\r', '"', '\\'])
        || text.chars().any(escaped);
    if risky_start || reserved || risky_inside || text.parse::<f64>().is_ok() {
        double_quoted(text)
    } else {
        text.to_owned()
    }
}

/// Whether `c` is written as a `\uXXXX` escape: what a spec file may not hold as itself (see
/// `load::is_refused`), and the characters some readers take for line breaks or invisible marks.
fn escaped(c: char) -> bool {
    crate::load::is_refused(c) || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// `text` as a double-quoted YAML scalar, with JSON's escapes (which YAML shares) and the
/// characters of [`escaped`] as `\uXXXX`, so the file holds only what the loader accepts.
fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if escaped(c) => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_quoted_only_when_yaml_would_misread_them() {
        assert_eq!(scalar("Customer Id."), "Customer Id.");
        assert_eq!(scalar("Note: important"), "\"Note: important\"");
        assert_eq!(scalar("true"), "\"true\"");
        assert_eq!(scalar("123"), "\"123\"");
        assert_eq!(scalar(""), "\"\"");
        assert_eq!(scalar("/api/spaces/x"), "/api/spaces/x");
        assert_eq!(scalar("- dash"), "\"- dash\"");
        assert_eq!(scalar("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"");
    }

    /// Text from a page with characters a spec file may not hold as themselves is written as
    /// escapes, so the spec loads and reads back as the same text.
    #[test]
    fn characters_a_spec_may_not_hold_are_escaped_and_read_back() {
        for text in [
            "esc \u{1b}[2J",
            "bidi \u{202e}evil",
            "del \u{7f} bell \u{7} nul \u{0}",
            "lone \r return",
            "line\u{2028}separator \u{85} \u{feff} \u{fffe}",
            "tab\tand \u{8}\u{c}",
        ] {
            let written = scalar(text);
            let file = format!("entity: Thing\ndescription: {written}\n");
            let (_, spec) = crate::load::parse_file("spec/x.yaml", file.as_bytes())
                .unwrap_or_else(|d| panic!("{written}: {d}"));
            assert_eq!(spec.description.as_deref(), Some(text), "{written}");
        }
    }
}
