//! The pipeline from the specs to the files: load and validate every spec into the one model
//! ([`check_specs`]), then emit every file of the client crate ([`generate`]). The workflows
//! and xtask call these; the steps themselves are the modules `load`, `validate` and `emit`.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::emit::output::{self, Files};
use crate::model::Api;
use crate::{load, validate};

/// The result of reading and checking the specs.
pub struct Checked {
    /// The model of the whole API.
    pub api: Api,
    /// Warnings (no errors: those make [`check_specs`] fail).
    pub warnings: Diagnostics,
}

/// Loads and validates every spec under `spec_dir`. All problems of all files are reported
/// together: the files that parse are validated even when others do not.
pub fn check_specs(spec_dir: &Path) -> Result<Checked, Diagnostics> {
    let loaded = load::load_dir(spec_dir, "spec");
    let validated = validate::validate_with_unreadable(&loaded.files, &loaded.unreadable);
    let mut diagnostics = loaded.diagnostics;
    diagnostics.0.extend(validated.diagnostics.0);
    diagnostics.sort();
    match validated.api {
        Some(api) if !diagnostics.has_errors() => Ok(Checked {
            api,
            warnings: diagnostics,
        }),
        _ => Err(diagnostics),
    }
}

/// What one generator run produces.
pub struct Generated {
    /// Every generated file, by path relative to the workspace root.
    pub files: Files,
    /// The API areas, one cargo feature each.
    pub areas: Vec<String>,
    /// Warnings about the specs.
    pub warnings: Diagnostics,
}

/// Generates every file of the `nexudus-generated` crate from the specs in `spec_dir`.
pub fn generate(spec_dir: &Path) -> Result<Generated, Diagnostics> {
    let checked = check_specs(spec_dir)?;
    let files = output::render(&checked.api).map_err(|message| {
        Diagnostics(vec![Diagnostic::error(
            "spec",
            "",
            0,
            0,
            format!("internal error in the generator: {message}"),
        )])
    })?;
    let areas = checked.api.areas().into_iter().map(str::to_owned).collect();
    Ok(Generated {
        files,
        areas,
        warnings: checked.warnings,
    })
}
