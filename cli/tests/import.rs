//! `followthrough import`: the preview first, the workspace changed only with --apply, and
//! the result the core's (the app's import and the round trip's readers).

mod common;

use chrono::{DateTime, TimeZone, Utc};
use common::*;
use followthrough_core::exchange::{
    apply_owned, export_workspace_json, preview, read_import, ConflictRule, Mode,
};
use followthrough_core::intake::{
    add_new_items, apply_changes, plan_new_items, read_any, read_source, reconcile, Reading, Target,
};
use followthrough_core::scoring::rescore_workspace;
use followthrough_core::{ActionItem, PostMortem, Workspace};
use serde_json::Value;
use std::fs;

const NOW: &str = "2026-05-28T17:00:00Z";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 28, 17, 0, 0).unwrap()
}

#[test]
fn a_followthrough_file_is_previewed_then_merged_as_the_app_merges_it() {
    let dir = temp();
    let into = dir.path().join("ws.json");
    let out = import_into(&sample(), &into, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let incoming = read_import(&fs::read_to_string(sample()).unwrap()).unwrap();
    let p = preview(&Workspace::default(), &incoming);
    assert!(
        text.contains(&format!(
            "a workspace with 3 post-mortem(s) and {} item(s). Nothing has changed yet.",
            incoming.item_count()
        )),
        "{text}"
    );
    assert!(text.contains(&p.summary()), "{text}");
    assert!(!into.exists(), "nothing is written without --apply");

    followthrough()
        .arg("import")
        .arg(sample())
        .arg("--into")
        .arg(&into)
        .arg("--apply")
        .assert()
        .success();
    let expected = apply_owned(
        &Workspace::default(),
        incoming.clone(),
        Mode::Merge,
        ConflictRule::KeepWorkspace,
    );
    assert_eq!(
        fs::read_to_string(&into).unwrap(),
        export_workspace_json(&expected)
    );

    // Again: nothing new; the JSON preview is the core's.
    let out = followthrough()
        .args(["import", "--format", "json"])
        .arg(sample())
        .arg("--into")
        .arg(&into)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut current = expected.clone();
    rescore_workspace(&mut current);
    assert_eq!(
        doc["preview"],
        serde_json::to_value(preview(&current, &incoming)).unwrap()
    );
    assert_eq!(doc["preview"]["added"].as_array().unwrap().len(), 0);
}

#[test]
fn a_post_mortem_file_replaces_its_post_mortem_in_a_folder() {
    let dir = temp();
    let folder = dir.path().join("pm");
    split_into(&sample(), &folder);
    let mut ws = scored(&sample());
    let pm = ws.postmortem_mut("PM-2026-0058").unwrap();
    pm.title = "Search results stale after an index rebuild".into();
    pm.action_items.clear();
    let one = dir.path().join("one.json");
    fs::write(
        &one,
        followthrough_core::exchange::export_postmortem_json(pm),
    )
    .unwrap();
    let out = import_into(&one, &folder, &["--apply", "--replace"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("a post-mortem with 1 post-mortem(s) and 0 item(s)"),
        "{}",
        stdout(&out)
    );
    let written = fs::read_to_string(folder.join("PM-2026-0058.json")).unwrap();
    assert!(written.contains("Search results stale after an index rebuild"));
    assert!(written.contains("\"action_items\": []"), "{written}");
}

/// The post-mortem whose items track the Jira fixture's tickets.
fn tracked_workspace() -> Workspace {
    let item = |n: u32, owner: &str, ticket: &str| ActionItem {
        id: format!("PM-2026-0051-{n:02}"),
        title: format!("Item {n} of the payment outage"),
        owner: owner.into(),
        tracking_ticket: ticket.into(),
        due_date: chrono::NaiveDate::from_ymd_opt(2026, 5, 19),
        created_at: Some(Utc.with_ymd_and_hms(2026, 5, 12, 11, 0, 0).unwrap()),
        ..Default::default()
    };
    Workspace {
        postmortems: vec![PostMortem {
            id: "PM-2026-0051".into(),
            title: "Checkout outage".into(),
            incident_ref: "INC-481".into(),
            action_items: vec![
                item(1, "Ana Silva", "PAY-101"),
                item(2, "Marcus Lee", "PAY-102"),
                item(3, "dev.patel@example.com", "pay-103"),
            ],
            ..Default::default()
        }],
        ..Default::default()
    }
}

/// `ws.json` in `dir`, holding [`tracked_workspace`] as the app exports it.
fn tracked_file(dir: &std::path::Path) -> std::path::PathBuf {
    let into = dir.join("ws.json");
    fs::write(&into, export_workspace_json(&tracked_workspace())).unwrap();
    into
}

#[test]
fn a_trackers_export_brings_statuses_back_and_new_tickets_in() {
    let dir = temp();
    let into = tracked_file(dir.path());
    let source = core_fixture("sources/jira_export.csv");
    let source_text = fs::read_to_string(&source).unwrap();
    let file = read_source(&source_text).unwrap();
    let current = scored(&into);
    let r = reconcile(&current, &file, now());
    assert!(!r.changes.is_empty(), "the fixture moves something");

    let out = import_into(&source, &into, &["--now", NOW]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Jira CSV export"), "{text}");
    assert!(
        text.contains(&format!("Changes: {}", r.changes.len())),
        "{text}"
    );
    for change in &r.changes {
        assert!(text.contains(&change.note), "{}\n{text}", change.note);
    }

    followthrough()
        .arg("import")
        .arg(&source)
        .arg("--into")
        .arg(&into)
        .args(["--now", NOW, "--apply"])
        .assert()
        .success();
    let unknown: Vec<_> = r.unknown.iter().map(|&i| &file.items[i]).collect();
    let new = plan_new_items(&current, file.format, unknown, &Target::PerIncident, now()).unwrap();
    let expected = add_new_items(&apply_changes(&current, &r.changes, now()).workspace, new);
    assert_eq!(
        fs::read_to_string(&into).unwrap(),
        export_workspace_json(&expected)
    );
}

#[test]
fn an_incident_tools_follow_ups_go_to_a_chosen_post_mortem() {
    let dir = temp();
    let into = tracked_file(dir.path());
    let source = core_fixture("sources/incident_io_follow_ups.json");
    let Reading::Source(file) = read_any(&fs::read_to_string(&source).unwrap()).unwrap() else {
        panic!("an incident.io file");
    };
    let current = scored(&into);
    let target = Target::PostMortem("PM-2026-0051".into());
    let new = plan_new_items(&current, file.format, &file.items, &target, now()).unwrap();
    assert!(new.item_count() > 0);
    let out = followthrough()
        .args([
            "import",
            "--format",
            "json",
            "--postmortem",
            "PM-2026-0051",
            "--now",
            NOW,
            "--apply",
        ])
        .arg(&source)
        .arg("--into")
        .arg(&into)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["new_items"], serde_json::to_value(&new).unwrap());
    let r = reconcile(&current, &file, now());
    let expected = add_new_items(&apply_changes(&current, &r.changes, now()).workspace, new);
    assert_eq!(
        fs::read_to_string(&into).unwrap(),
        export_workspace_json(&expected)
    );
    // A post-mortem that is not there is refused, and nothing is written.
    let before = fs::read(&into).unwrap();
    let out = followthrough()
        .args(["import", "--postmortem", "PM-0000-0000", "--apply"])
        .arg(&source)
        .arg("--into")
        .arg(&into)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("there is no post-mortem PM-0000-0000 here"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read(&into).unwrap(), before);
}

#[test]
fn a_bad_file_changes_nothing_and_says_where_it_is_wrong() {
    let dir = temp();
    let into = tracked_file(dir.path());
    let before = fs::read(&into).unwrap();
    for name in [
        "exchange/not_json.json",
        "exchange/bad_enum.json",
        "exchange/xss.json",
    ] {
        let source = core_fixture(name);
        let text = fs::read_to_string(&source).unwrap();
        let out = import_into(&source, &into, &[]);
        match read_any(&text) {
            Err(error) => {
                assert_eq!(out.status.code(), Some(2), "{name}");
                assert!(
                    stderr(&out).contains(&format!("{}: {error}", source.display())),
                    "{}",
                    stderr(&out)
                );
            }
            Ok(_) => assert!(out.status.success(), "{name}: {}", stderr(&out)),
        }
        assert_eq!(fs::read(&into).unwrap(), before, "{name}");
    }
    let unknown = dir.path().join("unknown.csv");
    fs::write(&unknown, "Name,Colour\nx,y\n").unwrap();
    let out = import_into(&unknown, &into, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not one this app reads"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_item_id_another_post_mortem_uses_is_refused_as_the_app_refuses_it() {
    let dir = temp();
    let into = tracked_file(dir.path());
    let before = fs::read(&into).unwrap();
    // Another post-mortem whose item carries PM-2026-0051's first item id.
    let mut other = tracked_workspace().postmortems.remove(0);
    other.id = "PM-2026-0099".into();
    other.action_items.truncate(1);
    let source = dir.path().join("other.json");
    fs::write(
        &source,
        followthrough_core::exchange::export_postmortem_json(&other),
    )
    .unwrap();
    let incoming = read_import(&fs::read_to_string(&source).unwrap()).unwrap();
    let refusal = preview(&scored(&into), &incoming).refusal(Mode::Merge);
    assert_eq!(refusal.len(), 1, "{refusal:?}");

    let out = import_into(&source, &into, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("Refused: {}", refusal[0])),
        "{}",
        stdout(&out)
    );
    let out = import_into(&source, &into, &["--apply"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!(
            "{}: not imported, nothing changed: {}",
            source.display(),
            refusal[0]
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read(&into).unwrap(), before);
}
