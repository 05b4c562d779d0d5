//! Doc lines written into a file after prettyplease has printed it.
//!
//! A doc comment is most of a generated file's bytes. As a `#[doc = "…"]` literal it is escaped
//! when the literal is made, read back by prettyplease to print it as `///`, and carried through
//! its layout: a fifth of the generator's time at 1,000 operations. While a file is emitted in
//! [`collecting`], each doc line is kept in a table and its literal is a short marker instead;
//! [`restore`] writes each line where prettyplease printed its marker, `///` and indentation
//! already in place.

use std::cell::RefCell;

/// Starts a doc marker: a control character, which no doc line holds (`docs::doc_lines` spells
/// them `\u{…}`), and prettyplease prints as it is.
const MARKER: char = '\u{1}';

thread_local! {
    /// The doc lines of the file this thread emits in [`collecting`].
    static LINES: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Runs `emit` with the doc lines kept aside, and returns what it made and those lines.
pub fn collecting<T>(emit: impl FnOnce() -> T) -> (T, Vec<String>) {
    let outer = LINES.with(|lines| lines.replace(Some(Vec::new())));
    let made = emit();
    let lines = LINES.with(|lines| lines.replace(outer)).unwrap_or_default();
    (made, lines)
}

/// The value of a doc attribute for `line`: its marker inside [`collecting`], the line itself
/// outside (an emitter's unit test).
pub fn doc_value(line: String) -> String {
    LINES.with(|lines| match lines.borrow_mut().as_mut() {
        Some(lines) => {
            lines.push(line);
            format!("{MARKER}{}", lines.len() - 1)
        }
        None => line,
    })
}

/// `printed` with each marker replaced by its line. A line whose marker is missing (a doc
/// attribute inside a macro's tokens, which prettyplease prints as an attribute) is an error:
/// it would be lost.
pub fn restore(printed: &str, lines: &[String]) -> Result<String, String> {
    let mut out =
        String::with_capacity(printed.len() + lines.iter().map(String::len).sum::<usize>());
    let mut rest = printed;
    let mut restored = 0;
    while let Some(at) = rest.find(MARKER) {
        out.push_str(&rest[..at]);
        let after = &rest[at + MARKER.len_utf8()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let line = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|index| lines.get(index))
            .ok_or_else(|| format!("a doc marker `{}` names no doc line", &after[..digits]))?;
        out.push_str(line);
        restored += 1;
        rest = &after[digits..];
    }
    out.push_str(rest);
    if restored == lines.len() {
        Ok(out)
    } else {
        Err(format!(
            "{} of {} doc lines were not printed as doc comments",
            lines.len().saturating_sub(restored),
            lines.len()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_come_back_where_their_markers_were_printed() {
        let ((first, second), lines) = collecting(|| {
            (
                doc_value(" First.".to_owned()),
                doc_value(" Second.".to_owned()),
            )
        });
        let printed = format!("///{first}\n    ///{second}\nstruct S;\n");
        assert_eq!(
            restore(&printed, &lines).unwrap(),
            "/// First.\n    /// Second.\nstruct S;\n"
        );
    }

    #[test]
    fn outside_a_file_the_value_is_the_line() {
        assert_eq!(doc_value(" Plain.".to_owned()), " Plain.");
    }

    #[test]
    fn a_line_whose_marker_is_not_printed_is_an_error() {
        let (_marker, lines) = collecting(|| doc_value(" Lost.".to_owned()));
        let error = restore("struct S;\n", &lines).unwrap_err();
        assert!(error.contains("1 of 1 doc lines"), "{error}");
    }
}
