//! The breakdowns beside the headline metrics: time to close by priority, backlog by team, the
//! open-item age histogram, created and closed by month, completion by category and by
//! post-mortem, and the recurrences found.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

use super::headline::completed_by;
use super::stats::{fraction, mean, ratio};
use super::{Status, Window};
use crate::followup::{closed_as_of, closed_by};
use crate::model::{ActionItem, Category, PostMortem, Priority, Resolution, Workspace};
use crate::settings::{Settings, AGE_BUCKET_EDGES};

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
    /// The team's backlog against the backlog lines (§9: "per team too").
    pub status: Status,
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
    /// Items of the earlier post-mortem open on the recurring incident's date, or closed by
    /// then other than completed (§9).
    pub unfinished_items: usize,
}

pub(super) fn histogram(ages: &[i64]) -> Vec<AgeBucket> {
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

pub(super) fn month_series(
    created: &[NaiveDate],
    closed: &[NaiveDate],
    window: Window,
) -> Vec<MonthFlow> {
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

pub(super) fn recurrences(workspace: &Workspace, window: Window) -> Vec<Recurrence> {
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
        // §9 judges the earlier items on the recurring incident's date: closing them after the
        // repeat does not undo it. Without a date, the window's end.
        let judged_on = date.map_or(window.to, |d| d.min(window.to));
        for earlier_id in earlier_ids {
            let Some(earlier) = workspace.postmortem(earlier_id) else {
                continue;
            };
            let unfinished_items = earlier
                .action_items
                .iter()
                .filter(|i| i.created_on().is_none_or(|c| c <= judged_on))
                .filter(|i| closed_as_of(i, judged_on) != Some(Some(Resolution::Completed)))
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

pub(super) fn postmortem_completion(
    pm: &PostMortem,
    day: NaiveDate,
) -> Option<PostMortemCompletion> {
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
        .filter(|i| closed_as_of(i, day) == Some(Some(Resolution::Completed)))
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

/// Mean days to close per priority (`close_days`: each closed item's priority and days),
/// judged against §4: green within the target, amber within acceptable, red past it.
pub(super) fn time_to_close_by_priority(
    close_days: &[(Priority, i64)],
    settings: &Settings,
) -> Vec<PriorityTimeToClose> {
    Priority::ALL
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
        .collect()
}

/// Open items per team, by team name; items without a team under "(no team)". Each team's
/// count is judged against the same backlog lines as the whole backlog.
pub(super) fn backlog_by_team(open: &[&ActionItem], settings: &Settings) -> Vec<TeamBacklog> {
    let mut teams: BTreeMap<String, usize> = BTreeMap::new();
    for item in open {
        let team = match item.team.trim() {
            "" => "(no team)".to_string(),
            team => team.to_string(),
        };
        *teams.entry(team).or_default() += 1;
    }
    teams
        .into_iter()
        .map(|(team, open)| TeamBacklog {
            team,
            open,
            status: Status::judge(&settings.metrics.backlog_size, Some(open as f64)),
        })
        .collect()
}

/// The completion rate per category of the items due in the window (`due`); items without a
/// category get a row only when there are some.
pub(super) fn completion_by_category(due: &[&ActionItem]) -> Vec<CategoryCompletion> {
    Category::ALL
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
        .collect()
}
