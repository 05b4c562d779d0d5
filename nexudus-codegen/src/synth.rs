//! A synthetic workload shaped like the documented Nexudus pages, for measuring the generator
//! and its output at the size of the whole API (about 1,000 operations).
//!
//! The tree is deterministic for a given operation count and seed. Field counts follow the
//! documented pages (most entities have a handful of fields, a few have well over a hundred,
//! like Coworker with 183), and so does the type mix: mostly strings, integers and booleans,
//! with numbers, integer lists, UTC and local date-times, enums and secrets.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The API areas the synthetic operations are spread over.
pub const AREAS: &[&str] = &[
    "spaces",
    "crm",
    "billing",
    "community",
    "content",
    "support",
    "sys",
];

/// Fields per operation of the documented pages (CoworkerNote, CoworkerSetting,
/// CoworkerNotification, CoworkerTask, Coworker), cycled with jitter so the mean matches.
const FIELD_COUNTS: &[u64] = &[2, 4, 7, 13, 183, 3, 5, 9, 16, 24, 6, 11];

/// A deterministic pseudo-random sequence (splitmix64): the workload needs reproducibility,
/// not statistical quality.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}

const NOUNS: &[&str] = &[
    "Booking",
    "Invoice",
    "Resource",
    "Product",
    "Tariff",
    "Event",
    "Course",
    "Visitor",
    "Delivery",
    "Locker",
    "Desk",
    "Room",
    "Ticket",
    "Article",
    "Forum",
    "Survey",
    "Discount",
    "Payment",
    "Contract",
    "Voucher",
    "Team",
    "Proposal",
    "Opportunity",
    "Lead",
    "Message",
    "Checkin",
    "Plan",
    "Charge",
    "Credit",
    "Device",
];
const QUALIFIERS: &[&str] = &[
    "", "Item", "Type", "Note", "Setting", "Group", "Rule", "Log", "Template", "Category", "Slot",
    "Line",
];
const FIELD_WORDS: &[&str] = &[
    "Name",
    "Description",
    "Price",
    "Start",
    "End",
    "Notes",
    "Email",
    "Phone",
    "Address",
    "City",
    "Postal",
    "Code",
    "Country",
    "Visible",
    "Active",
    "Archived",
    "Reference",
    "Title",
    "Url",
    "Color",
    "Order",
    "Capacity",
    "Tax",
    "Discount",
    "Owner",
    "Business",
    "Coworker",
    "Resource",
    "Team",
    "Invoice",
    "Amount",
    "Balance",
    "Currency",
    "Token",
    "Key",
    "Secret",
    "Count",
    "Limit",
    "Display",
    "Send",
    "Allow",
    "Require",
    "Public",
    "Internal",
];

/// A synthetic spec tree of `operations` operations: file path (relative to the spec
/// directory) → YAML text. Includes `envelope.yaml` (given by the caller: the real one) and
/// one shared enums file.
pub fn spec_tree(operations: usize, seed: u64, envelope: &str) -> BTreeMap<String, String> {
    let mut sequence = Sequence(seed ^ 0x5EED);
    let mut files = BTreeMap::new();
    files.insert("envelope.yaml".to_owned(), envelope.to_owned());
    files.insert("enums.yaml".to_owned(), enums_file());
    let mut made = 0;
    let mut entity_index = 0;
    while made < operations {
        let noun = NOUNS[entity_index % NOUNS.len()];
        let qualifier = QUALIFIERS[(entity_index / NOUNS.len()) % QUALIFIERS.len()];
        let round = entity_index / (NOUNS.len() * QUALIFIERS.len());
        let entity = if round == 0 {
            format!("{noun}{qualifier}")
        } else {
            format!("{noun}{qualifier}{round}")
        };
        let area = AREAS[entity_index % AREAS.len()];
        // Creates and updates, as on the documented pages: most entities have both.
        let with_update = made + 1 < operations && sequence.below(4) != 0;
        let fields = FIELD_COUNTS[entity_index % FIELD_COUNTS.len()];
        let fields = (fields + sequence.below(fields / 4 + 1)).clamp(2, 183) as usize;
        let text = entity_file(&entity, area, fields, with_update, &mut sequence);
        files.insert(format!("{area}/{}s.yaml", entity.to_lowercase()), text);
        made += if with_update { 2 } else { 1 };
        entity_index += 1;
    }
    files
}

fn enums_file() -> String {
    let mut text =
        String::from("# yaml-language-server: $schema=nexudus-spec.schema.json\nenums:\n");
    for (name, values) in [
        (
            "eSynthStatus",
            &["None", "Draft", "Active", "Suspended", "Closed"][..],
        ),
        ("eSynthKind", &["Individual", "Company", "Partner"][..]),
        (
            "eSynthPeriod",
            &[
                "Daily",
                "Weekly",
                "Monthly",
                "Quarterly",
                "Yearly",
                "Once",
                "Custom",
            ][..],
        ),
    ] {
        let _ = writeln!(
            text,
            "- name: {name}\n  description: Synthetic enum.\n  values:"
        );
        for (value, variant) in values.iter().enumerate() {
            let _ = writeln!(text, "  - value: {}\n    name: {variant}", value + 1);
        }
    }
    text
}

fn entity_file(
    entity: &str,
    area: &str,
    fields: usize,
    with_update: bool,
    sequence: &mut Sequence,
) -> String {
    let plural = format!("{}s", entity.to_lowercase());
    let mut text = format!(
        "# yaml-language-server: $schema=../nexudus-spec.schema.json\nentity: {entity}\narea: {area}\ndescription: A synthetic {entity} record, shaped like the documented Nexudus entities.\noperations:\n"
    );
    let field_list = field_lines(fields, sequence);
    let _ = write!(
        text,
        "- name: Create{entity}\n  kind: create\n  method: POST\n  path: /api/{area}/{plural}\n  summary: Create {entity}\n  role: {entity}-Create\n  fields:\n{field_list}"
    );
    if with_update {
        let _ = write!(
            text,
            "- name: Update{entity}\n  kind: update\n  method: PUT\n  path: /api/{area}/{plural}\n  summary: Update {entity}\n  role: {entity}-Edit\n  fields:\n  - name: Id\n    type: integer\n    required: true\n    description: The {entity} to update.\n{field_list}"
        );
    }
    text
}

fn field_lines(count: usize, sequence: &mut Sequence) -> String {
    let mut text = String::new();
    let mut used = std::collections::BTreeSet::new();
    let mut index = 0;
    while used.len() < count {
        let first = FIELD_WORDS[sequence.below(FIELD_WORDS.len() as u64) as usize];
        let second = FIELD_WORDS[sequence.below(FIELD_WORDS.len() as u64) as usize];
        let name = if index < FIELD_WORDS.len() / 2 {
            format!("{first}{second}")
        } else {
            format!("{first}{second}{index}")
        };
        index += 1;
        if !used.insert(name.clone()) {
            continue;
        }
        // Mix of the documented pages: ~45% string, 20% boolean, 15% integer, then the rest.
        let roll = sequence.below(100);
        let (ty, extra) = match roll {
            0..45 => ("string", ""),
            45..65 => ("boolean", ""),
            65..80 => ("integer", ""),
            80..84 => ("number", ""),
            84..87 => ("integer[]", ""),
            87..91 => ("datetime-utc", ""),
            91..94 => ("datetime-local", ""),
            94..96 => ("integer", "\n    enum: eSynthStatus"),
            96..98 => ("integer", "\n    enum: eSynthKind\n    nullable: true"),
            _ => ("integer", "\n    enum: eSynthPeriod"),
        };
        let required = used.len() <= 2 || sequence.below(10) == 0;
        let sensitive = ty == "string" && sequence.below(25) == 0;
        let _ = write!(
            text,
            "  - name: {name}\n    type: {ty}\n    required: {required}\n    description: The {} of the record, as documented for this synthetic field.{extra}\n",
            name.to_lowercase()
        );
        if sensitive {
            text.push_str("    sensitive: true\n");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_is_deterministic_and_has_the_asked_size() {
        let a = spec_tree(100, 7, "envelope");
        assert_eq!(a, spec_tree(100, 7, "envelope"));
        assert_ne!(a, spec_tree(100, 8, "envelope"));
        let operations: usize = a
            .values()
            .map(|text| {
                text.matches("\n- name: Create").count() + text.matches("\n- name: Update").count()
            })
            .sum();
        assert_eq!(operations, 100);
        let areas: std::collections::BTreeSet<&str> = a
            .keys()
            .filter_map(|path| path.split_once('/'))
            .map(|(area, _)| area)
            .collect();
        assert_eq!(areas.len(), AREAS.len(), "every area is used");
    }
}
