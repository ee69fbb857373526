//! The lifecycle of an action item: DOMAIN.md §7.
//!
//! `not_started → in_progress → implemented → verified → closed`, plus `blocked` and
//! `deferred`. Every user action is a [`Move`]; [`apply`] either returns the moved item, with
//! one `status` entry appended to its history and `last_progress_at` set, or a [`Refusal`] that
//! says exactly what is missing. The item passed in is never changed. [`reassign`] hands an
//! item to a new owner, and `wins` credits a completed item with a later incident it caught.
//!
//! Decisions the rule book leaves open, taken here:
//! - `block` is allowed from `not_started`, `in_progress` and `implemented` (work can stall
//!   before or after the change lands); a verified item only waits to be closed.
//! - `unblock` returns to the state the item was in before it was blocked, read from its
//!   history, so a blocked `not_started` P0 still counts as not started. When the history does
//!   not say (imported data), it returns to `in_progress`.
//! - `defer` is allowed from every open state but `verified` and `deferred`; a blocked item may
//!   be deferred (e.g. conflicting priorities) without unblocking first.
//! - Leaving `blocked` clears `blocked`, leaving `deferred` clears `deferral`, closing clears
//!   both, and any move to an open state clears `resolution`, so those records always
//!   describe the current state.
//! - Reassigning an owner is recorded in history but is not progress on the work: it leaves
//!   `last_progress_at` alone, so shuffling owners cannot silence an escalation.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::model::{
    ActionItem, Blocked, BlockedKind, Deferral, HistoryEntry, ItemStatus, Resolution, Verification,
    VerificationMethod,
};
use crate::settings::Settings;
use crate::validator::{self, Verdict};

mod wins;

pub use wins::{may_record_win, record_win, WinRefusal};

/// A user action on an item. Fields are `Option` or free text because they come straight from
/// a form: `apply` checks them and says what is missing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "move", rename_all = "snake_case")]
pub enum Move {
    /// `not_started → in_progress`.
    Start,
    /// → `blocked`; needs a kind and a note. `owner_left` needs a new owner, who takes over.
    Block {
        kind: Option<BlockedKind>,
        note: String,
        new_owner: Option<String>,
    },
    /// `blocked →` the state before blocking.
    Unblock,
    /// → `deferred`; needs a reason, a trigger or a revisit date, and the risk acknowledged.
    Defer {
        reason: String,
        trigger: String,
        revisit_on: Option<NaiveDate>,
        risk_acknowledged: bool,
    },
    /// `deferred → in_progress`.
    Resume,
    /// `in_progress → implemented`.
    Implement,
    /// `implemented → verified`; needs a method and evidence.
    Verify {
        method: Option<VerificationMethod>,
        evidence: String,
    },
    /// → `closed`. `completed` only from `verified`; the other resolutions from any open state,
    /// each with a written reason.
    Close {
        resolution: Option<Resolution>,
        note: String,
    },
    /// `closed → in_progress`; needs a note.
    Reopen { note: String },
}

/// The kind of a [`Move`], without its fields: what the UI offers as buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    Start,
    Block,
    Unblock,
    Defer,
    Resume,
    Implement,
    Verify,
    Close,
    Reopen,
}

impl MoveKind {
    pub const ALL: [MoveKind; 9] = [
        MoveKind::Start,
        MoveKind::Block,
        MoveKind::Unblock,
        MoveKind::Defer,
        MoveKind::Resume,
        MoveKind::Implement,
        MoveKind::Verify,
        MoveKind::Close,
        MoveKind::Reopen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MoveKind::Start => "start",
            MoveKind::Block => "block",
            MoveKind::Unblock => "unblock",
            MoveKind::Defer => "defer",
            MoveKind::Resume => "resume",
            MoveKind::Implement => "implement",
            MoveKind::Verify => "verify",
            MoveKind::Close => "close",
            MoveKind::Reopen => "reopen",
        }
    }

    /// A button label.
    pub fn label(self) -> &'static str {
        match self {
            MoveKind::Start => "Start",
            MoveKind::Block => "Mark blocked",
            MoveKind::Unblock => "Unblock",
            MoveKind::Defer => "Defer",
            MoveKind::Resume => "Resume",
            MoveKind::Implement => "Mark implemented",
            MoveKind::Verify => "Verify",
            MoveKind::Close => "Close",
            MoveKind::Reopen => "Reopen",
        }
    }

    /// The status this kind of move aims at (unblocking may land elsewhere, see module docs).
    pub fn nominal_target(self) -> ItemStatus {
        match self {
            MoveKind::Start | MoveKind::Unblock | MoveKind::Resume | MoveKind::Reopen => {
                ItemStatus::InProgress
            }
            MoveKind::Block => ItemStatus::Blocked,
            MoveKind::Defer => ItemStatus::Deferred,
            MoveKind::Implement => ItemStatus::Implemented,
            MoveKind::Verify => ItemStatus::Verified,
            MoveKind::Close => ItemStatus::Closed,
        }
    }
}

impl fmt::Display for MoveKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Move {
    pub fn kind(&self) -> MoveKind {
        match self {
            Move::Start => MoveKind::Start,
            Move::Block { .. } => MoveKind::Block,
            Move::Unblock => MoveKind::Unblock,
            Move::Defer { .. } => MoveKind::Defer,
            Move::Resume => MoveKind::Resume,
            Move::Implement => MoveKind::Implement,
            Move::Verify { .. } => MoveKind::Verify,
            Move::Close { .. } => MoveKind::Close,
            Move::Reopen { .. } => MoveKind::Reopen,
        }
    }
}

/// Why a move was refused; the `Display` text tells the user what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The move does not exist from this state.
    NotAllowed {
        from: ItemStatus,
        to: ItemStatus,
    },
    /// Blocking and reopening need a written note.
    MissingNote,
    MissingBlockedKind,
    /// `owner_left` (and reassigning) needs the name of the new owner.
    MissingNewOwner,
    /// Reassigning to the person who already owns the item.
    OwnerUnchanged,
    /// The new owner is not one named person (a team, "TBD"…): the validator's owner check
    /// says why.
    NewOwnerNotAPerson {
        owner: String,
        why: String,
    },
    MissingDeferralReason,
    MissingTriggerOrRevisitDate,
    RiskNotAcknowledged,
    MissingVerificationMethod,
    MissingEvidence,
    MissingResolution,
    /// Closing other than as `completed` needs a written reason.
    MissingResolutionReason {
        resolution: Resolution,
    },
    /// `completed` is only for verified items.
    CompletedNeedsVerification {
        from: ItemStatus,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotAllowed { from, to } => {
                write!(
                    f,
                    "An item that is “{}” cannot move to “{}”. ",
                    from.label(),
                    to.label()
                )?;
                let moves = allowed_moves(*from);
                if moves.is_empty() {
                    f.write_str("No move is possible from here.")
                } else {
                    let names: Vec<&str> = moves.iter().map(|m| m.as_str()).collect();
                    write!(f, "From here you can: {}.", names.join(", "))
                }
            }
            Refusal::MissingNote => f.write_str("Write a short note saying why."),
            Refusal::MissingBlockedKind => f.write_str(
                "Say what blocks the item: another team's dependency, missing infrastructure, \
                 larger than estimated, owner left, conflicting priorities, or other.",
            ),
            Refusal::MissingNewOwner => f.write_str(
                "Name the one person who takes the item over (the owner has left).",
            ),
            Refusal::OwnerUnchanged => {
                f.write_str("That person already owns the item; name someone else.")
            }
            Refusal::NewOwnerNotAPerson { owner, why } => {
                write!(f, "The new owner “{owner}” is not one named person: {why}")
            }
            Refusal::MissingDeferralReason => {
                f.write_str("Write why the item is deferred rather than done now.")
            }
            Refusal::MissingTriggerOrRevisitDate => f.write_str(
                "Say what brings the item back: an event that triggers it, or a date to revisit it.",
            ),
            Refusal::RiskNotAcknowledged => f.write_str(
                "Tick that you acknowledge the risk of the incident recurring while this waits.",
            ),
            Refusal::MissingVerificationMethod => f.write_str(
                "Choose how the fix was verified: test, alert, monitor, staging run, game day, or other.",
            ),
            Refusal::MissingEvidence => f.write_str(
                "Give the evidence: if this change were removed tomorrow, how would we know?",
            ),
            Refusal::MissingResolution => f.write_str(
                "Choose how the item ends: completed, risk accepted, won't do, duplicate, or superseded.",
            ),
            Refusal::MissingResolutionReason { resolution } => write!(
                f,
                "Closing as “{}” needs a written reason; items are never closed silently.",
                resolution.label()
            ),
            Refusal::CompletedNeedsVerification { from } => write!(
                f,
                "Only a verified item can be closed as completed; this one is “{}”. Verify it first, \
                 or close it as risk accepted, won't do, duplicate or superseded with a reason.",
                from.label()
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// The moves offered from a status, in the order the UI shows them.
pub fn allowed_moves(status: ItemStatus) -> Vec<MoveKind> {
    use MoveKind as K;
    match status {
        ItemStatus::NotStarted => vec![K::Start, K::Block, K::Defer, K::Close],
        ItemStatus::InProgress => vec![K::Implement, K::Block, K::Defer, K::Close],
        ItemStatus::Implemented => vec![K::Verify, K::Block, K::Defer, K::Close],
        ItemStatus::Verified => vec![K::Close],
        ItemStatus::Blocked => vec![K::Unblock, K::Defer, K::Close],
        ItemStatus::Deferred => vec![K::Resume, K::Close],
        ItemStatus::Closed => vec![K::Reopen],
    }
}

/// The resolutions a close from `status` may use.
pub fn allowed_resolutions(status: ItemStatus) -> Vec<Resolution> {
    match status {
        ItemStatus::Closed => Vec::new(),
        ItemStatus::Verified => Resolution::ALL.to_vec(),
        _ => Resolution::ALL
            .into_iter()
            .filter(|r| *r != Resolution::Completed)
            .collect(),
    }
}

/// Applies a move at instant `at`. On success the returned item has exactly one new `status`
/// history entry, and `last_progress_at` and `updated_at` set to `at`.
pub fn apply(item: &ActionItem, mv: Move, at: DateTime<Utc>) -> Result<ActionItem, Refusal> {
    let from = item.status;
    let kind = mv.kind();
    if !allowed_moves(from).contains(&kind) {
        return Err(Refusal::NotAllowed {
            from,
            to: kind.nominal_target(),
        });
    }
    let mut next = item.clone();
    let (to, note) = match mv {
        Move::Start | Move::Resume | Move::Implement => (kind.nominal_target(), String::new()),
        Move::Block {
            kind,
            note,
            new_owner,
        } => {
            let kind = kind.ok_or(Refusal::MissingBlockedKind)?;
            let note = required(&note, Refusal::MissingNote)?;
            let new_owner = new_owner
                .as_deref()
                .map(str::trim)
                .filter(|o| !o.is_empty());
            if kind == BlockedKind::OwnerLeft && new_owner.is_none() {
                return Err(Refusal::MissingNewOwner);
            }
            if let Some(owner) = new_owner {
                check_new_owner(owner)?;
                if owner != next.owner.trim() {
                    record_owner(&mut next, owner, &note, at);
                }
            }
            next.blocked = Some(Blocked {
                kind,
                note: note.clone(),
                since: Some(at.date_naive()),
            });
            (ItemStatus::Blocked, format!("{}: {}", kind.label(), note))
        }
        Move::Unblock => (status_before_block(item), String::new()),
        Move::Defer {
            reason,
            trigger,
            revisit_on,
            risk_acknowledged,
        } => {
            let reason = required(&reason, Refusal::MissingDeferralReason)?;
            let trigger = trigger.trim().to_string();
            if trigger.is_empty() && revisit_on.is_none() {
                return Err(Refusal::MissingTriggerOrRevisitDate);
            }
            if !risk_acknowledged {
                return Err(Refusal::RiskNotAcknowledged);
            }
            let mut note = reason.clone();
            if !trigger.is_empty() {
                note.push_str(&format!(" (trigger: {trigger})"));
            }
            if let Some(date) = revisit_on {
                note.push_str(&format!(" (revisit on {date})"));
            }
            next.deferral = Some(Deferral {
                reason,
                trigger,
                revisit_on,
                risk_acknowledged,
            });
            (ItemStatus::Deferred, note)
        }
        Move::Verify { method, evidence } => {
            let method = method.ok_or(Refusal::MissingVerificationMethod)?;
            let evidence = required(&evidence, Refusal::MissingEvidence)?;
            next.verification = Some(Verification {
                method,
                evidence: evidence.clone(),
                verified_at: Some(at),
            });
            (
                ItemStatus::Verified,
                format!("{}: {}", method.label(), evidence),
            )
        }
        Move::Close { resolution, note } => {
            let resolution = resolution.ok_or(Refusal::MissingResolution)?;
            let note = note.trim().to_string();
            if resolution == Resolution::Completed {
                if from != ItemStatus::Verified {
                    return Err(Refusal::CompletedNeedsVerification { from });
                }
            } else if note.is_empty() {
                return Err(Refusal::MissingResolutionReason { resolution });
            }
            next.resolution = Some(resolution);
            next.resolution_note = note.clone();
            (ItemStatus::Closed, close_note(resolution, &note))
        }
        Move::Reopen { note } => (
            ItemStatus::InProgress,
            required(&note, Refusal::MissingNote)?,
        ),
    };
    // The blocked, deferral and resolution records describe the current state only (this
    // also mends imported items that carry a stale one).
    if to != ItemStatus::Closed {
        next.resolution = None;
        next.resolution_note.clear();
    }
    if to != ItemStatus::Blocked {
        next.blocked = None;
    }
    if to != ItemStatus::Deferred {
        next.deferral = None;
    }
    next.status = to;
    next.history.push(HistoryEntry {
        at,
        field: "status".into(),
        from: from.as_str().into(),
        to: to.as_str().into(),
        note,
    });
    next.last_progress_at = Some(at);
    next.updated_at = Some(at);
    Ok(next)
}

/// The history note of a closing: the resolution's label, then the reason ("Won't do: …").
fn close_note(resolution: Resolution, note: &str) -> String {
    if note.is_empty() {
        resolution.label().to_string()
    } else {
        format!("{}: {}", resolution.label(), note)
    }
}

/// The resolution a closing's history note records ([`close_note`]), for replaying history.
pub fn resolution_in_close_note(note: &str) -> Option<Resolution> {
    Resolution::ALL.into_iter().find(|r| {
        note.strip_prefix(r.label())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
    })
}

/// Hands the item to `new_owner`, recording the change (with an optional note) in history.
pub fn reassign(
    item: &ActionItem,
    new_owner: &str,
    note: &str,
    at: DateTime<Utc>,
) -> Result<ActionItem, Refusal> {
    let owner = new_owner.trim();
    if owner.is_empty() {
        return Err(Refusal::MissingNewOwner);
    }
    if owner == item.owner.trim() {
        return Err(Refusal::OwnerUnchanged);
    }
    check_new_owner(owner)?;
    let mut next = item.clone();
    record_owner(&mut next, owner, note.trim(), at);
    next.updated_at = Some(at);
    Ok(next)
}

/// A new owner passes the validator's owner check (§5.1: one named person) unless it only
/// warns; a failing owner ("TBD", a team) is refused. The count of open items is not known
/// here, so capacity (a warning) is left to the live check.
fn check_new_owner(owner: &str) -> Result<(), Refusal> {
    let check = validator::check_owner(owner, 0, &Settings::default());
    if check.verdict == Verdict::Fail {
        return Err(Refusal::NewOwnerNotAPerson {
            owner: owner.to_string(),
            why: check.message,
        });
    }
    Ok(())
}

fn record_owner(item: &mut ActionItem, owner: &str, note: &str, at: DateTime<Utc>) {
    item.history.push(HistoryEntry {
        at,
        field: "owner".into(),
        from: std::mem::take(&mut item.owner),
        to: owner.into(),
        note: note.into(),
    });
    item.owner = owner.into();
}

/// The trimmed text, or the refusal when it is blank.
fn required(text: &str, missing: Refusal) -> Result<String, Refusal> {
    let text = text.trim();
    if text.is_empty() {
        Err(missing)
    } else {
        Ok(text.to_string())
    }
}

/// Where an unblocked item returns: the state it was blocked from, if that is a working state.
fn status_before_block(item: &ActionItem) -> ItemStatus {
    item.history
        .iter()
        .rev()
        .find(|h| h.field == "status" && h.to == ItemStatus::Blocked.as_str())
        .and_then(|h| {
            [
                ItemStatus::NotStarted,
                ItemStatus::InProgress,
                ItemStatus::Implemented,
            ]
            .into_iter()
            .find(|s| s.as_str() == h.from)
        })
        .unwrap_or(ItemStatus::InProgress)
}

#[cfg(test)]
mod tests;
