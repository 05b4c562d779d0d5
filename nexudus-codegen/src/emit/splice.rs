//! The bulk of an entity's file, built as `syn` nodes and put into the parsed file in place of
//! short markers, and the items every request has, as templates parsed once.
//!
//! Emitters write token streams that `format_file` parses back into a `syn::File` for
//! prettyplease. For the per-field pieces (struct fields, `write_fields` lines, placeholders,
//! setters) that round trip was most of the generator's time: quoting each token, buffering it
//! and parsing it again. Inside [`parse_spliced`] those pieces are registered instead, the
//! token stream holds a marker for each group, and the parsed skeleton gets the nodes put in.
//! Outside it (unit tests of one emitter) every helper returns the pieces' own tokens, so an
//! emitter's output means the same either way.
//!
//! The items of the same shape in every file (a request's struct and impls, its builder module,
//! its client method) are templates: parsed once per thread, cloned, and filled through
//! [`Holes`] (names, strings, types, expressions, and groups of nodes in place of markers named
//! after the hole). One replacer does both jobs: splicing a file's groups by index, filling a
//! template's holes by name.

use std::cell::RefCell;
use std::collections::HashMap;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use syn::visit_mut::VisitMut;

/// A group of nodes waiting for its marker.
pub enum Piece {
    Items(Vec<syn::Item>),
    Attributes(Vec<syn::Attribute>),
    Predicates(Vec<syn::WherePredicate>),
    Fields(Vec<syn::Field>),
    Stmts(Vec<syn::Stmt>),
    ImplItems(Vec<syn::ImplItem>),
    FieldValues(Vec<syn::FieldValue>),
    /// A template hole's group once it is in place.
    Taken,
}

impl Piece {
    fn is_taken(&self) -> bool {
        matches!(self, Piece::Taken)
    }
}

/// A kind of node that can stand in a group: how its marker is written and recognised, and
/// how the group is written out when no file is being spliced.
pub trait Node: Sized + quote::ToTokens + Grouped {
    /// The marker standing for group `marker`, where a node of this kind stands.
    fn marker(marker: &Ident) -> TokenStream;
    /// The name of the marker this node is, when it is one: a registered group's
    /// (`__nexudus_splice_3`) or a template's hole (`__setters`).
    fn marker_ident(&self) -> Option<&Ident>;
    /// The nodes themselves, as tokens.
    fn written(nodes: &[Self]) -> TokenStream {
        quote!(#(#nodes)*)
    }
}

/// The [`Piece`] variant that holds a group of this kind of node.
pub trait Grouped: Sized {
    /// The group as a [`Piece`].
    fn wrap(nodes: Vec<Self>) -> Piece;
    /// The group of a [`Piece`] of this kind.
    fn unwrap(piece: Piece) -> Option<Vec<Self>>;
}

macro_rules! grouped {
    ($($node:ty => $variant:ident),* $(,)?) => {$(
        impl Grouped for $node {
            fn wrap(nodes: Vec<Self>) -> Piece {
                Piece::$variant(nodes)
            }
            fn unwrap(piece: Piece) -> Option<Vec<Self>> {
                match piece {
                    Piece::$variant(nodes) => Some(nodes),
                    _ => None,
                }
            }
        }
    )*};
}

grouped! {
    syn::Item => Items,
    syn::Attribute => Attributes,
    syn::WherePredicate => Predicates,
    syn::Field => Fields,
    syn::Stmt => Stmts,
    syn::ImplItem => ImplItems,
    syn::FieldValue => FieldValues,
}

/// The index a marker names, when `ident` is one.
fn ident_index(ident: &Ident) -> Option<usize> {
    ident.to_string().strip_prefix(MARKER_PREFIX)?.parse().ok()
}

/// The kinds whose marker is a macro call, `__nexudus_splice_3!();`: items, statements and
/// `impl` items.
macro_rules! macro_marked {
    ($($kind:ident),*) => {$(
        impl Node for syn::$kind {
            fn marker(marker: &Ident) -> TokenStream {
                quote!(#marker!();)
            }
            fn marker_ident(&self) -> Option<&Ident> {
                match self {
                    syn::$kind::Macro(node) => node.mac.path.get_ident(),
                    _ => None,
                }
            }
        }
    )*};
}

macro_marked!(Item, Stmt, ImplItem);

impl Node for syn::Attribute {
    fn marker(marker: &Ident) -> TokenStream {
        quote!(#[#marker])
    }
    fn marker_ident(&self) -> Option<&Ident> {
        match &self.meta {
            syn::Meta::Path(path) => path.get_ident(),
            _ => None,
        }
    }
}

impl Node for syn::WherePredicate {
    fn marker(marker: &Ident) -> TokenStream {
        quote!(#marker: ::core::marker::Sized)
    }
    fn marker_ident(&self) -> Option<&Ident> {
        match self {
            syn::WherePredicate::Type(predicate) => match &predicate.bounded_ty {
                syn::Type::Path(path) => path.path.get_ident(),
                _ => None,
            },
            _ => None,
        }
    }
    fn written(nodes: &[Self]) -> TokenStream {
        quote!(#(#nodes),*)
    }
}

impl Node for syn::Field {
    fn marker(marker: &Ident) -> TokenStream {
        quote!(#marker: (),)
    }
    fn marker_ident(&self) -> Option<&Ident> {
        self.ident.as_ref()
    }
    fn written(nodes: &[Self]) -> TokenStream {
        quote!(#(#nodes,)*)
    }
}

impl Node for syn::FieldValue {
    fn marker(marker: &Ident) -> TokenStream {
        quote!(#marker: (),)
    }
    fn marker_ident(&self) -> Option<&Ident> {
        match &self.member {
            syn::Member::Named(ident) => Some(ident),
            syn::Member::Unnamed(_) => None,
        }
    }
    fn written(nodes: &[Self]) -> TokenStream {
        quote!(#(#nodes,)*)
    }
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
    let mut splicer = Replacer::splicing(pieces);
    splicer.visit_file_mut(&mut file);
    match splicer.registered.iter().position(Option::is_some) {
        None => Ok(file),
        Some(index) => Err(syn::Error::new(
            proc_macro2::Span::call_site(),
            format!("splice group {index} has no marker in the emitted file"),
        )),
    }
}

/// The group `nodes` where a node of its kind stands: its marker while a file is being spliced
/// (its nodes are put in after parsing), the nodes' own tokens otherwise.
pub fn group<T: Node>(nodes: Vec<T>) -> TokenStream {
    if nodes.is_empty() {
        return TokenStream::new();
    }
    PENDING.with(|pending| match pending.borrow_mut().as_mut() {
        Some(pieces) => {
            pieces.push(T::wrap(nodes));
            T::marker(&format_ident!("{}{}", MARKER_PREFIX, pieces.len() - 1))
        }
        None => T::written(&nodes),
    })
}

/// What fills a template's holes, each named as the template spells it.
#[derive(Default)]
pub struct Holes<'a> {
    /// An identifier of the template, e.g. `__Request`, and what it becomes.
    pub idents: Vec<(&'static str, &'a Ident)>,
    /// The text of a string literal of the template, e.g. `"__name"`, and what it becomes.
    pub strings: Vec<(&'static str, &'a str)>,
    /// A type of the template that is one identifier, e.g. `__Path`, and what it becomes.
    pub types: Vec<(&'static str, syn::Type)>,
    /// An expression of the template that is one identifier, e.g. `__sensitive`, and what it
    /// becomes.
    pub exprs: Vec<(&'static str, syn::Expr)>,
    /// A group's place in the template, written as a marker of the group's kind with the
    /// hole's name (`__setters!();`, `#[__docs]`, `__fields: (),`), and its nodes. Identifier
    /// holes are filled first, so a group's name is not also an identifier hole's.
    pub groups: Vec<(&'static str, Piece)>,
}

impl Holes<'_> {
    /// The hole `name` filled with `nodes`, which take the place of its marker.
    pub fn group<T: Node>(mut self, name: &'static str, nodes: Vec<T>) -> Self {
        self.groups.push((name, T::wrap(nodes)));
        self
    }
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
pub fn filled_predicates<'a>(
    key: &'static str,
    template: impl FnOnce() -> TokenStream,
    holes: impl IntoIterator<Item = Holes<'a>>,
) -> Vec<syn::WherePredicate> {
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
        let mut filler = Replacer::filling(holes);
        for predicate in &predicates {
            let mut predicate = predicate.clone();
            filler.visit_where_predicate_mut(&mut predicate);
            filled.push(predicate);
        }
    }
    filled
}

/// The items `template` writes, with `holes` filled: parsed once per thread under `key` and
/// cloned, since items of the same shape (one per request) differ only in a few names.
pub fn templated_items(
    key: &'static str,
    template: impl FnOnce() -> TokenStream,
    holes: Holes,
) -> TokenStream {
    group(filled_items(key, template, holes))
}

/// The items of [`templated_items`] themselves, to fill a hole of another template.
pub fn filled_items(
    key: &'static str,
    template: impl FnOnce() -> TokenStream,
    holes: Holes,
) -> Vec<syn::Item> {
    let mut items = template_items(key, template);
    let mut filler = Replacer::filling(holes);
    for item in &mut items {
        filler.visit_item_mut(item);
    }
    filler.splice(&mut items);
    debug_assert!(
        filler
            .holes
            .groups
            .iter()
            .all(|(_, piece)| piece.is_taken()),
        "template {key} has no marker for a group it was given"
    );
    items
}

/// The items of the `impl` block `template` writes, with `holes` filled, to fill a hole of
/// another template or a group of an `impl`.
pub fn filled_impl_items(
    key: &'static str,
    template: impl FnOnce() -> TokenStream,
    holes: Holes,
) -> Vec<syn::ImplItem> {
    match filled_items(key, template, holes).pop() {
        Some(syn::Item::Impl(block)) => block.items,
        _ => panic!("template {key} is not an impl block"),
    }
}

/// Where a marker's nodes are kept.
#[derive(Clone, Copy)]
enum Slot {
    /// The group registered under this index while the file was emitted.
    Registered(usize),
    /// The template hole at this index of [`Holes::groups`].
    Hole(usize),
}

/// Puts nodes in place of markers: the groups registered while a file was emitted
/// ([`parse_spliced`]), or a cloned template's holes ([`templated_items`]).
struct Replacer<'a> {
    registered: Vec<Option<Piece>>,
    holes: Holes<'a>,
    /// Whether this fills a template: the nodes it puts in are the emitter's own, with no hole
    /// inside, so they are put in after their surroundings are visited, not visited again.
    filling: bool,
}

impl<'a> Replacer<'a> {
    fn splicing(registered: Vec<Piece>) -> Self {
        Replacer {
            registered: registered.into_iter().map(Some).collect(),
            holes: Holes::default(),
            filling: false,
        }
    }

    fn filling(holes: Holes<'a>) -> Self {
        Replacer {
            registered: Vec::new(),
            holes,
            filling: true,
        }
    }

    fn slot(&self, marker: &Ident) -> Option<Slot> {
        if self.filling {
            let groups = &self.holes.groups;
            groups
                .iter()
                .position(|(name, _)| marker == name)
                .map(Slot::Hole)
        } else {
            ident_index(marker).map(Slot::Registered)
        }
    }

    fn take<T: Node>(&mut self, slot: Slot) -> Option<Vec<T>> {
        let piece = match slot {
            Slot::Registered(index) => self.registered.get_mut(index)?.take()?,
            Slot::Hole(index) => {
                std::mem::replace(&mut self.holes.groups.get_mut(index)?.1, Piece::Taken)
            }
        };
        T::unwrap(piece)
    }

    /// `list` with each marker of a `T` group replaced by the group.
    fn splice<C, T: Node>(&mut self, list: &mut C)
    where
        C: Default + IntoIterator<Item = T> + Extend<T>,
        for<'n> &'n C: IntoIterator<Item = &'n T>,
    {
        if self.filling && self.holes.groups.is_empty() {
            return;
        }
        let slot_of = |node: &T| node.marker_ident().and_then(|marker| self.slot(marker));
        // Most lists (a block's statements, an item's attributes) hold no marker.
        if !(&*list).into_iter().any(|node| slot_of(node).is_some()) {
            return;
        }
        let slots: Vec<Option<Slot>> = (&*list).into_iter().map(slot_of).collect();
        for (node, slot) in std::mem::take(list).into_iter().zip(slots) {
            match slot.and_then(|slot| self.take::<T>(slot)) {
                Some(group) => list.extend(group),
                None => list.extend([node]),
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

/// What fills the hole a one-identifier path of a template (`__Path`) names, if it names one.
fn path_hole<'h, T>(path: &syn::Path, holes: &'h [(&'static str, T)]) -> Option<&'h T> {
    let name = path.get_ident()?;
    holes
        .iter()
        .find(|(hole, _)| name == hole)
        .map(|(_, value)| value)
}

/// Splices `$list` around the visit `$visit` of what holds it: before it when splicing a file
/// (a group may hold markers of its own), after it when filling a template (the nodes put in
/// have no holes, so they are not visited).
macro_rules! spliced {
    ($self:ident, $list:expr, $visit:expr) => {{
        if !$self.filling {
            $self.splice($list);
        }
        $visit;
        if $self.filling {
            $self.splice($list);
        }
    }};
}

impl VisitMut for Replacer<'_> {
    fn visit_file_mut(&mut self, node: &mut syn::File) {
        spliced!(
            self,
            &mut node.items,
            syn::visit_mut::visit_file_mut(self, node)
        );
    }

    fn visit_item_mod_mut(&mut self, node: &mut syn::ItemMod) {
        if !self.filling
            && let Some((_, items)) = &mut node.content
        {
            self.splice(items);
        }
        syn::visit_mut::visit_item_mod_mut(self, node);
        if self.filling
            && let Some((_, items)) = &mut node.content
        {
            self.splice(items);
        }
    }

    fn visit_item_mut(&mut self, node: &mut syn::Item) {
        if !self.filling
            && let Some(attrs) = item_attributes(node)
        {
            self.splice(attrs);
        }
        syn::visit_mut::visit_item_mut(self, node);
        if self.filling
            && let Some(attrs) = item_attributes(node)
        {
            self.splice(attrs);
        }
    }

    fn visit_item_impl_mut(&mut self, node: &mut syn::ItemImpl) {
        spliced!(
            self,
            &mut node.items,
            syn::visit_mut::visit_item_impl_mut(self, node)
        );
    }

    fn visit_impl_item_mut(&mut self, node: &mut syn::ImplItem) {
        if !self.filling
            && let Some(attrs) = impl_item_attributes(node)
        {
            self.splice(attrs);
        }
        syn::visit_mut::visit_impl_item_mut(self, node);
        if self.filling
            && let Some(attrs) = impl_item_attributes(node)
        {
            self.splice(attrs);
        }
    }

    fn visit_fields_named_mut(&mut self, node: &mut syn::FieldsNamed) {
        spliced!(
            self,
            &mut node.named,
            syn::visit_mut::visit_fields_named_mut(self, node)
        );
    }

    fn visit_field_mut(&mut self, node: &mut syn::Field) {
        spliced!(
            self,
            &mut node.attrs,
            syn::visit_mut::visit_field_mut(self, node)
        );
    }

    fn visit_variant_mut(&mut self, node: &mut syn::Variant) {
        spliced!(
            self,
            &mut node.attrs,
            syn::visit_mut::visit_variant_mut(self, node)
        );
    }

    fn visit_where_clause_mut(&mut self, node: &mut syn::WhereClause) {
        if self.filling {
            syn::visit_mut::visit_where_clause_mut(self, node);
        }
        self.splice(&mut node.predicates);
    }

    fn visit_expr_struct_mut(&mut self, node: &mut syn::ExprStruct) {
        syn::visit_mut::visit_expr_struct_mut(self, node);
        self.splice(&mut node.fields);
    }

    fn visit_block_mut(&mut self, node: &mut syn::Block) {
        syn::visit_mut::visit_block_mut(self, node);
        self.splice(&mut node.stmts);
    }

    fn visit_type_mut(&mut self, ty: &mut syn::Type) {
        let filled = match &*ty {
            syn::Type::Path(path) if self.filling && path.qself.is_none() => {
                path_hole(&path.path, &self.holes.types).cloned()
            }
            _ => None,
        };
        match filled {
            Some(filled) => *ty = filled,
            None => syn::visit_mut::visit_type_mut(self, ty),
        }
    }

    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        let filled = match &*expr {
            syn::Expr::Path(path) if self.filling && path.qself.is_none() => {
                path_hole(&path.path, &self.holes.exprs).cloned()
            }
            _ => None,
        };
        match filled {
            Some(filled) => *expr = filled,
            None => syn::visit_mut::visit_expr_mut(self, expr),
        }
    }

    fn visit_ident_mut(&mut self, ident: &mut Ident) {
        if let Some((_, value)) = self.holes.idents.iter().find(|(hole, _)| ident == hole) {
            *ident = (*value).clone();
        }
    }

    fn visit_lit_str_mut(&mut self, lit: &mut syn::LitStr) {
        if self.holes.strings.is_empty() {
            return;
        }
        let value = lit.value();
        if let Some((_, text)) = self.holes.strings.iter().find(|(hole, _)| value == *hole) {
            *lit = syn::LitStr::new(text, lit.span());
        }
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

    fn file_of(items: Vec<syn::Item>) -> syn::File {
        let mut file: syn::File = syn::parse_quote!();
        file.items = items;
        file
    }

    fn printed(file: &syn::File) -> String {
        prettyplease::unparse(file)
    }

    #[test]
    fn spliced_groups_print_as_the_same_tokens_written_out() {
        let emit = || {
            let fields = group(vec![field("a"), field("b")]);
            let calls = group(vec![stmt("a"), stmt("b")]);
            let values =
                group::<syn::FieldValue>(vec![syn::parse_quote!(a: 1), syn::parse_quote!(b: 2)]);
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
            let items = group::<syn::ImplItem>(vec![
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
                    ..Default::default()
                }
                .group("__lines", vec![stmt("one"), stmt("two")]),
            );
            let second = templated_items(
                "test_show",
                template,
                Holes {
                    idents: vec![("__Name", &b)],
                    strings: vec![("__Name", "B")],
                    ..Default::default()
                }
                .group::<syn::Stmt>("__lines", Vec::new()),
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
    fn template_holes_take_attributes_items_and_expressions() {
        let template = || {
            quote! {
                #[__docs]
                pub mod __module {
                    __items!();
                    const LIMIT: u8 = __limit;
                }
            }
        };
        let module = format_ident!("m");
        let holes = Holes {
            idents: vec![("__module", &module)],
            exprs: vec![("__limit", syn::parse_quote!(3))],
            ..Default::default()
        }
        .group::<syn::Attribute>("__docs", vec![syn::parse_quote!(#[doc = " One."])])
        .group::<syn::Item>(
            "__items",
            vec![syn::parse_quote!(
                struct A;
            )],
        );
        let filled = file_of(filled_items("test_module", template, holes));
        let written: syn::File = syn::parse_quote! {
            #[doc = " One."]
            pub mod m {
                struct A;
                const LIMIT: u8 = 3;
            }
        };
        assert_eq!(printed(&filled), printed(&written));
        // An empty group leaves nothing where its marker was.
        let holes = Holes {
            idents: vec![("__module", &module)],
            exprs: vec![("__limit", syn::parse_quote!(0))],
            ..Default::default()
        }
        .group::<syn::Attribute>("__docs", Vec::new())
        .group::<syn::Item>("__items", Vec::new());
        let text = printed(&file_of(filled_items("test_module", template, holes)));
        assert!(!text.contains("__"), "{text}");
    }

    #[test]
    fn filled_predicates_take_their_types_and_names() {
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
            let bounds = filled_predicates(
                "test_bounds",
                template,
                [(&a, quote!(Left<Here>)), (&b, quote!(Right<Here>))].map(|(marker, path)| Holes {
                    idents: vec![("__Marker", marker)],
                    types: vec![("__Path", syn::parse2(path).unwrap())],
                    ..Default::default()
                }),
            );
            let bounds = group(bounds);
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
            let _dropped = group(vec![field("a")]);
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
                let fields = group(vec![field("inner")]);
                quote!(struct Inner { #fields })
            })
            .unwrap();
            let fields = group(vec![field("outer")]);
            let inner_text = printed(&inner);
            assert!(inner_text.contains("pub inner: i64"), "{inner_text}");
            quote!(struct Outer { #fields })
        })
        .unwrap();
        assert!(printed(&file).contains("pub outer: i64"));
    }
}
