//! Statuses back: a tracker's export compared with the items that track its tickets, as a
//! list of proposed changes the person importing ticks one by one.
//!
//! Items are matched to tickets by key or URL ([`super::tickets`]). For a matched open item:
//! - **status**: tracker done → `implemented` (never `verified` or `closed`: verification
//!   stays a human act, and the item then shows up for it); started → `in_progress`;
//!   cancelled → closed as `wont_do`, with a note naming the source. Each is a path of legal
//!   lifecycle moves (a blocked item is unblocked first, a deferred one resumed, a not-started
//!   one started); the lifecycle's own refusal is listed in [`Reconciliation::unmoved`] when
//!   there is none (e.g. the tracker says in progress and the item is closed here). A tracker
//!   that says not started never moves an item back. An item already as far (done in the
//!   tracker, verified here) is left alone.
//! - **owner**: the tracker's assignee, when none of its assignees is the owner here (by name,
//!   e-mail address or login, case and spacing aside).
//! - **due date**: the tracker's, when it has one and it differs.
//!
//! Owner and due-date changes carry the history note "changed in Jira PAY-1234"; status moves
//! note the tracker's status ("status “Done” in Jira PAY-1234"). [`apply_changes`] applies the
//! chosen changes through the lifecycle and deadline rules, so history and `last_progress_at`
//! are set as for any move.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};

use crate::deadlines::change_due_date;
use crate::lifecycle::{self, Move};
use crate::model::{ActionItem, ItemStatus, Resolution, Workspace};

use super::tickets::{item_keys, Index};
use super::{SourceFile, SourceFormat, SourceItem, SourcePerson, SourceState};

/// Which field of an item a change sets: the `data-field` of its row in the preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Status,
    Owner,
    DueDate,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Status => "status",
            Field::Owner => "owner",
            Field::DueDate => "due_date",
        }
    }
}

/// What a change does.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Proposal {
    /// These lifecycle moves, in order, from `from` to `to`.
    Status {
        from: ItemStatus,
        to: ItemStatus,
        moves: Vec<Move>,
    },
    Owner {
        to: String,
    },
    DueDate {
        to: NaiveDate,
    },
}

/// One proposed change to one item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub postmortem_id: String,
    pub item_id: String,
    /// The item's title.
    pub title: String,
    /// The ticket as the file names it (its key, else its URL).
    pub ticket: String,
    pub field: Field,
    /// The value here and the value proposed, as history writes them (status JSON names,
    /// owners, `YYYY-MM-DD`).
    pub from: String,
    pub to: String,
    /// The history note the change carries.
    pub note: String,
    pub proposal: Proposal,
}

/// An item and its ticket, for the lists beside the changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TicketRef {
    pub postmortem_id: String,
    pub item_id: String,
    pub title: String,
    /// The item's ticket key, else its URL.
    pub ticket: String,
}

/// A matched item whose status the tracker contradicts, but that no change can move.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unmoved {
    pub item: TicketRef,
    pub status: ItemStatus,
    /// The tracker's status, as it writes it.
    pub tracker_status: String,
    /// Why: the lifecycle's refusal, or that the tracker's status has no meaning here.
    pub reason: String,
}

/// What a tracker's export says about the items here.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reconciliation {
    pub format: SourceFormat,
    /// How many items here track a ticket in the file.
    pub matched: usize,
    pub changes: Vec<Change>,
    pub unmoved: Vec<Unmoved>,
    /// Open items tracked in the file's projects (`PAY` for `PAY-12`, a GitHub repository)
    /// whose ticket is not in the file.
    pub missing: Vec<TicketRef>,
    /// Indexes into the file's items of tickets no item here tracks: candidates for new items
    /// ([`super::plan_new_items`]).
    pub unknown: Vec<usize>,
}

/// Compares the file with the workspace; see the module docs. `at` is when the changes would
/// be made (the lifecycle checks each path at that instant).
pub fn reconcile(workspace: &Workspace, file: &SourceFile, at: DateTime<Utc>) -> Reconciliation {
    let index = Index::new(&file.items);
    let projects = index.projects();
    let mut seen = HashSet::new();
    let mut out = Reconciliation {
        format: file.format,
        matched: 0,
        changes: Vec::new(),
        unmoved: Vec::new(),
        missing: Vec::new(),
        unknown: Vec::new(),
    };
    for (pm, item) in workspace.items() {
        let keys = item_keys(item);
        let reference = || TicketRef {
            postmortem_id: pm.id.clone(),
            item_id: item.id.clone(),
            title: item.title.clone(),
            ticket: if item.tracking_ticket.trim().is_empty() {
                item.tracking_url.trim().to_string()
            } else {
                item.tracking_ticket.trim().to_string()
            },
        };
        let Some(found) = index.find(&keys) else {
            let in_file_project = keys
                .iter()
                .filter_map(|k| k.project())
                .any(|p| projects.contains(&p));
            if item.is_open() && in_file_project {
                out.missing.push(reference());
            }
            continue;
        };
        seen.insert(found);
        out.matched += 1;
        let source = &file.items[found];
        let ticket = source.reference().to_string();
        let change = |field: Field, from: String, to: String, note: String, proposal| Change {
            postmortem_id: pm.id.clone(),
            item_id: item.id.clone(),
            title: item.title.clone(),
            ticket: ticket.clone(),
            field,
            from,
            to,
            note,
            proposal,
        };
        let tool = file.format.tool();
        let status_note = source.status_note(file.format);
        match plan_status(item, source.state, &status_note, at) {
            StatusPlan::Nothing => {}
            StatusPlan::Moves(to, moves) => out.changes.push(change(
                Field::Status,
                item.status.as_str().into(),
                to.as_str().into(),
                status_note,
                Proposal::Status {
                    from: item.status,
                    to,
                    moves,
                },
            )),
            StatusPlan::Refused(reason) => out.unmoved.push(Unmoved {
                item: reference(),
                status: item.status,
                tracker_status: source.status.clone(),
                reason,
            }),
        }
        if !item.is_open() {
            continue;
        }
        let note = format!("changed in {tool} {ticket}");
        if let Some(owner) = new_owner(item, source) {
            out.changes.push(change(
                Field::Owner,
                item.owner.clone(),
                owner.clone(),
                note.clone(),
                Proposal::Owner { to: owner },
            ));
        }
        if let Some(due) = source.due_date.filter(|d| item.due_date != Some(*d)) {
            out.changes.push(change(
                Field::DueDate,
                item.due_date.map(|d| d.to_string()).unwrap_or_default(),
                due.to_string(),
                note,
                Proposal::DueDate { to: due },
            ));
        }
    }
    out.unknown = (0..file.items.len())
        .filter(|i| !seen.contains(i))
        .collect();
    out
}

enum StatusPlan {
    Nothing,
    Moves(ItemStatus, Vec<Move>),
    Refused(String),
}

/// The lifecycle moves that take the item where the tracker says it is; see the module docs.
fn plan_status(item: &ActionItem, state: SourceState, note: &str, at: DateTime<Utc>) -> StatusPlan {
    use ItemStatus as S;
    let (target, already) = match state {
        SourceState::Done => (S::Implemented, [S::Implemented, S::Verified, S::Closed]),
        SourceState::Started => (S::InProgress, [S::InProgress, S::Blocked, S::InProgress]),
        SourceState::Cancelled => (S::Closed, [S::Closed; 3]),
        SourceState::NotStarted => return StatusPlan::Nothing,
        SourceState::Unknown => {
            return StatusPlan::Refused(
                "the tracker's status is not one this app can read as not started, started, \
                 done or cancelled; change the item by hand if it moved"
                    .into(),
            )
        }
    };
    if already.contains(&item.status) {
        return StatusPlan::Nothing;
    }
    let mut current = item.clone();
    let mut moves = Vec::new();
    // At most three moves: unblock, start, implement.
    while current.status != target && moves.len() < 3 {
        let mv = match (target, current.status) {
            (S::Closed, _) => Move::Close {
                resolution: Some(Resolution::WontDo),
                note: note.to_string(),
            },
            (_, S::NotStarted) => Move::Start,
            (_, S::Deferred) => Move::Resume,
            (_, S::Blocked) => Move::Unblock,
            (S::Implemented, _) => Move::Implement,
            _ => Move::Start,
        };
        match lifecycle::apply(&current, mv.clone(), at) {
            Ok(next) => {
                current = next;
                moves.push(mv);
            }
            Err(refusal) => return StatusPlan::Refused(refusal.to_string()),
        }
    }
    StatusPlan::Moves(target, moves)
}

/// The tracker's assignee, when none of its assignees is the owner here.
fn new_owner(item: &ActionItem, source: &SourceItem) -> Option<String> {
    let first = source.assignees.first()?;
    let ours = person_words(&item.owner);
    let same = |p: &SourcePerson| {
        [&p.name, &p.email, &p.login]
            .into_iter()
            .any(|part| !ours.is_empty() && person_words(part) == ours)
    };
    (!source.assignees.iter().any(same)).then(|| first.display().to_string())
}

/// The words that name a person, in any order and case: "Ana Silva", "Silva, Ana",
/// "ana.silva@example.com" (the address's local part, without a `+tag`) and "@ana-silva" all
/// give {ana, silva}. Trackers write people one way and this app another; a different spelling
/// of the same person is not an owner change.
fn person_words(text: &str) -> BTreeSet<String> {
    let text = text.trim().trim_start_matches('@');
    let name = match text.split_once('@') {
        Some((local, _)) => local.split('+').next().unwrap_or(local),
        None => text,
    };
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A chosen change that could not be applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Refused {
    pub postmortem_id: String,
    pub item_id: String,
    pub field: Field,
    pub reason: String,
}

/// The workspace after the chosen changes, and those that could not be made.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub workspace: Workspace,
    pub refused: Vec<Refused>,
}

/// Applies the chosen changes, in order, at `at`. A change whose item is gone, or whose field
/// no longer holds the value the preview showed (it changed here since), is refused rather
/// than applied; so is one the lifecycle or the deadline rules refuse.
pub fn apply_changes(workspace: &Workspace, chosen: &[Change], at: DateTime<Utc>) -> Applied {
    let mut next = workspace.clone();
    let mut refused = Vec::new();
    for change in chosen {
        let outcome = next
            .postmortem_mut(&change.postmortem_id)
            .and_then(|pm| {
                let index = pm
                    .action_items
                    .iter()
                    .position(|i| i.id == change.item_id)?;
                Some((pm, index))
            })
            .ok_or_else(|| "the item is no longer here".to_string())
            .and_then(|(pm, index)| {
                let moved = apply_one(&pm.action_items[index], change, at)?;
                pm.action_items[index] = moved;
                pm.updated_at = Some(at);
                Ok(())
            });
        if let Err(reason) = outcome {
            refused.push(Refused {
                postmortem_id: change.postmortem_id.clone(),
                item_id: change.item_id.clone(),
                field: change.field,
                reason,
            });
        }
    }
    Applied {
        workspace: next,
        refused,
    }
}

fn apply_one(item: &ActionItem, change: &Change, at: DateTime<Utc>) -> Result<ActionItem, String> {
    let now = match change.field {
        Field::Status => item.status.as_str().to_string(),
        Field::Owner => item.owner.clone(),
        Field::DueDate => item.due_date.map(|d| d.to_string()).unwrap_or_default(),
    };
    if now != change.from {
        return Err(format!(
            "it changed here since the preview (now “{now}”, was “{}”)",
            change.from
        ));
    }
    match &change.proposal {
        Proposal::Status { moves, .. } => {
            let mut item = item.clone();
            for mv in moves {
                item = lifecycle::apply(&item, mv.clone(), at).map_err(|r| r.to_string())?;
                if let Some(entry) = item.history.last_mut() {
                    if entry.note.is_empty() {
                        entry.note = change.note.clone();
                    }
                }
            }
            Ok(item)
        }
        Proposal::Owner { to } => {
            lifecycle::reassign(item, to, &change.note, at).map_err(|r| r.to_string())
        }
        Proposal::DueDate { to } => {
            change_due_date(item, *to, &change.note, at).map_err(|r| r.message())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_however_written() {
        let ana = person_words("Ana Silva");
        for same in [
            "silva, ana",
            "ana.silva+oncall@example.com",
            "@Ana-Silva",
            " ANA  SILVA ",
        ] {
            assert_eq!(person_words(same), ana, "{same}");
        }
        assert_ne!(person_words("Ana Silva-Costa"), ana);
        assert!(person_words(" @ ").is_empty());
    }
}
