//! Due dates: DOMAIN.md §4.
//!
//! Each priority has a target and an acceptable number of days from creation to completion.
//! A new item is due at creation + target; a date past the acceptable window, or in the past for
//! an open item, is warned; changing a due date after the first needs a note and keeps the first
//! date in `original_due_date`, because on-time completion is measured against it.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;
use std::fmt;

use crate::model::{ActionItem, HistoryEntry, Priority};
use crate::settings::Settings;

/// `date + days`, saturating at the last representable day instead of panicking.
fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// The default due date of a new item: creation + the priority's target days.
pub fn default_due_date(created: NaiveDate, priority: Priority, settings: &Settings) -> NaiveDate {
    add_days(created, settings.deadlines.target_days.get(priority))
}

/// The last acceptable due date for the priority: creation + acceptable days.
pub fn latest_acceptable(created: NaiveDate, priority: Priority, settings: &Settings) -> NaiveDate {
    add_days(created, settings.deadlines.acceptable_days.get(priority))
}

/// Something to warn about a due date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DueDateWarning {
    /// Later than creation + the priority's acceptable days.
    BeyondWindow {
        priority: Priority,
        due: NaiveDate,
        latest: NaiveDate,
        days_over: i64,
    },
    /// The item is still open and its due date has passed.
    InThePast { due: NaiveDate, days_overdue: i64 },
}

impl DueDateWarning {
    pub fn message(&self) -> String {
        match self {
            DueDateWarning::BeyondWindow {
                priority,
                due,
                latest,
                days_over,
            } => format!(
                "Due {due} is {days_over} day{} past the {priority} window (latest {latest}): \
                 bring the date in, or lower the priority if it really can wait.",
                plural(*days_over)
            ),
            DueDateWarning::InThePast { due, days_overdue } => format!(
                "Due {due} is {days_overdue} day{} in the past: set a new date (with a note) \
                 or close the item.",
                plural(*days_overdue)
            ),
        }
    }
}

impl fmt::Display for DueDateWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Warnings about an item's due date at `priority` (the effective one) on `today`.
///
/// No due date gives no warning here (the validator fails it). The window is measured from the
/// item's creation day; an item not yet saved has no creation time, so today stands in for it.
pub fn check_due_date(
    item: &ActionItem,
    priority: Priority,
    today: NaiveDate,
    settings: &Settings,
) -> Vec<DueDateWarning> {
    let mut warnings = Vec::new();
    let Some(due) = item.due_date else {
        return warnings;
    };
    if item.is_open() && due < today {
        warnings.push(DueDateWarning::InThePast {
            due,
            days_overdue: (today - due).num_days(),
        });
    }
    let created = item.created_on().unwrap_or(today);
    let latest = latest_acceptable(created, priority, settings);
    if due > latest {
        warnings.push(DueDateWarning::BeyondWindow {
            priority,
            due,
            latest,
            days_over: (due - latest).num_days(),
        });
    }
    warnings
}

/// Why a due date change was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DueDateRefusal {
    /// The item already had a due date: moving it needs a written reason.
    NoteRequired { from: NaiveDate, to: NaiveDate },
}

impl DueDateRefusal {
    pub fn message(&self) -> String {
        match self {
            DueDateRefusal::NoteRequired { from, to } => format!(
                "Moving the due date from {from} to {to} needs a note saying why: on-time \
                 completion is still measured against the first date."
            ),
        }
    }
}

impl fmt::Display for DueDateRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for DueDateRefusal {}

/// Sets a new due date on a copy of `item`.
///
/// The first due date needs no note. Once the item has (or had) one, a non-blank note is
/// required, `original_due_date` keeps the first date, and `history` records the change
/// (`field` "due_date", dates as YYYY-MM-DD). Setting the date it already has changes nothing.
pub fn change_due_date(
    item: &ActionItem,
    new_date: NaiveDate,
    note: &str,
    at: DateTime<Utc>,
) -> Result<ActionItem, DueDateRefusal> {
    if item.due_date == Some(new_date) {
        return Ok(item.clone());
    }
    let note = note.trim();
    // "Already has a due date": the current one, or a first one kept after it was cleared.
    if let Some(from) = item.due_date.or(item.original_due_date) {
        if note.is_empty() {
            return Err(DueDateRefusal::NoteRequired { from, to: new_date });
        }
    }
    let mut changed = item.clone();
    changed.original_due_date = item.original_due_date.or(item.due_date).or(Some(new_date));
    changed.due_date = Some(new_date);
    changed.history.push(HistoryEntry {
        at,
        field: "due_date".into(),
        from: item.due_date.map(|d| d.to_string()).unwrap_or_default(),
        to: new_date.to_string(),
        note: note.to_string(),
    });
    changed.updated_at = Some(at);
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemStatus;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn created(y: i32, m: u32, day: u32) -> ActionItem {
        ActionItem {
            id: "PM-1-01".into(),
            title: "Add alert".into(),
            created_at: Some(Utc.with_ymd_and_hms(y, m, day, 9, 30, 0).unwrap()),
            ..Default::default()
        }
    }

    #[test]
    fn default_due_dates_follow_the_targets() {
        let s = Settings::default();
        let c = d(2026, 3, 1);
        assert_eq!(default_due_date(c, Priority::P0, &s), d(2026, 3, 8));
        assert_eq!(default_due_date(c, Priority::P1, &s), d(2026, 3, 15));
        assert_eq!(default_due_date(c, Priority::P2, &s), d(2026, 3, 31));
        assert_eq!(default_due_date(c, Priority::P3, &s), d(2026, 4, 30));
        // Never panics at the end of the calendar.
        assert_eq!(
            default_due_date(NaiveDate::MAX, Priority::P3, &s),
            NaiveDate::MAX
        );
    }

    #[test]
    fn warns_past_the_window_and_in_the_past() {
        let s = Settings::default();
        let mut it = created(2026, 3, 1);
        let today = d(2026, 3, 10);
        assert!(check_due_date(&it, Priority::P0, today, &s).is_empty());
        it.due_date = Some(d(2026, 3, 15)); // P0 acceptable: 14 days → 03-15 is the last day.
        assert!(check_due_date(&it, Priority::P0, today, &s).is_empty());
        it.due_date = Some(d(2026, 3, 16));
        assert_eq!(
            check_due_date(&it, Priority::P0, today, &s),
            vec![DueDateWarning::BeyondWindow {
                priority: Priority::P0,
                due: d(2026, 3, 16),
                latest: d(2026, 3, 15),
                days_over: 1
            }]
        );
        assert!(check_due_date(&it, Priority::P1, today, &s).is_empty());
        it.due_date = Some(d(2026, 3, 9));
        let w = check_due_date(&it, Priority::P0, today, &s);
        assert_eq!(
            w,
            vec![DueDateWarning::InThePast {
                due: d(2026, 3, 9),
                days_overdue: 1
            }]
        );
        assert!(w[0].message().contains("1 day in the past"));
        it.status = ItemStatus::Closed;
        assert!(check_due_date(&it, Priority::P0, today, &s).is_empty());
    }

    #[test]
    fn the_first_due_date_needs_no_note() {
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
        let it = created(2026, 3, 1);
        let changed = change_due_date(&it, d(2026, 3, 8), "", at).unwrap();
        assert_eq!(changed.due_date, Some(d(2026, 3, 8)));
        assert_eq!(changed.original_due_date, Some(d(2026, 3, 8)));
        assert_eq!(changed.history.len(), 1);
        assert_eq!(changed.history[0].field, "due_date");
        assert_eq!(changed.history[0].from, "");
        assert_eq!(changed.history[0].to, "2026-03-08");
    }

    #[test]
    fn moving_a_due_date_needs_a_note_and_keeps_the_first() {
        let at = Utc.with_ymd_and_hms(2026, 3, 5, 10, 0, 0).unwrap();
        let mut it = created(2026, 3, 1);
        it.due_date = Some(d(2026, 3, 8));
        let refused = change_due_date(&it, d(2026, 3, 20), "   ", at).unwrap_err();
        assert_eq!(
            refused,
            DueDateRefusal::NoteRequired {
                from: d(2026, 3, 8),
                to: d(2026, 3, 20)
            }
        );
        assert!(refused.message().contains("needs a note"));
        let changed = change_due_date(&it, d(2026, 3, 20), " waiting on infra ", at).unwrap();
        assert_eq!(changed.due_date, Some(d(2026, 3, 20)));
        // original_due_date was unset: the first date is kept.
        assert_eq!(changed.original_due_date, Some(d(2026, 3, 8)));
        let h = changed.history.last().unwrap();
        assert_eq!(
            (h.from.as_str(), h.to.as_str(), h.note.as_str()),
            ("2026-03-08", "2026-03-20", "waiting on infra")
        );
        assert_eq!(changed.updated_at, Some(at));
        // A second move keeps the very first date.
        let again = change_due_date(&changed, d(2026, 3, 25), "again", at).unwrap();
        assert_eq!(again.original_due_date, Some(d(2026, 3, 8)));
        assert_eq!(again.history.len(), 2);
        // The same date is no change and needs no note.
        assert_eq!(
            change_due_date(&again, d(2026, 3, 25), "", at).unwrap(),
            again
        );
    }
}
