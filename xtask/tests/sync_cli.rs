//! `cargo xtask sync` as a maintainer runs it, against a docs site on 127.0.0.1 and a
//! throwaway copy of the workspace layout: the summary line, a located warning for a page that
//! cannot be fetched, the imported spec, a rerun that finds every page unchanged, and
//! `--strict` refusing to import when a page failed; a page whose spec does not validate is a
//! located warning and a line of the change report (and, under `--strict`, a failure naming it).

#[path = "../../nexudus-codegen/tests/cases/mod.rs"]
mod cases;
#[path = "../../nexudus-codegen/tests/support/docs_server.rs"]
mod docs_server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use docs_server::DocsServer;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        workspace()
            .join("nexudus-codegen/tests/fixtures/pages")
            .join(name),
    )
    .unwrap()
}

/// `spec/` and the generated crate's manifest and sources, in a fresh directory.
fn scratch_workspace(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nexudus-sync-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    cases::copy_tree(&workspace().join("spec"), &dir.join("spec"));
    cases::copy_tree(
        &workspace().join("nexudus-generated/src"),
        &dir.join("nexudus-generated/src"),
    );
    for part in ["core", "runtime", "areas"] {
        cases::copy_tree(
            &workspace().join("nexudus-generated").join(part),
            &dir.join("nexudus-generated").join(part),
        );
    }
    std::fs::copy(
        workspace().join("nexudus-generated/Cargo.toml"),
        dir.join("nexudus-generated/Cargo.toml"),
    )
    .unwrap();
    std::fs::copy(workspace().join("Cargo.toml"), dir.join("Cargo.toml")).unwrap();
    dir
}

fn sync(server: &DocsServer, root: &Path, extra: &[&str]) -> (Output, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("sync")
        .args(["--docs", server.base_url(), "--quiet"])
        .arg("--spec-dir")
        .arg(root.join("spec"))
        .arg("--cache")
        .arg(root.join("cache"))
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output, stdout, stderr)
}

fn desk_site() -> DocsServer {
    let server = DocsServer::start();
    server.page(
        "/llms.txt",
        "# Nexudus\n\n\
         - [Get Desk](https://learn.nexudus.com/rest-api/spaces/get-desks-by-id.md): One desk.\n\
         - [Delete Desk](/rest-api/spaces/delete-desks-by-id.md): Delete a desk.\n\
         - [Missing](/rest-api/spaces/get-nothings.md): Not there.\n",
    );
    server.page(
        "/rest-api/spaces/get-desks-by-id.md",
        &fixture("get-spaces-desks-by-id.txt"),
    );
    server.page(
        "/rest-api/spaces/delete-desks-by-id.md",
        &fixture("delete-spaces-desks-by-id.txt"),
    );
    server
}

#[test]
fn sync_fetches_imports_and_a_rerun_finds_every_page_unchanged() {
    let server = desk_site();
    let root = scratch_workspace("rerun");

    let (output, stdout, stderr) = sync(&server, &root, &[]);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("sync: pages fetched 2 / unchanged 0 / failed 1"),
        "{stdout}"
    );
    assert!(
        stderr.contains(&format!(
            "warning: get-spaces-nothings.md (llms.txt:5, {}): HTTP 404 Not Found (1 attempt); left out",
            server.url("/rest-api/spaces/get-nothings.md")
        )),
        "{stderr}"
    );
    let desks = std::fs::read_to_string(root.join("spec/spaces/desks.yaml")).unwrap();
    assert!(desks.contains("get-spaces-desks-by-id.md"), "{desks}");
    assert!(desks.contains("delete-spaces-desks-by-id.md"), "{desks}");
    // Generation ran on the scratch workspace: the new entity has its generated module.
    let generated =
        std::fs::read_to_string(root.join("nexudus-generated/areas/spaces/src/desks.rs"))
            .unwrap_or_default();
    assert!(generated.contains("pub struct Desk"), "{stdout}");

    server.reset_counts();
    let (output, stdout, stderr) = sync(&server, &root, &[]);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("sync: pages fetched 0 / unchanged 2 / failed 1"),
        "{stdout}"
    );
    assert_eq!(
        server.body_bytes_sent(),
        "not found".len(),
        "only the 404 has a body"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("spec/spaces/desks.yaml")).unwrap(),
        desks
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn strict_refuses_to_import_when_a_page_failed() {
    let server = desk_site();
    let root = scratch_workspace("strict");
    let (output, stdout, stderr) = sync(&server, &root, &["--strict"]);
    let desks_written = root.join("spec/spaces/desks.yaml").exists();
    let _ = std::fs::remove_dir_all(&root);
    assert!(!output.status.success(), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("error: --strict: 1 page(s) were left out and 0 index line(s) unusable; nothing was written"),
        "{stderr}"
    );
    assert!(!desks_written);
}

/// The desks site plus the real copy of the coworkers update page, which ends before its `Id`
/// field: its spec does not validate.
fn site_with_an_invalid_page() -> DocsServer {
    let server = desk_site();
    server.page(
        "/llms.txt",
        "# Nexudus\n\n\
         - [Get Desk](/rest-api/spaces/get-desks-by-id.md): One desk.\n\
         - [Update Coworker](/rest-api/spaces/put-coworkers.md): Cut before its Id.\n",
    );
    let cut = std::fs::read_to_string(
        workspace().join("nexudus-codegen/tests/fixtures/mdx-cut/put-spaces-coworkers.md"),
    )
    .unwrap();
    server.page("/rest-api/spaces/put-coworkers.md", &cut);
    server
}

#[test]
fn a_page_whose_spec_does_not_validate_is_a_located_warning_and_in_the_report() {
    let server = site_with_an_invalid_page();
    let root = scratch_workspace("invalid");
    let coworkers = std::fs::read(root.join("spec/spaces/coworkers.yaml")).unwrap();
    let report = root.join("report.md");
    let (output, stdout, stderr) = sync(
        &server,
        &root,
        &["--report", report.to_str().expect("a UTF-8 path")],
    );
    let report = std::fs::read_to_string(&report).unwrap_or_default();
    let after = std::fs::read(root.join("spec/spaces/coworkers.yaml")).unwrap();
    let desks = root.join("spec/spaces/desks.yaml").exists();
    let _ = std::fs::remove_dir_all(&root);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("sync: pages fetched 1 / unchanged 0 / failed 1"),
        "{stdout}"
    );
    assert!(
        stderr.contains("warning: put-spaces-coworkers.md:1: an update page without an `Id` field"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "warning: put-spaces-coworkers.md (llms.txt:4, {}): the spec it gives does not validate",
            server.url("/rest-api/spaces/put-coworkers.md")
        )) && stderr.contains("update operation `UpdateCoworker` has no `Id` field"),
        "{stderr}"
    );
    assert!(desks, "the good page is synced");
    assert!(after == coworkers, "the bad page's spec changed");
    assert!(
        report.contains("## Pages left out") && report.contains("put-spaces-coworkers.md"),
        "{report}"
    );
}

#[test]
fn strict_fails_naming_a_page_whose_spec_does_not_validate() {
    let server = site_with_an_invalid_page();
    let root = scratch_workspace("invalid-strict");
    let (output, stdout, stderr) = sync(&server, &root, &["--strict"]);
    let desks = root.join("spec/spaces/desks.yaml").exists();
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("(left out: put-spaces-coworkers.md)"),
        "{stderr}"
    );
    assert!(!desks, "a failed run writes nothing");
}
