//! `cargo xtask codegen [--check]`: regenerate the client from the specs, or verify that the
//! checked-in client is what the specs give.

use std::path::Path;

use nexudus_codegen::drift::{self, Change};

/// `only`: restrict to one generated file (e.g. the OpenAPI document).
pub fn run(root: &Path, args: &[String], only: Option<&str>) -> Result<(), String> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err("usage: cargo xtask codegen|openapi [--check]".to_owned()),
    };
    let generated = nexudus_codegen::generate(&root.join("spec")).map_err(|diagnostics| diagnostics.to_string())?;
    if !generated.warnings.0.is_empty() {
        eprint!("{}", generated.warnings);
    }
    nexudus_codegen::features::check_area_features(root, &generated.areas).map_err(|message| format!("error: {message}"))?;
    let mut files = generated.files;
    if let Some(only) = only {
        files.retain(|path, _| path == only);
    }
    let files = &files;
    if check {
        let changes = drift::compare(root, files, only.is_none()).map_err(|error| format!("error: cannot read the workspace: {error}"))?;
        if changes.is_empty() {
            println!("codegen: the generated code is up to date ({} files)", files.len());
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
    let changes = drift::write(root, files, only.is_none()).map_err(|error| format!("error: cannot write the generated code: {error}"))?;
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
