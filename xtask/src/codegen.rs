//! `cargo xtask codegen [--check]`: regenerate the client from the specs, or verify that the
//! checked-in client is what the specs give.

use std::path::Path;

use nexudus_codegen::drift::{self, Change};
use nexudus_codegen::report;

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
    let root = root.as_path();
    let generated = nexudus_codegen::generate(&root.join("spec"))
        .map_err(|diagnostics| diagnostics.to_string())?;
    if !generated.warnings.0.is_empty() {
        eprint!("{}", generated.warnings);
    }
    nexudus_codegen::features::check_area_features(root, &generated.areas)
        .map_err(|message| format!("error: {message}"))?;
    api_change_report(root, &generated.files, report_file.as_deref())?;
    let mut files = generated.files;
    if let Some(only) = only {
        files.retain(|path, _| path == only);
    }
    let files = &files;
    if check {
        let changes = drift::compare(root, files, only.is_none())
            .map_err(|error| format!("error: cannot read the workspace: {error}"))?;
        if changes.is_empty() {
            println!(
                "codegen: the generated code is up to date ({} files)",
                files.len()
            );
            return Ok(());
        }
        for change in &changes {
            match change {
                Change::Modified { diff, .. } => print!("{diff}"),
                other => print!("{other}"),
            }
        }
        return Err(format!(
            "error: the checked-in generated code is stale ({} file(s) differ); run `cargo xtask codegen` and commit the result",
            changes.len()
        ));
    }
    let changes = drift::write(root, files, only.is_none())
        .map_err(|error| format!("error: cannot write the generated code: {error}"))?;
    if changes.is_empty() {
        println!("codegen: nothing changed ({} files)", files.len());
    } else {
        for change in &changes {
            print!("{change}");
        }
        println!("codegen: {} file(s) updated", changes.len());
    }
    Ok(())
}

/// Prints what the regeneration changes at the API level, before any code diff, and writes
/// it as Markdown when asked. The baseline is the checked-in OpenAPI document.
fn api_change_report(
    root: &Path,
    files: &nexudus_codegen::output::Files,
    report_file: Option<&str>,
) -> Result<(), String> {
    let path = nexudus_codegen::output::OPENAPI_PATH;
    let new = files.get(path).map(String::as_str).unwrap_or_default();
    let old = match std::fs::read_to_string(root.join(path)) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => "{}".to_owned(),
        Err(error) => return Err(format!("error: cannot read {path}: {error}")),
    };
    let changes =
        report::compare_documents(&old, new).map_err(|message| format!("error: {message}"))?;
    print!("{}", report::render_text(&changes));
    if let Some(file) = report_file {
        std::fs::write(file, report::render_markdown(&changes))
            .map_err(|error| format!("error: cannot write {file}: {error}"))?;
        println!("codegen: wrote the change report to {file}");
    }
    Ok(())
}
