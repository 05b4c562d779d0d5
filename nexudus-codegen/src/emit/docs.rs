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

fn doc_lines(text: &str) -> Vec<String> {
    text.trim()
        .lines()
        .map(|line| format!(" {}", line.trim_end()).trim_end().to_owned())
        .collect()
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
}
