//! `cargo xtask synth`, `cargo xtask generate` and `cargo xtask bench`: the scale workload and
//! the measurements of the generator and its output. Figures are medians of whole-process runs
//! (release build), timed with `/usr/bin/time`, which also gives the peak memory.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args;

/// The flags of `synth`.
#[derive(Debug, Args)]
pub struct SynthArgs {
    /// How many operations.
    #[arg(long, value_name = "N")]
    operations: usize,
    /// Where to write the spec tree (replaced).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The random seed.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
}

/// The flags of `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The spec tree.
    #[arg(long, value_name = "DIR")]
    spec_dir: PathBuf,
    /// Where the generated files go.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// The flags of `bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Runs per measurement (the median is reported) [default: 5, or 3 with --quick].
    #[arg(long, value_name = "R", value_parser = clap::value_parser!(u32).range(1..))]
    runs: Option<u32>,
    /// 3 runs, N = 100 and 1,000 only.
    #[arg(long)]
    quick: bool,
    /// Add cargo check/build of the generated crate at N = 1,000.
    #[arg(long)]
    compile: bool,
    /// Runs of each compile measurement (implies --compile) [default: 3].
    #[arg(long, value_name = "R", value_parser = clap::value_parser!(u32).range(1..))]
    compile_runs: Option<u32>,
    /// The compile benchmark alone, without timing generation first.
    #[arg(long)]
    compile_only: bool,
}

/// `synth --operations N --out DIR [--seed S]`
pub fn synth(root: &Path, args: &SynthArgs) -> Result<(), String> {
    let SynthArgs {
        operations,
        ref out,
        seed,
    } = *args;
    let files = write_synthetic(root, operations, seed, out)?;
    println!(
        "synth: {operations} operations in {files} spec files under {}",
        out.display()
    );
    Ok(())
}

fn write_synthetic(root: &Path, operations: usize, seed: u64, out: &Path) -> Result<usize, String> {
    let envelope = std::fs::read_to_string(root.join("spec/envelope.yaml"))
        .map_err(|error| format!("error: cannot read spec/envelope.yaml: {error}"))?;
    let tree = nexudus_codegen::testing::spec_tree(operations, seed, &envelope);
    if out.exists() {
        std::fs::remove_dir_all(out)
            .map_err(|error| format!("error: cannot clear {}: {error}", out.display()))?;
    }
    for (path, text) in &tree {
        let target = out.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| format!("error: {}: {error}", parent.display()))?;
        }
        std::fs::write(&target, text)
            .map_err(|error| format!("error: {}: {error}", target.display()))?;
    }
    Ok(tree.len())
}

/// `generate --spec-dir DIR --out DIR`: the whole pipeline on any spec tree, writing the
/// generated files below `out` (what the benchmark times as a process).
pub fn generate(args: &GenerateArgs) -> Result<(), String> {
    let GenerateArgs { spec_dir, out } = args;
    let generated =
        nexudus_codegen::generate(spec_dir).map_err(|diagnostics| diagnostics.to_string())?;
    std::fs::create_dir_all(out).map_err(|error| format!("error: {}: {error}", out.display()))?;
    nexudus_codegen::write_to_disk(out, &generated.files, false)
        .map_err(|error| format!("error: cannot write: {error}"))?;
    Ok(())
}

struct Sample {
    seconds: f64,
    /// User and system CPU time: less disturbed than `seconds` by other work on the machine.
    cpu_seconds: f64,
    peak_kib: u64,
}

/// Runs `command` under `/usr/bin/time` and reads its elapsed time and peak memory.
fn timed(command: &mut Command) -> Result<Sample, String> {
    let mut timed = Command::new("/usr/bin/time");
    timed
        .arg("-f")
        .arg("@@%e %U %S %M")
        .arg(command.get_program())
        .args(command.get_args());
    if let Some(dir) = command.get_current_dir() {
        timed.current_dir(dir);
    }
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => timed.env(key, value),
            None => timed.env_remove(key),
        };
    }
    let output = timed
        .output()
        .map_err(|error| format!("error: cannot run /usr/bin/time: {error}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!(
            "error: {:?} failed:\n{stderr}",
            command.get_program()
        ));
    }
    let line = stderr
        .lines()
        .rev()
        .find_map(|line| line.strip_prefix("@@"))
        .ok_or("no timing output")?;
    let parts: Vec<&str> = line.split_whitespace().collect();
    let [seconds, user, system, peak] = parts[..] else {
        return Err(format!("bad timing output `{line}`"));
    };
    let number = |text: &str| {
        text.parse::<f64>()
            .map_err(|_| format!("bad time `{text}`"))
    };
    Ok(Sample {
        seconds: number(seconds)?,
        cpu_seconds: number(user)? + number(system)?,
        peak_kib: peak.parse().map_err(|_| format!("bad memory `{peak}`"))?,
    })
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// Lines and bytes of the generated Rust files below `dir`.
fn code_size(dir: &Path) -> (usize, usize) {
    let mut totals = (0, 0);
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&next) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                totals.0 += text.lines().count();
                totals.1 += text.len();
            }
        }
    }
    totals
}

fn operation_count(spec_dir: &Path) -> Result<usize, String> {
    let checked =
        nexudus_codegen::check_specs(spec_dir).map_err(|diagnostics| diagnostics.to_string())?;
    Ok(checked
        .api
        .entities
        .iter()
        .map(|entity| entity.operations.len())
        .sum())
}

/// `bench [--runs R] [--quick] [--compile] [--compile-runs R] [--compile-only]`
pub fn bench(root: &Path, args: &BenchArgs) -> Result<(), String> {
    let runs = args.runs.unwrap_or(if args.quick { 3 } else { 5 });
    let sizes: &[usize] = if args.quick {
        &[100, 1_000]
    } else {
        &[100, 1_000, 3_000]
    };
    let compile_runs = args.compile_runs.map_or(3, |runs| runs as usize);
    if args.compile_only {
        return self::compile(root, compile_runs);
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    println!("building the generator (release)…");
    let status = Command::new(&cargo)
        .args(["build", "--release", "--quiet", "--package", "xtask"])
        .current_dir(root)
        .status()
        .map_err(|error| format!("error: cannot run cargo: {error}"))?;
    if !status.success() {
        return Err("error: the release build failed".to_owned());
    }
    let binary = root.join("target/release/xtask");
    let work = root.join("target/bench");

    println!(
        "\n| workload | operations | generation (median of {runs}) | peak memory | lines/op | bytes/op |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    let mut workloads: Vec<(String, PathBuf)> = vec![("real specs".to_owned(), root.join("spec"))];
    for size in sizes {
        let dir = work.join(format!("specs-{size}"));
        write_synthetic(root, *size, 1, &dir)?;
        workloads.push((format!("synthetic N = {size}"), dir));
    }
    let mut per_size = Vec::new();
    for (label, spec_dir) in &workloads {
        let out = work.join("out").join(label.replace([' ', '='], ""));
        let _ = std::fs::remove_dir_all(&out);
        let mut samples = Vec::new();
        for _ in 0..runs {
            samples.push(timed(
                Command::new(&binary)
                    .arg("generate")
                    .arg("--spec-dir")
                    .arg(spec_dir)
                    .arg("--out")
                    .arg(&out),
            )?);
        }
        let seconds = median(samples.iter().map(|s| s.seconds).collect());
        let peak = median(samples.iter().map(|s| s.peak_kib as f64).collect());
        let operations = operation_count(spec_dir)?;
        let (lines, bytes) = code_size(&out.join("nexudus-generated"));
        println!(
            "| {label} | {operations} | {seconds:.2} s | {:.0} MiB | {} | {} |",
            peak / 1024.0,
            lines / operations.max(1),
            bytes / operations.max(1)
        );
        per_size.push((operations, seconds));
    }
    if let (Some(thousand), Some(three)) = (
        per_size.iter().find(|(n, _)| *n == 1_000),
        per_size.iter().find(|(n, _)| *n == 3_000),
    ) {
        println!(
            "\n3,000 / 1,000 operations: {:.2}× the time",
            three.1 / thousand.1.max(1e-9)
        );
    }

    if args.compile || args.compile_runs.is_some() {
        self::compile(root, compile_runs)?;
    }
    Ok(())
}

/// The compile-time benchmark of `bench --compile` at 1,000 synthetic operations (seed 1):
/// `cargo check` and `cargo build` of the generated crate (all areas, and `spaces` only);
/// the floors, the same request structs as plain hand-written data with no derives, then
/// with `Debug`, with `Serialize` and with everything; and the ablation, what each generated
/// piece costs, measured by removing it from a copy of the crate. Dependencies are built
/// first, untimed; each figure is the median of `runs` runs, each after `cargo clean` of the
/// measured crate alone (what a user pays when the crate changes).
///
/// `XTASK_BENCH_ABLATIONS=builders,docs` (slugs of [`Ablation`]) measures only those ablations
/// and the full `cargo check` they are compared with, to repeat part of the table.
pub fn compile(root: &Path, runs: usize) -> Result<(), String> {
    let only: Option<Vec<String>> = std::env::var("XTASK_BENCH_ABLATIONS")
        .ok()
        .map(|list| list.split(',').map(|slug| slug.trim().to_owned()).collect());
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let work = root.join("target/bench");
    let spec_dir = work.join("specs-1000");
    write_synthetic(root, 1_000, 1, &spec_dir)?;
    let checked =
        nexudus_codegen::check_specs(&spec_dir).map_err(|diagnostics| diagnostics.to_string())?;
    let generated =
        nexudus_codegen::generate(&spec_dir).map_err(|diagnostics| diagnostics.to_string())?;
    let crates = work.join("compile");
    let _ = std::fs::remove_dir_all(&crates);
    let bench = CompileBench {
        cargo,
        target: work.join("crate-target"),
        runs,
    };

    let ours = crates.join("generated");
    write_generated_crate(root, &generated, &ours, None)?;
    // The client, its core, its runtime and its area crates: each is compiled again in every
    // measured run.
    let mut sample_packages = vec![
        "nexudus-sample".to_owned(),
        "nexudus-generated-core".to_owned(),
        "nexudus-generated-runtime".to_owned(),
    ];
    sample_packages.extend(
        generated
            .areas
            .iter()
            .map(|area| format!("nexudus-generated-{area}")),
    );
    println!("\nbuilding the dependencies (untimed)…");
    for args in [
        &["check"][..],
        &["build"],
        &["check", "--no-default-features"],
    ] {
        bench
            .cargo(&ours, args)
            .map_err(|error| format!("{error} (warming up)"))?;
    }

    println!(
        "\n| 1,000 operations | lines | command | time (median of {runs}) | CPU time | peak memory |"
    );
    println!("|---|---:|---|---:|---:|---:|");
    let lines = generated_lines(&ours)?;
    let mut full_check = None;
    // A crate built as a dependency is never compiled incrementally: the rows "as a
    // dependency" are what a downstream crate pays; the others, what a workspace member does.
    for (verb, area, incremental) in [
        ("check", None, true),
        ("check", None, false),
        ("check", Some("spaces"), true),
        ("check", Some("spaces"), false),
        ("build", None, true),
        ("build", None, false),
        ("build", Some("spaces"), true),
    ] {
        if only.is_some() && (verb, area, incremental) != ("check", None, true) {
            continue;
        }
        let mut args = vec![verb];
        if let Some(area) = area {
            args.extend(["--no-default-features", "--features", area]);
        }
        let figures = bench.measure(&ours, &sample_packages, &args, incremental)?;
        let features = area.map_or_else(|| "all 7 areas".to_owned(), |a| format!("`{a}` only"));
        let how = if incremental {
            ""
        } else {
            ", as a dependency (not incremental)"
        };
        println!(
            "| ours | {} | `cargo {verb}`, {features}{how} | {} |",
            thousands(lines),
            figures.cells()
        );
        if verb == "check" && area.is_none() && incremental {
            full_check = Some(figures);
        }
    }
    for floor in Floor::ALL.into_iter().filter(|_| only.is_none()) {
        let dir = crates.join(floor.package());
        let lines = write_floor_crate(root, &checked.api, floor, &dir)?;
        bench
            .cargo(&dir, &["check"])
            .map_err(|error| format!("{error} (warming up)"))?;
        let figures = bench.measure(&dir, &[floor.package().to_owned()], &["check"], true)?;
        println!(
            "| floor: {} | {} | `cargo check` | {} |",
            floor.label(),
            thousands(lines),
            figures.cells()
        );
    }

    let Some(full) = full_check else {
        return Ok(());
    };
    println!(
        "\n| `cargo check`, all areas, without | lines | time (median of {runs}) | saved | CPU time | saved | peak memory | saved |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| nothing (the generated crate) | {} | {:.1} s | | {:.1} s | | {:.0} MiB | |",
        thousands(lines),
        full.seconds,
        full.cpu_seconds,
        full.peak_mib
    );
    for ablation in Ablation::ALL.into_iter().filter(|ablation| {
        only.as_ref()
            .is_none_or(|only| only.iter().any(|slug| slug == ablation.slug()))
    }) {
        let dir = crates.join(format!("without-{}", ablation.slug()));
        write_generated_crate(root, &generated, &dir, Some(ablation))?;
        let lines = generated_lines(&dir)?;
        let figures = bench.measure(&dir, &sample_packages, &["check"], true)?;
        println!(
            "| {} | {} | {:.1} s | {:+.1} s | {:.1} s | {:+.1} s | {:.0} MiB | {:+.0} MiB |",
            ablation.label(),
            thousands(lines),
            figures.seconds,
            full.seconds - figures.seconds,
            figures.cpu_seconds,
            full.cpu_seconds - figures.cpu_seconds,
            figures.peak_mib,
            full.peak_mib - figures.peak_mib
        );
    }
    Ok(())
}

/// How the compile benchmark runs cargo: offline, in one target directory shared by every
/// measured crate so that their dependencies are built once.
struct CompileBench {
    cargo: String,
    target: PathBuf,
    runs: usize,
}

/// Medians of one measured command.
struct Figures {
    seconds: f64,
    cpu_seconds: f64,
    peak_mib: f64,
}

impl Figures {
    fn cells(&self) -> String {
        format!(
            "{:.1} s | {:.1} s | {:.0} MiB",
            self.seconds, self.cpu_seconds, self.peak_mib
        )
    }
}

impl CompileBench {
    fn command(&self, krate: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(&self.cargo);
        command
            .args(args)
            .arg("--offline")
            .arg("--quiet")
            .arg("--manifest-path")
            .arg(krate.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &self.target);
        command
    }

    fn cargo(&self, krate: &Path, args: &[&str]) -> Result<(), String> {
        let status = self
            .command(krate, args)
            .status()
            .map_err(|error| format!("error: cannot run cargo: {error}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!(
                "error: `cargo {}` of {} failed",
                args.join(" "),
                krate.display()
            ))
        }
    }

    /// `cargo ARGS` of `krate` (its packages `packages`), `runs` times from clean packages,
    /// compiled incrementally (as a workspace member is) or not (as a dependency is).
    fn measure(
        &self,
        krate: &Path,
        packages: &[String],
        args: &[&str],
        incremental: bool,
    ) -> Result<Figures, String> {
        let mut samples = Vec::new();
        for _ in 0..self.runs {
            let mut clean = vec!["clean"];
            for package in packages {
                clean.extend(["--package", package.as_str()]);
            }
            self.cargo(krate, &clean)?;
            let mut command = self.command(krate, args);
            command.env("CARGO_INCREMENTAL", if incremental { "1" } else { "0" });
            samples.push(timed(&mut command)?);
        }
        Ok(Figures {
            seconds: median(samples.iter().map(|s| s.seconds).collect()),
            cpu_seconds: median(samples.iter().map(|s| s.cpu_seconds).collect()),
            peak_mib: median(samples.iter().map(|s| s.peak_kib as f64).collect()) / 1024.0,
        })
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The generated crate with the hand-written runtime in `dir`, without one generated piece
/// when `ablation` says which.
fn write_generated_crate(
    root: &Path,
    generated: &nexudus_codegen::Generated,
    dir: &Path,
    ablation: Option<Ablation>,
) -> Result<(), String> {
    nexudus_codegen::testing::write_sample_crate(
        dir,
        generated,
        &root.join("nexudus-generated/src"),
        &root.join("Cargo.lock"),
    )
    .map_err(|error| format!("error: cannot write the bench crate: {error}"))?;
    let Some(ablation) = ablation else {
        return Ok(());
    };
    let files = generated_files(dir)?;
    // Records are named across crates (an area's record in the client's methods), so the
    // ablation of records learns them all before it rewrites any file.
    let mut records = std::collections::HashSet::new();
    for path in &files {
        let code = std::fs::read_to_string(path)
            .map_err(|error| format!("error: {}: {error}", path.display()))?;
        records.extend(record_names(&code));
    }
    for path in &files {
        // The areas' files hold the requests, builders and records, the client's the client
        // methods; the enums and the envelope are shared with the runtime and kept whole.
        let shared = path.ends_with("core/src/enums.rs")
            || path.ends_with("runtime/src/envelope.rs")
            || path.ends_with("src/generated/mod.rs");
        if shared && ablation != Ablation::Docs {
            continue;
        }
        let code = std::fs::read_to_string(path)
            .map_err(|error| format!("error: {}: {error}", path.display()))?;
        let stripped = ablation
            .apply(&code, &records)
            .map_err(|error| format!("error: {}: {error}", path.display()))?;
        std::fs::write(path, stripped)
            .map_err(|error| format!("error: {}: {error}", path.display()))?;
    }
    if ablation == Ablation::Docs {
        // The roots that deny missing docs: the client's, the core's and the runtime's `lib.rs`
        // are links to the workspace's own, so the copy without the lint replaces the link and
        // cannot change the real file; the areas' are generated files of the sample.
        let mut roots = vec![
            dir.join("src/lib.rs"),
            dir.join("core/src/lib.rs"),
            dir.join("runtime/src/lib.rs"),
        ];
        roots.extend(
            files
                .iter()
                .filter(|path| path.ends_with("src/lib.rs"))
                .cloned(),
        );
        for lib in roots {
            let code = std::fs::read_to_string(&lib).map_err(|error| error.to_string())?;
            std::fs::remove_file(&lib)
                .map_err(|error| format!("error: {}: {error}", lib.display()))?;
            std::fs::write(&lib, code.replace("#![deny(missing_docs)]", ""))
                .map_err(|error| format!("error: {}: {error}", lib.display()))?;
        }
    }
    Ok(())
}

/// The generated Rust files of the sample crate in `dir`: the client's generated modules,
/// the core's enums, the runtime's envelope and every area crate's sources.
fn generated_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = vec![
        dir.join("core/src/enums.rs"),
        dir.join("runtime/src/envelope.rs"),
    ];
    let mut pending = vec![dir.join("src/generated"), dir.join("areas")];
    while let Some(next) = pending.pop() {
        let entries = std::fs::read_dir(&next)
            .map_err(|error| format!("error: {}: {error}", next.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The lines of the sample's generated Rust files.
fn generated_lines(dir: &Path) -> Result<usize, String> {
    let mut lines = 0;
    for path in generated_files(dir)? {
        let code = std::fs::read_to_string(&path)
            .map_err(|error| format!("error: {}: {error}", path.display()))?;
        lines += code.lines().count();
    }
    Ok(lines)
}

/// The record structs of a generated file: those that derive `Deserialize` outright (a
/// request derives it only under the `deserialize` feature).
fn record_names(code: &str) -> Vec<syn::Ident> {
    syn::parse_file(code)
        .map(|file| {
            file.items
                .into_iter()
                .filter_map(|item| match item {
                    syn::Item::Struct(item) if derives(&item.attrs, "Deserialize") => {
                        Some(item.ident)
                    }
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// One generated piece the ablation removes, to measure what it costs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ablation {
    /// The bodies of the requests' `write_fields` (what their JSON and `Serialize` run).
    Serialization,
    /// `Debug` of requests, builders and records.
    Debug,
    /// `Clone`, `Copy`, `PartialEq`, `Eq` and `Hash` of requests, builders and records.
    CloneEq,
    /// The builder modules and `builder()`, typestate included.
    Builders,
    /// The `Client` methods.
    ClientMethods,
    /// The record structs; what names them then names `serde_json::Value`.
    Records,
    /// Every doc comment of the generated code.
    Docs,
}

impl Ablation {
    const ALL: [Self; 7] = [
        Self::Serialization,
        Self::Debug,
        Self::CloneEq,
        Self::Builders,
        Self::ClientMethods,
        Self::Records,
        Self::Docs,
    ];

    fn label(self) -> &'static str {
        match self {
            Self::Serialization => "serialization (`write_fields` bodies)",
            Self::Debug => "`Debug`",
            Self::CloneEq => "`Clone`, `PartialEq` (and `Copy`, `Eq`, `Hash`)",
            Self::Builders => "builders and their typestate",
            Self::ClientMethods => "client methods",
            Self::Records => "records (get/list answers as `serde_json::Value`)",
            Self::Docs => "docs",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Self::Serialization => "serialization",
            Self::Debug => "debug",
            Self::CloneEq => "clone-eq",
            Self::Builders => "builders",
            Self::ClientMethods => "client",
            Self::Records => "records",
            Self::Docs => "docs",
        }
    }

    /// The generated file `code` without this piece; `records` are the record structs of
    /// every file.
    fn apply(
        self,
        code: &str,
        records: &std::collections::HashSet<syn::Ident>,
    ) -> Result<String, String> {
        if self == Self::Docs {
            // prettyplease writes each doc line as `///` or `//!`, or as one `#[doc = "…"]`.
            return Ok(code
                .lines()
                .filter(|line| {
                    let line = line.trim_start();
                    !(line.starts_with("///")
                        || line.starts_with("//!")
                        || (line.starts_with("#[doc =") || line.starts_with("#![doc ="))
                            && line.ends_with(']'))
                })
                .map(|line| format!("{line}\n"))
                .collect());
        }
        let mut file = syn::parse_file(code).map_err(|error| error.to_string())?;
        file.items.retain(|item| match (self, item) {
            (Self::Builders, syn::Item::Mod(item)) => item.content.is_none(),
            (Self::ClientMethods, syn::Item::Impl(item)) => {
                quote_path(&item.self_ty) != "crate :: Client"
            }
            (Self::Records, syn::Item::Struct(item)) => !records.contains(&item.ident),
            // Requests implement these two through their `write_fields`, not by derive.
            (Self::Debug, syn::Item::Impl(item)) => !implements(item, "Debug"),
            (Self::CloneEq, syn::Item::Impl(item)) => !implements(item, "PartialEq"),
            _ => true,
        });
        let mut strip = Strip {
            ablation: self,
            records: records.clone(),
        };
        syn::visit_mut::VisitMut::visit_file_mut(&mut strip, &mut file);
        Ok(prettyplease::unparse(&file))
    }
}

/// Whether `item` is an impl of the trait `name` (by the last segment of its path).
fn implements(item: &syn::ItemImpl, name: &str) -> bool {
    item.trait_
        .as_ref()
        .and_then(|(path, _)| path.segments.last())
        .is_some_and(|segment| segment.ident == name)
}

fn quote_path(ty: &syn::Type) -> String {
    quote::ToTokens::to_token_stream(ty).to_string()
}

/// Whether `attrs` hold a plain `#[derive(…)]` naming `name`.
fn derives(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs
        .iter()
        .any(|attr| attr.path().is_ident("derive") && quote_path_of(attr).contains(name))
}

fn quote_path_of(attr: &syn::Attribute) -> String {
    quote::ToTokens::to_token_stream(&attr.meta).to_string()
}

/// The rest of an ablation: inside items and modules.
struct Strip {
    ablation: Ablation,
    records: std::collections::HashSet<syn::Ident>,
}

impl syn::visit_mut::VisitMut for Strip {
    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        let trait_name = item
            .trait_
            .as_ref()
            .and_then(|(path, _)| path.segments.last())
            .map(|segment| segment.ident.to_string());
        match self.ablation {
            Ablation::Serialization if trait_name.as_deref() == Some("WriteFields") => {
                for inner in &mut item.items {
                    if let syn::ImplItem::Fn(function) = inner {
                        function.block = syn::parse_quote!({
                            let _ = fields;
                        });
                        if let Some(syn::FnArg::Typed(argument)) = function.sig.inputs.iter_mut().nth(1) {
                            *argument.pat = syn::parse_quote!(fields);
                        }
                    }
                }
            }
            Ablation::Builders => item.items.retain(
                |inner| !matches!(inner, syn::ImplItem::Fn(function) if function.sig.ident == "builder"),
            ),
            _ => {}
        }
        syn::visit_mut::visit_item_impl_mut(self, item);
    }

    fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
        let removed: &[&str] = match self.ablation {
            Ablation::Debug => &["Debug"],
            Ablation::CloneEq => &["Clone", "Copy", "PartialEq", "Eq", "Hash"],
            _ => &[],
        };
        if !removed.is_empty() {
            for attr in &mut item.attrs {
                if !attr.path().is_ident("derive") {
                    continue;
                }
                let Ok(paths) = attr.parse_args_with(
                    syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
                ) else {
                    continue;
                };
                let kept: Vec<syn::Path> = paths
                    .into_iter()
                    .filter(|path| {
                        path.segments
                            .last()
                            .is_none_or(|last| !removed.iter().any(|name| last.ident == name))
                    })
                    .collect();
                *attr = syn::parse_quote!(#[derive(#(#kept),*)]);
            }
        }
        syn::visit_mut::visit_item_struct_mut(self, item);
    }

    fn visit_type_mut(&mut self, ty: &mut syn::Type) {
        if self.ablation == Ablation::Records
            && let syn::Type::Path(path) = ty
            && path.qself.is_none()
            && path
                .path
                .get_ident()
                .is_some_and(|name| self.records.contains(name))
        {
            *ty = syn::parse_quote!(::serde_json::Value);
            return;
        }
        syn::visit_mut::visit_type_mut(self, ty);
    }
}

/// A floor of the compile benchmark: the request structs of the same operations written by
/// hand as plain data, with no other code around them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Floor {
    Plain,
    Debug,
    Serialize,
    Everything,
}

impl Floor {
    const ALL: [Self; 4] = [Self::Plain, Self::Debug, Self::Serialize, Self::Everything];

    fn label(self) -> &'static str {
        match self {
            Self::Plain => "plain structs, no derives",
            Self::Debug => "`#[derive(Debug)]` only",
            Self::Serialize => "`#[derive(Serialize)]` only (renames, skip-if)",
            Self::Everything => "`#[derive(Debug, Clone, PartialEq, Serialize)]` and docs",
        }
    }

    fn package(self) -> &'static str {
        match self {
            Self::Plain => "floor-plain",
            Self::Debug => "floor-debug",
            Self::Serialize => "floor-serialize",
            Self::Everything => "floor-everything",
        }
    }
}

/// Writes the floor crate of `api` into `dir`; returns the lines of its code.
fn write_floor_crate(
    root: &Path,
    api: &nexudus_codegen::Api,
    floor: Floor,
    dir: &Path,
) -> Result<usize, String> {
    use nexudus_codegen::testing::FieldType;
    use std::fmt::Write as _;

    let serde = matches!(floor, Floor::Serialize | Floor::Everything);
    let docs = floor == Floor::Everything;
    let derive = match floor {
        Floor::Plain => "",
        Floor::Debug => "#[derive(Debug)]\n",
        Floor::Serialize => "#[derive(serde::Serialize)]\n",
        Floor::Everything => "#[derive(Debug, Clone, PartialEq, serde::Serialize)]\n",
    };
    let mut code =
        String::from("//! The compile benchmark's floor: request structs as plain data.\n");
    for operation in api
        .entities
        .iter()
        .flat_map(|entity| &entity.operations)
        .filter(|operation| !operation.kind.takes_id())
    {
        code.push('\n');
        if docs {
            let _ = writeln!(code, "#[doc = {:?}]", operation.summary);
        }
        let _ = writeln!(code, "{derive}pub struct {} {{", operation.type_name);
        for field in &operation.fields {
            if docs {
                let _ = writeln!(code, "    #[doc = {:?}]", field.description);
            }
            if serde {
                let mut attrs = vec![format!("rename = {:?}", field.json_name)];
                if !field.required {
                    attrs.push("skip_serializing_if = \"Option::is_none\"".to_owned());
                }
                let _ = writeln!(code, "    #[serde({})]", attrs.join(", "));
            }
            let value = match &field.ty {
                FieldType::String | FieldType::StringEnum(_) => "String",
                FieldType::Integer | FieldType::Enum(_) => "i64",
                FieldType::Number => "f64",
                FieldType::Boolean => "bool",
                FieldType::IntegerList => "Vec<i64>",
                FieldType::StringList => "Vec<String>",
                FieldType::DateTimeUtc => "jiff::Timestamp",
                FieldType::DateTimeLocal => "jiff::civil::DateTime",
            };
            let mut ty = value.to_owned();
            if field.nullable {
                ty = format!("Option<{ty}>");
            }
            if !field.required {
                ty = format!("Option<{ty}>");
            }
            let _ = writeln!(code, "    pub {}: {ty},", field.rust_name);
        }
        code.push_str("}\n");
    }
    let package = floor.package();
    let manifest = format!(
        r#"[package]
name = "{package}"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
jiff = {{ version = "1", features = ["serde"] }}
serde = {{ version = "1", features = ["derive"] }}
"#
    );
    let write = |path: PathBuf, text: &str| {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| format!("error: {}: {error}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|error| format!("error: {}: {error}", path.display()))
    };
    write(dir.join("Cargo.toml"), &manifest)?;
    write(dir.join("src/lib.rs"), &code)?;
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|error| format!("error: cannot copy Cargo.lock: {error}"))?;
    Ok(code.lines().count())
}
