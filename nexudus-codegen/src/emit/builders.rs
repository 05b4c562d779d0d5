//! Emits a typestate builder per request: its type records which required fields are set,
//! so `build` does not compile until each is set, and the compiler names the missing field.
//!
//! The states are the leaves of a balanced binary tree (the core's `builder::Both`), and each
//! required setter names only the path to its own leaf, so the builder grows with N log N
//! tokens in its N required fields instead of N² (every setter listing every state).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use std::collections::HashSet;

use crate::emit::area_crates::CORE;
use crate::emit::docs::doc_attributes;
use crate::emit::shared_fields::Sharing;
use crate::emit::splice;
use crate::emit::types::value_type;
use crate::model::{Field, FieldType, Operation, OperationKind, SharedFields};
use crate::naming::{camel, ident};

/// The module `create_coworker_note { Builder, fields }` of one operation; the builder of a
/// request that shares fields is the shared one ([`crate::emit::shared_fields`]), named here
/// for this request, with the setters of its own fields.
///
/// An update's `Prefilled` builder is emitted for `to_update` only, so when the entity has a
/// record.
pub fn builder_module(operation: &Operation, sharing: Sharing, has_record: bool) -> TokenStream {
    let prefill = has_record && operation.kind == OperationKind::Update;
    if let Some(shared) = sharing.shared() {
        return shared_builder_module(operation, sharing, shared, prefill);
    }
    let module = format_ident!("{}", operation.method_name);
    let request = format_ident!("{}", operation.type_name);
    let required: Vec<&Field> = operation.fields.iter().filter(|f| f.required).collect();
    let markers = markers_of(&required, &mut HashSet::new());
    let paths = leaf_paths(markers.len());
    let mut setters: Vec<syn::ImplItem> = required
        .iter()
        .zip(&paths)
        .map(|(field, path)| {
            let (store, name, ty, json) = setter_parts(field);
            setter("required", quote!(#store #name: #ty, #json, #path))
        })
        .collect();
    setters.extend(optional_setters(&operation.fields));
    let builder_doc = doc_attributes(&format!(
        "Builds a [`{0}`](super::{0}); start with [`{0}::builder`](super::{0}::builder).",
        operation.type_name
    ));
    let module = ModuleParts {
        module: &module,
        request: &request,
        module_doc: format!("The builder of [`{0}`](super::{0}).", operation.type_name),
        fields_doc: FIELDS_DOC,
        path_imports: !markers.is_empty(),
        markers: marker_items(&required, &markers),
        items: Vec::new(),
    };
    let holes = splice::Holes {
        idents: vec![("__Request", &request)],
        ..Default::default()
    }
    .group("__builder_doc", builder_doc);
    if markers.is_empty() {
        let holes = holes.group("__setters", setters);
        let items = splice::filled_items("stateless_builder", stateless_builder_template, holes);
        return module_tokens(ModuleParts { items, ..module });
    }
    // An update is sent as the whole record: a record's `to_update` fills every field in,
    // and the required ones stay settable once more, to change them.
    let prefilled = if prefill {
        prefilled_items(tree_of(&markers, "Set"), tree_of(&markers, "Filled"))
    } else {
        Vec::new()
    };
    let bounds = build_bounds(markers.iter().zip(paths.iter().cloned()));
    let mut holes = holes;
    holes.types.push(("__Unset", state_tree(&markers)));
    let mut items = splice::filled_items("builder", builder_template, holes);
    items.extend(build_items(&request, setters, bounds, prefilled));
    module_tokens(ModuleParts { items, ..module })
}

/// What the `fields` module of a request's own builder says.
const FIELDS_DOC: &str = "Marker types naming the required fields in the builder's type, so a missing\n\
                          field is named in the compiler's error.";

/// A builder module's parts, for [`module_tokens`].
pub struct ModuleParts<'a> {
    /// The module, e.g. `create_coworker_note`.
    pub module: &'a Ident,
    /// What the setters' docs call `Request`: the request, or the fields two requests share.
    pub request: &'a Ident,
    /// The module's doc.
    pub module_doc: String,
    /// The doc of its `fields` module, in lines.
    pub fields_doc: &'static str,
    /// Whether the setters name paths of the state tree (`Here`, `Left`, `Right`).
    pub path_imports: bool,
    /// The items of the `fields` module: the marker types.
    pub markers: Vec<syn::Item>,
    /// The builder and its impls.
    pub items: Vec<syn::Item>,
}

/// A builder module: the setter macros `required!` and `optional!` are in scope from the
/// crate root, `Request` is named by the setters' docs, and a single required field's path is
/// `Here` alone (so the path imports may go unused).
pub fn module_tokens(parts: ModuleParts) -> TokenStream {
    let path_imports = if parts.path_imports {
        splice::filled_items(
            "path_imports",
            path_imports_template,
            splice::Holes::default(),
        )
    } else {
        Vec::new()
    };
    let holes = splice::Holes {
        idents: vec![("__module", parts.module), ("__Request", parts.request)],
        ..Default::default()
    }
    .group("__module_doc", doc_attributes(&parts.module_doc))
    .group("__path_imports", path_imports)
    .group("__fields_doc", doc_attributes(parts.fields_doc))
    .group("__markers", parts.markers)
    .group("__items", parts.items);
    splice::templated_items("builder_module", module_template, holes)
}

fn module_template() -> TokenStream {
    quote! {
        #[__module_doc]
        pub mod __module {
            #[allow(unused_imports)]
            use super::__Request as Request;
            __path_imports!();

            #[__fields_doc]
            pub mod fields {
                #![allow(non_camel_case_types)]
                __markers!();
            }

            __items!();
        }
    }
}

fn path_imports_template() -> TokenStream {
    quote! {
        #[allow(unused_imports)]
        use ::nexudus_generated_core::builder::{Here, Left, Right};
    }
}

/// The builder of a request with no required field: it has no state.
fn stateless_builder_template() -> TokenStream {
    quote! {
        #[__builder_doc]
        #[derive(Clone, Debug)]
        #[must_use = "a builder does nothing until `build` is called"]
        pub struct Builder {
            pub(super) request: super::__Request,
            pub(super) state: ::std::marker::PhantomData<()>,
        }

        impl Builder {
            __setters!();

            /// The finished request; compiles only once every required field is set.
            #[inline]
            pub fn build(self) -> super::__Request {
                self.request
            }
        }
    }
}

/// The builder of a request with required fields, its state the tree of their states.
fn builder_template() -> TokenStream {
    quote! {
        #[__builder_doc]
        #[derive(Clone, Debug)]
        #[must_use = "a builder does nothing until `build` is called"]
        pub struct Builder<S = __Unset> {
            pub(super) request: super::__Request,
            pub(super) state: ::std::marker::PhantomData<S>,
        }
    }
}

/// The setters and `build` of a builder with required fields, and its `Prefilled` step when
/// it has one: `prefilled` is empty or the items of [`prefilled_items`].
fn build_items(
    request: &Ident,
    setters: Vec<syn::ImplItem>,
    bounds: Vec<syn::WherePredicate>,
    prefilled: Vec<syn::Item>,
) -> Vec<syn::Item> {
    let holes = splice::Holes {
        idents: vec![("__Request", request)],
        ..Default::default()
    }
    .group("__setters", setters)
    .group("__bounds", bounds);
    let mut items = splice::filled_items("build", build_template, holes);
    items.extend(prefilled);
    items
}

fn build_template() -> TokenStream {
    quote! {
        impl<S> Builder<S> {
            __setters!();

            /// The finished request; compiles only once every required field is set.
            #[inline]
            pub fn build(self) -> super::__Request
            where
                __bounds: ::core::marker::Sized,
            {
                self.request
            }
        }
    }
}

/// `pub enum Marker {}` with its doc, for each required field.
pub fn marker_items(required: &[&Field], markers: &[Ident]) -> Vec<syn::Item> {
    required
        .iter()
        .zip(markers)
        .map(|(field, marker)| {
            syn::Item::Enum(syn::ItemEnum {
                attrs: doc_attributes(&format!("Marks the required field `{}`.", field.json_name)),
                vis: syn::Visibility::Public(Default::default()),
                enum_token: Default::default(),
                ident: marker.clone(),
                generics: Default::default(),
                brace_token: Default::default(),
                variants: Default::default(),
            })
        })
        .collect()
}

/// The module of a create or an update that shares fields: its `Builder` is the shared
/// builder for this request, whose state is `Both<Own, Shared>`, and its `fields` are the
/// shared markers and its own.
fn shared_builder_module(
    operation: &Operation,
    sharing: Sharing,
    shared: &SharedFields,
    prefill: bool,
) -> TokenStream {
    let module = format_ident!("{}", operation.method_name);
    let request = format_ident!("{}", operation.type_name);
    let shared_module = format_ident!("{}", shared.module);
    let (head, tail) = sharing.own_fields(operation);
    let own: Vec<Field> = head.iter().chain(tail).cloned().collect();
    let shared_required: Vec<&Field> = shared.fields.iter().filter(|f| f.required).collect();
    let mut taken = HashSet::new();
    let shared_markers = markers_of(&shared_required, &mut taken);
    let own_required: Vec<&Field> = own.iter().filter(|f| f.required).collect();
    let own_markers = markers_of(&own_required, &mut taken);
    let (own_paths, shared_paths) = (
        leaf_paths(own_markers.len()),
        leaf_paths(shared_markers.len()),
    );
    let state = |leaf: &str| {
        generic_type(
            &[CORE, "builder", "Both"],
            vec![tree_of(&own_markers, leaf), tree_of(&shared_markers, leaf)],
        )
    };
    let unset = state("Unset");
    let mut setters: Vec<syn::ImplItem> = own_required
        .iter()
        .zip(&own_paths)
        .map(|(field, path)| {
            let (store, name, ty, json) = setter_parts(field);
            let path = step(true, path.clone());
            setter("required", quote!(#store #name: #ty, #json, #path))
        })
        .collect();
    setters.extend(optional_setters(&own));
    let own_bounds = own_markers
        .iter()
        .zip(&own_paths)
        .map(|(marker, path)| (step(true, path.clone()), marker));
    let shared_bounds = shared_markers
        .iter()
        .zip(&shared_paths)
        .map(|(marker, path)| (step(false, path.clone()), marker));
    let bounds = build_bounds(
        own_bounds
            .chain(shared_bounds)
            .map(|(path, marker)| (marker, path)),
    );
    let prefilled = if prefill && !(own_markers.is_empty() && shared_markers.is_empty()) {
        prefilled_items(state("Set"), state("Filled"))
    } else {
        Vec::new()
    };
    let other = sharing.other_request();
    let module_doc = format!("The builder of [`{0}`](super::{0}).", operation.type_name);
    let builder_doc = format!(
        "Builds a [`{0}`](super::{0}); start with [`{0}::builder`](super::{0}::builder). It is \
         the builder the entity's {other} shares ([`{1}::Builder`](super::{1}::Builder)), which \
         has the setters of the shared fields.",
        operation.type_name, shared.module
    );
    let holes = splice::Holes {
        idents: vec![("__Request", &request), ("__shared_module", &shared_module)],
        types: vec![("__Unset", unset)],
        ..Default::default()
    }
    .group("__builder_doc", doc_attributes(&builder_doc));
    let mut items = splice::filled_items("shared_builder", shared_builder_template, holes);
    items.extend(build_items(&request, setters, bounds, prefilled));
    let shared_markers = splice::filled_items(
        "shared_markers",
        shared_markers_template,
        splice::Holes {
            idents: vec![("__shared_module", &shared_module)],
            ..Default::default()
        },
    );
    module_tokens(ModuleParts {
        module: &module,
        request: &request,
        module_doc,
        fields_doc: "Marker types naming the required fields in the builder's type, so a missing\n\
                     field is named in the compiler's error: the shared ones and the request's own.",
        path_imports: true,
        markers: shared_markers
            .into_iter()
            .chain(marker_items(&own_required, &own_markers))
            .collect(),
        items,
    })
}

/// A create's or an update's builder: the shared one, for this request.
fn shared_builder_template() -> TokenStream {
    quote! {
        #[__builder_doc]
        pub type Builder<S = __Unset> = super::__shared_module::Builder<super::__Request, S>;
    }
}

/// The shared fields' markers, among a create's or an update's own.
fn shared_markers_template() -> TokenStream {
    quote! {
        pub use super::super::__shared_module::fields::*;
    }
}

/// `build`'s bound of each required field: its state, at its path, is set. One template,
/// filled per field ([`splice::filled_predicates`]), rather than tokens parsed back: a
/// builder has one bound per required field, some 4,600 at 1,000 operations.
fn build_bounds<'a>(
    fields: impl Iterator<Item = (&'a Ident, syn::Type)>,
) -> Vec<syn::WherePredicate> {
    let holes: Vec<splice::Holes> = fields
        .map(|(marker, path)| splice::Holes {
            idents: vec![("__Marker", marker)],
            types: vec![("__Path", path)],
            ..Default::default()
        })
        .collect();
    splice::filled_predicates("build_bounds", build_bound_template, holes)
}

fn build_bound_template() -> TokenStream {
    quote! {
        fn build()
        where
            S: ::nexudus_generated_core::builder::At<__Path, State: ::nexudus_generated_core::builder::IsSet<fields::__Marker>>,
        {
        }
    }
}

/// `optional!(…)` of each optional field among `fields`.
pub fn optional_setters(fields: &[Field]) -> Vec<syn::ImplItem> {
    fields
        .iter()
        .filter(|f| !f.required)
        .map(|field| {
            let (store, name, ty, json) = setter_parts(field);
            setter("optional", quote!(#store #name: #ty, #json))
        })
        .collect()
}

/// The invocation `setter!(arguments);` of one of the runtime's setter macros, built as a node
/// rather than parsed: a crate has one per request field ([`crate::emit::splice`]).
pub fn setter(setter: &str, arguments: TokenStream) -> syn::ImplItem {
    syn::ImplItem::Macro(syn::ImplItemMacro {
        attrs: Vec::new(),
        mac: syn::Macro {
            path: syn::Path::from(format_ident!("{}", setter)),
            bang_token: Default::default(),
            delimiter: syn::MacroDelimiter::Paren(Default::default()),
            tokens: arguments,
        },
        semi_token: Some(Default::default()),
    })
}

/// An update's `Prefilled` builder, as a record's `to_update` returns it, and the step from
/// the builder with every required field `set` to it, with every one `filled`.
fn prefilled_items(set: syn::Type, filled: syn::Type) -> Vec<syn::Item> {
    let holes = splice::Holes {
        types: vec![("__Set", set), ("__Filled", filled)],
        ..Default::default()
    };
    splice::filled_items("prefilled", prefilled_template, holes)
}

fn prefilled_template() -> TokenStream {
    quote! {
        /// The builder with every required field filled in from a record, as a record's
        /// `to_update` returns it: each required field's setter can still be called once,
        /// to change it, and `build` compiles as it is.
        pub type Prefilled = Builder<__Filled>;

        impl Builder<__Set> {
            #[doc(hidden)]
            #[inline]
            pub fn prefilled(self) -> Prefilled {
                Builder {
                    request: self.request,
                    state: ::std::marker::PhantomData,
                }
            }
        }
    }
}

/// The marker type of each of `required`, named after its JSON name. Field names that differ
/// in snake_case can still meet in UpperCamelCase (`Address1`, `Address_1`): the later ones
/// get a number, so each marker is declared once among those already `taken`.
pub fn markers_of(required: &[&Field], taken: &mut HashSet<String>) -> Vec<Ident> {
    required
        .iter()
        .map(|f| {
            let camel = camel(&f.json_name);
            let name = std::iter::once(camel.clone())
                .chain((2..).map(|n| format!("{camel}_{n}")))
                .find(|candidate| taken.insert(candidate.clone()))
                .unwrap_or(camel);
            ident(&name)
        })
        .collect()
}

/// The state of a builder with no required field set: the `Unset` markers of `markers`, as
/// the leaves of a balanced tree of `Both`, the first half on the left.
fn state_tree(markers: &[Ident]) -> syn::Type {
    tree_of(markers, "Unset")
}

/// The tree of `leaf` states (`Unset`, `Set`, `Filled`) of `markers`, shaped as
/// [`state_tree`]. Built as nodes, as the paths are: a builder has one leaf per required field.
pub fn tree_of(markers: &[Ident], leaf: &str) -> syn::Type {
    match markers {
        // A request with no required fields of its own (a create, beside the shared ones).
        [] => syn::Type::Tuple(syn::TypeTuple {
            attrs: Vec::new(),
            paren_token: Default::default(),
            elems: Default::default(),
        }),
        [marker] => generic_type(
            &[CORE, "builder", leaf],
            vec![generic_type(&["fields", &marker.to_string()], Vec::new())],
        ),
        _ => {
            let (left, right) = markers.split_at(markers.len().div_ceil(2));
            generic_type(
                &[CORE, "builder", "Both"],
                vec![tree_of(left, leaf), tree_of(right, leaf)],
            )
        }
    }
}

/// The path to each of the `count` leaves of [`state_tree`], in order: `Left<Right<Here>>`.
pub fn leaf_paths(count: usize) -> Vec<syn::Type> {
    fn walk(count: usize, steps: &mut Vec<bool>, out: &mut Vec<syn::Type>) {
        if count == 1 {
            let here = generic_type(&["Here"], Vec::new());
            let path = steps
                .iter()
                .rev()
                .fold(here, |inner, &left| step(left, inner));
            out.push(path);
            return;
        }
        let half = count.div_ceil(2);
        for (side, size) in [(true, half), (false, count - half)] {
            steps.push(side);
            walk(size, steps, out);
            steps.pop();
        }
    }
    let mut out = Vec::with_capacity(count);
    if count > 0 {
        walk(count, &mut Vec::new(), &mut out);
    }
    out
}

/// `Left<path>` or `Right<path>`: one step down the state tree, then `path`.
fn step(left: bool, path: syn::Type) -> syn::Type {
    generic_type(&[if left { "Left" } else { "Right" }], vec![path])
}

/// The type `a::b::C<arguments…>` (no arguments: `a::b::C`); `::a::b::C` when `a` is the
/// core crate.
fn generic_type(segments: &[&str], arguments: Vec<syn::Type>) -> syn::Type {
    let span = proc_macro2::Span::call_site();
    let last = segments.len().saturating_sub(1);
    let leading_colon = (segments.first() == Some(&CORE)).then(Default::default);
    let segments = segments.iter().enumerate().map(|(index, name)| {
        let arguments = if index == last && !arguments.is_empty() {
            syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
                colon2_token: None,
                lt_token: Default::default(),
                args: arguments
                    .iter()
                    .cloned()
                    .map(syn::GenericArgument::Type)
                    .collect(),
                gt_token: Default::default(),
            })
        } else {
            syn::PathArguments::None
        };
        syn::PathSegment {
            ident: Ident::new(name, span),
            arguments,
        }
    });
    syn::Type::Path(syn::TypePath {
        attrs: Vec::new(),
        qself: None,
        path: syn::Path {
            leading_colon,
            segments: segments.collect(),
        },
    })
}

/// What the setter macros need: how the value is stored, the field, its value type and its
/// JSON name as Markdown code for the setter's doc.
pub fn setter_parts(field: &Field) -> (Ident, Ident, TokenStream, String) {
    let store = match (field.nullable, field.sensitive) {
        // Numbers, `bool` and integer enums are taken by value, as smithy-rs's setters take
        // them: a literal infers the field's type, and every generic setter fewer is one less
        // function for the compiler to check in each downstream build.
        (false, false) if takes_exact_value(&field.ty) => "exact",
        (false, false) => "plain",
        (false, true) => "secret",
        (true, false) => "nullable",
        (true, true) => "nullable_secret",
    };
    (
        format_ident!("{}", store),
        ident(&field.rust_name),
        value_type(&field.ty),
        format!("`{}`", field.json_name),
    )
}

/// Whether a setter takes the field's own type rather than `impl Into` of it: types whose
/// `Into` conversions only widen integers (or, for integer enums, accept a bare integer that
/// may name no variant) gain nothing from a generic argument.
fn takes_exact_value(ty: &FieldType) -> bool {
    matches!(
        ty,
        FieldType::Boolean | FieldType::Integer | FieldType::Number | FieldType::Enum(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers(count: usize) -> Vec<Ident> {
        (0..count).map(|i| format_ident!("F{}", i)).collect()
    }

    #[test]
    fn each_path_leads_to_its_own_leaf_of_the_state_tree() {
        for count in 1..=9 {
            let tree = quote::ToTokens::to_token_stream(&state_tree(&markers(count))).to_string();
            let paths = leaf_paths(count);
            assert_eq!(paths.len(), count);
            // Follow each path down the printed tree and land on that field's marker.
            for (index, path) in paths.iter().enumerate() {
                let steps: Vec<bool> = quote::ToTokens::to_token_stream(path)
                    .to_string()
                    .split_whitespace()
                    .filter_map(|token| match token {
                        "Left" => Some(true),
                        "Right" => Some(false),
                        _ => None,
                    })
                    .collect();
                let mut leaf = tree.clone();
                for left in steps {
                    leaf = node_child(&leaf, if left { 0 } else { 1 });
                }
                assert!(leaf.ends_with(&format!("F{index} >")), "{count}: {leaf}");
            }
        }
    }

    /// The left (0) or right (1) half of the printed `Both` node `node`, printed.
    fn node_child(node: &str, index: usize) -> String {
        let node = syn::parse_str::<syn::Type>(node).unwrap();
        let syn::Type::Path(path) = &node else {
            panic!("not a path")
        };
        let last = path.path.segments.last().unwrap();
        assert_eq!(last.ident, "Both");
        let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
            panic!("no arguments")
        };
        match &arguments.args[index] {
            syn::GenericArgument::Type(ty) => quote::ToTokens::to_token_stream(ty).to_string(),
            _ => panic!("not a type"),
        }
    }

    #[test]
    fn the_tree_is_as_deep_as_the_log_of_its_leaves() {
        let paths = leaf_paths(1_000);
        let deepest = paths
            .iter()
            .map(|path| {
                quote::ToTokens::to_token_stream(path)
                    .to_string()
                    .matches('<')
                    .count()
            })
            .max();
        assert_eq!(deepest, Some(10));
    }
}
