//! Every API area is a cargo feature of `nexudus-generated`, on by default, so a user who
//! needs one area compiles only that area. The manifest is hand-written except for one marked
//! block inside `[features]` (the area features and `all-areas`, which `default` turns on), which the generator
//! owns: `cargo xtask codegen` rewrites it from the specs and `--check` compares it, so a page
//! of a new area imports and generates with no edit by hand.

use std::path::Path;

use crate::diagnostics::Diagnostic;

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

/// `manifest` with its marked block replaced by the one `areas` give; an error at the line of
/// the block (or of the broken marker) saying what to write when the manifest has no block,
/// or a broken one.
pub fn with_area_features(manifest: &str, areas: &[String]) -> Result<String, Box<Diagnostic>> {
    let at = |line: usize, message: String, hint: String| {
        Box::new(
            Diagnostic::error(MANIFEST, manifest, line, usize::from(line > 0), message)
                .with_hint(hint),
        )
    };
    // (1-based line, byte offset of its start, of its end) of every marker line.
    let mut begins = Vec::new();
    let mut ends = Vec::new();
    let mut features_line = 0;
    let mut offset = 0;
    for (index, line) in manifest.split_inclusive('\n').enumerate() {
        let text = line.trim_end();
        let place = (index + 1, offset, offset + line.len());
        offset += line.len();
        if text.trim() == "[features]" && features_line == 0 {
            features_line = index + 1;
        }
        if text == BEGIN {
            begins.push(place);
        } else if text == END {
            ends.push(place);
        } else if text.contains("@generated areas") {
            let wanted = if text.contains("end") { END } else { BEGIN };
            return Err(at(
                index + 1,
                "this line looks like a marker of the generator's block of area features, but is not exactly one".to_owned(),
                format!("write it as `{wanted}`, on a line of its own"),
            ));
        }
    }
    let Some(&(begin_line, begin, _)) = begins.first() else {
        let (line, message) = if features_line == 0 {
            (
                0,
                "the manifest has no [features] section, so no block of area features for the generator to write",
            )
        } else {
            (
                features_line,
                "the manifest has no block of area features for the generator to write under [features]",
            )
        };
        return Err(at(
            line,
            message.to_owned(),
            format!(
                "put the lines `{BEGIN}` and `{END}` under [features], in place of the area features, and make `default` turn on `all-areas`"
            ),
        ));
    };
    if let Some(&(second, _, _)) = begins.get(1) {
        return Err(at(
            second,
            format!(
                "a second block of area features begins here (the first begins on line {begin_line})"
            ),
            "keep one block: remove this one down to its end marker".to_owned(),
        ));
    }
    let Some(&(end_line, _, end)) = ends.first() else {
        return Err(at(
            begin_line,
            "the block of area features that begins here is not closed".to_owned(),
            format!("add `{END}` on a line of its own after the area features"),
        ));
    };
    if let Some(&(second, _, _)) = ends.get(1) {
        return Err(at(
            second,
            format!("a second end of the block of area features (the first is on line {end_line})"),
            "keep one end marker".to_owned(),
        ));
    }
    if end_line < begin_line {
        return Err(at(
            end_line,
            format!("`{END}` comes before the block begins (line {begin_line})"),
            format!("move it after `{BEGIN}` and the area features"),
        ));
    }
    let before = &manifest[..begin];
    let in_features = before
        .lines()
        .rfind(|line| line.trim_start().starts_with('['))
        .is_some_and(|line| line.trim() == "[features]");
    if !in_features {
        return Err(at(
            begin_line,
            "the block of area features must be inside [features]".to_owned(),
            "move the block, with both its marker lines, under [features]".to_owned(),
        ));
    }
    Ok(format!("{before}{}{}", area_block(areas), &manifest[end..]))
}

/// The manifest of the workspace at `root`, as read and as the specs' `areas` want it.
pub fn manifest_with_areas(
    root: &Path,
    areas: &[String],
) -> Result<(String, String), Box<Diagnostic>> {
    let manifest = std::fs::read_to_string(root.join(MANIFEST)).map_err(|error| {
        Box::new(Diagnostic::error(
            MANIFEST,
            "",
            0,
            0,
            format!("cannot read the file: {error}"),
        ))
    })?;
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
    fn a_manifest_without_a_sound_block_is_refused_at_the_line_to_fix() {
        let refused = |manifest: &str| {
            let error = with_area_features(manifest, &areas(&["crm"])).unwrap_err();
            assert_eq!(error.file, MANIFEST, "{error}");
            (error.line, error.message.clone(), error.to_string())
        };
        let (line, _, shown) = refused("[package]\n\n[features]\ncrm = []\n");
        assert_eq!(line, 3, "{shown}");
        assert!(shown.contains(BEGIN) && shown.contains(END), "{shown}");
        assert!(shown.contains(&format!(" --> {MANIFEST}:3:1\n")), "{shown}");
        let (line, message, _) = refused(&format!("[features]\n{BEGIN}\ncrm = []\n"));
        assert_eq!(
            (line, message.as_str()),
            (
                2,
                "the block of area features that begins here is not closed"
            )
        );
        let (line, message, _) = refused(&format!("[package]\n{BEGIN}\n{END}\n[features]\n"));
        assert_eq!(
            (line, message.as_str()),
            (2, "the block of area features must be inside [features]")
        );
        let (line, message, _) = refused(&format!("[features]\n{END}\n{BEGIN}\n"));
        assert_eq!(line, 2, "{message}");
        // A marker someone edited is named at its line.
        let (line, message, _) = refused(&format!(
            "[features]\n{BEGIN}\ncrm = []\n  # @generated areas end (keep)\n"
        ));
        assert_eq!(line, 4, "{message}");
        assert!(message.contains("not exactly one"), "{message}");
        let (line, _, _) = refused(&format!("[features]\n{BEGIN}\n{END}\n{BEGIN}\n{END}\n"));
        assert_eq!(line, 4);
        let (line, _, _) = refused("[package]\nname = \"x\"\n");
        assert_eq!(line, 0);
    }
}
