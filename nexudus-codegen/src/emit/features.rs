//! Every API area is a cargo feature of `nexudus-generated`, on by default, so a user who
//! needs one area compiles only that area. The manifest is hand-written; this check keeps
//! it in step with the specs.

use std::path::Path;

/// The manifest of the generated crate, relative to the workspace root.
pub const MANIFEST: &str = "nexudus-generated/Cargo.toml";

/// Fails with an actionable message when an area has no feature or is not on by default.
pub fn check_area_features(root: &Path, areas: &[String]) -> Result<(), String> {
    let manifest = std::fs::read_to_string(root.join(MANIFEST))
        .map_err(|error| format!("cannot read {MANIFEST}: {error}"))?;
    let missing = missing_area_features(&manifest, areas);
    if missing.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = missing.iter().map(|area| format!("{area} = []")).collect();
    Err(format!(
        "{MANIFEST} lacks a default-on feature for the API area(s) {}; add under [features]:\n{}\nand list them in `default`",
        missing.join(", "),
        lines.join("\n")
    ))
}

/// The areas without a `[features]` entry, or missing from `default`.
pub fn missing_area_features<'a>(manifest: &str, areas: &'a [String]) -> Vec<&'a str> {
    let mut in_features = false;
    let mut declared = Vec::new();
    let mut default = String::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_features = line == "[features]";
            continue;
        }
        if !in_features {
            continue;
        }
        if let Some((key, value)) = line.split_once('=') {
            let key = key.trim();
            if key == "default" {
                default = value.to_owned();
            } else {
                declared.push(key.to_owned());
            }
        }
    }
    areas
        .iter()
        .filter(|area| {
            !declared.iter().any(|d| d == *area) || !default.contains(&format!("\"{area}\""))
        })
        .map(String::as_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_areas_without_a_default_feature() {
        let manifest =
            "[package]\nname = \"x\"\n\n[features]\ndefault = [\"crm\"]\ncrm = []\nspaces = []\n";
        let areas = vec!["crm".to_owned(), "spaces".to_owned(), "billing".to_owned()];
        assert_eq!(
            missing_area_features(manifest, &areas),
            ["spaces", "billing"]
        );
    }
}
