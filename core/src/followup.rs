//! Follow-up: DOMAIN.md §8. Check-ins, escalations, the review view for a chosen day, the
//! nudge drafted for each owner, and the weekly review agenda.
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

use chrono::{Days, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

use crate::metrics::Metrics;
use crate::model::{ActionItem, BlockedKind, ItemStatus, PostMortem, Priority, Workspace};
use crate::settings::Settings;
use crate::validator::owner_key;

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

/// Whether the item was closed on or before `day`. A closed item with no date at all is taken
/// as closed since ever, so it never reappears as open.
pub fn closed_by(item: &ActionItem, day: NaiveDate) -> bool {
    item.status == ItemStatus::Closed && item.closed_on().is_none_or(|closed| closed <= day)
}

/// Whether the item existed and was open at the end of `day`. Reopen history is not replayed:
/// an item is open until its (last) closing day.
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
    review.overdue.sort_by(|a, b| {
        (b.days_overdue, a.item.priority, ids(&a.item)).cmp(&(
            a.days_overdue,
            b.item.priority,
            ids(&b.item),
        ))
    });
    review
        .escalations
        .sort_by(|a, b| (a.item.priority, ids(&a.item)).cmp(&(b.item.priority, ids(&b.item))));
    review
        .blocked
        .sort_by(|a, b| (b.days_blocked, ids(&a.item)).cmp(&(a.days_blocked, ids(&b.item))));
    review
        .decaying
        .sort_by(|a, b| (b.days_past_due, ids(&a.item)).cmp(&(a.days_past_due, ids(&b.item))));
    review
        .revisit_due
        .sort_by(|a, b| (a.revisit_on, ids(&a.item)).cmp(&(b.revisit_on, ids(&b.item))));
    review
        .cleanup
        .sort_by(|a, b| (b.age_days, ids(&a.item)).cmp(&(a.age_days, ids(&b.item))));
    review
}

/// A drafted message to one owner.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Nudge {
    pub owner: String,
    pub subject: String,
    pub body: String,
    /// The items the message is about, in the order it lists them.
    pub item_ids: Vec<String>,
}

/// One nudge per owner with their items that need attention today: a nudge is due, or the
/// item is overdue, escalated, or back from deferral. Owners are told apart as the capacity
/// check counts them ([`owner_key`]: case and spacing do not matter), ordered by that key, and
/// greeted by the name on their first item.
pub fn nudge_messages(workspace: &Workspace, today: NaiveDate, settings: &Settings) -> Vec<Nudge> {
    type Owned<'a> = (String, Vec<(&'a PostMortem, &'a ActionItem)>);
    let mut by_owner: BTreeMap<String, Owned> = BTreeMap::new();
    for (pm, item) in workspace.items() {
        let name = one_line(&item.owner);
        let needs_attention = nudge_due(item, today, settings)
            || days_overdue(item, today).is_some()
            || escalation(item, today, settings).is_some()
            || revisit_due(item, today);
        if !name.is_empty() && needs_attention {
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
            items.sort_by(|(pa, a), (pb, b)| {
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

/// The weekly review agenda as Markdown: new items this week, P0 status, P1 status, overdue
/// and blocked, metrics. User text is escaped so it cannot break a table.
pub fn weekly_agenda_markdown(
    workspace: &Workspace,
    today: NaiveDate,
    metrics: &Metrics,
    settings: &Settings,
) -> String {
    let week_start = today
        .checked_sub_days(Days::new(6))
        .unwrap_or(NaiveDate::MIN);
    let review = review_for(workspace, today, settings);
    let mut md = format!("# Weekly review of post-mortem action items, {today}\n\n");

    md.push_str("## New items this week\n\n");
    let new_items: Vec<_> = workspace
        .items()
        .filter(|(_, item)| {
            item.created_on()
                .is_some_and(|c| week_start <= c && c <= today)
        })
        .collect();
    table(
        &mut md,
        &["Item", "Title", "Owner", "Priority", "Due"],
        new_items.iter().map(|(_, item)| {
            vec![
                cell(&item.id),
                cell(&item.title),
                cell(&item.owner),
                item.priority.to_string(),
                date_cell(item.due_date),
            ]
        }),
    );

    for priority in [Priority::P0, Priority::P1] {
        md.push_str(&format!("## {priority} status\n\n"));
        table(
            &mut md,
            &["Item", "Title", "Owner", "Status", "Due", "Attention"],
            workspace
                .items()
                .filter(|(_, item)| item.is_open() && item.priority == priority)
                .map(|(_, item)| {
                    let attention = escalation(item, today, settings)
                        .map(|r| cell(&r.to_string()))
                        .or_else(|| days_overdue(item, today).map(|d| format!("{d} d overdue")))
                        .unwrap_or_else(|| "—".into());
                    vec![
                        cell(&item.id),
                        cell(&item.title),
                        cell(&item.owner),
                        item.status.label().into(),
                        date_cell(item.due_date),
                        attention,
                    ]
                }),
        );
    }

    md.push_str("## Overdue and blocked\n\n### Overdue\n\n");
    table(
        &mut md,
        &["Item", "Title", "Owner", "Priority", "Due", "Days overdue"],
        review.overdue.iter().map(|e| {
            vec![
                cell(&e.item.item_id),
                cell(&e.item.title),
                cell(&e.item.owner),
                e.item.priority.to_string(),
                date_cell(e.item.due_date),
                e.days_overdue.to_string(),
            ]
        }),
    );
    md.push_str("### Blocked\n\n");
    table(
        &mut md,
        &["Item", "Title", "Owner", "Blocked by", "Since"],
        review.blocked.iter().map(|e| {
            let by = match (e.kind, one_line(&e.note)) {
                (Some(kind), note) if note.is_empty() => kind.label().to_string(),
                (Some(kind), note) => format!("{}: {note}", kind.label()),
                (None, note) => note,
            };
            vec![
                cell(&e.item.item_id),
                cell(&e.item.title),
                cell(&e.item.owner),
                cell(&by),
                date_cell(e.since),
            ]
        }),
    );

    md.push_str(&format!(
        "## Metrics\n\n_{}_\n\n",
        cell(&metrics.window.label())
    ));
    table(
        &mut md,
        &["Metric", "Value", "Target", "Red flag", "Status"],
        metrics.all().into_iter().map(|m| {
            vec![
                m.label().into(),
                m.display_value(),
                m.target_label(),
                m.red_flag_label(),
                m.status.label().into(),
            ]
        }),
    );
    md
}

/// Appends a Markdown table, or "_None._" when there are no rows.
fn table(md: &mut String, header: &[&str], rows: impl Iterator<Item = Vec<String>>) {
    let rows: Vec<String> = rows.map(|r| format!("| {} |\n", r.join(" | "))).collect();
    if rows.is_empty() {
        md.push_str("_None._\n\n");
        return;
    }
    md.push_str(&format!("| {} |\n", header.join(" | ")));
    md.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in rows {
        md.push_str(&row);
    }
    md.push('\n');
}

fn cell(text: &str) -> String {
    let escaped = escape_markdown(text);
    if escaped.is_empty() {
        "—".into()
    } else {
        escaped
    }
}

fn date_cell(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
}

/// User text made safe inside a Markdown table cell or list item: on one line, with every
/// character that Markdown gives a meaning (pipes, emphasis, links, HTML) backslash-escaped.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text on one line: line breaks, tabs and other control characters become single spaces.
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn plural(n: i64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Blocked, Deferral, HistoryEntry, Resolution};
    use chrono::{DateTime, TimeZone, Utc};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The review view capitalises escalation messages, and nudges lower-case status and
    /// block labels, with the ASCII case functions: they must start with (be) ASCII.
    #[test]
    fn generated_texts_are_ascii_where_the_case_is_changed() {
        for days in [-3, 0, 1, 400] {
            for reason in [
                EscalationReason::Overdue {
                    priority: Priority::P1,
                    days_overdue: days,
                    period_days: 7,
                },
                EscalationReason::P0NotStarted {
                    days_since_created: days,
                    limit_days: 2,
                },
                EscalationReason::NoProgress {
                    priority: Priority::P3,
                    days,
                    limit_days: 30,
                },
                EscalationReason::Stale {
                    days,
                    limit_days: 90,
                },
            ] {
                let message = reason.to_string();
                assert!(
                    message.chars().next().is_some_and(|c| c.is_ascii()),
                    "{message}"
                );
            }
        }
        for status in ItemStatus::ALL {
            assert!(status.label().is_ascii(), "{}", status.label());
        }
        for kind in crate::model::BlockedKind::ALL {
            assert!(kind.label().is_ascii(), "{}", kind.label());
        }
    }

    fn instant(date: NaiveDate) -> DateTime<Utc> {
        Utc.from_utc_datetime(&date.and_hms_opt(10, 0, 0).unwrap())
    }

    fn item(priority: Priority, status: ItemStatus, created: NaiveDate) -> ActionItem {
        ActionItem {
            id: "PM-2026-0001-01".into(),
            title: "Add an error-rate alert on checkout".into(),
            owner: "Alice".into(),
            priority,
            status,
            created_at: Some(instant(created)),
            ..Default::default()
        }
    }

    #[test]
    fn check_ins_follow_the_priority_cadence_from_creation() {
        let s = Settings::default();
        let created = day(2026, 3, 1);
        let p0 = item(Priority::P0, ItemStatus::InProgress, created);
        assert_eq!(next_check_in(&p0, created, &s), Some(day(2026, 3, 2)));
        assert_eq!(
            next_check_in(&p0, day(2026, 3, 5), &s),
            Some(day(2026, 3, 5))
        );
        let p1 = item(Priority::P1, ItemStatus::InProgress, created);
        assert_eq!(
            next_check_in(&p1, day(2026, 3, 2), &s),
            Some(day(2026, 3, 8))
        );
        assert_eq!(
            next_check_in(&p1, day(2026, 3, 9), &s),
            Some(day(2026, 3, 15))
        );
        let p2 = item(Priority::P2, ItemStatus::NotStarted, created);
        assert_eq!(
            next_check_in(&p2, day(2026, 3, 2), &s),
            Some(day(2026, 3, 15))
        );
        let p3 = item(Priority::P3, ItemStatus::Blocked, created);
        assert_eq!(
            next_check_in(&p3, day(2026, 4, 1), &s),
            Some(day(2026, 4, 30)) // day 60: "monthly" is every 30 days
        );
        let closed = item(Priority::P0, ItemStatus::Closed, created);
        assert_eq!(next_check_in(&closed, created, &s), None);
        let deferred = item(Priority::P0, ItemStatus::Deferred, created);
        assert_eq!(next_check_in(&deferred, created, &s), None);
    }

    #[test]
    fn nudges_come_at_two_weeks_and_at_check_ins() {
        let s = Settings::default();
        let created = day(2026, 3, 1);
        let p3 = item(Priority::P3, ItemStatus::InProgress, created);
        assert!(!nudge_due(&p3, day(2026, 3, 14), &s));
        assert!(nudge_due(&p3, day(2026, 3, 15), &s)); // day 14
        assert!(!nudge_due(&p3, day(2026, 3, 16), &s));
        assert!(nudge_due(&p3, day(2026, 3, 31), &s)); // day 30, monthly check-in
        assert!(!nudge_due(&p3, created, &s));
    }

    #[test]
    fn escalation_rules() {
        let s = Settings::default();
        let created = day(2026, 3, 1);
        let mut p0 = item(Priority::P0, ItemStatus::NotStarted, created);
        assert_eq!(escalation(&p0, day(2026, 3, 2), &s), None);
        assert_eq!(
            escalation(&p0, day(2026, 3, 3), &s),
            Some(EscalationReason::P0NotStarted {
                days_since_created: 2,
                limit_days: 2
            })
        );
        // A started P0 escalates only when stale or overdue.
        p0.status = ItemStatus::InProgress;
        p0.last_progress_at = Some(instant(day(2026, 3, 2)));
        assert_eq!(escalation(&p0, day(2026, 3, 31), &s), None);
        assert_eq!(
            escalation(&p0, day(2026, 4, 1), &s),
            Some(EscalationReason::Stale {
                days: 30,
                limit_days: 30
            })
        );
        for (priority, limit) in [(Priority::P1, 7), (Priority::P2, 14), (Priority::P3, 30)] {
            let it = item(priority, ItemStatus::InProgress, created);
            let before = created + Days::new(limit - 1);
            assert_eq!(escalation(&it, before, &s), None, "{priority}");
            assert_eq!(
                escalation(&it, created + Days::new(limit), &s),
                Some(EscalationReason::NoProgress {
                    priority,
                    days: limit as i64,
                    limit_days: limit as u32
                })
            );
        }
        // Overdue by more than the escalation period (P1: 7 days), even with recent progress.
        let mut p1 = item(Priority::P1, ItemStatus::InProgress, created);
        p1.due_date = Some(day(2026, 3, 10));
        p1.last_progress_at = Some(instant(day(2026, 3, 17)));
        assert_eq!(escalation(&p1, day(2026, 3, 17), &s), None);
        let reason = escalation(&p1, day(2026, 3, 18), &s).unwrap();
        assert_eq!(
            reason,
            EscalationReason::Overdue {
                priority: Priority::P1,
                days_overdue: 8,
                period_days: 7
            }
        );
        assert_eq!(
            reason.to_string(),
            "8 days overdue, more than the 7-day escalation period of P1"
        );
        // Deferred and closed items are not escalated.
        p1.status = ItemStatus::Deferred;
        assert_eq!(escalation(&p1, day(2027, 1, 1), &s), None);
    }

    #[test]
    fn decay_needs_no_progress_since_the_due_date() {
        let s = Settings::default();
        let mut it = item(Priority::P2, ItemStatus::InProgress, day(2026, 1, 1));
        it.due_date = Some(day(2026, 2, 1));
        it.last_progress_at = Some(instant(day(2026, 1, 20)));
        assert!(!is_decaying(&it, day(2026, 3, 3), &s)); // 30 days past due
        assert!(is_decaying(&it, day(2026, 3, 4), &s)); // 31
        it.history.push(HistoryEntry {
            at: instant(day(2026, 2, 10)),
            field: "status".into(),
            from: "not_started".into(),
            to: "in_progress".into(),
            note: String::new(),
        });
        it.last_progress_at = Some(instant(day(2026, 2, 10)));
        assert!(!is_decaying(&it, day(2026, 3, 4), &s));
        // As of a day before that progress, it was decaying... only once 30 days had passed.
        assert!(!is_decaying(&it, day(2026, 2, 9), &s));
    }

    #[test]
    fn revisit_and_cleanup() {
        let s = Settings::default();
        let mut it = item(Priority::P3, ItemStatus::Deferred, day(2026, 1, 1));
        it.deferral = Some(Deferral {
            reason: "After the migration".into(),
            trigger: String::new(),
            revisit_on: Some(day(2026, 4, 1)),
            risk_acknowledged: true,
        });
        assert!(!revisit_due(&it, day(2026, 3, 31)));
        assert!(revisit_due(&it, day(2026, 4, 1)));
        assert!(!needs_cleanup(&it, day(2026, 4, 1), &s)); // 90 days old
        assert!(needs_cleanup(&it, day(2026, 4, 2), &s)); // 91
        it.status = ItemStatus::Closed;
        it.resolution = Some(Resolution::WontDo);
        assert!(!revisit_due(&it, day(2026, 4, 1)));
        assert!(!needs_cleanup(&it, day(2027, 1, 1), &s));
    }

    fn workspace() -> Workspace {
        let created = day(2026, 3, 1);
        let mut overdue = item(Priority::P1, ItemStatus::InProgress, created);
        overdue.id = "PM-2026-0001-01".into();
        overdue.title = "Add | pipe\nand newline *bold*".into();
        overdue.due_date = Some(day(2026, 3, 15));
        overdue.last_progress_at = Some(instant(day(2026, 3, 18)));
        let mut blocked = item(Priority::P0, ItemStatus::Blocked, created);
        blocked.id = "PM-2026-0001-02".into();
        blocked.owner = "Bob".into();
        blocked.title = "Deploy the failover runbook".into();
        blocked.due_date = Some(day(2026, 3, 30));
        blocked.last_progress_at = Some(instant(day(2026, 3, 19)));
        blocked.blocked = Some(Blocked {
            kind: BlockedKind::OtherTeamDependency,
            note: "Needs DB team".into(),
            since: Some(day(2026, 3, 19)),
        });
        let mut fine = item(Priority::P2, ItemStatus::InProgress, day(2026, 3, 19));
        fine.id = "PM-2026-0001-03".into();
        fine.owner = "Carol".into();
        fine.due_date = Some(day(2026, 4, 30));
        Workspace {
            postmortems: vec![PostMortem {
                id: "PM-2026-0001".into(),
                title: "Checkout outage".into(),
                action_items: vec![overdue, blocked, fine],
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn the_review_lists_what_needs_attention() {
        let s = Settings::default();
        let review = review_for(&workspace(), day(2026, 3, 20), &s);
        assert_eq!(review.overdue.len(), 1);
        assert_eq!(review.overdue[0].item.item_id, "PM-2026-0001-01");
        assert_eq!(review.overdue[0].days_overdue, 5);
        assert_eq!(review.blocked.len(), 1);
        assert_eq!(review.blocked[0].days_blocked, Some(1));
        assert!(review.escalations.is_empty());
        assert!(review.decaying.is_empty() && review.revisit_due.is_empty());
        assert!(review.cleanup.is_empty());
        // Nine days later the P1 is overdue by more than a week.
        let later = review_for(&workspace(), day(2026, 3, 23), &s);
        assert_eq!(later.escalations.len(), 1);
        assert!(matches!(
            later.escalations[0].reason,
            EscalationReason::Overdue { .. }
        ));
    }

    #[test]
    fn nudges_are_per_owner_and_specific() {
        let s = Settings::default();
        let nudges = nudge_messages(&workspace(), day(2026, 3, 20), &s);
        // Alice: overdue; Bob: P0 daily check-in; Carol: created yesterday, P2, nothing due.
        let owners: Vec<&str> = nudges.iter().map(|n| n.owner.as_str()).collect();
        assert_eq!(owners, ["Alice", "Bob"]);
        let alice = &nudges[0];
        assert_eq!(
            alice.subject,
            "Follow-up: 1 post-mortem action item (1 overdue)"
        );
        assert!(alice.body.starts_with("Hi Alice,"));
        assert!(alice.body.contains("PM-2026-0001-01"));
        assert!(alice.body.contains("5 days overdue"));
        assert!(alice.body.contains("due 2026-03-15"));
        assert!(alice.body.contains("Add | pipe and newline *bold*"));
        assert!(nudges[1]
            .body
            .contains("still blocked (another team's dependency: Needs DB team)"));
    }

    #[test]
    fn one_nudge_per_person_whatever_the_spelling() {
        let s = Settings::default();
        let mut ws = workspace();
        ws.postmortems[0].action_items[2].owner = " alice ".into();
        ws.postmortems[0].action_items[2].due_date = Some(day(2026, 3, 19));
        let nudges = nudge_messages(&ws, day(2026, 3, 20), &s);
        assert_eq!(nudges.len(), 2);
        assert_eq!(nudges[0].owner, "Alice");
        assert_eq!(nudges[0].item_ids, ["PM-2026-0001-01", "PM-2026-0001-03"]);
        assert!(nudges[0]
            .subject
            .ends_with("2 post-mortem action items (2 overdue)"));
    }

    #[test]
    fn the_agenda_has_every_section_and_user_text_cannot_break_a_table() {
        let s = Settings::default();
        let ws = workspace();
        let today = day(2026, 3, 20);
        let metrics = crate::metrics::compute(&ws, crate::metrics::Window::last_30_days(today), &s);
        let md = weekly_agenda_markdown(&ws, today, &metrics, &s);
        for section in [
            "## New items this week",
            "## P0 status",
            "## P1 status",
            "## Overdue and blocked",
            "## Metrics",
        ] {
            assert!(md.contains(section), "{section}\n{md}");
        }
        assert!(md.contains("Add \\| pipe and newline \\*bold\\*"), "{md}");
        // Every table row has as many unescaped pipes as its header.
        for line in md.lines().filter(|l| l.starts_with('|')) {
            let pipes = line.replace("\\|", "").matches('|').count();
            assert!((6..=7).contains(&pipes), "{line}");
        }
        assert!(md.contains("| completion rate |") || md.contains("| Completion rate |"));
    }

    #[test]
    fn markdown_escaping() {
        assert_eq!(escape_markdown("a|b\r\nc\t[x](y)"), "a\\|b c \\[x\\](y)");
        assert_eq!(one_line("  a \u{2028} b  "), "a b");
    }
}
