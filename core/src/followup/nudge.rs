//! The nudge drafted for each owner (DOMAIN.md §8): one message per person, listing their
//! items that need attention today with the next step for each.

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

use super::{days_overdue, escalation, nudge_due, one_line, plural, revisit_due};
use crate::exchange::ItemKey;
use crate::model::{ActionItem, ItemStatus, PostMortem, Workspace};
use crate::settings::Settings;
use crate::validator::owner_key;

/// A drafted message to one owner.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Nudge {
    pub owner: String,
    pub subject: String,
    pub body: String,
    /// The items the message is about, in the order it lists them.
    pub item_ids: Vec<String>,
    /// The same items with their post-mortems.
    pub items: Vec<ItemKey>,
}

/// One nudge per owner with their items that need attention today: a nudge is due, or the
/// item is overdue, escalated, or back from deferral. Owners are told apart as the capacity
/// check counts them ([`owner_key`]: case and spacing do not matter), ordered by that key, and
/// greeted by the name on their first item.
pub fn nudge_messages(workspace: &Workspace, today: NaiveDate, settings: &Settings) -> Vec<Nudge> {
    nudge_messages_where(workspace, today, settings, |_, _| true)
}

/// Whether an item needs its owner's attention today: a nudge is due, or it is overdue,
/// escalated, or back from deferral.
pub fn needs_attention(item: &ActionItem, today: NaiveDate, settings: &Settings) -> bool {
    nudge_due(item, today, settings)
        || days_overdue(item, today).is_some()
        || escalation(item, today, settings).is_some()
        || revisit_due(item, today)
}

/// [`nudge_messages`] for the items `include` keeps (the reminders leave out those already
/// nudged in their check-in period); an owner left with no item gets no message.
pub fn nudge_messages_where(
    workspace: &Workspace,
    today: NaiveDate,
    settings: &Settings,
    include: impl Fn(&PostMortem, &ActionItem) -> bool,
) -> Vec<Nudge> {
    type Owned<'a> = (String, Vec<(&'a PostMortem, &'a ActionItem)>);
    let mut by_owner: BTreeMap<String, Owned> = BTreeMap::new();
    for (pm, item) in workspace.items() {
        let name = one_line(&item.owner);
        if !name.is_empty() && needs_attention(item, today, settings) && include(pm, item) {
            by_owner
                .entry(owner_key(&name))
                .or_insert_with(|| (name, Vec::new()))
                .1
                .push((pm, item));
        }
    }
    by_owner
        .into_values()
        .map(|(name, mut items)| {
            crate::order::sort_by(&mut items, |(pa, a), (pb, b)| {
                (a.priority, a.due_date, &pa.id, &a.id)
                    .cmp(&(b.priority, b.due_date, &pb.id, &b.id))
            });
            draft_nudge(&name, &items, today, settings)
        })
        .collect()
}

fn draft_nudge(
    owner: &str,
    items: &[(&PostMortem, &ActionItem)],
    today: NaiveDate,
    settings: &Settings,
) -> Nudge {
    let overdue = items
        .iter()
        .filter(|(_, item)| days_overdue(item, today).is_some())
        .count();
    let count = items.len();
    let mut subject = format!(
        "Follow-up: {count} post-mortem action {}",
        plural(count as i64, "item", "items")
    );
    if overdue > 0 {
        subject.push_str(&format!(" ({overdue} overdue)"));
    }
    let mut body = format!(
        "Hi {owner},\n\nA quick check-in on {} you own. This is not about blame, just keeping \
         the follow-through alive.\n\n",
        if count == 1 {
            "a post-mortem action item".to_string()
        } else {
            format!("{count} post-mortem action items")
        }
    );
    for (pm, item) in items {
        let mut facts = vec![
            one_line(&pm.id),
            item.priority.to_string(),
            item.status.label().to_ascii_lowercase(),
        ];
        if let Some(due) = item.due_date {
            facts.push(format!("due {due}"));
        }
        if let Some(days) = days_overdue(item, today) {
            facts.push(format!("{days} {} overdue", plural(days, "day", "days")));
        }
        body.push_str(&format!(
            "- {} “{}” ({})\n  Next: {}\n",
            one_line(&item.id),
            one_line(&item.title),
            facts.join(", "),
            next_step(item, today, settings)
        ));
    }
    body.push_str(
        "\nIf one of these is no longer worth doing, say so and we will close it with the \
         reason recorded. Thank you for following through.\n",
    );
    Nudge {
        owner: owner.to_string(),
        subject,
        body,
        item_ids: items.iter().map(|(_, item)| item.id.clone()).collect(),
        items: items
            .iter()
            .map(|(pm, item)| ItemKey {
                postmortem_id: pm.id.clone(),
                item_id: item.id.clone(),
            })
            .collect(),
    }
}

/// What the owner is asked to do next, in one sentence or two.
fn next_step(item: &ActionItem, today: NaiveDate, settings: &Settings) -> String {
    if revisit_due(item, today) {
        let date = item
            .deferral
            .as_ref()
            .and_then(|d| d.revisit_on)
            .map(|d| d.to_string())
            .unwrap_or_default();
        return format!(
            "its revisit date ({date}) has come: resume it, or close it with a written reason."
        );
    }
    let mut step = match item.status {
        ItemStatus::NotStarted => "start it, or tell us what is in the way.".to_string(),
        ItemStatus::InProgress => {
            "send a one-line progress update, and mark it implemented once the change is live."
                .to_string()
        }
        ItemStatus::Implemented => {
            "verify it: if this change were removed tomorrow, how would we know?".to_string()
        }
        ItemStatus::Verified => "close it as completed.".to_string(),
        ItemStatus::Blocked => {
            let what = item
                .blocked
                .as_ref()
                .map(|b| match one_line(&b.note) {
                    note if note.is_empty() => b.kind.label().to_ascii_lowercase(),
                    note => format!("{}: {note}", b.kind.label().to_ascii_lowercase()),
                })
                .unwrap_or_else(|| "unknown".into());
            format!(
                "is it still blocked ({what})? Tell us what would unblock it and we will escalate."
            )
        }
        ItemStatus::Deferred | ItemStatus::Closed => String::new(),
    };
    // A verified item only needs closing; a new date would be busywork.
    if item.status == ItemStatus::Verified {
        return step;
    }
    if days_overdue(item, today).is_some() {
        step.push_str(
            " It is past its due date: agree a new date (with a note), or close it with a reason.",
        );
    } else if let Some(reason) = escalation(item, today, settings) {
        step.push_str(&format!(" It is being escalated: {reason}."));
    }
    step
}
