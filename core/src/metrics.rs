//! Metrics over a chosen window: DOMAIN.md §9. Here: the window ([`Window`], and the choices
//! the dashboard offers, [`WindowChoice`]), every metric together ([`Metrics`]) and
//! [`compute`]; each metric's own function is in `headline`, the breakdowns in `breakdown`.
//!
//! Every metric is judged at the window's end (`to`) against the lines in
//! [`MetricSettings`](crate::settings::MetricSettings). Definitions the rule book leaves open,
//! taken here:
//! - *Completion rate*: items whose `due_date` falls in the window; completed = closed as
//!   `completed` on or before that due date. Items closed any other way stay in the
//!   denominator: they were due and not completed.
//! - *On-time completion*: the same, against `original_due_date` (else `due_date`), for the
//!   items *originally* due in the window, so moving a date cannot rescue the measure.
//! - *Time to close*: days from creation to closing for items closed in the window, by any
//!   resolution. The status is judged on the mean; the median is reported beside it.
//! - *Backlog* and *backlog age P90*: items open at the window's end. P90 uses the
//!   nearest-rank method: sort the ages ascending and take the ⌈0.9·n⌉-th (1-based), so the
//!   value is always an age some item actually has.
//! - *Created / closed*: items created in the window over items closed in it. Nothing created
//!   and nothing closed is no data; something created and nothing closed is an unbounded ratio,
//!   `f64::INFINITY`, red (it serialises to JSON `null`, and is shown as "∞").
//! - *Decay*: the count at the window's end is green at 0; red when it grew since the window's
//!   start (from nothing, for "all time"); amber otherwise.
//! - *Recurrence*: post-mortems whose incident (else creation) date is in the window and whose
//!   `recurrence_of` names a post-mortem with items open on the recurring incident's date or
//!   closed by then other than `completed`.
//! - A metric with nothing to measure (no item due, nothing closed, no open item) has no value
//!   and the status [`Status::NoData`], shown as "—": green would claim a success nobody earned.
//! - Item states at a past day are read from the creation date and the replayed status history
//!   ([`crate::followup::closed_as_of`]: closed, then reopened, counts as closed in between);
//!   the current due date and priority are used.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::followup::{days_between, open_on};
use crate::model::{ActionItem, Priority, Workspace};
use crate::settings::{Settings, DEFAULT_METRIC_WINDOW_DAYS, METRIC_WINDOW_DAYS};

mod breakdown;
mod headline;
mod metric;
mod stats;

pub use crate::settings::AGE_BUCKET_EDGES;
pub use breakdown::{
    AgeBucket, CategoryCompletion, ClosureState, MonthFlow, PostMortemCompletion,
    PriorityTimeToClose, Recurrence, TeamBacklog, MAX_FILLED_MONTHS,
};
pub use metric::{Metric, MetricId, Status, Unit};
pub use stats::nearest_rank;

use breakdown::{
    backlog_by_team, completion_by_category, histogram, month_series, postmortem_completion,
    recurrences, time_to_close_by_priority,
};
use stats::median;

/// The days a metric looks at: `from ..= to`; `from: None` is all time up to `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Window {
    pub from: Option<NaiveDate>,
    pub to: NaiveDate,
}

impl Window {
    /// The `days` calendar days ending with `to` (inclusive). Reaching past the start of the
    /// calendar gives all time.
    pub fn last_days(to: NaiveDate, days: u32) -> Window {
        let back = u64::from(days.saturating_sub(1));
        Window {
            from: to.checked_sub_days(Days::new(back)),
            to,
        }
    }

    pub fn last_30_days(to: NaiveDate) -> Window {
        Window::last_days(to, 30)
    }

    pub fn last_90_days(to: NaiveDate) -> Window {
        Window::last_days(to, 90)
    }

    pub fn last_365_days(to: NaiveDate) -> Window {
        Window::last_days(to, 365)
    }

    pub fn all_time(to: NaiveDate) -> Window {
        Window { from: None, to }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= day) && day <= self.to
    }

    pub fn label(&self) -> String {
        match self.from {
            Some(from) => format!("{from} to {}", self.to),
            None => format!("all time to {}", self.to),
        }
    }
}

/// A window the dashboard offers: the last so many days to the chosen day, or all time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowChoice {
    LastDays(u32),
    AllTime,
}

impl Default for WindowChoice {
    fn default() -> Self {
        WindowChoice::LastDays(DEFAULT_METRIC_WINDOW_DAYS)
    }
}

impl WindowChoice {
    /// The choices offered, in order: [`METRIC_WINDOW_DAYS`], then all time.
    pub fn all() -> impl Iterator<Item = WindowChoice> {
        METRIC_WINDOW_DAYS
            .into_iter()
            .map(WindowChoice::LastDays)
            .chain([WindowChoice::AllTime])
    }

    /// The value of the window control: the number of days, or `all`.
    pub fn value(self) -> String {
        match self {
            WindowChoice::LastDays(days) => days.to_string(),
            WindowChoice::AllTime => "all".into(),
        }
    }

    pub fn label(self) -> String {
        match self {
            WindowChoice::LastDays(days) => format!("Last {days} days"),
            WindowChoice::AllTime => "All time".into(),
        }
    }

    /// The choice a control value names; the default for anything else.
    pub fn parse(value: &str) -> WindowChoice {
        WindowChoice::all()
            .find(|c| c.value() == value)
            .unwrap_or_default()
    }

    /// The window ending with `to`.
    pub fn window(self, to: NaiveDate) -> Window {
        match self {
            WindowChoice::LastDays(days) => Window::last_days(to, days),
            WindowChoice::AllTime => Window::all_time(to),
        }
    }
}

/// Every metric of §9 for one window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    pub window: Window,
    pub completion_rate: Metric,
    pub on_time_rate: Metric,
    /// Judged on the mean.
    pub time_to_close: Metric,
    pub time_to_close_median_days: Option<f64>,
    pub time_to_close_by_priority: Vec<PriorityTimeToClose>,
    pub backlog_size: Metric,
    pub backlog_by_team: Vec<TeamBacklog>,
    pub backlog_age_p90: Metric,
    pub age_histogram: Vec<AgeBucket>,
    pub created_closed_ratio: Metric,
    pub created_closed_by_month: Vec<MonthFlow>,
    pub decay: Metric,
    pub recurrence: Metric,
    pub recurrences: Vec<Recurrence>,
    pub completion_by_category: Vec<CategoryCompletion>,
    pub completion_by_postmortem: Vec<PostMortemCompletion>,
}

impl Metrics {
    /// The eight headline metrics, in the order of §9.
    pub fn all(&self) -> [&Metric; 8] {
        [
            &self.completion_rate,
            &self.on_time_rate,
            &self.time_to_close,
            &self.backlog_size,
            &self.backlog_age_p90,
            &self.created_closed_ratio,
            &self.decay,
            &self.recurrence,
        ]
    }

    pub fn get(&self, id: MetricId) -> &Metric {
        match id {
            MetricId::CompletionRate => &self.completion_rate,
            MetricId::OnTimeRate => &self.on_time_rate,
            MetricId::TimeToClose => &self.time_to_close,
            MetricId::BacklogSize => &self.backlog_size,
            MetricId::BacklogAgeP90 => &self.backlog_age_p90,
            MetricId::CreatedClosedRatio => &self.created_closed_ratio,
            MetricId::Decay => &self.decay,
            MetricId::Recurrence => &self.recurrence,
        }
    }
}

/// Computes every metric over `window`: the item sets several metrics share are gathered once,
/// then each metric and breakdown is its own function.
pub fn compute(workspace: &Workspace, window: Window, settings: &Settings) -> Metrics {
    let lines = &settings.metrics;
    let items: Vec<&ActionItem> = workspace.items().map(|(_, item)| item).collect();
    let due: Vec<&ActionItem> = items
        .iter()
        .copied()
        .filter(|i| i.due_date.is_some_and(|d| window.contains(d)))
        .collect();
    let closed_days: Vec<(&ActionItem, NaiveDate)> = items
        .iter()
        .filter_map(|i| {
            i.closed_on()
                .filter(|c| window.contains(*c))
                .map(|c| (*i, c))
        })
        .collect();
    // Days from creation to closing, for the closed items whose creation is known.
    let close_days: Vec<(Priority, i64)> = closed_days
        .iter()
        .filter_map(|(i, closed)| {
            i.created_on()
                .map(|created| (i.priority, days_between(created, *closed).max(0)))
        })
        .collect();
    let days_to_close: Vec<i64> = close_days.iter().map(|(_, d)| *d).collect();
    let open: Vec<&ActionItem> = items
        .iter()
        .copied()
        .filter(|i| open_on(i, window.to))
        .collect();
    let mut ages: Vec<i64> = open
        .iter()
        .filter_map(|i| i.created_on().map(|c| days_between(c, window.to)))
        .collect();
    crate::order::sort(&mut ages);
    let created: Vec<NaiveDate> = items
        .iter()
        .filter_map(|i| i.created_on())
        .filter(|c| window.contains(*c))
        .collect();
    let closed: Vec<NaiveDate> = closed_days.iter().map(|(_, c)| *c).collect();
    let recurrences = recurrences(workspace, window);

    Metrics {
        window,
        completion_rate: headline::completion_rate(&due, lines),
        on_time_rate: headline::on_time_rate(&items, window, lines),
        time_to_close: headline::time_to_close(&days_to_close, lines),
        time_to_close_median_days: median(&days_to_close),
        time_to_close_by_priority: time_to_close_by_priority(&close_days, settings),
        backlog_size: headline::backlog_size(open.len(), window, lines),
        backlog_by_team: backlog_by_team(&open, settings),
        backlog_age_p90: headline::backlog_age_p90(&ages, lines),
        age_histogram: histogram(&ages),
        created_closed_ratio: headline::created_closed_ratio(created.len(), closed.len(), lines),
        created_closed_by_month: month_series(&created, &closed, window),
        decay: headline::decay(&items, window, settings),
        recurrence: headline::recurrence(&recurrences, lines),
        recurrences,
        completion_by_category: completion_by_category(&due),
        completion_by_postmortem: workspace
            .postmortems
            .iter()
            .filter_map(|pm| postmortem_completion(pm, window.to))
            .collect(),
    }
}

#[cfg(test)]
mod tests;
