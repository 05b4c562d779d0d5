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
    let crate_manifest = std::fs::read_to_string(runtime_src.join("../Cargo.toml"))?;
    let workspace_manifest = std::fs::read_to_string(lock_file.with_file_name("Cargo.toml"))?;
    let manifest = manifest(&crate_manifest, &workspace_manifest, &generated.areas)
        .map_err(std::io::Error::other)?;
    std::fs::write(dir.join("Cargo.toml"), manifest)?;
    std::fs::copy(lock_file, dir.join("Cargo.lock"))?;
    Ok(())
}

/// The sample's manifest, made of the real ones rather than written out again: the client
/// crate's `[package]`, `[features]` (its block of area features rewritten for `areas`) and
/// `[dependencies]`, in a workspace of its own that carries the workspace's
/// `[workspace.package]` and `[workspace.dependencies]`, so every `….workspace = true` means
/// what it means in the real crate.
fn manifest(
    crate_manifest: &str,
    workspace_manifest: &str,
    areas: &[String],
) -> Result<String, String> {
    let mut out = String::from("[workspace]\n\n");
    for (header, text) in sections(workspace_manifest) {
        if matches!(header, "[workspace.package]" | "[workspace.dependencies]") {
            out.push_str(text);
        }
    }
    for (header, text) in sections(crate_manifest) {
        match header {
            "[package]" => {
                let renamed = text
                    .lines()
                    .map(|line| {
                        if line.starts_with("name = ") {
                            "name = \"nexudus-sample\"".to_owned()
                        } else {
                            line.to_owned()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                out.push_str(&renamed);
                out.push_str("\npublish = false\n\n");
            }
            "[features]" | "[dependencies]" => out.push_str(text),
            _ => {}
        }
    }
    crate::emit::features::with_area_features(&out, areas).map_err(|error| error.to_string())
}

/// The sections of a manifest, each with its `[header]` line and text (header included).
fn sections(manifest: &str) -> Vec<(&str, &str)> {
    let mut starts: Vec<usize> = Vec::new();
    let mut offset = 0;
    for line in manifest.split_inclusive('\n') {
        if line.starts_with('[') {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts
        .iter()
        .enumerate()
        .map(|(index, &start)| {
            let end = starts.get(index + 1).copied().unwrap_or(manifest.len());
            let text = &manifest[start..end];
            (text.lines().next().unwrap_or_default().trim(), text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_manifest_is_the_real_one_for_other_areas() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let crate_manifest =
            std::fs::read_to_string(root.join("nexudus-generated/Cargo.toml")).unwrap();
        let workspace_manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
        let areas = vec!["hr".to_owned(), "spaces".to_owned()];
        let sample = manifest(&crate_manifest, &workspace_manifest, &areas).unwrap();
        assert!(sample.starts_with("[workspace]\n"), "{sample}");
        assert!(sample.contains("name = \"nexudus-sample\"\n"), "{sample}");
        assert!(
            sample.contains("all-areas = [\"hr\", \"spaces\"]\nhr = []\nspaces = []\n")
                || sample.contains("all-areas = [\"hr\", \"spaces\"]\n# One feature"),
            "{sample}"
        );
        // The workspace's dependency table comes along, so `jiff.workspace = true` resolves.
        assert!(sample.contains("[workspace.dependencies]\n"), "{sample}");
        assert!(sample.contains("jiff.workspace = true"), "{sample}");
        assert!(!sample.contains("[dev-dependencies]"), "{sample}");
        assert!(
            !sample.contains("crm = []"),
            "the real specs' areas are replaced: {sample}"
        );
    }
}
