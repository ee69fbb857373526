//! The round trip (issue 16): follow-ups brought in as new items, tracker statuses proposed
//! back as changes and the chosen ones applied through the lifecycle.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use followthrough_core::intake::*;
use followthrough_core::lifecycle::{self, Move};
use followthrough_core::model::*;
use followthrough_core::validator::owner_key;
use std::path::PathBuf;

fn read(name: &str) -> SourceFile {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sources")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    read_source(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 28, 17, 0, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn item(n: u32, title: &str, owner: &str, ticket: &str, status: ItemStatus) -> ActionItem {
    ActionItem {
        id: format!("PM-2026-0051-{n:02}"),
        title: title.into(),
        owner: owner.into(),
        tracking_ticket: ticket.into(),
        status,
        due_date: Some(date(2026, 5, 19)),
        original_due_date: Some(date(2026, 5, 19)),
        created_at: Some(Utc.with_ymd_and_hms(2026, 5, 12, 11, 0, 0).unwrap()),
        ..Default::default()
    }
}

/// The post-mortem whose items the Jira fixtures track (see `fixtures/sources/jira_*`).
fn workspace() -> Workspace {
    let blocked = lifecycle::apply(
        &item(
            3,
            "Write a failover runbook for the card processor",
            "dev.patel@example.com",
            "pay-103",
            ItemStatus::NotStarted,
        ),
        Move::Block {
            kind: Some(BlockedKind::OtherTeamDependency),
            note: "Waiting for the processor's failover API".into(),
            new_owner: None,
        },
        Utc.with_ymd_and_hms(2026, 5, 14, 9, 0, 0).unwrap(),
    )
    .unwrap();
    let mut closed = item(
        5,
        "Log every retry with the processor's error code",
        "Dev Patel",
        "",
        ItemStatus::Closed,
    );
    closed.tracking_url = "https://acme.atlassian.net/browse/PAY-105".into();
    closed.resolution = Some(Resolution::Completed);
    let pm = PostMortem {
        id: "PM-2026-0051".into(),
        title: "Card payments failing at checkout".into(),
        incident_ref: "INC-481".into(),
        severity: Severity::Sev1,
        status: PostMortemStatus::Tracking,
        action_items: vec![
            item(
                1,
                "Add a circuit breaker around the card-processor client",
                "Ana Silva",
                "PAY-101",
                ItemStatus::InProgress,
            ),
            item(
                2,
                "Add an alert on checkout 5xx rate above 2% for 5 minutes",
                "Ben Okafor",
                "PAY-102",
                ItemStatus::NotStarted,
            ),
            ActionItem {
                due_date: Some(date(2026, 5, 26)),
                ..blocked
            },
            ActionItem {
                due_date: None,
                ..item(
                    4,
                    "Refactor the payment error handling paths",
                    "Ana Silva",
                    "PAY-104",
                    ItemStatus::InProgress,
                )
            },
            closed,
            item(
                6,
                "Add a load test at 3x peak before each release",
                "Ana Silva",
                "PAY-199",
                ItemStatus::NotStarted,
            ),
            item(
                7,
                "Add an on-call handover checklist to the rota page",
                "Ana Silva",
                "OPS-12",
                ItemStatus::NotStarted,
            ),
        ],
        ..Default::default()
    };
    Workspace {
        postmortems: vec![pm],
        ..Workspace::default()
    }
}

fn summary(changes: &[Change]) -> Vec<(String, &'static str, String, String)> {
    changes
        .iter()
        .map(|c| {
            (
                c.item_id.clone(),
                c.field.as_str(),
                c.from.clone(),
                c.to.clone(),
            )
        })
        .collect()
}

fn row(
    id: &str,
    field: &'static str,
    from: &str,
    to: &str,
) -> (String, &'static str, String, String) {
    (format!("PM-2026-0051-{id}"), field, from.into(), to.into())
}

// ---------------------------------------------------------------------------------------------
// Statuses back.

#[test]
fn jira_statuses_come_back_as_legal_changes_from_every_jira_export() {
    for name in [
        "jira_search_v2.json",
        "jira_search_v3.json",
        "jira_export.csv",
    ] {
        let ws = workspace();
        let r = reconcile(&ws, &read(name), at());
        assert_eq!(r.matched, 5, "{name}");
        assert_eq!(
            summary(&r.changes),
            vec![
                row("01", "status", "in_progress", "implemented"),
                row("02", "status", "not_started", "in_progress"),
                row("02", "owner", "Ben Okafor", "Chloé Martin"),
                row("02", "due_date", "2026-05-19", "2026-05-26"),
                row("03", "status", "blocked", "implemented"),
                row("04", "status", "in_progress", "closed"),
            ],
            "{name}"
        );
        let blocked = &r.changes[4].proposal;
        assert_eq!(
            blocked,
            &Proposal::Status {
                from: ItemStatus::Blocked,
                to: ItemStatus::Implemented,
                moves: vec![Move::Unblock, Move::Start, Move::Implement],
            },
            "{name}: the block was set on a not-started item"
        );
        assert_eq!(r.changes[2].note, "changed in Jira PAY-102", "{name}");
        // Closed here, in review there: the lifecycle's own reason, nothing forced.
        assert_eq!(r.unmoved.len(), 1, "{name}");
        assert_eq!(r.unmoved[0].item.item_id, "PM-2026-0051-05");
        assert_eq!(r.unmoved[0].tracker_status, "In Review");
        assert_eq!(
            r.unmoved[0].reason,
            "An item that is “Closed” cannot move to “In progress”. From here you can: reopen."
        );
        // PAY-199 is in the file's project but not in the file; OPS-12 is another project.
        let missing: Vec<&str> = r.missing.iter().map(|m| m.ticket.as_str()).collect();
        assert_eq!(missing, ["PAY-199"], "{name}");
        assert_eq!(r.unknown, vec![5], "{name}: PAY-110 is not known here");
    }
}

#[test]
fn chosen_changes_apply_through_the_lifecycle_and_leave_the_rest() {
    let ws = workspace();
    let r = reconcile(&ws, &read("jira_search_v3.json"), at());
    // Tick everything but the owner change.
    let chosen: Vec<Change> = r
        .changes
        .iter()
        .filter(|c| c.field != Field::Owner)
        .cloned()
        .collect();
    let applied = apply_changes(&ws, &chosen, at());
    assert!(applied.refused.is_empty(), "{:?}", applied.refused);
    assert_eq!(ws, workspace(), "the workspace passed in is never changed");
    let pm = &applied.workspace.postmortems[0];
    let by_id = |n: usize| &pm.action_items[n - 1];

    let breaker = by_id(1);
    assert_eq!(breaker.status, ItemStatus::Implemented);
    assert_eq!(breaker.last_progress_at, Some(at()));
    let last = breaker.history.last().unwrap();
    assert_eq!(
        (last.field.as_str(), last.from.as_str(), last.to.as_str()),
        ("status", "in_progress", "implemented")
    );
    assert_eq!(last.note, "status “Done” in Jira PAY-101");

    let alert = by_id(2);
    assert_eq!(alert.status, ItemStatus::InProgress);
    assert_eq!(alert.owner, "Ben Okafor", "the owner change was not chosen");
    assert_eq!(alert.due_date, Some(date(2026, 5, 26)));
    assert_eq!(alert.original_due_date, Some(date(2026, 5, 19)));
    let due = alert
        .history
        .iter()
        .find(|h| h.field == "due_date")
        .unwrap();
    assert_eq!(due.note, "changed in Jira PAY-102");

    let runbook = by_id(3);
    assert_eq!(runbook.status, ItemStatus::Implemented);
    assert_eq!(runbook.blocked, None);
    let moves: Vec<(&str, &str)> = runbook
        .history
        .iter()
        .map(|h| (h.from.as_str(), h.to.as_str()))
        .collect();
    assert_eq!(
        moves,
        [
            ("not_started", "blocked"),
            ("blocked", "not_started"),
            ("not_started", "in_progress"),
            ("in_progress", "implemented")
        ]
    );

    let refactor = by_id(4);
    assert_eq!(refactor.status, ItemStatus::Closed);
    assert_eq!(refactor.resolution, Some(Resolution::WontDo));
    assert_eq!(refactor.resolution_note, "status “Closed” in Jira PAY-104");
    // Nothing is ever verified or closed as completed from a tracker.
    assert!(pm
        .action_items
        .iter()
        .all(|i| i.status != ItemStatus::Verified));
    assert_eq!(by_id(6), &ws.postmortems[0].action_items[5]);
}

#[test]
fn an_owner_change_is_recorded_without_counting_as_progress() {
    let ws = workspace();
    let r = reconcile(&ws, &read("jira_export.csv"), at());
    let owner: Vec<Change> = r
        .changes
        .into_iter()
        .filter(|c| c.field == Field::Owner)
        .collect();
    let applied = apply_changes(&ws, &owner, at());
    let alert = &applied.workspace.postmortems[0].action_items[1];
    assert_eq!(alert.owner, "Chloé Martin");
    assert_eq!(alert.last_progress_at, None);
    let h = alert.history.last().unwrap();
    assert_eq!(
        (
            h.field.as_str(),
            h.from.as_str(),
            h.to.as_str(),
            h.note.as_str()
        ),
        (
            "owner",
            "Ben Okafor",
            "Chloé Martin",
            "changed in Jira PAY-102"
        )
    );
}

#[test]
fn a_change_is_refused_when_the_item_moved_since_the_preview() {
    let ws = workspace();
    let r = reconcile(&ws, &read("jira_search_v2.json"), at());
    let mut moved = ws.clone();
    let breaker = &mut moved.postmortems[0].action_items[0];
    *breaker = lifecycle::apply(breaker, Move::Implement, at()).unwrap();
    moved.postmortems[0].action_items.remove(1);
    let applied = apply_changes(&moved, &r.changes, at());
    let refused: Vec<(&str, Field, &str)> = applied
        .refused
        .iter()
        .map(|x| (x.item_id.as_str(), x.field, x.reason.as_str()))
        .collect();
    assert_eq!(
        refused,
        [
            (
                "PM-2026-0051-01",
                Field::Status,
                "it changed here since the preview (now “implemented”, was “in_progress”)"
            ),
            (
                "PM-2026-0051-02",
                Field::Status,
                "the item is no longer here"
            ),
            (
                "PM-2026-0051-02",
                Field::Owner,
                "the item is no longer here"
            ),
            (
                "PM-2026-0051-02",
                Field::DueDate,
                "the item is no longer here"
            ),
        ]
    );
    // The others still applied.
    assert_eq!(
        applied.workspace.postmortems[0].action_items[2].status,
        ItemStatus::Closed
    );
}

#[test]
fn github_and_linear_statuses_come_back_too() {
    let mut ws = workspace();
    let items = &mut ws.postmortems[0].action_items;
    items[0].tracking_ticket = "acme/checkout#41".into();
    items[1].tracking_ticket = String::new();
    items[1].tracking_url = "https://github.com/acme/checkout/issues/42".into();
    items[1].owner = "@chloem".into();
    items[3].tracking_ticket = "#44".into();
    items[4].tracking_url.clear();
    let r = reconcile(&ws, &read("github_issues.json"), at());
    assert_eq!(
        summary(&r.changes),
        vec![
            row("01", "status", "in_progress", "implemented"),
            row("02", "status", "not_started", "in_progress"),
        ],
        "a login is the same person as @login; #44 has two assignees, one is the owner"
    );
    assert_eq!(
        r.changes[0].note,
        "status “CLOSED” in GitHub acme/checkout#41"
    );
    assert_eq!(r.unknown, vec![2], "#43 is not tracked here");

    let mut ws = workspace();
    ws.postmortems[0].action_items[0].tracking_ticket = "ENG-412".into();
    ws.postmortems[0].action_items[0].owner = "Maria@Example.com".into();
    ws.postmortems[0].action_items[1].tracking_ticket = "ENG-999".into();
    let r = reconcile(&ws, &read("linear_export.csv"), at());
    assert_eq!(
        summary(&r.changes),
        vec![
            row("01", "status", "in_progress", "implemented"),
            row("01", "due_date", "2026-05-19", "2026-05-20"),
        ]
    );
    assert_eq!(r.changes[1].note, "changed in Linear ENG-412");
    let missing: Vec<&str> = r.missing.iter().map(|m| m.ticket.as_str()).collect();
    assert_eq!(missing, ["ENG-999"]);
}

#[test]
fn a_tracker_that_says_not_started_or_lags_behind_moves_nothing_back() {
    let mut ws = workspace();
    let items = &mut ws.postmortems[0].action_items;
    // PAY-110 is "To Do" in Jira; PAY-101 is done there and verified here.
    items[5].tracking_ticket = "PAY-110".into();
    items[5].status = ItemStatus::InProgress;
    items[5].due_date = Some(date(2026, 6, 30));
    items[0].status = ItemStatus::Verified;
    let r = reconcile(&ws, &read("jira_search_v2.json"), at());
    assert!(r
        .changes
        .iter()
        .all(|c| c.item_id != "PM-2026-0051-06" && c.item_id != "PM-2026-0051-01"));
}

// ---------------------------------------------------------------------------------------------
// Follow-ups in.

#[test]
fn incident_io_follow_ups_become_one_draft_post_mortem_per_incident() {
    let file = read("incident_io_follow_ups.json");
    let ws = Workspace::default();
    let new = plan_new_items(&ws, file.format, &file.items, &Target::PerIncident, at()).unwrap();
    assert_eq!(new.postmortems.len(), 2);
    assert_eq!(new.item_count(), 4);
    let first = &new.postmortems[0];
    assert_eq!(first.id, "PM-2026-0001");
    assert_eq!(first.incident_ref, "01HZ3K7Q9R8M2N4P6S8T0V2W4Y");
    assert_eq!(
        first.title,
        "Follow-ups of incident.io incident 01HZ3K7Q9R8M2N4P6S8T0V2W4Y"
    );
    assert_eq!(first.status, PostMortemStatus::Draft);
    assert_eq!(new.postmortems[1].id, "PM-2026-0002");

    let breaker = &first.action_items[0];
    assert_eq!(breaker.id, "PM-2026-0001-01");
    assert_eq!(breaker.owner, "Ana Silva");
    assert_eq!(breaker.tracking_ticket, "PAY-101");
    assert_eq!(
        breaker.tracking_url,
        "https://acme.atlassian.net/browse/PAY-101"
    );
    assert_eq!(breaker.tags, ["source-priority:urgent"]);
    // Impact and effort wait for the meeting; priority is computed, never read.
    assert_eq!((breaker.impact.get(), breaker.effort.get()), (2, 2));
    assert_eq!(breaker.priority, Priority::P2);
    // Created when incident.io says; due at creation + the P2 target (30 days).
    assert_eq!(breaker.created_on(), Some(date(2026, 5, 12)));
    assert_eq!(breaker.due_date, Some(date(2026, 6, 11)));
    assert_eq!(breaker.original_due_date, breaker.due_date);
    assert_eq!(breaker.status, ItemStatus::NotStarted);
    assert!(breaker.history.is_empty());

    let runbook = &first.action_items[1];
    assert_eq!(runbook.status, ItemStatus::Implemented);
    let moves: Vec<(&str, &str, &str)> = runbook
        .history
        .iter()
        .map(|h| (h.from.as_str(), h.to.as_str(), h.note.as_str()))
        .collect();
    assert_eq!(
        moves,
        [
            (
                "not_started",
                "in_progress",
                "status “completed” in incident.io"
            ),
            (
                "in_progress",
                "implemented",
                "status “completed” in incident.io"
            )
        ]
    );
    assert_eq!(runbook.last_progress_at, Some(at()));
    let refactor = &first.action_items[2];
    assert_eq!(refactor.status, ItemStatus::Closed);
    assert_eq!(refactor.resolution, Some(Resolution::WontDo));
    assert_eq!(
        refactor.resolution_note, "status “not_doing” in incident.io",
        "no ticket to name"
    );
    assert_eq!(refactor.owner, "");

    // Added, then the same file again: everything is already here.
    let after = add_new_items(&ws, new.clone());
    assert_eq!(after.postmortems.len(), 2);
    let again =
        plan_new_items(&after, file.format, &file.items, &Target::PerIncident, at()).unwrap();
    assert_eq!(again.item_count(), 0);
    assert_eq!(again.already_here.len(), 4);
    assert_eq!(again.already_here[0].item_id, "PM-2026-0001-01");
    // The preview's entries: each new post-mortem, then its items.
    let entries = new.entries();
    assert_eq!(entries.len(), 6);
    assert_eq!(entries[0].item_id, None);
    assert_eq!(entries[1].item_id.as_deref(), Some("PM-2026-0001-01"));
}

#[test]
fn follow_ups_join_an_existing_post_mortem_of_their_incident_or_a_chosen_one() {
    let mut ws = workspace();
    ws.postmortems[0].incident_ref = "dispatch-acme-payments-7".into();
    let file = read("dispatch_tasks.json");
    let new = plan_new_items(&ws, file.format, &file.items, &Target::PerIncident, at()).unwrap();
    assert!(new.postmortems.is_empty());
    // Task 31 tracks PAY-101 (by its ticket's link), which an item here already tracks.
    assert_eq!(new.already_here.len(), 1);
    assert_eq!(new.already_here[0].item_id, "PM-2026-0051-01");
    let (pm, items) = &new.additions[0];
    assert_eq!(pm, "PM-2026-0051");
    let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["PM-2026-0051-08", "PM-2026-0051-09"]);
    // A paragraph-long task is cut to a title; the description keeps it whole.
    let game_day = &items[1];
    assert!(game_day.title.ends_with('…'));
    assert!(game_day.title.chars().count() <= MAX_TITLE_CHARS + 1);
    assert!(game_day
        .description
        .starts_with("Test the processor failover in a game day"));
    assert!(game_day.description.ends_with("within five minutes"));
    // SEV1 post-mortem: scored with its severity.
    assert_eq!(items[0].status, ItemStatus::Implemented);
    let after = add_new_items(&ws, new);
    assert_eq!(after.postmortems[0].action_items.len(), 9);

    let chosen = Target::PostMortem("PM-2026-0051".into());
    let rootly = read("rootly_action_items.json");
    let new = plan_new_items(&ws, rootly.format, &rootly.items, &chosen, at()).unwrap();
    assert_eq!(
        new.additions[0].1.len(),
        3,
        "PAY-102 is already tracked here"
    );
    assert_eq!(
        plan_new_items(
            &ws,
            rootly.format,
            &rootly.items,
            &Target::PostMortem("PM-1".into()),
            at()
        ),
        Err(TargetError::Unknown("PM-1".into()))
    );
    ws.postmortems[0].status = PostMortemStatus::Closed;
    let closed = plan_new_items(&ws, rootly.format, &rootly.items, &chosen, at()).unwrap_err();
    assert_eq!(
        closed.to_string(),
        "PM-2026-0051 is closed; choose an open post-mortem or a new one per incident"
    );
}

#[test]
fn unknown_tickets_from_a_reconcile_can_be_brought_in() {
    let ws = workspace();
    let file = read("jira_export.csv");
    let r = reconcile(&ws, &file, at());
    let unknown: Vec<&SourceItem> = r.unknown.iter().map(|&i| &file.items[i]).collect();
    let new = plan_new_items(&ws, file.format, unknown, &Target::PerIncident, at()).unwrap();
    let pm = &new.postmortems[0];
    assert_eq!(
        pm.id, "PM-2026-0052",
        "numbered after the workspace's PM-2026-0051"
    );
    assert_eq!(pm.title, "Imported from Jira CSV export");
    assert_eq!(pm.incident_ref, "");
    let probe = &pm.action_items[0];
    assert_eq!(probe.tracking_ticket, "PAY-110");
    assert_eq!(probe.due_date, Some(date(2026, 6, 30)));
    assert_eq!(probe.owner, "");
    assert_eq!(probe.tags, ["source-priority:high"]);
    // One step for the UI: changes, then new items, on the same workspace.
    let applied = apply_changes(&ws, &r.changes, at());
    let after = add_new_items(&applied.workspace, new);
    assert_eq!(after.postmortems.len(), 2);
    let titles: Vec<String> = after.items().map(|(_, i)| owner_key(&i.title)).collect();
    assert_eq!(titles.len(), 8);
}
