use super::*;
use crate::model::{
    Blocked, BlockedKind, Deferral, HistoryEntry, PostMortem, Resolution, Workspace,
};
use chrono::{DateTime, TimeZone, Utc};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The review view capitalises escalation messages, and nudges lower-case status and
/// block labels, with the ASCII case functions: they must start with (be) ASCII.
#[test]
fn generated_texts_are_ascii_where_the_case_is_changed() {
    for days in [-3, 0, 1, 400] {
        for reason in [
            EscalationReason::Overdue {
                priority: Priority::P1,
                days_overdue: days,
                period_days: 7,
            },
            EscalationReason::P0NotStarted {
                days_since_created: days,
                limit_days: 2,
            },
            EscalationReason::NoProgress {
                priority: Priority::P3,
                days,
                limit_days: 30,
            },
            EscalationReason::Stale {
                days,
                limit_days: 90,
            },
        ] {
            let message = reason.to_string();
            assert!(
                message.chars().next().is_some_and(|c| c.is_ascii()),
                "{message}"
            );
        }
    }
    for status in ItemStatus::ALL {
        assert!(status.label().is_ascii(), "{}", status.label());
    }
    for kind in crate::model::BlockedKind::ALL {
        assert!(kind.label().is_ascii(), "{}", kind.label());
    }
}

fn instant(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(10, 0, 0).unwrap())
}

fn item(priority: Priority, status: ItemStatus, created: NaiveDate) -> ActionItem {
    ActionItem {
        id: "PM-2026-0001-01".into(),
        title: "Add an error-rate alert on checkout".into(),
        owner: "Alice".into(),
        priority,
        status,
        created_at: Some(instant(created)),
        ..Default::default()
    }
}

#[test]
fn check_ins_follow_the_priority_cadence_from_creation() {
    let s = Settings::default();
    let created = day(2026, 3, 1);
    let p0 = item(Priority::P0, ItemStatus::InProgress, created);
    assert_eq!(next_check_in(&p0, created, &s), Some(day(2026, 3, 2)));
    assert_eq!(
        next_check_in(&p0, day(2026, 3, 5), &s),
        Some(day(2026, 3, 5))
    );
    let p1 = item(Priority::P1, ItemStatus::InProgress, created);
    assert_eq!(
        next_check_in(&p1, day(2026, 3, 2), &s),
        Some(day(2026, 3, 8))
    );
    assert_eq!(
        next_check_in(&p1, day(2026, 3, 9), &s),
        Some(day(2026, 3, 15))
    );
    let p2 = item(Priority::P2, ItemStatus::NotStarted, created);
    assert_eq!(
        next_check_in(&p2, day(2026, 3, 2), &s),
        Some(day(2026, 3, 15))
    );
    let p3 = item(Priority::P3, ItemStatus::Blocked, created);
    assert_eq!(
        next_check_in(&p3, day(2026, 4, 1), &s),
        Some(day(2026, 4, 30)) // day 60: "monthly" is every 30 days
    );
    let closed = item(Priority::P0, ItemStatus::Closed, created);
    assert_eq!(next_check_in(&closed, created, &s), None);
    let deferred = item(Priority::P0, ItemStatus::Deferred, created);
    assert_eq!(next_check_in(&deferred, created, &s), None);
}

#[test]
fn nudges_come_at_two_weeks_and_at_check_ins() {
    let s = Settings::default();
    let created = day(2026, 3, 1);
    let p3 = item(Priority::P3, ItemStatus::InProgress, created);
    assert!(!nudge_due(&p3, day(2026, 3, 14), &s));
    assert!(nudge_due(&p3, day(2026, 3, 15), &s)); // day 14
    assert!(!nudge_due(&p3, day(2026, 3, 16), &s));
    assert!(nudge_due(&p3, day(2026, 3, 31), &s)); // day 30, monthly check-in
    assert!(!nudge_due(&p3, created, &s));
}

#[test]
fn escalation_rules() {
    let s = Settings::default();
    let created = day(2026, 3, 1);
    let mut p0 = item(Priority::P0, ItemStatus::NotStarted, created);
    assert_eq!(escalation(&p0, day(2026, 3, 2), &s), None);
    assert_eq!(
        escalation(&p0, day(2026, 3, 3), &s),
        Some(EscalationReason::P0NotStarted {
            days_since_created: 2,
            limit_days: 2
        })
    );
    // A started P0 escalates only when stale or overdue.
    p0.status = ItemStatus::InProgress;
    p0.last_progress_at = Some(instant(day(2026, 3, 2)));
    assert_eq!(escalation(&p0, day(2026, 3, 31), &s), None);
    assert_eq!(
        escalation(&p0, day(2026, 4, 1), &s),
        Some(EscalationReason::Stale {
            days: 30,
            limit_days: 30
        })
    );
    for (priority, limit) in [(Priority::P1, 7), (Priority::P2, 14), (Priority::P3, 30)] {
        let it = item(priority, ItemStatus::InProgress, created);
        let before = created + Days::new(limit - 1);
        assert_eq!(escalation(&it, before, &s), None, "{priority}");
        assert_eq!(
            escalation(&it, created + Days::new(limit), &s),
            Some(EscalationReason::NoProgress {
                priority,
                days: limit as i64,
                limit_days: limit as u32
            })
        );
    }
    // Overdue by more than the escalation period (P1: 7 days), even with recent progress.
    let mut p1 = item(Priority::P1, ItemStatus::InProgress, created);
    p1.due_date = Some(day(2026, 3, 10));
    p1.last_progress_at = Some(instant(day(2026, 3, 17)));
    assert_eq!(escalation(&p1, day(2026, 3, 17), &s), None);
    let reason = escalation(&p1, day(2026, 3, 18), &s).unwrap();
    assert_eq!(
        reason,
        EscalationReason::Overdue {
            priority: Priority::P1,
            days_overdue: 8,
            period_days: 7
        }
    );
    assert_eq!(
        reason.to_string(),
        "8 days overdue, more than the 7-day escalation period of P1"
    );
    // Deferred and closed items are not escalated.
    p1.status = ItemStatus::Deferred;
    assert_eq!(escalation(&p1, day(2027, 1, 1), &s), None);
}

#[test]
fn decay_needs_no_progress_since_the_due_date() {
    let s = Settings::default();
    let mut it = item(Priority::P2, ItemStatus::InProgress, day(2026, 1, 1));
    it.due_date = Some(day(2026, 2, 1));
    it.last_progress_at = Some(instant(day(2026, 1, 20)));
    assert!(!is_decaying(&it, day(2026, 3, 3), &s)); // 30 days past due
    assert!(is_decaying(&it, day(2026, 3, 4), &s)); // 31
    it.history.push(HistoryEntry {
        at: instant(day(2026, 2, 10)),
        field: "status".into(),
        from: "not_started".into(),
        to: "in_progress".into(),
        note: String::new(),
    });
    it.last_progress_at = Some(instant(day(2026, 2, 10)));
    assert!(!is_decaying(&it, day(2026, 3, 4), &s));
    // As of a day before that progress, it was decaying... only once 30 days had passed.
    assert!(!is_decaying(&it, day(2026, 2, 9), &s));
}

#[test]
fn revisit_and_cleanup() {
    let s = Settings::default();
    let mut it = item(Priority::P3, ItemStatus::Deferred, day(2026, 1, 1));
    it.deferral = Some(Deferral {
        reason: "After the migration".into(),
        trigger: String::new(),
        revisit_on: Some(day(2026, 4, 1)),
        risk_acknowledged: true,
    });
    assert!(!revisit_due(&it, day(2026, 3, 31)));
    assert!(revisit_due(&it, day(2026, 4, 1)));
    assert!(!needs_cleanup(&it, day(2026, 4, 1), &s)); // 90 days old
    assert!(needs_cleanup(&it, day(2026, 4, 2), &s)); // 91
    it.status = ItemStatus::Closed;
    it.resolution = Some(Resolution::WontDo);
    assert!(!revisit_due(&it, day(2026, 4, 1)));
    assert!(!needs_cleanup(&it, day(2027, 1, 1), &s));
}

fn workspace() -> Workspace {
    let created = day(2026, 3, 1);
    let mut overdue = item(Priority::P1, ItemStatus::InProgress, created);
    overdue.id = "PM-2026-0001-01".into();
    overdue.title = "Add | pipe\nand newline *bold*".into();
    overdue.due_date = Some(day(2026, 3, 15));
    overdue.last_progress_at = Some(instant(day(2026, 3, 18)));
    let mut blocked = item(Priority::P0, ItemStatus::Blocked, created);
    blocked.id = "PM-2026-0001-02".into();
    blocked.owner = "Bob".into();
    blocked.title = "Deploy the failover runbook".into();
    blocked.due_date = Some(day(2026, 3, 30));
    blocked.last_progress_at = Some(instant(day(2026, 3, 19)));
    blocked.blocked = Some(Blocked {
        kind: BlockedKind::OtherTeamDependency,
        note: "Needs DB team".into(),
        since: Some(day(2026, 3, 19)),
    });
    let mut fine = item(Priority::P2, ItemStatus::InProgress, day(2026, 3, 19));
    fine.id = "PM-2026-0001-03".into();
    fine.owner = "Carol".into();
    fine.due_date = Some(day(2026, 4, 30));
    Workspace {
        postmortems: vec![PostMortem {
            id: "PM-2026-0001".into(),
            title: "Checkout outage".into(),
            action_items: vec![overdue, blocked, fine],
            ..Default::default()
        }],
        ..Default::default()
    }
}

#[test]
fn the_review_lists_what_needs_attention() {
    let s = Settings::default();
    let review = review_for(&workspace(), day(2026, 3, 20), &s);
    assert_eq!(review.overdue.len(), 1);
    assert_eq!(review.overdue[0].item.item_id, "PM-2026-0001-01");
    assert_eq!(review.overdue[0].days_overdue, 5);
    assert_eq!(review.blocked.len(), 1);
    assert_eq!(review.blocked[0].days_blocked, Some(1));
    assert!(review.escalations.is_empty());
    assert!(review.decaying.is_empty() && review.revisit_due.is_empty());
    assert!(review.cleanup.is_empty());
    // Nine days later the P1 is overdue by more than a week.
    let later = review_for(&workspace(), day(2026, 3, 23), &s);
    assert_eq!(later.escalations.len(), 1);
    assert!(matches!(
        later.escalations[0].reason,
        EscalationReason::Overdue { .. }
    ));
}

#[test]
fn nudges_are_per_owner_and_specific() {
    let s = Settings::default();
    let nudges = nudge_messages(&workspace(), day(2026, 3, 20), &s);
    // Alice: overdue; Bob: P0 daily check-in; Carol: created yesterday, P2, nothing due.
    let owners: Vec<&str> = nudges.iter().map(|n| n.owner.as_str()).collect();
    assert_eq!(owners, ["Alice", "Bob"]);
    let alice = &nudges[0];
    assert_eq!(
        alice.subject,
        "Follow-up: 1 post-mortem action item (1 overdue)"
    );
    assert!(alice.body.starts_with("Hi Alice,"));
    assert!(alice.body.contains("PM-2026-0001-01"));
    assert!(alice.body.contains("5 days overdue"));
    assert!(alice.body.contains("due 2026-03-15"));
    assert!(alice.body.contains("Add | pipe and newline *bold*"));
    assert!(nudges[1]
        .body
        .contains("still blocked (another team's dependency: Needs DB team)"));
}

#[test]
fn one_nudge_per_person_whatever_the_spelling() {
    let s = Settings::default();
    let mut ws = workspace();
    ws.postmortems[0].action_items[2].owner = " alice ".into();
    ws.postmortems[0].action_items[2].due_date = Some(day(2026, 3, 19));
    let nudges = nudge_messages(&ws, day(2026, 3, 20), &s);
    assert_eq!(nudges.len(), 2);
    assert_eq!(nudges[0].owner, "Alice");
    assert_eq!(nudges[0].item_ids, ["PM-2026-0001-01", "PM-2026-0001-03"]);
    assert!(nudges[0]
        .subject
        .ends_with("2 post-mortem action items (2 overdue)"));
}

#[test]
fn the_agenda_has_every_section_and_user_text_cannot_break_a_table() {
    let s = Settings::default();
    let ws = workspace();
    let today = day(2026, 3, 20);
    let metrics = crate::metrics::compute(&ws, crate::metrics::Window::last_30_days(today), &s);
    let md = weekly_agenda_markdown(&ws, today, &metrics, &s);
    for section in [
        "## New items this week",
        "## P0 status",
        "## P1 status",
        "## Overdue and blocked",
        "## Metrics",
    ] {
        assert!(md.contains(section), "{section}\n{md}");
    }
    assert!(md.contains("Add \\| pipe and newline \\*bold\\*"), "{md}");
    // Every table row has as many unescaped pipes as its header.
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let pipes = line.replace("\\|", "").matches('|').count();
        assert!((6..=7).contains(&pipes), "{line}");
    }
    assert!(md.contains("| completion rate |") || md.contains("| Completion rate |"));
}

#[test]
fn markdown_escaping() {
    assert_eq!(escape_markdown("a|b\r\nc\t[x](y)"), "a\\|b c \\[x\\](y)");
    assert_eq!(one_line("  a \u{2028} b  "), "a b");
}

#[test]
fn the_agenda_for_a_day_uses_the_workspaces_settings_and_window() {
    let ws = workspace();
    let today = day(2026, 3, 20);
    let metrics = crate::metrics::compute(
        &ws,
        crate::metrics::Window::last_days(today, crate::settings::AGENDA_WINDOW_DAYS),
        &ws.settings,
    );
    assert_eq!(
        weekly_agenda(&ws, today),
        weekly_agenda_markdown(&ws, today, &metrics, &ws.settings)
    );
}

#[test]
fn reminders_are_the_nudges_then_one_escalation_per_item() {
    let ws = workspace();
    let today = day(2026, 3, 23);
    let reminders = plan_reminders(&ws, today, &ReminderLog::default());
    let nudges = nudge_messages(&ws, today, &ws.settings);
    let kinds: Vec<(ReminderKind, &str)> = reminders
        .iter()
        .map(|r| (r.kind, r.owner.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (ReminderKind::Nudge, "Alice"),
            (ReminderKind::Nudge, "Bob"),
            (ReminderKind::Escalation, "Alice"),
        ]
    );
    for (reminder, nudge) in reminders.iter().zip(&nudges) {
        assert_eq!(reminder.body, nudge.body);
        assert_eq!(reminder.subject, nudge.subject);
    }
    let escalation = &reminders[2];
    assert_eq!(
        escalation.subject,
        "Escalation: PM-2026-0001-01 “Add | pipe and newline *bold*”"
    );
    assert!(
        escalation
            .body
            .contains("8 days overdue, more than the 7-day escalation period"),
        "{}",
        escalation.body
    );
    assert_eq!(escalation.items[0].postmortem_id, "PM-2026-0001");
}

#[test]
fn no_item_is_reminded_twice_in_one_check_in_period() {
    let ws = workspace();
    let first = day(2026, 3, 23);
    let mut log = ReminderLog::default();
    for reminder in plan_reminders(&ws, first, &log) {
        log.record(&reminder, first);
    }
    // Alice's P1 (weekly) is left alone for six days, nudged and escalated again on the 7th;
    // Bob's P0 (daily) is nudged again the next day.
    let next_day = plan_reminders(&ws, day(2026, 3, 24), &log);
    let owners: Vec<&str> = next_day.iter().map(|r| r.owner.as_str()).collect();
    assert_eq!(owners, ["Bob"]);
    let week_later = plan_reminders(&ws, day(2026, 3, 30), &log);
    let kinds: Vec<(ReminderKind, &str)> = week_later
        .iter()
        .map(|r| (r.kind, r.owner.as_str()))
        .collect();
    assert!(kinds.contains(&(ReminderKind::Nudge, "Alice")), "{kinds:?}");
    assert!(
        kinds.contains(&(ReminderKind::Escalation, "Alice")),
        "{kinds:?}"
    );
    // A reminder that was not delivered (not recorded) is planned again.
    let mut partial = ReminderLog::default();
    let all = plan_reminders(&ws, first, &partial);
    partial.record(&all[0], first);
    let again = plan_reminders(&ws, first, &partial);
    assert_eq!(again.len(), all.len() - 1);
}

#[test]
fn the_log_reads_back_and_forgets_items_that_are_gone() {
    let mut ws = workspace();
    let today = day(2026, 3, 23);
    let mut log = ReminderLog::default();
    for reminder in plan_reminders(&ws, today, &log) {
        log.record(&reminder, today);
    }
    let text = log.to_json();
    assert_eq!(ReminderLog::read(&text).unwrap(), log);
    assert!(text.contains("\"nudged\": \"2026-03-23\""), "{text}");
    ws.postmortems[0].action_items.remove(0);
    log.prune(&ws);
    assert_eq!(log.items["PM-2026-0001"].len(), 1);
    ws.postmortems.clear();
    log.prune(&ws);
    assert!(log.items.is_empty());
    assert!(ReminderLog::read("{\"items\": 3}").is_err());
    assert!(ReminderLog::read("{\"surprise\": 1}").is_err());
}
