//! A doc page read into its parts: the data [`super::rendered`] produces and
//! [`super::pair`] and [`super::assemble`] read, with the page's line numbers for warnings.

use super::Warning;

/// One documented field, before enums are resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct PageField {
    /// The exact JSON name.
    pub name: String,
    /// The type as documented (`string`, `integer[]`, …).
    pub ty: String,
    /// Listed under Required Fields / marked `required`.
    pub required: bool,
    /// The description, lines joined with spaces.
    pub description: String,
    /// A documented default (`default:"25"`), without its quotes.
    pub default: Option<String>,
    /// 1-based line of the name.
    pub line: usize,
}

/// One heading-less enum table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// `(value, name)` rows.
    pub rows: Vec<(i64, String)>,
    /// 1-based line of its `ValueName` header.
    pub line: usize,
    /// The enum's name, when a heading names the table (`eGender — Gender values`); most
    /// pages have none, and the table is paired by meaning.
    pub name: Option<String>,
    /// The field the heading names (`RepeatCycle` of `eRecurrentChargePattern — RepeatCycle
    /// values`): Markdown pages link a field to its table this way instead of "See eX enum".
    pub field: Option<String>,
}

/// A table of a string field's common values (`NotificationType` / `Meaning`): the set is
/// open, so it becomes a forward-compatible string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct StringTable {
    /// The field whose values the table lists (the first column's header).
    pub field: String,
    /// `(value, meaning)` rows in page order.
    pub rows: Vec<(String, String)>,
    /// The sentence of the description that names the field, as the enum's description.
    pub description: String,
    /// 1-based line of the table's header.
    pub line: usize,
}

/// A page read into its parts.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// `POST`, `PUT`, …
    pub method: String,
    /// `/api/spaces/coworkernotes`, with `{id}` segments when the page has them.
    pub path: String,
    /// The title (`Create CoworkerNote`), when the page has one.
    pub title: Option<String>,
    /// The paragraph above Authentication.
    pub description: String,
    /// The role named by the Authentication paragraph.
    pub role: Option<String>,
    /// 1-based line where the page names its role, or would: its Authentication paragraph or
    /// note (1 when it has none). Warnings about a missing role point here.
    pub role_line: usize,
    /// The enum tables, in page order.
    pub tables: Vec<Table>,
    /// The tables of string values, in page order.
    pub string_tables: Vec<StringTable>,
    /// The request (or, for get pages, response) fields in page order.
    pub fields: Vec<PageField>,
    /// Query parameters of list pages (`page`, `size`, filters), by name.
    pub query: Vec<PageField>,
    /// Problems found while reading.
    pub warnings: Vec<Warning>,
    /// The page documents nothing the spec format can hold (a batch get by several ids);
    /// its warnings say why.
    pub unsupported: bool,
    /// Where the page stops before its end (a partial copy), when it does: what it shows is
    /// imported, and the spec says that the rest is unknown.
    pub ends_early: Option<EndsEarly>,
}

/// Where a page that stops before its end stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndsEarly {
    /// 1-based line of the page's last text.
    pub line: usize,
    /// The field whose description is the page's last text, and so may be cut mid-sentence.
    pub in_description_of: Option<String>,
}
