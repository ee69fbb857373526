//! The reminders an automated agent sends (DOMAIN.md §8: "an agent that checks daily and
//! nudges on cadence, escalating past the priority's period"): each owner's nudge and each
//! escalation, with a log of what was sent so that no item is nudged, or escalated, twice in
//! one check-in period of its priority.
//!
//! [`plan_reminders`] drafts today's reminders from the workspace and the [`ReminderLog`]; the
//! caller delivers them (Slack, e-mail) and [`ReminderLog::record`]s those delivered, so one
//! that failed is tried again on the next run. Nudges are [`nudge_messages_where`] with the
//! items already nudged in their period left out; an escalation is one message per item, for
//! whoever acts on escalations (a channel, the facilitator).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::nudge::nudge_messages_where;
use super::{days_between, escalation, one_line};
use crate::exchange::ItemKey;
use crate::model::{ActionItem, PostMortem, Workspace};
use crate::settings::Settings;

/// What was last sent about one item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nudged: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalated: Option<NaiveDate>,
}

/// The reminders sent, per item: a small file kept beside the workspace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderLog {
    /// Post-mortem id → item id → what was sent (sorted, so the file diffs well).
    #[serde(default)]
    pub items: BTreeMap<String, BTreeMap<String, Sent>>,
}

/// A nudge to an item's owner, or an escalation of one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    Nudge,
    Escalation,
}

/// One message to send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reminder {
    pub kind: ReminderKind,
    /// The owner as written on their (first) item: whom a nudge is for, whose item an
    /// escalation is about.
    pub owner: String,
    /// For an escalation, the post-mortem's facilitator (who follows it up), as written.
    pub facilitator: String,
    pub subject: String,
    /// Plain text.
    pub body: String,
    pub items: Vec<ItemKey>,
}

impl ReminderLog {
    /// Reads the log's JSON; the message says what is wrong and where.
    pub fn read(text: &str) -> Result<ReminderLog, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// The log as JSON, pretty-printed with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        text.push('\n');
        text
    }

    fn sent(&self, pm: &str, item: &str) -> Sent {
        self.items
            .get(pm)
            .and_then(|items| items.get(item))
            .copied()
            .unwrap_or_default()
    }

    /// Notes that `reminder` was delivered on `today`.
    pub fn record(&mut self, reminder: &Reminder, today: NaiveDate) {
        for key in &reminder.items {
            let sent = self
                .items
                .entry(key.postmortem_id.clone())
                .or_default()
                .entry(key.item_id.clone())
                .or_default();
            match reminder.kind {
                ReminderKind::Nudge => sent.nudged = Some(today),
                ReminderKind::Escalation => sent.escalated = Some(today),
            }
        }
    }

    /// Forgets the items the workspace no longer holds, so the log does not grow forever.
    pub fn prune(&mut self, workspace: &Workspace) {
        self.items
            .retain(|pm_id, items| match workspace.postmortem(pm_id) {
                Some(pm) => {
                    items.retain(|id, _| pm.action_items.iter().any(|i| &i.id == id));
                    !items.is_empty()
                }
                None => false,
            });
    }
}

/// Whether a reminder last sent on `last` may be sent again on `today`: never sent, or a whole
/// check-in period of the item's priority has passed since.
fn period_passed(
    last: Option<NaiveDate>,
    item: &ActionItem,
    today: NaiveDate,
    settings: &Settings,
) -> bool {
    let period = i64::from(settings.follow_up.check_in_days.get(item.priority).max(1));
    last.is_none_or(|last| days_between(last, today) >= period)
}

fn key(pm: &PostMortem, item: &ActionItem) -> ItemKey {
    ItemKey {
        postmortem_id: pm.id.clone(),
        item_id: item.id.clone(),
    }
}

/// Today's reminders (see the module docs): the nudges first, one per owner, then one
/// escalation per escalated item, in the workspace's order. The workspace's settings decide
/// cadence and escalation.
pub fn plan_reminders(workspace: &Workspace, today: NaiveDate, log: &ReminderLog) -> Vec<Reminder> {
    let settings = &workspace.settings;
    let mut reminders: Vec<Reminder> = nudge_messages_where(workspace, today, settings, |pm, i| {
        period_passed(log.sent(&pm.id, &i.id).nudged, i, today, settings)
    })
    .into_iter()
    .map(|nudge| Reminder {
        kind: ReminderKind::Nudge,
        owner: nudge.owner,
        facilitator: String::new(),
        subject: nudge.subject,
        body: nudge.body,
        items: nudge.items,
    })
    .collect();
    for (pm, item) in workspace.items() {
        let Some(reason) = escalation(item, today, settings) else {
            continue;
        };
        if !period_passed(log.sent(&pm.id, &item.id).escalated, item, today, settings) {
            continue;
        }
        reminders.push(escalation_message(pm, item, &reason.to_string()));
    }
    reminders
}

fn escalation_message(pm: &PostMortem, item: &ActionItem, reason: &str) -> Reminder {
    let owner = one_line(&item.owner);
    let mut facts = vec![
        item.priority.to_string(),
        item.status.label().to_ascii_lowercase(),
    ];
    facts.push(if owner.is_empty() {
        "no owner".to_string()
    } else {
        format!("owner {owner}")
    });
    if let Some(due) = item.due_date {
        facts.push(format!("due {due}"));
    }
    let title = one_line(&pm.title);
    let postmortem = if title.is_empty() {
        one_line(&pm.id)
    } else {
        format!("{} “{title}”", one_line(&pm.id))
    };
    let body = format!(
        "{} “{}” ({}), from post-mortem {postmortem}: {reason}.\nIt needs a decision: help \
         unblock it, give it a new owner or date (with a note), or close it with a written \
         reason.\n",
        one_line(&item.id),
        one_line(&item.title),
        facts.join(", "),
    );
    Reminder {
        kind: ReminderKind::Escalation,
        owner,
        facilitator: one_line(&pm.facilitator),
        subject: format!(
            "Escalation: {} “{}”",
            one_line(&item.id),
            one_line(&item.title)
        ),
        body,
        items: vec![key(pm, item)],
    }
}
