//! Rustdoc text for generated items, taken from the specs' prose.

use proc_macro2::TokenStream;
use quote::quote;

/// One `#[doc]` attribute per line of `text`, so prettyplease prints them as `///` lines.
/// Spec prose is not Markdown: brackets and angle brackets are escaped so rustdoc shows
/// them as written instead of reading links or HTML into them.
/// The text is already Markdown: callers escape prose with [`escape_markdown`].
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote!(#(#[doc = #lines])*)
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
