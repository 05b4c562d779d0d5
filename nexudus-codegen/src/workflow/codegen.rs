//! One generator run over a workspace: generate from `spec/`, check the area features, report
//! the API changes of the checked model against a baseline (the checked-in OpenAPI document,
//! or the one at a git revision), then write the files or compare them with what is checked in.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::drift::{self, Change};
use crate::emit::{features, output};
use crate::model::Api;
use crate::pipeline::Checked;
use crate::report::{self, ApiSurface, ChangeReport};

/// What to do with the generated files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write them, removing generated files whose spec is gone.
    Write,
    /// Change nothing; report each file that differs.
    Check,
}

/// What the change report compares the new API with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Baseline {
    /// The OpenAPI document on disk (`spec/openapi.json`): what the checked-in code was
    /// generated from (none yet: everything is new).
    #[default]
    CheckedIn,
    /// The OpenAPI document at a git revision of the workspace (`--base GIT_REF`), read
    /// with `git show REF:spec/openapi.json`.
    GitRevision(String),
}

/// What a run is asked to do.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The workspace root (holding `spec/` and `nexudus-generated/`).
    pub root: &'a Path,
    /// Write or check.
    pub mode: Mode,
    /// Restrict the run to one generated file (e.g. [`output::OPENAPI_PATH`]); stale files
    /// are then neither looked for nor removed.
    pub only: Option<&'a str>,
    /// What the change report compares with.
    pub baseline: Baseline,
}

/// What a run did.
#[derive(Debug)]
pub struct Outcome {
    /// Warnings about the specs.
    pub warnings: Diagnostics,
    /// The API-level changes against the baseline, with the version bump they need.
    pub report: ChangeReport,
    /// How many files the run covers.
    pub files: usize,
    /// In [`Mode::Write`], the files written or removed; in [`Mode::Check`], the files that
    /// differ from what the specs give (empty: up to date).
    pub changes: Vec<Change>,
}

/// Why a run did nothing.
#[derive(Debug)]
pub enum Failure {
    /// The specs do not validate (every problem, located).
    Specs(Diagnostics),
    /// The client crate's manifest has no sound block of area features for the generator to
    /// write, or cannot be read: located in the manifest, with what to write.
    Workspace(Box<Diagnostic>),
    /// The report's baseline cannot be had (an unknown git revision, an unreadable document).
    Baseline(String),
    /// Reading or writing the workspace failed.
    Io(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Specs(diagnostics) => write!(f, "{diagnostics}"),
            Self::Workspace(diagnostic) => write!(f, "{diagnostic}"),
            Self::Baseline(message) | Self::Io(message) => {
                write!(f, "error: {message}")
            }
        }
    }
}

/// Generates the client from `request.root/spec` and writes or checks it.
pub fn run(request: &Request<'_>) -> Result<Outcome, Failure> {
    let checked =
        crate::pipeline::check_specs(&request.root.join("spec")).map_err(Failure::Specs)?;
    let files = render(&checked.api)?;
    finish(request, &checked, files)
}

/// Every generated file of the model.
pub(crate) fn render(api: &Api) -> Result<output::Files, Failure> {
    output::render(api).map_err(|message| {
        Failure::Specs(Diagnostics(vec![Diagnostic::error(
            "spec",
            "",
            0,
            0,
            format!("internal error in the generator: {message}"),
        )]))
    })
}

/// The part of a run after generation: check the workspace and report against the
/// baseline, then write or compare `files`.
fn finish(
    request: &Request<'_>,
    checked: &Checked,
    files: output::Files,
) -> Result<Outcome, Failure> {
    let preflight = preflight(request, checked)?;
    write_or_compare(request, checked, files, preflight)
}

/// What a run knows once nothing can fail before writing: the change report, and the
/// client crate's manifest as it is and as the specs' areas want it.
pub(crate) struct Preflight {
    report: ChangeReport,
    manifest: String,
    wanted_manifest: String,
}

/// What can fail before anything is written: the manifest's block of area features (the
/// generator's, like the generated files) and the report's baseline.
pub(crate) fn preflight(request: &Request<'_>, checked: &Checked) -> Result<Preflight, Failure> {
    let areas: Vec<String> = checked.api.areas().into_iter().map(str::to_owned).collect();
    let (manifest, wanted_manifest) =
        features::manifest_with_areas(request.root, &areas).map_err(Failure::Workspace)?;
    let report = change_report(request.root, &request.baseline, &checked.api)?;
    Ok(Preflight {
        report,
        manifest,
        wanted_manifest,
    })
}

/// Writes or compares `files` (restricted to [`Request::only`]) and the manifest's block of
/// area features.
pub(crate) fn write_or_compare(
    request: &Request<'_>,
    checked: &Checked,
    mut files: output::Files,
    preflight: Preflight,
) -> Result<Outcome, Failure> {
    let root = request.root;
    if let Some(only) = request.only {
        files.retain(|path, _| path == only);
    }
    let whole = request.only.is_none();
    let Preflight {
        report,
        manifest,
        wanted_manifest,
    } = preflight;
    let manifest_change = (whole && manifest != wanted_manifest).then(|| Change::Modified {
        path: features::MANIFEST.to_owned(),
        diff: drift::unified_diff(features::MANIFEST, &manifest, &wanted_manifest),
    });
    let mut changes = match request.mode {
        Mode::Check => drift::compare(root, &files, whole)
            .map_err(|error| Failure::Io(format!("cannot read the workspace: {error}")))?,
        Mode::Write => {
            let changes = drift::write(root, &files, whole).map_err(|error| {
                Failure::Io(format!("cannot write the generated code: {error}"))
            })?;
            if manifest_change.is_some() {
                write_aside_then_rename(&root.join(features::MANIFEST), &wanted_manifest).map_err(
                    |error| Failure::Io(format!("cannot write {}: {error}", features::MANIFEST)),
                )?;
            }
            changes
        }
    };
    changes.extend(manifest_change);
    Ok(Outcome {
        warnings: checked.warnings.clone(),
        report,
        files: files.len(),
        changes,
    })
}

/// Replaces `path` with `text` in one rename, so an interrupted run leaves the old manifest.
fn write_aside_then_rename(path: &Path, text: &str) -> std::io::Result<()> {
    let aside = path.with_extension("toml.codegen-tmp");
    std::fs::write(&aside, text)?;
    std::fs::rename(&aside, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&aside);
    })
}

/// The report of `api` against `baseline`, for the crate's current version (read from
/// `nexudus-generated/Cargo.toml`, or the workspace's when it takes the workspace's; left out
/// when neither has one).
pub fn change_report(root: &Path, baseline: &Baseline, api: &Api) -> Result<ChangeReport, Failure> {
    let old = baseline_surface(root, baseline)?;
    let version = [features::MANIFEST, "Cargo.toml"]
        .into_iter()
        .find_map(|path| {
            std::fs::read_to_string(root.join(path))
                .ok()
                .and_then(|manifest| report::manifest_version(&manifest).ok())
        });
    Ok(ChangeReport::new(
        &old,
        &ApiSurface::from_model(api),
        version,
    ))
}

/// The API surface of the baseline's OpenAPI document.
pub fn baseline_surface(root: &Path, baseline: &Baseline) -> Result<ApiSurface, Failure> {
    let path = output::OPENAPI_PATH;
    let (text, origin) = match baseline {
        Baseline::CheckedIn => match std::fs::read_to_string(root.join(path)) {
            Ok(text) => (text, path.to_owned()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(ApiSurface::default());
            }
            Err(error) => return Err(Failure::Io(format!("cannot read {path}: {error}"))),
        },
        Baseline::GitRevision(revision) => (
            git_show(root, revision, path)?,
            format!("{path} at {revision}"),
        ),
    };
    ApiSurface::from_openapi(&text).map_err(|error| Failure::Baseline(format!("{origin}: {error}")))
}

/// `git show REVISION:./PATH` in `root` (the `./` makes the path relative to `root`, which
/// need not be the repository's top level).
fn git_show(root: &Path, revision: &str, path: &str) -> Result<String, Failure> {
    if revision.starts_with('-') || revision.contains(':') {
        return Err(Failure::Baseline(format!(
            "--base `{revision}` is not a git revision"
        )));
    }
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .arg("show")
        .arg(format!("{revision}:./{path}"))
        .output()
        .map_err(|error| Failure::Baseline(format!("cannot run git: {error}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(Failure::Baseline(format!(
            "cannot read {path} at git revision `{revision}`: {}",
            stderr.trim()
        )));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| Failure::Baseline(format!("{path} at `{revision}` is not UTF-8")))
}
