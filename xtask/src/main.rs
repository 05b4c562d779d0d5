//! Maintainer commands for the workspace, run as `cargo xtask <command>`: clap parses the
//! command line; the work is the library's (`nexudus_codegen::workflow`), printed here.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ColorChoice, Parser, Subcommand};

mod bench;
mod codegen;
mod import;
mod output;
mod sync;

/// Exit codes a CI script can tell apart; `--help` lists them.
const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the specs have errors, or the command failed (I/O, network, a page under --strict)
  2  usage error (an unknown command or flag, a missing or bad value)
  3  the checked-in generated code is stale (`codegen --check`, `openapi --check`)";

/// Maintainer commands of the Nexudus client workspace: regenerate the client from spec/,
/// import doc pages, sync with the docs site, measure the generator.
#[derive(Debug, Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    version,
    after_help = EXIT_CODES,
    propagate_version = true
)]
struct Cli {
    /// Print only warnings, errors and the result (no progress, no per-file lines).
    #[arg(long, short, global = true)]
    quiet: bool,

    /// Colour `error:` and `warning:` (auto: when standard error is a terminal).
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Regenerate nexudus-generated, the spec schema and the OpenAPI document from spec/, and
    /// print the API change report.
    #[command(after_help = EXIT_CODES)]
    Codegen(CodegenArgs),
    /// Only the OpenAPI 3.1 document, spec/openapi.json.
    #[command(after_help = EXIT_CODES)]
    Openapi(CodegenArgs),
    /// Read Nexudus doc pages (rendered text or Markdown source) into the specs, keeping
    /// curated facts, and print what changed at the API level.
    #[command(after_help = EXIT_CODES)]
    Import(ImportArgs),
    /// Fetch the REST pages the docs site's llms.txt lists, import them and regenerate the
    /// client, with the API change report.
    #[command(after_help = EXIT_CODES)]
    Sync(SyncArgs),
    /// Write a synthetic spec tree of N operations shaped like the documented pages.
    Synth(bench::SynthArgs),
    /// Run the generator on any spec tree, writing below DIR (what bench times).
    Generate(bench::GenerateArgs),
    /// Generation time, peak memory and code size for the real specs and N = 100, 1,000,
    /// 3,000 operations (release build).
    Bench(bench::BenchArgs),
}

/// The flags of `codegen` and `openapi`.
#[derive(Debug, Args)]
pub struct CodegenArgs {
    /// Change nothing; fail (exit 3) with a diff if anything is stale.
    #[arg(long)]
    pub check: bool,
    /// Also write the API change report as Markdown (Keep a Changelog sections).
    #[arg(long, value_name = "FILE.md")]
    pub report: Option<PathBuf>,
    /// Compare with the OpenAPI document at this git revision instead of the checked-in one.
    #[arg(long, value_name = "GIT_REF")]
    pub base: Option<String>,
    /// Work on another copy of the workspace layout.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

/// The flags of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The spec tree to import into.
    #[arg(long, value_name = "DIR")]
    pub spec_dir: Option<PathBuf>,
    /// The doc pages: text copies of rendered pages or their Markdown (`.md`) source.
    #[arg(required = true, value_name = "PAGE")]
    pub pages: Vec<PathBuf>,
}

/// The flags of `sync`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The docs site (its llms.txt is the index); absolute links on the official host are
    /// fetched from here.
    #[arg(long, value_name = "URL")]
    pub docs: Option<String>,
    /// The workspace's spec/ folder; the generated crate beside it is regenerated.
    #[arg(long, value_name = "DIR", conflicts_with = "root")]
    pub spec_dir: Option<PathBuf>,
    /// The workspace root to sync (default: this workspace).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Only pages whose `{area}/{verb}-{entities}[-by-id|-batch]` matches: a glob (with
    /// `*?[`) or a substring.
    #[arg(long, value_name = "PATTERN")]
    pub only: Option<String>,
    /// Concurrent requests.
    #[arg(long, value_name = "N", default_value_t = nexudus_codegen::DEFAULT_JOBS as u16,
          value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: u16,
    /// Also write the API change report as Markdown (the docs-sync pull request's body).
    #[arg(long, value_name = "FILE.md")]
    pub report: Option<PathBuf>,
    /// Compare with the OpenAPI document at this git revision instead of the checked-in one.
    #[arg(long, value_name = "GIT_REF")]
    pub base: Option<String>,
    /// Any page left out (not fetched, read or placed, or whose spec does not validate) fails
    /// the run (nothing is written).
    #[arg(long)]
    pub strict: bool,
    /// Use the page cache only, never the network.
    #[arg(long)]
    pub offline: bool,
    /// The page cache (ETag / Last-Modified and bodies); default target/docs-cache.
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
}

/// How a command ended, as the process's exit code.
pub enum Failure {
    /// The specs have errors, or the command failed: exit 1.
    Failed(String),
    /// The checked-in generated code is stale: exit 3.
    Stale(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Self::Failed(message)
    }
}

// Generation builds and drops millions of small token trees and syntax nodes; mimalloc makes
// that about a quarter faster than the system allocator (see docs/performance.md, "mimalloc in `xtask`").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // mimalloc asks for transparent huge pages; the kernel then zeroes 2 MiB at each first
    // touch, for a process that lives under a second: 8% of a 1,000-operation generation and
    // 30 MiB of its peak memory (docs/performance.md). Best effort: an error leaves them on.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    // `cargo xtask …` runs `xtask …` (the alias), so the arguments start at the command.
    let cli = Cli::parse();
    output::init(cli.color, cli.quiet);
    let root = workspace_root();
    let result = match cli.command {
        Command::Codegen(args) => codegen::run(&root, &args, None),
        Command::Openapi(args) => codegen::run(&root, &args, Some(nexudus_codegen::OPENAPI_PATH)),
        Command::Import(args) => import::run(&root, &args).map_err(Failure::from),
        Command::Sync(args) => sync::run(&root, &args),
        Command::Synth(args) => bench::synth(&root, &args).map_err(Failure::from),
        Command::Generate(args) => bench::generate(&args).map_err(Failure::from),
        Command::Bench(args) => bench::bench(&root, &args).map_err(Failure::from),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Failed(message)) => {
            output::diagnostics(&message);
            ExitCode::from(1)
        }
        Err(Failure::Stale(message)) => {
            output::diagnostics(&message);
            ExitCode::from(3)
        }
    }
}

/// The workspace root: xtask lives one level below it.
fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
