//! Pairs a page's heading-less enum tables with the enum names its fields mention ("See
//! eGender enum above"), by what the values mean and how many there are, never by position:
//! the tables and the mentions do not come in the same order.

use super::page::Page;
use super::{Enum, Warning};

/// A field's mention of an enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// The field's JSON name.
    pub field: String,
    /// The documented enum name, without `?`.
    pub enum_name: String,
    /// Written `eX?`: the field may be null.
    pub nullable: bool,
    /// `Defaults to eX.Value`, as `eX.Value`.
    pub default: Option<String>,
    /// The values listed in the description itself (`See eX enum values: 1 = A, 2 = B.`),
    /// as get pages write them instead of a table.
    pub inline_values: Vec<(i64, String)>,
}

/// The enums of a page, and which field mentions which.
#[derive(Debug, Clone, Default)]
pub struct Paired {
    /// Enums with a table, in the order the fields first mention them.
    pub enums: Vec<Enum>,
    /// Every mention.
    pub references: Vec<Reference>,
}

/// Words that say what an enum's values are about, for names whose own words do not appear
/// among the values (`eGender` has `Male`, not `Gender`).
const MEANINGS: &[(&str, &[&str])] = &[
    (
        "gender",
        &["male", "female", "other", "rather", "not", "say"],
    ),
    (
        "provider",
        &[
            "stripe",
            "paypal",
            "braintree",
            "gocardless",
            "cash",
            "bank",
            "transfer",
            "gateway",
            "card",
        ],
    ),
    (
        "payment",
        &[
            "stripe", "paypal", "cash", "bank", "transfer", "card", "credit",
        ],
    ),
    ("attendance", &["working", "office", "home", "abroad"]),
    ("tax", &["exempt", "reduced", "default", "standard", "zero"]),
    ("rate", &["exempt", "reduced", "standard"]),
    ("record", &["individual", "company"]),
    (
        "day",
        &[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ],
    ),
    (
        "week",
        &[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ],
    ),
    (
        "status",
        &[
            "active",
            "inactive",
            "pending",
            "cancelled",
            "draft",
            "closed",
        ],
    ),
    (
        "period",
        &["daily", "weekly", "monthly", "yearly", "quarterly"],
    ),
    ("frequency", &["daily", "weekly", "monthly", "yearly"]),
];

/// Lower-case words of a PascalCase name: `eCoworkerTaxRateType` → coworker, tax, rate, type.
fn words(name: &str) -> Vec<String> {
    let trimmed = name
        .strip_prefix('e')
        .filter(|rest| rest.starts_with(char::is_uppercase))
        .unwrap_or(name);
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in trimmed.chars() {
        if (c.is_uppercase()
            && !current.is_empty()
            && !current.chars().last().is_some_and(char::is_uppercase))
            || !c.is_alphanumeric()
        {
            if !current.is_empty() {
                out.push(current.to_lowercase());
            }
            current.clear();
        }
        if c.is_alphanumeric() {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push(current.to_lowercase());
    }
    out
}

/// The mentions in a field description: `See eX enum above`, `See eX? enum above`,
/// `Defaults to eX.Value`.
fn mentions(field: &str, description: &str) -> Option<Reference> {
    let see = description.find("See ")?;
    let rest = &description[see + 4..];
    let token: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '?')
        .collect();
    if !rest[token.len()..].trim_start().starts_with("enum") {
        return None;
    }
    let nullable = token.ends_with('?');
    let enum_name = token.trim_end_matches('?').to_owned();
    let default = description.split("Defaults to ").nth(1).and_then(|tail| {
        let value: String = tail
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '.')
            .collect();
        let value = value.trim_end_matches('.');
        value
            .starts_with(&format!("{enum_name}."))
            .then(|| value.to_owned())
    });
    let after_enum = rest[token.len()..].trim_start()["enum".len()..].trim_start();
    let inline_values = after_enum
        .strip_prefix("values:")
        .map(inline_values)
        .unwrap_or_default();
    Some(Reference {
        field: field.to_owned(),
        enum_name,
        nullable,
        default,
        inline_values,
    })
}

/// `1 = Individual, 2 = Company.` → `[(1, Individual), (2, Company)]`; stops at the first
/// item that is not `number = Name`.
fn inline_values(list: &str) -> Vec<(i64, String)> {
    let mut values = Vec::new();
    for item in list.split(',') {
        let Some((number, name)) = item.split_once('=') else {
            break;
        };
        let name: String = name
            .trim()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        match number.trim().parse::<i64>() {
            Ok(number) if !name.is_empty() => values.push((number, name)),
            _ => break,
        }
    }
    values
}

/// How well a table fits an enum: values named in defaults must be in it; the enum's and
/// fields' words, and the meaning lexicon, should match its value names.
fn score(
    enum_name: &str,
    context: &[String],
    table: &[(i64, String)],
    required_values: &[String],
) -> i64 {
    let value_words: Vec<String> = table.iter().flat_map(|(_, name)| words(name)).collect();
    let mut total = 0;
    for value in required_values {
        total += if table.iter().any(|(_, name)| name == value) {
            50
        } else {
            -100
        };
    }
    let mut keys = words(enum_name);
    keys.extend(context.iter().cloned());
    for key in &keys {
        if value_words.contains(key) {
            total += 3;
        }
        for (concept, hints) in MEANINGS {
            if key == concept {
                total += hints
                    .iter()
                    .filter(|hint| value_words.iter().any(|w| w == *hint))
                    .count() as i64
                    * 4;
            }
        }
    }
    total
}

/// Pairs tables and mentions. Tables no field mentions and mentions with no table become
/// warnings; a mention without a table leaves its field a plain integer.
pub fn pair(page: &Page, warnings: &mut Vec<Warning>) -> Paired {
    let mut paired = Paired::default();
    let mut names: Vec<String> = Vec::new();
    let mut inline: Vec<Enum> = Vec::new();
    for field in &page.fields {
        if let Some(reference) = mentions(&field.name, &field.description) {
            if !reference.inline_values.is_empty() {
                // The description lists the values: nothing to pair.
                if !inline.iter().any(|e| e.name == reference.enum_name) {
                    inline.push(Enum {
                        name: reference.enum_name.clone(),
                        description: String::new(),
                        repr: None,
                        values: reference.inline_values.clone(),
                    });
                }
            } else if !names.contains(&reference.enum_name) {
                names.push(reference.enum_name.clone());
            }
            paired.references.push(reference);
        }
    }
    // A heading naming the field (`eRecurrentChargePattern — RepeatCycle values`) links it
    // when its description does not mention the enum.
    for table in &page.tables {
        let (Some(name), Some(field)) = (&table.name, &table.field) else {
            continue;
        };
        let Some(documented) = page.fields.iter().find(|f| &f.name == field) else {
            continue;
        };
        if paired.references.iter().any(|r| &r.field == field) {
            continue;
        }
        let default = documented.default.as_ref().and_then(|d| {
            if d.starts_with(&format!("{name}.")) {
                Some(d.clone())
            } else {
                table
                    .rows
                    .iter()
                    .any(|(_, value)| value == d)
                    .then(|| format!("{name}.{d}"))
            }
        });
        paired.references.push(Reference {
            field: field.clone(),
            enum_name: name.clone(),
            nullable: false,
            default,
            inline_values: Vec::new(),
        });
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    names.retain(|name| !inline.iter().any(|e| &e.name == name));
    paired.enums.extend(inline);
    // Candidates: every (enum, table) with its score; choose the best complete assignment
    // (pages have a handful of enums, so trying every assignment is cheap).
    let scores: Vec<Vec<i64>> = names
        .iter()
        .map(|name| {
            let context: Vec<String> = paired
                .references
                .iter()
                .filter(|r| &r.enum_name == name)
                .flat_map(|r| words(&r.field))
                .collect();
            let required: Vec<String> = paired
                .references
                .iter()
                .filter(|r| &r.enum_name == name)
                .filter_map(|r| {
                    r.default
                        .as_ref()?
                        .split_once('.')
                        .map(|(_, v)| v.to_owned())
                })
                .collect();
            page.tables
                .iter()
                .map(|table| match &table.name {
                    // A heading that names the table settles it.
                    Some(named) if named == name => 1_000,
                    Some(_) => -1_000,
                    None => score(name, &context, &table.rows, &required),
                })
                .collect()
        })
        .collect();
    let assignment = best_assignment(&scores, page.tables.len());
    for (index, name) in names.iter().enumerate() {
        match assignment.get(index).copied().flatten() {
            Some(table) => paired.enums.push(Enum {
                name: name.clone(),
                description: String::new(),
                repr: None,
                values: page.tables[table].rows.clone(),
            }),
            None => {
                let line = page
                    .fields
                    .iter()
                    .find(|f| {
                        paired
                            .references
                            .iter()
                            .any(|r| r.field == f.name && &r.enum_name == name)
                    })
                    .map_or(0, |f| f.line);
                warnings.push(Warning { line, message: format!("`{name}` is referenced but the page has no table for it; the field stays an integer") });
            }
        }
    }
    for (index, table) in page.tables.iter().enumerate() {
        if assignment.contains(&Some(index)) {
            continue;
        }
        if let Some(name) = table
            .name
            .as_ref()
            .filter(|name| !paired.enums.iter().any(|e| &e.name == *name))
        {
            // Named by its heading: an enum of the API even if no field here mentions it.
            paired.enums.push(Enum {
                name: name.clone(),
                description: String::new(),
                repr: None,
                values: table.rows.clone(),
            });
        } else {
            warnings.push(Warning {
                line: table.line,
                message: format!(
                    "an enum table ({} values) that no field refers to was skipped",
                    table.rows.len()
                ),
            });
        }
    }
    paired
}

/// For each enum, a distinct table (or none), maximising the total score.
fn best_assignment(scores: &[Vec<i64>], tables: usize) -> Vec<Option<usize>> {
    fn search(
        row: usize,
        scores: &[Vec<i64>],
        tables: usize,
        used: &mut Vec<bool>,
        current: &mut Vec<Option<usize>>,
        best: &mut (i64, Vec<Option<usize>>),
    ) {
        if row == scores.len() {
            let total = current
                .iter()
                .enumerate()
                .map(|(r, t)| t.map_or(-20, |t| scores[r][t]))
                .sum::<i64>();
            if total > best.0 || best.1.is_empty() {
                *best = (total, current.clone());
            }
            return;
        }
        // More enums than tables: allow "no table", which costs a little.
        let options: Vec<Option<usize>> =
            (0..tables).map(Some).chain(std::iter::once(None)).collect();
        for option in options {
            if let Some(t) = option {
                if used[t] {
                    continue;
                }
                used[t] = true;
            }
            current.push(option);
            search(row + 1, scores, tables, used, current, best);
            current.pop();
            if let Some(t) = option {
                used[t] = false;
            }
        }
    }
    if scores.len() > 8 || tables > 10 {
        // Too many to try them all: greedy, best pair first.
        let mut result = vec![None; scores.len()];
        let mut used = vec![false; tables];
        let mut pairs: Vec<(i64, usize, usize)> = scores
            .iter()
            .enumerate()
            .flat_map(|(r, row)| row.iter().enumerate().map(move |(t, s)| (*s, r, t)))
            .collect();
        pairs.sort_by_key(|pair| std::cmp::Reverse(pair.0));
        for (_, r, t) in pairs {
            if result[r].is_none() && !used[t] {
                result[r] = Some(t);
                used[t] = true;
            }
        }
        return result;
    }
    let mut best = (i64::MIN, Vec::new());
    search(
        0,
        scores,
        tables,
        &mut vec![false; tables],
        &mut Vec::new(),
        &mut best,
    );
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_pascal_case_and_drop_the_e_prefix() {
        assert_eq!(
            words("eCoworkerTaxRateType"),
            ["coworker", "tax", "rate", "type"]
        );
        assert_eq!(words("StripeACH"), ["stripe", "ach"]);
        assert_eq!(words("email"), ["email"]);
    }

    #[test]
    fn mentions_read_nullable_and_defaults() {
        let reference = mentions(
            "Gender",
            "Gender. Defaults to eGender.NotSet. See eGender enum above.",
        )
        .unwrap();
        assert_eq!(
            (reference.enum_name.as_str(), reference.nullable),
            ("eGender", false)
        );
        assert_eq!(reference.default.as_deref(), Some("eGender.NotSet"));
        let nullable = mentions("P", "Provider. See eRegularPaymentProvider? enum above.").unwrap();
        assert!(nullable.nullable);
        assert_eq!(mentions("X", "See the docs."), None);
        assert_eq!(
            mentions("D", "Day. See DayOfWeek enum above.")
                .unwrap()
                .enum_name,
            "DayOfWeek"
        );
    }

    #[test]
    fn values_listed_in_a_description_are_read() {
        let reference = mentions(
            "CoworkerType",
            "Coworker type. See eCoworkerRecordType enum values: 1 = Individual, 2 = Company.",
        )
        .unwrap();
        assert_eq!(
            reference.inline_values,
            [(1, "Individual".to_owned()), (2, "Company".to_owned())]
        );
        assert_eq!(
            inline_values(" -1 = Negative, 0 = Zero, then prose"),
            [(-1, "Negative".to_owned()), (0, "Zero".to_owned())]
        );
        let above = mentions("G", "See eGender enum above.").unwrap();
        assert!(
            above.inline_values.is_empty(),
            "a table reference, not a list"
        );
    }

    #[test]
    fn a_heading_that_names_a_table_settles_its_pairing() {
        // Both tables would fit `eDeskSize` by meaning; the headings say which is which, and
        // a named table no field mentions is still an enum of the API.
        let page = crate::import::rendered::parse(
            "POST\n/\napi\n/\nspaces\n/\ndesks\nCreate Desk\nA desk.\n\nAuthentication\n\nor have the Desk-Create role.\n\nEnums\n\neDeskWidth — Width values\nValueName\n1Small\n2Large\neDeskSize — Size values\nValueName\n1Small\n2Medium\n3Large\neDeskColour\nValueName\n1Red\n\nRequest Body\n\nOptional Fields\n\nSize\ninteger\nSize. See eDeskSize enum above.\nWidth\ninteger\nWidth. See eDeskWidth enum above.\n\nCode Examples\n",
        );
        assert!(page.warnings.is_empty(), "{:?}", page.warnings);
        let mut warnings = Vec::new();
        let paired = pair(&page, &mut warnings);
        let enums: Vec<(&str, usize)> = paired
            .enums
            .iter()
            .map(|e| (e.name.as_str(), e.values.len()))
            .collect();
        assert_eq!(
            enums,
            [("eDeskSize", 3), ("eDeskWidth", 2), ("eDeskColour", 1)]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}
