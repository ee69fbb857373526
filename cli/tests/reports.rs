//! `metrics`, `agenda`, `nudges` and `export` agree with what the core gives the app's
//! dashboard, review view and export buttons on the same workspace.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::*;
use followthrough_core::exchange::{ExportFormat, ExportSet};
use followthrough_core::followup::{nudge_messages, weekly_agenda};
use followthrough_core::metrics::{compute, WindowChoice};
use serde_json::Value;
use std::fs;

const DAY: &str = "2026-03-20";

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 20).unwrap()
}

#[test]
fn metrics_json_is_the_dashboards_for_every_window() {
    let ws = scored(&sample());
    for choice in WindowChoice::all() {
        let out = followthrough()
            .args(["metrics", "--format", "json", "--as-of", DAY, "--window"])
            .arg(choice.value())
            .arg(sample())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let expected = compute(&ws, choice.window(day()), &ws.settings);
        assert_eq!(
            doc["window"]["from"],
            serde_json::to_value(expected.window.from).unwrap()
        );
        assert_eq!(doc["window"]["to"], DAY);
        let names: Vec<&String> = doc["metrics"].as_object().unwrap().keys().collect();
        assert_eq!(names.len(), 8);
        for metric in expected.all() {
            let got = &doc["metrics"][metric.name()];
            assert_eq!(got["status"], metric.status.as_str(), "{}", metric.name());
            match metric.value.filter(|v| v.is_finite()) {
                Some(v) => assert_eq!(got["value"].as_f64(), Some(v), "{}", metric.name()),
                None => assert!(got["value"].is_null(), "{}", metric.name()),
            }
        }
    }
    // The dashboard's order, as in the shape: window first, completion rate first.
    let out = followthrough()
        .args(["metrics", "--format", "json", "--as-of", DAY])
        .arg(sample())
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.find("\"window\"") < text.find("\"metrics\""));
    assert!(text.find("\"completion-rate\"") < text.find("\"recurrence\""));
}

#[test]
fn metrics_with_nothing_to_measure_are_null() {
    let dir = temp();
    let empty = dir.path().join("empty.json");
    fs::write(&empty, "{\"schema_version\": 1, \"postmortems\": []}").unwrap();
    let out = followthrough()
        .args([
            "metrics", "--format", "json", "--window", "all", "--as-of", DAY,
        ])
        .arg(&empty)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(doc["window"]["from"].is_null());
    assert!(doc["metrics"]["completion-rate"]["value"].is_null());
    assert_eq!(doc["metrics"]["completion-rate"]["status"], "no_data");
    followthrough()
        .args(["metrics", "--window", "45"])
        .arg(&empty)
        .assert()
        .code(2);
}

#[test]
fn metrics_text_shows_the_dashboards_values() {
    let ws = scored(&sample());
    let out = followthrough()
        .args(["metrics", "--as-of", DAY])
        .arg(sample())
        .output()
        .unwrap();
    let text = stdout(&out);
    let expected = compute(&ws, WindowChoice::default().window(day()), &ws.settings);
    assert!(text.starts_with(&format!("Metrics, {}", expected.window.label())));
    for metric in expected.all() {
        let line = text
            .lines()
            .find(|l| l.starts_with(metric.label()))
            .unwrap_or_else(|| panic!("{}\n{text}", metric.label()));
        assert!(line.contains(&metric.display_value()), "{line}");
        assert!(line.contains(metric.status.label()), "{line}");
    }
}

#[test]
fn the_agenda_is_the_review_views() {
    let out = followthrough()
        .args(["agenda", "--as-of", DAY])
        .arg(sample())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(stdout(&out), weekly_agenda(&scored(&sample()), day()));
}

#[test]
fn nudges_are_the_review_views_in_text_and_json() {
    let ws = scored(&sample());
    let expected = nudge_messages(&ws, day(), &ws.settings);
    assert!(expected.len() >= 2);
    let out = followthrough()
        .args(["nudges", "--format", "json", "--as-of", DAY])
        .arg(sample())
        .output()
        .unwrap();
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc, serde_json::to_value(&expected).unwrap());
    let out = followthrough()
        .args(["nudges", "--as-of", DAY])
        .arg(sample())
        .output()
        .unwrap();
    let text = stdout(&out);
    for nudge in &expected {
        assert!(
            text.contains(&format!(
                "To: {}\nSubject: {}\n\n{}",
                nudge.owner, nudge.subject, nudge.body
            )),
            "{text}"
        );
    }
    let quiet = followthrough()
        .args(["nudges", "--as-of", "1990-01-01"])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(stdout(&quiet), "No nudges on 1990-01-01.\n");
}

const BASE: &str = "https://host.example/tools/followthrough/";
const NOW: &str = "2026-03-20T10:00:00Z";

#[test]
fn every_export_is_byte_for_byte_what_the_app_downloads() {
    let ws = scored(&sample());
    let now = Utc.with_ymd_and_hms(2026, 3, 20, 10, 0, 0).unwrap();
    let dir = temp();
    for pm in &ws.postmortems {
        let set = ExportSet::of_postmortem(pm, Some(BASE));
        for format in ExportFormat::ALL {
            let expected = format.export(&ws, &pm.id, &set, now).unwrap();
            let out = followthrough()
                .args(["export", "--to", format.slug(), "--postmortem", &pm.id])
                .args(["--link-base", BASE, "--now", NOW])
                .arg(sample())
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", stderr(&out));
            assert_eq!(
                out.stdout,
                expected.text.as_bytes(),
                "{} {}",
                pm.id,
                format.slug()
            );
            // Into a folder, under the app's file name.
            followthrough()
                .args(["export", "--to", format.slug(), "--postmortem", &pm.id])
                .args(["--link-base", BASE, "--now", NOW, "--out-dir"])
                .arg(dir.path())
                .arg(sample())
                .assert()
                .success();
            assert_eq!(
                fs::read(dir.path().join(&expected.name)).unwrap(),
                expected.text.as_bytes()
            );
        }
    }
}

#[test]
fn chosen_items_and_whole_workspace_exports() {
    let ws = scored(&sample());
    let now = Utc.with_ymd_and_hms(2026, 3, 20, 10, 0, 0).unwrap();
    // Two chosen items, as the app's checkboxes choose them.
    let mut set = ExportSet::new(None);
    set.push("PM-2026-0051", "PM-2026-0051-01");
    set.push("PM-2026-0051", "PM-2026-0051-03");
    let expected = ExportFormat::LinearCsv.render(&ws, "PM-2026-0051", &set, now);
    let out = followthrough()
        .args(["export", "--to", "linear", "--postmortem", "PM-2026-0051"])
        .args([
            "--item",
            "PM-2026-0051-01",
            "--item",
            "PM-2026-0051-03",
            "--now",
            NOW,
        ])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(stdout(&out), expected);
    // Every post-mortem's items in one file.
    let mut all = ExportSet::new(None);
    for pm in &ws.postmortems {
        for item in &pm.action_items {
            all.push(&pm.id, &item.id);
        }
    }
    let out = followthrough()
        .args(["export", "--to", "asana", "--now", NOW])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out),
        ExportFormat::AsanaCsv.render(&ws, "workspace", &all, now)
    );
    // Refusals: an unknown post-mortem or item, a format that does not exist, pm-json of many.
    for args in [
        vec!["--to", "jira", "--postmortem", "PM-0000-0000"],
        vec!["--to", "jira", "--item", "PM-0000-0000-01"],
        vec!["--to", "basecamp"],
        vec!["--to", "pm-json"],
    ] {
        let out = followthrough()
            .arg("export")
            .args(&args)
            .arg(sample())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&out).is_empty());
    }
}

#[test]
fn hostile_cells_are_exported_as_the_app_exports_them() {
    let path = core_fixture("exchange/csv_injection.json");
    let ws = scored(&path);
    let now = Utc.with_ymd_and_hms(2026, 3, 20, 10, 0, 0).unwrap();
    let pm = &ws.postmortems[0];
    let set = ExportSet::of_postmortem(pm, None);
    for format in [
        ExportFormat::JiraCsv,
        ExportFormat::AsanaCsv,
        ExportFormat::GhScript,
    ] {
        let out = followthrough()
            .args([
                "export",
                "--to",
                format.slug(),
                "--postmortem",
                &pm.id,
                "--now",
                NOW,
            ])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.stdout, format.render(&ws, &pm.id, &set, now).as_bytes());
    }
}
