//! Every API area is a cargo feature of `nexudus-generated`, on by default, so a user who
//! needs one area compiles only that area. The manifest is hand-written except for one marked
//! block inside `[features]` (the area features and `all-areas`, which `default` turns on), which the generator
//! owns: `cargo xtask codegen` rewrites it from the specs and `--check` compares it, so a page
//! of a new area imports and generates with no edit by hand.

use std::path::Path;

/// The manifest of the generated crate, relative to the workspace root.
pub const MANIFEST: &str = "nexudus-generated/Cargo.toml";

/// The comment line that opens the generator's block of area features.
pub const BEGIN: &str =
    "# @generated areas begin: written by `cargo xtask codegen` from spec/; do not edit";

/// The comment line that closes it.
pub const END: &str = "# @generated areas end";

/// The marked block for `areas` (sorted, each once): `all-areas` lists them all (the
/// hand-written `default` turns it on), one empty feature each.
pub fn area_block(areas: &[String]) -> String {
    let mut areas: Vec<&str> = areas.iter().map(String::as_str).collect();
    areas.sort_unstable();
    areas.dedup();
    let listed: Vec<String> = areas.iter().map(|area| format!("\"{area}\"")).collect();
    let mut block = format!("{BEGIN}\nall-areas = [{}]\n", listed.join(", "));
    block.push_str(
        "# One feature per API area, so a crate that needs one area compiles only that area.\n",
    );
    for area in areas {
        block.push_str(&format!("{area} = []\n"));
    }
    block.push_str(END);
    block.push('\n');
    block
}

/// `manifest` with its marked block replaced by the one `areas` give; an error naming the
/// line to add when the manifest has no (or a broken) block.
pub fn with_area_features(manifest: &str, areas: &[String]) -> Result<String, String> {
    let line_of = |wanted: &str| {
        let mut offset = 0;
        for (index, line) in manifest.split_inclusive('\n').enumerate() {
            if line.trim_end() == wanted {
                return Some((index + 1, offset, offset + line.len()));
            }
            offset += line.len();
        }
        None
    };
    let missing = || {
        format!(
            "{MANIFEST} has no block of area features for the generator to write: put these two lines under [features], in place of the area features (and make `default` turn on `all-areas`):\n{BEGIN}\n{END}"
        )
    };
    let (begin_line, begin, _) = line_of(BEGIN).ok_or_else(missing)?;
    let (end_line, _, end) = line_of(END).ok_or_else(|| {
        format!("{MANIFEST}:{begin_line}: the block of area features is not closed: add `{END}` after it")
    })?;
    if end < begin {
        return Err(format!(
            "{MANIFEST}:{end_line}: `{END}` comes before `{BEGIN}` (line {begin_line})"
        ));
    }
    let before = &manifest[..begin];
    let in_features = before
        .lines()
        .rfind(|line| line.trim_start().starts_with('['))
        .is_some_and(|line| line.trim() == "[features]");
    if !in_features {
        return Err(format!(
            "{MANIFEST}:{begin_line}: the block of area features must be inside [features]"
        ));
    }
    Ok(format!("{before}{}{}", area_block(areas), &manifest[end..]))
}

/// The manifest of the workspace at `root`, as read and as the specs' `areas` want it.
pub fn manifest_with_areas(root: &Path, areas: &[String]) -> Result<(String, String), String> {
    let manifest = std::fs::read_to_string(root.join(MANIFEST))
        .map_err(|error| format!("cannot read {MANIFEST}: {error}"))?;
    let wanted = with_area_features(&manifest, areas)?;
    Ok((manifest, wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn areas(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn the_block_is_rewritten_and_the_rest_kept_byte_for_byte() {
        let manifest = format!(
            "[package]\nname = \"x\"\n\n[features]\n{BEGIN}\nall-areas = [\"crm\"]\ncrm = []\n{END}\nmock = []\n\n[dependencies]\n"
        );
        let written = with_area_features(&manifest, &areas(&["spaces", "billing", "crm"])).unwrap();
        assert_eq!(
            written,
            format!(
                "[package]\nname = \"x\"\n\n[features]\n{BEGIN}\nall-areas = [\"billing\", \"crm\", \"spaces\"]\n# One feature per API area, so a crate that needs one area compiles only that area.\nbilling = []\ncrm = []\nspaces = []\n{END}\nmock = []\n\n[dependencies]\n"
            )
        );
        assert_eq!(
            with_area_features(&written, &areas(&["crm", "spaces", "billing"])).unwrap(),
            written,
            "a second run changes nothing"
        );
    }

    #[test]
    fn a_manifest_without_a_sound_block_is_refused_with_what_to_write() {
        let error = with_area_features("[features]\ncrm = []\n", &areas(&["crm"])).unwrap_err();
        assert!(error.contains(BEGIN) && error.contains(END), "{error}");
        let open = format!("[features]\n{BEGIN}\ncrm = []\n");
        assert!(
            with_area_features(&open, &areas(&["crm"]))
                .unwrap_err()
                .starts_with(&format!(
                    "{MANIFEST}:2: the block of area features is not closed"
                ))
        );
        let outside = format!("[package]\n{BEGIN}\n{END}\n[features]\n");
        assert!(
            with_area_features(&outside, &areas(&["crm"]))
                .unwrap_err()
                .contains("must be inside [features]")
        );
    }
}
