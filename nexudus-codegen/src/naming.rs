//! Rust names for spec names: case conversion with heck, then whatever it takes to make the
//! result a valid, unclashing identifier while the JSON name stays exactly as documented.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that can be used as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot even be raw identifiers; they get a trailing underscore instead.
const RESERVED: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The snake_case Rust name of a field or method, e.g. `StripeACHBankToken` → `stripe_ach_bank_token`.
pub fn snake(name: &str) -> String {
    identifier(&ascii_only(name).to_snake_case())
}

/// The Rust name of a request field, which is also its builder setter: `snake`, with the
/// builder's own method names (`build`, `new`, and an update's `prefilled`) moved aside as
/// `build_`, `new_`, `prefilled_`.
pub fn field(json_name: &str) -> String {
    let name = snake(json_name);
    match name.as_str() {
        "build" | "new" | "prefilled" => format!("{name}_"),
        _ => name,
    }
}

/// The UpperCamelCase Rust name of a type or variant, e.g. `coworker note` → `CoworkerNote`.
pub fn camel(name: &str) -> String {
    identifier(&ascii_only(name).to_upper_camel_case())
}

/// The Rust type of a documented enum: Nexudus prefixes enum names with `e` (`eGender`).
pub fn enum_type(documented: &str) -> String {
    let mut chars = documented.chars();
    match (chars.next(), chars.next()) {
        (Some('e'), Some(second)) if second.is_ascii_uppercase() => camel(&documented[1..]),
        _ => camel(documented),
    }
}

/// Makes `candidate` a usable identifier: not empty, not starting with a digit, not a keyword.
fn identifier(candidate: &str) -> String {
    let mut name = if candidate.is_empty() {
        "_".to_owned()
    } else {
        candidate.to_owned()
    };
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if RESERVED.contains(&name.as_str()) {
        name.push('_');
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        name.insert_str(0, "r#");
    }
    name
}

/// Spells non-ASCII letters and punctuation as ASCII so every name is a plain identifier
/// (`Größe` → `gr_u00f6_u00df_e` in snake case): unique, stable, and free of lints about odd code points.
fn ascii_only(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_ascii() {
            out.push('_');
        } else {
            out.push_str(&format!("_u{:04x}_", u32::from(c)));
        }
    }
    out
}

/// The identifier without its `r#` prefix, as serde sees it.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// What `#[serde(rename_all = "PascalCase")]` makes of a snake_case field, so the emitter
/// writes an explicit `rename` only where the two differ.
pub fn serde_pascal_case(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut capitalize = true;
    for c in unraw(field).chars() {
        if c == '_' {
            capitalize = true;
        } else if capitalize {
            out.push(c.to_ascii_uppercase());
            capitalize = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The token for a name made by this module, raw where it is a keyword.
pub fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => proc_macro2::Ident::new(name, proc_macro2::Span::call_site()),
    }
}

/// `text` with its first letter upper-cased: a phrase as a sentence.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_names_become_idiomatic_rust() {
        assert_eq!(snake("StripeACHBankToken"), "stripe_ach_bank_token");
        assert_eq!(snake("Office365AccessToken"), "office365_access_token");
        assert_eq!(snake("TaxIDNumber"), "tax_id_number");
        assert_eq!(camel("CreateCoworkerNote"), "CreateCoworkerNote");
        assert_eq!(enum_type("eGender"), "Gender");
        assert_eq!(
            enum_type("eRegularPaymentProvider"),
            "RegularPaymentProvider"
        );
        assert_eq!(enum_type("DayOfWeek"), "DayOfWeek");
    }

    #[test]
    fn keywords_digits_and_non_ascii_stay_valid() {
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("Async"), "r#async");
        assert_eq!(snake("self"), "self_");
        assert_eq!(camel("Self"), "Self_");
        assert_eq!(snake("crate"), "crate_");
        assert_eq!(snake("1stField"), "_1st_field");
        assert_eq!(snake(""), "__");
        assert_eq!(snake("Größe"), "gr_u00f6_u00df_e");
        for name in ["type", "self", "1stField", "Größe", "a-b", "ü"] {
            assert!(syn::parse_str::<syn::Ident>(&snake(name)).is_ok(), "{name}");
            assert!(syn::parse_str::<syn::Ident>(&camel(name)).is_ok(), "{name}");
        }
    }

    #[test]
    fn pascal_case_mirrors_serde() {
        assert_eq!(serde_pascal_case("coworker_id"), "CoworkerId");
        assert_eq!(serde_pascal_case("r#type"), "Type");
        assert_ne!(serde_pascal_case("tax_id_number"), "TaxIDNumber");
    }
}
