//! Reading other tools' exports (issue 16): each fixture in `fixtures/sources/` is detected by
//! its content and mapped field by field; hostile versions (wrong types, missing fields,
//! huge or deep files, bad dates, repeated tickets) are refused with a message naming the place.

use chrono::{NaiveDate, TimeZone, Utc};
use followthrough_core::exchange::{ImportError, MAX_IMPORT_BYTES};
use followthrough_core::intake::*;
use serde_json::Value;
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sources")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(name: &str) -> SourceFile {
    read_source(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The fixture as JSON, edited, then read: the error's message.
fn refused_json(name: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(&fixture(name)).expect("fixture is JSON");
    edit(&mut value);
    read_source(&value.to_string())
        .expect_err("the edited file must be refused")
        .to_string()
}

/// A fixture, an edit that breaks it, and the message expected.
type Case = (&'static str, Box<dyn FnOnce(&mut Value)>, &'static str);

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn owners(item: &SourceItem) -> Vec<&str> {
    item.assignees.iter().map(SourcePerson::display).collect()
}

// ---------------------------------------------------------------------------------------------
// Detection.

#[test]
fn every_fixture_is_told_apart_by_its_content() {
    let expected = [
        ("incident_io_follow_ups.json", SourceFormat::IncidentIo),
        ("rootly_action_items.json", SourceFormat::Rootly),
        ("dispatch_tasks.json", SourceFormat::Dispatch),
        ("jira_search_v2.json", SourceFormat::JiraV2),
        ("jira_search_v3.json", SourceFormat::JiraV3),
        ("jira_export.csv", SourceFormat::JiraCsv),
        ("github_issues.json", SourceFormat::GithubIssues),
        ("linear_export.csv", SourceFormat::LinearCsv),
    ];
    for (name, format) in expected {
        match read_any(&fixture(name)) {
            Ok(Reading::Source(file)) => assert_eq!(file.format, format, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    let labels: Vec<&str> = expected.iter().map(|(_, f)| f.label()).collect();
    assert!(labels.contains(&"Jira search result (REST API v3)"));
    assert!(SourceFormat::JiraCsv.is_tracker() && !SourceFormat::Rootly.is_tracker());
}

#[test]
fn this_apps_own_export_still_goes_to_the_exchange_import() {
    let ws = r#"{"schema_version": 1, "postmortems": [{"id": "PM-2026-0001", "title": "Outage"}]}"#;
    match read_any(ws) {
        Ok(Reading::Exchange(incoming)) => assert_eq!(incoming.postmortems().len(), 1),
        other => panic!("{other:?}"),
    }
    // A Followthrough file that is wrong keeps the exchange import's own message.
    let bad = r#"{"schema_version": 1, "postmortems": [{"id": "a", "title": "b", "action_items": [{"id": "a-1", "title": "c", "impact": 9}]}]}"#;
    let err = read_any(bad).unwrap_err().to_string();
    assert!(
        err.contains("postmortems[0].action_items[0].impact: expected 1–4, found 9"),
        "{err}"
    );
}

#[test]
fn files_that_are_none_of_the_formats_say_what_is_read() {
    let csv = read_source("Task,Owner\nAdd alert,Ana\n")
        .unwrap_err()
        .to_string();
    assert!(csv.contains("Jira search result or CSV export"), "{csv}");
    assert_eq!(read_source(" \n").unwrap_err(), ImportError::Empty);
    let list = read_source("[]").unwrap_err().to_string();
    assert!(list.contains("nothing to import"), "{list}");
    let json = read_source("{\"follow_ups\": [").unwrap_err();
    assert!(matches!(json, ImportError::NotJson(_)), "{json:?}");
}

// ---------------------------------------------------------------------------------------------
// Mappings, one source at a time.

#[test]
fn incident_io_follow_ups_map_and_deleted_ones_are_left_out() {
    let file = read("incident_io_follow_ups.json");
    assert_eq!(file.items.len(), 4);
    assert_eq!(
        file.left_out,
        vec!["follow_ups[3]: deleted in incident.io".to_string()]
    );
    let breaker = &file.items[0];
    assert_eq!(breaker.place, "follow_ups[0]");
    assert_eq!(
        breaker.title,
        "Add a circuit breaker around the card-processor client"
    );
    assert_eq!(breaker.state, SourceState::NotStarted);
    assert_eq!(breaker.status, "outstanding");
    assert_eq!(owners(breaker), vec!["Ana Silva"]);
    assert_eq!(breaker.assignees[0].email, "ana.silva@example.com");
    assert_eq!(breaker.ticket, "PAY-101");
    assert_eq!(breaker.url, "https://acme.atlassian.net/browse/PAY-101");
    assert_eq!(breaker.priority, "Urgent");
    let incident = breaker.incident.as_ref().expect("an incident");
    assert_eq!(incident.key, "01HZ3K7Q9R8M2N4P6S8T0V2W4Y");
    assert_eq!(breaker.due_date, None);
    assert_eq!(
        breaker.created_at.map(|t| t.date_naive()),
        date(2026, 5, 12)
    );
    let states: Vec<SourceState> = file.items.iter().map(|i| i.state).collect();
    assert_eq!(
        states,
        vec![
            SourceState::NotStarted,
            SourceState::Done,
            SourceState::Cancelled,
            SourceState::NotStarted
        ]
    );
    // Null description, assignee, priority and reference read as nothing.
    let refactor = &file.items[2];
    assert_eq!(
        (refactor.description.as_str(), refactor.priority.as_str()),
        ("", "")
    );
    assert!(refactor.assignees.is_empty() && refactor.ticket.is_empty());
}

#[test]
fn rootly_action_items_map_with_their_incident() {
    let file = read("rootly_action_items.json");
    let states: Vec<SourceState> = file.items.iter().map(|i| i.state).collect();
    assert_eq!(
        states,
        vec![
            SourceState::Started,
            SourceState::NotStarted,
            SourceState::Done,
            SourceState::Cancelled
        ]
    );
    let alert = &file.items[0];
    assert_eq!(alert.place, "data[0]");
    assert_eq!(owners(alert), vec!["Chloé Martin"]);
    assert_eq!(alert.due_date, date(2026, 5, 26));
    assert_eq!(
        (alert.ticket.as_str(), alert.url.as_str()),
        ("PAY-102", "https://acme.atlassian.net/browse/PAY-102")
    );
    assert_eq!(alert.priority, "high");
    assert_eq!(
        alert.incident.as_ref().map(|i| i.key.as_str()),
        Some("4f1c9a7e-2b3d-4e5f-8a9b-0c1d2e3f4a5b")
    );
    // -07:00 is read as the instant it is.
    assert_eq!(
        alert.created_at,
        Some(Utc.with_ymd_and_hms(2026, 5, 12, 19, 1, 0).unwrap())
    );
    assert!(file.items[2].assignees.is_empty());
}

#[test]
fn dispatch_tasks_take_their_title_from_the_description() {
    let file = read("dispatch_tasks.json");
    assert_eq!(file.items.len(), 3);
    let breaker = &file.items[0];
    assert_eq!(
        breaker.title,
        "Add a circuit breaker around the card-processor client"
    );
    assert!(breaker.description.ends_with("half-open after 30 s."));
    assert_eq!(breaker.state, SourceState::NotStarted);
    assert_eq!(owners(breaker), vec!["Ana Silva"]);
    assert_eq!(breaker.due_date, date(2026, 5, 19));
    assert_eq!(breaker.url, "https://acme.atlassian.net/browse/PAY-101");
    let incident = breaker.incident.as_ref().expect("an incident");
    assert_eq!(
        (incident.key.as_str(), incident.name.as_str()),
        (
            "dispatch-acme-payments-7",
            "Card payments failing at checkout"
        )
    );
    assert_eq!(file.items[1].state, SourceState::Done);
    assert!(file.items[2].assignees.is_empty());
    assert_eq!(file.items[2].due_date, None);
}

/// The three Jira exports hold the same six tickets and read the same.
#[test]
fn jira_json_v2_v3_and_csv_read_the_same_tickets() {
    for name in [
        "jira_search_v2.json",
        "jira_search_v3.json",
        "jira_export.csv",
    ] {
        let file = read(name);
        let keys: Vec<&str> = file.items.iter().map(|i| i.ticket.as_str()).collect();
        assert_eq!(
            keys,
            ["PAY-101", "PAY-102", "PAY-103", "PAY-104", "PAY-105", "PAY-110"],
            "{name}"
        );
        let states: Vec<SourceState> = file.items.iter().map(|i| i.state).collect();
        use SourceState as S;
        assert_eq!(
            states,
            [
                S::Done,
                S::Started,
                S::Done,
                S::Cancelled,
                S::Started,
                S::NotStarted
            ],
            "{name}"
        );
        let alert = &file.items[1];
        assert_eq!(owners(alert), vec!["Chloé Martin"], "{name}");
        assert_eq!(alert.due_date, date(2026, 5, 26), "{name}");
        assert_eq!(alert.priority, "High", "{name}");
        assert_eq!(alert.status, "In Progress", "{name}");
        assert!(file.items[3].assignees.is_empty(), "{name}");
        assert_eq!(file.items[3].due_date, None, "{name}");
        assert_eq!(
            file.items[0].created_at.map(|t| t.date_naive()),
            date(2026, 5, 12),
            "{name}"
        );
    }
    // JSON carries the link to each issue; v3's document description becomes text.
    let v3 = read("jira_search_v3.json");
    assert_eq!(v3.items[0].url, "https://acme.atlassian.net/browse/PAY-101");
    assert_eq!(
        v3.items[0].description,
        "Why\nDuring INC-481 the payment API kept retrying a processor that was down, and \
         checkout timed out for 47 minutes.\n- open after 5 consecutive failures\n- half-open \
         after 30 s"
    );
    assert_eq!(
        v3.items[1].description,
        "Page the payments on-call. Owner moved to @Chloé Martin after the re-org."
    );
    let v2 = read("jira_search_v2.json");
    assert!(v2.items[0].description.starts_with("h3. Why\n"));
    let csv = read("jira_export.csv");
    assert_eq!(csv.items[0].place, "line 2");
    assert_eq!(
        csv.items[1].place, "line 7",
        "a multi-line description moves lines"
    );
    assert_eq!(csv.items[0].description, v2.items[0].description);
}

#[test]
fn github_issues_map_states_labels_and_repository_keys() {
    let file = read("github_issues.json");
    let tickets: Vec<&str> = file.items.iter().map(|i| i.ticket.as_str()).collect();
    assert_eq!(
        tickets,
        [
            "acme/checkout#41",
            "acme/checkout#42",
            "acme/checkout#43",
            "acme/checkout#44"
        ]
    );
    let states: Vec<SourceState> = file.items.iter().map(|i| i.state).collect();
    use SourceState as S;
    // #42 is open with the `in progress` label; #43 was closed without `stateReason` (not
    // asked for), so it reads as done.
    assert_eq!(states, [S::Done, S::Started, S::Done, S::NotStarted]);
    assert_eq!(file.items[0].priority, "high");
    assert_eq!(file.items[3].priority, "P2");
    assert_eq!(owners(&file.items[1]), vec!["chloem"]);
    assert_eq!(owners(&file.items[3]), vec!["Dev Patel", "Ana Silva"]);
    assert_eq!(file.items[3].description, "");
    // With `stateReason` asked for, NOT_PLANNED is cancelled.
    let with_reason = r#"[{"number": 7, "title": "Drop the legacy webhook", "state": "CLOSED",
        "stateReason": "NOT_PLANNED", "url": "https://github.com/acme/api/issues/7"}]"#;
    let item = &read_source(with_reason).unwrap().items[0];
    assert_eq!(item.state, S::Cancelled);
    assert_eq!(item.status, "CLOSED (NOT_PLANNED)");
}

#[test]
fn linear_rows_are_read_by_their_timestamps_first() {
    let file = read("linear_export.csv");
    let states: Vec<SourceState> = file.items.iter().map(|i| i.state).collect();
    use SourceState as S;
    assert_eq!(states, [S::Done, S::Started, S::Cancelled, S::NotStarted]);
    let check = &file.items[0];
    assert_eq!(check.ticket, "ENG-412");
    assert_eq!(owners(check), vec!["maria@example.com"]);
    assert_eq!(check.due_date, date(2026, 5, 20));
    assert_eq!(check.priority, "Urgent");
    assert_eq!(file.items[3].priority, "", "“No priority” is no priority");
    assert_eq!(
        file.items[3].description,
        "Multi-line\nnotes, with \"quotes\"."
    );
    // A team's own state name with no timestamps says nothing.
    let custom = "ID,Title,Status\nENG-9,Add a retry budget,Waiting on vendor\n";
    assert_eq!(read_source(custom).unwrap().items[0].state, S::Unknown);
}

// ---------------------------------------------------------------------------------------------
// Hostile files.

#[test]
fn wrong_types_name_their_place() {
    let cases: Vec<Case> = vec![
        (
            "incident_io_follow_ups.json",
            Box::new(|v| v["follow_ups"][1]["title"] = serde_json::json!({"text": "x"})),
            "follow_ups[1].title: expected text, found an object",
        ),
        (
            "incident_io_follow_ups.json",
            Box::new(|v| v["follow_ups"][0]["status"] = "open".into()),
            "follow_ups[0].status: expected outstanding, completed, not_doing or deleted, found \"open\"",
        ),
        (
            "rootly_action_items.json",
            Box::new(|v| v["data"][2]["attributes"]["due_date"] = "next week".into()),
            "data[2].attributes.due_date: expected a date like 2026-12-15, found \"next week\"",
        ),
        (
            "rootly_action_items.json",
            Box::new(|v| v["data"][1]["type"] = "incidents".into()),
            "data[1].type: expected \"incident_action_items\" (Rootly action items), found \"incidents\"",
        ),
        (
            "dispatch_tasks.json",
            Box::new(|v| v["items"][0]["owner"]["individual"] = "Ana".into()),
            "items[0].owner.individual: expected an object, found \"Ana\"",
        ),
        (
            "jira_search_v3.json",
            Box::new(|v| v["issues"][4]["fields"]["created"] = serde_json::json!(true)),
            "issues[4].fields.created: expected text, found true",
        ),
        (
            "jira_search_v2.json",
            Box::new(|v| v["issues"] = serde_json::json!({"PAY-101": {}})),
            "issues: expected a list, found an object",
        ),
        (
            "github_issues.json",
            Box::new(|v| v[2]["number"] = "43".into()),
            "[2].number: expected an issue number, found \"43\"",
        ),
        (
            "github_issues.json",
            Box::new(|v| v[0]["state"] = "MERGED".into()),
            "[0].state: expected OPEN or CLOSED, found \"MERGED\"",
        ),
    ];
    for (name, edit, message) in cases {
        assert_eq!(refused_json(name, edit), message, "{name}");
    }
}

#[test]
fn missing_fields_name_their_place() {
    let cases: Vec<Case> = vec![
        (
            "incident_io_follow_ups.json",
            Box::new(|v| {
                v["follow_ups"][4]
                    .as_object_mut()
                    .map(|o| o.remove("incident_id"));
            }),
            "follow_ups[4].incident_id: is missing; it is needed",
        ),
        (
            "rootly_action_items.json",
            Box::new(|v| v["data"][3]["attributes"]["summary"] = "  ".into()),
            "data[3].attributes.summary: is empty; it is needed",
        ),
        (
            "dispatch_tasks.json",
            Box::new(|v| v["items"][1]["description"] = Value::Null),
            "items[1].description: is missing; it is needed",
        ),
        (
            "jira_search_v2.json",
            Box::new(|v| {
                v["issues"][2].as_object_mut().map(|o| o.remove("key"));
            }),
            "issues[2].key: is missing; it is needed",
        ),
        (
            "jira_search_v3.json",
            Box::new(|v| v["issues"][0]["fields"] = Value::Null),
            "issues[0].fields: expected an object, found nothing",
        ),
        (
            "github_issues.json",
            Box::new(|v| {
                v[1].as_object_mut().map(|o| o.remove("title"));
            }),
            "[1].title: is missing; it is needed",
        ),
    ];
    for (name, edit, message) in cases {
        assert_eq!(refused_json(name, edit), message, "{name}");
    }
}

#[test]
fn bad_csv_cells_name_their_line_and_column() {
    let jira = fixture("jira_export.csv").replace("26/May/26 12:00 AM", "2026/05/26");
    assert_eq!(
        read_source(&jira).unwrap_err().to_string(),
        "line 7, column “Due date”: expected a date like 15/Dec/26 or 2026-12-15 (export with \
         Jira's default date format), found \"2026/05/26\""
    );
    let blank_key = fixture("jira_export.csv").replace(",PAY-105,", ",,");
    assert_eq!(
        read_source(&blank_key).unwrap_err().to_string(),
        "line 10, column “Issue key”: is empty; it is needed"
    );
    let linear = fixture("linear_export.csv").replace("2026-05-27", "27 May");
    assert_eq!(
        read_source(&linear).unwrap_err().to_string(),
        "line 3, column “Due Date”: expected a date like 2026-12-15, found \"27 May\""
    );
    let linear = fixture("linear_export.csv").replace("2026-05-21T10:00:00.000Z", "soon");
    assert!(read_source(&linear)
        .unwrap_err()
        .to_string()
        .starts_with("line 3, column “Started”: expected a date and time"));
    let no_title = "ID,Team,Status\nENG-1,Core,Todo\n";
    // Without `Title` it is not a Linear export at all.
    assert!(read_source(no_title).is_err());
    let no_status = "Issue key,Summary\nPAY-1,Add an alert\n";
    assert_eq!(
        read_source(no_status).unwrap_err().to_string(),
        "line 1: this Jira CSV export has no “Status” column; export it with that column"
    );
}

#[test]
fn a_ticket_twice_in_a_tracker_export_is_refused_naming_both_places() {
    let twice = refused_json("jira_search_v2.json", |v| {
        v["issues"][4]["key"] = "pay-102".into();
    });
    assert_eq!(
        twice,
        "issues[4]: the ticket pay-102 is already in the file at issues[1]; an export holds \
         each ticket once"
    );
    let csv = fixture("linear_export.csv").replace("ENG-413", "ENG-412");
    assert_eq!(
        read_source(&csv).unwrap_err().to_string(),
        "line 3: the ticket ENG-412 is already in the file at line 2; an export holds each \
         ticket once"
    );
    // Follow-ups of an incident tool may share a ticket.
    let shared = fixture("rootly_action_items.json").replace(
        "\"jira_issue_key\": null",
        "\"jira_issue_key\": \"PAY-102\"",
    );
    assert!(read_source(&shared).is_ok());
}

#[test]
fn huge_and_deep_files_are_refused_before_parsing() {
    let huge = format!(
        "{{\"follow_ups\": [{}]}}",
        " ".repeat(MAX_IMPORT_BYTES as usize)
    );
    assert!(matches!(
        read_source(&huge),
        Err(ImportError::TooLarge { .. })
    ));
    let deep = format!("{{\"issues\": {}{}}}", "[".repeat(200), "]".repeat(200));
    let err = read_source(&deep).unwrap_err();
    assert!(matches!(err, ImportError::TooDeep(_)), "{err:?}");
    // A deep but legal Atlassian document is read.
    let mut node = serde_json::json!({"type": "text", "text": "deep"});
    for _ in 0..40 {
        node = serde_json::json!({"type": "blockquote", "content": [node]});
    }
    let doc = serde_json::json!({"issues": [{"key": "PAY-1", "fields": {
        "summary": "Add an alert", "description": {"type": "doc", "content": [node]},
        "status": {"name": "To Do"}}}]});
    let file = read_source(&doc.to_string()).unwrap();
    assert_eq!(file.items[0].description, "deep");
    assert_eq!(file.format, SourceFormat::JiraV3);
}

#[test]
fn many_tickets_read_in_one_pass() {
    let rows: String = (1..=5000)
        .map(|n| format!("Add alert {n},PAY-{n},In Progress,\r\n"))
        .collect();
    let text = format!("Summary,Issue key,Status,Due date\r\n{rows}");
    let file = read_source(&text).unwrap();
    assert_eq!(file.items.len(), 5000);
    assert_eq!(file.items[4999].place, "line 5001");
}
