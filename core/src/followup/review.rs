//! The review view for one day (DOMAIN.md §8): what needs someone's attention, list by list
//! (overdue, escalations, blocked, decaying, due for revisit, due for clean-up), most urgent
//! first.

use chrono::NaiveDate;
use serde::Serialize;

use super::{
    days_between, days_overdue, decay_days_past_due, escalation, item_age_if_stale,
    last_progress_as_of, revisit_due, EscalationReason,
};
use crate::model::{ActionItem, BlockedKind, ItemStatus, PostMortem, Priority, Workspace};
use crate::settings::Settings;

/// Which item an entry of the review is about.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemRef {
    pub postmortem_id: String,
    pub item_id: String,
    pub title: String,
    pub owner: String,
    pub priority: Priority,
    pub status: ItemStatus,
    pub due_date: Option<NaiveDate>,
}

impl ItemRef {
    pub fn new(pm: &PostMortem, item: &ActionItem) -> ItemRef {
        ItemRef {
            postmortem_id: pm.id.clone(),
            item_id: item.id.clone(),
            title: item.title.clone(),
            owner: item.owner.clone(),
            priority: item.priority,
            status: item.status,
            due_date: item.due_date,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OverdueEntry {
    pub item: ItemRef,
    pub days_overdue: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EscalationEntry {
    pub item: ItemRef,
    pub reason: EscalationReason,
    /// The reason in words.
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BlockedEntry {
    pub item: ItemRef,
    pub kind: Option<BlockedKind>,
    pub note: String,
    pub since: Option<NaiveDate>,
    pub days_blocked: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DecayingEntry {
    pub item: ItemRef,
    pub days_past_due: i64,
    pub last_progress_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RevisitEntry {
    pub item: ItemRef,
    pub revisit_on: NaiveDate,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CleanupEntry {
    pub item: ItemRef,
    pub age_days: i64,
}

/// The review view for one day. Each list is sorted most urgent first, ties by id.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Review {
    pub date: NaiveDate,
    pub overdue: Vec<OverdueEntry>,
    pub escalations: Vec<EscalationEntry>,
    pub blocked: Vec<BlockedEntry>,
    pub decaying: Vec<DecayingEntry>,
    pub revisit_due: Vec<RevisitEntry>,
    pub cleanup: Vec<CleanupEntry>,
}

impl Review {
    /// Nothing needs anyone's attention.
    pub fn is_empty(&self) -> bool {
        self.overdue.is_empty()
            && self.escalations.is_empty()
            && self.blocked.is_empty()
            && self.decaying.is_empty()
            && self.revisit_due.is_empty()
            && self.cleanup.is_empty()
    }
}

/// The tie-breaker of review lists.
fn ids(r: &ItemRef) -> (&str, &str) {
    (&r.postmortem_id, &r.item_id)
}

/// Builds the review view for `today`.
pub fn review_for(workspace: &Workspace, today: NaiveDate, settings: &Settings) -> Review {
    let mut review = Review {
        date: today,
        overdue: Vec::new(),
        escalations: Vec::new(),
        blocked: Vec::new(),
        decaying: Vec::new(),
        revisit_due: Vec::new(),
        cleanup: Vec::new(),
    };
    for (pm, item) in workspace.items() {
        let at = || ItemRef::new(pm, item);
        if let Some(days_overdue) = days_overdue(item, today) {
            review.overdue.push(OverdueEntry {
                item: at(),
                days_overdue,
            });
        }
        if let Some(reason) = escalation(item, today, settings) {
            review.escalations.push(EscalationEntry {
                item: at(),
                message: reason.to_string(),
                reason,
            });
        }
        if item.status == ItemStatus::Blocked {
            let since = item.blocked.as_ref().and_then(|b| b.since);
            review.blocked.push(BlockedEntry {
                item: at(),
                kind: item.blocked.as_ref().map(|b| b.kind),
                note: item
                    .blocked
                    .as_ref()
                    .map(|b| b.note.clone())
                    .unwrap_or_default(),
                since,
                days_blocked: since.map(|s| days_between(s, today)),
            });
        }
        if let Some(days_past_due) = decay_days_past_due(item, today, settings) {
            review.decaying.push(DecayingEntry {
                item: at(),
                days_past_due,
                last_progress_on: last_progress_as_of(item, today),
            });
        }
        if revisit_due(item, today) {
            if let Some(deferral) = &item.deferral {
                if let Some(revisit_on) = deferral.revisit_on {
                    review.revisit_due.push(RevisitEntry {
                        item: at(),
                        revisit_on,
                        reason: deferral.reason.clone(),
                    });
                }
            }
        }
        if let Some(age_days) = item_age_if_stale(item, today, settings) {
            review.cleanup.push(CleanupEntry {
                item: at(),
                age_days,
            });
        }
    }
    use crate::order::sort_by;
    sort_by(&mut review.overdue, |a, b| {
        (b.days_overdue, a.item.priority, ids(&a.item)).cmp(&(
            a.days_overdue,
            b.item.priority,
            ids(&b.item),
        ))
    });
    sort_by(&mut review.escalations, |a, b| {
        (a.item.priority, ids(&a.item)).cmp(&(b.item.priority, ids(&b.item)))
    });
    sort_by(&mut review.blocked, |a, b| {
        (b.days_blocked, ids(&a.item)).cmp(&(a.days_blocked, ids(&b.item)))
    });
    sort_by(&mut review.decaying, |a, b| {
        (b.days_past_due, ids(&a.item)).cmp(&(a.days_past_due, ids(&b.item)))
    });
    sort_by(&mut review.revisit_due, |a, b| {
        (a.revisit_on, ids(&a.item)).cmp(&(b.revisit_on, ids(&b.item)))
    });
    sort_by(&mut review.cleanup, |a, b| {
        (b.age_days, ids(&a.item)).cmp(&(a.age_days, ids(&b.item)))
    });
    review
}
