//! Helpers shared by the integration tests: the random-spec strategies of the property tests
//! (also sampled by the compiled sample) and the effective serde names of generated structs.

#![allow(dead_code)]

use std::collections::BTreeSet;

use nexudus_codegen::testing as naming;
use nexudus_codegen::testing::{OperationKind, SpecType};
use proptest::prelude::*;

pub const KEYWORDS: &[&str] = &[
    "type", "self", "Self", "crate", "super", "async", "await", "match", "fn", "impl", "move",
    "ref", "static", "struct", "trait", "where", "yield", "try", "dyn", "abstract", "loop", "Id",
    "build", "builder", "value", "request", "Option", "String", "Vec", "Result", "_", "__",
];

/// Every `type:` a spec field may name, as written.
pub fn types() -> Vec<&'static str> {
    SpecType::ALL.map(SpecType::as_str).to_vec()
}

/// A JSON name in one of the styles real (and unreal) APIs use.
pub fn json_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{1,8}([A-Z][a-z]{1,6}){0,3}",
        "[a-z]{1,8}([A-Z][a-z]{1,6}){0,2}",
        "[a-z]{1,6}(_[a-z]{1,6}){0,2}",
        "[A-Z]{2,6}(_[A-Z0-9]{1,4}){0,2}",
        "[A-Z][a-z]{1,5}[A-Z]{2,4}[A-Z][a-z]{2,5}",
        "[0-9][A-Za-z0-9]{0,6}",
        "[a-zäöüéß]{1,4}[ÄÖÜa-z]{0,4}",
        "[a-z]{1,4}[-. ][a-z]{1,4}",
        proptest::sample::select(KEYWORDS).prop_map(str::to_owned),
    ]
}

/// One field of a random spec.
#[derive(Debug, Clone)]
pub struct Field {
    /// The JSON name.
    pub name: String,
    /// The spec type.
    pub ty: &'static str,
    /// `required:`.
    pub required: bool,
    /// `nullable:`.
    pub nullable: bool,
    /// `sensitive:`.
    pub sensitive: bool,
    /// Whether it refers to the spec's enum.
    pub enum_ref: bool,
}

/// A random spec of one operation and one enum.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The request's fields, no two alike after case conversion.
    pub fields: Vec<Field>,
    /// The enum's values, no value or Rust variant twice.
    pub enum_values: Vec<(i64, String)>,
    /// An update (with `Id`) rather than a create.
    pub update: bool,
    /// How the operation name is cased: 0 PascalCase, 1 snake_case, 2 camelCase, 3 SCREAMING.
    pub name_style: usize,
}

pub fn field() -> impl Strategy<Value = Field> {
    (
        json_name(),
        proptest::sample::select(types()),
        any::<bool>(),
        any::<bool>(),
        proptest::bool::weighted(0.1),
        proptest::bool::weighted(0.15),
    )
        .prop_map(
            |(name, ty, required, nullable, sensitive, enum_ref)| Field {
                name,
                ty: if enum_ref { "integer" } else { ty },
                required,
                nullable,
                sensitive,
                enum_ref,
            },
        )
}

pub fn spec() -> impl Strategy<Value = Spec> {
    (
        proptest::collection::vec(field(), 0..200),
        proptest::collection::vec(
            (
                prop_oneof![
                    -1000i64..100_000,
                    Just(i64::from(i32::MIN)),
                    Just(i64::from(i32::MAX)),
                ],
                "[A-Z][a-z]{0,6}([A-Z][a-z]{0,4})?|[a-z]{1,6}|[0-9][a-z]{1,3}",
            ),
            1..20,
        ),
        any::<bool>(),
        0usize..4,
    )
        .prop_map(|(fields, values, update, name_style)| {
            // Names that collide after case conversion are rejected by design (see the
            // diagnostics tests); keep the first of each.
            let mut seen = BTreeSet::new();
            let mut fields: Vec<Field> = fields
                .into_iter()
                .filter(|f| seen.insert(naming::field(&f.name)))
                .collect();
            if update {
                fields.retain(|f| naming::snake(&f.name) != naming::snake("Id"));
                fields.insert(
                    0,
                    Field {
                        name: "Id".to_owned(),
                        ty: "integer",
                        required: true,
                        nullable: false,
                        sensitive: false,
                        enum_ref: false,
                    },
                );
            }
            let mut numbers = BTreeSet::new();
            let mut variants = BTreeSet::new();
            let enum_values = values
                .into_iter()
                .filter(|(number, name)| {
                    numbers.insert(*number) && variants.insert(naming::camel(name))
                })
                .collect();
            Spec {
                fields,
                enum_values,
                update,
                name_style,
            }
        })
}

pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// The operation's name in the spec's casing style, e.g. `create_widget` for `Widget`.
pub fn operation_name(spec: &Spec, entity: &str) -> String {
    let verb = if spec.update { "Update" } else { "Create" };
    match spec.name_style {
        0 => format!("{verb}{entity}"),
        1 => format!("{}_{}", verb.to_lowercase(), entity.to_lowercase()),
        2 => format!("{}{entity}", verb.to_lowercase()),
        _ => format!("{}_{}", verb.to_uppercase(), entity.to_uppercase()),
    }
}

/// The spec as a YAML file of entity `entity` (PascalCase, e.g. `Widget`) in area `spaces`,
/// with an enum named `e{entity}Kind`.
pub fn render(spec: &Spec, entity: &str) -> String {
    let kind = if spec.update {
        OperationKind::Update
    } else {
        OperationKind::Create
    };
    let (method, verb) = (kind.method(), kind.verb());
    let name = operation_name(spec, entity);
    let plural = format!("{}s", entity.to_lowercase());
    let mut yaml = format!(
        "# yaml-language-server: $schema=../nexudus-spec.schema.json\nentity: {entity}\narea: spaces\noperations:\n- name: {name}\n  kind: {kind}\n  method: {method}\n  path: /api/spaces/{plural}\n  summary: {verb} {entity}\n  role: {entity}-{verb}\n  fields:{}\n",
        if spec.fields.is_empty() { " []" } else { "" }
    );
    for field in &spec.fields {
        yaml.push_str(&format!(
            "  - name: {}\n    type: {}\n    required: {}\n    nullable: {}\n    sensitive: {}\n    description: \"A field: with `code`, <html> & *stars*.\"\n",
            quoted(&field.name),
            quoted(field.ty),
            field.required,
            field.nullable,
            field.sensitive
        ));
        if field.enum_ref {
            yaml.push_str(&format!("    enum: e{entity}Kind\n"));
        }
    }
    yaml.push_str(&format!(
        "enums:\n- name: e{entity}Kind\n  description: Kinds.\n  values:\n"
    ));
    for (number, name) in &spec.enum_values {
        yaml.push_str(&format!(
            "  - value: {number}\n    name: {}\n",
            quoted(name)
        ));
    }
    yaml
}

/// The `#[serde(...)]` attributes, including those applied only with a cargo feature,
/// `#[cfg_attr(feature = "…", serde(...))]`: what is inside each `serde(...)`.
fn serde_attributes(attrs: &[syn::Attribute]) -> Vec<proc_macro2::TokenStream> {
    let mut lists = Vec::new();
    for attr in attrs {
        if attr.path().is_ident("serde") {
            if let syn::Meta::List(list) = &attr.meta {
                lists.push(list.tokens.clone());
            }
        } else if attr.path().is_ident("cfg_attr") {
            let nested = attr
                .parse_args_with(
                    syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
                )
                .unwrap_or_default();
            lists.extend(nested.into_iter().skip(1).filter_map(|meta| match meta {
                syn::Meta::List(list) if list.path.is_ident("serde") => Some(list.tokens),
                _ => None,
            }));
        }
    }
    lists
}

/// `rename_all` / `rename` of a `#[serde(...)]` attribute, if any.
fn serde_string(attrs: &[syn::Attribute], key: &str) -> Option<String> {
    let mut found = None;
    for list in serde_attributes(attrs) {
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident(key) {
                let literal: syn::LitStr = meta.value()?.parse()?;
                found = Some(literal.value());
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
        let _ = syn::parse::Parser::parse2(parser, list);
    }
    found
}

/// The name serde gives each field: its `rename`, else the container's PascalCase
/// `rename_all` applied to the identifier (serde's rule: drop `r#`, upper-case the first
/// letter and every letter after `_`, drop the `_`).
pub fn serde_names(item: &syn::ItemStruct) -> Vec<String> {
    let rename_all = serde_string(&item.attrs, "rename_all");
    let syn::Fields::Named(fields) = &item.fields else {
        return Vec::new();
    };
    fields
        .named
        .iter()
        .map(|field| {
            for flag in ["skip", "skip_serializing", "flatten"] {
                assert!(
                    !has_serde_flag(&field.attrs, flag),
                    "field {:?} is #[serde({flag})]",
                    field.ident
                );
            }
            serde_string(&field.attrs, "rename").unwrap_or_else(|| {
                let ident = field
                    .ident
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                // serde names a field after its identifier without `r#`.
                let ident = ident.strip_prefix("r#").unwrap_or(&ident);
                match rename_all.as_deref() {
                    None => ident.to_owned(),
                    Some("PascalCase") => serde_pascal_case(ident),
                    Some(other) => panic!("rename_all = {other:?} is not mirrored here"),
                }
            })
        })
        .collect()
}

/// serde_derive's `RenameRule::PascalCase` for fields, character for character: upper-case
/// (ASCII only) the first character and each one after `_`, and drop the `_`s.
fn serde_pascal_case(field: &str) -> String {
    let mut pascal = String::new();
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(ch);
        }
    }
    pascal
}

/// Whether a `#[serde(...)]` attribute carries the bare flag `flag`.
fn has_serde_flag(attrs: &[syn::Attribute], flag: &str) -> bool {
    let mut found = false;
    for list in serde_attributes(attrs) {
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident(flag) && !meta.input.peek(syn::Token![=]) {
                found = true;
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
        let _ = syn::parse::Parser::parse2(parser, list);
    }
    found
}

/// Every top-level struct of a generated file with the JSON names serde gives its fields.
///
/// A request struct has an `impl WriteFields` (its `write_fields` makes one
/// `fields.required("field", "Json", &self.field)` or `fields.optional(…)` call per field), which its
/// `Serialize` and the client's JSON bodies go through: its names are the ones that impl writes,
/// and it must write every field once, in declaration order, under the same name the
/// struct's `Deserialize` attributes give it. Other structs derive both.
pub fn struct_json_names(code: &str) -> Vec<(String, Vec<String>)> {
    let file =
        syn::parse_file(code).unwrap_or_else(|error| panic!("does not parse: {error}\n{code}"));
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(item) => {
                let derived = serde_names(item);
                let Some(written) = written_fields(&file, &item.ident) else {
                    return Some((item.ident.to_string(), derived));
                };
                let declared: Vec<String> = item
                    .fields
                    .iter()
                    .filter_map(|f| f.ident.as_ref())
                    .map(ToString::to_string)
                    .collect();
                let (names, fields): (Vec<String>, Vec<String>) = written.into_iter().unzip();
                assert_eq!(
                    fields, declared,
                    "`{}` serializes its fields in declaration order",
                    item.ident
                );
                assert_eq!(
                    names, derived,
                    "`{}` serializes and deserializes the same names",
                    item.ident
                );
                Some((item.ident.to_string(), names))
            }
            _ => None,
        })
        .collect()
}

fn tokens(expr: Option<&syn::Expr>) -> String {
    expr.map(|expr| quote::ToTokens::to_token_stream(expr).to_string())
        .unwrap_or_default()
}

/// The `(JSON name, field)` pairs the `impl WriteFields for #name` writes, if the file has
/// one; then its `Serialize` must be the runtime's adapter of those calls.
fn written_fields(file: &syn::File, name: &syn::Ident) -> Option<Vec<(String, String)>> {
    let impl_of = |trait_name: &str| {
        file.items.iter().find_map(|item| match item {
            syn::Item::Impl(item)
                if item.trait_.as_ref().is_some_and(|(path, _)| {
                    path.segments.last().is_some_and(|s| s.ident == trait_name)
                }) && matches!(&*item.self_ty, syn::Type::Path(ty) if ty.path.is_ident(name)) =>
            {
                Some(item)
            }
            _ => None,
        })
    };
    let write_fields = impl_of("WriteFields")?;
    let adapter = impl_of("Serialize")
        .map(|item| quote::ToTokens::to_token_stream(item).to_string())
        .unwrap_or_default();
    assert!(
        adapter.contains(":: nexudus_generated_core :: serialize :: serialize (self , serializer)"),
        "`{name}` serializes through its `write_fields`, not `{adapter}`"
    );
    let serialize = write_fields.items.iter().find_map(|item| match item {
        syn::ImplItem::Fn(function) => Some(&function.block.stmts),
        _ => None,
    })?;
    let pairs = serialize
        .iter()
        .filter_map(|stmt| match stmt {
            syn::Stmt::Expr(syn::Expr::MethodCall(call), Some(_))
                if call.method == "required" || call.method == "optional" =>
            {
                let mut args = call.args.iter();
                let rust_name = match args.next() {
                    Some(syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(rust_name),
                        ..
                    })) => rust_name.value(),
                    other => panic!(
                        "the first argument is the Rust name `Debug` shows, not `{}`",
                        tokens(other)
                    ),
                };
                let json = match args.next() {
                    Some(syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(json),
                        ..
                    })) => json.value(),
                    other => panic!(
                        "the second argument is the JSON name, not `{}`",
                        tokens(other)
                    ),
                };
                let field = match args.next() {
                    Some(syn::Expr::Reference(reference)) => match &*reference.expr {
                        syn::Expr::Field(syn::ExprField {
                            member: syn::Member::Named(field),
                            ..
                        }) => field.to_string(),
                        other => panic!(
                            "the third argument is `&self.field`, not `{}`",
                            tokens(Some(other))
                        ),
                    },
                    other => panic!(
                        "the third argument is `&self.field`, not `{}`",
                        tokens(other)
                    ),
                };
                assert_eq!(
                    rust_name.trim_start_matches("r#"),
                    field.trim_start_matches("r#"),
                    "`Debug` names the field `{field}` as it is declared"
                );
                Some((json, field))
            }
            _ => None,
        })
        .collect();
    Some(pairs)
}
