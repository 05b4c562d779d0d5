//! Problems found in specs, reported the way rustc reports problems in code.
//!
//! Every problem carries the spec file, line and column, so a maintainer can jump straight
//! to it; a run collects all of them before failing instead of stopping at the first.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The spec cannot be turned into code; nothing is written.
    Error,
    /// The spec is usable but something looks wrong.
    Warning,
}

/// One problem at one place in one spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The spec file, as shown to the user (relative to the workspace where possible).
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// What would fix it, when we can tell.
    pub hint: Option<String>,
    /// The offending source line, to print under the location.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error at `line`:`column` of `file`, quoting the line from `source`.
    pub fn error(
        file: &str,
        source: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Error,
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
            hint: None,
            source_line: source_line(source, line),
        }
    }

    /// The same problem, reported as a warning.
    pub fn into_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Adds a hint such as "did you mean `eGender`?".
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

fn source_line(source: &str, line: usize) -> Option<String> {
    let text = source.lines().nth(line.checked_sub(1)?)?;
    Some(text.trim_end().to_owned())
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", escape_controls(&self.message))?;
        let gutter = " ".repeat(self.line.max(1).to_string().len());
        if self.line == 0 {
            writeln!(f, "{gutter}--> {}", self.file)?;
        } else {
            writeln!(
                f,
                "{gutter}--> {}:{}:{}",
                self.file,
                self.line,
                self.column.max(1)
            )?;
        }
        if let Some(text) = &self.source_line {
            let (shown, pad) = excerpt(text, self.column);
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{} | {shown}", self.line)?;
            writeln!(f, "{gutter} | {pad}^")?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{gutter} = help: {}", escape_controls(hint))?;
        }
        Ok(())
    }
}

/// The most characters of a source line printed; a longer line is cut around the column.
const MAX_SHOWN_CHARS: usize = 100;

/// A character as the terminal should show it: a control character or a text-direction
/// control as `\u{1b}` or `\u{202e}`, not the raw character (which would move the cursor,
/// recolour the terminal, or show the line in another order than it is).
fn shown_char(c: char) -> String {
    let invisible = (c.is_control() && c != '\t')
        || crate::load::is_direction_control(c)
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        );
    if invisible {
        format!("\\u{{{:x}}}", u32::from(c))
    } else {
        c.to_string()
    }
}

/// Text with its control characters (tabs aside) and text-direction controls escaped.
fn escape_controls(text: &str) -> String {
    text.chars().map(shown_char).collect()
}

/// The part of `line` to print around 1-based `column`, controls escaped, with `…` where it
/// was cut, and the padding that puts a marker under the column's character. Columns count
/// characters, so the marker lines up under non-ASCII text too.
fn excerpt(line: &str, column: usize) -> (String, String) {
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let (start, end) = if chars.len() <= MAX_SHOWN_CHARS {
        (0, chars.len())
    } else {
        let start = at
            .saturating_sub(MAX_SHOWN_CHARS / 2)
            .min(chars.len() - MAX_SHOWN_CHARS);
        (start, start + MAX_SHOWN_CHARS)
    };
    let mut shown = String::new();
    let mut pad = String::new();
    if start > 0 {
        shown.push('…');
        pad.push(' ');
    }
    for (index, c) in chars[start..end].iter().enumerate() {
        let text = shown_char(*c);
        if start + index < at {
            if *c == '\t' {
                pad.push('\t');
            } else {
                pad.extend(std::iter::repeat_n(' ', text.chars().count()));
            }
        }
        shown.push_str(&text);
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, pad)
}

/// All the problems of one run, in file and line order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Whether any problem is an error (warnings alone do not stop generation).
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// The number of errors.
    pub fn error_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Sorts by file and position so output does not depend on discovery order.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        self.0.dedup();
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        let errors = self.error_count();
        if errors > 0 {
            let plural = if errors == 1 { "" } else { "s" };
            writeln!(
                f,
                "error: the specs have {errors} problem{plural}; nothing was written"
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// The closest candidate to `wrong` by edit distance, if it is close enough to be a typo.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            (
                edit_distance(&wrong_lower, &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(distance, candidate)| *distance <= (candidate.chars().count() / 3).max(1))
        .min()
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_source_and_marker() {
        let source = "fields:\n  - name: A\n    requried: true\n";
        let diagnostic = Diagnostic::error("spec/x.yaml", source, 3, 5, "unknown key `requried`")
            .with_hint("did you mean `required`?");
        let text = diagnostic.to_string();
        assert_eq!(
            text,
            "error: unknown key `requried`\n --> spec/x.yaml:3:5\n  |\n3 |     requried: true\n  |     ^\n  = help: did you mean `required`?\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_column_and_controls_escaped() {
        let line = format!("{}\u{1b}[31mbad{}", "a".repeat(5000), "z".repeat(5000));
        let source = format!("key: {line}\n");
        let diagnostic = Diagnostic::error("x.yaml", &source, 1, 5006, "bad \u{1b}[2J");
        let text = diagnostic.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "error: bad \\u{1b}[2J");
        assert!(!text.contains('\u{1b}'), "{text}");
        let shown = lines[3];
        assert!(shown.chars().count() < 130, "{shown}");
        assert!(
            shown.starts_with("1 | …") && shown.ends_with('…'),
            "{shown}"
        );
        // The marker stands under the escaped ESC.
        let marker = lines[4].chars().position(|c| c == '^').expect("a marker");
        let under: String = shown.chars().skip(marker).take(2).collect();
        assert_eq!(under, "\\u");
    }

    #[test]
    fn suggests_only_near_misses() {
        assert_eq!(
            closest("requried", ["name", "required", "type"]),
            Some("required")
        );
        assert_eq!(
            closest("eGendr", ["eGender", "eCoworkerRecordType"]),
            Some("eGender")
        );
        assert_eq!(closest("colour", ["name", "type"]), None);
    }

    #[test]
    fn summary_counts_errors_not_warnings() {
        let mut all = Diagnostics::default();
        all.push(Diagnostic::error("a.yaml", "", 1, 1, "bad").into_warning());
        assert!(!all.has_errors());
        all.push(Diagnostic::error("a.yaml", "", 2, 1, "worse"));
        assert!(
            all.to_string()
                .ends_with("the specs have 1 problem; nothing was written\n")
        );
    }
}
