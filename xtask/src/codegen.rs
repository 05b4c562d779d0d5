//! `cargo xtask codegen [--check]`: regenerate the client from the specs, or verify that the
//! checked-in client is what the specs give.

use std::path::Path;

use nexudus_codegen::{Change, CodegenMode as Mode, CodegenRequest as Request};

/// `only`: restrict to one generated file (e.g. the OpenAPI document).
pub fn run(workspace_root: &Path, args: &[String], only: Option<&str>) -> Result<(), String> {
    let usage = || {
        "usage: cargo xtask codegen|openapi [--check] [--report FILE.md] [--root DIR]".to_owned()
    };
    let mut check = false;
    let mut report_file = None;
    let mut root = workspace_root.to_path_buf();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--report" => report_file = Some(rest.next().ok_or_else(usage)?.clone()),
            "--root" => root = rest.next().ok_or_else(usage)?.into(),
            _ => return Err(usage()),
        }
    }
    let mode = if check { Mode::Check } else { Mode::Write };
    let outcome = nexudus_codegen::codegen(&Request {
        root: &root,
        mode,
        only,
    })
    .map_err(|failure| failure.to_string())?;
    if !outcome.warnings.0.is_empty() {
        eprint!("{}", outcome.warnings);
    }
    print!("{}", nexudus_codegen::report_text(&outcome.api_changes));
    if let Some(file) = &report_file {
        std::fs::write(file, nexudus_codegen::report_markdown(&outcome.api_changes))
            .map_err(|error| format!("error: cannot write {file}: {error}"))?;
        println!("codegen: wrote the change report to {file}");
    }
    match mode {
        Mode::Check if outcome.changes.is_empty() => {
            println!(
                "codegen: the generated code is up to date ({} files)",
                outcome.files
            );
        }
        Mode::Check => {
            for change in &outcome.changes {
                match change {
                    Change::Modified { diff, .. } => print!("{diff}"),
                    other => print!("{other}"),
                }
            }
            return Err(format!(
                "error: the checked-in generated code is stale ({} file(s) differ); run `cargo xtask codegen` and commit the result",
                outcome.changes.len()
            ));
        }
        Mode::Write if outcome.changes.is_empty() => {
            println!("codegen: nothing changed ({} files)", outcome.files);
        }
        Mode::Write => {
            for change in &outcome.changes {
                print!("{change}");
            }
            println!("codegen: {} file(s) updated", outcome.changes.len());
        }
    }
    Ok(())
}
