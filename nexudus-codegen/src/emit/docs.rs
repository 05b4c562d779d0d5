//! Rustdoc text for generated items, taken from the specs' prose.

use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::model::{Field, FieldType};
use crate::naming::{camel, enum_type};

/// One `#[doc]` attribute per line of `text`, so prettyplease prints them as `///` lines.
/// Spec prose is not Markdown: brackets and angle brackets are escaped so rustdoc shows
/// them as written instead of reading links or HTML into them.
/// The text is already Markdown: callers escape prose with [`escape_markdown`].
pub fn doc_attrs(text: &str) -> TokenStream {
    crate::emit::splice::group(doc_attributes(text))
}

/// The attributes of [`doc_attrs`] as `syn` nodes, for the nodes spliced into a parsed file
/// ([`crate::emit::splice`]).
pub fn doc_attributes(text: &str) -> Vec<syn::Attribute> {
    doc_lines(text)
        .into_iter()
        .map(|line| syn::Attribute {
            pound_token: Default::default(),
            style: syn::AttrStyle::Outer,
            bracket_token: Default::default(),
            meta: syn::Meta::NameValue(syn::MetaNameValue {
                path: syn::Path::from(proc_macro2::Ident::new("doc", Span::call_site())),
                eq_token: Default::default(),
                value: syn::Expr::Lit(syn::ExprLit {
                    attrs: Vec::new(),
                    lit: syn::Lit::Str(syn::LitStr::new(
                        &crate::emit::printed_docs::doc_value(line),
                        Span::call_site(),
                    )),
                }),
            }),
        })
        .collect()
}

/// Like [`doc_attrs`], for the module the attributes stand in (`//!`).
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote!(#(#![doc = #lines])*)
}

/// The lines of a doc comment, safe whatever the specs' prose holds: a lone carriage return
/// ends a line (rustc refuses a bare CR in a doc comment), other control characters and the
/// text-direction controls (a deny-by-default lint) are written as `\u{…}`, and no line opens
/// a code block (indentation is dropped, fences are escaped), so prose never becomes a doctest.
fn doc_lines(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.trim()
        .lines()
        .map(|line| {
            let line = visible(line.trim());
            let line = if line.starts_with("```") || line.starts_with("~~~") {
                format!("\\{line}")
            } else {
                line
            };
            format!(" {line}").trim_end().to_owned()
        })
        .collect()
}

/// `text` with control characters (tabs aside) and text-direction controls spelled `\u{…}`.
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let direction = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if (c.is_control() && c != '\t') || direction || c == '\u{2028}' || c == '\u{2029}' {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else if c == '\t' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// Several paragraphs, blank-line separated, skipping empty ones.
pub fn doc_paragraphs<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> String {
    paragraphs
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Escapes what rustdoc would otherwise interpret; code spans we write ourselves are added
/// after escaping, so they keep working.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '[' | ']' | '<' | '>' | '*' | '_' | '`' | '#' | '|' | '\\'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The field's rustdoc: the documented description, then the facts a caller needs. The
/// pages' references to their own layout read as links: "See eGender enum above." links the
/// field's enum, and a default of it (`eGender.NotSet`) links the variant.
pub fn field_doc(field: &Field) -> String {
    let enum_name = match &field.ty {
        FieldType::Enum(name) => Some(name.as_str()),
        _ => None,
    };
    let description = if field.description.trim().is_empty() {
        escape_markdown(&field.json_name)
    } else {
        prose_with_links(&tidy_punctuation(field.description.trim()), enum_name)
    };
    let mut facts = Vec::new();
    facts.push(format!("JSON `{}`", field.json_name));
    facts.push(
        if field.required {
            "required"
        } else {
            "optional"
        }
        .to_owned(),
    );
    match &field.ty {
        FieldType::DateTimeUtc => facts.push("UTC".to_owned()),
        FieldType::DateTimeLocal => facts.push("the location's local time".to_owned()),
        _ => {}
    }
    if field.nullable {
        facts.push("may be `null`".to_owned());
    }
    // The pages often say it in the description already.
    let default = field
        .default
        .as_ref()
        .filter(|_| !field.description.to_lowercase().contains("defaults to"));
    if let Some(default) = default {
        let default = match variant_link(default, enum_name) {
            Some(link) => link,
            None => format!("`{default}`"),
        };
        facts.push(format!("defaults to {default}"));
    }
    if field.sensitive {
        facts.push("sensitive: hidden in `Debug`".to_owned());
    }
    let mut text = format!("{description} ({}).", facts.join(", "));
    if let Some(note) = &field.note {
        text.push_str("\n\n");
        text.push_str(&escape_markdown(&tidy_punctuation(note)));
    }
    text
}

/// `text` without the pages' doubled full stops (`..`, `. .`); an ellipsis stays.
fn tidy_punctuation(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '.' {
            let dots = rest.len() - rest.trim_start_matches('.').len();
            if dots >= 3 {
                out.push_str(&rest[..dots]);
                rest = &rest[dots..];
                continue;
            }
            out.push('.');
            rest = &rest[dots..];
            // A second stop after spaces (`. .`) is dropped; the spaces before the next word stay.
            let after_spaces = rest.trim_start_matches(' ');
            if after_spaces.starts_with('.') && !after_spaces.starts_with("..") {
                rest = &after_spaces[1..];
            }
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Escaped prose in which "See eX enum above" and "Defaults to eX.Y" of the field's own enum
/// (`enum_name`) become links to it.
fn prose_with_links(text: &str, enum_name: Option<&str>) -> String {
    let Some(enum_name) = enum_name else {
        return escape_markdown(text);
    };
    let words: Vec<&str> = text.split(' ').collect();
    let mut pieces = Vec::with_capacity(words.len());
    let mut index = 0;
    while index < words.len() {
        let word = words[index];
        let next = words.get(index + 1).copied().unwrap_or("");
        let last = words.get(index + 3).copied().unwrap_or("");
        // "See eGender enum above." / "See eRegularPaymentProvider? enum above."
        if word == "See"
            && words.get(index + 2) == Some(&"enum")
            && last.trim_end_matches('.') == "above"
            && enum_type(next.trim_end_matches('?')) == enum_name
        {
            let stop = &last["above".len()..];
            pieces.push(format!(
                "See [`{enum_name}`](nexudus_generated_core::enums::{enum_name}){stop}"
            ));
            index += 4;
            continue;
        }
        // "Defaults to eGender.NotSet."
        let after_defaults = index > 0 && words[index - 1].eq_ignore_ascii_case("defaults");
        if after_defaults && word.eq_ignore_ascii_case("to") {
            let value = next.trim_end_matches(['.', ',', ';']);
            if let Some(link) = variant_link(value, Some(enum_name)) {
                pieces.push(word.to_owned());
                pieces.push(format!("{link}{}", &next[value.len()..]));
                index += 2;
                continue;
            }
        }
        pieces.push(escape_markdown(word));
        index += 1;
    }
    pieces.join(" ")
}

/// A link to the variant `eX.Y` names, when `eX` is the field's enum.
fn variant_link(value: &str, enum_name: Option<&str>) -> Option<String> {
    let enum_name = enum_name?;
    let (documented, variant) = value.split_once('.')?;
    if enum_type(documented.trim_end_matches('?')) != enum_name || variant.is_empty() {
        return None;
    }
    let variant = camel(variant);
    Some(format!(
        "[`{enum_name}::{variant}`](nexudus_generated_core::enums::{enum_name}::{variant})"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_attribute_per_line_with_markdown_escaped() {
        let tokens = doc_attrs(&escape_markdown("Value <string>\n[see] eGender.NotSet"));
        let file: syn::File = syn::parse2(quote!(#tokens struct S;)).expect("valid item");
        let printed = prettyplease::unparse(&file);
        assert_eq!(
            printed,
            "/// Value \\<string\\>\n/// \\[see\\] eGender.NotSet\nstruct S;\n"
        );
    }

    fn gender_field(description: &str, default: Option<&str>) -> Field {
        Field {
            json_name: "Gender".to_owned(),
            rust_name: "gender".to_owned(),
            ty: FieldType::Enum("Gender".to_owned()),
            required: false,
            nullable: false,
            description: description.to_owned(),
            default: default.map(str::to_owned),
            sensitive: false,
            note: None,
        }
    }

    #[test]
    fn field_docs_link_the_enum_and_the_default_variant() {
        let field = gender_field(
            "Gender. Defaults to eGender.NotSet. See eGender enum above.",
            Some("eGender.NotSet"),
        );
        assert_eq!(
            field_doc(&field),
            "Gender. Defaults to [`Gender::NotSet`](nexudus_generated_core::enums::Gender::NotSet). \
             See [`Gender`](nexudus_generated_core::enums::Gender). (JSON `Gender`, optional)."
        );
        let field = gender_field("Gender.", Some("eGender.NotSet"));
        assert_eq!(
            field_doc(&field),
            "Gender. (JSON `Gender`, optional, defaults to \
             [`Gender::NotSet`](nexudus_generated_core::enums::Gender::NotSet))."
        );
    }

    #[test]
    fn another_enum_is_not_linked_and_doubled_stops_are_dropped() {
        let field = gender_field(
            "Not visible to customers.. See eOther enum above. . Wait...",
            None,
        );
        assert_eq!(
            field_doc(&field),
            "Not visible to customers. See eOther enum above. Wait... (JSON `Gender`, optional)."
        );
    }

    #[test]
    fn prose_never_holds_a_bare_cr_a_direction_control_or_a_code_block() {
        let lines = doc_lines(
            "First\rsecond\r\n    indented code\n```\nrun()\n\u{202e}evil\u{1b}[31m\ttab",
        );
        assert_eq!(
            lines,
            [
                " First",
                " second",
                " indented code",
                " \\```",
                " run()",
                " \\u{202e}evil\\u{1b}[31m tab"
            ]
        );
    }
}
