//! The moves a user makes on an item ([`Move`], [`MoveKind`]) and why one is refused
//! ([`Refusal`], whose text tells the user what to do). [`super::apply`] performs them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::allowed_moves;
use crate::model::{BlockedKind, ItemStatus, Resolution, VerificationMethod};

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
