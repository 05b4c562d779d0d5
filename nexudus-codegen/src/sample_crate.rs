//! A stand-alone crate made of generated code and the hand-written runtime of
//! `nexudus-generated`, for compiling specs other than the checked-in ones (the compiled
//! sample of odd names, the synthetic workload of the benchmarks).

use std::path::Path;

/// Writes the crate into `dir`: `generated` (paths as [`crate::generate`] returns them), every
/// hand-written file of `runtime_src` (`nexudus-generated/src`), a manifest with one feature
/// per area (all default) and the workspace's lock file, so the same dependency versions are
/// used offline.
pub fn write(
    dir: &Path,
    generated: &crate::Generated,
    runtime_src: &Path,
    lock_file: &Path,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("src"))?;
    for entry in std::fs::read_dir(runtime_src)? {
        let path = entry?.path();
        if let (true, Some(name)) = (path.is_file(), path.file_name()) {
            std::fs::copy(&path, dir.join("src").join(name))?;
        }
    }
    for (path, code) in &generated.files {
        if let Some(inside) = path.strip_prefix("nexudus-generated/") {
            let target = dir.join(inside);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(target, code)?;
        }
    }
    std::fs::write(dir.join("Cargo.toml"), manifest(&generated.areas))?;
    std::fs::copy(lock_file, dir.join("Cargo.lock"))?;
    Ok(())
}

fn manifest(areas: &[String]) -> String {
    let defaults: Vec<String> = areas.iter().map(|area| format!("\"{area}\"")).collect();
    let features: String = areas.iter().map(|area| format!("{area} = []\n")).collect();
    format!(
        r#"[package]
name = "nexudus-sample"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[features]
default = [{defaults}]
{features}deserialize = []
blocking = []
mock = []

[dependencies]
erased-serde = "0.4"
jiff = {{ version = "1", features = ["serde"] }}
reqwest = {{ version = "0.13", default-features = false, features = ["json", "rustls", "form"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
serde_urlencoded = "0.7"
tokio = {{ version = "1", features = ["rt", "macros", "time", "sync"] }}
tracing = {{ version = "0.1", default-features = false, features = ["std"] }}
"#,
        defaults = defaults.join(", ")
    )
}
