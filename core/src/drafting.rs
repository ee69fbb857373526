//! Writing a post-mortem and its items during the meeting (DOMAIN.md §1, §3, §4): a new
//! post-mortem's id, a new item's id, scoring and default due date, and keeping derived fields
//! right as the facilitator edits.
//!
//! While a post-mortem is still a `draft`, the due date is part of writing the item: editing it
//! needs no note, and a due date nobody has touched yet follows the priority's target. Once the
//! post-mortem has left the meeting, due dates change only through `deadlines::change_due_date`.

use chrono::{DateTime, Datelike, Utc};

use crate::deadlines::default_due_date;
use crate::model::{
    ActionItem, Category, HistoryEntry, Level, PostMortem, PostMortemStatus, Severity, Workspace,
};
use crate::scoring::apply_scoring;
use crate::settings::Settings;

/// Whether items are still being written (the post-mortem is a `draft`): then a due date is
/// part of writing the item and changes without a note; afterwards a change needs one (§4).
pub fn in_meeting(status: PostMortemStatus) -> bool {
    status == PostMortemStatus::Draft
}

/// Whether an item's first due date is fixed (§4): once the post-mortem has left `draft`, or
/// after the end of the day the item was created (UTC days, as everywhere), whichever comes
/// first — so a draft left open cannot slide dates. Until then the date may change freely and
/// `original_due_date` follows it; after, a change needs a note ([`crate::deadlines::change_due_date`]).
pub fn original_due_date_frozen(
    status: PostMortemStatus,
    item: &ActionItem,
    at: DateTime<Utc>,
) -> bool {
    !in_meeting(status) || item.created_on().is_some_and(|day| at.date_naive() > day)
}

/// An owner typed into an item's row, recorded once the field is left (§1: history has every
/// change of owner): `from` is the owner before the typing began. While the post-mortem is a
/// draft the owner is still being written, so nothing is recorded; nor when it ends as it
/// began. `None`: nothing to record.
pub fn record_owner_edit(
    item: &ActionItem,
    from: &str,
    status: PostMortemStatus,
    at: DateTime<Utc>,
) -> Option<ActionItem> {
    let (from, to) = (from.trim(), item.owner.trim());
    if in_meeting(status) || from == to {
        return None;
    }
    let mut next = item.clone();
    next.history.push(HistoryEntry {
        at,
        field: "owner".into(),
        from: from.into(),
        to: to.into(),
        note: String::new(),
    });
    Some(next)
}

/// The fields the quick-add line collects. Only `title` is required.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub title: String,
    pub owner: String,
    pub category: Option<Category>,
    pub impact: Option<Level>,
    pub effort: Option<Level>,
    pub due_date: Option<chrono::NaiveDate>,
    pub tracking_ticket: String,
}

/// Why a draft cannot become an item or a post-mortem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftRefusal {
    /// An item without its action.
    EmptyTitle,
    /// A post-mortem without a title.
    UntitledPostMortem,
}

impl DraftRefusal {
    pub fn message(&self) -> &'static str {
        match self {
            DraftRefusal::EmptyTitle => {
                "Type the action first, starting with its verb, e.g. \"Add an alert on checkout 5xx rate above 2%\"."
            }
            DraftRefusal::UntitledPostMortem => {
                "Give the post-mortem a title, e.g. \"Checkout outage on 12 May\"."
            }
        }
    }
}

/// A new post-mortem in `workspace`: the next free id of `at`'s year, the title trimmed (a
/// blank one is refused), created and updated at `at`, a draft with no items.
pub fn new_postmortem(
    workspace: &Workspace,
    title: &str,
    severity: Severity,
    at: DateTime<Utc>,
) -> Result<PostMortem, DraftRefusal> {
    let title = title.trim();
    if title.is_empty() {
        return Err(DraftRefusal::UntitledPostMortem);
    }
    Ok(PostMortem {
        id: workspace.next_postmortem_id(at.year()),
        title: title.to_string(),
        severity,
        created_at: Some(at),
        updated_at: Some(at),
        ..Default::default()
    })
}

/// A new item of `pm` from a draft: the next id, scored, and due at creation + target unless
/// the draft names a date.
pub fn new_item(
    pm: &PostMortem,
    draft: Draft,
    at: DateTime<Utc>,
    settings: &Settings,
) -> Result<ActionItem, DraftRefusal> {
    let title = draft.title.trim().to_string();
    if title.is_empty() {
        return Err(DraftRefusal::EmptyTitle);
    }
    let mut item = ActionItem {
        id: pm.next_item_id(),
        title,
        owner: draft.owner.trim().to_string(),
        category: draft.category,
        impact: draft.impact.unwrap_or_default(),
        effort: draft.effort.unwrap_or_default(),
        tracking_ticket: draft.tracking_ticket.trim().to_string(),
        created_at: Some(at),
        updated_at: Some(at),
        ..Default::default()
    };
    apply_scoring(&mut item, pm.severity, settings);
    let due = draft
        .due_date
        .unwrap_or_else(|| default_due_date(at.date_naive(), item.priority, settings));
    item.due_date = Some(due);
    item.original_due_date = Some(due);
    Ok(item)
}

/// Re-derives an edited item: its priority, and — in a draft post-mortem — a due date that
/// still sits at the old priority's default moves to the new one's. `before` is the item as it
/// was before the edit.
pub fn settle(
    before: &ActionItem,
    mut after: ActionItem,
    pm: &PostMortem,
    at: DateTime<Utc>,
    settings: &Settings,
) -> ActionItem {
    apply_scoring(&mut after, pm.severity, settings);
    let frozen = original_due_date_frozen(pm.status, before, at);
    if in_meeting(pm.status) && after.priority != before.priority {
        if let Some(created) = after.created_on() {
            let old_default = default_due_date(created, before.priority, settings);
            if after.due_date == Some(old_default) && before.due_date == Some(old_default) {
                let new_default = default_due_date(created, after.priority, settings);
                after.due_date = Some(new_default);
                if !frozen && after.original_due_date == Some(old_default) {
                    after.original_due_date = Some(new_default);
                }
            }
        }
    }
    // A due date typed during the meeting, on the day the item was made, is its first one;
    // later the first date stays (§4).
    if !frozen && after.due_date != before.due_date {
        after.original_due_date = after.due_date;
    }
    if after != *before {
        after.updated_at = Some(at);
    }
    after
}

/// Re-scores every item of a post-mortem (after its severity changed), following untouched
/// default due dates as [`settle`] does.
pub fn settle_all(pm: &mut PostMortem, at: DateTime<Utc>, settings: &Settings) {
    let items = std::mem::take(&mut pm.action_items);
    pm.action_items = items
        .into_iter()
        .map(|item| settle(&item.clone(), item, pm, at, settings))
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Priority, Severity};
    use chrono::{NaiveDate, TimeZone};

    fn pm() -> PostMortem {
        PostMortem {
            id: "PM-2026-0051".into(),
            title: "Payments outage".into(),
            severity: Severity::Sev2,
            ..Default::default()
        }
    }

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 12, 10, 0, 0).unwrap()
    }

    fn level(n: u8) -> Option<Level> {
        Level::new(n)
    }

    #[test]
    fn a_new_item_is_numbered_scored_and_due_at_its_target() {
        let item = new_item(
            &pm(),
            Draft {
                title: "  Add an alert on 5xx rate above 2% ".into(),
                impact: level(3),
                effort: level(1),
                ..Default::default()
            },
            at(),
            &Settings::default(),
        )
        .unwrap();
        assert_eq!(item.id, "PM-2026-0051-01");
        assert_eq!(item.title, "Add an alert on 5xx rate above 2%");
        assert_eq!(item.priority, Priority::P0);
        // P0 target is 7 days.
        assert_eq!(item.due_date, NaiveDate::from_ymd_opt(2026, 5, 19));
        assert_eq!(item.original_due_date, item.due_date);
    }

    #[test]
    fn an_empty_title_is_refused() {
        let refused = new_item(&pm(), Draft::default(), at(), &Settings::default());
        assert_eq!(refused, Err(DraftRefusal::EmptyTitle));
    }

    #[test]
    fn an_untouched_default_due_date_follows_the_priority_in_a_draft() {
        let settings = Settings::default();
        let pm = pm();
        let before = new_item(
            &pm,
            Draft {
                title: "Add a runbook for failover".into(),
                ..Default::default()
            },
            at(),
            &settings,
        )
        .unwrap();
        assert_eq!(before.priority, Priority::P2);
        assert_eq!(before.due_date, NaiveDate::from_ymd_opt(2026, 6, 11));
        let mut edited = before.clone();
        edited.impact = Level::new(4).unwrap();
        let after = settle(&before, edited, &pm, at(), &settings);
        assert_eq!(after.priority, Priority::P0);
        assert_eq!(after.due_date, NaiveDate::from_ymd_opt(2026, 5, 19));
        assert_eq!(after.original_due_date, after.due_date);
    }

    #[test]
    fn a_typed_due_date_stays_put_and_after_the_meeting_nothing_moves() {
        let settings = Settings::default();
        let mut pm = pm();
        let base = new_item(
            &pm,
            Draft {
                title: "Add a runbook for failover".into(),
                ..Default::default()
            },
            at(),
            &settings,
        )
        .unwrap();
        let mut typed = base.clone();
        typed.due_date = NaiveDate::from_ymd_opt(2026, 6, 1);
        let typed = settle(&base, typed, &pm, at(), &settings);
        let mut raised = typed.clone();
        raised.impact = Level::new(4).unwrap();
        assert_eq!(
            settle(&typed, raised, &pm, at(), &settings).due_date,
            NaiveDate::from_ymd_opt(2026, 6, 1)
        );

        pm.status = PostMortemStatus::Tracking;
        let mut raised = base.clone();
        raised.impact = Level::new(4).unwrap();
        assert_eq!(
            settle(&base, raised, &pm, at(), &settings).due_date,
            base.due_date
        );
    }

    /// §4: the first due date is frozen at the end of the item's creation day, or when the
    /// post-mortem leaves draft, whichever comes first.
    #[test]
    fn the_original_due_date_freezes_at_the_end_of_the_creation_day_or_on_leaving_draft() {
        let settings = Settings::default();
        let mut pm = pm();
        let base = new_item(
            &pm,
            Draft {
                title: "Add a runbook for failover".into(),
                ..Default::default()
            },
            at(),
            &settings,
        )
        .unwrap();
        let first = base.due_date;
        let retyped = |pm: &PostMortem, when: DateTime<Utc>| {
            let mut typed = base.clone();
            typed.due_date = NaiveDate::from_ymd_opt(2026, 7, 1);
            settle(&base, typed, pm, when, &settings)
        };
        let same_day = Utc.with_ymd_and_hms(2026, 5, 12, 23, 59, 0).unwrap();
        let next_day = Utc.with_ymd_and_hms(2026, 5, 13, 0, 0, 0).unwrap();
        assert_eq!(
            retyped(&pm, same_day).original_due_date,
            NaiveDate::from_ymd_opt(2026, 7, 1)
        );
        // A draft left open: the next day the first date stays.
        let late = retyped(&pm, next_day);
        assert_eq!(late.due_date, NaiveDate::from_ymd_opt(2026, 7, 1));
        assert_eq!(late.original_due_date, first);
        assert!(original_due_date_frozen(pm.status, &base, next_day));
        assert!(!original_due_date_frozen(pm.status, &base, same_day));
        // Left the meeting the same day: frozen at once.
        pm.status = PostMortemStatus::InReview;
        assert!(original_due_date_frozen(pm.status, &base, same_day));
        assert_eq!(retyped(&pm, same_day).original_due_date, first);
    }

    #[test]
    fn an_owner_edited_after_the_meeting_is_recorded_once() {
        let mut item = ActionItem {
            owner: "Bob Lee ".into(),
            ..Default::default()
        };
        // In the meeting the owner is still being written.
        assert_eq!(
            record_owner_edit(&item, "Alice Chen", PostMortemStatus::Draft, at()),
            None
        );
        // Typed and typed back: no change.
        assert_eq!(
            record_owner_edit(&item, "Bob Lee", PostMortemStatus::Tracking, at()),
            None
        );
        item = record_owner_edit(&item, "Alice Chen", PostMortemStatus::Tracking, at()).unwrap();
        assert_eq!(item.history.len(), 1);
        let entry = &item.history[0];
        assert_eq!(
            (
                entry.field.as_str(),
                entry.from.as_str(),
                entry.to.as_str(),
                entry.at
            ),
            ("owner", "Alice Chen", "Bob Lee", at())
        );
    }

    #[test]
    fn a_severity_change_rescores_every_item() {
        let settings = Settings::default();
        let mut pm = pm();
        let item = new_item(
            &pm,
            Draft {
                title: "Refactor the payment error handling paths".into(),
                impact: level(3),
                effort: level(4),
                ..Default::default()
            },
            at(),
            &settings,
        )
        .unwrap();
        assert_eq!(item.priority, Priority::P2);
        pm.action_items.push(item);
        pm.severity = Severity::Sev1;
        settle_all(&mut pm, at(), &settings);
        assert_eq!(pm.action_items[0].priority, Priority::P0);
        assert_eq!(
            pm.action_items[0].due_date,
            NaiveDate::from_ymd_opt(2026, 5, 19)
        );
    }

    #[test]
    fn a_new_postmortem_takes_the_next_id_of_its_year() {
        let mut ws = Workspace::default();
        ws.postmortems.push(PostMortem {
            id: "PM-2026-0007".into(),
            ..Default::default()
        });
        let created = new_postmortem(&ws, "  Checkout outage \n", Severity::Sev1, at()).unwrap();
        assert_eq!(created.id, "PM-2026-0008");
        assert_eq!(created.title, "Checkout outage");
        assert_eq!(created.severity, Severity::Sev1);
        assert_eq!(created.status, PostMortemStatus::Draft);
        assert_eq!(
            (created.created_at, created.updated_at),
            (Some(at()), Some(at()))
        );
        assert!(created.action_items.is_empty());
        assert_eq!(
            new_postmortem(&ws, " \t", Severity::Sev2, at()),
            Err(DraftRefusal::UntitledPostMortem)
        );
    }
}
