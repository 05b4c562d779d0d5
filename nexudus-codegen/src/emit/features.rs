//! Every API area is a cargo feature of `nexudus-generated`, on by default, that turns on the
//! area's crate, so a user who needs one area compiles only that area. The manifest is
//! hand-written except for two marked blocks, which the generator owns: inside `[features]`,
//! the area features, `all-areas` (which `default` turns on) and `deserialize` (forwarded to
//! the areas); inside `[dependencies]`, the area crates. `cargo xtask codegen` rewrites both
//! from the specs and `--check` compares them, so a page of a new area imports and generates
//! with no edit by hand.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::emit::area_crates::crate_name;

/// The manifest of the generated crate, relative to the workspace root.
pub const MANIFEST: &str = "nexudus-generated/Cargo.toml";

/// The workspace's manifest, whose version every crate of the client takes.
pub const WORKSPACE_MANIFEST: &str = "Cargo.toml";

/// The comment line that opens the generator's block of area features.
pub const BEGIN: &str =
    "# @generated areas begin: written by `cargo xtask codegen` from spec/; do not edit";

/// The comment line that closes it.
pub const END: &str = "# @generated areas end";

/// The comment line that opens the generator's block of area crates.
pub const CRATES_BEGIN: &str =
    "# @generated area crates begin: written by `cargo xtask codegen` from spec/; do not edit";

/// The comment line that closes it.
pub const CRATES_END: &str = "# @generated area crates end";

/// One block of the manifest that the generator writes.
struct Block {
    begin: &'static str,
    end: &'static str,
    /// The table the block belongs in.
    table: &'static str,
    /// What the block holds, for messages: "area features".
    holds: &'static str,
    /// How its marker lines start, to tell an edited marker line.
    marker: &'static str,
    /// Where to put the block when the manifest has none.
    placement: &'static str,
}

const FEATURES: Block = Block {
    begin: BEGIN,
    end: END,
    table: "[features]",
    holds: "area features",
    marker: "@generated areas",
    placement: "in place of the area features, and make `default` turn on `all-areas`",
};

const CRATES: Block = Block {
    begin: CRATES_BEGIN,
    end: CRATES_END,
    table: "[dependencies]",
    holds: "area crates",
    marker: "@generated area crates",
    placement: "in place of the area crates' dependencies",
};

/// The marked block of features for `areas` (sorted, each once): `all-areas` lists them all
/// (the hand-written `default` turns it on), one feature each that turns on the area's crate,
/// and `deserialize` for the core and every area that is on.
pub fn area_block(areas: &[String]) -> String {
    let areas = sorted(areas);
    let listed: Vec<String> = areas.iter().map(|area| format!("\"{area}\"")).collect();
    let mut block = format!("{BEGIN}\nall-areas = [{}]\n", listed.join(", "));
    block.push_str(
        "# One feature per API area, so a crate that needs one area compiles only that area.\n",
    );
    for area in &areas {
        block.push_str(&format!("{area} = [\"dep:{}\"]\n", crate_name(area)));
    }
    block.push_str(
        "# `Deserialize` for the request types (with `deny_unknown_fields`), for tools that read requests back.\n",
    );
    let mut forwarded = vec!["\"nexudus-generated-core/deserialize\"".to_owned()];
    forwarded.extend(
        areas
            .iter()
            .map(|area| format!("\"{}?/deserialize\"", crate_name(area))),
    );
    block.push_str(&format!("deserialize = [{}]\n", forwarded.join(", ")));
    block.push_str(END);
    block.push('\n');
    block
}

/// The marked block of dependencies on the area crates, at `version` exactly: the crates of
/// one release are built and published together.
pub fn crates_block(areas: &[String], version: &str) -> String {
    let mut block = format!("{CRATES_BEGIN}\n");
    for area in sorted(areas) {
        block.push_str(&format!(
            "{} = {{ path = \"areas/{area}\", version = \"={version}\", optional = true }}\n",
            crate_name(area)
        ));
    }
    block.push_str(CRATES_END);
    block.push('\n');
    block
}

fn sorted(areas: &[String]) -> Vec<&str> {
    let mut areas: Vec<&str> = areas.iter().map(String::as_str).collect();
    areas.sort_unstable();
    areas.dedup();
    areas
}

/// `manifest` with its marked blocks replaced by the ones `areas` give, the area crates at
/// `version`; an error at the line of a block (or of the broken marker) saying what to write
/// when the manifest has no block, or a broken one. (The workflow asks for the version only
/// once the blocks are found, through [`manifest_with_areas`].)
#[cfg(any(test, feature = "bench"))]
pub fn with_area_features(
    manifest: &str,
    areas: &[String],
    version: &str,
) -> Result<String, Box<Diagnostic>> {
    with_area_features_at(manifest, areas, || Ok(version.to_owned()))
}

/// [`with_area_features`] with the version asked for only once both blocks are found: a
/// manifest without them is told so before anything else is read.
fn with_area_features_at(
    manifest: &str,
    areas: &[String],
    version: impl FnOnce() -> Result<String, Box<Diagnostic>>,
) -> Result<String, Box<Diagnostic>> {
    // Both are found in the manifest as written, so that an error names the line to fix.
    let features = block_range(manifest, &FEATURES)?;
    let crates = block_range(manifest, &CRATES)?;
    let version = version()?;
    let mut blocks = [
        (features, area_block(areas)),
        (crates, crates_block(areas, &version)),
    ];
    blocks.sort_by_key(|(range, _)| range.start);
    let mut written = String::with_capacity(manifest.len() + 1024);
    let mut copied = 0;
    for (range, content) in blocks {
        written.push_str(&manifest[copied..range.start]);
        written.push_str(&content);
        copied = range.end;
    }
    written.push_str(&manifest[copied..]);
    Ok(written)
}

/// Where `block` is in `manifest`, from its first marker line to the end of its last.
fn block_range(manifest: &str, block: &Block) -> Result<std::ops::Range<usize>, Box<Diagnostic>> {
    let at = |line: usize, message: String, hint: String| {
        Box::new(
            Diagnostic::error(MANIFEST, manifest, line, usize::from(line > 0), message)
                .with_hint(hint),
        )
    };
    // (1-based line, byte offset of its start, of its end) of every marker line.
    let mut begins = Vec::new();
    let mut ends = Vec::new();
    let mut table_line = 0;
    let mut offset = 0;
    for (index, line) in manifest.split_inclusive('\n').enumerate() {
        let text = line.trim_end();
        let place = (index + 1, offset, offset + line.len());
        offset += line.len();
        if text.trim() == block.table && table_line == 0 {
            table_line = index + 1;
        }
        if text == block.begin {
            begins.push(place);
        } else if text == block.end {
            ends.push(place);
        } else if text.contains(block.marker) {
            let wanted = if text.contains("end") {
                block.end
            } else {
                block.begin
            };
            return Err(at(
                index + 1,
                format!(
                    "this line looks like a marker of the generator's block of {}, but is not exactly one",
                    block.holds
                ),
                format!("write it as `{wanted}`, on a line of its own"),
            ));
        }
    }
    let Some(&(begin_line, begin, _)) = begins.first() else {
        let (line, message) = if table_line == 0 {
            (
                0,
                format!(
                    "the manifest has no {} section, so no block of {} for the generator to write",
                    block.table, block.holds
                ),
            )
        } else {
            (
                table_line,
                format!(
                    "the manifest has no block of {} for the generator to write under {}",
                    block.holds, block.table
                ),
            )
        };
        return Err(at(
            line,
            message,
            format!(
                "put the lines `{}` and `{}` under {}, {}",
                block.begin, block.end, block.table, block.placement
            ),
        ));
    };
    if let Some(&(second, _, _)) = begins.get(1) {
        return Err(at(
            second,
            format!(
                "a second block of {} begins here (the first begins on line {begin_line})",
                block.holds
            ),
            "keep one block: remove this one down to its end marker".to_owned(),
        ));
    }
    let Some(&(end_line, _, end)) = ends.first() else {
        return Err(at(
            begin_line,
            format!(
                "the block of {} that begins here is not closed",
                block.holds
            ),
            format!(
                "add `{}` on a line of its own after the {}",
                block.end, block.holds
            ),
        ));
    };
    if let Some(&(second, _, _)) = ends.get(1) {
        return Err(at(
            second,
            format!(
                "a second end of the block of {} (the first is on line {end_line})",
                block.holds
            ),
            "keep one end marker".to_owned(),
        ));
    }
    if end_line < begin_line {
        return Err(at(
            end_line,
            format!(
                "`{}` comes before the block begins (line {begin_line})",
                block.end
            ),
            format!("move it after `{}` and the {}", block.begin, block.holds),
        ));
    }
    let before = &manifest[..begin];
    let in_table = before
        .lines()
        .rfind(|line| line.trim_start().starts_with('['))
        .is_some_and(|line| line.trim() == block.table);
    if !in_table {
        return Err(at(
            begin_line,
            format!(
                "the block of {} must be inside {}",
                block.holds, block.table
            ),
            format!(
                "move the block, with both its marker lines, under {}",
                block.table
            ),
        ));
    }
    Ok(begin..end)
}

/// The client crate's manifest in the workspace at `root`, as read and as the specs' `areas`
/// want it, the area crates at the client's version (its own, or the workspace's
/// `[workspace.package]` one that every crate of the client takes).
pub fn manifest_with_areas(
    root: &Path,
    areas: &[String],
) -> Result<(String, String), Box<Diagnostic>> {
    let read = |path: &str| {
        std::fs::read_to_string(root.join(path)).map_err(|error| {
            Box::new(Diagnostic::error(
                path,
                "",
                0,
                0,
                format!("cannot read the file: {error}"),
            ))
        })
    };
    let manifest = read(MANIFEST)?;
    let version = || match crate::report::manifest_version(&manifest) {
        Ok(version) => Ok(version.to_string()),
        Err(_) => {
            let workspace = read(WORKSPACE_MANIFEST)?;
            crate::report::manifest_version(&workspace)
                .map(|version| version.to_string())
                .map_err(|error| {
                    Box::new(
                        Diagnostic::error(WORKSPACE_MANIFEST, &workspace, 0, 0, error).with_hint(
                            "give the workspace a version under [workspace.package]: every crate of the client takes it".to_owned(),
                        ),
                    )
                })
        }
    };
    let wanted = with_area_features_at(&manifest, areas, version)?;
    Ok((manifest, wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn areas(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn the_blocks_are_rewritten_and_the_rest_kept_byte_for_byte() {
        let manifest = format!(
            "[package]\nname = \"x\"\n\n[features]\n{BEGIN}\nall-areas = [\"crm\"]\ncrm = []\n{END}\nmock = []\n\n[dependencies]\nserde = \"1\"\n{CRATES_BEGIN}\n{CRATES_END}\n"
        );
        let written =
            with_area_features(&manifest, &areas(&["spaces", "billing", "crm"]), "0.3.1").unwrap();
        assert_eq!(
            written,
            format!(
                "[package]\nname = \"x\"\n\n[features]\n{BEGIN}\nall-areas = [\"billing\", \"crm\", \"spaces\"]\n\
                 # One feature per API area, so a crate that needs one area compiles only that area.\n\
                 billing = [\"dep:nexudus-generated-billing\"]\ncrm = [\"dep:nexudus-generated-crm\"]\nspaces = [\"dep:nexudus-generated-spaces\"]\n\
                 # `Deserialize` for the request types (with `deny_unknown_fields`), for tools that read requests back.\n\
                 deserialize = [\"nexudus-generated-core/deserialize\", \"nexudus-generated-billing?/deserialize\", \"nexudus-generated-crm?/deserialize\", \"nexudus-generated-spaces?/deserialize\"]\n\
                 {END}\nmock = []\n\n[dependencies]\nserde = \"1\"\n{CRATES_BEGIN}\n\
                 nexudus-generated-billing = {{ path = \"areas/billing\", version = \"=0.3.1\", optional = true }}\n\
                 nexudus-generated-crm = {{ path = \"areas/crm\", version = \"=0.3.1\", optional = true }}\n\
                 nexudus-generated-spaces = {{ path = \"areas/spaces\", version = \"=0.3.1\", optional = true }}\n\
                 {CRATES_END}\n"
            )
        );
        assert_eq!(
            with_area_features(&written, &areas(&["crm", "spaces", "billing"]), "0.3.1").unwrap(),
            written,
            "a second run changes nothing"
        );
    }

    #[test]
    fn a_manifest_without_the_block_of_area_crates_is_told_where_to_put_it() {
        let manifest = format!("[features]\n{BEGIN}\n{END}\n\n[dependencies]\nserde = \"1\"\n");
        let error = with_area_features(&manifest, &areas(&["crm"]), "0.1.0").unwrap_err();
        assert_eq!(error.line, 5, "{error}");
        assert!(error.message.contains("no block of area crates"), "{error}");
        let shown = error.to_string();
        assert!(
            shown.contains(CRATES_BEGIN) && shown.contains(CRATES_END),
            "{shown}"
        );
    }

    #[test]
    fn a_manifest_without_a_sound_block_is_refused_at_the_line_to_fix() {
        let refused = |manifest: &str| {
            let error = with_area_features(manifest, &areas(&["crm"]), "0.1.0").unwrap_err();
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
