//! The exchange format (DOMAIN.md §10): a sample workspace written in every format version
//! (`fixtures/workspace_v<N>.json`), each kind of bad file (`fixtures/exchange/`), merging,
//! and the tracker, document and calendar exports.

use chrono::{NaiveDate, TimeZone, Utc};
use followthrough_core::exchange::{self, *};
use followthrough_core::migrate::{self, OLDEST_VERSION};
use followthrough_core::model::*;
use followthrough_core::scoring::rescore_workspace;
use followthrough_core::validator::safe_link;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixture(name: &str) -> String {
    let path = fixtures().join("exchange").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import(name: &str) -> Incoming {
    read_import(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn refusal(name: &str) -> (ImportError, String) {
    let error = read_import(&fixture(name)).expect_err(name);
    let message = error.to_string();
    (error, message)
}

fn imported_workspace(incoming: &Incoming) -> Workspace {
    apply(
        &Workspace::default(),
        incoming,
        Mode::Replace,
        ConflictRule::KeepWorkspace,
    )
}

/// A realistic full workspace as format version `version` wrote it.
fn workspace_in_version(version: u32) -> PathBuf {
    fixtures().join(format!("workspace_v{version}.json"))
}

// ---------------------------------------------------------------------------------------------
// Format versions.

#[test]
fn every_schema_version_has_a_fixture_that_imports() {
    for version in OLDEST_VERSION..=SCHEMA_VERSION {
        let path = workspace_in_version(version);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "schema version {version} has no fixture: add {} (a realistic full workspace \
                 written in that version; see core/src/migrate.rs)",
                path.display()
            )
        });
        let raw: serde_json::Value = serde_json::from_str(&text).expect("fixture is JSON");
        assert_eq!(
            migrate::version_of(&raw),
            Ok(u64::from(version)),
            "{} must declare schema_version {version}",
            path.display()
        );
        let incoming = read_import(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(incoming.file_version, version);
        assert_eq!(incoming.kind, DocumentKind::Workspace);
        assert!(incoming.postmortems().len() >= 3, "a realistic workspace");
        assert!(incoming.item_count() >= 5, "a realistic workspace");
        let ws = imported_workspace(&incoming);
        assert_eq!(ws.schema_version, SCHEMA_VERSION);
        // Whatever the version, the current format reads back what it writes.
        let again = imported_workspace(&read_import(&export_workspace_json(&ws)).unwrap());
        assert_eq!(again, ws);
    }
}

#[test]
fn the_current_fixture_round_trips_byte_for_byte() {
    let text = std::fs::read_to_string(workspace_in_version(SCHEMA_VERSION)).unwrap();
    let ws = imported_workspace(&read_import(&text).unwrap());
    let exported = export_workspace_json(&ws);
    let back = imported_workspace(&read_import(&exported).unwrap());
    assert_eq!(export_workspace_json(&back), exported);
    // And the file is the model's own shape: re-exporting loses no field of it.
    let raw: serde_json::Value = serde_json::from_str(&text).unwrap();
    let written: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(raw, written, "the fixture is a file this version writes");
}

#[test]
fn a_file_without_schema_version_is_version_one_and_unknown_fields_are_ignored() {
    let incoming = import("minimal_with_unknown_fields.json");
    assert_eq!(incoming.file_version, 1);
    let item = &incoming.postmortems()[0].action_items[0];
    assert_eq!(item.title, "Add request coalescing to the product cache");
    assert_eq!(item.impact.get(), 3);
    assert_eq!(item.effort.get(), 2, "omitted fields take their defaults");
    assert_eq!(item.status, ItemStatus::NotStarted);
}

#[test]
fn a_newer_schema_is_refused_with_a_clear_message() {
    let (error, message) = refusal("newer_schema.json");
    assert_eq!(
        error,
        ImportError::Version(migrate::MigrationError::Newer { found: 2 })
    );
    assert!(message.contains("newer version"), "{message}");
    assert!(message.contains("schema version 2"), "{message}");
    let (error, message) = refusal("bad_version.json");
    assert!(matches!(error, ImportError::Version(_)), "{message}");
    assert!(message.starts_with("schema_version:"), "{message}");
}

// ---------------------------------------------------------------------------------------------
// Bad files: each refused whole, with the place named.

#[test]
fn wrong_values_and_types_name_their_place() {
    let cases = [
        (
            "impact_out_of_range.json",
            "postmortems[2].action_items[0].impact: expected 1–4, found 7",
        ),
        (
            "wrong_types.json",
            "postmortems[0].action_items[1].title: invalid type: integer `42`, expected a string",
        ),
        ("bad_date.json", "postmortems[0].action_items[0].due_date: "),
        (
            "bad_enum.json",
            "postmortems[0].severity: unknown variant `SEV9`",
        ),
        (
            "negative_duration.json",
            "postmortems[0].duration_minutes: invalid value: integer `-5`",
        ),
        (
            "missing_title.json",
            "postmortems[0].action_items[0]: missing field `title`",
        ),
    ];
    for (name, expected) in cases {
        let (error, message) = refusal(name);
        assert!(
            matches!(error, ImportError::Invalid { .. }),
            "{name}: {error:?}"
        );
        assert!(message.starts_with(expected), "{name}: {message}");
    }
}

#[test]
fn a_post_mortem_document_names_places_under_postmortem() {
    let text = r#"{"schema_version":1,"postmortem":{"id":"PM-1","title":"t",
        "action_items":[{"id":"PM-1-01","title":"Add x","effort":0}]}}"#;
    assert_eq!(
        read_import(text).unwrap_err().to_string(),
        "postmortem.action_items[0].effort: expected 1–4, found 0 (line 2, column 66)"
    );
}

#[test]
fn a_field_given_twice_is_refused_and_an_unknown_one_ignored() {
    let twice = r#"{"postmortems":[{"id":"a","title":"b","title":"c"}]}"#;
    assert_eq!(
        read_import(twice).unwrap_err().to_string(),
        "postmortems[0]: duplicate field `title` (line 1, column 45)"
    );
    let unknown_twice = r#"{"postmortems":[{"id":"a","title":"b","x":1,"x":2}]}"#;
    assert_eq!(
        read_import(unknown_twice).unwrap().postmortems()[0].title,
        "b"
    );
}

#[test]
fn duplicate_ids_are_refused_naming_both_places() {
    let (error, message) = refusal("duplicate_postmortem_ids.json");
    assert_eq!(
        error,
        ImportError::DuplicateId {
            id: "PM-2026-0001".into(),
            first: "postmortems[0].id".into(),
            second: "postmortems[2].id".into(),
        }
    );
    assert!(message.contains("PM-2026-0001"), "{message}");
    // Item ids are unique within their post-mortem (PM-2026-0001-02 in two post-mortems is
    // not the duplicate; PM-2026-0002-01 twice in one is).
    let (error, _) = refusal("duplicate_item_ids.json");
    assert_eq!(
        error,
        ImportError::DuplicateId {
            id: "PM-2026-0002-01".into(),
            first: "postmortems[1].action_items[0].id".into(),
            second: "postmortems[1].action_items[2].id".into(),
        }
    );
    let text = r#"{"postmortem":{"id":"P","title":"t","action_items":[
        {"id":"P-1","title":"a"},{"id":"P-1","title":"b"}]}}"#;
    assert_eq!(
        read_import(text).unwrap_err().to_string(),
        "postmortem.action_items[1].id: duplicate id \"P-1\", already used at \
         postmortem.action_items[0].id; post-mortem ids must be unique in a file, item ids \
         within their post-mortem"
    );
    let (error, message) = refusal("blank_item_id.json");
    assert_eq!(
        error,
        ImportError::BlankId {
            path: "postmortems[0].action_items[1].id".into()
        }
    );
    assert!(message.contains("cannot be empty"), "{message}");
}

#[test]
fn files_that_are_not_documents_are_refused() {
    for name in [
        "both_kinds.json",
        "bare_postmortem.json",
        "not_an_object.json",
    ] {
        let (error, message) = refusal(name);
        assert!(
            matches!(error, ImportError::NotADocument(_)),
            "{name}: {error:?}"
        );
        assert!(!message.is_empty());
    }
    let (error, message) = refusal("not_json.json");
    assert!(matches!(error, ImportError::NotJson(_)), "{error:?}");
    assert!(message.contains("line 1"), "{message}");
    assert_eq!(read_import(""), Err(ImportError::Empty));
    assert_eq!(read_import(" \n\t"), Err(ImportError::Empty));
    assert!(matches!(read_import("\0"), Err(ImportError::NotJson(_))));
    assert!(matches!(
        read_import("{\"postmortems\":[]} trailing"),
        Err(ImportError::NotJson(_))
    ));
    // An empty object is an empty workspace; a byte-order mark is skipped.
    assert_eq!(read_import("{}").unwrap().postmortems().len(), 0);
    assert_eq!(
        read_import("\u{feff}{\"postmortems\":[]}").unwrap().kind,
        DocumentKind::Workspace
    );
}

#[test]
fn oversized_files_are_refused_before_reading() {
    assert_eq!(MAX_IMPORT_BYTES, 32 * 1024 * 1024);
    assert_eq!(check_size(0), Ok(()));
    assert_eq!(check_size(MAX_IMPORT_BYTES), Ok(()));
    let error = check_size(MAX_IMPORT_BYTES + 1).unwrap_err();
    assert_eq!(
        error,
        ImportError::TooLarge {
            bytes: MAX_IMPORT_BYTES + 1
        }
    );
    assert!(error.to_string().contains("32.0 MiB"), "{error}");
    assert!(check_size(u64::MAX).is_err());
    // read_import checks too, whatever the caller did: a valid document padded past the limit.
    let mut text = String::from("{\"postmortems\":[]}");
    text.push_str(&" ".repeat(MAX_IMPORT_BYTES as usize));
    assert!(matches!(
        read_import(&text),
        Err(ImportError::TooLarge { .. })
    ));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let arrays = "[".repeat(100_000);
    let error = read_import(&arrays).unwrap_err();
    assert!(matches!(error, ImportError::TooDeep(_)), "{error:?}");
    assert!(error.to_string().contains("100 levels"), "{error}");
    let objects = "{\"a\":".repeat(100_000);
    assert!(matches!(
        read_import(&objects),
        Err(ImportError::TooDeep(_))
    ));
    let closed = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(read_import(&closed), Err(ImportError::TooDeep(_))));
    assert!(error.to_string().contains("line 1, column 101"), "{error}");
    // Deep inside a real document, too, and in a field that would otherwise be skipped.
    let inside = format!(
        "{{\"postmortems\":[{{\"id\":\"a\",\"title\":\"b\",\"tags\":{}}}]}}",
        "[".repeat(100_000)
    );
    assert!(matches!(read_import(&inside), Err(ImportError::TooDeep(_))));
    let unknown = format!(
        "{{\"postmortems\":[],\"extra\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(matches!(
        read_import(&unknown),
        Err(ImportError::TooDeep(_))
    ));
    // Deep but closed nesting inside a file this app wrote, where the direct reader would
    // otherwise read it: refused as too deep (the reader gives way to the checked path).
    let mut ws = Workspace::default();
    ws.postmortems.push(PostMortem {
        id: "PM-2026-0001".into(),
        title: "Deep".into(),
        ..Default::default()
    });
    let written = export_workspace_json(&ws);
    assert!(written.contains("\"tags\": []"), "{written}");
    for depth in [99, 150, 5_000] {
        let deep = format!("[{}{}]", "[".repeat(depth), "]".repeat(depth));
        let text = written.replacen("\"tags\": []", &format!("\"tags\": {deep}"), 1);
        let result = read_import(&text);
        assert!(
            matches!(result, Err(ImportError::TooDeep(_))),
            "{depth}: {result:?}"
        );
    }
    // Brackets inside strings are text, not nesting.
    let in_string = format!(
        "{{\"postmortems\":[],\"extra\":\"{}\\\"{}\"}}",
        "[".repeat(500),
        "{".repeat(500)
    );
    assert!(read_import(&in_string).is_ok());
    // Nesting within the limit is read (and refused for its type, with the place).
    let shallow = format!(
        "{{\"postmortems\":[{{\"id\":\"a\",\"title\":\"b\",\"tags\":{}1{}}}]}}",
        "[".repeat(90),
        "]".repeat(90)
    );
    let error = read_import(&shallow).unwrap_err();
    assert!(
        error.to_string().starts_with("postmortems[0].tags[0]"),
        "{error}"
    );
}

// ---------------------------------------------------------------------------------------------
// Text is data.

fn all_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(list) => list.iter().for_each(|v| all_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| all_strings(v, out)),
        _ => {}
    }
}

#[test]
fn markup_in_every_text_field_round_trips_as_data() {
    let text = fixture("xss.json");
    let ws = imported_workspace(&read_import(&text).unwrap());
    let exported = export_workspace_json(&ws);
    let mut before = Vec::new();
    all_strings(&serde_json::from_str(&text).unwrap(), &mut before);
    let mut after = Vec::new();
    all_strings(&serde_json::from_str(&exported).unwrap(), &mut after);
    for s in &before {
        assert!(after.contains(s), "{s:?} was changed or lost");
    }
    assert!(before.iter().filter(|s| s.contains('<')).count() >= 5);
    let raw: serde_json::Value = serde_json::from_str(&text).unwrap();
    let pm = &ws.postmortems[0];
    assert_eq!(pm.title, raw["postmortems"][0]["title"].as_str().unwrap());
    assert_eq!(pm.action_items[0].title, "<script>alert(1)</script>");
    assert_eq!(
        pm.action_items[0].description,
        "\"><img src=x onerror=alert(1)>"
    );
    // Exports that render text escape it rather than pass markup through.
    let set = ExportSet::of_postmortem(pm, None);
    let md = export_markdown_table(&ws, &set);
    assert!(md.contains("\\<script\\>"), "{md}");
    assert!(md.contains("\\<svg/onload=alert(1)\\>"), "{md}");
    assert_eq!(md.matches('<').count(), md.matches("\\<").count(), "{md}");
    assert!(!md.contains("](javascript"), "{md}");
}

#[test]
fn javascript_links_stay_data_and_are_never_linked() {
    let ws = imported_workspace(&import("javascript_links.json"));
    let pm = &ws.postmortems[0];
    assert_eq!(pm.doc_url, "javascript:alert('doc')");
    let urls: Vec<&str> = pm
        .action_items
        .iter()
        .map(|i| i.tracking_url.as_str())
        .collect();
    assert_eq!(urls[0], "javascript:alert(document.cookie)");
    assert_eq!(urls[2], " java\tscript:alert(1)");
    for url in urls.iter().copied().chain([pm.doc_url.as_str()]) {
        assert_eq!(safe_link(url), None, "{url}");
    }
    let set = ExportSet::of_postmortem(pm, Some("javascript:alert(1)//"));
    let md = export_markdown_table(&ws, &set);
    assert!(!md.to_lowercase().contains("script:"), "{md}");
    assert!(md.contains("| PAY-1 |"), "the ticket stays, unlinked: {md}");
    for export in [
        export_jira_csv(&ws, &set),
        export_linear_csv(&ws, &set),
        export_github_json(&ws, &set),
        export_gh_script(&ws, &set),
        export_ics(&ws, &set, &ics_options()),
    ] {
        assert!(!export.to_lowercase().contains("javascript:"), "{export}");
        assert!(!export.contains("Post-mortem document:"), "{export}");
    }
}

#[test]
fn nul_emoji_and_rtl_text_round_trip_byte_identical() {
    let text = fixture("unicode.json");
    let ws = imported_workspace(&read_import(&text).unwrap());
    let pm = &ws.postmortems[0];
    assert_eq!(pm.title, "Ausfall \u{0} nul — 🔥💳 checkout 👩🏽‍💻");
    let item = &pm.action_items[0];
    assert_eq!(
        item.description,
        "line1\r\nline2\u{0}after-nul\ttab \u{1F600}"
    );
    assert!(item.title.contains('\u{202e}'));
    assert_eq!(item.tags, ["🏷️", "\u{200b}"]);
    let exported = export_workspace_json(&ws);
    let back = imported_workspace(&read_import(&exported).unwrap());
    assert_eq!(back, ws);
    assert_eq!(export_workspace_json(&back), exported);
    let single = export_postmortem_json(pm);
    let back = read_import(&single).unwrap();
    assert_eq!(back.kind, DocumentKind::PostMortem);
    assert_eq!(&back.postmortems()[0], pm);
}

// ---------------------------------------------------------------------------------------------
// Documents, preview and apply.

fn at(day: u32, hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
}

fn item(id: &str, title: &str, updated: u32) -> ActionItem {
    ActionItem {
        id: id.into(),
        title: title.into(),
        updated_at: Some(at(updated, 9)),
        ..Default::default()
    }
}

fn postmortem(id: &str, items: Vec<ActionItem>, updated: u32) -> PostMortem {
    PostMortem {
        id: id.into(),
        title: format!("Incident {id}"),
        action_items: items,
        updated_at: Some(at(updated, 9)),
        ..Default::default()
    }
}

fn workspace(postmortems: Vec<PostMortem>) -> Workspace {
    let mut ws = Workspace {
        postmortems,
        ..Default::default()
    };
    rescore_workspace(&mut ws);
    ws
}

fn ids(entries: &[Entry]) -> Vec<String> {
    entries
        .iter()
        .map(|e| match &e.item_id {
            Some(item) => item.clone(),
            None => e.postmortem_id.clone(),
        })
        .collect()
}

/// Current: A (items A-1, A-2, A-3, A-4) and B. File: A with A-1 equal, A-2 newer in the file,
/// A-3 newer in the workspace, A-4 missing, A-5 new; and C, new.
fn scenario() -> (Workspace, Workspace) {
    let current = workspace(vec![
        postmortem(
            "A",
            vec![
                item("A-1", "Add one", 2),
                item("A-2", "Add two", 2),
                item("A-3", "Add three, edited here", 6),
                item("A-4", "Add four", 2),
            ],
            2,
        ),
        postmortem("B", vec![item("B-1", "Add b", 2)], 2),
    ]);
    let mut file_a = postmortem(
        "A",
        vec![
            item("A-1", "Add one", 2),
            item("A-2", "Add two, edited in the file", 5),
            item("A-3", "Add three, edited in the file", 5),
            item("A-5", "Add five", 5),
        ],
        2,
    );
    // Say the exporting tool wrote nonsense priorities: they are not content.
    file_a.action_items[0].priority = Priority::P0;
    file_a.action_items[0].priority_reasons = vec!["made up".into()];
    let file = workspace(vec![
        file_a,
        postmortem("C", vec![item("C-1", "Add c", 5)], 5),
    ]);
    (current, file)
}

fn incoming_from(ws: &Workspace) -> Incoming {
    read_import(&export_workspace_json(ws)).unwrap()
}

#[test]
fn preview_sorts_entries_by_the_documented_rule() {
    let (current, file) = scenario();
    let mut file_with_bad_priority = file.clone();
    file_with_bad_priority.postmortems[0].action_items[0].priority = Priority::P0;
    let incoming = incoming_from(&file_with_bad_priority);
    let preview = preview(&current, &incoming);
    assert_eq!(preview.kind, DocumentKind::Workspace);
    assert_eq!(ids(&preview.added), ["A-5", "C"]);
    assert_eq!(ids(&preview.updated), ["A-2"]);
    assert_eq!(ids(&preview.unchanged), ["A", "A-1"]);
    assert_eq!(ids(&preview.conflicting), ["A-3"]);
    assert_eq!(ids(&preview.only_in_workspace), ["A-4", "B"]);
    assert!(!preview.settings_differ);
    assert_eq!(preview.updated[0].fields, ["title", "updated_at"]);
    let conflict = &preview.conflicting[0];
    assert_eq!(conflict.workspace_updated_at, Some(at(6, 9)));
    assert_eq!(conflict.file_updated_at, Some(at(5, 9)));
    assert_eq!(
        preview.summary(),
        "2 added, 1 updated, 2 unchanged, 1 conflicting"
    );
    assert!(!preview.is_no_op());
    assert!(exchange::preview(&current, &incoming_from(&current)).is_no_op());
}

#[test]
fn missing_or_equal_times_make_a_difference_a_conflict() {
    let current = workspace(vec![postmortem(
        "A",
        vec![item("A-1", "Add one", 5), item("A-2", "Add two", 5)],
        5,
    )]);
    let mut file = current.clone();
    file.postmortems[0].action_items[0].title = "Add one, same instant".into();
    file.postmortems[0].action_items[1].title = "Add two, no time".into();
    file.postmortems[0].action_items[1].updated_at = None;
    file.postmortems[0].summary = "changed without a newer time".into();
    let preview = preview(&current, &incoming_from(&file));
    assert_eq!(ids(&preview.conflicting), ["A", "A-1", "A-2"]);
    assert_eq!(preview.conflicting[0].fields, ["summary"]);
}

#[test]
fn merge_adds_updates_and_follows_the_conflict_rule() {
    let (current, file) = scenario();
    let incoming = incoming_from(&file);
    let before = current.clone();
    let kept = apply(
        &current,
        &incoming,
        Mode::Merge,
        ConflictRule::KeepWorkspace,
    );
    assert_eq!(current, before, "the caller's workspace is untouched");
    let titles = |ws: &Workspace, pm: &str| -> Vec<String> {
        ws.postmortem(pm)
            .unwrap()
            .action_items
            .iter()
            .map(|i| i.title.clone())
            .collect()
    };
    assert_eq!(
        titles(&kept, "A"),
        [
            "Add one",
            "Add two, edited in the file",
            "Add three, edited here",
            "Add four",
            "Add five"
        ]
    );
    let ids: Vec<&str> = kept.postmortems.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["A", "B", "C"]);
    let taken = apply(&current, &incoming, Mode::Merge, ConflictRule::TakeFile);
    assert_eq!(titles(&taken, "A")[2], "Add three, edited in the file");
    assert_eq!(titles(&taken, "A")[3], "Add four", "merge never removes");
    // Merging the result again changes nothing.
    assert!(exchange::preview(&kept, &incoming_from(&kept)).is_no_op());
}

#[test]
fn replace_takes_the_file_whole() {
    let (current, file) = scenario();
    let mut file = file;
    file.settings.review.owner_capacity = 9;
    let incoming = incoming_from(&file);
    assert!(preview(&current, &incoming).settings_differ);
    let replaced = apply(
        &current,
        &incoming,
        Mode::Replace,
        ConflictRule::KeepWorkspace,
    );
    assert_eq!(replaced, file);
    let merged = apply(&current, &incoming, Mode::Merge, ConflictRule::TakeFile);
    assert_eq!(
        merged.settings, current.settings,
        "merge keeps the settings"
    );
}

#[test]
fn a_post_mortem_document_touches_only_its_post_mortem() {
    let (current, _) = scenario();
    let mut pm = current.postmortem("A").unwrap().clone();
    pm.action_items.remove(0);
    pm.action_items[0].title = "Add two, newer".into();
    pm.action_items[0].updated_at = Some(at(20, 9));
    let incoming = read_import(&export_postmortem_json(&pm)).unwrap();
    assert_eq!(incoming.kind, DocumentKind::PostMortem);
    let preview = preview(&current, &incoming);
    assert_eq!(
        ids(&preview.only_in_workspace),
        ["A-1"],
        "B is not mentioned"
    );
    assert_eq!(ids(&preview.updated), ["A-2"]);
    assert!(!preview.settings_differ);
    let merged = apply(
        &current,
        &incoming,
        Mode::Merge,
        ConflictRule::KeepWorkspace,
    );
    assert_eq!(merged.postmortem("A").unwrap().action_items.len(), 4);
    let replaced = apply(
        &current,
        &incoming,
        Mode::Replace,
        ConflictRule::KeepWorkspace,
    );
    assert_eq!(replaced.postmortem("A").unwrap(), &pm);
    assert_eq!(replaced.postmortem("B"), current.postmortem("B"));
    // A post-mortem the workspace lacks is added.
    let fresh = import("postmortem.json");
    let added = apply(&current, &fresh, Mode::Merge, ConflictRule::KeepWorkspace);
    assert_eq!(added.postmortems.len(), 3);
    assert_eq!(
        ids(&exchange::preview(&current, &fresh).added),
        ["PM-2026-0051"]
    );
}

#[test]
fn priorities_are_recomputed_after_import() {
    let text = r#"{"schema_version":1,"postmortem":{"id":"PM-9","title":"t","severity":"SEV1",
        "action_items":[{"id":"PM-9-01","title":"Write a failover runbook","impact":3,"effort":2,
        "priority":"P3","priority_reasons":["trust me"]}]}}"#;
    let ws = imported_workspace(&read_import(text).unwrap());
    let item = &ws.postmortems[0].action_items[0];
    assert_eq!(item.priority, Priority::P0);
    assert_eq!(item.priority_reasons, ["SEV1 incident and impact ≥ 3: P0"]);
}

// ---------------------------------------------------------------------------------------------
// Tracker exports.

const BASE: &str = "https://host.example/tools/followthrough/";

fn tracked() -> (Workspace, ExportSet) {
    let text = std::fs::read_to_string(workspace_in_version(SCHEMA_VERSION)).unwrap();
    let ws = imported_workspace(&read_import(&text).unwrap());
    let set = ExportSet::of_postmortem(ws.postmortem("PM-2026-0051").unwrap(), Some(BASE));
    (ws, set)
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn links_back_are_app_routes_and_only_for_web_addresses() {
    assert_eq!(
        postmortem_link(BASE, "PM-2026-0051").as_deref(),
        Some("https://host.example/tools/followthrough/#/pm/PM-2026-0051")
    );
    assert_eq!(
        postmortem_link("https://h.example/app/#/pm/old", "a b/ü").as_deref(),
        Some("https://h.example/app/#/pm/a%20b%2F%C3%BC")
    );
    assert_eq!(postmortem_link("javascript:alert(1)", "x"), None);
    assert_eq!(postmortem_link("", "x"), None);
}

#[test]
fn labels_and_descriptions_link_every_item_back() {
    let (ws, set) = tracked();
    let items = resolve(&ws, &set);
    assert_eq!(items.len(), 5);
    for (pm, item) in items {
        let labels = labels(pm, item);
        assert_eq!(labels[0], "incident-action");
        assert_eq!(labels[1], pm.id);
        let description = item_description(pm, item, set.link_base.as_deref());
        assert!(description.contains(&format!("Post-mortem: {BASE}#/pm/{}", pm.id)));
        assert!(description.contains(&item.id));
        assert!(description.contains("Post-mortem document: https://wiki.example.com/"));
    }
    let pm = ws.postmortem("PM-2026-0051").unwrap();
    let mut tagged = pm.action_items[0].clone();
    tagged.tags = vec![
        "two words".into(),
        "a,b".into(),
        " ".into(),
        "incident-action".into(),
    ];
    assert_eq!(
        labels(pm, &tagged),
        [
            "incident-action",
            "PM-2026-0051",
            "prevent",
            "two-words",
            "a-b"
        ]
    );
}

#[test]
fn jira_csv_has_the_importer_columns() {
    let (ws, set) = tracked();
    let rows = parse_csv(&export_jira_csv(&ws, &set));
    let header = &rows[0];
    let labels_at: Vec<usize> = (0..header.len())
        .filter(|&i| header[i] == "Labels")
        .collect();
    assert!(labels_at.len() >= 3, "{header:?}");
    assert_eq!(
        header[..5],
        ["Summary", "Description", "Assignee", "Priority", "Due date"]
    );
    assert_eq!(header.last().unwrap(), "Issue Type");
    assert_eq!(rows.len(), 6);
    let first = &rows[1];
    assert_eq!(first.len(), header.len());
    assert_eq!(
        first[0],
        "Implement a circuit breaker on payment provider calls with a 2 s timeout"
    );
    assert_eq!(first[2], "Marcus Lee");
    assert_eq!(first[3], "Highest");
    assert_eq!(first[4], "2026-03-10");
    assert_eq!(first[labels_at[0]], "incident-action");
    assert_eq!(first[labels_at[1]], "PM-2026-0051");
    assert_eq!(first.last().unwrap(), "Task");
    assert!(first[1].contains("#/pm/PM-2026-0051"));
    let priorities: Vec<&str> = rows[1..].iter().map(|r| r[3].as_str()).collect();
    assert_eq!(
        priorities,
        ["Highest", "Highest", "Highest", "High", "Highest"]
    );
    for p in Priority::ALL {
        let names = [jira_priority(p), linear_priority(p)];
        let expected = match p {
            Priority::P0 => ["Highest", "Urgent"],
            Priority::P1 => ["High", "High"],
            Priority::P2 => ["Medium", "Medium"],
            Priority::P3 => ["Low", "Low"],
        };
        assert_eq!(names, expected);
    }
    assert!(export_jira_csv(&ws, &set).contains("\r\n"), "RFC 4180 CRLF");
}

#[test]
fn linear_csv_has_its_columns() {
    let (ws, set) = tracked();
    let rows = parse_csv(&export_linear_csv(&ws, &set));
    assert_eq!(
        rows[0],
        [
            "Title",
            "Description",
            "Priority",
            "Assignee",
            "Labels",
            "Due Date"
        ]
    );
    assert_eq!(rows[1][2], "Urgent");
    assert_eq!(
        rows[1][4],
        "incident-action,PM-2026-0051,prevent,resilience"
    );
    assert_eq!(rows[5][5], "", "no due date");
}

#[test]
fn asana_csv_has_its_columns_and_assigns_by_address() {
    let (mut ws, set) = tracked();
    let rows = parse_csv(&export_asana_csv(&ws, &set));
    assert_eq!(
        rows[0],
        ["Name", "Description", "Assignee Email", "Due Date", "Tags"]
    );
    assert_eq!(rows.len(), 6);
    assert_eq!(
        rows[1][0],
        "Implement a circuit breaker on payment provider calls with a 2 s timeout"
    );
    assert!(rows[1][1].contains("Owner: Marcus Lee"), "{}", rows[1][1]);
    assert_eq!(
        rows[1][2], "",
        "a name alone, off the roster, has no address"
    );
    assert_eq!(rows[1][3], "03/10/2026");
    // On the people roster, however written there, the owner gets its address.
    let mut listed = ws.clone();
    listed.settings.people = vec!["Lee, Marcus <marcus.lee@corp.example>".into()];
    assert_eq!(
        parse_csv(&export_asana_csv(&listed, &set))[1][2],
        "marcus.lee@corp.example"
    );
    assert_eq!(
        rows[1][4],
        "incident-action,PM-2026-0051,prevent,resilience"
    );
    assert_eq!(rows[5][3], "", "no due date");
    let item = &mut ws.postmortem_mut("PM-2026-0051").unwrap().action_items[0];
    item.owner = "Marcus Lee <Marcus.Lee@Corp.Example>".into();
    let rows = parse_csv(&export_asana_csv(&ws, &set));
    assert_eq!(rows[1][2], "marcus.lee@corp.example");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_defused() {
    let ws = imported_workspace(&import("csv_injection.json"));
    let set = ExportSet::of_postmortem(&ws.postmortems[0], None);
    for export in [
        export_jira_csv(&ws, &set),
        export_linear_csv(&ws, &set),
        export_asana_csv(&ws, &set),
    ] {
        let rows = parse_csv(&export);
        for row in &rows {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{cell:?} in {export}"
                );
            }
        }
    }
    let rows = parse_csv(&export_jira_csv(&ws, &set));
    assert_eq!(
        rows[1][0],
        "'=HYPERLINK(\"https://evil.example\",\"click\")"
    );
    assert_eq!(rows[1][2], "'+1 555 0100");
    assert_eq!(rows[2][0], "'@SUM(A1:A9)");
    assert_eq!(rows[2][2], "'\tTabbed");
    assert!(rows[2][1].starts_with("'\rcarriage"), "{:?}", rows[2][1]);
    assert_eq!(rows[3][0], "Add a, \"quoted\" title; with separators");
    assert_eq!(rows[3][2], "'=cmd|' /C calc'!A0");
    assert!(rows[3].contains(&"'-dash".to_string()));
    assert_eq!(defuse_cell("fine"), "fine");
    assert_eq!(defuse_cell("-1"), "'-1");
    assert_eq!(defuse_cell(""), "");
}

#[test]
fn github_issues_are_rest_bodies_without_assignees() {
    let (ws, set) = tracked();
    let issues: Vec<serde_json::Value> =
        serde_json::from_str(&export_github_json(&ws, &set)).unwrap();
    assert_eq!(issues.len(), 5);
    for issue in &issues {
        let keys: Vec<&String> = issue.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["body", "labels", "title"]);
        assert_eq!(issue["labels"][0], "incident-action");
        assert_eq!(issue["labels"][1], "PM-2026-0051");
        assert!(issue["body"].as_str().unwrap().contains("Owner: "));
    }
    let empty = ExportSet::default();
    assert_eq!(export_github_json(&ws, &empty), "[]\n");
}

#[test]
fn shell_quoting_leaves_nothing_to_expand() {
    assert_eq!(shell_quote("plain"), "'plain'");
    assert_eq!(shell_quote("it's"), "'it'\\''s'");
    assert_eq!(
        shell_quote("$(reboot) `x` \\ \"q\""),
        "'$(reboot) `x` \\ \"q\"'"
    );
    assert_eq!(
        shell_quote("a\u{0}b\r\nc\rd\te\u{1b}[31m"),
        "'ab\nc\nd\te[31m'"
    );
    assert_eq!(shell_quote(""), "''");
}

/// Runs the `gh` script with `sh` against a fake `gh` on the PATH that records its arguments,
/// and checks that every argument arrives exactly as meant: nothing expanded or split.
#[cfg(unix)]
#[test]
fn the_gh_script_passes_every_value_as_one_argument() {
    use std::os::unix::fs::PermissionsExt;
    use std::process::Command;

    if Command::new("sh").arg("-c").arg("true").status().is_err() {
        eprintln!("no sh: skipped");
        return;
    }
    let mut ws = imported_workspace(&import("xss.json"));
    let hostile = import("csv_injection.json").postmortems()[0].clone();
    ws.postmortems.push(hostile);
    let unicode = import("unicode.json").postmortems()[0].clone();
    ws.postmortems.push(unicode);
    ws.postmortems[0].action_items[0].title =
        "it's $(touch pwned) `touch pwned` ; touch pwned && x' \\' \"\n--repo=evil/evil".into();
    rescore_workspace(&mut ws);
    let mut set = ExportSet::new(Some(BASE));
    for pm in &ws.postmortems {
        for item in &pm.action_items {
            set.push(&pm.id, &item.id);
        }
    }
    let script = export_gh_script(&ws, &set);

    let dir = std::env::temp_dir().join(format!("followthrough-gh-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("bin")).unwrap();
    let fake = dir.join("bin/gh");
    std::fs::write(
        &fake,
        "#!/bin/sh\nprintf '\\001CALL\\000' >> \"$GH_LOG\"\nfor a in \"$@\"; do printf '%s\\000' \"$a\" >> \"$GH_LOG\"; done\n",
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(dir.join("issues.sh"), &script).unwrap();
    let log = dir.join("gh.log");
    let path = format!(
        "{}:{}",
        dir.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let status = Command::new("sh")
        .arg(dir.join("issues.sh"))
        .current_dir(&dir)
        .env("PATH", path)
        .env("GH_LOG", &log)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        !dir.join("pwned").exists(),
        "the script ran a command from the data"
    );

    let bytes = std::fs::read(&log).unwrap();
    let mut calls: Vec<Vec<String>> = Vec::new();
    for arg in bytes
        .strip_suffix(&[0])
        .unwrap_or(&bytes)
        .split(|b| *b == 0)
    {
        let arg = String::from_utf8(arg.to_vec()).unwrap();
        if arg == "\u{1}CALL" {
            calls.push(Vec::new());
        } else if let Some(call) = calls.last_mut() {
            call.push(arg);
        }
    }
    let issue_calls: Vec<&Vec<String>> = calls
        .iter()
        .filter(|c| c[..2] == ["issue", "create"])
        .collect();
    let items = resolve(&ws, &set);
    assert_eq!(issue_calls.len(), items.len());
    let label_calls = calls
        .iter()
        .filter(|c| c[..2] == ["label", "create"])
        .count();
    assert!(label_calls >= 3);
    let clean = |s: &str| {
        s.replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
            .collect::<String>()
    };
    for (call, (pm, item)) in issue_calls.iter().zip(&items) {
        let mut expected = vec![
            "issue".to_string(),
            "create".to_string(),
            format!("--title={}", clean(&item.title)),
            format!("--body={}", clean(&item_description(pm, item, Some(BASE)))),
        ];
        expected.extend(labels(pm, item).iter().map(|l| format!("--label={l}")));
        assert_eq!(**call, expected);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_markdown_table_escapes_cells() {
    let (mut ws, set) = tracked();
    let item = &mut ws.postmortems[1].action_items[3];
    item.title = "Add a | pipe\nand a newline".into();
    let md = export_markdown_table(&ws, &set);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(
        lines[0],
        "| ID | Action | Owner | Priority | Category | Due | Ticket | Status |"
    );
    assert_eq!(lines.len(), 2 + 5);
    for line in &lines {
        let unescaped_pipes = line.matches('|').count() - line.matches("\\|").count();
        assert_eq!(unescaped_pipes, 9, "{line}");
    }
    assert!(
        lines[2].contains("| [PAY-1234](<https://jira.example.com/browse/PAY-1234>) |"),
        "{}",
        lines[2]
    );
    assert!(
        lines[5].contains("Add a \\| pipe and a newline"),
        "{}",
        lines[5]
    );
    assert!(lines[3].contains("| Implemented |"), "{}", lines[3]);
    let closed = ExportSet::of_postmortem(ws.postmortem("PM-2025-0212").unwrap(), None);
    let md = export_markdown_table(&ws, &closed);
    assert!(md.contains("| Closed (Superseded) |"), "{md}");
}

#[test]
fn the_trello_checklist_is_one_line_per_item_ticked_when_done() {
    let (mut ws, set) = tracked();
    ws.postmortems[1].action_items[3].title = "Add a breaker\nwith  two lines".into();
    let md = export_trello_checklist(&ws, &set);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines.len(), set.items.len(), "{md}");
    for line in &lines {
        assert!(
            line.starts_with("- [ ] ") || line.starts_with("- [x] "),
            "{line}"
        );
    }
    assert!(
        lines[3].contains("Add a breaker with two lines"),
        "{}",
        lines[3]
    );
    assert!(lines[0].contains("PAY-1234"), "{}", lines[0]);
    let closed = ExportSet::of_postmortem(ws.postmortem("PM-2025-0212").unwrap(), None);
    let done = export_trello_checklist(&ws, &closed);
    assert!(done.lines().all(|l| l.starts_with("- [x] ")), "{done}");
    assert_eq!(
        ExportFormat::TrelloChecklist.export(
            &ws,
            "PM-1",
            &ExportSet::new(None),
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
        ),
        Err(NothingChosen)
    );
}

// ---------------------------------------------------------------------------------------------
// Calendar.

fn ics_options() -> IcsOptions {
    IcsOptions {
        today: NaiveDate::from_ymd_opt(2026, 3, 8).unwrap(),
        stamp: Utc.with_ymd_and_hms(2026, 3, 8, 12, 30, 0).unwrap(),
        check_ins: true,
    }
}

fn unfold(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_calendar_follows_rfc_5545() {
    let (mut ws, set) = tracked();
    ws.postmortems[1].action_items[0].title = format!(
        "Add a very long title, with commas; semicolons \\ and\nnewlines {}",
        "🔥".repeat(40)
    );
    let ics = export_ics(&ws, &set, &ics_options());
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
    assert!(!ics.replace("\r\n", "").contains('\r'), "bare CR");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let lines = unfold(&ics);
    let begins = lines.iter().filter(|l| *l == "BEGIN:VEVENT").count();
    // Due events for the open items with a due date (the deferred one has none), and a
    // check-in series for each active item (the deferred one is not chased).
    assert_eq!(begins, 4 + 4);
    let uids: Vec<&String> = lines.iter().filter(|l| l.starts_with("UID:")).collect();
    assert_eq!(uids.len(), begins);
    let mut unique = uids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), uids.len());
    assert!(lines.contains(&"UID:PM-2026-0051-01.due@followthrough".to_string()));
    assert_eq!(
        lines
            .iter()
            .filter(|l| *l == "DTSTAMP:20260308T123000Z")
            .count(),
        begins
    );
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20260310".to_string()));
    assert!(lines.contains(&"DTEND;VALUE=DATE:20260311".to_string()));
    // P0: daily check-ins from today on; P1: weekly from creation (2026-03-03).
    assert!(lines.contains(&"RRULE:FREQ=DAILY;INTERVAL=1".to_string()));
    assert!(lines.contains(&"RRULE:FREQ=DAILY;INTERVAL=7".to_string()));
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20260308".to_string()));
    let summary = lines
        .iter()
        .find(|l| l.starts_with("SUMMARY:Due: Add a very long"))
        .unwrap();
    assert!(summary.contains("title\\, with commas\\; semicolons \\\\ and\\nnewlines 🔥"));
    assert!(lines.contains(&format!("URL:{BASE}#/pm/PM-2026-0051")));
    assert!(lines
        .iter()
        .any(|l| l == "CATEGORIES:incident-action,PM-2026-0051,prevent,resilience"));
}

#[test]
fn calendar_text_drops_what_icalendar_cannot_hold() {
    assert_eq!(ics_escape_text("a,b;c\\d"), "a\\,b\\;c\\\\d");
    assert_eq!(ics_escape_text("a\r\nb\rc\nd"), "a\\nb\\nc\\nd");
    assert_eq!(ics_escape_text("nul\u{0}bell\u{7}tab\t"), "nulbelltab\t");
    let ws = imported_workspace(&import("unicode.json"));
    let pm = &ws.postmortems[0];
    let mut ws = ws.clone();
    ws.postmortems[0].action_items[0].due_date = NaiveDate::from_ymd_opt(2026, 4, 1);
    let set = ExportSet::of_postmortem(pm, None);
    let ics = export_ics(&ws, &set, &ics_options());
    assert!(!ics.contains('\u{0}'));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75);
    }
    assert!(unfold(&ics).iter().any(|l| l.contains("עברית")));
}

#[test]
fn closed_items_and_impossible_dates_get_no_events() {
    let mut ws = workspace(vec![postmortem(
        "X",
        vec![item("X-1", "Add one", 2), item("X-2", "Add two", 2)],
        2,
    )]);
    ws.postmortems[0].action_items[0].status = ItemStatus::Closed;
    ws.postmortems[0].action_items[0].due_date = NaiveDate::from_ymd_opt(2026, 3, 10);
    ws.postmortems[0].action_items[1].due_date = Some(NaiveDate::MAX);
    let set = ExportSet::of_postmortem(&ws.postmortems[0], None);
    let ics = export_ics(
        &ws,
        &set,
        &IcsOptions {
            check_ins: false,
            ..ics_options()
        },
    );
    assert!(!ics.contains("BEGIN:VEVENT"), "{ics}");
}

/// Issue 15: an item id used in two post-mortems is refused in the preview, with a message
/// naming both places, whether the other is in the file or in the workspace.
#[test]
fn an_item_id_in_two_postmortems_is_refused_in_the_preview() {
    let file = r#"{"schema_version":1,"postmortems":[
        {"id":"A","title":"a","action_items":[{"id":"A-01","title":"Add x"}]},
        {"id":"B","title":"b","action_items":[{"id":"B-01","title":"Add y"},{"id":"A-01","title":"Add x copied"}]}]}"#;
    let incoming = read_import(file).unwrap();
    let p = preview(&Workspace::default(), &incoming);
    assert_eq!(p.id_clashes.len(), 1);
    let refusal = p.refusal(Mode::Merge);
    assert_eq!(
        refusal,
        ["item id \"A-01\" at postmortems[1].action_items[1] (post-mortem B) is already used by \
          postmortems[0].action_items[0] (post-mortem A); an item id must be unique across \
          post-mortems (renumber one of them in the file)"]
    );
    assert_eq!(p.refusal(Mode::Replace).len(), 1, "the file itself clashes");

    // A clean file whose item id another post-mortem of the workspace holds.
    let current = workspace(vec![PostMortem {
        id: "C".into(),
        title: "c".into(),
        action_items: vec![ActionItem {
            id: "B-01".into(),
            title: "Add z".into(),
            ..Default::default()
        }],
        ..Default::default()
    }]);
    let file = r#"{"schema_version":1,"postmortems":[
        {"id":"B","title":"b","action_items":[{"id":"B-01","title":"Add y"}]}]}"#;
    let p = preview(&current, &read_import(file).unwrap());
    let merge = p.refusal(Mode::Merge);
    assert_eq!(merge.len(), 1);
    assert!(
        merge[0].contains("postmortems[0].action_items[0] (post-mortem B)")
            && merge[0].contains("post-mortem C in this workspace"),
        "{}",
        merge[0]
    );
    // Replacing the whole workspace removes C: nothing clashes then.
    assert!(p.refusal(Mode::Replace).is_empty());
    // The same post-mortem in both is the file's copy, not a clash.
    let p = preview(
        &current,
        &read_import(&file.replace("\"B\"", "\"C\"")).unwrap(),
    );
    assert!(p.id_clashes.is_empty());
}
