//! `cargo xtask codegen` and `openapi`: regenerate the client from the specs, or verify that
//! the checked-in client is what the specs give, with the API change report.

use std::path::Path;

use nexudus_codegen::Change;
use nexudus_codegen::report::ChangeReport;
use nexudus_codegen::workflow::codegen::{self, Baseline, Mode, Request};

use crate::{CodegenArgs, Failure, output};

/// `only`: restrict to one generated file (e.g. the OpenAPI document).
pub fn run(workspace_root: &Path, args: &CodegenArgs, only: Option<&str>) -> Result<(), Failure> {
    let root = args.root.as_deref().unwrap_or(workspace_root);
    let mode = if args.check { Mode::Check } else { Mode::Write };
    let outcome = codegen::run(&Request {
        root,
        mode,
        only,
        baseline: baseline(args.base.as_deref()),
    })
    .map_err(|failure| failure.to_string())?;
    output::diagnostics(&outcome.warnings.to_string());
    write_report(&outcome.report, args.report.as_deref())?;
    match mode {
        Mode::Check if outcome.changes.is_empty() => {
            output::result(&format!(
                "codegen: the generated code is up to date ({} files)\n",
                outcome.files
            ));
        }
        Mode::Check => {
            for change in &outcome.changes {
                match change {
                    Change::Modified { diff, .. } => output::result(diff),
                    other => output::result(&other.to_string()),
                }
            }
            return Err(Failure::Stale(format!(
                "error: the checked-in generated code is stale ({} file(s) differ); run `cargo xtask codegen` and commit the result",
                outcome.changes.len()
            )));
        }
        Mode::Write if outcome.changes.is_empty() => {
            output::result(&format!(
                "codegen: nothing changed ({} files)\n",
                outcome.files
            ));
        }
        Mode::Write => {
            if !output::quiet() {
                for change in &outcome.changes {
                    print!("{change}");
                }
            }
            output::result(&format!(
                "codegen: {} file(s) updated\n",
                outcome.changes.len()
            ));
        }
    }
    Ok(())
}

/// `--base GIT_REF`, or the checked-in document.
pub fn baseline(base: Option<&str>) -> Baseline {
    base.map_or(Baseline::CheckedIn, |revision| {
        Baseline::GitRevision(revision.to_owned())
    })
}

/// Prints the report and, with `--report FILE.md`, writes its Markdown.
pub fn write_report(report: &ChangeReport, file: Option<&Path>) -> Result<(), String> {
    output::result(&report.to_text());
    if let Some(file) = file {
        std::fs::write(file, report.to_markdown())
            .map_err(|error| format!("error: cannot write {}: {error}", file.display()))?;
        output::progress(&format!("wrote the change report to {}", file.display()));
    }
    Ok(())
}
