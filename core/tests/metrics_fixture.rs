//! DOMAIN.md §9 metrics over a fixture workspace whose answers were computed by hand.
//!
//! The fixture (`fixtures/metrics_workspace.json`): three post-mortems, twelve items.
//! Priorities are written in the file (impact/effort agree with §3) and used as they are.
//!
//! | item | pri | category | team | created | due (original) | state on 2026-03-31 |
//! |---|---|---|---|---|---|---|
//! | A1 PM-2025-0040-01 | P0 | prevent  | payments | 2025-11-12 | 2025-11-19 | closed completed 2025-11-18 |
//! | A2 PM-2025-0040-02 | P1 | detect   | sre      | 2025-11-12 | 2026-01-10 (2025-11-26) | closed completed 2026-01-08 |
//! | A3 PM-2025-0040-03 | P2 | mitigate | sre      | 2025-11-12 | 2025-12-12 | in progress, last progress 2025-12-01 |
//! | A4 PM-2025-0040-04 | P3 | process  | payments | 2025-11-12 | 2026-01-11 | closed won't do 2026-02-15 |
//! | B1 PM-2026-0003-01 | P0 | prevent  | payments | 2026-01-22 | 2026-01-29 | closed completed 2026-01-28 |
//! | B2 PM-2026-0003-02 | P1 | detect   | sre      | 2026-01-22 | 2026-02-05 | closed completed 2026-02-10 |
//! | B3 PM-2026-0003-03 | P1 | mitigate | platform | 2026-01-22 | 2026-02-20 (2026-02-05) | closed completed 2026-02-18 |
//! | B4 PM-2026-0003-04 | P2 | process  | (none)   | 2026-01-22 | 2026-02-21 | blocked since 2026-02-10 (last progress) |
//! | B5 PM-2026-0003-05 | P2 | detect   | sre      | 2026-01-22 | 2026-02-21 | deferred, revisit 2026-04-15 |
//! | C1 PM-2026-0011-01 | P0 | prevent  | payments | 2026-03-04 | 2026-03-11 | verified 2026-03-10, not closed |
//! | C2 PM-2026-0011-02 | P1 | detect   | sre      | 2026-03-04 | 2026-03-18 | in progress, last progress 2026-03-15 |
//! | C3 PM-2026-0011-03 | P3 | process  | platform | 2026-03-04 | 2026-05-03 | not started |
//!
//! PM-2026-0011 (incident 2026-03-02) has `recurrence_of: [PM-2025-0040]`.

use chrono::NaiveDate;
use followthrough_core::metrics::{compute, ClosureState, Metrics, Status, Window};
use followthrough_core::{Category, Priority, Settings, Workspace};

fn fixture() -> Workspace {
    serde_json::from_str(include_str!("fixtures/metrics_workspace.json"))
        .expect("the fixture is a valid workspace")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value");
    assert!(
        (actual - expected).abs() < 1e-9,
        "{actual} is not {expected}"
    );
}

/// Window: the last 90 days to 2026-03-31, i.e. 2026-01-01 ..= 2026-03-31.
#[test]
fn last_90_days() {
    let window = Window::last_90_days(day(2026, 3, 31));
    assert_eq!(window.from, Some(day(2026, 1, 1)));
    let m: Metrics = compute(&fixture(), window, &Settings::default());

    // Completion rate. Due (current due date) in the window: A2 01-10, A4 01-11, B1 01-29,
    // B2 02-05, B3 02-20, B4 02-21, B5 02-21, C1 03-11, C2 03-18 = 9 (A1, A3 due in 2025,
    // C3 in May). Completed by that date: A2 (01-08 ≤ 01-10), B1 (01-28 ≤ 01-29),
    // B3 (02-18 ≤ 02-20) = 3; A4 was won't-do, B2 closed late, C1 verified but not closed.
    // 3 / 9 = 0.333… < 0.70 → red.
    close(m.completion_rate.value, 3.0 / 9.0);
    assert_eq!(m.completion_rate.status, Status::Red);
    assert_eq!(m.completion_rate.display_value(), "33%");

    // On-time completion. Originally due in the window: A4, B1, B2, B3 (orig. 02-05), B4, B5,
    // C1, C2 = 8 (A2 was originally due 2025-11-26). Completed by the original date: B1 only
    // (B3 closed 02-18 after its original 02-05). 1 / 8 = 0.125 < 0.50 → red.
    close(m.on_time_rate.value, 1.0 / 8.0);
    assert_eq!(m.on_time_rate.status, Status::Red);

    // Time to close. Closed in the window: A2 11-12→01-08 = 57 d, A4 11-12→02-15 = 95 d,
    // B1 01-22→01-28 = 6 d, B2 01-22→02-10 = 19 d, B3 01-22→02-18 = 27 d (A1 closed in 2025).
    // Mean 204 / 5 = 40.8: not < 30, not > 60 → amber. Median of 6, 19, 27, 57, 95 = 27.
    close(m.time_to_close.value, 40.8);
    assert_eq!(m.time_to_close.status, Status::Amber);
    close(m.time_to_close_median_days, 27.0);

    // By priority against §4 (target / acceptable): P0 [B1 6] = 6 ≤ 7 → green;
    // P1 [A2 57, B2 19, B3 27] = 103 / 3 = 34.33 > 30 → red; P2 none → no data;
    // P3 [A4 95] > 90 → red.
    let by = &m.time_to_close_by_priority;
    let expected = [
        (Priority::P0, 1, Some(6.0), Status::Green),
        (Priority::P1, 3, Some(103.0 / 3.0), Status::Red),
        (Priority::P2, 0, None, Status::NoData),
        (Priority::P3, 1, Some(95.0), Status::Red),
    ];
    assert_eq!(by.len(), 4);
    for (row, (priority, closed, mean, status)) in by.iter().zip(expected) {
        assert_eq!(row.priority, priority);
        assert_eq!(row.closed, closed, "{priority}");
        assert_eq!(row.status, status, "{priority}");
        match mean {
            Some(mean) => close(row.mean_days, mean),
            None => assert_eq!(row.mean_days, None),
        }
    }
    assert_eq!((by[1].target_days, by[1].acceptable_days), (14, 30));

    // Backlog: open on 03-31: A3, B4, B5, C1, C2, C3 = 6 < 20 → green.
    // Per team: (no team) B4 = 1, payments C1 = 1, platform C3 = 1, sre A3 B5 C2 = 3.
    close(m.backlog_size.value, 6.0);
    assert_eq!(m.backlog_size.status, Status::Green);
    let teams: Vec<(&str, usize)> = m
        .backlog_by_team
        .iter()
        .map(|t| (t.team.as_str(), t.open))
        .collect();
    assert_eq!(
        teams,
        [
            ("(no team)", 1),
            ("payments", 1),
            ("platform", 1),
            ("sre", 3)
        ]
    );

    // Backlog age P90 (nearest rank). Ages on 03-31: A3 2025-11-12→03-31 = 139,
    // B4 and B5 01-22→03-31 = 68, C1 C2 C3 03-04→03-31 = 27. Sorted 27 27 27 68 68 139;
    // rank ⌈0.9 × 6⌉ = ⌈5.4⌉ = 6 → 139 > 90 → red.
    close(m.backlog_age_p90.value, 139.0);
    assert_eq!(m.backlog_age_p90.status, Status::Red);
    // Histogram 0–7, 8–30, 31–60, 61–90, > 90: 0, 3, 0, 2, 1.
    let bars: Vec<usize> = m.age_histogram.iter().map(|b| b.count).collect();
    assert_eq!(bars, [0, 3, 0, 2, 1]);
    let labels: Vec<&str> = m.age_histogram.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["0–7 d", "8–30 d", "31–60 d", "61–90 d", "> 90 d"]);

    // Created / closed. Created in the window: B1–B5 (01-22) and C1–C3 (03-04) = 8.
    // Closed: A2, B1 (January), A4, B2, B3 (February) = 5. 8 / 5 = 1.6: not ≤ 1, not ≥ 2 →
    // amber. By month: January 5 created / 2 closed = 2.5; February 0 / 3 = 0;
    // March 3 / 0 = unbounded.
    close(m.created_closed_ratio.value, 1.6);
    assert_eq!(m.created_closed_ratio.status, Status::Amber);
    let months: Vec<(&str, usize, usize)> = m
        .created_closed_by_month
        .iter()
        .map(|f| (f.month.as_str(), f.created, f.closed))
        .collect();
    assert_eq!(
        months,
        [("2026-01", 5, 2), ("2026-02", 0, 3), ("2026-03", 3, 0)]
    );
    close(m.created_closed_by_month[0].ratio, 2.5);
    close(m.created_closed_by_month[1].ratio, 0.0);
    assert_eq!(m.created_closed_by_month[2].ratio, Some(f64::INFINITY));

    // Decay (> 30 days past due, no progress since the due date). On 03-31: A3 (109 days past
    // 12-12, last progress 12-01) and B4 (38 days past 02-21, last progress 02-10) = 2.
    // B5 is deferred; C2 is 13 days past due; C1 20 days. On 01-01: A3 was 20 days past due,
    // nothing else was past due → 0. Count 2 is not 0, and it grew by 2 → red.
    close(m.decay.value, 2.0);
    assert_eq!(m.decay.status, Status::Red);
    assert_eq!(m.decay.red_flag_label(), "any growth");

    // Recurrence: PM-2026-0011 (incident 03-02, in the window) recurs PM-2025-0040, whose A3 is
    // open and A4 was closed as won't do → 2 unfinished items → 1 post-mortem → red (any).
    close(m.recurrence.value, 1.0);
    assert_eq!(m.recurrence.status, Status::Red);
    assert_eq!(m.recurrences.len(), 1);
    assert_eq!(m.recurrences[0].postmortem_id, "PM-2026-0011");
    assert_eq!(m.recurrences[0].recurrence_of, "PM-2025-0040");
    assert_eq!(m.recurrences[0].unfinished_items, 2);

    // Completion by category, of the 9 items due: prevent B1 ✓ C1 ✗ = 1/2;
    // detect A2 ✓ B2 ✗ B5 ✗ C2 ✗ = 1/4; mitigate B3 ✓ = 1/1; process A4 ✗ B4 ✗ = 0/2.
    let categories: Vec<(Option<Category>, usize, usize)> = m
        .completion_by_category
        .iter()
        .map(|c| (c.category, c.completed_on_time, c.due))
        .collect();
    assert_eq!(
        categories,
        [
            (Some(Category::Prevent), 1, 2),
            (Some(Category::Detect), 1, 4),
            (Some(Category::Mitigate), 1, 1),
            (Some(Category::Process), 0, 2),
        ]
    );

    // Per post-mortem on 03-31: PM-2025-0040 3 of 4 closed (2 completed) → some;
    // PM-2026-0003 3 of 5 closed (3 completed) → some; PM-2026-0011 0 of 3 → none.
    let pms: Vec<(&str, usize, usize, usize, ClosureState)> = m
        .completion_by_postmortem
        .iter()
        .map(|p| {
            (
                p.postmortem_id.as_str(),
                p.items,
                p.closed,
                p.completed,
                p.state,
            )
        })
        .collect();
    assert_eq!(
        pms,
        [
            ("PM-2025-0040", 4, 3, 2, ClosureState::Some),
            ("PM-2026-0003", 5, 3, 3, ClosureState::Some),
            ("PM-2026-0011", 3, 0, 0, ClosureState::None),
        ]
    );
}

/// Window: the last 30 days to 2026-03-31, i.e. 2026-03-02 ..= 2026-03-31.
#[test]
fn last_30_days() {
    let window = Window::last_30_days(day(2026, 3, 31));
    assert_eq!(window.from, Some(day(2026, 3, 2)));
    let m = compute(&fixture(), window, &Settings::default());

    // Due in the window: C1 03-11, C2 03-18; neither completed → 0 / 2 → red, both measures.
    close(m.completion_rate.value, 0.0);
    assert_eq!(m.completion_rate.status, Status::Red);
    close(m.on_time_rate.value, 0.0);
    assert_eq!(m.on_time_rate.status, Status::Red);

    // Nothing closed in March → no time to close, shown "—".
    assert_eq!(m.time_to_close.value, None);
    assert_eq!(m.time_to_close.status, Status::NoData);
    assert_eq!(m.time_to_close.display_value(), "—");
    assert_eq!(m.time_to_close_median_days, None);
    assert!(m
        .time_to_close_by_priority
        .iter()
        .all(|p| p.status == Status::NoData));

    // Backlog and its age are read at the window's end: the same 6 items, P90 139.
    close(m.backlog_size.value, 6.0);
    close(m.backlog_age_p90.value, 139.0);

    // Created C1–C3 = 3, closed 0 → unbounded → red, shown "∞".
    assert_eq!(m.created_closed_ratio.value, Some(f64::INFINITY));
    assert_eq!(m.created_closed_ratio.status, Status::Red);
    assert_eq!(m.created_closed_ratio.display_value(), "∞");
    assert_eq!(m.created_closed_by_month.len(), 1);
    assert_eq!(m.created_closed_by_month[0].month, "2026-03");

    // Decay: 2 on 03-31; on 03-02 only A3 (80 days past due; B4 was 9) → grew by 1 → red.
    close(m.decay.value, 2.0);
    assert_eq!(m.decay.status, Status::Red);

    // PM-2026-0011's incident (03-02) is in the window → 1 → red.
    close(m.recurrence.value, 1.0);
    assert_eq!(m.recurrence.status, Status::Red);
}

/// Window: 2026-03-25 ..= 2026-03-31, a quiet week.
#[test]
fn a_quiet_week() {
    let window = Window {
        from: Some(day(2026, 3, 25)),
        to: day(2026, 3, 31),
    };
    let m = compute(&fixture(), window, &Settings::default());
    // Nothing due, nothing created or closed → no data.
    for metric in [&m.completion_rate, &m.on_time_rate, &m.time_to_close] {
        assert_eq!(metric.value, None, "{}", metric.name());
        assert_eq!(metric.status, Status::NoData, "{}", metric.name());
    }
    assert_eq!(m.created_closed_ratio.value, None);
    assert_eq!(m.created_closed_ratio.status, Status::NoData);
    // Decay on 03-25: A3 (103 days past due) and B4 (32 days past 02-21) = 2; on 03-31 also 2:
    // not zero but no growth → amber.
    close(m.decay.value, 2.0);
    assert_eq!(m.decay.status, Status::Amber);
    // The recurrence's incident (03-02) is before the window → 0 → green.
    close(m.recurrence.value, 0.0);
    assert_eq!(m.recurrence.status, Status::Green);
    assert_eq!(m.backlog_size.status, Status::Green);
    // Every headline metric is present under its stable name.
    let names: Vec<&str> = m.all().iter().map(|x| x.name()).collect();
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
}

/// Window: June 2025, before any post-mortem existed.
#[test]
fn before_anything_existed() {
    let window = Window {
        from: Some(day(2025, 6, 1)),
        to: day(2025, 6, 30),
    };
    let m = compute(&fixture(), window, &Settings::default());
    close(m.backlog_size.value, 0.0);
    assert_eq!(m.backlog_size.status, Status::Green);
    assert_eq!(m.backlog_age_p90.value, None);
    assert_eq!(m.backlog_age_p90.status, Status::NoData);
    close(m.decay.value, 0.0);
    assert_eq!(m.decay.status, Status::Green);
    assert!(m.completion_by_postmortem.is_empty());
    assert!(m.backlog_by_team.is_empty());
    let months: Vec<(&str, usize, usize, Option<f64>)> = m
        .created_closed_by_month
        .iter()
        .map(|f| (f.month.as_str(), f.created, f.closed, f.ratio))
        .collect();
    assert_eq!(months, [("2025-06", 0, 0, None)]);
}

/// All time to 2026-03-31.
#[test]
fn all_time() {
    let m = compute(
        &fixture(),
        Window::all_time(day(2026, 3, 31)),
        &Settings::default(),
    );
    // Due ever: the 9 above plus A1, A3 (C3 is due in May) = 11; completed by due: A1, A2, B1,
    // B3 = 4 → 4 / 11.
    close(m.completion_rate.value, 4.0 / 11.0);
    // Closed ever: A1 (11-12→11-18 = 6 d) and the five above: (204 + 6) / 6 = 35.
    close(m.time_to_close.value, 35.0);
    // Median of 6, 6, 19, 27, 57, 95 = (19 + 27) / 2 = 23.
    close(m.time_to_close_median_days, 23.0);
    // Created 12, closed 6 → 2.0 ≥ 2 → red.
    close(m.created_closed_ratio.value, 2.0);
    assert_eq!(m.created_closed_ratio.status, Status::Red);
    // Months from the first activity (2025-11) to 2026-03, gaps filled.
    let months: Vec<(&str, usize, usize)> = m
        .created_closed_by_month
        .iter()
        .map(|f| (f.month.as_str(), f.created, f.closed))
        .collect();
    assert_eq!(
        months,
        [
            ("2025-11", 4, 1),
            ("2025-12", 0, 0),
            ("2026-01", 5, 2),
            ("2026-02", 0, 3),
            ("2026-03", 3, 0)
        ]
    );
    // Decay grew from nothing → red.
    assert_eq!(m.decay.status, Status::Red);
}

#[test]
fn the_metrics_serialise_with_their_stable_names_and_statuses() {
    let m = compute(
        &fixture(),
        Window::last_90_days(day(2026, 3, 31)),
        &Settings::default(),
    );
    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(json["completion_rate"]["id"], "completion-rate");
    assert_eq!(json["completion_rate"]["status"], "red");
    assert_eq!(json["time_to_close"]["status"], "amber");
    assert_eq!(json["backlog_size"]["status"], "green");
    assert_eq!(json["time_to_close_by_priority"][2]["status"], "no_data");
}
