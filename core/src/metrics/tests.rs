use super::*;
use crate::model::{PostMortem, Resolution};
use crate::settings::Threshold;

#[test]
fn nearest_rank_percentile() {
    assert_eq!(nearest_rank(&[], 90), None);
    assert_eq!(nearest_rank(&[5], 90), Some(5));
    let ten: Vec<i64> = (1..=10).collect();
    assert_eq!(nearest_rank(&ten, 90), Some(9));
    let twelve: Vec<i64> = (1..=12).collect();
    assert_eq!(nearest_rank(&twelve, 90), Some(11)); // ⌈10.8⌉ = 11
    assert_eq!(nearest_rank(&twelve, 100), Some(12));
    assert_eq!(nearest_rank(&twelve, 0), Some(1));
}

#[test]
fn median_of_even_and_odd() {
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[3, 1, 2]), Some(2.0));
    assert_eq!(median(&[4, 1, 3, 2]), Some(2.5));
}

#[test]
fn windows() {
    let to = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let w = Window::last_30_days(to);
    assert_eq!(w.from, NaiveDate::from_ymd_opt(2026, 3, 2));
    assert!(w.contains(to) && !w.contains(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()));
    assert_eq!(Window::last_days(NaiveDate::MIN, 30).from, None);
    assert!(Window::all_time(to).contains(NaiveDate::MIN));
}

#[test]
fn the_window_choices_offered() {
    let to = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let offered: Vec<(String, String)> = WindowChoice::all()
        .map(|c| (c.value(), c.label()))
        .collect();
    assert_eq!(
        offered,
        [
            ("30".to_string(), "Last 30 days".to_string()),
            ("90".to_string(), "Last 90 days".to_string()),
            ("365".to_string(), "Last 365 days".to_string()),
            ("all".to_string(), "All time".to_string()),
        ]
    );
    for choice in WindowChoice::all() {
        assert_eq!(WindowChoice::parse(&choice.value()), choice);
    }
    assert_eq!(WindowChoice::parse("7"), WindowChoice::LastDays(90));
    assert_eq!(
        WindowChoice::parse("365").window(to),
        Window::last_365_days(to)
    );
    assert_eq!(WindowChoice::parse("all").window(to), Window::all_time(to));
    assert_eq!(WindowChoice::default().window(to), Window::last_90_days(to));
}

#[test]
fn statuses_respect_strict_and_inclusive_lines() {
    let s = Settings::default().metrics;
    let judge = |t: &Threshold, v: f64| Status::judge(t, Some(v));
    assert_eq!(judge(&s.completion_rate, 0.85), Status::Green);
    assert_eq!(judge(&s.completion_rate, 0.70), Status::Amber);
    assert_eq!(judge(&s.completion_rate, 0.69), Status::Red);
    assert_eq!(judge(&s.time_to_close_days, 30.0), Status::Amber);
    assert_eq!(judge(&s.time_to_close_days, 60.0), Status::Amber);
    assert_eq!(judge(&s.time_to_close_days, 60.5), Status::Red);
    assert_eq!(judge(&s.created_closed_ratio, 1.0), Status::Green);
    assert_eq!(judge(&s.created_closed_ratio, 2.0), Status::Red);
    assert_eq!(judge(&s.created_closed_ratio, f64::INFINITY), Status::Red);
    assert_eq!(judge(&s.recurrence, 1.0), Status::Red);
    assert_eq!(Status::judge(&s.recurrence, None), Status::NoData);
    assert_eq!(
        serde_json::to_string(&Status::NoData).unwrap(),
        "\"no_data\""
    );
}

#[test]
fn a_postmortem_with_every_item_closed_is_all_closed() {
    use crate::model::{HistoryEntry, ItemStatus};
    use chrono::{TimeZone, Utc};
    let closed_at = Utc.with_ymd_and_hms(2026, 2, 1, 12, 0, 0).unwrap();
    let item = |id: &str, resolution| ActionItem {
        id: id.into(),
        status: ItemStatus::Closed,
        resolution: Some(resolution),
        created_at: Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).single(),
        history: vec![HistoryEntry {
            at: closed_at,
            field: "status".into(),
            from: "verified".into(),
            to: "closed".into(),
            note: String::new(),
        }],
        ..Default::default()
    };
    let pm = PostMortem {
        id: "PM-1".into(),
        action_items: vec![
            item("PM-1-01", Resolution::Completed),
            item("PM-1-02", Resolution::Superseded),
        ],
        ..Default::default()
    };
    let on = |m, d| postmortem_completion(&pm, NaiveDate::from_ymd_opt(2026, m, d).unwrap());
    let after = on(2, 1).unwrap();
    assert_eq!(
        (after.closed, after.completed, after.state),
        (2, 1, ClosureState::All)
    );
    // The day before, both were still open.
    let before = on(1, 31);
    assert_eq!(before.unwrap().state, ClosureState::None);
}

#[test]
fn whole_days_show_without_a_decimal() {
    assert_eq!(Unit::Days.format(139.0), "139 d");
    assert_eq!(Unit::Days.format(40.8), "40.8 d");
    assert_eq!(Unit::Percent.format(1.0 / 3.0), "33%");
    assert_eq!(Unit::Ratio.format(f64::INFINITY), "∞");
}

#[test]
fn metric_names_are_stable() {
    let names: Vec<&str> = MetricId::ALL.iter().map(|m| m.name()).collect();
    assert_eq!(
        names,
        [
            "completion-rate",
            "on-time-rate",
            "time-to-close",
            "backlog-size",
            "backlog-age-p90",
            "created-closed-ratio",
            "decay",
            "recurrence"
        ]
    );
    for id in MetricId::ALL {
        assert_eq!(serde_json::to_value(id).unwrap(), id.name());
    }
}

/// PM-1 holding `item`, and PM-2, an incident on 2026-03-01 that recurred over PM-1.
fn recurring_over(item: ActionItem) -> Workspace {
    Workspace {
        postmortems: vec![
            PostMortem {
                id: "PM-1".into(),
                action_items: vec![item],
                ..Default::default()
            },
            PostMortem {
                id: "PM-2".into(),
                incident_date: NaiveDate::from_ymd_opt(2026, 3, 1),
                recurrence_of: vec!["PM-1".into()],
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}

/// §9: the earlier items are judged on the recurring incident's date, so closing them after
/// the repeat does not turn the recurrence green.
#[test]
fn recurrence_is_judged_on_the_recurring_incidents_date() {
    use crate::model::{HistoryEntry, ItemStatus};
    use chrono::{TimeZone, Utc};
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let earlier_closed_on = |m, d| {
        let item = ActionItem {
            id: "PM-1-01".into(),
            status: ItemStatus::Closed,
            resolution: Some(Resolution::Completed),
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).single(),
            history: vec![HistoryEntry {
                at: Utc.with_ymd_and_hms(2026, m, d, 12, 0, 0).unwrap(),
                field: "status".into(),
                from: "verified".into(),
                to: "closed".into(),
                note: String::new(),
            }],
            ..Default::default()
        };
        recurring_over(item)
    };
    let window = Window::all_time(day(4, 30));
    // Closed (completed) after the repeat incident: it was open on 03-01, a recurrence.
    let late = recurrences(&earlier_closed_on(3, 15), window);
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].unfinished_items, 1);
    // Completed before the repeat: not a recurrence.
    assert!(recurrences(&earlier_closed_on(2, 15), window).is_empty());
}

/// §9 "on the recurring incident's date": the status history is replayed, so an item completed
/// before the repeat and reopened after it was finished on that date, and one closed as won't-do
/// then reopened and completed later was not.
#[test]
fn recurrence_replays_the_status_history_of_reopened_items() {
    use crate::lifecycle::{apply, Move};
    use crate::model::{ItemStatus, VerificationMethod};
    use chrono::{TimeZone, Utc};
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let at = |m, d| Utc.with_ymd_and_hms(2026, m, d, 12, 0, 0).unwrap();
    let walk = |item: ActionItem, moves: Vec<(Move, u32, u32)>| {
        moves
            .into_iter()
            .fold(item, |item, (mv, m, d)| apply(&item, mv, at(m, d)).unwrap())
    };
    // From in progress to completed on one day.
    let done = |m, d| {
        vec![
            (Move::Implement, m, d),
            (
                Move::Verify {
                    method: Some(VerificationMethod::GameDay),
                    evidence: "Game day paged on-call".into(),
                },
                m,
                d,
            ),
            (
                Move::Close {
                    resolution: Some(Resolution::Completed),
                    note: "Fixed for good".into(),
                },
                m,
                d,
            ),
        ]
    };
    let reopen = |m, d| {
        (
            Move::Reopen {
                note: "The alert fired again".into(),
            },
            m,
            d,
        )
    };
    let new = || ActionItem {
        id: "PM-1-01".into(),
        status: ItemStatus::NotStarted,
        created_at: Some(at(1, 1)),
        ..Default::default()
    };
    let window = Window::all_time(day(4, 30));

    // Completed on 02-01, reopened on 03-10 and still open: finished on 03-01.
    let mut moves = vec![(Move::Start, 1, 5)];
    moves.extend(done(2, 1));
    moves.push(reopen(3, 10));
    let reopened = walk(new(), moves);
    assert_eq!(reopened.status, ItemStatus::InProgress);
    assert!(recurrences(&recurring_over(reopened), window).is_empty());

    // Closed as won't-do on 02-01, reopened on 02-10, completed on 04-01: open on 03-01.
    let mut moves = vec![(
        Move::Close {
            resolution: Some(Resolution::WontDo),
            note: "Not worth it".into(),
        },
        2,
        1,
    )];
    moves.push(reopen(2, 10));
    moves.extend(done(4, 1));
    let late = walk(new(), moves);
    assert_eq!(late.resolution, Some(Resolution::Completed));
    assert_eq!(recurrences(&recurring_over(late), window).len(), 1);

    // Closed as won't-do on 02-01 and reopened after the repeat: closed other than completed.
    let wont = walk(
        new(),
        vec![
            (
                Move::Close {
                    resolution: Some(Resolution::WontDo),
                    note: "Not worth it".into(),
                },
                2,
                1,
            ),
            reopen(3, 10),
        ],
    );
    assert_eq!(
        crate::followup::closed_as_of(&wont, day(3, 1)),
        Some(Some(Resolution::WontDo))
    );
    assert_eq!(recurrences(&recurring_over(wont), window).len(), 1);
}

/// §9 "backlog size … per team too": each team's open items get their own status against the
/// backlog lines of the settings.
#[test]
fn each_teams_backlog_has_its_own_status() {
    use crate::settings::Bound;
    let mut settings = Settings::default();
    settings.metrics.backlog_size = Threshold {
        green: Bound::LessThan(2.0),
        red: Bound::MoreThan(3.0),
    };
    let item = |team: &str| ActionItem {
        team: team.into(),
        ..Default::default()
    };
    let items = [
        item("sre"),
        item("sre"),
        item("sre"),
        item("sre"),
        item("payments"),
        item("payments"),
        item(""),
    ];
    let open: Vec<&ActionItem> = items.iter().collect();
    let teams = breakdown::backlog_by_team(&open, &settings);
    let by: Vec<(&str, usize, Status)> = teams
        .iter()
        .map(|t| (t.team.as_str(), t.open, t.status))
        .collect();
    assert_eq!(
        by,
        [
            ("(no team)", 1, Status::Green),
            ("payments", 2, Status::Amber),
            ("sre", 4, Status::Red),
        ]
    );
}
