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
            diagnostics: None,
            message,
        }
    }
}

/// Imports `pages` into the specs under `spec_dir`.
pub fn run(spec_dir: &Path, pages: &[PageText]) -> Result<Outcome, Failure> {
    let before = surface_of(spec_dir);
    let staged = stage(spec_dir, pages, OnPageError::Fail)?;
    let checked = match crate::pipeline::check_specs(staged.dir()) {
        Ok(checked) => checked,
        Err(diagnostics) => {
            let message = format!(
                "the imported specs do not generate{}; nothing was written",
                staged.blame(&diagnostics)
            );
            return Err(Failure {
                diagnostics: Some(diagnostics),
                ..Failure::new(staged.pages, message)
            });
        }
    };
    let written = match staged.copy_back(spec_dir) {
        Ok(written) => written,
        Err(message) => return Err(Failure::new(staged.pages, message)),
    };
    Ok(Outcome {
        pages: staged.pages,
        written,
        report: ChangeReport::new(&before, &ApiSurface::from_model(&checked.api), None),
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

/// The pages merged into a staging copy of the spec tree, not yet copied back.
pub(crate) struct Staged {
    staging: Staging,
    /// One per page given, in order.
    pub(crate) pages: Vec<PageOutcome>,
    /// The pages left out under [`OnPageError::LeaveOut`]: their index and why.
    pub(crate) left_out: Vec<(usize, String)>,
    /// The spec files the pages went into, relative to the spec directory.
    written: Vec<String>,
    /// The pages of this run that went into each spec file, in order.
    sources: Sources,
    /// What the pages held.
    pub(crate) counts: Counts,
}

/// Spec file (relative to the spec directory) → the pages of this run that went into it.
type Sources = std::collections::BTreeMap<String, Vec<String>>;

/// `a.md`, `a.md and b.md`, `a.md, b.md and c.md`.
fn listed(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl Staged {
    /// The staged spec tree.
    pub(crate) fn dir(&self) -> &Path {
        self.staging.path()
    }

    /// ` (spec/x.yaml, from a.md and b.md; …)`: the staged files of this run that have errors
    /// in `diagnostics`, each with the pages that went into it (empty when the errors are all in
    /// files the run did not touch).
    pub(crate) fn blame(&self, diagnostics: &crate::diagnostics::Diagnostics) -> String {
        let blamed: Vec<String> = self
            .sources
            .iter()
            .filter(|(relative, _)| {
                diagnostics.0.iter().any(|d| {
                    d.severity == crate::diagnostics::Severity::Error
                        && d.file == format!("spec/{relative}")
                })
            })
            .map(|(relative, pages)| format!("spec/{relative}, from {}", listed(pages)))
            .collect();
        if blamed.is_empty() {
            String::new()
        } else {
            format!(" ({})", blamed.join("; "))
        }
    }

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

/// Merges `pages` into a staging copy of `spec_dir`.
pub(crate) fn stage(
    spec_dir: &Path,
    pages: &[PageText],
    on_error: OnPageError,
) -> Result<Staged, Failure> {
    let staging =
        Staging::copy_of(spec_dir).map_err(|message| Failure::new(Vec::new(), message))?;
    let mut outcomes = Vec::new();
    let mut counts = Counts::default();
    let mut written = Vec::new();
    let mut left_out = Vec::new();
    let mut run = Run {
        documented: Documented::default(),
        sources: Sources::new(),
        staged: std::collections::HashMap::new(),
        enums: crate::load::load_dir(staging.path(), "spec")
            .files
            .iter()
            .map(|file| {
                (
                    PathBuf::from(&file.relative_path),
                    import::enums_of(&file.spec),
                )
            })
            .collect(),
    };
    for page in pages {
        // A page's counts count once it is in (a page left out wrote nothing).
        let mut page_counts = Counts::default();
        match import_one(staging.path(), page, &mut page_counts, &mut run) {
            Ok(outcome) => {
                // Several pages of one entity go into one file, written back once.
                if let Some(relative) = &outcome.spec_file {
                    if !written.contains(relative) {
                        written.push(relative.clone());
                    }
                    run.sources
                        .entry(relative.clone())
                        .or_default()
                        .push(page.file_name.clone());
                }
                counts.operations += page_counts.operations;
                counts.fields += page_counts.fields;
                counts.enum_values += page_counts.enum_values;
                outcomes.push(outcome);
            }
            Err((outcome, message)) if on_error == OnPageError::LeaveOut => {
                left_out.push((outcomes.len(), message));
                outcomes.push(outcome);
            }
            Err((outcome, message)) => {
                outcomes.push(outcome);
                return Err(Failure {
                    page: Some(outcomes.len() - 1),
                    ..Failure::new(outcomes, message)
                });
            }
        }
    }
    Ok(Staged {
        staging,
        pages: outcomes,
        left_out,
        written,
        sources: run.sources,
        counts,
    })
}

/// What the pages of one run have staged so far. The staged specs and every file's enums are
/// kept in memory, so each page costs its own spec, not a reload of the whole tree.
struct Run {
    /// The operations each page gave.
    documented: Documented,
    /// The pages that went into each spec file.
    sources: Sources,
    /// The specs this run wrote, as read back from the text written (what the next page of
    /// the entity would read from the file).
    staged: std::collections::HashMap<String, import::Spec>,
    /// The enums every spec file of the staged tree defines, in the loader's path order
    /// (files that do not parse define nothing here; `codegen` reports them).
    enums: std::collections::BTreeMap<PathBuf, Vec<import::Enum>>,
}

impl Run {
    /// The enums every spec file but `relative` defines, with the file's relative path.
    fn enums_elsewhere(&self, relative: &str) -> Vec<(String, import::Enum)> {
        self.enums
            .iter()
            .filter(|(path, _)| path.as_path() != Path::new(relative))
            .flat_map(|(path, enums)| {
                let shown = path.to_string_lossy().replace('\\', "/");
                enums.iter().map(move |e| (shown.clone(), e.clone()))
            })
            .collect()
    }
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

/// Imports one page into the staged tree; on failure, what the page gave so far and why.
fn import_one(
    staging: &Path,
    page: &PageText,
    counts: &mut Counts,
    run: &mut Run,
) -> Result<PageOutcome, (PageOutcome, String)> {
    let mut imported = import::import_page(&page.file_name, &page.text);
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
    let entities = operation
        .path
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .nth(2)
        .unwrap_or_default()
        .to_owned();
    let failed = |warnings: Vec<Warning>, message: String| {
        (
            PageOutcome {
                warnings,
                ..PageOutcome::default()
            },
            message,
        )
    };
    if imported.spec.area.is_empty() || entities.is_empty() || imported.spec.entity.is_empty() {
        return Err(failed(
            imported.warnings,
            "cannot tell the entity, area or path of this page".to_owned(),
        ));
    }
    let relative = format!("{}/{entities}.yaml", imported.spec.area);
    let conflicts = run
        .documented
        .record(&relative, &page.file_name, &imported.spec.operations);
    imported.warnings.extend(conflicts);
    let target = staging.join(&relative);
    // A file an earlier page of this run staged is not read again.
    let existing = match run.staged.get(&relative) {
        Some(staged) => Some(staged.clone()),
        None => match existing_spec(&target, &relative) {
            Ok(existing) => existing,
            Err(message) => return Err(failed(imported.warnings, message)),
        },
    };
    let mut merged = merge::merge(existing, imported.spec, &mut imported.warnings);
    merge::leave_enums_to_their_files(
        &mut merged.spec,
        &run.enums_elsewhere(&relative),
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
    let spec = match read_back {
        Ok(spec) => spec,
        Err(message) => {
            let mut pages: Vec<String> = run.sources.get(&relative).cloned().unwrap_or_default();
            pages.push(page.file_name.clone());
            let from = if pages.len() == 1 {
                format!("the page {} gives", listed(&pages))
            } else {
                format!("the pages {} give", listed(&pages))
            };
            return Err(failed(
                imported.warnings,
                format!(
                    "{display}, the spec {from}, would not load in `codegen`: {message}; nothing was written"
                ),
            ));
        }
    };
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
            format!("cannot write {}: {error}", target.display()),
        ));
    }
    run.enums
        .insert(PathBuf::from(&relative), spec.enums.clone());
    run.staged.insert(relative.clone(), spec);
    Ok(PageOutcome {
        warnings: imported.warnings,
        spec_file: Some(relative),
        kept,
    })
}

/// The spec at `target` (`relative` below the spec directory), if there is one.
fn existing_spec(target: &Path, relative: &str) -> Result<Option<import::Spec>, String> {
    let Ok(bytes) = std::fs::read(target) else {
        return Ok(None);
    };
    crate::load::parse_file(relative, &bytes)
        .map_err(|diagnostic| diagnostic.to_string())
        .and_then(|(_, file)| {
            import::Spec::from_file(&file).map_err(|message| format!("{relative}: {message}"))
        })
        .map(Some)
        .map_err(|message| format!("the existing spec does not load, fix it first:\n{message}"))
}

/// The API the specs under `spec_dir` describe (empty when they do not check: then every
/// imported item is new).
pub(crate) fn surface_of(spec_dir: &Path) -> ApiSurface {
    crate::pipeline::check_specs(spec_dir)
        .map(|checked| ApiSurface::from_model(&checked.api))
        .unwrap_or_default()
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
        copy_tree(spec_dir, dir.path()).map_err(|error| {
            format!(
                "cannot copy the spec tree {} to stage the import: {error}",
                spec_dir.display()
            )
        })?;
        Ok(Self { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// Copies the tree; an error names the file or directory it happened to.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    let named = |path: &Path, error: std::io::Error| {
        std::io::Error::new(error.kind(), format!("{}: {error}", path.display()))
    };
    std::fs::create_dir_all(to).map_err(|error| named(to, error))?;
    for entry in std::fs::read_dir(from).map_err(|error| named(from, error))? {
        let path = entry.map_err(|error| named(from, error))?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_tree(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|error| named(&path, error))?;
        }
    }
    Ok(())
}
