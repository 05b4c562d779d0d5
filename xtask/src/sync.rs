//! `cargo xtask sync`: fetch every REST page the docs site's `llms.txt` lists (through the
//! cache), import them into the specs as `import` does, and regenerate the client.
//!
//! The fetching is `nexudus_codegen::fetch_pages_blocking`; the import is
//! `crate::import::import_pages`; the generation is `crate::codegen::run`.

use std::path::{Path, PathBuf};

use nexudus_codegen::{FetchOptions, ProgressMode};

pub const USAGE: &str = "usage: cargo xtask sync [--docs URL] [--spec-dir DIR] [--only PATTERN] [--jobs N] \
[--report FILE.md] [--strict] [--offline] [--cache DIR] [--quiet]";

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let usage = || USAGE.to_owned();
    let mut options = FetchOptions {
        cache_dir: root.join(nexudus_codegen::DEFAULT_CACHE_DIR),
        ..FetchOptions::default()
    };
    let mut spec_dir = root.join("spec");
    let mut report = None;
    let mut strict = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = || rest.next().cloned().ok_or_else(usage);
        match arg.as_str() {
            "--docs" => options.docs = Some(value()?),
            "--spec-dir" => spec_dir = PathBuf::from(value()?),
            "--only" => options.only = Some(value()?),
            "--jobs" => {
                let text = value()?;
                options.jobs =
                    text.parse().ok().filter(|&jobs| jobs > 0).ok_or_else(|| {
                        format!("error: --jobs `{text}` is not a positive number")
                    })?;
            }
            "--report" => report = Some(value()?),
            "--cache" => options.cache_dir = PathBuf::from(value()?),
            "--strict" => strict = true,
            "--offline" => options.offline = true,
            "--quiet" => options.progress = ProgressMode::Quiet,
            _ => return Err(usage()),
        }
    }

    let outcome = nexudus_codegen::fetch_pages_blocking(&options)
        .map_err(|error| format!("error: {error}"))?;
    for warning in &outcome.index_warnings {
        eprintln!("warning: {}: {}", outcome.index_url, warning);
    }
    for failure in &outcome.failures {
        eprintln!("warning: {failure}; left out");
    }
    for warning in &outcome.warnings {
        eprintln!("warning: {warning}");
    }
    println!("sync: {} ({})", outcome.counts(), outcome.index_url);
    if strict && outcome.any_failed() {
        return Err(format!(
            "error: --strict: {} page(s) failed and {} index line(s) were left out; nothing was imported",
            outcome.failures.len(),
            outcome.index_warnings.len()
        ));
    }
    let pages = outcome.page_texts();
    if pages.is_empty() {
        println!("sync: no page to import");
        return Ok(());
    }
    let names: Vec<PathBuf> = pages.iter().map(|(name, _)| PathBuf::from(name)).collect();
    let texts: Vec<_> = pages
        .into_iter()
        .map(|(name, text)| nexudus_codegen::PageText::new(name, text))
        .collect();
    crate::import::import_pages(&spec_dir, &names, &texts)?;

    // Generation writes the crate of the workspace whose `spec/` was synced.
    let workspace = match spec_dir.file_name() {
        Some(name) if name == "spec" => spec_dir.parent().map(Path::to_path_buf),
        _ => None,
    };
    let Some(workspace) = workspace else {
        println!(
            "sync: {} is not a workspace's spec/ folder; the specs are written, run `cargo xtask generate` or `codegen --root` to generate",
            spec_dir.display()
        );
        return Ok(());
    };
    let workspace = if workspace.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        workspace
    };
    let mut codegen_args = vec!["--root".to_owned(), workspace.display().to_string()];
    if let Some(report) = report {
        codegen_args.extend(["--report".to_owned(), report]);
    }
    crate::codegen::run(root, &codegen_args, None)
}
