//! `cargo xtask sync`: the docs site's REST pages into the specs and the generated crate, in
//! one run of the library's `workflow::sync`; this module turns flags into a request and
//! prints the outcome.

use std::path::{Path, PathBuf};

use nexudus_codegen::ProgressMode;
use nexudus_codegen::workflow::sync::{self as workflow, Request};
use nexudus_codegen::{DEFAULT_CACHE_DIR, DEFAULT_DOCS, FetchOptions};

use crate::{Failure, SyncArgs, output};

pub fn run(workspace_root: &Path, args: &SyncArgs) -> Result<(), Failure> {
    let root = match (&args.root, &args.spec_dir) {
        (Some(root), _) => root.clone(),
        (None, Some(spec_dir)) => workspace_of(spec_dir)?,
        (None, None) => workspace_root.to_path_buf(),
    };
    let fetch = FetchOptions {
        docs: args.docs.clone(),
        only: args.only.clone(),
        jobs: usize::from(args.jobs),
        cache_dir: args
            .cache
            .clone()
            .unwrap_or_else(|| root.join(DEFAULT_CACHE_DIR)),
        offline: args.offline,
        progress: if output::quiet() {
            ProgressMode::Quiet
        } else {
            ProgressMode::Auto
        },
        ..FetchOptions::default()
    };
    output::progress(&format!(
        "sync: reading the index of {} and fetching its REST pages ({} at a time)…",
        fetch.docs.as_deref().unwrap_or(DEFAULT_DOCS),
        fetch.jobs
    ));
    let outcome = workflow::run(&Request {
        root: &root,
        fetch,
        strict: args.strict,
        baseline: crate::codegen::baseline(args.base.as_deref()),
    })
    .map_err(|failure| {
        if let workflow::Failure::Strict {
            left_out,
            index_warnings,
        } = &failure
        {
            for warning in index_warnings {
                output::warning(warning);
            }
            for page in left_out {
                crate::import::print_warnings(Path::new(&page.name), &page.warnings);
                output::warning(&page.to_string());
            }
        }
        Failure::Failed(failure.to_string())
    })?;

    for warning in &outcome.index_warnings {
        output::warning(&format!("{}: {warning}", outcome.index_url));
    }
    for page in &outcome.left_out {
        crate::import::print_warnings(Path::new(&page.name), &page.warnings);
        output::warning(&format!("{page}; left out"));
    }
    for warning in &outcome.warnings {
        output::warning(warning);
    }
    let names: Vec<PathBuf> = outcome
        .pages
        .iter()
        .map(|p| PathBuf::from(&p.name))
        .collect();
    let imports: Vec<_> = outcome.pages.iter().map(|p| p.import.clone()).collect();
    crate::import::print_pages(&names, &imports);
    output::diagnostics(&outcome.spec_warnings.to_string());
    for spec in &outcome.written_specs {
        output::progress(&format!("wrote spec/{}", spec.display()));
    }
    if !output::quiet() {
        for change in &outcome.generated {
            print!("{change}");
        }
    }
    output::result(&format!(
        "sync: {} ({})\n",
        outcome.page_counts(),
        outcome.index_url
    ));
    output::result(&format!(
        "sync: read {} operation(s), {} field(s), {} enum value(s); {} spec file(s) and {} generated file(s) changed\n",
        outcome.counts.operations,
        outcome.counts.fields,
        outcome.counts.enum_values,
        outcome.written_specs.len(),
        outcome.generated.len()
    ));
    crate::codegen::write_report(&outcome.report, args.report.as_deref())?;
    Ok(())
}

/// The workspace whose `spec/` folder `spec_dir` is.
fn workspace_of(spec_dir: &Path) -> Result<PathBuf, String> {
    match spec_dir.file_name() {
        Some(name) if name == "spec" => {
            let parent = spec_dir.parent().unwrap_or(Path::new("."));
            Ok(if parent.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                parent.to_path_buf()
            })
        }
        _ => Err(format!(
            "error: --spec-dir {}: sync regenerates the crate beside the specs, so it must be a workspace's spec/ folder (or give --root)",
            spec_dir.display()
        )),
    }
}
