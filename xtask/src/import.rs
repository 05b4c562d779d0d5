//! `cargo xtask import [--spec-dir DIR] PAGE...`: doc pages into specs, merged with what is
//! there, then the API change report of what the import changed.

use std::path::{Path, PathBuf};

use nexudus_codegen::ImportWarning;
use nexudus_codegen::workflow::import::{self, PageOutcome, PageText};

use crate::{ImportArgs, output};

pub fn run(root: &Path, args: &ImportArgs) -> Result<(), String> {
    let spec_dir = args.spec_dir.clone().unwrap_or_else(|| root.join("spec"));
    let pages = &args.pages;
    let mut texts = Vec::new();
    for page in pages {
        let text = std::fs::read_to_string(page)
            .map_err(|error| format!("error: cannot read {}: {error}", page.display()))?;
        let file_name = page
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        texts.push(PageText::new(file_name, text));
    }
    import_pages(&spec_dir, pages, &texts)
}

/// Imports `texts` into the specs under `spec_dir` and prints what happened; `names` (one per
/// page) are what warnings show: the paths given to `import`.
fn import_pages(spec_dir: &Path, names: &[PathBuf], texts: &[PageText]) -> Result<(), String> {
    let pages = names;
    match import::run(spec_dir, texts) {
        Ok(outcome) => {
            print_pages(pages, &outcome.pages);
            for relative in &outcome.written {
                output::progress(&format!("wrote {}", spec_dir.join(relative).display()));
            }
            output::result(&outcome.report.to_text());
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
            let place =
                failure
                    .page
                    .and_then(|index| pages.get(index))
                    .map(|page| match failure.line {
                        Some(line) => format!("{}:{line}", page.display()),
                        None => page.display().to_string(),
                    });
            Err(match place {
                Some(place) => format!("{diagnostics}error: {place}: {}", failure.message),
                None => format!("{diagnostics}error: {}", failure.message),
            })
        }
    }
}

pub fn print_pages(pages: &[PathBuf], outcomes: &[PageOutcome]) {
    for (page, outcome) in pages.iter().zip(outcomes) {
        print_warnings(page, &outcome.warnings);
        if let Some(relative) = &outcome.spec_file {
            for kept in &outcome.kept {
                output::progress(&format!("{relative}: {kept}"));
            }
        }
    }
}

pub fn print_warnings(page: &Path, warnings: &[ImportWarning]) {
    for warning in warnings {
        output::warning(&format!(
            "{}:{}: {}",
            page.display(),
            warning.line,
            warning.message
        ));
    }
}
