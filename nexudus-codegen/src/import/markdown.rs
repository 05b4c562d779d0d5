//! Reads the Markdown source the docs site serves for a REST page (Markdown with Mintlify
//! components) into the same [`Page`] as [`super::rendered`], keeping line numbers.
//!
//! The shape: a `> ## Documentation Index` block (ignored), `# Title`, a `> summary` line, the
//! entity's description, `## Authentication` with a `<Note>` naming the role in
//! ``**`X-Create`**``, an optional `## Enums` of `<Accordion title="eX — Field values">` tables,
//! `<ParamField body|query|path="Name" type="…" required default="…">description</ParamField>`
//! under `### Required Fields` / `### Optional Fields` / the query sections, code samples
//! (ignored), and `<ResponseField name="…" type="…">` under `## Response` / `### 200`.
//!
//! The page has no method line: the method and path come from the file name or URL
//! (`{verb}-{area}-{entities}[-by-id].md`, or `/rest-api/{area}/{verb}-{entities}….md`), checked
//! against the curl sample and the title.

use super::Warning;
use super::page::{EndsEarly, Page, PageField, StringTable, Table};
use super::rendered::{documented_type, table_heading};
use super::values;
use crate::spec::HttpMethod;

/// Whether a page is in the Markdown shape: by its content (its first line, its components),
/// else by its file name.
pub fn is_markdown(file_name: &str, text: &str) -> bool {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty());
    // The content decides first: a mirror may serve a rendered copy under the `.md` link
    // (the rendered page opens with the site's "Skip to main content" link).
    if first.is_some_and(|l| l.starts_with("# ") || l.starts_with("> "))
        || text.contains("<ParamField")
        || text.contains("<ResponseField")
    {
        return true;
    }
    if first == Some("Skip to main content") {
        return false;
    }
    let lower = file_name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".mdx")
}

/// Inline Markdown made readable the way the rendered page reads: `**X**` → `X`, `` `X` `` →
/// `X`, `[t](u)` → `t`, `<br/>` and other tags dropped.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            // `[text](url)`: the text.
            if let Some(close) = rest.find("](")
                && let Some(end) = rest[close..].find(')')
                && !rest[1..close].contains('[')
            {
                out.push_str(&plain(&rest[1..close]));
                rest = &rest[close + end + 1..];
                continue;
            }
        }
        if c == '<'
            && let Some(end) = rest.find('>')
            && rest[1..end]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphabetic() || n == '/')
            && !rest[1..end].contains('<')
        {
            rest = &rest[end + 1..];
            continue;
        }
        if matches!(c, '*' | '`') || (c == '_' && rest.starts_with("__")) {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// One component tag's attributes: `body="Name" type="string" required default={25}`.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = tag.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if !(c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            chars.next();
            continue;
        }
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                end = i + c.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let name = tag[start..end].to_owned();
        if chars.peek().map(|&(_, c)| c) != Some('=') {
            out.push((name, "true".to_owned()));
            continue;
        }
        chars.next();
        let value = match chars.next() {
            Some((open, quote @ ('"' | '\''))) => {
                let body = &tag[open + 1..];
                let len = body.find(quote).unwrap_or(body.len());
                for _ in 0..body[..len].chars().count() + 1 {
                    chars.next();
                }
                body[..len].to_owned()
            }
            Some((open, '{')) => {
                let body = &tag[open + 1..];
                let len = body.find('}').unwrap_or(body.len());
                for _ in 0..body[..len].chars().count() + 1 {
                    chars.next();
                }
                body[..len].trim().trim_matches(['"', '\'', '`']).to_owned()
            }
            Some((_, other)) if !other.is_whitespace() => {
                let mut value = other.to_string();
                while let Some(&(_, c)) = chars.peek() {
                    if c.is_whitespace() || c == '>' || c == '/' {
                        break;
                    }
                    value.push(c);
                    chars.next();
                }
                value
            }
            _ => String::new(),
        };
        out.push((name, value));
    }
    out
}

/// A component read from the page: its tag's attributes and the lines inside it.
struct Component {
    attributes: Vec<(String, String)>,
    /// The lines between the opening and closing tags (nested components included).
    body: Vec<String>,
    /// 1-based line of the opening tag.
    line: usize,
    /// The page ended before the closing tag.
    cut_inside_body: bool,
}

impl Component {
    fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body's text with nested components left out, lines joined with spaces.
    fn text(&self) -> String {
        let mut depth = 0usize;
        let mut words = Vec::new();
        for line in &self.body {
            let line = line.trim();
            if line.starts_with("</") {
                depth = depth.saturating_sub(1);
                continue;
            }
            if line.starts_with('<') && line.chars().nth(1).is_some_and(char::is_alphabetic) {
                if !line.ends_with("/>") && !line.contains("</") {
                    depth += 1;
                }
                continue;
            }
            if depth == 0 && !line.is_empty() {
                words.push(plain(line));
            }
        }
        words.join(" ")
    }
}

/// What a line opening a component names: `<ParamField …` → `ParamField`.
fn component_name(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('<')?;
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let name = &rest[..end];
    name.starts_with(|c: char| c.is_ascii_uppercase())
        .then_some(name)
}

/// Reads the component opening at `lines[at]`; returns it and the index after it, or `None`
/// when the page ends inside the opening tag (the name or type may be cut).
fn read_component(lines: &[&str], at: usize, name: &str) -> (Option<Component>, usize) {
    // The opening tag may span lines: up to the first `>` outside quotes.
    let mut tag = String::new();
    let mut index = at;
    let mut quote: Option<char> = None;
    let mut braces = 0usize;
    let mut after_tag: Option<(String, bool)> = None;
    'tag: while index < lines.len() {
        let line = lines[index];
        let skip = if index == at { 1 + name.len() } else { 0 };
        for (offset, c) in line.char_indices().skip_while(|(i, _)| *i < skip) {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '{') => braces += 1,
                (None, '}') => braces = braces.saturating_sub(1),
                (None, '>') if braces == 0 => {
                    let self_closing = tag.trim_end().ends_with('/');
                    after_tag = Some((line[offset + 1..].to_owned(), self_closing));
                    index += 1;
                    break 'tag;
                }
                _ => {}
            }
            tag.push(c);
        }
        tag.push(' ');
        index += 1;
    }
    let Some((rest_of_line, self_closing)) = after_tag else {
        return (None, lines.len());
    };
    let mut component = Component {
        attributes: attributes(tag.trim_end().trim_end_matches('/')),
        body: Vec::new(),
        line: at + 1,
        cut_inside_body: false,
    };
    if self_closing {
        return (Some(component), index);
    }
    let close = format!("</{name}>");
    let open = format!("<{name}");
    let mut depth = 1usize;
    let mut pending = Some(rest_of_line);
    loop {
        let line = match pending.take() {
            Some(first) => first,
            None if index < lines.len() => {
                index += 1;
                lines[index - 1].to_owned()
            }
            None => {
                component.cut_inside_body = true;
                return (Some(component), index);
            }
        };
        if line.trim_start().starts_with(&open) {
            depth += 1;
        }
        if let Some(end) = line.find(&close) {
            depth -= 1;
            if depth == 0 {
                component.body.push(line[..end].to_owned());
                return (Some(component), index);
            }
        }
        component.body.push(line);
    }
}

/// The cells of a Markdown table row: `| 1 | Individual |` → `["1", "Individual"]`.
fn cells(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix('|')?;
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').map(|c| c.trim().to_owned()).collect())
}

fn is_separator(cells: &[String]) -> bool {
    cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

/// Method and path from a page's file name or URL.
fn from_name(file_name: &str) -> Option<(HttpMethod, String, bool)> {
    let name = file_name.rsplit(['/', '\\']).next()?;
    let stem = name
        .strip_suffix(".mdx")
        .or_else(|| name.strip_suffix(".md"))
        .or_else(|| name.strip_suffix(".txt"))
        .unwrap_or(name);
    let mut parts: Vec<&str> = stem.split('-').collect();
    let url_area = file_name
        .split("/rest-api/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .filter(|area| !area.is_empty() && !area.contains('.'));
    let method = match parts.first()?.to_ascii_lowercase().as_str() {
        "get" => HttpMethod::Get,
        "post" => HttpMethod::Post,
        "put" => HttpMethod::Put,
        "delete" => HttpMethod::Delete,
        "patch" => HttpMethod::Patch,
        _ => return None,
    };
    parts.remove(0);
    let batch = parts.last() == Some(&"batch");
    let by_id = match parts.as_slice() {
        [.., "by", "id"] => {
            parts.truncate(parts.len() - 2);
            true
        }
        [_, .., "id"] => {
            parts.pop();
            true
        }
        _ => false,
    };
    if batch {
        parts.pop();
    }
    let (area, entities) = match (url_area, parts.as_slice()) {
        (Some(area), [entities]) => (area, *entities),
        (_, [area, entities]) => (*area, *entities),
        _ => return None,
    };
    let ok = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric());
    if !ok(area) || !ok(entities) {
        return None;
    }
    let mut path = format!("/api/{area}/{entities}");
    if by_id {
        path.push_str("/{id}");
    }
    Some((method, path, batch))
}

/// `curl -X GET "https://spaces.nexudus.com/api/crm/coworkertasks/87654321"`: the method and
/// the path, numbers read as `{id}`.
fn from_curl(sample: &str) -> Option<(HttpMethod, String)> {
    let words: Vec<&str> = sample.split_whitespace().collect();
    let method = words
        .windows(2)
        .find(|w| w[0] == "-X" || w[0] == "--request")
        .and_then(|w| HttpMethod::parse(w[1].trim_matches(['"', '\''])))
        .unwrap_or(HttpMethod::Get);
    let url = words
        .iter()
        .map(|w| w.trim_matches(['"', '\'']))
        .find(|w| w.starts_with("http"))?;
    let path = &url[url.find("/api/")?..];
    let path = path.split('?').next().unwrap_or(path);
    let path: Vec<String> = path
        .split('/')
        .map(|segment| {
            if !segment.is_empty() && segment.chars().all(|c| c.is_ascii_digit()) {
                "{id}".to_owned()
            } else {
                segment.to_owned()
            }
        })
        .collect();
    Some((method, path.join("/").trim_end_matches('/').to_owned()))
}

/// The method a title's verb implies: `Create X` → POST, `Search X` → GET, ….
fn from_title(title: &str) -> Option<HttpMethod> {
    match title.split_whitespace().next()? {
        "Create" | "Add" => Some(HttpMethod::Post),
        "Update" | "Edit" => Some(HttpMethod::Put),
        "Delete" | "Remove" => Some(HttpMethod::Delete),
        "Get" | "Search" | "List" | "Fetch" => Some(HttpMethod::Get),
        _ => None,
    }
}

/// Headings that end the description: the page's sections.
const SECTIONS: &[&str] = &[
    "Authentication",
    "Enums",
    "Request Body",
    "Path Parameters",
    "Query Parameters",
    "Code Examples",
    "Response",
];

/// Reads a page in the Markdown shape. Never fails: what it cannot read becomes a warning.
pub fn parse(file_name: &str, text: &str) -> Page {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut page = Page {
        role_line: 1,
        ..Page::default()
    };
    let mut index = 0;
    // The site's preamble pointing at llms.txt.
    if lines
        .first()
        .is_some_and(|l| l.trim_start().starts_with("> ## Documentation Index"))
    {
        while lines.get(index).is_some_and(|l| l.starts_with('>')) {
            index += 1;
        }
    }
    let mut section: Option<String> = None;
    let mut subsection: Option<String> = None;
    let mut description: Vec<String> = Vec::new();
    let mut summary_seen = false;
    let mut curl: Option<(HttpMethod, String, usize)> = None;
    let mut read_200 = false;
    let mut code_examples = false;
    let mut title_line = 0;
    while index < lines.len() {
        let raw = lines[index];
        let line = raw.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            let fence = &line[..3];
            let start = index;
            index += 1;
            let mut sample = String::new();
            while index < lines.len() && !lines[index].trim().starts_with(fence) {
                sample.push_str(lines[index]);
                sample.push(' ');
                index += 1;
            }
            if index == lines.len() {
                page.warnings.push(Warning {
                    line: start + 1,
                    message: "the page ends inside a code sample opened here: it is cut off; kept what was read".to_owned(),
                });
                page.ends_early.get_or_insert(EndsEarly {
                    line: lines.len(),
                    in_description_of: None,
                });
            }
            if curl.is_none()
                && sample.contains("curl")
                && let Some((method, path)) = from_curl(&sample)
            {
                curl = Some((method, path, start + 1));
            }
            index += 1;
            continue;
        }
        if let Some(title) = line.strip_prefix("# ") {
            if page.title.is_none() {
                page.title = Some(plain(title.trim()));
                title_line = index + 1;
            }
            index += 1;
            continue;
        }
        if let Some(heading) = line.strip_prefix("## ") {
            let heading = plain(heading.trim());
            if section.is_some() || SECTIONS.contains(&heading.as_str()) {
                code_examples |= heading == "Code Examples" || heading == "Response";
                if heading == "Authentication" {
                    page.role_line = index + 1;
                }
                section = Some(heading);
                subsection = None;
                index += 1;
                continue;
            }
        }
        if let Some(heading) = line.strip_prefix("### ")
            && section.is_some()
        {
            subsection = Some(plain(heading.trim()));
            read_200 =
                section.as_deref() == Some("Response") && subsection.as_deref() == Some("200");
            index += 1;
            continue;
        }
        if section.is_none() && page.title.is_some() && !summary_seen && line.starts_with('>') {
            // The `> summary` line: the site's one-line summary, which the rendered page
            // does not show.
            summary_seen = true;
            index += 1;
            continue;
        }
        if let Some(name) = component_name(line) {
            let name = name.to_owned();
            let (component, next) = read_component(&lines, index, &name);
            let Some(component) = component else {
                page.warnings.push(Warning {
                    line: index + 1,
                    message: format!(
                        "the page ends inside this <{name}> tag: it is cut off; the tag is left out"
                    ),
                });
                page.ends_early.get_or_insert(EndsEarly {
                    line: index + 1,
                    in_description_of: None,
                });
                break;
            };
            if component.cut_inside_body {
                page.warnings.push(Warning {
                    line: component.line,
                    message: format!(
                        "the page ends inside this <{name}>: it is cut off; kept what it showed"
                    ),
                });
                // A field's description is the page's last text, and may stop mid-sentence.
                let field = ["body", "query", "path", "name"]
                    .iter()
                    .find_map(|attribute| component.get(attribute))
                    .filter(|_| matches!(name.as_str(), "ParamField" | "ResponseField"));
                page.ends_early.get_or_insert(EndsEarly {
                    line: lines.len(),
                    in_description_of: field.map(str::to_owned),
                });
            }
            index = next;
            match name.as_str() {
                "Note" if section.as_deref() == Some("Authentication") => {
                    page.role_line = component.line;
                    let text = component.text();
                    page.role = text
                        .split_once("have the ")
                        .and_then(|(_, rest)| rest.split_whitespace().next())
                        .map(|role| role.trim_end_matches(['.', ',']).to_owned())
                        .filter(|role| role.contains('-'));
                    if page.role.is_none() && !component.cut_inside_body {
                        page.warnings.push(Warning {
                            line: component.line,
                            message: "the Authentication note names no role".to_owned(),
                        });
                    }
                }
                "Accordion" if section.as_deref() == Some("Enums") => {
                    enum_table(&component, &mut page);
                }
                "ParamField" => param_field(&component, subsection.as_deref(), &mut page),
                "ResponseField" if read_200 => {
                    if let Some(field) = field_of(&component, "name", false, &mut page.warnings) {
                        page.fields.push(field);
                    }
                }
                _ => {}
            }
            continue;
        }
        if section.is_none() && page.title.is_some() {
            if line.starts_with('|') {
                let start = index;
                let mut rows = Vec::new();
                while let Some(row) = lines.get(index).and_then(|l| cells(l)) {
                    rows.push(row);
                    index += 1;
                }
                description_table(&rows, start, &mut description, &mut page.string_tables);
                continue;
            }
            if !line.is_empty() {
                description.push(description_line(line));
            }
        }
        index += 1;
    }
    page.description = description.join(" ");
    if page.role.is_none() && section.is_some() {
        page.warnings.push(Warning {
            line: page.role_line,
            message: "no Authentication note naming a role: role unknown".to_owned(),
        });
    }
    if !code_examples {
        page.ends_early.get_or_insert(EndsEarly {
            line: lines.len(),
            in_description_of: None,
        });
        page.warnings.push(Warning {
            line: lines.len(),
            message:
                "the page ends before its Code Examples: it may be cut off; kept what was read"
                    .to_owned(),
        });
    }
    locate(file_name, curl, title_line, &mut page);
    page
}

/// A description line as the rendered page reads it: headings and list markers as text.
fn description_line(line: &str) -> String {
    let line = line.trim_start_matches('#').trim_start();
    let line = match line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        Some(item) => format!("\u{2022} {item}"),
        None => line.to_owned(),
    };
    plain(&line)
}

/// A table in the description: a table of a field's values becomes a [`StringTable`]; any
/// other table is kept as text, its cells joined as the rendered page joins them.
fn description_table(
    rows: &[Vec<String>],
    start: usize,
    description: &mut Vec<String>,
    tables: &mut Vec<StringTable>,
) {
    let header = rows.first();
    let field = header
        .and_then(|h| h.first())
        .map(|f| plain(f))
        .filter(|f| values::is_field_name(f));
    let body: Vec<&Vec<String>> = rows.iter().skip(1).filter(|r| !is_separator(r)).collect();
    let parsed: Option<Vec<(String, String)>> =
        body.iter().map(|r| values::markdown_row(r)).collect();
    match (field, parsed) {
        (Some(field), Some(rows)) if !rows.is_empty() => {
            let rows = rows.into_iter().map(|(v, m)| (v, plain(&m))).collect();
            tables.push(StringTable {
                description: values::sentence_naming(&description.join(" "), &field),
                field,
                rows,
                line: start + 1,
            });
        }
        _ => {
            for row in rows.iter().filter(|r| !is_separator(r)) {
                description.push(plain(&row.concat()));
            }
        }
    }
}

/// One `<Accordion title="eX — Field values">` of the Enums section.
fn enum_table(component: &Component, page: &mut Page) {
    let title = component.get("title").unwrap_or_default();
    // A title that names no enum (`Values`) leaves the table to be paired by meaning, as a
    // heading-less table of the rendered page is.
    let (name, field) = table_heading(title)
        .filter(|(name, _)| !matches!(name.as_str(), "Values" | "Enum" | "Enums"))
        .unzip();
    let mut table = Table {
        rows: Vec::new(),
        line: component.line,
        name,
        field: field.flatten(),
    };
    for (offset, line) in component.body.iter().enumerate() {
        let Some(row) = cells(line) else { continue };
        if is_separator(&row) || row.first().is_some_and(|c| c == "Value") {
            continue;
        }
        let parsed = match row.as_slice() {
            [value, name, ..] => value
                .trim_matches('`')
                .parse::<i64>()
                .ok()
                .map(|v| (v, plain(name).trim().to_owned()))
                .filter(|(_, n)| {
                    !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || c == '_')
                }),
            _ => None,
        };
        match parsed {
            Some(row) => table.rows.push(row),
            None => page.warnings.push(Warning {
                line: component.line + offset,
                message: format!("unexpected row in the `{title}` table: `{}`", line.trim()),
            }),
        }
    }
    page.tables.push(table);
}

/// One `<ParamField>`: a body field, a query parameter, or a path parameter (not imported,
/// as on the rendered page).
fn param_field(component: &Component, subsection: Option<&str>, page: &mut Page) {
    let (kind, out) = if component.get("body").is_some() {
        ("body", &mut page.fields)
    } else if component.get("query").is_some() {
        ("query", &mut page.query)
    } else {
        return;
    };
    let required_section = subsection == Some("Required Fields");
    if let Some(field) = field_of(component, kind, required_section, &mut page.warnings) {
        out.push(field);
    }
}

/// A field from a component's attributes and text; `None` (with a warning) when its type is
/// nested JSON or it has no name or type.
fn field_of(
    component: &Component,
    name_attribute: &str,
    required_section: bool,
    warnings: &mut Vec<Warning>,
) -> Option<PageField> {
    let Some(name) = component
        .get(name_attribute)
        .filter(|n| !n.trim().is_empty())
    else {
        warnings.push(Warning {
            line: component.line,
            message: format!("a field without a `{name_attribute}` name; left out"),
        });
        return None;
    };
    let Some(ty) = component.get("type").filter(|t| !t.trim().is_empty()) else {
        warnings.push(Warning {
            line: component.line,
            message: format!("field `{name}` has no type; left out"),
        });
        return None;
    };
    let ty = ty.trim();
    let structured = matches!(ty, "object" | "array" | "any")
        || (ty.ends_with("[]") && documented_type(ty).is_none());
    if structured {
        warnings.push(Warning {
            line: component.line,
            message: format!("field `{name}` has type `{ty}` (nested JSON), which the spec format cannot hold; left out"),
        });
        return None;
    }
    if documented_type(ty).is_none() {
        warnings.push(Warning {
            line: component.line,
            message: format!(
                "field `{name}` has type `{ty}`, which the importer does not know; kept as `string`"
            ),
        });
    }
    let required = required_section || component.get("required").is_some_and(|r| r != "false");
    Some(PageField {
        name: name.trim().to_owned(),
        ty: ty.to_owned(),
        required,
        description: component.text(),
        default: component
            .get("default")
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned),
        line: component.line,
    })
}

/// Sets the page's method and path from its file name, checked against the curl sample and
/// the title; without a usable name, from the curl sample.
fn locate(
    file_name: &str,
    curl: Option<(HttpMethod, String, usize)>,
    title_line: usize,
    page: &mut Page,
) {
    let named = from_name(file_name);
    let (method, path) = match (&named, &curl) {
        (Some((method, path, batch)), _) => {
            if *batch {
                page.unsupported = true;
                page.warnings.push(Warning {
                    line: 0,
                    message: format!(
                        "`{method} {path}?id=[…]` fetches several records by id in one request, which the spec format has no operation kind for; nothing imported"
                    ),
                });
            }
            if let Some((curl_method, curl_path, line)) = &curl
                && (curl_method != method || curl_path != path)
                && !*batch
            {
                page.warnings.push(Warning {
                    line: *line,
                    message: format!(
                        "the curl sample says `{curl_method} {curl_path}` but the page's name `{file_name}` says `{method} {path}`; kept the name's"
                    ),
                });
            }
            (*method, path.clone())
        }
        (None, Some((method, path, _))) => (*method, path.clone()),
        (None, None) => {
            page.warnings.push(Warning {
                line: 0,
                message: format!(
                    "no HTTP method found: the name `{file_name}` is not `{{verb}}-{{area}}-{{entities}}[-by-id].md` and the page has no curl sample"
                ),
            });
            return;
        }
    };
    if let Some(implied) = page.title.as_deref().and_then(from_title)
        && implied != method
    {
        page.warnings.push(Warning {
            line: title_line,
            message: format!(
                "the title `{}` reads as {implied} but the page is {method}",
                page.title.as_deref().unwrap_or_default()
            ),
        });
    }
    page.method = method.as_str().to_owned();
    page.path = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markdown_reads_as_text() {
        assert_eq!(
            plain("A **CoworkerTask** is linked (`CoworkerId`); see [the docs](https://x/y)."),
            "A CoworkerTask is linked (CoworkerId); see the docs."
        );
        assert_eq!(plain("a < b and snake_case"), "a < b and snake_case");
    }

    #[test]
    fn attributes_come_in_any_order_and_form() {
        let read = attributes(r#" type="integer" default={25} required={true} query="size" "#);
        let get = |n: &str| read.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        assert_eq!(get("query"), Some("size"));
        assert_eq!(get("type"), Some("integer"));
        assert_eq!(get("default"), Some("25"));
        assert_eq!(get("required"), Some("true"));
        let bare = attributes(r#"body="Id" type="integer" required"#);
        assert_eq!(
            bare.last(),
            Some(&("required".to_owned(), "true".to_owned()))
        );
    }

    #[test]
    fn names_give_method_and_path() {
        assert_eq!(
            from_name("get-crm-coworkertasks-by-id.md"),
            Some((
                HttpMethod::Get,
                "/api/crm/coworkertasks/{id}".to_owned(),
                false
            ))
        );
        assert_eq!(
            from_name("https://learn.nexudus.com/rest-api/spaces/get-coworkers.md"),
            Some((HttpMethod::Get, "/api/spaces/coworkers".to_owned(), false))
        );
        assert_eq!(
            from_name("pages/get-spaces-desks-batch.md"),
            Some((HttpMethod::Get, "/api/spaces/desks".to_owned(), true))
        );
        assert_eq!(from_name("notes.md"), None);
    }

    #[test]
    fn curl_samples_give_method_and_path() {
        assert_eq!(
            from_curl(r#"curl -X PUT \ "https://spaces.nexudus.com/api/spaces/desks/87654321" \"#),
            Some((HttpMethod::Put, "/api/spaces/desks/{id}".to_owned()))
        );
    }

    #[test]
    fn a_field_cut_inside_its_tag_is_left_out_and_located() {
        let page = parse(
            "put-spaces-desks.md",
            "# Update Desk\n\n## Request Body\n\n### Required Fields\n\n<ParamField body=\"Id\" type=\"integer\" required>\n  The Id.\n</ParamField>\n\n<ParamField body=\"Na",
        );
        let names: Vec<&str> = page.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["Id"]);
        assert!(
            page.warnings
                .iter()
                .any(|w| w.line == 11 && w.message.contains("cut off")),
            "{:?}",
            page.warnings
        );
    }

    #[test]
    fn a_multi_line_description_and_a_cut_body_keep_what_they_show() {
        let page = parse(
            "post-spaces-desks.md",
            "# Create Desk\n\n## Request Body\n\n### Optional Fields\n\n<ParamField type=\"string\"\n  body=\"Notes\" default=\"none\">\n  First line,\n  **second** line.\n</ParamField>\n\n<ParamField body=\"Code\" type=\"string\">\n  Purchase or",
        );
        let read: Vec<(&str, &str, Option<&str>, usize)> = page
            .fields
            .iter()
            .map(|f| {
                (
                    f.name.as_str(),
                    f.description.as_str(),
                    f.default.as_deref(),
                    f.line,
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                ("Notes", "First line, second line.", Some("none"), 7),
                ("Code", "Purchase or", None, 13)
            ]
        );
        assert!(page.warnings.iter().any(|w| w.line == 13));
    }
}
