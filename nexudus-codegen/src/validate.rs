//! Step 2: check the loaded specs and build the one [`Api`] model, collecting every problem.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::load::{LoadedFile, Unreadable};
use crate::model::{
    Api, Entity, Enum, EnumValue, Envelope, EnvelopeField, EnvelopeType, Field, FieldType,
    HttpMethod, Operation, Record, StringEnum, StringEnumValue,
};
use crate::naming;
use crate::spec::{
    EnumSpec, EnvelopeFieldSpec, FieldSpec, OperationKind, OperationSpec, SpecType, StringEnumSpec,
};

/// Names the generated request modules use from std's prelude; an operation named like one
/// of them would shadow it, so the names are reserved.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "String",
    "Vec",
    "Result",
    "Ok",
    "Err",
    "Default",
    "Into",
    "Clone",
    "Debug",
    "PartialEq",
];

/// Methods the hand-written `Client` has, public or private, and the traits' methods it
/// implements; an operation must not take their names.
pub const RESERVED_METHOD_NAMES: &[&str] = &[
    "builder",
    "mutate",
    "fetch",
    "clone",
    "fmt",
    "base_url",
    "new",
    "exchange",
    "send",
    "request_token",
    "authenticator",
    "clone_from",
    // The runtime's `Client::paginate`, which every list's `…_stream` method calls.
    "paginate",
];

/// Rust type names of the hand-written items in the generated `enums` module; an enum must
/// not take them.
pub const RESERVED_ENUM_TYPE_NAMES: &[&str] = &["UnknownValue", "ParseEnumError"];

/// Names an area cannot have: each area is a module of the crate's root (beside the runtime's
/// modules, the generated `enums` and `envelope`, and the dependencies the generated code
/// names by path) and a cargo feature (`default` is cargo's own).
pub const RESERVED_AREAS: &[&str] = &[
    // The generated modules and the runtime's modules (an area of the same name would be
    // hidden behind the crate root's own `use` of it).
    "enums",
    "envelope",
    "generated",
    "runtime",
    "auth",
    "blocking",
    "builder",
    "client",
    "enum_value",
    "error",
    "mock",
    "operation",
    "paginate",
    "rate_limit",
    "record",
    "redact",
    "response",
    "retry",
    "sensitive",
    "serialize",
    // Crates the generated code names as `::name`, the crate depends on or re-exports (the
    // crate root's `use futures_core::…` would be ambiguous beside an area module of its name).
    "std",
    "core",
    "alloc",
    "erased_serde",
    "futures_core",
    "nexudus_generated_core",
    "nexudus_generated_runtime",
    "hyper",
    "jiff",
    "reqwest",
    "rustls",
    "serde",
    "serde_json",
    "serde_urlencoded",
    "tokio",
    "tracing",
    // Cargo features that are not areas.
    "default",
    "deserialize",
];

/// The integer types an enum may use, with their ranges.
const ENUM_REPRS: &[(&str, i64, i64)] = &[
    ("i8", i8::MIN as i64, i8::MAX as i64),
    ("i16", i16::MIN as i64, i16::MAX as i64),
    ("i32", i32::MIN as i64, i32::MAX as i64),
    ("i64", i64::MIN, i64::MAX),
    ("u8", 0, u8::MAX as i64),
    ("u16", 0, u16::MAX as i64),
    ("u32", 0, u32::MAX as i64),
];

/// The result of validation: the model when there are no errors, and the warnings either way.
pub struct Validated {
    /// The model, or `None` when an error was found.
    pub api: Option<Api>,
    /// Every problem found, errors and warnings, sorted.
    pub diagnostics: Diagnostics,
}

/// Checks every file and builds the model.
pub fn validate(files: &[LoadedFile]) -> Validated {
    validate_with_unreadable(files, &[])
}

/// Checks the files that parsed while others did not. An error that only follows from an
/// unreadable file is not repeated as a problem of its own: a missing envelope when an
/// unreadable file has `envelope:`, and each further use of an enum an unreadable file seems to
/// define (the first use names that file).
pub fn validate_with_unreadable(files: &[LoadedFile], unreadable: &[Unreadable]) -> Validated {
    let mut checker = Checker {
        invalid_enums: Arc::default(),
        diagnostics: Diagnostics::default(),
        unreadable: unreadable.into(),
        reported_cascades: HashSet::new(),
        string_enums: Arc::default(),
    };
    let enums = checker.enums(files);
    checker.string_enums = Arc::new(checker.string_enums(files, &enums));
    let envelope = checker.envelope(files);
    let mut entities = checker.entities(files, &enums);
    crate::shared_fields::share(&mut entities);
    // The per-file checkers that shared the map are gone, so this takes it without a copy.
    let string_enums = Arc::try_unwrap(checker.string_enums).unwrap_or_else(|map| (*map).clone());
    let mut diagnostics = checker.diagnostics;
    diagnostics.sort();
    let api = match envelope {
        Some(envelope) if !diagnostics.has_errors() => Some(Api {
            enums: enums.into_values().collect(),
            string_enums: string_enums.into_values().collect(),
            entities,
            envelope,
        }),
        _ => None,
    };
    Validated { api, diagnostics }
}

/// Why `area` cannot be a module and feature of the crate, if it cannot.
fn area_problem(area: &str) -> Option<String> {
    if naming::snake(area) != area {
        return Some(format!(
            "area `{area}` is a Rust keyword, so it cannot name the area's module"
        ));
    }
    RESERVED_AREAS.contains(&area).then(|| {
        format!("area `{area}` would clash with the crate's own `{area}` (a module, dependency or cargo feature)")
    })
}

/// The 1-based line of the first `key:` starting a line of `source`, 0 when there is none.
fn key_line(source: &str, key: &str) -> usize {
    source
        .lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(0, |index| index + 1)
}

/// The file of the spec directory that holds the response envelope.
pub const ENVELOPE_FILE: &str = "envelope.yaml";

/// What the runtime reads from the envelope (`Envelope` and `FieldError`): JSON name and type.
const ENVELOPE_NEEDS: &[(&str, &str)] = &[
    ("WasSuccessful", "boolean"),
    ("Errors", "errors"),
    ("Message", "string"),
    ("Value", "any"),
    ("UpdatedOn", "string"),
    ("UpdatedBy", "string"),
];

/// What the runtime reads from one validation error.
const ERROR_FIELD_NEEDS: &[(&str, &str)] = &[
    ("PropertyName", "string"),
    ("Message", "string"),
    ("AttemptedValue", "any"),
];

/// Collects the diagnostics of the checks. What the whole-API checks find (the enums, the
/// unreadable files) is shared with the per-file checkers of [`Checker::fork`], which run on
/// every core; the order diagnostics are found in does not matter, since they are sorted.
struct Checker {
    /// Documented names of enums that a spec defines but that had errors: a field using one
    /// is not told that no spec defines it.
    invalid_enums: Arc<HashSet<String>>,
    diagnostics: Diagnostics,
    unreadable: Arc<[Unreadable]>,
    /// (file, enum) pairs already reported as possibly defined in an unreadable file.
    reported_cascades: HashSet<(String, String)>,
    /// The checked string enums, keyed by documented name (fields refer to them by it).
    string_enums: Arc<BTreeMap<String, StringEnum>>,
}

/// What one spec file gives the entity checks, found from that file alone.
struct FileEntity<'f> {
    file: &'f LoadedFile,
    entity: &'f Spanned<String>,
    area: &'f Spanned<String>,
    module: String,
    /// Each operation of the file, in order: the checked operation and its record's fields,
    /// or `None` when the operation has errors.
    operations: Vec<Option<(Operation, Vec<Field>)>>,
}

impl Checker {
    /// A checker for the checks of one file, run beside the other files': it reads what the
    /// whole-API checks found and collects diagnostics of its own, for [`Checker::merge`].
    fn fork(&self) -> Self {
        Self {
            invalid_enums: Arc::clone(&self.invalid_enums),
            diagnostics: Diagnostics::default(),
            unreadable: Arc::clone(&self.unreadable),
            reported_cascades: HashSet::new(),
            string_enums: Arc::clone(&self.string_enums),
        }
    }

    /// Takes in what a [`Checker::fork`] found.
    fn merge(&mut self, fork: Self) {
        self.diagnostics.0.extend(fork.diagnostics.0);
        self.reported_cascades.extend(fork.reported_cascades);
    }

    /// An enum that a spec defines but that has errors of its own.
    fn mark_invalid(&mut self, documented_name: &str) {
        Arc::make_mut(&mut self.invalid_enums).insert(documented_name.to_owned());
    }

    /// The first unreadable file that seems to define `name` under `key:` (`- name: eGender`,
    /// `{name: eGender, ...}` or `envelope:`), judged from its text alone.
    fn unreadable_defining(&self, key: &str, name: &str) -> Option<String> {
        self.unreadable
            .iter()
            .find(|file| {
                file.source.lines().any(|line| {
                    let line = line.trim_start().trim_start_matches("- ").trim_start();
                    let line = line.trim_start_matches('{').trim_start();
                    line.strip_prefix(key)
                        .and_then(|rest| rest.trim_start().strip_prefix(':'))
                        .is_some_and(|rest| {
                            let value = rest.split([',', '}', '#']).next().unwrap_or_default();
                            value.trim().trim_matches(['"', '\'']) == name
                        })
                })
            })
            .map(|file| file.display_path.clone())
    }

    fn error<T>(
        &mut self,
        file: &LoadedFile,
        at: &Spanned<T>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let line = usize::try_from(at.referenced.line()).unwrap_or(0);
        let column = usize::try_from(at.referenced.column()).unwrap_or(0);
        self.diagnostics.push(Diagnostic::error(
            &file.display_path,
            &file.source,
            line,
            column,
            message,
        ));
        self.diagnostics.0.last_mut().expect("just pushed")
    }

    /// An error at the line starting with `key:` (the whole file when there is none).
    fn key_error(
        &mut self,
        file: &LoadedFile,
        key: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let line = key_line(&file.source, key);
        self.diagnostics.push(Diagnostic::error(
            &file.display_path,
            &file.source,
            line,
            usize::from(line > 0),
            message,
        ));
        self.diagnostics.0.last_mut().expect("just pushed")
    }

    /// Every enum of every file, keyed by Rust type name (which must be unique).
    fn enums(&mut self, files: &[LoadedFile]) -> BTreeMap<String, Enum> {
        let mut enums: BTreeMap<String, Enum> = BTreeMap::new();
        let mut defined_in: HashMap<String, String> = HashMap::new();
        for file in files {
            for spec in &file.spec.enums {
                let Some(checked) = self.enum_spec(file, spec) else {
                    self.mark_invalid(&spec.name.value);
                    continue;
                };
                if RESERVED_ENUM_TYPE_NAMES.contains(&checked.type_name.as_str()) {
                    let message = format!(
                        "enum `{}` would be the Rust type `{}`, a name the generated `enums` module already uses",
                        spec.name.value, checked.type_name
                    );
                    self.error(file, &spec.name, message).hint = Some(
                        "rename the enum; its documented name only appears in docs and errors"
                            .to_owned(),
                    );
                    self.mark_invalid(&spec.name.value);
                    continue;
                }
                if let Some(other) = defined_in.get(&checked.type_name) {
                    let message = format!(
                        "enum `{}` would be the Rust type `{}`, which {other} already defines",
                        spec.name.value, checked.type_name
                    );
                    self.error(file, &spec.name, message);
                    self.mark_invalid(&spec.name.value);
                    continue;
                }
                defined_in.insert(
                    checked.type_name.clone(),
                    format!("{} (`{}`)", file.display_path, spec.name.value),
                );
                enums.insert(checked.type_name.clone(), checked);
            }
        }
        enums
    }

    /// Every string enum of every file, keyed by documented name; Rust type names are unique
    /// across integer and string enums.
    fn string_enums(
        &mut self,
        files: &[LoadedFile],
        enums: &BTreeMap<String, Enum>,
    ) -> BTreeMap<String, StringEnum> {
        let mut checked: BTreeMap<String, StringEnum> = BTreeMap::new();
        let mut defined_in: HashMap<String, String> = HashMap::new();
        for file in files {
            for spec in &file.spec.string_enums {
                let Some(string_enum) = self.string_enum_spec(file, spec) else {
                    continue;
                };
                let type_name = &string_enum.type_name;
                let other = defined_in.get(type_name).cloned().or_else(|| {
                    enums
                        .get(type_name)
                        .map(|e| format!("the enum `{}`", e.documented_name))
                });
                if let Some(other) = other {
                    let message = format!(
                        "string enum `{}` would be the Rust type `{type_name}`, which {other} already defines",
                        spec.name.value
                    );
                    self.error(file, &spec.name, message);
                    continue;
                }
                defined_in.insert(
                    type_name.clone(),
                    format!("{} (`{}`)", file.display_path, spec.name.value),
                );
                checked.insert(string_enum.documented_name.clone(), string_enum);
            }
        }
        checked
    }

    fn string_enum_spec(&mut self, file: &LoadedFile, spec: &StringEnumSpec) -> Option<StringEnum> {
        let errors_before = self.diagnostics.error_count();
        let name = &spec.name.value;
        let type_name = naming::enum_type(name);
        if name.trim().is_empty() {
            self.error(file, &spec.name, "a string enum needs a name");
        } else if RESERVED_TYPE_NAMES.contains(&type_name.as_str()) {
            self.error(
                file,
                &spec.name,
                format!("string enum `{name}` would be the Rust type `{type_name}`, which the generated crate reserves"),
            );
        }
        if spec.values.is_empty() {
            self.error(
                file,
                &spec.name,
                format!("string enum `{name}` has no values"),
            )
            .hint = Some("list its documented values under `values:`".to_owned());
        }
        let mut values = Vec::with_capacity(spec.values.len());
        let mut seen_values: HashSet<&str> = HashSet::new();
        let mut seen_variants: HashMap<String, &str> = HashMap::new();
        for value in &spec.values {
            let text = value.value.value.as_str();
            if text.trim().is_empty() {
                self.error(
                    file,
                    &value.value,
                    format!("a value of string enum `{name}` is empty"),
                );
                continue;
            }
            if !seen_values.insert(text) {
                self.error(
                    file,
                    &value.value,
                    format!("string enum `{name}` repeats the value `{text}`"),
                );
                continue;
            }
            let variant = naming::camel(text);
            if let Some(previous) = seen_variants.insert(variant.clone(), text) {
                self.error(
                    file,
                    &value.value,
                    format!("string enum `{name}` has `{text}` and `{previous}`, which are both the Rust variant `{variant}`"),
                );
            }
            values.push(StringEnumValue {
                value: text.to_owned(),
                description: value.description.clone(),
                variant,
            });
        }
        if self.diagnostics.error_count() > errors_before {
            return None;
        }
        let unknown_variant = ["Unknown", "Unrecognized", "UnknownValue"]
            .into_iter()
            .find(|candidate| !seen_variants.contains_key(*candidate))
            .unwrap_or("UnknownValue")
            .to_owned();
        Some(StringEnum {
            documented_name: name.clone(),
            type_name,
            description: spec.description.clone(),
            unknown_variant,
            values,
        })
    }

    fn enum_spec(&mut self, file: &LoadedFile, spec: &EnumSpec) -> Option<Enum> {
        let errors_before = self.diagnostics.error_count();
        let name = &spec.name.value;
        if name.trim().is_empty() {
            self.error(file, &spec.name, "an enum needs a name");
        }
        let (repr, min, max) = match &spec.repr {
            None => ENUM_REPRS[2],
            Some(repr) => match ENUM_REPRS.iter().find(|(r, _, _)| *r == repr.value) {
                Some(found) => *found,
                None => {
                    let hint = closest(&repr.value, ENUM_REPRS.iter().map(|(r, _, _)| *r))
                        .map_or_else(
                            || "use one of i8, i16, i32, i64, u8, u16, u32".to_owned(),
                            |r| format!("did you mean `{r}`?"),
                        );
                    self.error(
                        file,
                        repr,
                        format!("`{}` is not an integer type", repr.value),
                    )
                    .hint = Some(hint);
                    ENUM_REPRS[2]
                }
            },
        };
        if spec.values.is_empty() {
            self.error(file, &spec.name, format!("enum `{name}` has no values"))
                .hint = Some("list its documented values under `values:`".to_owned());
        }
        let mut values = Vec::with_capacity(spec.values.len());
        let mut seen_values: HashMap<i64, &str> = HashMap::new();
        let mut seen_variants: HashMap<String, &str> = HashMap::new();
        for value in &spec.values {
            let number = value.value.value;
            if number < min || number > max {
                self.error(
                    file,
                    &value.value,
                    format!("{number} does not fit in `{repr}`, the integer type of enum `{name}`"),
                )
                .hint = Some("set `repr:` to a wider integer type".to_owned());
            }
            if let Some(previous) = seen_values.insert(number, &value.name.value) {
                self.error(
                    file,
                    &value.value,
                    format!("enum `{name}` repeats the value {number} (also `{previous}`)"),
                );
            }
            let variant = naming::camel(&value.name.value);
            if value.name.value.trim().is_empty() {
                self.error(
                    file,
                    &value.name,
                    format!("value {number} of enum `{name}` needs a name"),
                );
            } else if let Some(previous) = seen_variants.insert(variant.clone(), &value.name.value)
            {
                self.error(
                    file,
                    &value.name,
                    format!("enum `{name}` repeats the name `{}` (as Rust variant `{variant}`, also `{previous}`)", value.name.value),
                );
            }
            values.push(EnumValue {
                value: number,
                name: value.name.value.clone(),
                variant,
            });
        }
        if self.diagnostics.error_count() > errors_before {
            return None;
        }
        // The catch-all variant takes the first name no documented value has.
        let unknown_variant = ["Unknown", "Unrecognized", "UnknownValue"]
            .into_iter()
            .map(str::to_owned)
            .chain((2..).map(|n| format!("UnknownValue{n}")))
            .find(|candidate| !seen_variants.contains_key(candidate))
            .unwrap_or_default();
        Some(Enum {
            documented_name: name.clone(),
            type_name: naming::enum_type(name),
            description: spec.description.clone(),
            repr: repr.to_owned(),
            unknown_variant,
            values,
        })
    }

    fn envelope(&mut self, files: &[LoadedFile]) -> Option<Envelope> {
        let mut found: Option<(Envelope, String)> = None;
        for file in files {
            let Some(spec) = &file.spec.envelope else {
                continue;
            };
            let fields = self.envelope_fields(file, &spec.fields);
            let error_fields = self.envelope_fields(file, &spec.error_fields);
            if let Some((_, first)) = &found {
                let message = format!("the response envelope is already defined in {first}");
                let line = key_line(&file.source, "envelope");
                self.diagnostics.push(
                    Diagnostic::error(&file.display_path, &file.source, line, 1, message)
                        .with_hint("keep one `envelope:` in all the specs"),
                );
                continue;
            }
            self.envelope_needs(file, "fields", &spec.fields, ENVELOPE_NEEDS);
            self.envelope_needs(file, "error_fields", &spec.error_fields, ERROR_FIELD_NEEDS);
            let line = key_line(&file.source, "envelope");
            let first = if line == 0 {
                file.display_path.clone()
            } else {
                format!("{}:{line}", file.display_path)
            };
            found = Some((
                Envelope {
                    description: spec.description.clone(),
                    fields,
                    error_fields,
                },
                first,
            ));
        }
        if found.is_none() && self.unreadable_defining("envelope", "").is_none() {
            self.missing_envelope(files);
        }
        found.map(|(envelope, _)| envelope)
    }

    /// No file defines the envelope: reported against the file where it belongs,
    /// `{spec}/envelope.yaml` (at its first line when the file is there without it).
    fn missing_envelope(&mut self, files: &[LoadedFile]) {
        // The spec directory as the other paths show it (`spec`).
        let root = files
            .iter()
            .map(|file| (file.display_path.as_str(), file.relative_path.as_str()))
            .chain(
                self.unreadable
                    .iter()
                    .map(|file| (file.display_path.as_str(), "")),
            )
            .find_map(|(display, relative)| {
                let root = display.strip_suffix(relative)?.trim_end_matches('/');
                (!relative.is_empty() && !root.is_empty()).then(|| root.to_owned())
            })
            .unwrap_or_else(|| "spec".to_owned());
        let path = format!("{root}/{ENVELOPE_FILE}");
        let hint = format!(
            "{path} describes, once, the JSON envelope every operation answers with (`envelope:` with its `fields:` and `error_fields:`); restore it from the repository"
        );
        let diagnostic = match files
            .iter()
            .find(|file| file.relative_path == ENVELOPE_FILE)
        {
            Some(file) => Diagnostic::error(
                &file.display_path,
                &file.source,
                1,
                1,
                format!(
                    "{path} has no `envelope:`, and no other spec file defines the response envelope"
                ),
            ),
            None => Diagnostic::error(
                &path,
                "",
                0,
                0,
                format!(
                    "the response envelope is missing: {path} does not exist, and no other spec file defines `envelope:`"
                ),
            ),
        };
        self.diagnostics.push(diagnostic.with_hint(hint));
    }

    /// The envelope has every field the runtime reads, under its exact JSON name and type, and
    /// no two fields that would be one Rust field.
    fn envelope_needs(
        &mut self,
        file: &LoadedFile,
        key: &str,
        specs: &[EnvelopeFieldSpec],
        needs: &[(&str, &str)],
    ) {
        let mut rust_names: HashMap<String, &str> = HashMap::new();
        for spec in specs {
            let rust_name = naming::snake(&spec.name.value);
            if let Some(other) = rust_names.insert(rust_name.clone(), &spec.name.value) {
                let message = format!(
                    "envelope fields `{other}` and `{}` would both be the Rust field `{rust_name}`",
                    spec.name.value
                );
                self.error(file, &spec.name, message);
            }
        }
        for (json, ty) in needs {
            let rust_name = naming::snake(json);
            match specs
                .iter()
                .find(|spec| naming::snake(&spec.name.value) == rust_name)
            {
                None => {
                    let line = key_line(&file.source, "envelope");
                    self.diagnostics.push(
                        Diagnostic::error(
                            &file.display_path,
                            &file.source,
                            line,
                            1,
                            format!("the envelope's `{key}` lack `{json}`, which the client reads"),
                        )
                        .with_hint(format!(
                            "add `- {{name: {json}, type: {ty}}}` under `{key}:`"
                        )),
                    );
                }
                Some(spec) if spec.name.value != *json => {
                    let message = format!(
                        "the client reads the envelope field `{json}`, spelled exactly so, not `{}`",
                        spec.name.value
                    );
                    self.error(file, &spec.name, message);
                }
                Some(spec) if spec.ty.value != *ty => {
                    let message = format!(
                        "the client reads the envelope field `{json}` as `{ty}`, not `{}`",
                        spec.ty.value
                    );
                    self.error(file, &spec.ty, message);
                }
                Some(_) => {}
            }
        }
    }

    fn envelope_fields(
        &mut self,
        file: &LoadedFile,
        specs: &[EnvelopeFieldSpec],
    ) -> Vec<EnvelopeField> {
        let mut fields = Vec::with_capacity(specs.len());
        for spec in specs {
            let ty = match spec.ty.value.as_str() {
                "string" => EnvelopeType::String,
                "integer" => EnvelopeType::Integer,
                "boolean" => EnvelopeType::Boolean,
                "any" => EnvelopeType::Any,
                "errors" => EnvelopeType::Errors,
                other => {
                    let known = ["string", "integer", "boolean", "any", "errors"];
                    let hint = closest(other, known).map_or_else(
                        || format!("use one of {}", known.join(", ")),
                        |k| format!("did you mean `{k}`?"),
                    );
                    self.error(
                        file,
                        &spec.ty,
                        format!("unknown envelope field type `{other}`"),
                    )
                    .hint = Some(hint);
                    continue;
                }
            };
            fields.push(EnvelopeField {
                json_name: spec.name.value.clone(),
                rust_name: naming::snake(&spec.name.value),
                ty,
                description: spec.description.clone(),
            });
        }
        fields
    }

    /// The checks of one spec file that need no other file: its `entity:`, `area:` and
    /// module name, then each operation. `None` when the file has no entity to generate.
    fn file_entity<'f>(
        &mut self,
        file: &'f LoadedFile,
        by_documented: &HashMap<&str, &Enum>,
    ) -> Option<FileEntity<'f>> {
        if file.spec.operations.is_empty() && file.spec.entity.is_none() {
            return None;
        }
        let Some(entity) = &file.spec.entity else {
            self.key_error(
                file,
                "operations",
                "a spec file with `operations` needs `entity:` (e.g. `entity: CoworkerNote`)",
            );
            return None;
        };
        if entity.value.trim().is_empty()
            || naming::camel(&entity.value).trim_matches('_').is_empty()
        {
            self.error(
                file,
                entity,
                "`entity:` needs a name such as `CoworkerNote`",
            );
            return None;
        }
        let Some(area) = &file.spec.area else {
            self.error(
                file,
                entity,
                "the entity needs `area:`, the `{area}` of `/api/{area}/...` (e.g. `spaces`)",
            );
            return None;
        };
        if let Some(problem) = area_problem(&area.value) {
            let hint = format!(
                "choose another `area:` name such as `{}_api`; the operations' paths keep `/api/{}/...`",
                area.value.trim_matches('_'),
                area.value
            );
            self.error(file, area, problem).hint = Some(hint);
            return None;
        }
        if area.value.is_empty()
            || !area
                .value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            || area.value.starts_with(|c: char| c.is_ascii_digit())
        {
            self.error(
                file,
                area,
                format!(
                    "area `{}` must be a lower-case word such as `spaces`",
                    area.value
                ),
            );
            return None;
        }
        let stem = file
            .relative_path
            .rsplit('/')
            .next()
            .unwrap_or(&file.relative_path);
        let stem = stem.rsplit_once('.').map_or(stem, |(stem, _)| stem);
        let module = naming::snake(stem);
        if naming::unraw(&module) == "mod" {
            self.error(
                file,
                entity,
                "a spec file named `mod.yaml` would generate the module `mod`, whose file is the area's own `mod.rs`",
            )
            .hint = Some("name the file after the entities, e.g. `coworkernotes.yaml`".to_owned());
            return None;
        }
        let operations = file
            .spec
            .operations
            .iter()
            .map(|spec| self.operation(file, &area.value, spec, by_documented))
            .collect();
        Some(FileEntity {
            file,
            entity,
            area,
            module,
            operations,
        })
    }

    fn entities(&mut self, files: &[LoadedFile], enums: &BTreeMap<String, Enum>) -> Vec<Entity> {
        let by_documented: HashMap<&str, &Enum> = enums
            .values()
            .map(|e| (e.documented_name.as_str(), e))
            .collect();
        let mut entities = Vec::new();
        let mut operation_owner: HashMap<String, String> = HashMap::new();
        let mut module_owner: HashMap<(String, String), String> = HashMap::new();
        let mut module_file: Vec<(String, String, &LoadedFile, &Spanned<String>)> = Vec::new();
        let mut client_methods = ClientMethods::new();
        // Each file's own checks (most of the time) run on every core; what spans files
        // (names two files would both generate) is checked below, in the files' order.
        let this: &Self = self;
        let per_file: Vec<(Self, Option<FileEntity>)> = files
            .par_iter()
            .map(|file| {
                let mut fork = this.fork();
                let found = fork.file_entity(file, &by_documented);
                (fork, found)
            })
            .collect();
        for (fork, found) in per_file {
            self.merge(fork);
            let Some(FileEntity {
                file,
                entity,
                area,
                module,
                operations: checked,
            }) = found
            else {
                continue;
            };
            module_file.push((area.value.clone(), module.clone(), file, entity));
            let key = (area.value.clone(), module.clone());
            if let Some(other) = module_owner.insert(key, file.display_path.clone()) {
                self.error(
                    file,
                    entity,
                    format!(
                        "this file and {other} would both generate module `{}::{module}`",
                        area.value
                    ),
                );
            }
            let mut operations = Vec::new();
            let mut record: Option<Record> = None;
            for (spec, checked) in file.spec.operations.iter().zip(checked) {
                if let Some((operation, response)) = checked {
                    if !response.is_empty() {
                        if record.is_some() {
                            self.error(file, &spec.name, format!("`{}` documents the record a second time; one get operation per entity has a `response`", spec.name.value));
                        }
                        let type_name = naming::camel(&entity.value);
                        if RESERVED_TYPE_NAMES.contains(&type_name.as_str()) {
                            self.error(file, entity, format!("entity `{}` would generate the record type `{type_name}`, a name the generated client reserves", entity.value));
                        } else if let Some(other) =
                            operation_owner.insert(type_name.clone(), file.display_path.clone())
                        {
                            self.error(file, entity, format!("the record type `{type_name}` of entity `{}` is also generated by {other}", entity.value));
                        }
                        record = Some(Record {
                            type_name,
                            fields: response,
                        });
                    }
                    self.stream_methods(file, spec, &operation, &mut client_methods);
                    let method_clash = operation_owner
                        .insert(operation.method_name.clone(), file.display_path.clone());
                    if let Some(other) = operation_owner
                        .insert(operation.type_name.clone(), file.display_path.clone())
                        .or(method_clash)
                    {
                        let message = format!(
                            "operation `{}` would generate the Rust type `{}`, which {other} also generates",
                            spec.name.value, operation.type_name
                        );
                        self.error(file, &spec.name, message);
                    }
                    operations.push(operation);
                }
            }
            entities.push(Entity {
                name: entity.value.clone(),
                area: area.value.clone(),
                module,
                spec_path: file.relative_path.clone(),
                description: file.spec.description.clone().unwrap_or_default(),
                operations,
                record,
                shared: None,
            });
        }
        // An entity module and a builder module of the same area would have the same name.
        let builder_modules: HashMap<(&str, &str), &str> = entities
            .iter()
            .flat_map(|entity| {
                entity
                    .operations
                    .iter()
                    .filter(|operation| !operation.kind.takes_id())
                    .map(move |operation| {
                        (
                            (entity.area.as_str(), operation.method_name.as_str()),
                            operation.type_name.as_str(),
                        )
                    })
            })
            .collect();
        for (area, module, file, entity) in module_file {
            if let Some(operation) = builder_modules.get(&(area.as_str(), module.as_str())) {
                let message = format!(
                    "this file would generate the module `{area}::{module}`, which is also the builder module of operation `{operation}`"
                );
                self.error(file, entity, message).hint = Some(
                    "name the file after the entities (plural, e.g. `coworkernotes.yaml`), not after an operation"
                        .to_owned(),
                );
            }
        }
        entities.sort_by(|a, b| (&a.area, &a.module).cmp(&(&b.area, &b.module)));
        entities
    }

    fn operation(
        &mut self,
        file: &LoadedFile,
        area: &str,
        spec: &OperationSpec,
        enums: &HashMap<&str, &Enum>,
    ) -> Option<(Operation, Vec<Field>)> {
        let errors_before = self.diagnostics.error_count();
        let type_name = naming::camel(&spec.name.value);
        if spec.name.value.trim().is_empty() {
            self.error(
                file,
                &spec.name,
                "an operation needs a name such as `CreateCoworkerNote`",
            );
        } else if RESERVED_TYPE_NAMES.contains(&type_name.as_str())
            || RESERVED_METHOD_NAMES.contains(&naming::snake(&spec.name.value).as_str())
        {
            self.error(
                file,
                &spec.name,
                format!(
                    "operation name `{}` is reserved by the generated client",
                    spec.name.value
                ),
            )
            .hint = Some("name operations `{Kind}{Entity}`, e.g. `CreateCoworkerNote`".to_owned());
        }
        let method = match HttpMethod::parse(&spec.method.value) {
            Some(method) => method,
            None => {
                let other = spec.method.value.as_str();
                let hint = match HttpMethod::parse(&other.to_ascii_uppercase()) {
                    Some(upper) => format!("write it in upper case: `{upper}`"),
                    None => format!("use {}", method_list()),
                };
                self.error(
                    file,
                    &spec.method,
                    format!("`{other}` is not an HTTP method"),
                )
                .hint = Some(hint);
                HttpMethod::Get
            }
        };
        let path = &spec.path.value;
        if !path.starts_with("/api/") {
            self.error(
                file,
                &spec.path,
                format!("path `{path}` does not start with `/api/`"),
            )
            .hint = Some(format!(
                "Nexudus paths look like `/api/{area}/{{entities}}`"
            ));
        } else if path
            .chars()
            .any(|c| c.is_whitespace() || c == '?' || c == '#')
        {
            self.error(
                file,
                &spec.path,
                format!("path `{path}` must be a plain path without spaces, query or fragment"),
            );
        }
        self.kind_matches(file, spec, method);
        let fields = match spec.kind {
            OperationKind::Create | OperationKind::Update => {
                self.misplaced(file, spec, &spec.parameters, "parameters");
                self.misplaced(file, spec, &spec.response, "response");
                self.fields(file, &spec.name.value, &spec.fields, enums)
            }
            OperationKind::List => {
                self.misplaced(file, spec, &spec.fields, "fields");
                self.misplaced(file, spec, &spec.response, "response");
                let parameters = self.fields(file, &spec.name.value, &spec.parameters, enums);
                for (parameter, written) in parameters.iter().zip(&spec.parameters) {
                    if matches!(parameter.ty, FieldType::IntegerList | FieldType::StringList) {
                        self.error(
                            file,
                            &written.ty,
                            format!("query parameter `{}` cannot be a list", parameter.json_name),
                        )
                        .hint = Some("Nexudus filters take one value each".to_owned());
                    }
                }
                parameters
            }
            OperationKind::Get | OperationKind::Delete => {
                self.misplaced(file, spec, &spec.fields, "fields");
                self.misplaced(file, spec, &spec.parameters, "parameters");
                if spec.kind == OperationKind::Delete {
                    self.misplaced(file, spec, &spec.response, "response");
                }
                Vec::new()
            }
        };
        let mut response = self.fields(file, &spec.name.value, &spec.response, enums);
        // The API leaves out what it has no value for, so every record field is optional.
        for field in &mut response {
            field.required = false;
        }
        let id_field = spec.fields.iter().find(|f| f.name.value == "Id");
        if let Some(id) = id_field
            && spec.kind == OperationKind::Update
            && id.ty.value != "integer"
        {
            self.error(
                file,
                &id.ty,
                format!("the `Id` of update operation `{}` is an `integer`, not `{}`", spec.name.value, id.ty.value),
            )
            .hint = Some("Nexudus updates name the record to change with a required integer `Id` in the body".to_owned());
        }
        if spec.kind == OperationKind::Update && id_field.is_none() {
            self.error(file, &spec.name, format!("update operation `{}` has no `Id` field", spec.name.value))
                .hint = Some("Nexudus updates name the record to change with a required integer `Id` in the body".to_owned());
        }
        if self.diagnostics.error_count() > errors_before {
            return None;
        }
        Some((
            Operation {
                method_name: naming::snake(&spec.name.value),
                type_name,
                kind: spec.kind,
                method,
                path: path.clone(),
                summary: spec.summary.clone(),
                role: spec.role.clone(),
                fields,
            },
            response,
        ))
    }

    /// A list's client method `{method}_stream` is a method of the client too: it must not be
    /// another operation's method. (Two operations with one method are reported with their
    /// Rust type.)
    fn stream_methods(
        &mut self,
        file: &LoadedFile,
        spec: &OperationSpec,
        operation: &Operation,
        client_methods: &mut ClientMethods,
    ) {
        let name = &spec.name.value;
        let hint = "rename one of the operations: a list `ListX` has the stream method `list_x_stream` beside `list_x`";
        let method = operation.method_name.clone();
        match client_methods.get(&method) {
            Some((true, other, path)) => {
                let message = format!(
                    "operation `{name}` would generate the client method `{method}`, which is also the stream method of operation `{other}` ({path})"
                );
                self.error(file, &spec.name, message).hint = Some(hint.to_owned());
            }
            Some(_) => {}
            None => {
                client_methods.insert(method, (false, name.clone(), file.display_path.clone()));
            }
        }
        if operation.kind != OperationKind::List {
            return;
        }
        let stream = format!("{}_stream", naming::unraw(&operation.method_name));
        match client_methods.get(&stream) {
            Some((_, other, path)) => {
                let message = format!(
                    "the stream method of list operation `{name}` would be the client method `{stream}`, which is also the method of operation `{other}` ({path})"
                );
                self.error(file, &spec.name, message).hint = Some(hint.to_owned());
            }
            None => {
                client_methods.insert(stream, (true, name.clone(), file.display_path.clone()));
            }
        }
    }

    /// An operation of `spec.kind` cannot have the list under `key`.
    fn misplaced(
        &mut self,
        file: &LoadedFile,
        spec: &OperationSpec,
        list: &[FieldSpec],
        key: &str,
    ) {
        let Some(first) = list.first() else {
            return;
        };
        let kind = spec.kind.as_str();
        let hint = match key {
            "fields" => {
                "a GET or DELETE has no body: list filters go under `parameters`, a get's record under `response`"
            }
            "parameters" => "only list operations take query parameters",
            _ => "only get operations document the record they answer with under `response`",
        };
        self.error(
            file,
            &first.name,
            format!(
                "a {kind} operation has no `{key}`, but `{}` lists `{}`",
                spec.name.value, first.name.value
            ),
        )
        .hint = Some(hint.to_owned());
    }

    /// Nexudus uses one method and one path shape per kind of operation.
    fn kind_matches(&mut self, file: &LoadedFile, spec: &OperationSpec, method: HttpMethod) {
        let kind = spec.kind;
        let expected = kind.method();
        if method != expected && HttpMethod::parse(&spec.method.value).is_some() {
            self.error(
                file,
                &spec.method,
                format!(
                    "a {} operation is a `{}`, not `{}`",
                    kind.as_str(),
                    expected.as_str(),
                    method.as_str()
                ),
            )
            .hint = Some("create is POST, update PUT, get and list GET, delete DELETE".to_owned());
        }
        let path = &spec.path.value;
        let placeholders = path.matches('{').count();
        if kind.takes_id() && !(path.ends_with("/{id}") && placeholders == 1) {
            self.error(
                file,
                &spec.path,
                format!(
                    "the path of a {} operation ends in `/{{id}}`, but is `{path}`",
                    kind.as_str()
                ),
            )
            .hint = Some(format!(
                "e.g. `{}/{{id}}`",
                path.split('{').next().unwrap_or(path).trim_end_matches('/')
            ));
        } else if !kind.takes_id() && placeholders > 0 {
            self.error(
                file,
                &spec.path,
                format!(
                    "the path of a {} operation has no placeholders, but is `{path}`",
                    kind.as_str()
                ),
            )
            .hint = Some("only get and delete paths end in `/{id}`".to_owned());
        }
    }

    fn fields(
        &mut self,
        file: &LoadedFile,
        operation_name: &str,
        specs: &[FieldSpec],
        enums: &HashMap<&str, &Enum>,
    ) -> Vec<Field> {
        let mut fields = Vec::with_capacity(specs.len());
        let mut json_names: HashMap<&str, usize> = HashMap::new();
        let mut rust_names: HashMap<String, &str> = HashMap::new();
        for spec in specs {
            let json = spec.name.value.as_str();
            if json.is_empty() {
                self.error(file, &spec.name, "a field needs its JSON name");
                continue;
            }
            if let Some(line) = json_names.insert(
                json,
                usize::try_from(spec.name.referenced.line()).unwrap_or(0),
            ) {
                let message = format!(
                    "operation `{operation_name}` has two fields named `{json}` (the other is on line {line})"
                );
                self.error(file, &spec.name, message);
                continue;
            }
            let rust_name = naming::field(json);
            if let Some(other) = rust_names.insert(rust_name.clone(), json) {
                let message = format!(
                    "fields `{other}` and `{json}` would both be the Rust field `{rust_name}`"
                );
                self.error(file, &spec.name, message).hint = Some(
                    "JSON names that differ only in case cannot both be fields of one Rust struct"
                        .to_owned(),
                );
                continue;
            }
            if let Some(ty) = self.field_type(file, spec, enums) {
                fields.push(Field {
                    json_name: json.to_owned(),
                    rust_name,
                    ty,
                    required: spec.required,
                    nullable: spec.nullable,
                    description: spec.description.clone(),
                    default: spec.default.as_ref().map(|d| d.value.clone()),
                    sensitive: spec.sensitive,
                    note: spec.note.clone(),
                });
            }
        }
        fields
    }

    fn field_type(
        &mut self,
        file: &LoadedFile,
        spec: &FieldSpec,
        enums: &HashMap<&str, &Enum>,
    ) -> Option<FieldType> {
        let written = spec.ty.value.as_str();
        let base = match SpecType::parse(written) {
            Some(SpecType::String) => FieldType::String,
            Some(SpecType::Integer) => FieldType::Integer,
            Some(SpecType::Number) => FieldType::Number,
            Some(SpecType::Boolean) => FieldType::Boolean,
            Some(SpecType::IntegerList) => FieldType::IntegerList,
            Some(SpecType::StringList) => FieldType::StringList,
            Some(SpecType::DateTimeUtc) => FieldType::DateTimeUtc,
            Some(SpecType::DateTimeLocal) => FieldType::DateTimeLocal,
            None => {
                let other = written;
                let hint = match closest(other, SpecType::ALL.iter().map(|t| t.as_str())) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if other.starts_with('e')
                        && enums.contains_key(other.trim_end_matches('?')) =>
                    {
                        format!(
                            "enum fields are `type: integer` with `enum: {}`",
                            other.trim_end_matches('?')
                        )
                    }
                    None => format!(
                        "use one of {}",
                        SpecType::ALL.map(SpecType::as_str).join(", ")
                    ),
                };
                self.error(file, &spec.ty, format!("unknown field type `{other}`"))
                    .hint = Some(hint);
                return None;
            }
        };
        let Some(enum_name) = &spec.enum_name else {
            if let Some(default) = &spec.default {
                let value = default.value.trim();
                let wrong = match base {
                    FieldType::Boolean => {
                        (!matches!(value, "true" | "false")).then_some("a boolean")
                    }
                    FieldType::Integer => value.parse::<i64>().is_err().then_some("an integer"),
                    FieldType::Number => value
                        .parse::<f64>()
                        .map_or(true, |number| !number.is_finite())
                        .then_some("a number"),
                    _ => None,
                };
                if let Some(kind) = wrong {
                    self.error(
                        file,
                        default,
                        format!(
                            "`{}` is not {kind}, so it cannot be the default of `{written}` field `{}`",
                            default.value, spec.name.value
                        ),
                    );
                }
            }
            return Some(base);
        };
        if base == FieldType::String
            && let Some(found) = self.string_enums.get(enum_name.value.as_str())
        {
            return Some(FieldType::StringEnum(found.type_name.clone()));
        }
        if base == FieldType::Integer && self.string_enums.contains_key(enum_name.value.as_str()) {
            self.error(
                file,
                &spec.ty,
                format!(
                    "`{}` is a string enum, but field `{}` is `integer`",
                    enum_name.value, spec.name.value
                ),
            )
            .hint = Some("string enum fields are `type: string`".to_owned());
            return None;
        }
        if base != FieldType::Integer {
            self.error(
                file,
                enum_name,
                format!(
                    "`enum:` needs `type: integer` (or `type: string` for a string enum), but field `{}` is `{written}`",
                    spec.name.value
                ),
            );
            return None;
        }
        let Some(found) = enums.get(enum_name.value.as_str()) else {
            if self.invalid_enums.contains(&enum_name.value) {
                // The enum's own errors say what is wrong; it is defined.
                return None;
            }
            if let Some(unreadable) = self.unreadable_defining("name", &enum_name.value) {
                let first_in_file = self
                    .reported_cascades
                    .insert((file.display_path.clone(), enum_name.value.clone()));
                if first_in_file {
                    self.error(
                        file,
                        enum_name,
                        format!(
                            "field `{}` refers to enum `{}`, which only {unreadable} defines, and that file could not be read",
                            spec.name.value, enum_name.value
                        ),
                    )
                    .hint = Some(format!(
                        "fix {unreadable} first; other uses of `{}` in this file are not reported",
                        enum_name.value
                    ));
                }
                return None;
            }
            let hint = closest(&enum_name.value, enums.keys().copied()).map_or_else(
                || "define it under `enums:` in one spec file".to_owned(),
                |near| format!("did you mean `{near}`?"),
            );
            self.error(
                file,
                enum_name,
                format!(
                    "field `{}` refers to enum `{}`, which no spec defines",
                    spec.name.value, enum_name.value
                ),
            )
            .hint = Some(hint);
            return None;
        };
        if let Some(default) = &spec.default {
            let value_name = default
                .value
                .strip_prefix(&format!("{}.", found.documented_name))
                .unwrap_or(&default.value);
            if !found.values.iter().any(|v| v.name == value_name) {
                let hint = closest(value_name, found.values.iter().map(|v| v.name.as_str()))
                    .map(|near| format!("did you mean `{}.{near}`?", found.documented_name));
                let diagnostic = self.error(
                    file,
                    default,
                    format!(
                        "`{}` is not a value of enum `{}`",
                        default.value, found.documented_name
                    ),
                );
                diagnostic.hint = hint;
            }
        }
        Some(FieldType::Enum(found.type_name.clone()))
    }
}

/// Every client method the operations generate so far: method name → (whether it is a list's
/// stream method, the operation's documented name, its file).
type ClientMethods = HashMap<String, (bool, String, String)>;

/// `GET, POST, PUT, DELETE or PATCH`: the methods a spec may name, for hints.
fn method_list() -> String {
    let names = HttpMethod::ALL.map(HttpMethod::as_str);
    let (last, rest) = names.split_last().expect("HttpMethod::ALL is not empty");
    format!("{} or {last}", rest.join(", "))
}
