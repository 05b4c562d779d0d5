//! Reads the text of a rendered Nexudus REST doc page into a [`Page`], keeping line
//! numbers for warnings.
//!
//! The pages are text copies of the rendered site: the method and the path come split over
//! lines (`POST`, `/`, `api`, `/`, `spaces`, …), then the title, curl and JSON samples, the
//! entity's description, an Authentication paragraph naming the role, an optional Enums
//! section of `ValueName` tables (heading-less on most pages), the Required and Optional Fields as
//! name / type / `required` / description groups, code examples and responses.

use super::Warning;
use super::page::{EndsEarly, Page, PageField, Table};
use crate::spec::{HttpMethod, SpecType};

/// The type a page documents, when the spec format has it; the importer leaves fields of any
/// other type out, with a warning.
pub(super) fn documented_type(ty: &str) -> Option<SpecType> {
    SpecType::parse(ty).filter(|t| t.is_documented())
}

/// Types of nested JSON (`object`, `object[]`, `array`, `any`): the spec format has no type
/// for them, and a `string` in their place would break decoding a record or send the wrong
/// JSON, so such fields are left out, with a warning.
fn is_structured(ty: &str) -> bool {
    matches!(ty, "object" | "array" | "any")
        || (ty.ends_with("[]") && documented_type(ty).is_none())
}

/// `eGender — Gender values` (or `eGender`) above a table: the enum's name, and the field the
/// heading names (`Gender`), when it names one.
pub(super) fn table_heading(line: &str) -> Option<(String, Option<String>)> {
    let mut parts = line.splitn(2, " — ");
    let name = parts.next()?.trim();
    let field = parts
        .next()
        .and_then(|rest| rest.trim().strip_suffix(" values"))
        .map(str::trim)
        .filter(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .map(str::to_owned);
    (name.len() > 1
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "ValueName")
        .then(|| (name.to_owned(), field))
}

/// Headings inside a page's field and parameter sections; they are neither fields nor part
/// of a description.
const SUBHEADINGS: &[&str] = &[
    "Pagination & Sorting",
    "Filters",
    "Range Filters",
    "Path Parameters",
    "Query Parameters",
    "Request Body",
    "Example Response",
];

/// A line that ends what can be a field's description: a subheading, or the start of a JSON
/// sample.
fn ends_description(line: &str) -> bool {
    SUBHEADINGS.contains(&line) || line.starts_with('{') || line.starts_with('[')
}

/// `default:"25"` (or `default: 25`) under a field's type: the value without quotes.
fn default_of(line: &str) -> Option<String> {
    let value = line.strip_prefix("default:")?.trim();
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value);
    (!value.is_empty()).then(|| value.to_owned())
}

/// Lines that close the curl and JSON samples at the top of a page.
fn ends_sample(line: &str) -> bool {
    matches!(line, "}" | "]" | "'" | "}'" | "]'")
        || line.starts_with("curl ")
        || line.starts_with("--")
}

fn is_type_line(line: &str) -> bool {
    !line.is_empty()
        && line.len() <= 24
        && line.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '[' | ']' | '-' | '?')
        })
}

fn is_name_line(line: &str) -> bool {
    !line.is_empty()
        && !line.contains(' ')
        && line
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// A last line that leaves a code sample open (a trailing comma or backslash, an open
/// bracket, an unclosed string): the copy of the page stops inside its examples.
fn leaves_a_sample_open(line: &str) -> bool {
    line.ends_with([',', '\\', '{', '[']) || line.matches('"').count() % 2 == 1
}

/// Reads a page. Never fails: what it cannot read becomes a warning.
pub fn parse(text: &str) -> Page {
    let text = super::with_unix_line_endings(text);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut page = Page {
        role_line: 1,
        ..Page::default()
    };
    let find = |wanted: &str, from: usize| {
        lines
            .iter()
            .skip(from)
            .position(|l| *l == wanted)
            .map(|i| i + from)
    };

    // Method and path.
    let Some(method_at) = lines.iter().position(|l| HttpMethod::parse(l).is_some()) else {
        page.warnings.push(Warning {
            line: 1,
            message: "no HTTP method found: this does not look like a Nexudus REST doc page"
                .to_owned(),
        });
        return page;
    };
    page.method = lines[method_at].to_owned();
    let mut at = method_at + 1;
    let mut path = String::new();
    while let Some(line) = lines.get(at) {
        // Segments alternate with `/` lines; the first other line ends the path.
        let segment = if path.ends_with('/') {
            !line.is_empty()
                && line
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '{' | '}' | '_' | '-'))
        } else {
            *line == "/"
        };
        if !segment {
            break;
        }
        path.push_str(line);
        at += 1;
    }
    page.path = path;
    if lines.get(at).is_some_and(|line| line.starts_with('?')) {
        // `GET /api/spaces/coworkers/?id=[{id1},{id2}]`: records by several ids at once.
        page.unsupported = true;
        page.warnings.push(Warning {
            line: at + 1,
            message: format!(
                "`{} {}?…` fetches several records by id in one request, which the spec format has no operation kind for; nothing imported",
                page.method,
                page.path.trim_end_matches('/')
            ),
        });
        return page;
    }
    if let Some(line) = lines.get(at)
        && line.contains(' ')
        && !line.starts_with("curl")
        && !line.starts_with('{')
    {
        page.title = Some((*line).to_owned());
    }

    // Description and role.
    match find("Authentication", at) {
        Some(auth) => {
            // The prose after the samples (curl, JSON) and before Authentication; a delete
            // page has a second paragraph warning that deleting is permanent.
            let after_title = at + usize::from(page.title.is_some());
            let first = lines[..auth]
                .iter()
                .rposition(|l| ends_sample(l))
                .map_or(after_title, |i| (i + 1).max(after_title));
            let prose = super::values::take_glued_tables(
                &lines[first..auth],
                first,
                &mut page.string_tables,
            );
            page.description = prose.join(" ");
            let paragraph = lines
                .iter()
                .skip(auth + 1)
                .find(|l| !l.is_empty())
                .copied()
                .unwrap_or_default();
            page.role = paragraph
                .split_once("have the ")
                .and_then(|(_, rest)| rest.split_whitespace().next())
                .map(|role| role.trim_end_matches(['.', ',']).to_owned());
            page.role_line = auth + 2;
            if page.role.is_none() {
                page.warnings.push(Warning {
                    line: auth + 2,
                    message: "the Authentication paragraph names no role".to_owned(),
                });
            }
        }
        None => page.warnings.push(Warning {
            line: 1,
            message: "no Authentication section: description and role unknown".to_owned(),
        }),
    }

    // Enum tables.
    if let Some(enums_at) = find("Enums", 0) {
        let mut index = enums_at + 1;
        let mut heading = None;
        while let Some(line) = lines.get(index) {
            if matches!(
                *line,
                "Request Body"
                    | "Required Fields"
                    | "Optional Fields"
                    | "Response"
                    | "Query Parameters"
            ) {
                break;
            }
            if *line == "ValueName" {
                let (name, field) = heading.take().unzip();
                page.tables.push(Table {
                    rows: Vec::new(),
                    line: index + 1,
                    name,
                    field: field.flatten(),
                });
            } else if let (Some(table), Some(row)) = (page.tables.last_mut(), table_row(line)) {
                table.rows.push(row);
            } else if let Some(named) = table_heading(line)
                .filter(|_| lines[index + 1..].iter().find(|l| !l.is_empty()) == Some(&"ValueName"))
            {
                heading = Some(named);
            } else if !line.is_empty() {
                page.warnings.push(Warning {
                    line: index + 1,
                    message: format!("unexpected line in the Enums section: `{line}`"),
                });
            }
            index += 1;
        }
    }

    // Fields: request body sections; for get pages, the 200 response fields.
    let code_examples = find("Code Examples", 0);
    let end = code_examples.unwrap_or(lines.len());
    let last_text = lines.iter().rposition(|l| !l.is_empty());
    let is_get = page.method == HttpMethod::Get.as_str() && page.path.contains('{');
    // A get page documents the record in its 200 response (a list page's response is the
    // page of records, the same for every entity); a complete page closes those fields with
    // an Example Response or the next status.
    let response_fields = if is_get {
        find("Response", end).map(|response| {
            let start = find("200", response).unwrap_or(response) + 1;
            let stop = lines
                .iter()
                .enumerate()
                .skip(start)
                .find(|(_, l)| l.len() == 3 && l.chars().all(|c| c.is_ascii_digit()))
                .map_or(lines.len(), |(i, _)| i);
            (start, stop)
        })
    } else {
        None
    };
    let unclosed_response = response_fields.is_some_and(|(start, stop)| {
        stop == lines.len() && !lines[start..stop].contains(&"Example Response")
    });
    let ends_early = if code_examples.is_none() {
        Some("the page ends before its Code Examples")
    } else if unclosed_response {
        Some("the page ends inside the fields of its response")
    } else if last_text.is_some_and(|at| leaves_a_sample_open(lines[at])) {
        Some("the page ends inside a code sample")
    } else {
        None
    };
    let cut_at = ends_early.and(last_text);
    if let (Some(reason), Some(at)) = (ends_early, last_text) {
        page.warnings.push(Warning {
            line: at + 1,
            message: format!(
                "{reason}: it is cut off; kept what it shows, and the spec says the rest is unknown"
            ),
        });
    }
    let mut reader = FieldReader {
        lines: &lines,
        cut_at,
        in_description_of: None,
        warnings: &mut page.warnings,
    };
    for (heading, required) in [("Required Fields", true), ("Optional Fields", false)] {
        if let Some(start) = find(heading, 0).filter(|s| *s < end) {
            let stop = ["Required Fields", "Optional Fields", "Code Examples"]
                .iter()
                .filter_map(|h| find(h, start + 1))
                .min()
                .unwrap_or(lines.len());
            reader.read(start + 1, stop, required, &mut page.fields);
        }
    }
    if let Some(start) = find("Query Parameters", 0) {
        let stop = ["Request Body", "Code Examples", "Response"]
            .iter()
            .filter_map(|h| find(h, start + 1))
            .min()
            .unwrap_or(lines.len());
        reader.read(start + 1, stop, false, &mut page.query);
    }
    if let Some((start, stop)) = response_fields.filter(|_| page.fields.is_empty()) {
        reader.read(start, stop, false, &mut page.fields);
    }
    let in_description_of = reader.in_description_of.take();
    if let (Some(_), Some(at)) = (ends_early, last_text) {
        page.ends_early = Some(EndsEarly {
            line: at + 1,
            in_description_of,
        });
    }
    page
}

fn table_row(line: &str) -> Option<(i64, String)> {
    let digits = line
        .char_indices()
        .take_while(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '-'))
        .count();
    let (number, name) = line.split_at(digits);
    let number = number.parse().ok()?;
    (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .then(|| (number, name.to_owned()))
}

/// Reads name / type / `required` / description groups, knowing where a cut-off page stops.
struct FieldReader<'a> {
    lines: &'a [&'a str],
    /// The index of the page's last text when the page ends early.
    cut_at: Option<usize>,
    /// The field whose description the page's last text is.
    in_description_of: Option<String>,
    warnings: &'a mut Vec<Warning>,
}

impl FieldReader<'_> {
    fn read(
        &mut self,
        start: usize,
        stop: usize,
        required_section: bool,
        out: &mut Vec<PageField>,
    ) {
        let lines = self.lines;
        let starts_field = |at: usize| {
            at + 1 < stop
                && is_name_line(lines[at])
                && !SUBHEADINGS.contains(&lines[at])
                && is_type_line(lines[at + 1])
        };
        let mut index = start;
        while index < stop {
            let line = lines[index];
            if line == "Example Response" {
                // The sample record after a response's fields: not fields, and not the last
                // field's description.
                break;
            }
            if starts_field(index) {
                let name = line.to_owned();
                let ty = lines[index + 1].to_owned();
                let mut next = index + 2;
                let mut required = required_section;
                let mut default = None;
                while next < stop {
                    match lines[next] {
                        "required" => required = true,
                        line => match default_of(line) {
                            Some(value) => default = Some(value),
                            None => break,
                        },
                    }
                    next += 1;
                }
                let first_description_line = next;
                let mut description = Vec::new();
                while next < stop && !starts_field(next) && !ends_description(lines[next]) {
                    if !lines[next].is_empty() {
                        if Some(next) == self.cut_at && next != first_description_line {
                            // The page stops in what comes after this field (a name without
                            // its type, a heading cut to a letter): not part of the field.
                            self.warnings.push(Warning {
                                line: next + 1,
                                message: format!(
                                    "the page ends with `{}`, cut off; it is not part of the description of `{name}`, and left out",
                                    lines[next]
                                ),
                            });
                        } else {
                            description.push(lines[next]);
                        }
                    }
                    next += 1;
                }
                if self.cut_at == Some(first_description_line) {
                    self.in_description_of = Some(name.clone());
                }
                if self.cut_at == Some(index + 1) {
                    self.warnings.push(Warning {
                        line: index + 2,
                        message: format!(
                            "the page ends at the type of `{name}` (`{ty}`), which may be cut off; the field is left out"
                        ),
                    });
                    index = next;
                    continue;
                }
                if is_structured(&ty) {
                    self.warnings.push(Warning {
                        line: index + 2,
                        message: format!("field `{name}` has type `{ty}` (nested JSON), which the spec format cannot hold; left out"),
                    });
                    index = next;
                    continue;
                }
                out.push(PageField {
                    name,
                    ty,
                    required,
                    description: description.join(" "),
                    default,
                    line: index + 1,
                });
                index = next;
            } else {
                if Some(index) == self.cut_at && is_name_line(line) {
                    self.warnings.push(Warning {
                        line: index + 1,
                        message: format!(
                            "the page ends with `{line}`, cut off before its type; left out"
                        ),
                    });
                } else if !line.is_empty()
                    && !SUBHEADINGS.contains(&line)
                    && out.last().is_none()
                    && index > start
                {
                    self.warnings.push(Warning {
                        line: index + 1,
                        message: format!("skipped a line that is not a field: `{line}`"),
                    });
                }
                index += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_split_value_and_name() {
        assert_eq!(
            table_row("94CreditNote"),
            Some((94, "CreditNote".to_owned()))
        );
        assert_eq!(table_row("-1Negative"), Some((-1, "Negative".to_owned())));
        assert_eq!(table_row("ValueName"), None);
        assert_eq!(table_row("12"), None);
    }

    #[test]
    fn the_path_is_joined_from_its_lines() {
        let page =
            parse("Skip to main content\nGET\n/\napi\n/\nspaces\n/\ndesks\n/\n{id}\nGet Desk\n");
        assert_eq!(page.method, "GET");
        assert_eq!(page.path, "/api/spaces/desks/{id}");
        assert_eq!(page.title.as_deref(), Some("Get Desk"));
    }

    #[test]
    fn defaults_lose_their_quotes() {
        assert_eq!(default_of("default:\"25\""), Some("25".to_owned()));
        assert_eq!(default_of("default: true"), Some("true".to_owned()));
        assert_eq!(default_of("default:\"\""), None);
        assert_eq!(default_of("Defaults to 25."), None);
    }

    #[test]
    fn subheadings_end_a_description_and_are_not_fields() {
        let page = parse(
            "GET\n/\napi\n/\nspaces\n/\ndesks\nSearch Desks\nA desk.\n\nAuthentication\n\nor have the Desk-List role.\n\nQuery Parameters\n\nPagination & Sorting\n\nsize\ninteger\ndefault:\"25\"\nRecords per page.\n\nFilters\n\nDesk_Name\nstring\nBy name.\n\nCode Examples\n",
        );
        let read: Vec<(&str, &str, Option<&str>)> = page
            .query
            .iter()
            .map(|f| {
                (
                    f.name.as_str(),
                    f.description.as_str(),
                    f.default.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                ("size", "Records per page.", Some("25")),
                ("Desk_Name", "By name.", None)
            ]
        );
        assert!(page.warnings.is_empty(), "{:?}", page.warnings);
    }

    #[test]
    fn a_description_of_several_paragraphs_is_read_whole() {
        let page = parse(
            "POST\n/\napi\n/\nspaces\n/\nresources\nCreate Resource\ncurl --request POST \\\n  --data '\n{\n  \"Name\": \"<string>\"\n}\n'\n{\n  \"Status\": 123\n}\nA Resource is anything bookable.\nPricing comes from its type.\n\nBooking policies\n\n  \u{2022} Advance limits apply.\n\nAuthentication\n\nor have the Resource-Create role.\n",
        );
        assert_eq!(
            page.description,
            "A Resource is anything bookable. Pricing comes from its type. Booking policies \u{2022} Advance limits apply."
        );
        assert_eq!(page.role.as_deref(), Some("Resource-Create"));
    }

    #[test]
    fn nested_json_fields_are_left_out_with_a_warning() {
        let page = parse(
            "GET\n/\napi\n/\nspaces\n/\ndesks\n/\n{id}\nGet one Desk\nA desk.\n\nAuthentication\n\nor have the Desk-Read role.\n\nCode Examples\n\nResponse\n\n200\n\nId\ninteger\nThe Id.\nCustomFields\nobject\nCustom field values.\nBookings\nobject[]\nIts bookings.\nName\nstring\nThe name.\nExample Response\n{\n}\n",
        );
        let names: Vec<&str> = page.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["Id", "Name"]);
        let warned: Vec<usize> = page.warnings.iter().map(|w| w.line).collect();
        assert_eq!(warned, [27, 30], "the type lines: {:?}", page.warnings);
        assert!(
            page.warnings[0]
                .message
                .contains("`CustomFields` has type `object`")
        );
    }
}
