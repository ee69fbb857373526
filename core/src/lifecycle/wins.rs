//! Wins (the feedback loop of DOMAIN.md §7): crediting a completed item with a later incident
//! it caught or prevented. Not a status change: history and `last_progress_at` stay as they are.

use chrono::{DateTime, Utc};
use std::fmt;

use crate::model::{ActionItem, ItemStatus, Resolution, Win};

/// Why a win could not be recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WinRefusal {
    /// Only an item closed as `completed` can have caught or prevented anything.
    NotCompleted { status: ItemStatus },
    /// A win needs a note saying what happened.
    MissingNote,
}

impl fmt::Display for WinRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WinRefusal::NotCompleted { status } => write!(
                f,
                "Only an item closed as completed can be credited with a later incident; \
                 this one is “{}”.",
                status.label()
            ),
            WinRefusal::MissingNote => f.write_str(
                "Say what happened: which incident the item caught or prevented, and how.",
            ),
        }
    }
}

impl std::error::Error for WinRefusal {}

/// Whether the item may be credited with a win: closed as `completed`.
pub fn may_record_win(item: &ActionItem) -> bool {
    item.status == ItemStatus::Closed && item.resolution == Some(Resolution::Completed)
}

/// Records that a completed item caught or prevented a later incident. The incident reference
/// is optional (a prevented incident may have none); the note is not. Not a status change: the
/// history and `last_progress_at` are left alone.
pub fn record_win(
    item: &ActionItem,
    incident_ref: &str,
    note: &str,
    at: DateTime<Utc>,
) -> Result<ActionItem, WinRefusal> {
    if !may_record_win(item) {
        return Err(WinRefusal::NotCompleted {
            status: item.status,
        });
    }
    let note = note.trim();
    if note.is_empty() {
        return Err(WinRefusal::MissingNote);
    }
    let mut next = item.clone();
    next.wins.push(Win {
        at,
        incident_ref: incident_ref.trim().to_string(),
        note: note.to_string(),
    });
    next.updated_at = Some(at);
    Ok(next)
}
