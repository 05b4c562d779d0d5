//! The doc-page importer: the five real pages give the checked-in specs; fixture pages of
//! every kind and oddity import right; curated facts survive; page edits give the right
//! change report.

mod cases;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use nexudus_codegen::Impact;
use nexudus_codegen::testing::compare_documents;
use nexudus_codegen::testing::{
    Enum, Field, Spec, import_page, leave_enums_to_their_files, merge, to_yaml,
};
use nexudus_codegen::testing::{HttpMethod, OperationKind, SpecType};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pages")
            .join(name),
    )
    .unwrap()
}

/// The five real pages with the checked-in spec each one belongs to, when `../shared` is there.
fn real_pages() -> Option<Vec<(String, String, PathBuf)>> {
    let dir = workspace().join("../shared/api-docs");
    if !dir.is_dir() {
        eprintln!("note: ../shared/api-docs is absent; the real-page tests are skipped");
        return None;
    }
    let pairs = [
        ("post-spaces-coworkernotes.txt", "spaces/coworkernotes.yaml"),
        ("post-crm-coworkertasks.txt", "crm/coworkertasks.yaml"),
        (
            "post-spaces-coworkersettings.txt",
            "spaces/coworkersettings.yaml",
        ),
        ("post-spaces-coworkers.txt", "spaces/coworkers.yaml"),
        (
            "put-spaces-coworkernotifications.txt",
            "spaces/coworkernotifications.yaml",
        ),
    ];
    Some(
        pairs
            .iter()
            .map(|(page, spec)| {
                (
                    page.to_string(),
                    std::fs::read_to_string(dir.join(page)).unwrap(),
                    workspace().join("spec").join(spec),
                )
            })
            .collect(),
    )
}

fn load(path: &Path) -> (String, Spec) {
    let text = std::fs::read_to_string(path).unwrap();
    let (_, file) =
        nexudus_codegen::testing::parse_file(&path.display().to_string(), text.as_bytes()).unwrap();
    (text, Spec::from_file(&file).unwrap())
}

/// A spec with the facts only a maintainer adds taken out: sensitive flags, notes, prose-only
/// fields, date-time refinements of documented strings, enum descriptions.
fn without_curated_facts(mut spec: Spec) -> Spec {
    spec.notes = None;
    for operation in &mut spec.operations {
        operation.fields.retain(|field| field.note.is_none());
        for field in &mut operation.fields {
            field.sensitive = false;
            if matches!(field.ty, SpecType::DateTimeUtc | SpecType::DateTimeLocal) {
                field.ty = SpecType::String;
            }
        }
    }
    for item in &mut spec.enums {
        item.description.clear();
    }
    // Enums are listed in the order fields mention them on a fresh import, in the spec's own
    // order on a merge; the order carries no meaning.
    spec.enums.sort_by(|a, b| a.name.cmp(&b.name));
    spec
}

#[test]
fn the_five_pages_import_to_the_checked_in_specs_curated_facts_aside() {
    let Some(pages) = real_pages() else { return };
    for (name, text, spec_path) in pages {
        let imported = import_page(&name, &text);
        let (_, checked_in) = load(&spec_path);
        assert_eq!(
            without_curated_facts(imported.spec.clone()),
            without_curated_facts(checked_in),
            "{name} does not import to {}",
            spec_path.display()
        );
        assert!(
            imported.warnings.is_empty(),
            "{name}: {:?}",
            imported.warnings
        );
    }
}

#[test]
fn reimporting_over_the_checked_in_specs_keeps_every_curated_fact_byte_for_byte() {
    let Some(pages) = real_pages() else { return };
    let mut kept_total = Vec::new();
    for (name, text, spec_path) in pages {
        let mut imported = import_page(&name, &text);
        let (checked_in_text, checked_in) = load(&spec_path);
        let merged = merge(Some(checked_in), imported.spec, &mut imported.warnings);
        assert_eq!(
            to_yaml(&merged.spec, "../nexudus-spec.schema.json"),
            checked_in_text,
            "{name}"
        );
        kept_total.extend(merged.kept);
    }
    for expected in [
        "kept `DateOfBirth` as datetime-utc (the page says string)",
        "kept `DoordeckPrivateKey` sensitive",
        "kept `EncryptedValue` sensitive",
        "kept the entity's notes",
    ] {
        assert!(
            kept_total.iter().any(|k| k == expected),
            "missing {expected:?} in {kept_total:#?}"
        );
    }
    assert!(
        kept_total
            .iter()
            .any(|k| k.starts_with("kept `TariffId`, which the page's field list omits"))
    );
}

#[test]
fn enum_tables_are_paired_by_meaning_not_position() {
    let Some(pages) = real_pages() else { return };
    let (_, coworker, _) = pages
        .iter()
        .find(|(name, ..)| name == "post-spaces-coworkers.txt")
        .unwrap();
    let imported = import_page("post-spaces-coworkers.txt", coworker);
    let first_value = |name: &str| {
        let item = imported.spec.enums.iter().find(|e| e.name == name).unwrap();
        item.values
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    assert_eq!(
        first_value("eGender"),
        "None,NotSet,Male,Female,Other,RatherNotSay"
    );
    assert!(first_value("eRegularPaymentProvider").contains("Stripe"));
    assert!(first_value("eCoworkerAttendance").starts_with("WorkingFromOffice"));
    assert_eq!(
        first_value("eCoworkerTaxRateType"),
        "Default,Reduced,Exempt"
    );
    assert_eq!(first_value("eCoworkerRecordType"), "Individual,Company");
}

#[test]
fn a_create_page_with_every_oddity_imports_with_located_warnings() {
    let imported = import_page(
        "post-billing-lockerrentals.txt",
        &fixture("post-billing-lockerrentals.txt"),
    );
    let spec = &imported.spec;
    assert_eq!(
        (spec.entity.as_str(), spec.area.as_str()),
        ("LockerRental", "billing")
    );
    let operation = &spec.operations[0];
    assert_eq!(
        (
            operation.name.as_str(),
            operation.kind,
            operation.method,
            operation.path.as_str(),
            operation.role.as_str()
        ),
        (
            "CreateLockerRental",
            OperationKind::Create,
            HttpMethod::Post,
            "/api/billing/lockerrentals",
            "LockerRental-Create"
        )
    );
    let field = |name: &str| operation.fields.iter().find(|f| f.name == name).unwrap();
    assert!(field("LockerId").required && field("CoworkerId").required);
    assert_eq!(field("Size").enum_name.as_deref(), Some("eLockerSize"));
    assert_eq!(field("Size").default.as_deref(), Some("eLockerSize.Medium"));
    assert_eq!(
        field("PaymentMethod").enum_name.as_deref(),
        Some("ePaymentMethod")
    );
    assert!(field("PaymentMethod").nullable);
    assert_eq!(
        field("CollectionDay").enum_name.as_deref(),
        Some("eWeekDay")
    );
    assert_eq!(
        (
            field("ReminderDay").ty,
            field("ReminderDay").enum_name.as_deref()
        ),
        (SpecType::Integer, None)
    );
    assert_eq!(field("DoorIds").ty, SpecType::IntegerList);
    assert_eq!(field("Deposit").ty, SpecType::Number);
    assert_eq!(field("StartsOn").ty, SpecType::DateTimeUtc);
    assert_eq!(field("StartsOnLocal").ty, SpecType::DateTimeLocal);
    assert_eq!(field("Colour").ty, SpecType::String);
    let values = |name: &str| {
        spec.enums
            .iter()
            .find(|e| e.name == name)
            .unwrap()
            .values
            .clone()
    };
    assert_eq!(values("eWeekDay")[0], (1, "Monday".to_owned()));
    assert_eq!(values("ePaymentMethod")[2], (2, "Cash".to_owned()));
    assert_eq!(values("eLockerSize")[1], (2, "Medium".to_owned()));
    let warnings: Vec<String> = imported
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.line, w.message))
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("66: `DayOfWeek` is referenced but the page has no table")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("82: field `Colour` has type `colour`")),
        "{warnings:#?}"
    );
    assert_eq!(imported.counts(), (1, 11, 12));
}

#[test]
fn every_page_kind_imports_into_one_spec_that_generates() {
    let mut spec: Option<Spec> = None;
    let mut warnings = Vec::new();
    for page in [
        "post-billing-lockerrentals.txt",
        "put-billing-lockerrentals.txt",
        "get-billing-lockerrentals-id.txt",
        "get-billing-lockerrentals.txt",
        "delete-billing-lockerrentals-id.txt",
    ] {
        let imported = import_page(page, &fixture(page));
        warnings.extend(imported.warnings.clone());
        spec = Some(merge(spec, imported.spec, &mut warnings).spec);
    }
    let spec = spec.unwrap();
    let kinds: Vec<(&str, OperationKind, &str)> = spec
        .operations
        .iter()
        .map(|o| (o.name.as_str(), o.kind, o.path.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "CreateLockerRental",
                OperationKind::Create,
                "/api/billing/lockerrentals"
            ),
            (
                "UpdateLockerRental",
                OperationKind::Update,
                "/api/billing/lockerrentals"
            ),
            (
                "GetLockerRental",
                OperationKind::Get,
                "/api/billing/lockerrentals/{id}"
            ),
            (
                "ListLockerRentals",
                OperationKind::List,
                "/api/billing/lockerrentals"
            ),
            (
                "DeleteLockerRental",
                OperationKind::Delete,
                "/api/billing/lockerrentals/{id}"
            ),
        ]
    );
    let names = |fields: &[Field]| -> Vec<String> {
        fields
            .iter()
            .map(|f| format!("{}: {}", f.name, f.ty))
            .collect()
    };
    let get = &spec.operations[2];
    assert!(get.fields.is_empty(), "a get has no body: {:?}", get.fields);
    assert_eq!(
        names(&get.response),
        ["Id: integer", "LockerId: integer", "Notes: string"]
    );
    let list = &spec.operations[3];
    assert!(list.fields.is_empty() && list.response.is_empty());
    assert_eq!(
        names(&list.parameters),
        [
            "page: integer",
            "size: integer",
            "orderBy: string",
            "dir: string",
            "LockerRental_LockerId: integer",
            "from_LockerRental_StartsOn: string",
            "to_LockerRental_StartsOn: string",
        ]
    );
    assert!(
        !warnings
            .iter()
            .any(|w| w.message.contains("query parameters")),
        "{warnings:#?}"
    );

    let generated = generate_alone(&spec, "billing/lockerrentals.yaml");
    for (path, code) in &generated.files {
        if path.ends_with(".rs") {
            syn::parse_file(code).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
}

#[test]
fn a_page_cut_off_midway_keeps_what_was_read_and_says_so() {
    let imported = import_page("cut.txt", &fixture("post-billing-lockerrentals-cut.txt"));
    let names: Vec<&str> = imported.spec.operations[0]
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, ["LockerId", "CoworkerId", "Size"]);
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.message.contains("cut off")),
        "{:?}",
        imported.warnings
    );
}

#[test]
fn garbage_gives_warnings_not_panics() {
    for text in [
        "",
        "hello\nworld",
        "POST\n/\n",
        "PUT\n/\napi\n/\n{\nAuthentication\n\nhave the X-Edit role.\nRequired Fields\nId\n",
    ] {
        let imported = import_page("x.txt", text);
        assert!(
            !imported.warnings.is_empty() || imported.spec.operations.len() == 1,
            "{text:?}"
        );
    }
}

fn scratch() -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "nexudus-import-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The OpenAPI document of a spec tree made of the real specs with one file replaced.
fn openapi_with(replaced: &str, text: &str) -> String {
    let dir = scratch();
    cases::copy_tree(&workspace().join("spec"), &dir);
    std::fs::create_dir_all(dir.join(replaced).parent().unwrap()).unwrap();
    std::fs::write(dir.join(replaced), text).unwrap();
    let generated = nexudus_codegen::generate(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    generated.unwrap_or_else(|d| panic!("{d}")).files[nexudus_codegen::OPENAPI_PATH].clone()
}

#[test]
fn editing_a_page_and_reimporting_gives_the_right_change_report() {
    let Some(pages) = real_pages() else { return };
    let (_, coworker_page, coworker_spec) = pages
        .iter()
        .find(|(name, ..)| name == "post-spaces-coworkers.txt")
        .unwrap();
    let (_, checked_in) = load(coworker_spec);
    let before = openapi_with(
        "spaces/coworkers.yaml",
        &std::fs::read_to_string(coworker_spec).unwrap(),
    );
    let reimport = |page: &str| {
        let mut imported = import_page("post-spaces-coworkers.txt", page);
        let merged = merge(
            Some(checked_in.clone()),
            imported.spec,
            &mut imported.warnings,
        );
        let after = openapi_with(
            "spaces/coworkers.yaml",
            &to_yaml(&merged.spec, "../nexudus-spec.schema.json"),
        );
        compare_documents(&before, &after).unwrap()
    };

    // A field removed from the page: breaking.
    let removed = coworker_page.replace("NickName\nstring\nNickname.\n", "");
    assert_ne!(&removed, coworker_page, "the fixture edit applies");
    let changes = reimport(&removed);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].impact, Impact::Breaking);
    assert!(changes[0].description.contains("NickName"), "{changes:?}");

    // An optional field made required (moved to Required Fields): breaking.
    let required = coworker_page
        .replace("NickName\nstring\nNickname.\n", "")
        .replace(
            "Required Fields\n\n",
            "Required Fields\n\nNickName\nstring\nrequired\nNickname.\n",
        );
    let changes = reimport(&required);
    assert!(
        changes
            .iter()
            .any(|c| c.impact == Impact::Breaking && c.description.contains("NickName")),
        "{changes:?}"
    );

    // A new enum value: compatible (enums are non-exhaustive with an Unknown variant).
    let added = coworker_page.replace("5RatherNotSay\n", "5RatherNotSay\n6Fluid\n");
    let changes = reimport(&added);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].impact, Impact::Compatible);
    assert!(changes[0].description.contains("Fluid"), "{changes:?}");
    assert!(nexudus_codegen::report_text(&changes).contains("compatible, a minor version"));
}

#[test]
fn editing_get_and_list_pages_reports_response_and_filter_changes() {
    let import_pages = |get: &str, list: &str| {
        let mut warnings = Vec::new();
        let mut spec = None;
        for (name, text) in [
            ("get-billing-lockerrentals-id.txt", get),
            ("get-billing-lockerrentals.txt", list),
        ] {
            let imported = import_page(name, text);
            spec = Some(merge(spec, imported.spec, &mut warnings).spec);
        }
        openapi_with(
            "billing/lockerrentals.yaml",
            &to_yaml(&spec.unwrap(), "../nexudus-spec.schema.json"),
        )
    };
    let (get, list) = (
        fixture("get-billing-lockerrentals-id.txt"),
        fixture("get-billing-lockerrentals.txt"),
    );
    let before = import_pages(&get, &list);

    // A response field gone from the get page: the record loses a field, which breaks.
    let fewer = get.replace("Notes\nstring\nFree text.\n", "");
    assert_ne!(fewer, get, "the fixture edit applies");
    let changes = compare_documents(&before, &import_pages(&fewer, &list)).unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].impact, Impact::Breaking);
    assert_eq!(
        changes[0].description,
        "GetLockerRental response: field `Notes` removed"
    );

    // A new filter on the list page: a new optional builder setter, compatible.
    let more = list.replace(
        "LockerRental_LockerId\ninteger\nOnly rentals of this locker.\n",
        "LockerRental_LockerId\ninteger\nOnly rentals of this locker.\nLockerRental_CoworkerId\ninteger\nOnly rentals of this customer.\n",
    );
    assert_ne!(more, list, "the fixture edit applies");
    let changes = compare_documents(&before, &import_pages(&get, &more)).unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].impact, Impact::Compatible);
    assert_eq!(
        changes[0].description,
        "ListLockerRentals: optional field `LockerRental_CoworkerId` added (integer)"
    );
}

/// Pages in the live site's shape: a search page with `Pagination & Sorting`, `Filters` and
/// `Range Filters` subheadings, `default:"25"` lines and the page-of-records response; a get
/// page whose enum values are listed inline ("See eDeskType enum values: 1 = HotDesk, …")
/// and whose fields are followed by an Example Response; a delete page; and a batch get by
/// several ids, which the spec format cannot hold.
#[test]
fn live_site_pages_of_every_kind_import_into_one_spec_that_generates() {
    let mut spec: Option<Spec> = None;
    let mut warnings = Vec::new();
    let mut operations_read = 0;
    for page in [
        "delete-spaces-desks-by-id.txt",
        "get-spaces-desks-batch.txt",
        "get-spaces-desks-by-id.txt",
        "get-spaces-desks.txt",
    ] {
        let imported = import_page(page, &fixture(page));
        operations_read += imported.counts().0;
        warnings.extend(imported.warnings.clone());
        if imported.spec.operations.is_empty() {
            continue;
        }
        spec = Some(merge(spec, imported.spec, &mut warnings).spec);
    }
    let spec = spec.unwrap();
    assert_eq!(operations_read, 3, "the batch page gives no operation");
    assert!(
        warnings
            .iter()
            .any(|w| w.line == 10 && w.message.contains("several records by id")),
        "the batch page is named in a warning with its line: {warnings:#?}"
    );
    assert_eq!(
        spec.description, "A Desk is a bookable workstation on a floor plan.",
        "the entity's description, not the delete page's"
    );
    let kinds: Vec<(&str, OperationKind)> = spec
        .operations
        .iter()
        .map(|o| (o.name.as_str(), o.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("DeleteDesk", OperationKind::Delete),
            ("GetDesk", OperationKind::Get),
            ("ListDesks", OperationKind::List)
        ]
    );
    let typed = |fields: &[Field]| -> Vec<String> {
        fields
            .iter()
            .map(|f| format!("{}: {}", f.name, f.ty))
            .collect()
    };
    let get = &spec.operations[1];
    assert_eq!(
        typed(&get.response),
        [
            "Id: integer",
            "Name: string",
            "DeskType: integer",
            "Tags: integer[]",
            "Price: number",
            "Active: boolean",
            "CreatedOn: string",
        ]
    );
    assert_eq!(
        get.response[6].description, "Date and time the record was created (ISO 8601).",
        "the Example Response is not part of the last field"
    );
    assert_eq!(get.response[2].enum_name.as_deref(), Some("eDeskType"));
    assert_eq!(
        spec.enums
            .iter()
            .map(|e| (e.name.as_str(), e.values.clone()))
            .collect::<Vec<_>>(),
        [(
            "eDeskType",
            vec![
                (1, "HotDesk".to_owned()),
                (2, "Dedicated".to_owned()),
                (3, "Standing".to_owned())
            ]
        )]
    );
    let list = &spec.operations[2];
    assert!(list.fields.is_empty() && list.response.is_empty());
    assert_eq!(
        typed(&list.parameters),
        [
            "page: integer",
            "size: integer",
            "orderBy: string",
            "dir: integer",
            "Desk_Name: string",
            "Desk_FloorPlan: integer",
            "Desk_Active: boolean",
            "from_Desk_Price: number",
            "to_Desk_Price: number",
            "from_Desk_CreatedOn: string",
            "to_Desk_CreatedOn: string",
        ]
    );
    let defaults: Vec<(&str, Option<&str>)> = list.parameters[..2]
        .iter()
        .map(|p| (p.name.as_str(), p.default.as_deref()))
        .collect();
    assert_eq!(defaults, [("page", Some("1")), ("size", Some("25"))]);
    for parameter in &list.parameters {
        assert!(
            !parameter.description.contains("Filters") && !parameter.description.contains('{'),
            "a subheading or sample leaked into `{}`: {:?}",
            parameter.name,
            parameter.description
        );
    }

    generate_alone(&spec, "spaces/desks.yaml");
}

/// Generates `spec`, written as `file` beside the envelope in a scratch tree; it must
/// generate without warnings.
fn generate_alone(spec: &Spec, file: &str) -> nexudus_codegen::Generated {
    let dir = scratch();
    let target = dir.join(file);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::copy(
        workspace().join("spec/envelope.yaml"),
        dir.join("envelope.yaml"),
    )
    .unwrap();
    std::fs::write(&target, to_yaml(spec, "../nexudus-spec.schema.json")).unwrap();
    let generated = nexudus_codegen::generate(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    let generated =
        generated.unwrap_or_else(|d| panic!("the imported spec does not generate:\n{d}"));
    assert!(generated.warnings.0.is_empty(), "{}", generated.warnings);
    generated
}

/// Enum names are global: a page of another entity that repeats `eGender` leaves it to the
/// file that defines it, and says so when its values differ.
#[test]
fn an_enum_another_spec_file_defines_is_left_to_that_file() {
    let (_, coworkers) = load(&workspace().join("spec/spaces/coworkers.yaml"));
    let elsewhere: Vec<(String, Enum)> = coworkers
        .enums
        .iter()
        .map(|e| ("spaces/coworkers.yaml".to_owned(), e.clone()))
        .collect();
    let gender = coworkers
        .enums
        .iter()
        .find(|e| e.name == "eGender")
        .unwrap()
        .clone();
    let mut changed = gender.clone();
    changed.values.push((6, "Unspecified".to_owned()));
    let mut spec = Spec {
        entity: "Contact".to_owned(),
        enums: vec![gender, changed.clone()],
        ..Spec::default()
    };
    spec.enums[1].name = "eContactKind".to_owned();
    let mut warnings = Vec::new();
    leave_enums_to_their_files(&mut spec, &elsewhere, &mut warnings);
    assert_eq!(spec.enums.len(), 1, "eGender is left to coworkers.yaml");
    assert_eq!(spec.enums[0].name, "eContactKind");
    assert!(
        warnings.is_empty(),
        "same values, nothing to say: {warnings:?}"
    );

    let mut spec = Spec {
        enums: vec![changed],
        ..Spec::default()
    };
    leave_enums_to_their_files(&mut spec, &elsewhere, &mut warnings);
    assert!(spec.enums.is_empty());
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].message.contains("spaces/coworkers.yaml")
            && warnings[0].message.contains("6 = Unspecified"),
        "{}",
        warnings[0].message
    );
}

/// A spec file the format does not accept is not merged into: the importer says where.
#[test]
fn an_existing_spec_with_an_unknown_type_is_refused_with_its_line() {
    let text = "entity: Desk\narea: spaces\noperations:\n- name: CreateDesk\n  kind: create\n  method: POST\n  path: /api/spaces/desks\n  summary: Create Desk\n  role: Desk-Create\n  fields:\n  - name: Name\n    type: strng\n";
    let (_, file) =
        nexudus_codegen::testing::parse_file("spaces/desks.yaml", text.as_bytes()).unwrap();
    let error = Spec::from_file(&file).unwrap_err();
    assert_eq!(error, "line 12: field `Name` has the unknown type `strng`");
}

fn mdx_fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/mdx")
            .join(name),
    )
    .unwrap()
}

/// A spec without the file name it was read from, which differs between the shapes.
fn shape_free(mut spec: Spec) -> Spec {
    spec.pages.clear();
    spec
}

/// Every fixture kind, and the starting pages, in both shapes: the same spec, field by field.
#[test]
fn the_same_page_in_both_shapes_gives_the_same_spec() {
    let mut pairs: Vec<(String, String, String)> = [
        (
            "post-billing-lockerrentals.txt",
            "post-billing-lockerrentals.md",
        ),
        (
            "put-billing-lockerrentals.txt",
            "put-billing-lockerrentals.md",
        ),
        (
            "get-billing-lockerrentals-id.txt",
            "get-billing-lockerrentals-by-id.md",
        ),
        (
            "get-billing-lockerrentals.txt",
            "get-billing-lockerrentals.md",
        ),
        (
            "delete-billing-lockerrentals-id.txt",
            "delete-billing-lockerrentals-by-id.md",
        ),
        ("get-spaces-desks-by-id.txt", "get-spaces-desks-by-id.md"),
        ("get-spaces-desks.txt", "get-spaces-desks.md"),
        (
            "delete-spaces-desks-by-id.txt",
            "delete-spaces-desks-by-id.md",
        ),
        ("get-spaces-desks-batch.txt", "get-spaces-desks-batch.md"),
    ]
    .iter()
    .map(|(txt, md)| (md.to_string(), fixture(txt), mdx_fixture(md)))
    .collect();
    let real = workspace().join("../shared/api-docs");
    if real.is_dir() {
        for page in [
            "post-spaces-coworkernotes",
            "post-crm-coworkertasks",
            "post-spaces-coworkersettings",
            "post-spaces-coworkers",
            "put-spaces-coworkernotifications",
            "get-spaces-coworkernotifications",
        ] {
            pairs.push((
                format!("{page}.md"),
                std::fs::read_to_string(real.join(format!("{page}.txt"))).unwrap(),
                mdx_fixture(&format!("{page}.md")),
            ));
        }
    } else {
        eprintln!("note: ../shared/api-docs is absent; the starting pages' pairs are skipped");
    }
    for (name, rendered, markdown) in pairs {
        let from_text = import_page(&name.replace(".md", ".txt"), &rendered);
        let from_markdown = import_page(&name, &markdown);
        assert!(
            !from_markdown.spec.operations.is_empty() || from_text.spec.operations.is_empty(),
            "{name}: nothing read: {:?}",
            from_markdown.warnings
        );
        let (text_spec, markdown_spec) =
            (shape_free(from_text.spec), shape_free(from_markdown.spec));
        if let (Some(a), Some(b)) = (
            text_spec.operations.first(),
            markdown_spec.operations.first(),
        ) {
            for (x, y) in a
                .fields
                .iter()
                .chain(&a.parameters)
                .chain(&a.response)
                .zip(b.fields.iter().chain(&b.parameters).chain(&b.response))
            {
                assert_eq!(x, y, "{name}: field `{}` differs", x.name);
            }
        }
        assert_eq!(
            text_spec, markdown_spec,
            "{name}: the shapes give different specs"
        );
        assert_eq!(
            from_text.warnings.is_empty(),
            from_markdown.warnings.is_empty(),
            "{name}: one shape warns, the other not:\n{:?}\n{:?}",
            from_text.warnings,
            from_markdown.warnings
        );
    }
}

/// The cut-off page in both shapes: the same fields; the Markdown shape never glues the cut
/// name onto the previous description. (The rendered shape still does, a finding of issue 10
/// fixed in `rendered.rs` on its own branch; once it is, the descriptions agree too.)
#[test]
fn a_page_cut_off_in_both_shapes_keeps_the_same_fields() {
    let text = import_page("cut.txt", &fixture("post-billing-lockerrentals-cut.txt"));
    let markdown = import_page("cut.md", &mdx_fixture("post-billing-lockerrentals-cut.md"));
    let fields = |spec: &Spec| -> Vec<(String, SpecType, bool, Option<String>)> {
        spec.operations[0]
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.ty, f.required, f.enum_name.clone()))
            .collect()
    };
    assert_eq!(fields(&text.spec), fields(&markdown.spec));
    assert_eq!(text.spec.enums, markdown.spec.enums);
    let size = &markdown.spec.operations[0].fields[2];
    assert_eq!(
        size.description,
        "Locker size. Defaults to eLockerSize.Medium. See eLockerSize enum above."
    );
    let cut = markdown
        .warnings
        .iter()
        .find(|w| w.message.contains("cut off"))
        .expect("the cut is a warning");
    let last_line = mdx_fixture("post-billing-lockerrentals-cut.md")
        .lines()
        .count();
    assert_eq!(
        cut.line, last_line,
        "located at the cut tag: {:?}",
        markdown.warnings
    );
}

/// The real Markdown pages (each cut off early) import what they show, with the cut located.
#[test]
fn the_real_markdown_pages_import_what_they_show() {
    let dir = workspace().join("../shared/api-docs/mdx");
    if !dir.is_dir() {
        eprintln!("note: ../shared/api-docs/mdx is absent; skipped");
        return;
    }
    let read = |name: &str| {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        (import_page(name, &text), text)
    };
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let (imported, _) = read(&name);
        assert!(
            imported
                .warnings
                .iter()
                .any(|w| w.message.contains("cut off")),
            "{name} ends early and must say so: {:?}",
            imported.warnings
        );
    }
    let (products, text) = read("put-billing-coworkerproducts.md");
    let operation = &products.spec.operations[0];
    assert_eq!(
        (
            operation.method,
            operation.path.as_str(),
            operation.role.as_str()
        ),
        (
            HttpMethod::Put,
            "/api/billing/coworkerproducts",
            "CoworkerProduct-Edit"
        )
    );
    let repeat = operation
        .fields
        .iter()
        .find(|f| f.name == "RepeatCycle")
        .unwrap();
    assert!(repeat.required);
    assert_eq!(repeat.enum_name.as_deref(), Some("eRecurrentChargePattern"));
    assert_eq!(products.spec.enums[0].values.len(), 6);
    assert!(text.contains("<ParamField body=\"PurchaseOrder\" type=\"string\">"));
    let purchase = operation.fields.last().unwrap();
    assert_eq!(
        (purchase.name.as_str(), purchase.description.as_str()),
        ("PurchaseOrder", "Purchase or")
    );
    assert_eq!(operation.fields.iter().filter(|f| f.required).count(), 8);

    let (coworkers, _) = read("put-spaces-coworkers.md");
    let names: Vec<&str> = coworkers
        .spec
        .enums
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    for expected in [
        "eCoworkerRecordType",
        "eGender",
        "eCoworkerTaxRateType",
        "eCoworkerAttendance",
    ] {
        assert!(names.contains(&expected), "{names:?}");
    }
    let gender = coworkers
        .spec
        .enums
        .iter()
        .find(|e| e.name == "eGender")
        .unwrap();
    assert_eq!(gender.values[5], (5, "RatherNotSay".to_owned()));

    let (task, _) = read("get-crm-coworkertasks-by-id.md");
    let operation = &task.spec.operations[0];
    assert_eq!(
        (operation.kind, operation.path.as_str()),
        (OperationKind::Get, "/api/crm/coworkertasks/{id}")
    );
    assert_eq!(task.spec.entity, "CoworkerTask");
    assert!(
        task.spec
            .description
            .starts_with("A CoworkerTask represents a to-do item")
    );
    assert!(
        task.spec
            .description
            .contains("linked to a customer (CoworkerId)")
    );

    let (messages, _) = read("get-spaces-coworkermessages-by-id.md");
    let response: Vec<&str> = messages.spec.operations[0]
        .response
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(
        response,
        ["CoworkerId", "CoworkerFullName"],
        "the cut `CoworkerE…` is left out"
    );

    let (audits, _) = read("post-crm-coworkerreminderaudits.md");
    let fields: Vec<(&str, bool)> = audits.spec.operations[0]
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(fields, [("CoworkerId", true), ("ReminderId", true)]);

    let (notifications, _) = read("get-spaces-coworkernotifications.md");
    let kinds = &notifications.spec.string_enums[0];
    assert_eq!(kinds.name, "NotificationType");
    assert_eq!(kinds.values.len(), 15);
    assert_eq!(
        kinds.values[1],
        (
            "community-event".to_owned(),
            "Community event update".to_owned()
        )
    );
    assert_eq!(
        kinds.description,
        "The NotificationType field indicates the source event."
    );
    assert!(
        !notifications.spec.description.contains("coworkerinvoice"),
        "the table is not prose"
    );
}

/// A string-value table links the string field and becomes a string enum in the written spec.
#[test]
fn a_table_of_string_values_becomes_a_string_enum_of_the_field() {
    let text = "GET\n/\napi\n/\nspaces\n/\nnotes\nList Notes\nA note. The Kind field says why. Common values include:\nKindMeaning\nblogNew blog post\nsurveySurvey notification\n\nAuthentication\n\nor have the Note-List role.\n\nQuery Parameters\n\nNote_Kind\nstring\nFilter by kind.\n\nCode Examples\n";
    let imported = import_page("get-spaces-notes.txt", text);
    let parameter = &imported.spec.operations[0].parameters[0];
    assert_eq!(
        (parameter.ty, parameter.enum_name.as_deref()),
        (SpecType::String, Some("Kind"))
    );
    let written = to_yaml(&imported.spec, "../nexudus-spec.schema.json");
    assert!(written.contains("string_enums:\n- name: Kind\n  description: The Kind field says why.\n  values:\n  - value: blog\n    description: New blog post\n"), "{written}");
    let generated = generate_alone(&imported.spec, "spaces/notes.yaml");
    let enums = generated
        .files
        .iter()
        .find(|(path, _)| path.ends_with("enums.rs"))
        .map(|(_, code)| code.clone())
        .unwrap();
    assert!(enums.contains("pub enum Kind"), "{enums}");
    assert!(enums.contains("/// `blog`: New blog post"), "{enums}");
}
