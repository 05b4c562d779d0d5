//! Maintainer commands for the workspace, run as `cargo xtask <command>`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod bench;
mod codegen;
mod import;
mod sync;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  codegen [--check] [--report FILE.md] [--root DIR]
                      regenerate nexudus-generated, the spec schema and the OpenAPI document from spec/
                      (--check: change nothing, fail with a diff if anything is stale;
                       --report: also write the API change report as Markdown;
                       --root: work on another copy of the workspace layout)
  openapi [--check]   only the OpenAPI 3.1 document, spec/openapi.json
  import [--spec-dir DIR] PAGE...
                      read Nexudus doc pages (text copies) into the specs, keeping curated facts,
                      and print what changed at the API level
  sync [--docs URL] [--spec-dir DIR] [--only PATTERN] [--jobs N] [--report FILE.md]
       [--strict] [--offline] [--cache DIR] [--quiet]
                      fetch the REST pages listed in URL/llms.txt (default https://learn.nexudus.com;
                      cached in target/docs-cache with ETag/Last-Modified), import them, regenerate;
                      --only: a glob (with * ? [) or a substring of {area}/{verb}-{entities}[-by-id];
                      --strict: any page that cannot be fetched fails the run;
                      --offline: the cache only
  synth --operations N --out DIR [--seed S]
                      write a synthetic spec tree of N operations shaped like the documented pages
  generate --spec-dir DIR --out DIR
                      run the generator on any spec tree, writing below DIR (used by bench)
  bench [--runs R] [--quick] [--compile]
                      generation time, peak memory and code size for the real specs and
                      N = 100, 1,000, 3,000 (release build); --compile adds cargo check/build
                      of the generated crate at N = 1,000
";

// Generation builds and drops millions of small token trees and syntax nodes; mimalloc makes
// that about a quarter faster than the system allocator (see README, "Scale and speed").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(&root, &args[1..], None),
        Some("openapi") => codegen::run(&root, &args[1..], Some(nexudus_codegen::OPENAPI_PATH)),
        Some("import") => import::run(&root, &args[1..]),
        Some("sync") => sync::run(&root, &args[1..]),
        Some("synth") => bench::synth(&root, &args[1..]),
        Some("generate") => bench::generate(&args[1..]),
        Some("bench") => bench::bench(&root, &args[1..]),
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: xtask lives one level below it.
fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}
