//! A stand-alone crate made of generated code and the hand-written runtime of
//! `nexudus-generated`, for compiling specs other than the checked-in ones (the compiled
//! sample of odd names, the synthetic workload of the benchmarks).

use std::path::Path;

/// The hand-written crates beside `nexudus-generated/src`, which the sample has beside its own
/// root too: the core the areas build on and the HTTP runtime.
const SIDE_CRATES: [&str; 2] = ["core", "runtime"];

/// Writes the crate into `dir`, laid out as `nexudus-generated/` is: `generated` (paths as
/// [`crate::pipeline::generate`] returns them: the client's generated modules, the core's enums,
/// the runtime's envelope, the area crates), the hand-written part of `client_src`
/// (`nexudus-generated/src`: everything but `generated/`) and of the core and runtime crates
/// beside it linked rather than copied, so the sample always compiles the hand-written code as
/// it is, manifests with one feature per area (all default) and the workspace's lock file, so
/// the same dependency versions are used offline.
pub fn write(
    dir: &Path,
    generated: &crate::pipeline::Generated,
    client_src: &Path,
    lock_file: &Path,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("src"))?;
    let mut links = Vec::new();
    for entry in std::fs::read_dir(client_src)? {
        let name = entry?.file_name();
        if name != "generated" {
            links.push((client_src.join(&name), dir.join("src").join(&name)));
        }
    }
    for side in SIDE_CRATES {
        let original = client_src.join("..").join(side);
        std::fs::create_dir_all(dir.join(side).join("src"))?;
        links.push((
            original.join("Cargo.toml"),
            dir.join(side).join("Cargo.toml"),
        ));
        for entry in std::fs::read_dir(original.join("src"))? {
            let name = entry?.file_name();
            let inside = format!("{side}/src/{}", name.to_string_lossy());
            if !generated
                .files
                .contains_key(&format!("nexudus-generated/{inside}"))
            {
                links.push((original.join("src").join(&name), dir.join(inside)));
            }
        }
    }
    for (original, link) in links {
        if link.symlink_metadata().is_ok() {
            std::fs::remove_file(&link)?;
        }
        std::os::unix::fs::symlink(original, link)?;
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
    let crate_manifest = std::fs::read_to_string(client_src.join("../Cargo.toml"))?;
    let workspace_manifest = std::fs::read_to_string(lock_file.with_file_name("Cargo.toml"))?;
    let manifest = manifest(&crate_manifest, &workspace_manifest, &generated.areas)
        .map_err(std::io::Error::other)?;
    std::fs::write(dir.join("Cargo.toml"), manifest)?;
    std::fs::copy(lock_file, dir.join("Cargo.lock"))?;
    Ok(())
}

/// The sample's manifest, made of the real ones rather than written out again: the client
/// crate's `[package]`, `[features]` (its blocks of area features and crates rewritten for
/// `areas`) and `[dependencies]`, at the root of a workspace of its own (the core and the
/// area crates its members) that carries the workspace's `[workspace.package]` and
/// `[workspace.dependencies]`, so every `….workspace = true` means what it means in the real
/// crates.
fn manifest(
    crate_manifest: &str,
    workspace_manifest: &str,
    areas: &[String],
) -> Result<String, String> {
    let mut out = String::from("[workspace]\nmembers = [\"core\", \"runtime\", \"areas/*\"]\n\n");
    for (header, text) in sections(workspace_manifest) {
        if matches!(header, "[workspace.package]" | "[workspace.dependencies]") {
            // The core and the runtime are beside the sample's root, as they are beside
            // `nexudus-generated`'s.
            let mut text = text.to_owned();
            for side in SIDE_CRATES {
                text = text.replace(
                    &format!("path = \"nexudus-generated/{side}\""),
                    &format!("path = \"{side}\""),
                );
            }
            out.push_str(&text);
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
    let version = crate::report::manifest_version(workspace_manifest)?;
    crate::emit::features::with_area_features(&out, areas, &version.to_string())
        .map_err(|error| error.to_string())
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
            sample.contains("all-areas = [\"hr\", \"spaces\"]\n# One feature"),
            "{sample}"
        );
        assert!(
            sample.contains("hr = [\"dep:nexudus-generated-hr\"]\n"),
            "{sample}"
        );
        assert!(
            sample.contains("nexudus-generated-hr = { path = \"areas/hr\", version = \"=0.1.0\""),
            "{sample}"
        );
        assert!(
            sample.contains("members = [\"core\", \"runtime\", \"areas/*\"]"),
            "{sample}"
        );
        assert!(
            sample.contains("nexudus-generated-core = { path = \"core\""),
            "{sample}"
        );
        assert!(
            sample.contains("nexudus-generated-runtime = { path = \"runtime\""),
            "{sample}"
        );
        // The workspace's dependency table comes along, so `jiff.workspace = true` resolves.
        assert!(sample.contains("[workspace.dependencies]\n"), "{sample}");
        assert!(sample.contains("jiff.workspace = true"), "{sample}");
        assert!(!sample.contains("[dev-dependencies]"), "{sample}");
        assert!(
            !sample.contains("crm = ["),
            "the real specs' areas are replaced: {sample}"
        );
    }
}
