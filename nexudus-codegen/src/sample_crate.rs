//! A stand-alone crate made of generated code and the hand-written runtime of
//! `nexudus-generated`, for compiling specs other than the checked-in ones (the compiled
//! sample of odd names, the synthetic workload of the benchmarks).

use std::path::Path;

/// Writes the crate into `dir`: `generated` (paths as [`crate::pipeline::generate`] returns them), the
/// hand-written part of `runtime_src` (`nexudus-generated/src`: its `lib.rs` and `runtime/`)
/// linked rather than copied, so the sample always compiles the runtime as it is, a manifest
/// with one feature per area (all default) and the workspace's lock file, so the same
/// dependency versions are used offline.
pub fn write(
    dir: &Path,
    generated: &crate::pipeline::Generated,
    runtime_src: &Path,
    lock_file: &Path,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("src"))?;
    for name in ["lib.rs", "runtime"] {
        let link = dir.join("src").join(name);
        if link.symlink_metadata().is_ok() {
            std::fs::remove_file(&link)?;
        }
        std::os::unix::fs::symlink(runtime_src.join(name), link)?;
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
default = [{defaults}, "rustls-ring"]
{features}deserialize = []
rustls-ring = ["reqwest/rustls-no-provider", "dep:rustls", "rustls/ring"]
rustls-aws-lc = ["reqwest/rustls"]
native-tls = ["reqwest/native-tls"]
blocking = ["tokio/rt"]
mock = ["tokio/net", "tokio/io-util"]

[dependencies]
erased-serde = "0.4"
futures-core = "0.3"
hyper = {{ version = "1", default-features = false, features = ["client", "http1"] }}
jiff = {{ version = "1", features = ["serde"] }}
reqwest = {{ version = "0.13", default-features = false, features = ["json", "form"] }}
rustls = {{ version = "0.23", default-features = false, features = ["std", "tls12"], optional = true }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
serde_urlencoded = "0.7"
tokio = {{ version = "1", features = ["rt", "macros", "time", "sync"] }}
tracing = {{ version = "0.1", default-features = false, features = ["std"] }}
"#,
        defaults = defaults.join(", ")
    )
}
