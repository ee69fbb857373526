//! Follow-up: DOMAIN.md §8. Check-ins, escalations, the review view for a chosen day, the
//! nudge drafted for each owner, the weekly review agenda, and the reminders an automated
//! agent sends (each item at most once per check-in period).
//!
//! Every function takes the day explicitly (`today`), so the same workspace gives the same
//! answer in tests and in the browser. Decisions the rule book leaves open, taken here:
//! - *Active* items are open and not deferred. A deferral is a conscious, risk-acknowledged
//!   decision, so deferred items are not checked in, nudged, escalated, counted overdue or
//!   decaying; they come back through [`revisit_due`] and the quarterly clean-up.
//! - "No progress for N days" counts from the last progress, or from creation when there has
//!   been none, and fires on day N. "Overdue by more than" its escalation period is strict.
//!   The escalation period of P0 is `p0_not_started_days`, of P1–P3 `no_progress_days`.
//! - Check-ins fall every `check_in_days` from the creation day (day 0 is not one). A nudge is
//!   due on day `first_nudge_days` and on every check-in day.
//! - Items without an owner get no nudge (there is no one to send it to); the validator
//!   already fails them. "alice" and "Alice" get one nudge together.

mod agenda;
mod nudge;
mod remind;
mod review;

use chrono::{Days, NaiveDate};
use serde::Serialize;
use std::fmt;

use crate::model::{ActionItem, ItemStatus, Priority, Resolution};
use crate::settings::Settings;

pub use agenda::{escape_markdown, one_line, weekly_agenda, weekly_agenda_markdown};
pub use nudge::{needs_attention, nudge_messages, nudge_messages_where, Nudge};
pub use remind::{plan_reminders, Reminder, ReminderKind, ReminderLog, Sent};
pub use review::{
    review_for, BlockedEntry, CleanupEntry, DecayingEntry, EscalationEntry, ItemRef, OverdueEntry,
    Review, RevisitEntry,
};

/// Whole days from `from` to `to` (negative when `to` is earlier). Cannot overflow: the span
/// of `NaiveDate` fits easily in an `i64` of days.
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

/// `date + days`, or `None` past the end of the calendar.
fn add_days(date: NaiveDate, days: u64) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(days))
}

/// Open and not deferred: the items follow-up chases.
pub fn is_active(item: &ActionItem) -> bool {
    item.is_open() && item.status != ItemStatus::Deferred
}

/// Whether the item was closed at the end of `day`.
pub fn closed_by(item: &ActionItem, day: NaiveDate) -> bool {
    closed_as_of(item, day).is_some()
}

/// How the item stood at the end of `day`: `None` while it was open, else `Some` of how it was
/// closed then (`Some(None)` when the record does not say). The status history is replayed, so
/// an item closed and later reopened counts as closed in between (§9 judges recurrence "on the
/// recurring incident's date"). An item whose history does not end in its current status (an
/// import from elsewhere) is judged by its last closing day alone; a closed item with no date
/// at all is taken as closed since ever, so it never reappears as open.
pub fn closed_as_of(item: &ActionItem, day: NaiveDate) -> Option<Option<Resolution>> {
    let closed = ItemStatus::Closed.as_str();
    let moves = item.history.iter().filter(|h| h.field == "status");
    let last = moves.clone().next_back();
    if last.is_none_or(|last| last.to != item.status.as_str()) {
        let closed = item.status == ItemStatus::Closed
            && item.closed_on().is_none_or(|closed| closed <= day);
        return closed.then_some(item.resolution);
    }
    let Some(then) = moves.clone().rev().find(|h| h.at.date_naive() <= day) else {
        // Before its first recorded move: the state that move left.
        return moves
            .clone()
            .next()
            .is_some_and(|first| first.from == closed)
            .then_some(None);
    };
    if then.to != closed {
        return None;
    }
    if last.is_some_and(|last| std::ptr::eq(last, then)) {
        return Some(item.resolution);
    }
    // An earlier closing: its history note records the resolution.
    Some(crate::lifecycle::resolution_in_close_note(&then.note))
}

/// Whether the item existed and was open at the end of `day` (its status history replayed).
pub fn open_on(item: &ActionItem, day: NaiveDate) -> bool {
    item.created_on().is_none_or(|created| created <= day) && !closed_by(item, day)
}

/// The last day on or before `day` on which the item moved: its last status change recorded in
/// history, or `last_progress_at`.
pub fn last_progress_as_of(item: &ActionItem, day: NaiveDate) -> Option<NaiveDate> {
    item.history
        .iter()
        .filter(|h| h.field == "status")
        .map(|h| h.at.date_naive())
        .chain(item.last_progress_at.map(|t| t.date_naive()))
        .filter(|d| *d <= day)
        .max()
}

/// Days an escalation waits for, by priority (see module docs).
pub fn escalation_period(priority: Priority, settings: &Settings) -> u32 {
    let follow_up = &settings.follow_up;
    match priority {
        Priority::P0 => follow_up.p0_not_started_days,
        other => follow_up.no_progress_days.get(other),
    }
}

/// Days past the due date, for an active item that is overdue (due before `today`).
pub fn days_overdue(item: &ActionItem, today: NaiveDate) -> Option<i64> {
    let due = item.due_date?;
    let days = days_between(due, today);
    (is_active(item) && days > 0).then_some(days)
}

/// Days since the item last moved (progress, else creation), when known.
pub fn days_without_progress(item: &ActionItem, today: NaiveDate) -> Option<i64> {
    item.last_moved_on().map(|moved| days_between(moved, today))
}

/// The first check-in on or after `today`: every `check_in_days` (by priority) from the
/// creation day. `None` for items follow-up does not chase or whose creation is unknown.
pub fn next_check_in(
    item: &ActionItem,
    today: NaiveDate,
    settings: &Settings,
) -> Option<NaiveDate> {
    if !is_active(item) {
        return None;
    }
    let created = item.created_on()?;
    let cadence = u64::from(settings.follow_up.check_in_days.get(item.priority).max(1));
    let elapsed = u64::try_from(days_between(created, today)).unwrap_or(0);
    let periods = elapsed.div_ceil(cadence).max(1);
    add_days(created, periods.checked_mul(cadence)?)
}

/// Whether `today` is one of the item's check-in days.
pub fn is_check_in_day(item: &ActionItem, today: NaiveDate, settings: &Settings) -> bool {
    next_check_in(item, today, settings) == Some(today)
}

/// Whether the owner should get a nudge today: two weeks after creation and at each check-in.
pub fn nudge_due(item: &ActionItem, today: NaiveDate, settings: &Settings) -> bool {
    if !is_active(item) {
        return false;
    }
    let first_nudge = item
        .created_on()
        .is_some_and(|c| days_between(c, today) == i64::from(settings.follow_up.first_nudge_days));
    first_nudge || is_check_in_day(item, today, settings)
}

/// Why an item is escalated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EscalationReason {
    /// Overdue by more than its priority's escalation period.
    Overdue {
        priority: Priority,
        days_overdue: i64,
        period_days: u32,
    },
    /// A P0 still not started this long after creation.
    P0NotStarted {
        days_since_created: i64,
        limit_days: u32,
    },
    /// No progress for the priority's period.
    NoProgress {
        priority: Priority,
        days: i64,
        limit_days: u32,
    },
    /// Any open item without progress this long.
    Stale { days: i64, limit_days: u32 },
}

impl fmt::Display for EscalationReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EscalationReason::Overdue {
                priority,
                days_overdue,
                period_days,
            } => write!(
                f,
                "{days_overdue} {} overdue, more than the {period_days}-day escalation period of {priority}",
                plural(*days_overdue, "day", "days")
            ),
            EscalationReason::P0NotStarted {
                days_since_created,
                limit_days,
            } => write!(
                f,
                "P0 still not started {days_since_created} {} after creation (escalates after {limit_days})",
                plural(*days_since_created, "day", "days")
            ),
            EscalationReason::NoProgress {
                priority,
                days,
                limit_days,
            } => write!(
                f,
                "no progress for {days} {} ({priority} escalates after {limit_days})",
                plural(*days, "day", "days")
            ),
            EscalationReason::Stale { days, limit_days } => write!(
                f,
                "no progress for {days} {} (any open item escalates after {limit_days})",
                plural(*days, "day", "days")
            ),
        }
    }
}

/// The reason to escalate an active item today, if any; the most concrete reason wins
/// (overdue, then P0 not started, then no progress by priority, then stale).
pub fn escalation(
    item: &ActionItem,
    today: NaiveDate,
    settings: &Settings,
) -> Option<EscalationReason> {
    if !is_active(item) {
        return None;
    }
    let follow_up = &settings.follow_up;
    let period = escalation_period(item.priority, settings);
    if let Some(days) = days_overdue(item, today) {
        if days > i64::from(period) {
            return Some(EscalationReason::Overdue {
                priority: item.priority,
                days_overdue: days,
                period_days: period,
            });
        }
    }
    if item.priority == Priority::P0 && item.status == ItemStatus::NotStarted {
        if let Some(created) = item.created_on() {
            let days = days_between(created, today);
            if days >= i64::from(follow_up.p0_not_started_days) {
                return Some(EscalationReason::P0NotStarted {
                    days_since_created: days,
                    limit_days: follow_up.p0_not_started_days,
                });
            }
        }
    }
    let idle = days_without_progress(item, today)?;
    if item.priority != Priority::P0 {
        let limit = follow_up.no_progress_days.get(item.priority);
        if idle >= i64::from(limit) {
            return Some(EscalationReason::NoProgress {
                priority: item.priority,
                days: idle,
                limit_days: limit,
            });
        }
    }
    (idle >= i64::from(follow_up.stale_days)).then_some(EscalationReason::Stale {
        days: idle,
        limit_days: follow_up.stale_days,
    })
}

/// Decaying on `day`: open then, not deferred, more than `decay_days` past due, and no
/// progress since the due date (as far as the history up to `day` shows).
pub fn is_decaying(item: &ActionItem, day: NaiveDate, settings: &Settings) -> bool {
    decay_days_past_due(item, day, settings).is_some()
}

/// Days past due of a decaying item.
fn decay_days_past_due(item: &ActionItem, day: NaiveDate, settings: &Settings) -> Option<i64> {
    if item.status == ItemStatus::Deferred || !open_on(item, day) {
        return None;
    }
    let due = item.due_date?;
    let past_due = days_between(due, day);
    let no_progress_since_due = last_progress_as_of(item, day).is_none_or(|p| p <= due);
    (past_due > i64::from(settings.follow_up.decay_days) && no_progress_since_due)
        .then_some(past_due)
}

/// A deferred item whose revisit date has come.
pub fn revisit_due(item: &ActionItem, today: NaiveDate) -> bool {
    item.status == ItemStatus::Deferred
        && item
            .deferral
            .as_ref()
            .and_then(|d| d.revisit_on)
            .is_some_and(|revisit| revisit <= today)
}

/// Open and older than `cleanup_age_days`: due for the quarterly clean-up.
pub fn needs_cleanup(item: &ActionItem, today: NaiveDate, settings: &Settings) -> bool {
    item_age_if_stale(item, today, settings).is_some()
}

fn item_age_if_stale(item: &ActionItem, today: NaiveDate, settings: &Settings) -> Option<i64> {
    let age = days_between(item.created_on()?, today);
    (item.is_open() && age > i64::from(settings.follow_up.cleanup_age_days)).then_some(age)
}
fn plural(n: i64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests;
