//! One generator run over a workspace: generate from `spec/`, check the area features, report
//! the API changes against the checked-in OpenAPI document, then write the files or compare
//! them with what is checked in.

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::drift::{self, Change};
use crate::emit::{features, output};
use crate::report::{self, ApiChange};

/// What to do with the generated files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write them, removing generated files whose spec is gone.
    Write,
    /// Change nothing; report each file that differs.
    Check,
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
}

/// What a run did.
#[derive(Debug)]
pub struct Outcome {
    /// Warnings about the specs.
    pub warnings: Diagnostics,
    /// The API-level changes against the checked-in OpenAPI document.
    pub api_changes: Vec<ApiChange>,
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
    /// write, or another fact of the workspace the run relies on does not hold.
    Workspace(String),
    /// Reading or writing the workspace failed.
    Io(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Specs(diagnostics) => write!(f, "{diagnostics}"),
            Self::Workspace(message) | Self::Io(message) => write!(f, "error: {message}"),
        }
    }
}

/// Generates the client from `request.root/spec` and writes or checks it.
pub fn run(request: &Request<'_>) -> Result<Outcome, Failure> {
    let root = request.root;
    let generated = crate::generate(&root.join("spec")).map_err(Failure::Specs)?;
    // The manifest's block of area features is the generator's, like the generated files.
    let (manifest, wanted_manifest) =
        features::manifest_with_areas(root, &generated.areas).map_err(Failure::Workspace)?;
    let api_changes = api_changes(root, &generated.files)?;
    let mut files = generated.files;
    if let Some(only) = request.only {
        files.retain(|path, _| path == only);
    }
    let whole = request.only.is_none();
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
        warnings: generated.warnings,
        api_changes,
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

/// The API changes of the new files against the checked-in OpenAPI document (none there yet:
/// everything is new).
fn api_changes(root: &Path, files: &output::Files) -> Result<Vec<ApiChange>, Failure> {
    let path = output::OPENAPI_PATH;
    let new = files.get(path).map(String::as_str).unwrap_or_default();
    let old = match std::fs::read_to_string(root.join(path)) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => "{}".to_owned(),
        Err(error) => return Err(Failure::Io(format!("cannot read {path}: {error}"))),
    };
    report::compare_documents(&old, new).map_err(Failure::Workspace)
}
