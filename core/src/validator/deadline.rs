//! The deadline (DOMAIN.md §5.5): a due date, not in the past for an open item, inside its
//! priority's window. The dates themselves are `crate::deadlines`'s.

use chrono::NaiveDate;

use super::{Check, Verdict};
use crate::deadlines::{check_due_date, default_due_date, latest_acceptable, DueDateWarning};
use crate::model::{ActionItem, Priority};
use crate::settings::Settings;

/// The deadline element (§5.5). Every advice is a date worked out from the item's own
/// creation day and priority.
pub fn check_deadline(
    item: &ActionItem,
    priority: Priority,
    today: NaiveDate,
    settings: &Settings,
) -> Check {
    let created = item.created_on().unwrap_or(today);
    let Some(due) = item.due_date else {
        let example = default_due_date(created, priority, settings).max(today);
        return Check {
            verdict: Verdict::Fail,
            message: format!(
                "Set a due date: without one it loses every prioritisation battle. {priority} \
                 targets {} days.",
                settings.deadlines.target_days.get(priority)
            ),
            suggestion: Some(example.to_string()),
        };
    };
    let warnings = check_due_date(item, priority, today, settings);
    let latest = latest_acceptable(created, priority, settings);
    if let Some(past) = warnings
        .iter()
        .find(|w| matches!(w, DueDateWarning::InThePast { .. }))
    {
        // A new date inside the window if it is still open, else the nearest day from today.
        let next = default_due_date(today, priority, settings).min(latest.max(today));
        return Check::fail(past.message(), Some(next.to_string()));
    }
    if let Some(w) = warnings.first() {
        return Check::warn(w.message(), Some(latest.max(today).to_string()));
    }
    Check::pass(format!("Due {due}, inside the {priority} window."))
}
