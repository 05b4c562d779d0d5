//! Property: whatever hostile spec tree it is given (see `hostile/mod.rs`), the generator never
//! panics; it either refuses the tree with diagnostics that each name a spec file and a line,
//! or gives files that parse (`syn::parse_file` for Rust, `serde_json` for the OpenAPI
//! document) whose text holds no carriage return and no text-direction control, and whose doc
//! comments open no code block (which rustdoc would compile as a doctest). That the accepted
//! trees also compile is checked once, on a fixed sample, by `compile_sample.rs`.

mod hostile;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;

fn scratch(files: &[(String, String)]) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "nexudus-hostile-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let envelope = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/envelope.yaml");
    std::fs::copy(envelope, dir.join("envelope.yaml")).unwrap();
    for (path, text) in files {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
    dir
}

fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What a terminal would show wrongly: control characters other than the line feed and the
/// tab (which the marker line uses to stay under its column), and the text-direction controls.
fn first_unprintable(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| (c.is_control() && !matches!(c, '\n' | '\t')) || is_direction_control(c))
}

/// Why the generated `code` is not acceptable, if it is not.
fn problem_in_rust(path: &str, code: &str) -> Option<String> {
    if let Err(error) = syn::parse_file(code) {
        return Some(format!("{path} does not parse: {error}"));
    }
    if let Some(c) = code.chars().find(|&c| c == '\r' || is_direction_control(c)) {
        return Some(format!("{path} holds the character {:?}", c));
    }
    for (index, line) in code.lines().enumerate() {
        let trimmed = line.trim_start();
        let Some(doc) = trimmed
            .strip_prefix("///")
            .or_else(|| trimmed.strip_prefix("//!"))
        else {
            continue;
        };
        // rustdoc reads a line indented by four spaces (after the one of `/// `) or a fence
        // as the start of a code block, which `cargo test --doc` would compile.
        let text = doc.strip_prefix(' ').unwrap_or(doc);
        if text.starts_with("    ") || text.starts_with("```") || text.starts_with("~~~") {
            return Some(format!(
                "{path}:{}: a doc line opens a code block: {line}",
                index + 1
            ));
        }
    }
    None
}

/// Generates `tree` and checks the outcome; a panic anywhere fails the property too.
fn check(tree: &hostile::Tree) -> Result<bool, TestCaseError> {
    let files = tree.render();
    let dir = scratch(&files);
    let result = nexudus_codegen::generate(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    let shown = || {
        files
            .iter()
            .map(|(path, text)| format!("--- {path}\n{text}"))
            .collect::<String>()
    };
    match result {
        Err(diagnostics) => {
            prop_assert!(diagnostics.has_errors(), "a refusal without an error");
            for diagnostic in &diagnostics.0 {
                prop_assert!(
                    diagnostic.file.starts_with("spec/") && diagnostic.file.ends_with(".yaml"),
                    "not a spec file: {diagnostic}\n{}",
                    shown()
                );
                prop_assert!(
                    diagnostic.line >= 1 && diagnostic.column >= 1,
                    "no line and column: {diagnostic}\n{}",
                    shown()
                );
                prop_assert!(
                    diagnostic.source_line.is_some(),
                    "no source line: {diagnostic}\n{}",
                    shown()
                );
            }
            let rendered = diagnostics.to_string();
            prop_assert_eq!(
                first_unprintable(&rendered),
                None,
                "the diagnostics print a raw control character:\n{}",
                rendered
            );
            Ok(false)
        }
        Ok(generated) => {
            for (path, text) in &generated.files {
                if path.ends_with(".rs") {
                    if let Some(problem) = problem_in_rust(path, text) {
                        return Err(TestCaseError::fail(format!("{problem}\n{}", shown())));
                    }
                } else if path.ends_with(".json") {
                    prop_assert!(
                        serde_json::from_str::<serde_json::Value>(text).is_ok(),
                        "{path} is not JSON\n{}",
                        shown()
                    );
                }
            }
            Ok(true)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn hostile_specs_give_located_diagnostics_or_code_that_parses(tree in hostile::tree()) {
        check(&tree)?;
    }
}

/// The strategy is not so hostile that nothing validates: a fixed sample reaches the emitter
/// often enough for the property (and the compiled sample) to mean something.
#[test]
fn a_share_of_the_hostile_trees_validate() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut accepted = 0;
    let total = 48;
    for _ in 0..total {
        let tree = hostile::tree().new_tree(&mut runner).unwrap().current();
        if check(&tree).unwrap_or_else(|error| panic!("{error}")) {
            accepted += 1;
        }
    }
    assert!(accepted * 8 >= total, "only {accepted} of {total} validate");
}
