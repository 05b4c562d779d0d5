//! `cargo xtask synth`, `cargo xtask generate` and `cargo xtask bench`: the scale workload and
//! the measurements of the generator and its output. Figures are medians of whole-process runs
//! (release build), timed with `/usr/bin/time`, which also gives the peak memory.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `synth --operations N --out DIR [--seed S]`
pub fn synth(root: &Path, args: &[String]) -> Result<(), String> {
    let usage = || "usage: cargo xtask synth --operations N --out DIR [--seed S]".to_owned();
    let mut operations = None;
    let mut out = None;
    let mut seed = 1;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let value = rest.next().ok_or_else(usage)?;
        match arg.as_str() {
            "--operations" => operations = Some(value.parse::<usize>().map_err(|_| usage())?),
            "--out" => out = Some(PathBuf::from(value)),
            "--seed" => seed = value.parse().map_err(|_| usage())?,
            _ => return Err(usage()),
        }
    }
    let (operations, out) = (operations.ok_or_else(usage)?, out.ok_or_else(usage)?);
    let files = write_synthetic(root, operations, seed, &out)?;
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
pub fn generate(args: &[String]) -> Result<(), String> {
    let usage = || "usage: cargo xtask generate --spec-dir DIR --out DIR".to_owned();
    let (mut spec_dir, mut out) = (None, None);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let value = PathBuf::from(rest.next().ok_or_else(usage)?);
        match arg.as_str() {
            "--spec-dir" => spec_dir = Some(value),
            "--out" => out = Some(value),
            _ => return Err(usage()),
        }
    }
    let (spec_dir, out) = (spec_dir.ok_or_else(usage)?, out.ok_or_else(usage)?);
    let generated =
        nexudus_codegen::generate(&spec_dir).map_err(|diagnostics| diagnostics.to_string())?;
    std::fs::create_dir_all(&out).map_err(|error| format!("error: {}: {error}", out.display()))?;
    nexudus_codegen::write_to_disk(&out, &generated.files, false)
        .map_err(|error| format!("error: cannot write: {error}"))?;
    Ok(())
}

struct Sample {
    seconds: f64,
    peak_kib: u64,
}

/// Runs `command` under `/usr/bin/time` and reads its elapsed time and peak memory.
fn timed(command: &mut Command) -> Result<Sample, String> {
    let mut timed = Command::new("/usr/bin/time");
    timed
        .arg("-f")
        .arg("@@%e %M")
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
    let (seconds, peak) = line.split_once(' ').ok_or("bad timing output")?;
    Ok(Sample {
        seconds: seconds.parse().map_err(|_| "bad time")?,
        peak_kib: peak.trim().parse().map_err(|_| "bad memory")?,
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

/// `bench [--runs R] [--compile]`
pub fn bench(root: &Path, args: &[String]) -> Result<(), String> {
    let usage = || {
        "usage: cargo xtask bench [--runs R] [--quick] [--compile] [--compile-runs R]".to_owned()
    };
    let (mut runs, mut compile, mut sizes) = (5usize, false, vec![100usize, 1_000, 3_000]);
    let mut compile_runs = 3usize;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--runs" => runs = rest.next().and_then(|v| v.parse().ok()).ok_or_else(usage)?,
            "--quick" => {
                runs = 3;
                sizes = vec![100, 1_000];
            }
            "--compile" => compile = true,
            "--compile-runs" => {
                compile = true;
                compile_runs = rest
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|&r| r > 0)
                    .ok_or_else(usage)?;
            }
            _ => return Err(usage()),
        }
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
    for size in &sizes {
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

    if compile {
        compile_bench(root, &cargo, &work, compile_runs)?;
    }
    Ok(())
}

/// `cargo check` and `cargo build` of the generated crate at 1,000 operations, all areas and
/// one area, with dependencies already built (what a user pays when the crate changes):
/// medians of `runs` runs, each after `cargo clean` of the crate alone.
fn compile_bench(root: &Path, cargo: &str, work: &Path, runs: usize) -> Result<(), String> {
    let spec_dir = work.join("specs-1000");
    write_synthetic(root, 1_000, 1, &spec_dir)?;
    let generated =
        nexudus_codegen::generate(&spec_dir).map_err(|diagnostics| diagnostics.to_string())?;
    let krate = work.join("crate-1000");
    let _ = std::fs::remove_dir_all(&krate);
    nexudus_codegen::testing::write_sample_crate(
        &krate,
        &generated,
        &root.join("nexudus-generated/src"),
        &root.join("Cargo.lock"),
    )
    .map_err(|error| format!("error: cannot write the bench crate: {error}"))?;
    let target = work.join("crate-target");
    let manifest = krate.join("Cargo.toml");
    let cargo_in = |args: &[&str]| {
        let mut command = Command::new(cargo);
        command
            .args(args)
            .arg("--offline")
            .arg("--quiet")
            .arg("--manifest-path")
            .arg(&manifest)
            .env("CARGO_TARGET_DIR", &target);
        command
    };
    println!("\n| cargo, 1,000 operations | features | time (median of {runs}) | peak memory |");
    println!("|---|---|---:|---:|");
    for (verb, features) in [
        ("check", None),
        ("check", Some("spaces")),
        ("build", None),
        ("build", Some("spaces")),
    ] {
        let mut feature_args = vec![verb];
        if let Some(area) = features {
            feature_args.extend(["--no-default-features", "--features", area]);
        }
        // Dependencies first, untimed; then the crate alone.
        let warm = cargo_in(&feature_args)
            .status()
            .map_err(|error| error.to_string())?;
        if !warm.success() {
            return Err(format!("error: cargo {verb} of the bench crate failed"));
        }
        let mut samples = Vec::new();
        for _ in 0..runs {
            let clean = cargo_in(&["clean", "--package", "nexudus-sample"])
                .status()
                .map_err(|e| e.to_string())?;
            if !clean.success() {
                return Err("error: cargo clean failed".to_owned());
            }
            samples.push(timed(&mut cargo_in(&feature_args))?);
        }
        let seconds = median(samples.iter().map(|s| s.seconds).collect());
        let peak = median(samples.iter().map(|s| s.peak_kib as f64).collect());
        println!(
            "| cargo {verb} | {} | {seconds:.1} s | {:.0} MiB |",
            features.map_or_else(|| "all 7 areas".to_owned(), |area| format!("`{area}` only")),
            peak / 1024.0
        );
    }
    Ok(())
}
