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

use chrono::{DateTime, Utc};

use crate::model::{
    ActionItem, Blocked, BlockedKind, Deferral, HistoryEntry, ItemStatus, Resolution, Verification,
};
use crate::settings::Settings;
use crate::validator::{self, Verdict};

mod moves;
mod wins;

pub use moves::{Move, MoveKind, Refusal};
pub use wins::{may_record_win, record_win, WinRefusal};

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
