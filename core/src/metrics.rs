//! Metrics over a chosen window: DOMAIN.md §9.
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
//!   `recurrence_of` names a post-mortem with items open at the window's end or closed other
//!   than `completed`.
//! - A metric with nothing to measure (no item due, nothing closed, no open item) has no value
//!   and the status [`Status::NoData`], shown as "—": green would claim a success nobody earned.
//! - Item states at a past day are read from creation and closing dates; reopen history is not
//!   replayed, and the current due date and priority are used.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::followup::{closed_by, days_between, is_decaying, open_on};
use crate::model::{ActionItem, Category, PostMortem, Priority, Resolution, Workspace};
use crate::settings::{Bound, Settings, Threshold};

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

/// How a metric stands against its lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Green,
    Amber,
    Red,
    /// Nothing to measure in the window.
    NoData,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Green => "green",
            Status::Amber => "amber",
            Status::Red => "red",
            Status::NoData => "no_data",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Green => "On target",
            Status::Amber => "Watch",
            Status::Red => "Red flag",
            Status::NoData => "No data",
        }
    }

    /// Green when the green line holds, else red when the red line holds, else amber.
    pub fn judge(threshold: &Threshold, value: Option<f64>) -> Status {
        match value {
            None => Status::NoData,
            Some(v) if threshold.green.holds(v) => Status::Green,
            Some(v) if threshold.red.holds(v) => Status::Red,
            Some(_) => Status::Amber,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a metric counts, and so how its numbers read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A fraction, shown as a percentage.
    Percent,
    Days,
    Count,
    Ratio,
}

impl Unit {
    pub fn format(self, value: f64) -> String {
        if value.is_infinite() {
            return "∞".into();
        }
        match self {
            Unit::Percent => format!("{:.0}%", value * 100.0),
            // Whole days read better without a decimal.
            Unit::Days if value.fract() == 0.0 => format!("{value:.0} d"),
            Unit::Days => format!("{value:.1} d"),
            Unit::Count => format!("{value:.0}"),
            Unit::Ratio => format!("{value:.2}"),
        }
    }
}

/// The metrics of §9, by their stable names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MetricId {
    CompletionRate,
    OnTimeRate,
    TimeToClose,
    BacklogSize,
    BacklogAgeP90,
    CreatedClosedRatio,
    Decay,
    Recurrence,
}

impl MetricId {
    pub const ALL: [MetricId; 8] = [
        MetricId::CompletionRate,
        MetricId::OnTimeRate,
        MetricId::TimeToClose,
        MetricId::BacklogSize,
        MetricId::BacklogAgeP90,
        MetricId::CreatedClosedRatio,
        MetricId::Decay,
        MetricId::Recurrence,
    ];

    /// The stable name the UI hooks on.
    pub fn name(self) -> &'static str {
        match self {
            MetricId::CompletionRate => "completion-rate",
            MetricId::OnTimeRate => "on-time-rate",
            MetricId::TimeToClose => "time-to-close",
            MetricId::BacklogSize => "backlog-size",
            MetricId::BacklogAgeP90 => "backlog-age-p90",
            MetricId::CreatedClosedRatio => "created-closed-ratio",
            MetricId::Decay => "decay",
            MetricId::Recurrence => "recurrence",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MetricId::CompletionRate => "Completion rate",
            MetricId::OnTimeRate => "On-time completion",
            MetricId::TimeToClose => "Time to close (mean)",
            MetricId::BacklogSize => "Backlog size",
            MetricId::BacklogAgeP90 => "Backlog age P90",
            MetricId::CreatedClosedRatio => "Created / closed",
            MetricId::Decay => "Decaying items",
            MetricId::Recurrence => "Recurrences over unfinished items",
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            MetricId::CompletionRate | MetricId::OnTimeRate => Unit::Percent,
            MetricId::TimeToClose | MetricId::BacklogAgeP90 => Unit::Days,
            MetricId::BacklogSize | MetricId::Decay | MetricId::Recurrence => Unit::Count,
            MetricId::CreatedClosedRatio => Unit::Ratio,
        }
    }
}

/// One metric's value and how it stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metric {
    pub id: MetricId,
    /// `None` when there is nothing to measure.
    pub value: Option<f64>,
    pub threshold: Threshold,
    pub status: Status,
    /// The counts behind the value, in words.
    pub detail: String,
}

impl Metric {
    fn new(id: MetricId, value: Option<f64>, threshold: Threshold, detail: String) -> Metric {
        Metric {
            id,
            value,
            threshold,
            status: Status::judge(&threshold, value),
            detail,
        }
    }

    pub fn name(&self) -> &'static str {
        self.id.name()
    }

    pub fn label(&self) -> &'static str {
        self.id.label()
    }

    /// The value for display; "—" when undefined.
    pub fn display_value(&self) -> String {
        self.value
            .map(|v| self.id.unit().format(v))
            .unwrap_or_else(|| "—".into())
    }

    pub fn target_label(&self) -> String {
        self.bound_label(self.threshold.green)
    }

    pub fn red_flag_label(&self) -> String {
        if self.id == MetricId::Decay {
            // The red line of decay is on its growth.
            return match self.threshold.red {
                Bound::MoreThan(0.0) => "any growth".into(),
                other => format!("growth {}", self.bound_label(other)),
            };
        }
        self.bound_label(self.threshold.red)
    }

    fn bound_label(&self, bound: Bound) -> String {
        let unit = self.id.unit();
        match (unit, bound) {
            (Unit::Count, Bound::MoreThan(0.0)) => "any".into(),
            (Unit::Count, Bound::AtMost(0.0)) => "0".into(),
            _ => format!("{} {}", bound.symbol(), unit.format(bound.limit())),
        }
    }
}

/// Time to close for one priority, against §4.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PriorityTimeToClose {
    pub priority: Priority,
    pub closed: usize,
    pub mean_days: Option<f64>,
    pub target_days: u32,
    pub acceptable_days: u32,
    /// Green within target, amber within acceptable, red past it.
    pub status: Status,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TeamBacklog {
    /// "(no team)" for items without one.
    pub team: String,
    pub open: usize,
}

/// Items created and closed in one calendar month (`YYYY-MM`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthFlow {
    pub month: String,
    pub created: usize,
    pub closed: usize,
    /// created / closed, as for the whole window.
    pub ratio: Option<f64>,
}

/// One bar of the open-item age histogram; `max_days: None` is open-ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AgeBucket {
    pub label: String,
    pub min_days: i64,
    pub max_days: Option<i64>,
    pub count: usize,
}

/// The histogram's inclusive upper edges; the last bar takes everything older.
pub const AGE_BUCKET_EDGES: [i64; 4] = [7, 30, 60, 90];

/// Beyond this many months the created/closed series lists only months with activity, so a
/// stray date in year 1 cannot make thousands of empty bars.
pub const MAX_FILLED_MONTHS: usize = 240;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategoryCompletion {
    /// `None`: items without a category.
    pub category: Option<Category>,
    pub due: usize,
    pub completed_on_time: usize,
    pub rate: Option<f64>,
}

/// How far a post-mortem's items are closed at the window's end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosureState {
    All,
    Some,
    None,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PostMortemCompletion {
    pub postmortem_id: String,
    pub title: String,
    pub items: usize,
    pub closed: usize,
    pub completed: usize,
    pub state: ClosureState,
}

/// A post-mortem that recurred over an earlier one's unfinished items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Recurrence {
    pub postmortem_id: String,
    pub recurrence_of: String,
    /// Items of the earlier post-mortem open at the window's end or not completed.
    pub unfinished_items: usize,
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

/// Computes every metric over `window`.
pub fn compute(workspace: &Workspace, window: Window, settings: &Settings) -> Metrics {
    let lines = &settings.metrics;
    let items: Vec<&ActionItem> = workspace.items().map(|(_, item)| item).collect();

    // Completion and on-time completion.
    let due: Vec<&ActionItem> = items
        .iter()
        .copied()
        .filter(|i| i.due_date.is_some_and(|d| window.contains(d)))
        .collect();
    let completed_by_due = due.iter().filter(|i| completed_by(i, i.due_date)).count();
    let completion_rate = Metric::new(
        MetricId::CompletionRate,
        fraction(completed_by_due, due.len()),
        lines.completion_rate,
        format!(
            "{completed_by_due} of {} items due in the window completed by their due date",
            due.len()
        ),
    );
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
    let on_time_rate = Metric::new(
        MetricId::OnTimeRate,
        fraction(on_time, originally_due.len()),
        lines.on_time_rate,
        format!(
            "{on_time} of {} items originally due in the window completed by their first due date",
            originally_due.len()
        ),
    );

    // Time to close.
    let closed_in_window: Vec<(&ActionItem, NaiveDate)> = items
        .iter()
        .filter_map(|i| {
            i.closed_on()
                .filter(|c| window.contains(*c))
                .map(|c| (*i, c))
        })
        .collect();
    let close_days: Vec<(Priority, i64)> = closed_in_window
        .iter()
        .filter_map(|(i, closed)| {
            i.created_on()
                .map(|created| (i.priority, days_between(created, *closed).max(0)))
        })
        .collect();
    let all_days: Vec<i64> = close_days.iter().map(|(_, d)| *d).collect();
    let time_to_close = Metric::new(
        MetricId::TimeToClose,
        mean(&all_days),
        lines.time_to_close_days,
        format!("{} items closed in the window", all_days.len()),
    );
    let time_to_close_by_priority = Priority::ALL
        .into_iter()
        .map(|priority| {
            let days: Vec<i64> = close_days
                .iter()
                .filter(|(p, _)| *p == priority)
                .map(|(_, d)| *d)
                .collect();
            let mean_days = mean(&days);
            let target_days = settings.deadlines.target_days.get(priority);
            let acceptable_days = settings.deadlines.acceptable_days.get(priority);
            let status = match mean_days {
                None => Status::NoData,
                Some(m) if m <= f64::from(target_days) => Status::Green,
                Some(m) if m > f64::from(acceptable_days) => Status::Red,
                Some(_) => Status::Amber,
            };
            PriorityTimeToClose {
                priority,
                closed: days.len(),
                mean_days,
                target_days,
                acceptable_days,
                status,
            }
        })
        .collect();

    // Backlog at the window's end.
    let open: Vec<&ActionItem> = items
        .iter()
        .copied()
        .filter(|i| open_on(i, window.to))
        .collect();
    let mut teams: BTreeMap<String, usize> = BTreeMap::new();
    for item in &open {
        let team = match item.team.trim() {
            "" => "(no team)".to_string(),
            team => team.to_string(),
        };
        *teams.entry(team).or_default() += 1;
    }
    let backlog_size = Metric::new(
        MetricId::BacklogSize,
        Some(open.len() as f64),
        lines.backlog_size,
        format!("{} items open at {}", open.len(), window.to),
    );
    let mut ages: Vec<i64> = open
        .iter()
        .filter_map(|i| i.created_on().map(|c| days_between(c, window.to)))
        .collect();
    ages.sort_unstable();
    let backlog_age_p90 = Metric::new(
        MetricId::BacklogAgeP90,
        nearest_rank(&ages, 90).map(|a| a as f64),
        lines.backlog_age_p90_days,
        format!(
            "ages of {} open items, nearest-rank 90th percentile",
            ages.len()
        ),
    );
    let age_histogram = histogram(&ages);

    // Created / closed.
    let created_days: Vec<NaiveDate> = items
        .iter()
        .filter_map(|i| i.created_on())
        .filter(|c| window.contains(*c))
        .collect();
    let closed_days: Vec<NaiveDate> = closed_in_window.iter().map(|(_, c)| *c).collect();
    let created_closed_ratio = Metric::new(
        MetricId::CreatedClosedRatio,
        ratio(created_days.len(), closed_days.len()),
        lines.created_closed_ratio,
        format!(
            "{} created, {} closed (aim {})",
            created_days.len(),
            closed_days.len(),
            Unit::Ratio.format(lines.created_closed_aim)
        ),
    );
    let created_closed_by_month = month_series(&created_days, &closed_days, window);

    // Decay.
    let decaying_on = |day: NaiveDate| {
        items
            .iter()
            .filter(|i| is_decaying(i, day, settings))
            .count()
    };
    let decaying_now = decaying_on(window.to);
    let decaying_before = window.from.map(decaying_on).unwrap_or(0);
    let growth = decaying_now as f64 - decaying_before as f64;
    let decay_status = if lines.decay.green.holds(decaying_now as f64) {
        Status::Green
    } else if lines.decay.red.holds(growth) {
        Status::Red
    } else {
        Status::Amber
    };
    let decay = Metric {
        id: MetricId::Decay,
        value: Some(decaying_now as f64),
        threshold: lines.decay,
        status: decay_status,
        detail: format!(
            "{decaying_now} decaying at {}, {decaying_before} at the window's start",
            window.to
        ),
    };

    // Recurrence.
    let recurrences = recurrences(workspace, window);
    let recurring: BTreeSet<&str> = recurrences
        .iter()
        .map(|r| r.postmortem_id.as_str())
        .collect();
    let recurrence = Metric::new(
        MetricId::Recurrence,
        Some(recurring.len() as f64),
        lines.recurrence,
        format!(
            "{} post-mortems recurred over unfinished items",
            recurring.len()
        ),
    );

    let completion_by_category = Category::ALL
        .into_iter()
        .map(Some)
        .chain(std::iter::once(None))
        .filter_map(|category| {
            let due: Vec<&&ActionItem> = due.iter().filter(|i| i.category == category).collect();
            let completed_on_time = due.iter().filter(|i| completed_by(i, i.due_date)).count();
            (category.is_some() || !due.is_empty()).then(|| CategoryCompletion {
                category,
                due: due.len(),
                completed_on_time,
                rate: fraction(completed_on_time, due.len()),
            })
        })
        .collect();

    let completion_by_postmortem = workspace
        .postmortems
        .iter()
        .filter_map(|pm| postmortem_completion(pm, window.to))
        .collect();

    Metrics {
        window,
        completion_rate,
        on_time_rate,
        time_to_close,
        time_to_close_median_days: median(&all_days),
        time_to_close_by_priority,
        backlog_size,
        backlog_by_team: teams
            .into_iter()
            .map(|(team, open)| TeamBacklog { team, open })
            .collect(),
        backlog_age_p90,
        age_histogram,
        created_closed_ratio,
        created_closed_by_month,
        decay,
        recurrence,
        recurrences,
        completion_by_category,
        completion_by_postmortem,
    }
}

/// Closed as `completed` on or before `by`.
fn completed_by(item: &ActionItem, by: Option<NaiveDate>) -> bool {
    item.resolution == Some(Resolution::Completed)
        && matches!((item.closed_on(), by), (Some(closed), Some(by)) if closed <= by)
}

fn fraction(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// created / closed; unbounded when something was created and nothing closed.
fn ratio(created: usize, closed: usize) -> Option<f64> {
    match (created, closed) {
        (0, 0) => None,
        (_, 0) => Some(f64::INFINITY),
        _ => Some(created as f64 / closed as f64),
    }
}

fn mean(values: &[i64]) -> Option<f64> {
    (!values.is_empty())
        .then(|| values.iter().map(|v| *v as f64).sum::<f64>() / values.len() as f64)
}

fn median(values: &[i64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    let upper = *sorted.get(n / 2)?;
    if n % 2 == 1 {
        Some(upper as f64)
    } else {
        let lower = *sorted.get(n / 2 - 1)?;
        Some((lower as f64 + upper as f64) / 2.0)
    }
}

/// Nearest-rank percentile of ascending `sorted`: the ⌈p·n/100⌉-th value (1-based).
pub fn nearest_rank(sorted: &[i64], percent: usize) -> Option<i64> {
    let n = sorted.len();
    let rank = n.checked_mul(percent.min(100))?.div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

fn histogram(ages: &[i64]) -> Vec<AgeBucket> {
    let mut buckets = Vec::with_capacity(AGE_BUCKET_EDGES.len() + 1);
    let mut min_days = 0;
    for max in AGE_BUCKET_EDGES {
        buckets.push(AgeBucket {
            label: format!("{min_days}–{max} d"),
            min_days,
            max_days: Some(max),
            count: ages
                .iter()
                .filter(|a| (min_days..=max).contains(*a))
                .count(),
        });
        min_days = max + 1;
    }
    buckets.push(AgeBucket {
        label: format!("> {} d", min_days - 1),
        min_days,
        max_days: None,
        count: ages.iter().filter(|a| **a >= min_days).count(),
    });
    buckets
}

/// Months as (year, month) pairs ordered in time.
type Month = (i32, u32);

fn month_of(day: NaiveDate) -> Month {
    (day.year(), day.month())
}

fn next_month((year, month): Month) -> Option<Month> {
    if month >= 12 {
        Some((year.checked_add(1)?, 1))
    } else {
        Some((year, month + 1))
    }
}

fn month_series(created: &[NaiveDate], closed: &[NaiveDate], window: Window) -> Vec<MonthFlow> {
    let mut counts: BTreeMap<Month, (usize, usize)> = BTreeMap::new();
    for day in created {
        counts.entry(month_of(*day)).or_default().0 += 1;
    }
    for day in closed {
        counts.entry(month_of(*day)).or_default().1 += 1;
    }
    // A continuous series from the window's start (or the first activity) to its end.
    let first_activity = counts.keys().next().copied();
    let start = match (window.from.map(month_of), first_activity) {
        (Some(from), _) => Some(from),
        (None, first) => first,
    };
    if let Some(start) = start {
        let end = month_of(window.to);
        let mut month = start;
        let mut filled = BTreeMap::new();
        while month <= end && filled.len() <= MAX_FILLED_MONTHS {
            filled.insert(month, counts.get(&month).copied().unwrap_or_default());
            match next_month(month) {
                Some(next) => month = next,
                None => break,
            }
        }
        if filled.len() <= MAX_FILLED_MONTHS {
            counts = filled;
        }
    }
    counts
        .into_iter()
        .map(|((year, month), (created, closed))| MonthFlow {
            month: format!("{year:04}-{month:02}"),
            created,
            closed,
            ratio: ratio(created, closed),
        })
        .collect()
}

fn recurrences(workspace: &Workspace, window: Window) -> Vec<Recurrence> {
    let mut found = Vec::new();
    for pm in &workspace.postmortems {
        let date = pm
            .incident_date
            .or_else(|| pm.created_at.map(|t| t.date_naive()));
        let in_window = match date {
            Some(date) => window.contains(date),
            None => window.from.is_none(),
        };
        if !in_window {
            continue;
        }
        let earlier_ids: BTreeSet<&str> = pm
            .recurrence_of
            .iter()
            .map(|id| id.trim())
            .filter(|id| *id != pm.id)
            .collect();
        for earlier_id in earlier_ids {
            let Some(earlier) = workspace.postmortem(earlier_id) else {
                continue;
            };
            let unfinished_items = earlier
                .action_items
                .iter()
                .filter(|i| i.created_on().is_none_or(|c| c <= window.to))
                .filter(|i| !closed_by(i, window.to) || i.resolution != Some(Resolution::Completed))
                .count();
            if unfinished_items > 0 {
                found.push(Recurrence {
                    postmortem_id: pm.id.clone(),
                    recurrence_of: earlier.id.clone(),
                    unfinished_items,
                });
            }
        }
    }
    found
}

fn postmortem_completion(pm: &PostMortem, day: NaiveDate) -> Option<PostMortemCompletion> {
    let items: Vec<&ActionItem> = pm
        .action_items
        .iter()
        .filter(|i| i.created_on().is_none_or(|c| c <= day))
        .collect();
    if items.is_empty() {
        return None;
    }
    let closed = items.iter().filter(|i| closed_by(i, day)).count();
    let completed = items
        .iter()
        .filter(|i| closed_by(i, day) && i.resolution == Some(Resolution::Completed))
        .count();
    let state = if closed == items.len() {
        ClosureState::All
    } else if closed > 0 {
        ClosureState::Some
    } else {
        ClosureState::None
    };
    Some(PostMortemCompletion {
        postmortem_id: pm.id.clone(),
        title: pm.title.clone(),
        items: items.len(),
        closed,
        completed,
        state,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
