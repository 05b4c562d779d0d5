//! Blank lines between items, which prettyplease does not print: the generated files then read
//! like hand-written ones (a blank line after the module docs, between items of a module or an
//! `impl`), while fields, variants and statements stay together.
//!
//! It works on prettyplease's output, whose shape is regular: one item per line or a block whose
//! opening brace ends a line and whose closing brace starts one, and no comments but docs.

/// `code` (printed by prettyplease) with a blank line between items of every module, `impl`
/// and trait. Runs of one-line declarations of the same kind (`use`, `mod x;`, one macro's
/// invocations) stay together.
pub fn space_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    // One entry per open brace, the file's own first.
    let mut frames: Vec<Frame> = vec![Frame::new(true)];
    // The item being read, from its first doc or attribute line.
    let mut head = Head::default();
    for line in code.lines() {
        let trimmed = line.trim_start();
        let in_items = frames.last().is_some_and(|frame| frame.items);
        let starts_item = in_items && head.first.is_none() && !trimmed.is_empty();
        if starts_item && !trimmed.starts_with('}') {
            let previous = frames.last_mut().and_then(|frame| frame.previous.take());
            if previous.is_some_and(|previous| !previous.joins(trimmed)) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        if trimmed.is_empty() {
            continue;
        }
        let depth = frames.len();
        if !in_items {
            track_braces(trimmed, &mut frames, false);
            // The body of a function, struct, enum or constant closed: its item ends here.
            let back_in_items = frames.len() < depth && frames.last().is_some_and(|f| f.items);
            if back_in_items && (trimmed.ends_with('}') || trimmed.ends_with(';')) {
                end_item(&mut frames, &mut head, false);
            }
            continue;
        }
        head.push(trimmed);
        let is_doc = trimmed.starts_with("//");
        if !is_doc {
            track_braces(trimmed, &mut frames, head.opens_items());
        }
        if frames.len() < depth {
            // The module or `impl` closed: it is an item of the frame around it.
            end_item(&mut frames, &mut head, false);
        } else if frames.len() > depth {
            if frames.last().is_some_and(|frame| frame.items) {
                // A module or `impl` opened: its items are spaced on their own.
                head = Head::default();
            }
        } else {
            let inner = trimmed.starts_with("//!") || trimmed.starts_with("#![");
            let attribute = !inner && (is_doc || trimmed.starts_with("#["));
            if inner || (!attribute && (trimmed.ends_with(';') || trimmed.ends_with('}'))) {
                end_item(&mut frames, &mut head, true);
            }
        }
    }
    out
}

/// The lines of the item being read that spacing looks at: its first, and its first that is
/// neither a doc nor an attribute (where `mod`, `impl` or `trait` would stand).
#[derive(Default)]
struct Head<'a> {
    first: Option<&'a str>,
    code: Option<&'a str>,
}

impl<'a> Head<'a> {
    fn push(&mut self, trimmed: &'a str) {
        self.first.get_or_insert(trimmed);
        if self.code.is_none() && !trimmed.starts_with("//") && !trimmed.starts_with('#') {
            self.code = Some(trimmed);
        }
    }

    /// Whether the block the item's head opens holds items: a module, an `impl` or a trait.
    fn opens_items(&self) -> bool {
        let code = strip_visibility(self.code.unwrap_or("").trim_end());
        let code = code.strip_prefix("unsafe ").unwrap_or(code);
        code.starts_with("mod ") || code.starts_with("impl") || code.starts_with("trait ")
    }
}

/// Records the item read into `head` as the last one of the innermost frame; `declaration`:
/// it may be one of a run that stays together (it is not a block).
fn end_item(frames: &mut [Frame], head: &mut Head, declaration: bool) {
    let kind = match head.first {
        Some(first) if declaration => declaration_kind(first),
        _ => None,
    };
    if let Some(frame) = frames.last_mut() {
        frame.previous = Some(Previous { kind });
    }
    *head = Head::default();
}

/// What is inside one pair of braces.
struct Frame {
    /// Items (a module, an `impl`, a trait), separated by blank lines.
    items: bool,
    /// The last complete item of this frame, until the next one starts.
    previous: Option<Previous>,
}

impl Frame {
    fn new(items: bool) -> Self {
        Frame {
            items,
            previous: None,
        }
    }
}

/// The item before the one that starts, as far as spacing cares.
struct Previous {
    /// For a one-line declaration without docs or attributes: its kind (`use`, `mod`, a
    /// macro's name, `inner` for the module's own docs and attributes). A `use` or a macro
    /// call may span lines; an item with docs or attributes has no kind.
    kind: Option<String>,
}

impl Previous {
    /// Whether the item that starts with `line` continues a run of this one's kind.
    fn joins(&self, line: &str) -> bool {
        self.kind.is_some() && self.kind == declaration_kind(line)
    }
}

/// The kind of a one-line declaration that runs of stay together, if `line` is one.
fn declaration_kind(line: &str) -> Option<String> {
    if line.starts_with("//!") || line.starts_with("#![") {
        return Some("inner".to_owned());
    }
    let line = strip_visibility(line);
    if line.starts_with("use ") {
        Some("use".to_owned())
    } else if line.starts_with("mod ") && line.ends_with(';') {
        Some("mod".to_owned())
    } else if let Some((name, _)) = line.split_once("!(") {
        let is_macro = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == ':');
        is_macro.then(|| name.to_owned())
    } else {
        None
    }
}

fn strip_visibility(line: &str) -> &str {
    let Some(rest) = line.strip_prefix("pub") else {
        return line;
    };
    let rest = match rest.strip_prefix('(') {
        Some(scoped) => scoped.split_once(')').map_or(scoped, |(_, after)| after),
        None => rest,
    };
    rest.trim_start()
}

/// Pushes a frame for each `{` and pops one for each `}` of `line` outside string and char
/// literals; a frame pushed from an item frame holds items when `opens_items` says so.
fn track_braces(line: &str, frames: &mut Vec<Frame>, opens_items: bool) {
    // Most lines (fields, statements, calls) hold no brace: nothing to track. Bytes, not
    // chars: every byte this looks for is ASCII, and no byte of a multi-byte UTF-8 character
    // is one.
    let bytes = line.as_bytes();
    if !bytes.iter().any(|&b| b == b'{' || b == b'}') {
        return;
    }
    let mut in_string = false;
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' if in_string => index += 1,
            b'"' => in_string = !in_string,
            b'\'' if !in_string => {
                // A char literal (`'{'`) is skipped; a lifetime (`'a`) has no closing quote.
                let quoted = line[index + 1..].chars().next().map_or(1, char::len_utf8);
                let escaped = bytes.get(index + 1) == Some(&b'\\');
                let close = index + 1 + quoted + usize::from(escaped);
                if bytes.get(close) == Some(&b'\'') {
                    index = close;
                }
            }
            b'{' if !in_string => {
                let parent_items = frames.last().is_some_and(|frame| frame.items);
                frames.push(Frame::new(parent_items && opens_items));
            }
            // The file's own frame stays, whatever the braces.
            b'}' if !in_string && frames.len() > 1 => {
                frames.pop();
            }
            _ => {}
        }
        index += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::{Frame, space_items, track_braces};

    #[test]
    fn braces_in_char_and_string_literals_open_nothing() {
        for line in [
            "let c = '{';",
            "let c = '\\'';",
            "let c = 'é'; let s = \"{\";",
            "let s = \"\\\"{\";",
        ] {
            let mut frames = vec![Frame::new(true)];
            track_braces(line, &mut frames, false);
            assert_eq!(frames.len(), 1, "{line}");
        }
        let mut frames = vec![Frame::new(true)];
        track_braces("fn f<'a>(x: &'a str) -> char { 'é'", &mut frames, false);
        assert_eq!(frames.len(), 2);
    }

    #[test]
    fn items_are_apart_fields_and_statements_together() {
        let code = "\
//! Module docs.
//! Second line.
#![allow(x)]
use a::B;
use c::D;
/// A struct.
pub struct S {
    pub a: i64,
    pub b: String,
}
impl S {
    pub const C: u8 = 1;
    pub fn f(&self) -> u8 {
        let x = 1;
        if x == 1 { \"}\" } else { '{' };
        x
    }
    optional!(plain a: i64, \"`A`\");
    optional!(
        plain b: String, \"`B`\"
    );
    /// Build.
    pub fn build(self) {}
}
mod m;
mod n;
pub use m::*;
pub mod fields {
    #![allow(non_camel_case_types)]
    /// A.
    pub enum A {}
    /// B.
    pub enum B {}
}
";
        let expected = "\
//! Module docs.
//! Second line.
#![allow(x)]

use a::B;
use c::D;

/// A struct.
pub struct S {
    pub a: i64,
    pub b: String,
}

impl S {
    pub const C: u8 = 1;

    pub fn f(&self) -> u8 {
        let x = 1;
        if x == 1 { \"}\" } else { '{' };
        x
    }

    optional!(plain a: i64, \"`A`\");
    optional!(
        plain b: String, \"`B`\"
    );

    /// Build.
    pub fn build(self) {}
}

mod m;
mod n;

pub use m::*;

pub mod fields {
    #![allow(non_camel_case_types)]

    /// A.
    pub enum A {}

    /// B.
    pub enum B {}
}
";
        assert_eq!(space_items(code), expected);
    }

    #[test]
    fn multi_line_heads_and_bodies_end_an_item_at_their_closing_brace() {
        let code = "\
impl<S0, S1>
    Builder<S0, S1>
{
    required!(plain a: i64, \"`A`\", [] A[S1]);
}
pub const OPERATION: Info = Info {
    name: \"x\",
};
fn g<'a>(x: &'a str) -> &'a str {
    x
}
";
        let expected = "\
impl<S0, S1>
    Builder<S0, S1>
{
    required!(plain a: i64, \"`A`\", [] A[S1]);
}

pub const OPERATION: Info = Info {
    name: \"x\",
};

fn g<'a>(x: &'a str) -> &'a str {
    x
}
";
        assert_eq!(space_items(code), expected);
    }
}
