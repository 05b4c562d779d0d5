//! The bulk of an entity's file, one node per field, built as `syn` nodes and put into the
//! parsed file in place of short markers.
//!
//! Emitters write token streams that `format_file` parses back into a `syn::File` for
//! prettyplease. For the per-field pieces (struct fields, `write_fields` lines, placeholders,
//! setters) that round trip was most of the generator's time: quoting each token, buffering it
//! and parsing it again. Inside [`parse_spliced`] those pieces are registered instead, the
//! token stream holds a marker for each group, and the parsed skeleton gets the nodes put in.
//! Outside it (unit tests of one emitter) every helper returns the pieces' own tokens, so an
//! emitter's output means the same either way.

use std::cell::RefCell;
use std::collections::HashMap;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use syn::visit_mut::VisitMut;

/// A group of nodes waiting for its marker.
enum Piece {
    Items(Vec<syn::Item>),
    Attributes(Vec<syn::Attribute>),
    Predicates(Vec<syn::WherePredicate>),
    Fields(Vec<syn::Field>),
    Stmts(Vec<syn::Stmt>),
    ImplItems(Vec<syn::ImplItem>),
    FieldValues(Vec<syn::FieldValue>),
}

thread_local! {
    /// The groups registered while this thread emits a file in [`parse_spliced`].
    static PENDING: RefCell<Option<Vec<Piece>>> = const { RefCell::new(None) };
    /// Each template's items, parsed once per thread.
    static TEMPLATES: RefCell<HashMap<&'static str, Vec<syn::Item>>> = RefCell::new(HashMap::new());
}

/// No spec name turns into this: names are snake case without leading underscores.
const MARKER_PREFIX: &str = "__nexudus_splice_";

/// Runs `emit` with registration on, parses what it wrote and splices every group in.
pub fn parse_spliced(emit: impl FnOnce() -> TokenStream) -> syn::Result<syn::File> {
    let outer = PENDING.with(|pending| pending.replace(Some(Vec::new())));
    let tokens = emit();
    let pieces = PENDING
        .with(|pending| pending.replace(outer))
        .unwrap_or_default();
    let mut file: syn::File = syn::parse2(tokens)?;
    let mut splicer = Splicer {
        pieces: pieces.into_iter().map(Some).collect(),
    };
    splicer.visit_file_mut(&mut file);
    match splicer.pieces.iter().position(Option::is_some) {
        None => Ok(file),
        Some(index) => Err(syn::Error::new(
            proc_macro2::Span::call_site(),
            format!("splice group {index} has no marker in the emitted file"),
        )),
    }
}

/// Registers `piece` when a file is being spliced, or gives it back.
fn register(piece: Piece) -> Result<usize, Piece> {
    PENDING.with(|pending| match pending.borrow_mut().as_mut() {
        Some(pieces) => {
            pieces.push(piece);
            Ok(pieces.len() - 1)
        }
        None => Err(piece),
    })
}

fn marker(index: usize) -> Ident {
    format_ident!("{}{}", MARKER_PREFIX, index)
}

/// What fills a template's holes: identifiers, string literals and statement groups, each
/// named as the template spells it.
#[derive(Default)]
pub struct Holes<'a> {
    /// An identifier of the template, e.g. `__Request`, and what it becomes.
    pub idents: Vec<(&'static str, &'a Ident)>,
    /// The text of a string literal of the template, e.g. `"__name"`, and what it becomes.
    pub strings: Vec<(&'static str, &'a str)>,
    /// A statement `__calls!();` of the template, by its macro name, and what it becomes.
    pub stmts: Vec<(&'static str, Vec<syn::Stmt>)>,
    /// A type of the template that is one identifier, e.g. `__Path`, and what it becomes.
    pub types: Vec<(&'static str, syn::Type)>,
}

/// Parsed once per thread: a template's items.
fn template_items(key: &'static str, template: impl FnOnce() -> TokenStream) -> Vec<syn::Item> {
    TEMPLATES.with(|templates| {
        templates
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| {
                syn::parse2::<syn::File>(template())
                    .unwrap_or_else(|error| panic!("template {key} does not parse: {error}"))
                    .items
            })
            .clone()
    })
}

/// The where-predicates `template` writes (as the bounds of a `fn __f() where …` template),
/// one per entry of `holes`, each with its holes filled.
pub fn templated_predicates<'a>(
    key: &'static str,
    template: impl FnOnce() -> TokenStream,
    holes: impl IntoIterator<Item = Holes<'a>>,
) -> TokenStream {
    let items = template_items(key, template);
    let predicates: Vec<syn::WherePredicate> = match items.first() {
        Some(syn::Item::Fn(function)) => match &function.sig.generics.where_clause {
            Some(clause) => clause.predicates.iter().cloned().collect(),
            None => Vec::new(),
        },
        _ => panic!("template {key} is not a function with a where clause"),
    };
    let mut filled = Vec::new();
    for holes in holes {
        let mut filler = Filler { holes };
        for predicate in &predicates {
            let mut predicate = predicate.clone();
            filler.visit_where_predicate_mut(&mut predicate);
            filled.push(predicate);
        }
    }
    if filled.is_empty() {
        return TokenStream::new();
    }
    match register(Piece::Predicates(filled)) {
        Ok(index) => {
            let marker = marker(index);
            quote!(#marker: ::core::marker::Sized)
        }
        Err(Piece::Predicates(filled)) => quote!(#(#filled),*),
        Err(_) => unreachable!("register gives back the piece it was given"),
    }
}

/// The items `template` writes, with `holes` filled: parsed once per thread under `key` and
/// cloned, since items of the same shape (one per request) differ only in a few names.
pub fn templated_items(
    key: &'static str,
    template: impl FnOnce() -> TokenStream,
    holes: Holes,
) -> TokenStream {
    let mut items = template_items(key, template);
    let mut filler = Filler { holes };
    for item in &mut items {
        filler.visit_item_mut(item);
    }
    match register(Piece::Items(items)) {
        Ok(index) => {
            let marker = marker(index);
            quote!(#marker!();)
        }
        Err(Piece::Items(items)) => quote!(#(#items)*),
        Err(_) => unreachable!("register gives back the piece it was given"),
    }
}

/// Fills the holes of a cloned template.
struct Filler<'a> {
    holes: Holes<'a>,
}

impl VisitMut for Filler<'_> {
    fn visit_type_mut(&mut self, ty: &mut syn::Type) {
        let hole = match &*ty {
            syn::Type::Path(path) if path.qself.is_none() => path
                .path
                .get_ident()
                .and_then(|name| self.holes.types.iter().position(|(hole, _)| name == hole)),
            _ => None,
        };
        match hole {
            Some(index) => *ty = self.holes.types[index].1.clone(),
            None => syn::visit_mut::visit_type_mut(self, ty),
        }
    }

    fn visit_ident_mut(&mut self, ident: &mut Ident) {
        if let Some((_, value)) = self.holes.idents.iter().find(|(hole, _)| ident == hole) {
            *ident = (*value).clone();
        }
    }

    fn visit_lit_str_mut(&mut self, lit: &mut syn::LitStr) {
        let value = lit.value();
        if let Some((_, text)) = self.holes.strings.iter().find(|(hole, _)| value == *hole) {
            *lit = syn::LitStr::new(text, lit.span());
        }
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        syn::visit_mut::visit_block_mut(self, block);
        let old = std::mem::take(&mut block.stmts);
        for stmt in old {
            let hole =
                match &stmt {
                    syn::Stmt::Macro(stmt) => stmt.mac.path.get_ident().and_then(|name| {
                        self.holes.stmts.iter().position(|(hole, _)| name == hole)
                    }),
                    _ => None,
                };
            match hole {
                Some(index) => block.stmts.append(&mut self.holes.stmts[index].1),
                None => block.stmts.push(stmt),
            }
        }
    }
}

/// Outer attributes (docs, mostly) of an item, an `impl` item, a field or a variant.
pub fn attributes(attributes: Vec<syn::Attribute>) -> TokenStream {
    if attributes.is_empty() {
        return TokenStream::new();
    }
    match register(Piece::Attributes(attributes)) {
        Ok(index) => {
            let marker = marker(index);
            quote!(#[#marker])
        }
        Err(Piece::Attributes(attributes)) => quote!(#(#attributes)*),
        Err(_) => unreachable!("register gives back the piece it was given"),
    }
}

/// Struct fields, in a `struct { … }` body.
pub fn fields(fields: Vec<syn::Field>) -> TokenStream {
    if fields.is_empty() {
        return TokenStream::new();
    }
    match register(Piece::Fields(fields)) {
        Ok(index) => {
            let marker = marker(index);
            quote!(#marker: (),)
        }
        Err(Piece::Fields(fields)) => quote!(#(#fields,)*),
        Err(_) => unreachable!("register gives back the piece it was given"),
    }
}

/// Field values, in a struct expression `Self { … }`.
pub fn field_values(values: Vec<syn::FieldValue>) -> TokenStream {
    if values.is_empty() {
        return TokenStream::new();
    }
    match register(Piece::FieldValues(values)) {
        Ok(index) => {
            let marker = marker(index);
            quote!(#marker: (),)
        }
        Err(Piece::FieldValues(values)) => quote!(#(#values,)*),
        Err(_) => unreachable!("register gives back the piece it was given"),
    }
}

/// Statements, in a block.
pub fn stmts(stmts: Vec<syn::Stmt>) -> TokenStream {
    if stmts.is_empty() {
        return TokenStream::new();
    }
    match register(Piece::Stmts(stmts)) {
        Ok(index) => {
            let marker = marker(index);
            quote!(#marker!();)
        }
        Err(Piece::Stmts(stmts)) => quote!(#(#stmts)*),
        Err(_) => unreachable!("register gives back the piece it was given"),
    }
}

/// Items of an `impl` block.
pub fn impl_items(items: Vec<syn::ImplItem>) -> TokenStream {
    if items.is_empty() {
        return TokenStream::new();
    }
    match register(Piece::ImplItems(items)) {
        Ok(index) => {
            let marker = marker(index);
            quote!(#marker!();)
        }
        Err(Piece::ImplItems(items)) => quote!(#(#items)*),
        Err(_) => unreachable!("register gives back the piece it was given"),
    }
}

/// Puts each registered group where its marker is.
struct Splicer {
    pieces: Vec<Option<Piece>>,
}

impl Splicer {
    /// The index a marker names, when `ident` is one.
    fn index(ident: &Ident) -> Option<usize> {
        ident.to_string().strip_prefix(MARKER_PREFIX)?.parse().ok()
    }

    fn macro_index(mac: &syn::Macro) -> Option<usize> {
        mac.path.get_ident().and_then(Self::index)
    }

    fn take(&mut self, index: usize) -> Option<Piece> {
        self.pieces.get_mut(index).and_then(Option::take)
    }
}

impl Splicer {
    /// `items` with each items marker replaced by its group.
    fn splice_items(&mut self, items: &mut Vec<syn::Item>) {
        let is_marker = |item: &syn::Item| match item {
            syn::Item::Macro(item) => Self::macro_index(&item.mac),
            _ => None,
        };
        if !items.iter().any(|item| is_marker(item).is_some()) {
            return;
        }
        let old = std::mem::take(items);
        for item in old {
            match is_marker(&item).and_then(|i| self.take(i)) {
                Some(Piece::Items(group)) => items.extend(group),
                _ => items.push(item),
            }
        }
    }
}

impl Splicer {
    /// `attrs` with each attributes marker replaced by its group.
    fn splice_attributes(&mut self, attrs: &mut Vec<syn::Attribute>) {
        let is_marker = |attr: &syn::Attribute| match &attr.meta {
            syn::Meta::Path(path) => path.get_ident().and_then(Self::index),
            _ => None,
        };
        if !attrs.iter().any(|attr| is_marker(attr).is_some()) {
            return;
        }
        let old = std::mem::take(attrs);
        for attr in old {
            match is_marker(&attr).and_then(|i| self.take(i)) {
                Some(Piece::Attributes(group)) => attrs.extend(group),
                _ => attrs.push(attr),
            }
        }
    }
}

/// The attributes of an item, where a doc marker can stand.
fn item_attributes(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Const(item) => &mut item.attrs,
        syn::Item::Enum(item) => &mut item.attrs,
        syn::Item::Fn(item) => &mut item.attrs,
        syn::Item::Impl(item) => &mut item.attrs,
        syn::Item::Macro(item) => &mut item.attrs,
        syn::Item::Mod(item) => &mut item.attrs,
        syn::Item::Static(item) => &mut item.attrs,
        syn::Item::Struct(item) => &mut item.attrs,
        syn::Item::Trait(item) => &mut item.attrs,
        syn::Item::Type(item) => &mut item.attrs,
        syn::Item::Use(item) => &mut item.attrs,
        _ => return None,
    })
}

/// The attributes of an `impl` item, where a doc marker can stand.
fn impl_item_attributes(item: &mut syn::ImplItem) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::ImplItem::Const(item) => &mut item.attrs,
        syn::ImplItem::Fn(item) => &mut item.attrs,
        syn::ImplItem::Type(item) => &mut item.attrs,
        syn::ImplItem::Macro(item) => &mut item.attrs,
        _ => return None,
    })
}

impl VisitMut for Splicer {
    fn visit_item_mut(&mut self, node: &mut syn::Item) {
        if let Some(attrs) = item_attributes(node) {
            self.splice_attributes(attrs);
        }
        syn::visit_mut::visit_item_mut(self, node);
    }

    fn visit_impl_item_mut(&mut self, node: &mut syn::ImplItem) {
        if let Some(attrs) = impl_item_attributes(node) {
            self.splice_attributes(attrs);
        }
        syn::visit_mut::visit_impl_item_mut(self, node);
    }

    fn visit_field_mut(&mut self, node: &mut syn::Field) {
        self.splice_attributes(&mut node.attrs);
        syn::visit_mut::visit_field_mut(self, node);
    }

    fn visit_variant_mut(&mut self, node: &mut syn::Variant) {
        self.splice_attributes(&mut node.attrs);
        syn::visit_mut::visit_variant_mut(self, node);
    }

    fn visit_where_clause_mut(&mut self, node: &mut syn::WhereClause) {
        let is_marker = |predicate: &syn::WherePredicate| match predicate {
            syn::WherePredicate::Type(predicate) => match &predicate.bounded_ty {
                syn::Type::Path(path) => path.path.get_ident().and_then(Self::index),
                _ => None,
            },
            _ => None,
        };
        if !node
            .predicates
            .iter()
            .any(|predicate| is_marker(predicate).is_some())
        {
            return;
        }
        let old = std::mem::take(&mut node.predicates);
        for predicate in old {
            match is_marker(&predicate).and_then(|i| self.take(i)) {
                Some(Piece::Predicates(group)) => node.predicates.extend(group),
                _ => node.predicates.push(predicate),
            }
        }
    }

    fn visit_file_mut(&mut self, node: &mut syn::File) {
        self.splice_items(&mut node.items);
        syn::visit_mut::visit_file_mut(self, node);
    }

    fn visit_item_mod_mut(&mut self, node: &mut syn::ItemMod) {
        if let Some((_, items)) = &mut node.content {
            self.splice_items(items);
        }
        syn::visit_mut::visit_item_mod_mut(self, node);
    }

    fn visit_fields_named_mut(&mut self, node: &mut syn::FieldsNamed) {
        if !node
            .named
            .iter()
            .any(|field| field.ident.as_ref().and_then(Self::index).is_some())
        {
            return syn::visit_mut::visit_fields_named_mut(self, node);
        }
        let old = std::mem::take(&mut node.named);
        for field in old {
            match field
                .ident
                .as_ref()
                .and_then(Self::index)
                .and_then(|i| self.take(i))
            {
                Some(Piece::Fields(fields)) => node.named.extend(fields),
                _ => node.named.push(field),
            }
        }
    }

    fn visit_expr_struct_mut(&mut self, node: &mut syn::ExprStruct) {
        syn::visit_mut::visit_expr_struct_mut(self, node);
        let is_marker = |value: &syn::FieldValue| match &value.member {
            syn::Member::Named(ident) => Self::index(ident),
            syn::Member::Unnamed(_) => None,
        };
        if !node.fields.iter().any(|value| is_marker(value).is_some()) {
            return;
        }
        let old = std::mem::take(&mut node.fields);
        for value in old {
            match is_marker(&value).and_then(|i| self.take(i)) {
                Some(Piece::FieldValues(values)) => node.fields.extend(values),
                _ => node.fields.push(value),
            }
        }
    }

    fn visit_block_mut(&mut self, node: &mut syn::Block) {
        syn::visit_mut::visit_block_mut(self, node);
        let is_marker = |stmt: &syn::Stmt| match stmt {
            syn::Stmt::Macro(stmt) => Self::macro_index(&stmt.mac),
            _ => None,
        };
        if !node.stmts.iter().any(|stmt| is_marker(stmt).is_some()) {
            return;
        }
        let old = std::mem::take(&mut node.stmts);
        for stmt in old {
            match is_marker(&stmt).and_then(|i| self.take(i)) {
                Some(Piece::Stmts(stmts)) => node.stmts.extend(stmts),
                _ => node.stmts.push(stmt),
            }
        }
    }

    fn visit_item_impl_mut(&mut self, node: &mut syn::ItemImpl) {
        let is_marker = |item: &syn::ImplItem| match item {
            syn::ImplItem::Macro(item) => Self::macro_index(&item.mac),
            _ => None,
        };
        if !node.items.iter().any(|item| is_marker(item).is_some()) {
            return syn::visit_mut::visit_item_impl_mut(self, node);
        }
        let old = std::mem::take(&mut node.items);
        for item in old {
            match is_marker(&item).and_then(|i| self.take(i)) {
                Some(Piece::ImplItems(items)) => node.items.extend(items),
                _ => node.items.push(item),
            }
        }
        syn::visit_mut::visit_item_impl_mut(self, node);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str) -> syn::Field {
        syn::parse::Parser::parse2(syn::Field::parse_named, {
            let name = format_ident!("{}", name);
            quote!(pub #name: i64)
        })
        .unwrap()
    }

    fn stmt(name: &str) -> syn::Stmt {
        let name = format_ident!("{}", name);
        syn::parse_quote!(visit(#name);)
    }

    fn printed(file: &syn::File) -> String {
        prettyplease::unparse(file)
    }

    #[test]
    fn spliced_groups_print_as_the_same_tokens_written_out() {
        let emit = || {
            let fields = fields(vec![field("a"), field("b")]);
            let calls = stmts(vec![stmt("a"), stmt("b")]);
            let values = field_values(vec![syn::parse_quote!(a: 1), syn::parse_quote!(b: 2)]);
            quote! {
                pub struct S { pub first: i64, #fields pub last: i64 }
                impl S {
                    fn visit(&self) { start(); #calls end(); }
                    fn new() -> Self { Self { first: 0, #values last: 3 } }
                }
            }
        };
        let spliced = parse_spliced(emit).unwrap();
        let written: syn::File = syn::parse2(emit()).unwrap();
        assert_eq!(printed(&spliced), printed(&written));
        assert!(printed(&spliced).contains("pub first: i64,\n    pub a: i64,\n    pub b: i64,"));
    }

    #[test]
    fn impl_items_replace_their_marker_in_place() {
        let emit = || {
            let items = impl_items(vec![
                syn::parse_quote!(
                    fn a() {}
                ),
                syn::parse_quote!(
                    fn b() {}
                ),
            ]);
            quote!(impl S { fn first() {} #items fn last() {} })
        };
        let text = printed(&parse_spliced(emit).unwrap());
        let order: Vec<usize> = ["fn first", "fn a", "fn b", "fn last"]
            .iter()
            .map(|name| text.find(name).unwrap())
            .collect();
        assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{text}");
    }

    #[test]
    fn templates_are_filled_per_use_and_equal_the_tokens_written_out() {
        let template = || {
            quote! {
                impl Show for __Name {
                    fn show(&self) -> &'static str {
                        __lines!();
                        "__Name"
                    }
                }
            }
        };
        let emit = || {
            let (a, b) = (format_ident!("A"), format_ident!("B"));
            let first = templated_items(
                "test_show",
                template,
                Holes {
                    idents: vec![("__Name", &a)],
                    strings: vec![("__Name", "A")],
                    stmts: vec![("__lines", vec![stmt("one"), stmt("two")])],
                    ..Default::default()
                },
            );
            let second = templated_items(
                "test_show",
                template,
                Holes {
                    idents: vec![("__Name", &b)],
                    strings: vec![("__Name", "B")],
                    stmts: vec![("__lines", Vec::new())],
                    ..Default::default()
                },
            );
            quote!(#first #second)
        };
        let written: syn::File = syn::parse_quote! {
            impl Show for A {
                fn show(&self) -> &'static str {
                    visit(one);
                    visit(two);
                    "A"
                }
            }
            impl Show for B {
                fn show(&self) -> &'static str {
                    "B"
                }
            }
        };
        assert_eq!(printed(&parse_spliced(emit).unwrap()), printed(&written));
        // Outside a spliced file the same helper writes the tokens themselves.
        let outside: syn::File = syn::parse2(emit()).unwrap();
        assert_eq!(printed(&outside), printed(&written));
    }

    #[test]
    fn templated_predicates_take_their_types_and_names() {
        let template = || {
            quote!(
                fn f()
                where
                    S: At<__Path, State: IsSet<__Marker>>,
                {
                }
            )
        };
        let emit = || {
            let (a, b) = (format_ident!("A"), format_ident!("B"));
            let bounds = templated_predicates(
                "test_bounds",
                template,
                [(&a, quote!(Left<Here>)), (&b, quote!(Right<Here>))].map(|(marker, path)| Holes {
                    idents: vec![("__Marker", marker)],
                    types: vec![("__Path", syn::parse2(path).unwrap())],
                    ..Default::default()
                }),
            );
            quote!(fn build() where #bounds {})
        };
        let written: syn::File = syn::parse_quote! {
            fn build()
            where
                S: At<Left<Here>, State: IsSet<A>>,
                S: At<Right<Here>, State: IsSet<B>>,
            {}
        };
        assert_eq!(printed(&parse_spliced(emit).unwrap()), printed(&written));
    }

    #[test]
    fn a_group_whose_marker_was_dropped_is_an_error() {
        let Err(error) = parse_spliced(|| {
            let _dropped = fields(vec![field("a")]);
            quote!(
                struct S;
            )
        }) else {
            panic!("a dropped group went unnoticed");
        };
        assert!(error.to_string().contains("splice group 0"), "{error}");
    }

    #[test]
    fn nested_files_keep_their_own_groups() {
        let file = parse_spliced(|| {
            let inner = parse_spliced(|| {
                let fields = fields(vec![field("inner")]);
                quote!(struct Inner { #fields })
            })
            .unwrap();
            let fields = fields(vec![field("outer")]);
            let inner_text = printed(&inner);
            assert!(inner_text.contains("pub inner: i64"), "{inner_text}");
            quote!(struct Outer { #fields })
        })
        .unwrap();
        assert!(printed(&file).contains("pub outer: i64"));
    }
}
