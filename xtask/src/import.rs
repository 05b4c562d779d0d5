//! `cargo xtask import [--spec-dir DIR] PAGE...`: doc pages into specs, merged with what is
//! there, then the API change report of what the import changed.

use std::path::{Path, PathBuf};

use nexudus_codegen::import::{self, emit, merge};

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
        texts.push((page.display().to_string(), text));
    }
    import_pages(&spec_dir, &texts)
}

/// Imports pages given as `(name, text)`: the name is what warnings show, and its file name
/// is the page's file name for the importer (`get-spaces-coworkers.md`). Used by `import`
/// (names are the paths given) and by `sync` (names are the fetched pages' file names).
pub fn import_pages(spec_dir: &Path, pages: &[(String, String)]) -> Result<(), String> {
    let before = openapi_of(spec_dir);

    // Work on a copy: a run that ends in errors leaves the real specs as they were.
    let staging = std::env::temp_dir().join(format!("nexudus-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    copy_tree(spec_dir, &staging)
        .map_err(|error| format!("error: cannot copy {}: {error}", spec_dir.display()))?;
    let mut totals = (0, 0, 0);
    let mut written = Vec::new();
    for (page, text) in pages {
        let file_name = Path::new(page)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut imported = import::import_page(&file_name, text);
        let counts = imported.counts();
        totals = (
            totals.0 + counts.0,
            totals.1 + counts.1,
            totals.2 + counts.2,
        );
        let Some(operation) = imported.spec.operations.first() else {
            print_warnings(page, &imported.warnings);
            continue;
        };
        let entities = operation
            .path
            .split('/')
            .filter(|s| !s.is_empty() && !s.starts_with('{'))
            .nth(2)
            .unwrap_or_default()
            .to_owned();
        if imported.spec.area.is_empty() || entities.is_empty() || imported.spec.entity.is_empty() {
            print_warnings(page, &imported.warnings);
            let _ = std::fs::remove_dir_all(&staging);
            return Err(format!(
                "error: {page}: cannot tell the entity, area or path of this page"
            ));
        }
        let relative = format!("{}/{entities}.yaml", imported.spec.area);
        let target = staging.join(&relative);
        let existing = match std::fs::read(&target) {
            Ok(bytes) => match nexudus_codegen::load::parse_file(&relative, &bytes) {
                Ok((_, file)) => Some(import::Spec::from_file(&file)),
                Err(diagnostic) => {
                    let _ = std::fs::remove_dir_all(&staging);
                    return Err(format!(
                        "error: the existing spec does not load, fix it first:\n{diagnostic}"
                    ));
                }
            },
            Err(_) => None,
        };
        let mut merged = merge::merge(existing, imported.spec, &mut imported.warnings);
        merge::leave_enums_to_their_files(
            &mut merged.spec,
            &enums_elsewhere(&staging, &relative),
            &mut imported.warnings,
        );
        print_warnings(page, &imported.warnings);
        for kept in &merged.kept {
            println!("{relative}: {kept}");
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|error| error.to_string())?;
        }
        std::fs::write(
            &target,
            emit::to_yaml(&merged.spec, "../nexudus-spec.schema.json"),
        )
        .map_err(|error| error.to_string())?;
        written.push(relative);
    }
    let after = nexudus_codegen::generate(&staging);
    let after = match after {
        Ok(generated) => generated
            .files
            .get(nexudus_codegen::output::OPENAPI_PATH)
            .cloned()
            .unwrap_or_default(),
        Err(diagnostics) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(format!(
                "{diagnostics}error: the imported specs do not generate; nothing was written"
            ));
        }
    };
    for relative in &written {
        let target = spec_dir.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|error| error.to_string())?;
        }
        std::fs::copy(staging.join(relative), &target)
            .map_err(|error| format!("error: cannot write {}: {error}", target.display()))?;
        println!("wrote {}", target.display());
    }
    let _ = std::fs::remove_dir_all(&staging);
    match nexudus_codegen::report::compare_documents(&before, &after) {
        Ok(changes) => print!("{}", nexudus_codegen::report::render_text(&changes)),
        Err(error) => eprintln!("warning: no change report: {error}"),
    }
    println!(
        "import: read {} operation(s), {} field(s), {} enum value(s) from {} page(s)",
        totals.0,
        totals.1,
        totals.2,
        pages.len()
    );
    Ok(())
}

fn print_warnings(page: &str, warnings: &[import::Warning]) {
    for warning in warnings {
        eprintln!("warning: {page}:{}: {}", warning.line, warning.message);
    }
}

fn openapi_of(spec_dir: &Path) -> String {
    nexudus_codegen::generate(spec_dir)
        .ok()
        .and_then(|generated| {
            generated
                .files
                .get(nexudus_codegen::output::OPENAPI_PATH)
                .cloned()
        })
        .unwrap_or_else(|| "{}".to_owned())
}

/// The enums every other spec file below `spec_dir` defines, with the file's relative path.
/// Files that do not parse define nothing here; `codegen` reports them.
fn enums_elsewhere(spec_dir: &Path, relative: &str) -> Vec<(String, import::Enum)> {
    nexudus_codegen::load::load_dir(spec_dir, "spec")
        .files
        .into_iter()
        .filter(|file| file.relative_path != relative)
        .flat_map(|file| {
            let enums = import::Spec::from_file(&file.spec).enums;
            enums
                .into_iter()
                .map(move |e| (file.relative_path.clone(), e))
        })
        .collect()
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_tree(&path, &target)?;
        } else {
            std::fs::copy(&path, &target)?;
        }
    }
    Ok(())
}
