//! `workflow::sync` end to end against a docs site on 127.0.0.1: an index of pages in both
//! shapes (Markdown source and rendered text), one missing, one throttled once, one
//! malformed, one that never answers, and one that changes between runs. The second run's
//! report is exactly that change; a third run downloads nothing and changes nothing; the same
//! pages in the other shape give the same specs. A page whose spec does not validate is left
//! out on its own (the run fails under `--strict`), and pages that end before their role take
//! their entity from a page of the run that states it, or are left out, located.

mod cases;
#[path = "support/docs_server.rs"]
mod docs_server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use docs_server::{DocsServer, Route};
use nexudus_codegen::report::{Impact, Section};
use nexudus_codegen::workflow::codegen::Baseline;
use nexudus_codegen::workflow::sync::{self, Failure, Outcome, Request};
use nexudus_codegen::{FetchOptions, HttpSettings, ProgressMode};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture(dir: &str, name: &str) -> String {
    std::fs::read_to_string(
        workspace()
            .join("nexudus-codegen/tests/fixtures")
            .join(dir)
            .join(name),
    )
    .unwrap()
}

/// The REST pages of the site: where each is served, its Markdown source and its rendered text.
const PAGES: &[(&str, &str, &str)] = &[
    (
        "/rest-api/billing/post-lockerrentals.md",
        "post-billing-lockerrentals.md",
        "post-billing-lockerrentals.txt",
    ),
    (
        "/rest-api/billing/put-lockerrentals.md",
        "put-billing-lockerrentals.md",
        "put-billing-lockerrentals.txt",
    ),
    (
        "/rest-api/billing/get-lockerrentals-by-id.md",
        "get-billing-lockerrentals-by-id.md",
        "get-billing-lockerrentals-id.txt",
    ),
    (
        "/rest-api/billing/get-lockerrentals.md",
        "get-billing-lockerrentals.md",
        "get-billing-lockerrentals.txt",
    ),
    (
        "/rest-api/billing/delete-lockerrentals-by-id.md",
        "delete-billing-lockerrentals-by-id.md",
        "delete-billing-lockerrentals-id.txt",
    ),
    (
        "/rest-api/spaces/get-desks-by-id.md",
        "get-spaces-desks-by-id.md",
        "get-spaces-desks-by-id.txt",
    ),
    (
        "/rest-api/spaces/get-desks.md",
        "get-spaces-desks.md",
        "get-spaces-desks.txt",
    ),
    (
        "/rest-api/spaces/delete-desks-by-id.md",
        "delete-spaces-desks-by-id.md",
        "delete-spaces-desks-by-id.txt",
    ),
];

const MISSING: &str = "/rest-api/spaces/get-nothings.md";
const MALFORMED: &str = "/rest-api/spaces/post-widgets.md";
const HANGING: &str = "/rest-api/spaces/get-sleepers.md";

/// Which shape each page is served in.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// Even pages as Markdown source, odd ones as rendered text.
    Mixed,
    /// Every page as rendered text.
    Rendered,
    /// Every page as Markdown source.
    Markdown,
}

fn site(shape: Shape, with_failures: bool) -> DocsServer {
    let server = DocsServer::start();
    let mut index = "# Nexudus\n\n> Docs.\n\n## REST API\n\n".to_owned();
    for (position, (path, markdown, rendered)) in PAGES.iter().enumerate() {
        index.push_str(&format!("- [Page]({path}): one page.\n"));
        let rendered_here = match shape {
            Shape::Mixed => position % 2 == 1,
            Shape::Rendered => true,
            Shape::Markdown => false,
        };
        let body = if rendered_here {
            fixture("pages", rendered)
        } else {
            fixture("mdx", markdown)
        };
        // The desks list is throttled once, with a Retry-After the client honours.
        if *path == "/rest-api/spaces/get-desks.md" && with_failures {
            server.failing_first(path, 429, 1, Some("1"), &body);
        } else {
            server.page(path, &body);
        }
    }
    if with_failures {
        for path in [MISSING, MALFORMED, HANGING] {
            index.push_str(&format!("- [Page]({path}): one page.\n"));
        }
        server.page(MALFORMED, "<ParamField body=\"Na\n\u{0}\u{1}<<<>>>\n");
        server.route(HANGING, Route::Hang);
    }
    server.page("/llms.txt", &index);
    server
}

/// The generated crate's manifest: a version for the report and the generator's block of area
/// features and crates (which a sync rewrites for the areas it finds).
const MANIFEST: &str = "[package]\nname = \"nexudus-generated\"\nversion = \"0.1.0\"\n\n\
[features]\ndefault = [\"all-areas\"]\n\
# @generated areas begin: written by `cargo xtask codegen` from spec/; do not edit\n\
all-areas = [\"spaces\"]\nspaces = []\n# @generated areas end\n\n\
[dependencies]\n\
# @generated area crates begin: written by `cargo xtask codegen` from spec/; do not edit\n\
# @generated area crates end\n";

/// `spec/` with the envelope only (or, with `real_specs`, the checked-in specs), and a
/// manifest for the generated crate.
fn scratch_workspace(name: &str, real_specs: bool) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "nexudus-sync-workflow-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    std::fs::create_dir_all(dir.join("nexudus-generated")).unwrap();
    if real_specs {
        cases::copy_tree(&workspace().join("spec"), &dir.join("spec"));
    } else {
        std::fs::copy(
            workspace().join("spec/envelope.yaml"),
            dir.join("spec/envelope.yaml"),
        )
        .unwrap();
    }
    std::fs::write(dir.join("nexudus-generated/Cargo.toml"), MANIFEST).unwrap();
    dir
}

fn request<'a>(server: &DocsServer, root: &'a Path) -> Request<'a> {
    Request {
        root,
        fetch: FetchOptions {
            docs: Some(server.base_url().to_owned()),
            cache_dir: root.join("cache"),
            progress: ProgressMode::Quiet,
            http: HttpSettings {
                connect_timeout: Duration::from_secs(2),
                request_timeout: Duration::from_millis(1500),
                retries: 1,
                backoff_base: Duration::from_millis(10),
                backoff_max: Duration::from_millis(50),
                ..HttpSettings::default()
            },
            ..FetchOptions::default()
        },
        strict: false,
        baseline: Baseline::CheckedIn,
    }
}

fn run(server: &DocsServer, root: &Path) -> Outcome {
    sync::run(&request(server, root)).unwrap_or_else(|failure| panic!("{failure}"))
}

/// Every file below `dir` but the page cache, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path == root.join("cache") {
                continue;
            }
            if path.is_dir() {
                walk(&path, root, files);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_path_buf();
                files.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

fn spec_files(root: &Path) -> BTreeMap<PathBuf, String> {
    tree(&root.join("spec"))
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "yaml"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

#[test]
fn a_sync_leaves_out_bad_pages_reports_one_change_exactly_and_then_nothing() {
    let server = site(Shape::Mixed, true);
    let root = scratch_workspace("full", false);

    // First run: every good page in, the three bad ones left out with where and why.
    let first = run(&server, &root);
    let counts = first.page_counts();
    assert_eq!((counts.fetched, counts.unchanged, counts.failed), (8, 0, 3));
    let left_out: Vec<&str> = first.left_out.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        left_out,
        [
            "get-spaces-nothings.md",
            "get-spaces-sleepers.md",
            "post-spaces-widgets.md"
        ]
    );
    let missing = first.left_out[0].to_string();
    assert!(missing.contains("llms.txt:"), "{missing}");
    assert!(missing.contains("404"), "{missing}");
    assert!(
        first.left_out[1].reason.contains("time"),
        "{}",
        first.left_out[1]
    );
    // The throttled page was fetched on its second request, after the Retry-After.
    let throttled = server.seen_at("/rest-api/spaces/get-desks.md");
    assert_eq!(throttled.len(), 2);
    assert!(throttled[1].at - throttled[0].at >= Duration::from_millis(900));
    assert!(first.counts.operations >= 8 && first.counts.fields > 20);
    assert!(first.counts.enum_values > 0);
    let desks = std::fs::read_to_string(root.join("spec/spaces/desks.yaml")).unwrap();
    assert!(desks.contains("get-spaces-desks.md"), "{desks}");
    let record =
        std::fs::read_to_string(root.join("nexudus-generated/areas/billing/src/lockerrentals.rs"))
            .unwrap();
    assert!(record.contains("pub struct LockerRental"));
    assert!(
        first
            .report
            .changes
            .iter()
            .all(|c| c.section == Section::Added),
        "{:?}",
        first.report.changes
    );

    // The get page loses its Notes field: the report says exactly that, as a breaking removal.
    let get_path = "/rest-api/billing/get-lockerrentals-by-id.md";
    let edited = fixture("mdx", "get-billing-lockerrentals-by-id.md").replace(
        "<ResponseField name=\"Notes\" type=\"string\">\n  Free text.\n</ResponseField>\n",
        "",
    );
    assert_ne!(edited, fixture("mdx", "get-billing-lockerrentals-by-id.md"));
    server.page(get_path, &edited);
    let second = run(&server, &root);
    assert_eq!(second.page_counts().fetched, 1, "only the edited page");
    let described: Vec<(Impact, Section, &str)> = second
        .report
        .changes
        .iter()
        .map(|c| (c.impact, c.section, c.description.as_str()))
        .collect();
    assert_eq!(
        described,
        [(
            Impact::Breaking,
            Section::Removed,
            "`LockerRental::notes` (JSON `Notes`)"
        )]
    );
    assert!(
        second.report.to_markdown().contains("0.1.0 → 0.2.0"),
        "{}",
        second.report.to_markdown()
    );
    assert_eq!(
        second.written_specs,
        [PathBuf::from("billing/lockerrentals.yaml")]
    );

    // Third run, nothing changed on the server: no page downloaded, no file touched.
    let before = tree(&root);
    server.reset_counts();
    let third = run(&server, &root);
    let downloaded: Vec<String> = server
        .seen()
        .into_iter()
        .filter(|seen| seen.status == Some(200))
        .map(|seen| seen.path)
        .collect();
    assert_eq!(downloaded, Vec::<String>::new());
    assert_eq!(third.page_counts().unchanged, 8);
    assert_eq!(third.report.changes, []);
    assert_eq!(third.written_specs, Vec::<PathBuf>::new());
    assert!(third.generated.is_empty(), "{:?}", third.generated);
    assert!(tree(&root) == before, "the third run changed files");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn the_same_pages_in_either_shape_sync_to_the_same_specs() {
    let (markdown, rendered) = (site(Shape::Markdown, false), site(Shape::Rendered, false));
    let (a, b) = (
        scratch_workspace("md", false),
        scratch_workspace("txt", false),
    );
    run(&markdown, &a);
    run(&rendered, &b);
    let (from_markdown, from_rendered) = (spec_files(&a), spec_files(&b));
    let _ = (std::fs::remove_dir_all(&a), std::fs::remove_dir_all(&b));
    assert_eq!(
        from_markdown.keys().collect::<Vec<_>>(),
        [
            Path::new("billing/lockerrentals.yaml"),
            Path::new("envelope.yaml"),
            Path::new("spaces/desks.yaml")
        ]
    );
    for (path, text) in &from_markdown {
        assert_eq!(Some(text), from_rendered.get(path), "{}", path.display());
    }
}

#[test]
fn strict_writes_nothing_when_a_page_is_left_out() {
    let server = site(Shape::Mixed, true);
    let root = scratch_workspace("strict", false);
    let before = tree(&root);
    let failure = sync::run(&Request {
        strict: true,
        ..request(&server, &root)
    })
    .expect_err("a strict run with bad pages fails");
    assert!(
        matches!(&failure, Failure::Strict { left_out, .. } if left_out.len() == 2),
        "{failure}"
    );
    assert!(failure.to_string().contains("--strict"), "{failure}");
    assert!(tree(&root) == before, "a failed run wrote files");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_sync_whose_specs_would_not_generate_writes_nothing() {
    let server = site(Shape::Markdown, false);
    let root = scratch_workspace("nogen", false);
    // A manifest whose block of area features is not closed: the generator cannot write the
    // billing area's feature, so the run stops before writing anything.
    let manifest = root.join("nexudus-generated/Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replace("# @generated areas end\n", "")).unwrap();
    let before = tree(&root);
    let failure = sync::run(&request(&server, &root)).expect_err("the run fails");
    assert!(matches!(failure, Failure::Generate(_)), "{failure}");
    assert!(tree(&root) == before, "a failed run wrote files");
    let _ = std::fs::remove_dir_all(&root);
}

/// The real Markdown pages, when `../shared/api-docs` is there, sync into the checked-in
/// specs (whose curated facts complete the pages that end early, and state the entities of
/// the pages that end before their role) and generate; the one whose spec does not validate
/// is left out.
#[test]
fn the_real_markdown_pages_sync() {
    let dir = workspace().join("../shared/api-docs/mdx");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: ../shared/api-docs/mdx is absent; skipped");
        return;
    };
    let server = DocsServer::start();
    let mut index = String::from("# Nexudus\n\n");
    let mut served = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // `{verb}-{area}-{entities}…md` is served at `/rest-api/{area}/{verb}-{entities}…md`.
        let Some((verb, rest)) = name.split_once('-') else {
            continue;
        };
        let Some((area, page)) = rest.split_once('-') else {
            continue;
        };
        if !name.ends_with(".md") {
            continue;
        }
        let url = format!("/rest-api/{area}/{verb}-{page}");
        index.push_str(&format!("- [Page]({url}): a page.\n"));
        server.page(&url, &std::fs::read_to_string(&path).unwrap());
        served += 1;
    }
    server.page("/llms.txt", &index);
    let root = scratch_workspace("real", true);
    let outcome = run(&server, &root);
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(
        outcome.page_counts().fetched + outcome.left_out.len(),
        served
    );
    assert!(outcome.counts.operations > 0);
    // Its copy of put-spaces-coworkers.md ends before its `Id` field: an update without `Id`
    // does not validate, so that page alone is left out.
    let left_out: Vec<&str> = outcome.left_out.iter().map(|p| p.name.as_str()).collect();
    if dir.join("put-spaces-coworkers.md").exists() {
        assert!(
            left_out.contains(&"put-spaces-coworkers.md"),
            "{left_out:?}"
        );
    }
    // The pages that end before their role take their entity from the checked-in specs.
    for name in [
        "get-spaces-coworkernotifications.md",
        "get-spaces-coworkernotifications-by-id.md",
        "post-spaces-coworkernotifications.md",
    ] {
        if dir.join(name).exists() {
            assert!(!left_out.contains(&name), "{name}: {left_out:?}");
        }
    }
}

/// A real page that ends early, from `tests/fixtures/mdx-cut`.
fn cut_page(name: &str) -> String {
    fixture("mdx-cut", name)
}

/// A site of two pages: the desks list, and the real copy of the coworkers update, which ends
/// before its `Id` field (`/rest-api/spaces/put-coworkers.md`), or another page at that path.
fn site_with_update(update: &str) -> DocsServer {
    let server = DocsServer::start();
    server.page(
        "/llms.txt",
        "# Nexudus\n\n- [Desks](/rest-api/spaces/get-desks.md): the list.\n\
         - [Coworkers](/rest-api/spaces/put-coworkers.md): the update.\n",
    );
    server.page(
        "/rest-api/spaces/get-desks.md",
        &fixture("mdx", "get-spaces-desks.md"),
    );
    server.page("/rest-api/spaces/put-coworkers.md", update);
    server
}

/// A workspace whose `spec/` has the envelope and the checked-in Coworker spec.
fn workspace_with_coworkers(name: &str) -> PathBuf {
    let root = scratch_workspace(name, false);
    std::fs::create_dir_all(root.join("spec/spaces")).unwrap();
    std::fs::copy(
        workspace().join("spec/spaces/coworkers.yaml"),
        root.join("spec/spaces/coworkers.yaml"),
    )
    .unwrap();
    root
}

#[test]
fn a_page_whose_spec_does_not_validate_is_left_out_and_the_rest_syncs() {
    let server = site_with_update(&cut_page("put-spaces-coworkers.md"));
    let root = workspace_with_coworkers("invalid");
    let coworkers = std::fs::read(root.join("spec/spaces/coworkers.yaml")).unwrap();

    let outcome = run(&server, &root);
    let after = std::fs::read(root.join("spec/spaces/coworkers.yaml")).unwrap();
    let desks = std::fs::read_to_string(root.join("spec/spaces/desks.yaml"));
    let generated = root.join("nexudus-generated/areas/spaces/src/desks.rs");
    let generated = generated.exists();
    let _ = std::fs::remove_dir_all(&root);

    // The good page's change is in: its spec, its code, its report entry.
    let desks = desks.expect("the desks page is synced");
    assert!(desks.contains("- get-spaces-desks.md\n"), "{desks}");
    assert!(generated, "the desks code is generated");
    assert!(
        outcome
            .report
            .changes
            .iter()
            .any(|c| c.description.contains("ListDesks")),
        "{:?}",
        outcome.report.changes
    );
    assert_eq!(outcome.written_specs, [PathBuf::from("spaces/desks.yaml")]);
    // The bad page is left out, named with its errors, located; its spec kept as it was.
    assert!(after == coworkers, "the bad page's spec changed");
    let names: Vec<&str> = outcome.left_out.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["put-spaces-coworkers.md"]);
    let bad = &outcome.left_out[0];
    let said = bad.to_string();
    for part in [
        "put-spaces-coworkers.md (llms.txt:4, http://",
        "does not validate",
        "spec/spaces/coworkers.yaml:",
        "update operation `UpdateCoworker` has no `Id` field",
    ] {
        assert!(said.contains(part), "`{part}` in {said}");
    }
    assert!(
        bad.warnings
            .iter()
            .any(|w| w.message.contains("an update page without an `Id` field")),
        "{:?}",
        bad.warnings
    );
    assert_eq!(outcome.page_counts().failed, 1);
    assert_eq!(outcome.pages.len(), 1);
    // The change report lists it, in text and in Markdown (after the changelog sections).
    assert_eq!(outcome.report.left_out, [said]);
    let markdown = outcome.report.to_markdown();
    let section = markdown
        .split("## Pages left out")
        .nth(1)
        .expect("a section of the pages left out");
    assert!(section.contains("put-spaces-coworkers.md"), "{markdown}");
    assert!(!section.contains("### "), "{markdown}");
    assert!(
        outcome.report.to_text().contains("Pages left out (1"),
        "{}",
        outcome.report.to_text()
    );
}

#[test]
fn strict_fails_naming_a_page_whose_spec_does_not_validate_and_writes_nothing() {
    let server = site_with_update(&cut_page("put-spaces-coworkers.md"));
    let root = workspace_with_coworkers("invalid-strict");
    let before = tree(&root);
    let failure = sync::run(&Request {
        strict: true,
        ..request(&server, &root)
    })
    .expect_err("a strict run with an invalid page fails");
    let after = tree(&root);
    let _ = std::fs::remove_dir_all(&root);
    let Failure::Strict { left_out, .. } = &failure else {
        panic!("not a --strict failure: {failure}");
    };
    assert_eq!(left_out.len(), 1);
    assert!(
        left_out[0].reason.contains("`UpdateCoworker`"),
        "{}",
        left_out[0]
    );
    assert!(
        failure.to_string().contains("put-spaces-coworkers.md"),
        "{failure}"
    );
    assert!(after == before, "a failed run wrote files");
}

/// The decision is the page's, not its spec file's: a good page of the same entity still
/// lands in the file the bad page is kept out of.
#[test]
fn a_good_page_of_the_entity_a_bad_page_is_left_out_of_still_lands() {
    let server = site_with_update(&cut_page("put-spaces-coworkers.md"));
    server.page(
        "/llms.txt",
        "# Nexudus\n\n- [Desks](/rest-api/spaces/get-desks.md): the list.\n\
         - [Coworkers](/rest-api/spaces/put-coworkers.md): the update.\n\
         - [Coworkers](/rest-api/spaces/post-coworkers.md): the create.\n",
    );
    let create = fixture("mdx", "post-spaces-coworkers.md");
    server.page("/rest-api/spaces/post-coworkers.md", &create);
    let root = workspace_with_coworkers("invalid-same-file");
    let outcome = run(&server, &root);
    let coworkers = std::fs::read_to_string(root.join("spec/spaces/coworkers.yaml")).unwrap();
    let _ = std::fs::remove_dir_all(&root);
    let names: Vec<&str> = outcome.left_out.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["put-spaces-coworkers.md"]);
    assert!(
        coworkers.contains("- post-spaces-coworkers.md\n"),
        "{coworkers}"
    );
    assert!(
        !coworkers.contains("put-spaces-coworkers.md"),
        "{coworkers}"
    );
    assert!(!coworkers.contains("UpdateCoworker"), "{coworkers}");
}

/// A page that ends before its role, whose entity neither a spec nor another page states, is
/// left out with a located reason; the others sync.
#[test]
fn a_page_without_its_role_whose_entity_nothing_states_is_left_out_located() {
    let server = site_with_update("unused");
    server.page(
        "/llms.txt",
        "# Nexudus\n\n- [Desks](/rest-api/spaces/get-desks.md): the list.\n\
         - [Notifications](/rest-api/spaces/get-coworkernotifications.md): the list.\n",
    );
    server.page(
        "/rest-api/spaces/get-coworkernotifications.md",
        &cut_page("get-spaces-coworkernotifications.md"),
    );
    let root = scratch_workspace("roleless", false);
    let outcome = run(&server, &root);
    let synced = root.join("spec/spaces/desks.yaml").exists();
    let _ = std::fs::remove_dir_all(&root);
    assert!(synced);
    let [left_out] = outcome.left_out.as_slice() else {
        panic!("{:?}", outcome.left_out);
    };
    assert_eq!(left_out.line, Some(35));
    let said = left_out.to_string();
    assert!(
        said.starts_with("get-spaces-coworkernotifications.md:35 (llms.txt:4, http://")
            && said.contains("cannot tell the entity")
            && said.contains("`/api/spaces/coworkernotifications`"),
        "{said}"
    );
}

/// The same pages with a page of the run that states the entity: all of them sync.
#[test]
fn pages_without_their_role_sync_with_a_page_that_states_the_entity() {
    let server = DocsServer::start();
    let mut index = "# Nexudus\n\n".to_owned();
    let pages = [
        (
            "get-coworkernotifications-by-id.md",
            cut_page("get-spaces-coworkernotifications-by-id.md"),
        ),
        (
            "get-coworkernotifications.md",
            cut_page("get-spaces-coworkernotifications.md"),
        ),
        (
            "post-coworkernotifications.md",
            cut_page("post-spaces-coworkernotifications.md"),
        ),
        (
            "put-coworkernotifications.md",
            fixture("mdx", "put-spaces-coworkernotifications.md"),
        ),
    ];
    for (name, body) in &pages {
        let path = format!("/rest-api/spaces/{name}");
        index.push_str(&format!("- [Page]({path}): a page.\n"));
        server.page(&path, body);
    }
    server.page("/llms.txt", &index);
    let root = scratch_workspace("roleless-run", false);
    let outcome = run(&server, &root);
    let spec = std::fs::read_to_string(root.join("spec/spaces/coworkernotifications.yaml"));
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(outcome.left_out, []);
    assert_eq!(outcome.pages.len(), 4);
    let spec = spec.expect("the notifications spec");
    assert!(spec.contains("entity: CoworkerNotification\n"), "{spec}");
    assert!(
        spec.contains("- name: ListCoworkerNotifications\n"),
        "{spec}"
    );
}
