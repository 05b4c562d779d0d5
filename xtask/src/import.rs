//! `cargo xtask import [--spec-dir DIR] PAGE...`: doc pages into specs, merged with what is
//! there, then the API change report of what the import changed.

use std::path::{Path, PathBuf};

use nexudus_codegen::{ImportWarning as Warning, PageOutcome, PageText};

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let usage = || "usage: cargo xtask import [--spec-dir DIR] PAGE...".to_owned();
    let mut spec_dir = root.join("spec");
    let mut pages = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--spec-dir" => spec_dir = PathBuf::from(rest.next().ok_or_else(usage)?),
            flag if flag.starts_with("--") => return Err(usage()),
            page => pages.push(PathBuf::from(page)),
        }
    }
    if pages.is_empty() {
        return Err(usage());
    }
    let mut texts = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(page)
            .map_err(|error| format!("error: cannot read {}: {error}", page.display()))?;
        let file_name = page
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        texts.push(PageText::new(file_name, text));
    }
    import_pages(&spec_dir, &pages, &texts)
}

/// Imports `texts` into the specs under `spec_dir` and prints what happened; `names` (one per
/// page) are what warnings show: the paths given to `import`, the fetched pages' names for `sync`.
pub fn import_pages(spec_dir: &Path, names: &[PathBuf], texts: &[PageText]) -> Result<(), String> {
    let pages = names;
    match nexudus_codegen::import_pages(spec_dir, texts) {
        Ok(outcome) => {
            print_pages(pages, &outcome.pages);
            for relative in &outcome.written {
                println!("wrote {}", spec_dir.join(relative).display());
            }
            match &outcome.api_changes {
                Ok(changes) => print!("{}", nexudus_codegen::report_text(changes)),
                Err(error) => eprintln!("warning: no change report: {error}"),
            }
            println!(
                "import: read {} operation(s), {} field(s), {} enum value(s) from {} page(s)",
                outcome.counts.operations,
                outcome.counts.fields,
                outcome.counts.enum_values,
                pages.len()
            );
            Ok(())
        }
        Err(failure) => {
            print_pages(pages, &failure.pages);
            let diagnostics = failure
                .diagnostics
                .map(|d| d.to_string())
                .unwrap_or_default();
            Err(match failure.page.and_then(|index| pages.get(index)) {
                Some(page) => format!(
                    "{diagnostics}error: {}: {}",
                    page.display(),
                    failure.message
                ),
                None => format!("{diagnostics}error: {}", failure.message),
            })
        }
    }
}

fn print_pages(pages: &[PathBuf], outcomes: &[PageOutcome]) {
    for (page, outcome) in pages.iter().zip(outcomes) {
        print_warnings(page, &outcome.warnings);
        if let Some(relative) = &outcome.spec_file {
            for kept in &outcome.kept {
                println!("{relative}: {kept}");
            }
        }
    }
}

fn print_warnings(page: &Path, warnings: &[Warning]) {
    for warning in warnings {
        eprintln!(
            "warning: {}:{}: {}",
            page.display(),
            warning.line,
            warning.message
        );
    }
}
