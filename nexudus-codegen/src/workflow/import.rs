//! `import`: doc pages into the specs. The pages are read into specs and merged with what is
//! there on a staging copy of the spec tree; only when the staged tree generates are the
//! written files copied back, so a run that ends in errors leaves the real specs as they were.

use std::path::{Path, PathBuf};

use crate::import::{self, Operation, Warning, merge, yaml};
use crate::report::{ApiSurface, ChangeReport};

/// One page to import: its file name (it goes into `pages:`) and its text.
#[derive(Debug, Clone)]
pub struct PageText {
    /// The page's file name, e.g. `post-spaces-coworkernotes.txt`.
    pub file_name: String,
    /// The text of the rendered page.
    pub text: String,
}

impl PageText {
    /// A page from its file name and text.
    pub fn new(file_name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            file_name: file_name.into(),
            text: text.into(),
        }
    }
}

/// What importing one page gave, in the order the pages were given.
#[derive(Debug, Clone, Default)]
pub struct PageOutcome {
    /// What the page did not say clearly, with its line numbers.
    pub warnings: Vec<Warning>,
    /// The spec file the page went into, relative to the spec directory (`None`: the page
    /// documents nothing the format can hold).
    pub spec_file: Option<String>,
    /// The curated facts of the existing spec that the merge kept.
    pub kept: Vec<String>,
}

/// Operations, fields and enum values read from the pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Operations read.
    pub operations: usize,
    /// Fields, query parameters and response fields read.
    pub fields: usize,
    /// Enum values read.
    pub enum_values: usize,
}

/// What an import did.
#[derive(Debug)]
pub struct Outcome {
    /// One entry per page given, in order.
    pub pages: Vec<PageOutcome>,
    /// The spec files written, as paths below the spec directory.
    pub written: Vec<PathBuf>,
    /// The API-level changes the import made: the checked model of the specs before against
    /// the one after (no version: a spec directory alone has no crate).
    pub report: ChangeReport,
    /// What the pages held.
    pub counts: Counts,
}

/// Why an import wrote nothing.
#[derive(Debug)]
pub struct Failure {
    /// The pages handled up to the failure (their warnings still help), in order.
    pub pages: Vec<PageOutcome>,
    /// The index of the page the failure concerns, when it concerns one.
    pub page: Option<usize>,
    /// The line of that page the failure concerns, when it concerns one.
    pub line: Option<usize>,
    /// The problems of the staged specs, when they do not generate.
    pub diagnostics: Option<crate::diagnostics::Diagnostics>,
    /// What went wrong, without an `error:` prefix.
    pub message: String,
}

impl Failure {
    fn new(pages: Vec<PageOutcome>, message: String) -> Self {
        Self {
            pages,
            page: None,
            line: None,
            diagnostics: None,
            message,
        }
    }
}

/// Imports `pages` into the specs under `spec_dir`. A page whose spec does not validate
/// fails the import, naming the page and the problems; nothing is written.
pub fn run(spec_dir: &Path, pages: &[PageText]) -> Result<Outcome, Failure> {
    let before = surface_of(spec_dir);
    let staged = stage(spec_dir, pages, OnPageError::Fail)?;
    let written = match staged.copy_back(spec_dir) {
        Ok(written) => written,
        Err(message) => return Err(Failure::new(staged.pages, message)),
    };
    Ok(Outcome {
        report: ChangeReport::new(&before, &ApiSurface::from_model(&staged.checked.api), None),
        pages: staged.pages,
        written,
        counts: staged.counts,
    })
}

/// What a page that cannot be imported does to the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnPageError {
    /// The import fails, naming the page.
    Fail,
    /// The page is left out (its spec file is not touched) and the others go on.
    LeaveOut,
}

/// A page that is not in the staged specs, and why.
#[derive(Debug, Clone)]
pub(crate) struct PageLeftOut {
    /// Its index among the pages given.
    pub(crate) index: usize,
    /// The line of the page the reason concerns, when it concerns one.
    pub(crate) line: Option<usize>,
    /// Why, without an `error:` prefix.
    pub(crate) reason: String,
}

/// The pages merged into a staging copy of the spec tree and checked, not yet copied back.
pub(crate) struct Staged {
    staging: Staging,
    /// One per page given, in order.
    pub(crate) pages: Vec<PageOutcome>,
    /// The pages left out under [`OnPageError::LeaveOut`], in order: those that cannot be
    /// read or placed, and those whose spec does not validate.
    pub(crate) left_out: Vec<PageLeftOut>,
    /// The spec files the pages went into, relative to the spec directory.
    written: Vec<String>,
    /// What the pages that are in held.
    pub(crate) counts: Counts,
    /// The staged specs, checked.
    pub(crate) checked: crate::pipeline::Checked,
}

impl Staged {
    /// Copies the files the pages went into back to `spec_dir`, leaving alone those whose
    /// bytes did not change (a rerun on unchanged pages touches nothing).
    pub(crate) fn copy_back(&self, spec_dir: &Path) -> Result<Vec<PathBuf>, String> {
        let mut copied = Vec::new();
        for relative in &self.written {
            let target = spec_dir.join(relative);
            let staged = self.staging.path().join(relative);
            if let (Ok(old), Ok(new)) = (std::fs::read(&target), std::fs::read(&staged))
                && old == new
            {
                continue;
            }
            target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::copy(self.staging.path().join(relative), &target))
                .map_err(|error| format!("cannot write {}: {error}", target.display()))?;
            copied.push(PathBuf::from(relative));
        }
        Ok(copied)
    }
}

/// The pages merged into a staging copy, before the check.
struct Applied {
    staging: Staging,
    pages: Vec<PageOutcome>,
    left_out: Vec<PageLeftOut>,
    written: Vec<String>,
    counts: Counts,
}

/// Merges `pages` into a staging copy of `spec_dir` and checks the result.
///
/// When the staged specs do not validate, the decision is made per page: the pages whose
/// spec files have the errors are taken out, and put back one at a time on the specs
/// without them; a page after which the specs have errors is the one that makes them
/// ([`OnPageError::Fail`]: the import fails naming it; [`OnPageError::LeaveOut`]: it is left
/// out, its spec file untouched by it). Then the other pages are merged again, in the order
/// given, and checked again. Errors no page makes (the specs had them before) fail the run.
pub(crate) fn stage(
    spec_dir: &Path,
    pages: &[PageText],
    on_error: OnPageError,
) -> Result<Staged, Failure> {
    // Reading a page does not depend on the specs: each is read once, whatever is retried.
    let imported: Vec<import::Imported> = pages
        .iter()
        .map(|page| import::import_page(&page.file_name, &page.text))
        .collect();
    let entities = Entities::new(spec_dir, pages, &imported);
    let run = Run {
        spec_dir,
        pages,
        imported: &imported,
        entities: &entities,
    };
    let mut invalid: Vec<PageLeftOut> = Vec::new();
    loop {
        let skip: Vec<usize> = invalid.iter().map(|page| page.index).collect();
        let applied = run.apply(&skip, on_error)?;
        let diagnostics = match crate::pipeline::check_specs(applied.staging.path()) {
            Ok(checked) => {
                let mut left_out = applied.left_out;
                left_out.extend(invalid);
                left_out.sort_by_key(|page| page.index);
                return Ok(Staged {
                    staging: applied.staging,
                    pages: applied.pages,
                    left_out,
                    written: applied.written,
                    counts: applied.counts,
                    checked,
                });
            }
            Err(diagnostics) => diagnostics,
        };
        let culprits = run.blame(&applied, &skip, &diagnostics)?;
        let Some((first, first_errors)) = culprits.first() else {
            return Err(Failure {
                diagnostics: Some(diagnostics),
                ..Failure::new(
                    applied.pages,
                    "the specs with these pages do not generate, and the errors are no one page's; nothing was written".to_owned(),
                )
            });
        };
        if on_error == OnPageError::Fail {
            return Err(Failure {
                page: Some(*first),
                diagnostics: Some(first_errors.clone()),
                ..Failure::new(
                    applied.pages,
                    "the spec this page gives does not validate; nothing was written".to_owned(),
                )
            });
        }
        for (index, errors) in culprits {
            let file = applied.pages[index].spec_file.clone().unwrap_or_default();
            invalid.push(PageLeftOut {
                index,
                line: None,
                reason: invalid_reason(&file, &errors),
            });
        }
    }
}

/// Why a page whose spec does not validate is left out: its spec file and each error, located
/// in that file as the page would have written it (the file on disk keeps what it had).
fn invalid_reason(file: &str, errors: &crate::diagnostics::Diagnostics) -> String {
    let located: Vec<String> = errors
        .0
        .iter()
        .map(|error| {
            let place = if error.line == 0 {
                error.file.clone()
            } else {
                format!("{}:{}:{}", error.file, error.line, error.column.max(1))
            };
            match &error.hint {
                Some(hint) => format!("{place}: {} (help: {hint})", error.message),
                None => format!("{place}: {}", error.message),
            }
        })
        .collect();
    format!(
        "the spec it gives does not validate, so spec/{file} gets nothing from it; in that file as the page would have written it: {}",
        located.join("; ")
    )
}

/// One staging run's inputs: the pages, read once, and where their entities are stated.
struct Run<'a> {
    spec_dir: &'a Path,
    pages: &'a [PageText],
    imported: &'a [import::Imported],
    entities: &'a Entities,
}

impl Run<'_> {
    /// Merges every page but those of `skip`, in order, into a fresh staging copy.
    fn apply(&self, skip: &[usize], on_error: OnPageError) -> Result<Applied, Failure> {
        let staging =
            Staging::copy_of(self.spec_dir).map_err(|message| Failure::new(Vec::new(), message))?;
        let mut outcomes = Vec::new();
        let mut counts = Counts::default();
        let mut written = Vec::new();
        let mut left_out = Vec::new();
        let mut documented = Documented::default();
        // (spec file, page) of every page in so far: who else gave a file that fails to load.
        let mut sources: Vec<(String, String)> = Vec::new();
        for (index, (page, imported)) in self.pages.iter().zip(self.imported).enumerate() {
            if skip.contains(&index) {
                // Its warnings still say what the page holds.
                outcomes.push(PageOutcome {
                    warnings: imported.warnings.clone(),
                    ..PageOutcome::default()
                });
                continue;
            }
            // A page's counts count once it is in (a page left out wrote nothing).
            let mut page_counts = Counts::default();
            let result = import_one(
                staging.path(),
                page,
                imported.clone(),
                self.entities,
                &mut page_counts,
                &mut documented,
                &sources,
            );
            match result {
                Ok(outcome) => {
                    // Several pages of one entity go into one file, written back once.
                    if let Some(relative) = &outcome.spec_file {
                        if !written.contains(relative) {
                            written.push(relative.clone());
                        }
                        sources.push((relative.clone(), page.file_name.clone()));
                    }
                    counts.operations += page_counts.operations;
                    counts.fields += page_counts.fields;
                    counts.enum_values += page_counts.enum_values;
                    outcomes.push(outcome);
                }
                Err((outcome, error)) if on_error == OnPageError::LeaveOut => {
                    left_out.push(PageLeftOut {
                        index,
                        line: error.line,
                        reason: error.message,
                    });
                    outcomes.push(outcome);
                }
                Err((outcome, error)) => {
                    outcomes.push(outcome);
                    return Err(Failure {
                        page: Some(index),
                        line: error.line,
                        ..Failure::new(outcomes, error.message)
                    });
                }
            }
        }
        Ok(Applied {
            staging,
            pages: outcomes,
            left_out,
            written,
            counts,
        })
    }

    /// The pages of `applied` whose spec does not validate, each with its errors; empty when
    /// no page can be told to make the errors in `diagnostics`.
    ///
    /// The suspects are first the pages that went into a file with an error, then (an error
    /// one file's page causes in another, such as a name two files share) every page.
    /// Without the suspects the specs must check; then each suspect, put back in order, is
    /// the culprit when the specs no longer check after it, and is taken out again.
    fn blame(
        &self,
        applied: &Applied,
        skip: &[usize],
        diagnostics: &crate::diagnostics::Diagnostics,
    ) -> Result<Vec<(usize, crate::diagnostics::Diagnostics)>, Failure> {
        let erroneous: Vec<String> = diagnostics
            .0
            .iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
            .map(|d| d.file.strip_prefix("spec/").unwrap_or(&d.file).to_owned())
            .collect();
        let placed: Vec<usize> = (0..applied.pages.len())
            .filter(|index| applied.pages[*index].spec_file.is_some() && !skip.contains(index))
            .collect();
        let in_erroneous: Vec<usize> = placed
            .iter()
            .copied()
            .filter(|index| {
                applied.pages[*index]
                    .spec_file
                    .as_ref()
                    .is_some_and(|file| erroneous.contains(file))
            })
            .collect();
        let mut candidates = vec![in_erroneous];
        if candidates[0] != placed {
            candidates.push(placed);
        }
        for suspects in candidates {
            if suspects.is_empty() {
                continue;
            }
            let without: Vec<usize> = skip.iter().chain(&suspects).copied().collect();
            let base = self.apply(&without, OnPageError::LeaveOut)?;
            if crate::pipeline::check_specs(base.staging.path()).is_err() {
                continue;
            }
            let mut culprits = Vec::new();
            let mut documented = Documented::default();
            for &index in &suspects {
                let Some(relative) = applied.pages[index].spec_file.as_deref() else {
                    continue;
                };
                let target = base.staging.path().join(relative);
                let before = std::fs::read(&target).ok();
                let added = import_one(
                    base.staging.path(),
                    &self.pages[index],
                    self.imported[index].clone(),
                    self.entities,
                    &mut Counts::default(),
                    &mut documented,
                    &[],
                );
                let errors = match added {
                    Ok(_) => match crate::pipeline::check_specs(base.staging.path()) {
                        Ok(_) => continue,
                        Err(diagnostics) => diagnostics,
                    },
                    // It was placed before; a page that cannot be placed now is no culprit.
                    Err(_) => crate::diagnostics::Diagnostics::default(),
                };
                let restored = match &before {
                    Some(bytes) => std::fs::write(&target, bytes),
                    None => std::fs::remove_file(&target),
                };
                restored.map_err(|error| {
                    Failure::new(
                        Vec::new(),
                        format!("cannot restore {}: {error}", target.display()),
                    )
                })?;
                if errors.has_errors() {
                    let errors = crate::diagnostics::Diagnostics(
                        errors
                            .0
                            .into_iter()
                            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
                            .collect(),
                    );
                    culprits.push((index, errors));
                }
            }
            return Ok(culprits);
        }
        Ok(Vec::new())
    }
}

/// Where the entities of the endpoints are stated: by the spec files imported into, and by
/// the pages of the run that name their role. A page that names no role (it ends before its
/// Authentication note) names no entity; its endpoint's entity is then looked up here.
struct Entities {
    /// `(collection path, entity, spec file)`, one per path and entity.
    specs: Vec<(String, String, String)>,
    /// `(collection path, entity, page)`, one per path and entity.
    pages: Vec<(String, String, String)>,
}

impl Entities {
    fn new(spec_dir: &Path, pages: &[PageText], imported: &[import::Imported]) -> Self {
        fn add(known: &mut Vec<(String, String, String)>, path: &str, entity: &str, from: &str) {
            let path = collection_path(path);
            if !known.iter().any(|(p, e, _)| *p == path && e == entity) {
                known.push((path, entity.to_owned(), from.to_owned()));
            }
        }
        let mut specs = Vec::new();
        // Files that do not load state nothing here; `codegen` reports them.
        for file in crate::load::load_dir(spec_dir, "spec").files {
            let Some(entity) = file.spec.entity.as_ref().filter(|e| !e.value.is_empty()) else {
                continue;
            };
            for operation in &file.spec.operations {
                add(
                    &mut specs,
                    &operation.path.value,
                    &entity.value,
                    &file.display_path,
                );
            }
        }
        let mut from_pages = Vec::new();
        for (page, imported) in pages.iter().zip(imported) {
            if imported.spec.entity.is_empty() {
                continue;
            }
            for operation in &imported.spec.operations {
                add(
                    &mut from_pages,
                    &operation.path,
                    &imported.spec.entity,
                    &page.file_name,
                );
            }
        }
        Self {
            specs,
            pages: from_pages,
        }
    }

    /// The entity stated for the endpoint `path` (its `{id}` aside) and where, the spec files
    /// first (a merge keeps the spec's entity); or why there is none. Two different entities
    /// stated for it are no answer: the choice would be a guess.
    fn of(&self, path: &str) -> Result<(String, String), String> {
        let path = collection_path(path);
        for known in [&self.specs, &self.pages] {
            let stated: Vec<&(String, String, String)> =
                known.iter().filter(|(p, _, _)| *p == path).collect();
            match stated.as_slice() {
                [] => {}
                [(_, entity, from)] => return Ok((entity.clone(), from.clone())),
                several => {
                    let named: Vec<String> = several
                        .iter()
                        .map(|(_, entity, from)| format!("`{entity}` by {from}"))
                        .collect();
                    return Err(format!(
                        "`{path}` is stated to be {}, and choosing one would be a guess",
                        named.join(" and ")
                    ));
                }
            }
        }
        Err(format!(
            "no spec in the spec directory and no other page of this run states the entity of `{path}`"
        ))
    }
}

/// An endpoint's path without its `{id}` segments: `/api/spaces/coworkernotes/{id}` →
/// `/api/spaces/coworkernotes`, the path every page of one entity shares.
fn collection_path(path: &str) -> String {
    path.split('/')
        .filter(|segment| !segment.starts_with('{'))
        .collect::<Vec<_>>()
        .join("/")
}

/// Why one page could not be imported, and where on it.
struct PageError {
    line: Option<usize>,
    message: String,
}

/// The operations the pages of this run gave so far, with the page that gave each, so that
/// two pages documenting one operation differently are not resolved silently.
#[derive(Default)]
struct Documented(Vec<(String, String, Operation)>);

impl Documented {
    /// Records `page`'s operations of `spec_file`; for each one an earlier page of the run
    /// documents differently, a warning naming both pages and the one that won (the later:
    /// pages are applied in the order given).
    fn record(&mut self, spec_file: &str, page: &str, operations: &[Operation]) -> Vec<Warning> {
        let mut warnings = Vec::new();
        for operation in operations {
            let earlier = self
                .0
                .iter_mut()
                .find(|(file, _, known)| file == spec_file && known.name == operation.name);
            match earlier {
                Some((_, earlier_page, known)) => {
                    if known != operation {
                        warnings.push(Warning {
                            line: 1,
                            message: format!(
                                "`{}` is also documented, differently, by {earlier_page}; {page} comes later among the pages given, so its version won and {earlier_page}'s was replaced",
                                operation.name
                            ),
                        });
                    }
                    *earlier_page = page.to_owned();
                    *known = operation.clone();
                }
                None => self
                    .0
                    .push((spec_file.to_owned(), page.to_owned(), operation.clone())),
            }
        }
        warnings
    }
}

/// `a.md`, `a.md and b.md`, `a.md, b.md and c.md`.
fn listed(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Imports one page (read into `imported`) into the staged tree; on failure, what the page
/// gave so far and why.
fn import_one(
    staging: &Path,
    page: &PageText,
    mut imported: import::Imported,
    known: &Entities,
    counts: &mut Counts,
    documented: &mut Documented,
    sources: &[(String, String)],
) -> Result<PageOutcome, (PageOutcome, PageError)> {
    let (operations, fields, values) = imported.counts();
    counts.operations += operations;
    counts.fields += fields;
    counts.enum_values += values;
    let Some(operation) = imported.spec.operations.first() else {
        return Ok(PageOutcome {
            warnings: imported.warnings,
            ..PageOutcome::default()
        });
    };
    let path = operation.path.clone();
    let entities = path
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .nth(2)
        .unwrap_or_default()
        .to_owned();
    let failed = |warnings: Vec<Warning>, line: Option<usize>, message: String| {
        (
            PageOutcome {
                warnings,
                ..PageOutcome::default()
            },
            PageError { line, message },
        )
    };
    if imported.spec.area.is_empty() || entities.is_empty() {
        return Err(failed(
            imported.warnings,
            None,
            "cannot tell the entity, area or path of this page".to_owned(),
        ));
    }
    if imported.spec.entity.is_empty() {
        // The role (`CoworkerNote-Create`) is where a page names its entity; a page that ends
        // before it still has its endpoint, whose entity a spec or another page may state.
        match known.of(&path) {
            Ok((entity, from)) => {
                import::assemble::name_after(&mut imported.spec, &entity);
                imported.warnings.push(Warning {
                    line: imported.role_line,
                    message: format!(
                        "the page names no role, so no entity; `{entity}` is the entity {from} states for `{}`",
                        collection_path(&path)
                    ),
                });
            }
            Err(why) => {
                let line = imported.role_line;
                return Err(failed(
                    imported.warnings,
                    Some(line),
                    format!(
                        "cannot tell the entity: the page names no role (the role names the entity), and {why}"
                    ),
                ));
            }
        }
    }
    let relative = format!("{}/{entities}.yaml", imported.spec.area);
    let conflicts = documented.record(&relative, &page.file_name, &imported.spec.operations);
    imported.warnings.extend(conflicts);
    let target = staging.join(&relative);
    let existing = match std::fs::read(&target) {
        Ok(bytes) => {
            let loaded = crate::load::parse_file(&relative, &bytes)
                .map_err(|diagnostic| diagnostic.to_string())
                .and_then(|(_, file)| {
                    import::Spec::from_file(&file)
                        .map_err(|message| format!("{relative}: {message}"))
                });
            match loaded {
                Ok(spec) => Some(spec),
                Err(message) => {
                    return Err(failed(
                        imported.warnings,
                        None,
                        format!("the existing spec does not load, fix it first:\n{message}"),
                    ));
                }
            }
        }
        Err(_) => None,
    };
    let mut merged = merge::merge(existing, imported.spec, &mut imported.warnings);
    merge::leave_enums_to_their_files(
        &mut merged.spec,
        &enums_elsewhere(staging, &relative),
        &mut imported.warnings,
    );
    let kept = merged.kept;
    let text = yaml::to_yaml(&merged.spec, "../nexudus-spec.schema.json");
    // What `codegen` would refuse to load (a file past the YAML node limit, a value the
    // format cannot hold) is refused here, naming the pages, instead of being written.
    let display = format!("spec/{relative}");
    let read_back = crate::load::parse_file(&display, text.as_bytes())
        .map_err(|diagnostic| diagnostic.message)
        .and_then(|(_, file)| import::Spec::from_file(&file));
    if let Err(message) = read_back {
        let mut pages: Vec<String> = sources
            .iter()
            .filter(|(file, _)| *file == relative)
            .map(|(_, page)| page.clone())
            .collect();
        pages.push(page.file_name.clone());
        let from = if pages.len() == 1 {
            format!("the page {} gives", listed(&pages))
        } else {
            format!("the pages {} give", listed(&pages))
        };
        return Err(failed(
            imported.warnings,
            None,
            format!(
                "{display}, the spec {from}, would not load in `codegen`: {message}; nothing was written"
            ),
        ));
    }
    let write = target
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&target, text));
    if let Err(error) = write {
        return Err((
            PageOutcome {
                warnings: imported.warnings,
                spec_file: None,
                kept,
            },
            PageError {
                line: None,
                message: format!("cannot write {}: {error}", target.display()),
            },
        ));
    }
    Ok(PageOutcome {
        warnings: imported.warnings,
        spec_file: Some(relative),
        kept,
    })
}

/// The API the specs under `spec_dir` describe (empty when they do not check: then every
/// imported item is new).
pub(crate) fn surface_of(spec_dir: &Path) -> ApiSurface {
    crate::pipeline::check_specs(spec_dir)
        .map(|checked| ApiSurface::from_model(&checked.api))
        .unwrap_or_default()
}

/// The enums every other spec file below `spec_dir` defines, with the file's relative path.
/// Files that do not parse define nothing here; `codegen` reports them.
fn enums_elsewhere(spec_dir: &Path, relative: &str) -> Vec<(String, import::Enum)> {
    crate::load::load_dir(spec_dir, "spec")
        .files
        .into_iter()
        .filter(|file| file.relative_path != relative)
        .flat_map(|file| {
            import::enums_of(&file.spec)
                .into_iter()
                .map(move |e| (file.relative_path.clone(), e))
        })
        .collect()
}

/// A copy of a spec tree in a temporary directory of its own, removed however the run ends
/// (an error, a panic): `TempDir` deletes it when dropped.
struct Staging {
    dir: tempfile::TempDir,
}

impl Staging {
    fn copy_of(spec_dir: &Path) -> Result<Self, String> {
        let dir = tempfile::Builder::new()
            .prefix("nexudus-import-staging-")
            .tempdir()
            .map_err(|error| format!("cannot create a staging directory: {error}"))?;
        copy_tree(spec_dir, dir.path())
            .map_err(|error| format!("cannot copy {}: {error}", spec_dir.display()))?;
        Ok(Self { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_tree(&path, &target)?;
        } else {
            std::fs::copy(&path, &target)?;
        }
    }
    Ok(())
}
