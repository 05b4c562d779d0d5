//! `cargo xtask codegen` as a maintainer runs it, on a throwaway copy of the workspace
//! layout: bad specs exit non-zero and write nothing; good specs replace the generated files,
//! remove those whose spec is gone, and leave hand-written files alone.

#[path = "../../nexudus-codegen/tests/cases/mod.rs"]
mod cases;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    files
}

/// A copy of `spec/` and `nexudus-generated/` (sources and manifest) in a fresh directory.
fn scratch_root(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("nexudus-xtask-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    cases::copy_tree(&workspace().join("spec"), &root.join("spec"));
    cases::copy_tree(
        &workspace().join("nexudus-generated/src"),
        &root.join("nexudus-generated/src"),
    );
    for part in ["core", "runtime", "areas"] {
        cases::copy_tree(
            &workspace().join("nexudus-generated").join(part),
            &root.join("nexudus-generated").join(part),
        );
    }
    std::fs::copy(
        workspace().join("nexudus-generated/Cargo.toml"),
        root.join("nexudus-generated/Cargo.toml"),
    )
    .unwrap();
    std::fs::copy(workspace().join("Cargo.toml"), root.join("Cargo.toml")).unwrap();
    root
}

fn codegen(root: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("codegen")
        .args(extra)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

/// Every kind of mistake, written fresh into a copy of the workspace layout: the binary prints
/// exactly the located diagnostics, exits non-zero, and leaves every file byte-identical
/// (generated code, OpenAPI document, schema, hand-written runtime).
#[test]
fn every_kind_of_bad_spec_exits_non_zero_and_writes_nothing() {
    let all = cases::all();
    assert!(
        all.len() >= 20,
        "the cases are shared with the library tests"
    );
    for case in all {
        let root = scratch_root(&format!("case-{}", case.name));
        cases::add_to(&case, &root.join("spec"));
        let before = snapshot(&root);
        let output = codegen(&root, &[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(1),
            "case {}: {stderr}",
            case.name
        );
        assert_eq!(
            stderr,
            format!("{}\n", case.expected),
            "case {}: the printed diagnostics differ",
            case.name
        );
        assert!(
            output.stdout.is_empty(),
            "case {}: {}",
            case.name,
            String::from_utf8_lossy(&output.stdout)
        );
        assert!(
            snapshot(&root) == before,
            "case {}: a failed run wrote something",
            case.name
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}

#[test]
fn bad_specs_exit_non_zero_and_leave_every_file_byte_identical() {
    let root = scratch_root("bad");
    let notes = root.join("spec/spaces/coworkernotes.yaml");
    let text = std::fs::read_to_string(&notes).unwrap();
    std::fs::write(
        &notes,
        text.replacen("type: string", "type: strnig", 1).replacen(
            "method: POST",
            "method: SEND",
            1,
        ),
    )
    .unwrap();
    std::fs::write(root.join("spec/spaces/broken.yaml"), "entity: [unclosed\n").unwrap();
    let before = snapshot(&root);

    let output = codegen(&root, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("unknown field type `strnig`"), "{stderr}");
    assert!(stderr.contains("`SEND` is not an HTTP method"), "{stderr}");
    assert!(stderr.contains("--> spec/spaces/broken.yaml:"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(snapshot(&root) == before, "a failed run wrote something");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_good_run_removes_generated_files_whose_spec_is_gone_and_keeps_hand_written_ones() {
    let root = scratch_root("good");
    let src = root.join("nexudus-generated/src");
    let hand_written: BTreeMap<_, _> = snapshot(&src)
        .into_iter()
        .filter(|(path, _)| !path.starts_with("generated"))
        .collect();
    assert!(hand_written.contains_key(Path::new("mock.rs")));
    std::fs::remove_file(root.join("spec/spaces/coworkersettings.yaml")).unwrap();

    let check = codegen(&root, &["--check"]);
    assert!(!check.status.success(), "--check reports the stale file");
    assert!(
        root.join("nexudus-generated/areas/spaces/src/coworkersettings.rs")
            .exists(),
        "--check changes nothing"
    );

    let output = codegen(&root, &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        !root
            .join("nexudus-generated/areas/spaces/src/coworkersettings.rs")
            .exists()
    );
    assert!(
        stdout.contains("CreateCoworkerSetting"),
        "the change report names the removed operation:\n{stdout}"
    );
    let mod_rs =
        std::fs::read_to_string(root.join("nexudus-generated/areas/spaces/src/lib.rs")).unwrap();
    assert!(!mod_rs.contains("coworkersettings"));
    let after: BTreeMap<_, _> = snapshot(&src)
        .into_iter()
        .filter(|(path, _)| !path.starts_with("generated"))
        .collect();
    assert_eq!(after, hand_written, "hand-written files are never touched");
    // No temporary files are left behind by the atomic writes.
    assert!(
        snapshot(&root)
            .keys()
            .all(|path| !path.to_string_lossy().contains("codegen-tmp"))
    );

    let again = codegen(&root, &["--check"]);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    let _ = std::fs::remove_dir_all(&root);
}

/// Importing a page of a new area and running `cargo xtask codegen` works with no edit by
/// hand: the generator writes the area's feature into the manifest's block, and `--check`
/// then finds everything up to date.
#[test]
fn a_new_area_generates_with_no_edit_by_hand() {
    let root = scratch_root("new-area");
    // The checked-in specs have a billing area already: take it out, so it is new again.
    std::fs::remove_dir_all(root.join("spec/billing")).unwrap();
    let manifest = root.join("nexudus-generated/Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace("\"billing\", ", "")
            .replace("billing = [\"dep:nexudus-generated-billing\"]\n", "")
            .replace(" \"nexudus-generated-billing?/deserialize\",", "")
            .replace(
                "nexudus-generated-billing = { path = \"areas/billing\", version = \"=0.1.0\", optional = true }\n",
                "",
            ),
    )
    .unwrap();
    let import = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("import")
        .arg("--spec-dir")
        .arg(root.join("spec"))
        .arg(
            workspace().join("nexudus-codegen/tests/fixtures/pages/post-billing-lockerrentals.txt"),
        )
        .output()
        .unwrap();
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let output = codegen(&root, &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("changed nexudus-generated/Cargo.toml"),
        "{stdout}"
    );
    let manifest = std::fs::read_to_string(root.join("nexudus-generated/Cargo.toml")).unwrap();
    assert!(
        manifest.contains("\nbilling = [\"dep:nexudus-generated-billing\"]\n"),
        "{manifest}"
    );
    assert!(
        root.join("nexudus-generated/areas/billing/src/lockerrentals.rs")
            .exists()
    );
    let check = codegen(&root, &["--check"]);
    let _ = std::fs::remove_dir_all(&root);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

fn xtask(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn every_subcommand_prints_its_help_on_stdout_and_exits_0() {
    for command in [
        "codegen", "openapi", "import", "sync", "synth", "generate", "bench",
    ] {
        for flag in ["--help", "-h"] {
            let output = xtask(&[command, flag]);
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert_eq!(output.status.code(), Some(0), "{command} {flag}");
            assert!(
                stdout.contains(&format!("Usage: cargo xtask {command}")),
                "{command} {flag}:\n{stdout}"
            );
            assert!(output.stderr.is_empty(), "{command} {flag}");
        }
    }
    let top = xtask(&["--help"]);
    let stdout = String::from_utf8_lossy(&top.stdout);
    assert!(
        stdout.contains("3  the checked-in generated code is stale"),
        "{stdout}"
    );
    let version = xtask(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("cargo xtask "));
}

#[test]
fn a_misspelt_flag_is_named_with_a_suggestion_and_exits_2() {
    let output = xtask(&["codegen", "--chek"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("'--chek'"), "{stderr}");
    assert!(
        stderr.contains("a similar argument exists: '--check'"),
        "{stderr}"
    );
    let output = xtask(&["sync", "--stric"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("'--strict'"));
    let output = xtask(&["sync", "--jobs", "0"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn stale_generated_code_exits_3_and_spec_errors_exit_1() {
    let root = scratch_root("stale-exit");
    let generated = root.join("nexudus-generated/areas/spaces/src/coworkers.rs");
    let text = std::fs::read_to_string(&generated).unwrap();
    std::fs::write(&generated, text.replace("pub struct", "pub  struct")).unwrap();
    let output = codegen(&root, &["--check", "--color", "always"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("\u{1b}["),
        "--color always colours `error:`: {stderr}"
    );
    assert!(stderr.contains("is stale"), "{stderr}");

    std::fs::write(root.join("spec/spaces/broken.yaml"), "entity: [").unwrap();
    let output = codegen(&root, &["--check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        !stderr.contains("\u{1b}["),
        "no colour when not a terminal: {stderr}"
    );
    let _ = std::fs::remove_dir_all(&root);
}
