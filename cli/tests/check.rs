//! `followthrough check`: the core's checks of every file, in every format, with the exit
//! codes CI relies on; unreadable and hostile files.

mod common;

use chrono::NaiveDate;
use common::*;
use followthrough_core::exchange::{export_workspace_json, read_import};
use followthrough_core::postmortem_checks::check_workspace;
use followthrough_core::validator::Verdict;
use followthrough_core::{ActionItem, Category, PostMortem, Workspace};
use serde_json::Value;
use std::fs;

const DAY: &str = "2026-03-20";

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 20).unwrap()
}

/// A post-mortem whose items pass every element on `day()`, with one warning item.
fn healthy(warning: bool) -> Workspace {
    let item = |n: u32, title: &str, category: Category| ActionItem {
        id: format!("PM-2026-0100-0{n}"),
        title: title.into(),
        owner: "Ana Silva".into(),
        category: Some(category),
        tracking_ticket: format!("PAY-10{n}"),
        due_date: Some(day() + chrono::Days::new(5)),
        ..Default::default()
    };
    let mut items = vec![
        item(
            1,
            "Add an alert on checkout error rate above 2% for 3 minutes",
            Category::Detect,
        ),
        item(
            2,
            "Write a failover runbook for switching checkout to the backup provider",
            Category::Mitigate,
        ),
        item(
            3,
            "Add a circuit breaker on payment provider calls with a 2 s timeout",
            Category::Prevent,
        ),
    ];
    if warning {
        items[2].effort = followthrough_core::Level::new(4).unwrap();
    }
    Workspace {
        postmortems: vec![PostMortem {
            id: "PM-2026-0100".into(),
            title: "Checkout outage".into(),
            action_items: items,
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn write_workspace(dir: &std::path::Path, name: &str, ws: &Workspace) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, export_workspace_json(ws)).unwrap();
    path
}

#[test]
fn json_reports_every_item_as_the_core_checks_it() {
    let out = followthrough()
        .args(["check", "--format", "json", "--as-of", DAY])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let expected = check_workspace(&scored(&sample()), day());
    let pms = doc["files"][0]["postmortems"].as_array().unwrap();
    assert_eq!(pms.len(), expected.len());
    for (pm, report) in pms.iter().zip(&expected) {
        assert_eq!(pm["id"], report.postmortem_id.as_str());
        assert_eq!(pm["verdict"], report.worst().as_str());
        assert_eq!(
            pm["findings"],
            serde_json::to_value(&report.findings).unwrap()
        );
        for (item, expected) in pm["items"].as_array().unwrap().iter().zip(&report.items) {
            assert_eq!(item["id"], expected.item_id.as_str());
            assert_eq!(
                item["checks"],
                serde_json::to_value(&expected.validation).unwrap()
            );
            assert!(item["line"].as_u64().is_some(), "{item}");
        }
    }
    let failing = expected
        .iter()
        .flat_map(|r| &r.items)
        .filter(|i| i.validation.worst() == Verdict::Fail)
        .count();
    assert_eq!(doc["summary"]["fail"], failing);
    assert_eq!(doc["passed"], false);
}

#[test]
fn exit_codes_follow_fail_on() {
    let dir = temp();
    let clean = write_workspace(dir.path(), "clean.json", &healthy(false));
    let warned = write_workspace(dir.path(), "warned.json", &healthy(true));
    let code = |path: &std::path::Path, fail_on: &str| {
        followthrough()
            .args(["check", "--as-of", DAY, "--fail-on", fail_on])
            .arg(path)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&clean, "warn"), Some(0));
    assert_eq!(code(&clean, "fail"), Some(0));
    assert_eq!(
        code(&warned, "fail"),
        Some(0),
        "a warning alone passes by default"
    );
    assert_eq!(code(&warned, "warn"), Some(1));
    assert_eq!(code(&sample(), "fail"), Some(1));
    // The item with the warning is named in the text report; ready items are not.
    let out = followthrough()
        .args(["check", "--as-of", DAY])
        .arg(&warned)
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("PM-2026-0100-03"), "{text}");
    assert!(!text.contains("PM-2026-0100-01"), "{text}");
    assert!(
        text.contains(
            "Checked 1 post-mortem and 3 items in 1 file: 2 ready, 1 with warnings, 0 failing."
        ),
        "{text}"
    );
}

#[test]
fn github_annotations_point_at_the_file_and_the_items_line() {
    let out = followthrough()
        .args(["check", "--format", "github", "--as-of", DAY])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let source = fs::read_to_string(sample()).unwrap();
    // The owner of PM-2026-0058-01 fails: the annotation is on the line of its id.
    let line = source
        .lines()
        .position(|l| l.contains("\"id\": \"PM-2026-0058-01\""))
        .unwrap()
        + 1;
    let expected = format!(
        "::error file={},line={line},title=PM-2026-0058-01 Named owner::",
        sample()
            .display()
            .to_string()
            .replace(':', "%3A")
            .replace(',', "%2C")
    );
    assert!(text.contains(&expected), "{expected}\n{text}");
    for annotation in text.lines().filter(|l| l.starts_with("::")) {
        assert!(
            annotation.starts_with("::error ")
                || annotation.starts_with("::warning ")
                || annotation.starts_with("::notice "),
            "{annotation}"
        );
    }
}

#[test]
fn annotations_cannot_be_broken_by_what_items_say() {
    let dir = temp();
    let mut ws = healthy(false);
    ws.postmortems[0].action_items[0].title =
        "Review the logs\n::error file=x::injected, 100% sure".into();
    let path = write_workspace(dir.path(), "ws.json", &ws);
    let out = followthrough()
        .args(["check", "--format", "github", "--as-of", DAY])
        .arg(&path)
        .output()
        .unwrap();
    let text = stdout(&out);
    // Each annotation is one line, and nothing the data says starts a line of its own.
    assert!(
        !text.lines().any(|l| l.starts_with("::error file=x")),
        "{text}"
    );
    assert!(text.contains("::error "), "{text}");
}

#[test]
fn unreadable_files_exit_2_with_the_located_message_the_app_gives() {
    for name in [
        "bad_enum.json",
        "not_json.json",
        "wrong_types.json",
        "duplicate_item_ids.json",
        "newer_schema.json",
    ] {
        let path = core_fixture(&format!("exchange/{name}"));
        let error = read_import(&fs::read_to_string(&path).unwrap()).unwrap_err();
        for format in ["text", "json", "github"] {
            let out = followthrough()
                .args(["check", "--format", format])
                .arg(&path)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{name} {format}");
            let message = format!("{}: {error}", path.display());
            assert!(stderr(&out).contains(&message), "{name}: {}", stderr(&out));
        }
    }
    // A file that cannot be read at all, and a folder's broken file, named.
    let out = followthrough()
        .args(["check", "/nonexistent/ws.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent/ws.json: could not read it"));
    let dir = temp();
    fs::write(
        dir.path().join("_workspace.json"),
        "{\"schema_version\": 1}",
    )
    .unwrap();
    fs::write(
        dir.path().join("PM-1.json"),
        "{\"postmortem\": {\"id\": \"PM-1\", \"title\": 3}}",
    )
    .unwrap();
    let out = followthrough()
        .args(["check", "--format", "github"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let file = dir.path().join("PM-1.json").display().to_string();
    assert!(
        stdout(&out).contains(&format!(
            "::error file={file},line=1,title=Not read::postmortem.title: "
        )),
        "{}",
        stdout(&out)
    );
}

#[test]
fn one_unreadable_file_among_good_ones_still_reports_the_good_ones() {
    let out = followthrough()
        .args(["check", "--as-of", DAY])
        .arg(core_fixture("exchange/not_json.json"))
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("PM-2026-0058-01"), "{text}");
    assert!(text.contains("1 file could not be read."), "{text}");
}

#[test]
fn hostile_text_is_reported_as_text() {
    for name in [
        "xss.json",
        "javascript_links.json",
        "unicode.json",
        "csv_injection.json",
    ] {
        let path = core_fixture(&format!("exchange/{name}"));
        let out = followthrough()
            .args(["check", "--format", "json", "--as-of", DAY])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{name}: {}",
            stderr(&out)
        );
        let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let ws = scored(&path);
        let titles: Vec<&str> = doc["files"][0]["postmortems"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|pm| pm["items"].as_array().unwrap())
            .map(|i| i["title"].as_str().unwrap())
            .collect();
        let expected: Vec<&str> = ws.items().map(|(_, i)| i.title.as_str()).collect();
        assert_eq!(titles, expected, "{name}");
    }
}

#[test]
fn a_file_in_a_split_folder_is_checked_with_the_folders_owners_and_settings() {
    let dir = temp();
    // Ana owns four open items in each of two post-mortems: over the capacity of 5 only when
    // both are counted.
    let mut ws = healthy(false);
    let mut other = ws.postmortems[0].clone();
    other.id = "PM-2026-0101".into();
    for (n, item) in other.action_items.iter_mut().enumerate() {
        item.id = format!("PM-2026-0101-0{}", n + 1);
    }
    ws.postmortems.push(other);
    let whole = write_workspace(dir.path(), "ws.json", &ws);
    let folder = dir.path().join("postmortems");
    followthrough()
        .arg("split")
        .arg(&whole)
        .arg("--dir")
        .arg(&folder)
        .assert()
        .success();
    let one = folder.join("PM-2026-0100.json");
    let out = followthrough()
        .args([
            "check",
            "--format",
            "json",
            "--fail-on",
            "warn",
            "--as-of",
            DAY,
        ])
        .arg(&one)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let pms = doc["files"][0]["postmortems"].as_array().unwrap();
    assert_eq!(pms.len(), 1, "only the file's own post-mortem is reported");
    assert_eq!(doc["files"][0]["path"], one.display().to_string());
    let kinds: Vec<&str> = pms[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"]["kind"].as_str().unwrap_or(""))
        .collect();
    assert!(kinds.contains(&"owner_over_capacity"), "{kinds:?}");
    // The same file on its own counts only its own items.
    let alone = dir.path().join("alone.json");
    fs::copy(&one, &alone).unwrap();
    followthrough()
        .args(["check", "--fail-on", "warn", "--as-of", DAY])
        .arg(&alone)
        .assert()
        .code(0);
    // The folder itself reports each post-mortem at its own file.
    let out = followthrough()
        .args(["check", "--format", "json", "--as-of", DAY])
        .arg(&folder)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let paths: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2);
    assert!(
        paths[0].ends_with("PM-2026-0100.json") && paths[1].ends_with("PM-2026-0101.json"),
        "{paths:?}"
    );
}
