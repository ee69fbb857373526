//! The eight headline metrics of §9, one function each, over the item sets [`super::compute`]
//! gathers once.

use chrono::NaiveDate;
use std::collections::BTreeSet;

use super::stats::{fraction, mean, nearest_rank, ratio};
use super::{Metric, MetricId, Recurrence, Status, Unit, Window};
use crate::followup::is_decaying;
use crate::model::{ActionItem, Resolution};
use crate::settings::{MetricSettings, Settings};

/// Closed as `completed` on or before `by`.
pub(super) fn completed_by(item: &ActionItem, by: Option<NaiveDate>) -> bool {
    item.resolution == Some(Resolution::Completed)
        && matches!((item.closed_on(), by), (Some(closed), Some(by)) if closed <= by)
}

/// Items completed by their due date, of the items due in the window (`due`).
pub(super) fn completion_rate(due: &[&ActionItem], lines: &MetricSettings) -> Metric {
    let completed_by_due = due.iter().filter(|i| completed_by(i, i.due_date)).count();
    Metric::new(
        MetricId::CompletionRate,
        fraction(completed_by_due, due.len()),
        lines.completion_rate,
        format!(
            "{completed_by_due} of {} items due in the window completed by their due date",
            due.len()
        ),
    )
}

/// Items completed by their first due date, of the items *originally* due in the window, so
/// moving a date cannot rescue the measure.
pub(super) fn on_time_rate(
    items: &[&ActionItem],
    window: Window,
    lines: &MetricSettings,
) -> Metric {
    let first_due = |i: &ActionItem| i.original_due_date.or(i.due_date);
    let originally_due: Vec<&ActionItem> = items
        .iter()
        .copied()
        .filter(|i| first_due(i).is_some_and(|d| window.contains(d)))
        .collect();
    let on_time = originally_due
        .iter()
        .filter(|i| completed_by(i, first_due(i)))
        .count();
    Metric::new(
        MetricId::OnTimeRate,
        fraction(on_time, originally_due.len()),
        lines.on_time_rate,
        format!(
            "{on_time} of {} items originally due in the window completed by their first due date",
            originally_due.len()
        ),
    )
}

/// The mean of `days`, each item's days from creation to closing, for the items closed in the
/// window.
pub(super) fn time_to_close(days: &[i64], lines: &MetricSettings) -> Metric {
    Metric::new(
        MetricId::TimeToClose,
        mean(days),
        lines.time_to_close_days,
        format!("{} items closed in the window", days.len()),
    )
}

/// Items open at the window's end.
pub(super) fn backlog_size(open: usize, window: Window, lines: &MetricSettings) -> Metric {
    Metric::new(
        MetricId::BacklogSize,
        Some(open as f64),
        lines.backlog_size,
        format!("{open} items open at {}", window.to),
    )
}

/// The nearest-rank 90th percentile of the open items' ages (`ages`, ascending).
pub(super) fn backlog_age_p90(ages: &[i64], lines: &MetricSettings) -> Metric {
    Metric::new(
        MetricId::BacklogAgeP90,
        nearest_rank(ages, 90).map(|a| a as f64),
        lines.backlog_age_p90_days,
        format!(
            "ages of {} open items, nearest-rank 90th percentile",
            ages.len()
        ),
    )
}

/// Items created in the window over items closed in it.
pub(super) fn created_closed_ratio(
    created: usize,
    closed: usize,
    lines: &MetricSettings,
) -> Metric {
    Metric::new(
        MetricId::CreatedClosedRatio,
        ratio(created, closed),
        lines.created_closed_ratio,
        format!(
            "{created} created, {closed} closed (aim {})",
            Unit::Ratio.format(lines.created_closed_aim)
        ),
    )
}

/// Decaying items at the window's end: green on the count, red on its growth since the
/// window's start.
pub(super) fn decay(items: &[&ActionItem], window: Window, settings: &Settings) -> Metric {
    let lines = &settings.metrics;
    let decaying_on = |day: NaiveDate| {
        items
            .iter()
            .filter(|i| is_decaying(i, day, settings))
            .count()
    };
    let decaying_now = decaying_on(window.to);
    let decaying_before = window.from.map(decaying_on).unwrap_or(0);
    let growth = decaying_now as f64 - decaying_before as f64;
    let status = if lines.decay.green.holds(decaying_now as f64) {
        Status::Green
    } else if lines.decay.red.holds(growth) {
        Status::Red
    } else {
        Status::Amber
    };
    Metric {
        id: MetricId::Decay,
        value: Some(decaying_now as f64),
        threshold: lines.decay,
        status,
        detail: format!(
            "{decaying_now} decaying at {}, {decaying_before} at the window's start",
            window.to
        ),
    }
}

/// Post-mortems that recurred over unfinished items (each counted once, however many earlier
/// post-mortems it names).
pub(super) fn recurrence(recurrences: &[Recurrence], lines: &MetricSettings) -> Metric {
    let recurring: BTreeSet<&str> = recurrences
        .iter()
        .map(|r| r.postmortem_id.as_str())
        .collect();
    Metric::new(
        MetricId::Recurrence,
        Some(recurring.len() as f64),
        lines.recurrence,
        format!(
            "{} post-mortems recurred over unfinished items",
            recurring.len()
        ),
    )
}
