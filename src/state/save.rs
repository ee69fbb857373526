//! The save: a write scheduled after each edit, once typing pauses, in steps when it is large,
//! and at once when the page is hidden ([`Store::flush`]). Only what changed is written.

use std::collections::HashMap;
use std::time::Duration;

use followthrough_core::exchange::{workspace_file, ExportFile};
use followthrough_core::PostMortem;
use leptos::prelude::*;

use super::persist::{self, SaveError};
use super::triggers::Touched;
use super::{Dirty, Store};
use crate::web::timers::{after_pause, cancel, next_task};

/// How long typing may go on before the workspace is written.
pub const SAVE_DEBOUNCE: Duration = Duration::from_millis(250);
/// How long one step of a large save may encode shards before it lets the page run again.
const SAVE_STEP_MS: f64 = 8.0;

/// Where the stored copy stands, for the header mark and the banner.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// Storage holds what is on screen.
    Saved,
    /// A write is scheduled.
    Pending,
    /// The stored value could not be read; nothing is written until the user decides.
    /// A copy is kept under `quarantine` (when storage allowed it).
    Paused {
        raw: String,
        message: String,
        quarantine: Option<String>,
        /// Further unreadable values, kept aside with `raw` before anything is written.
        more: Vec<String>,
    },
    /// Another tab saved newer changes; this tab's edits are held until the user chooses.
    Stale,
    /// No localStorage: the app works in memory only.
    InMemory(String),
    /// The last write failed; data is kept in memory.
    Failed(SaveError),
}

impl Store {
    /// Notes what the next save must write; a shard encoded ahead of the save is out of date
    /// once its post-mortem changes.
    pub(super) fn mark_dirty(&self, touched: &Touched) {
        self.dirty.update_value(|d| match touched {
            Touched::PostMortem { id, .. } => d.mark(id),
            Touched::Settings => d.mark_index(),
            Touched::Everything => *d = Dirty::All,
        });
        self.encoded.update_value(|e| match touched {
            Touched::PostMortem { id, .. } => {
                e.remove(id);
            }
            Touched::Settings => {}
            Touched::Everything => e.clear(),
        });
    }

    /// What the next save will write.
    pub fn unsaved(&self) -> Dirty {
        self.dirty.get_value()
    }

    fn may_write(&self) -> bool {
        !matches!(
            self.save_state.get_untracked(),
            SaveState::Paused { .. } | SaveState::InMemory(_) | SaveState::Stale
        )
    }

    pub(super) fn schedule_save(&self) {
        if !self.may_write() {
            return;
        }
        // Only a change of state notifies: typing keeps it Pending without re-rendering.
        if self.save_state.with_untracked(|s| *s != SaveState::Pending) {
            self.set_save_state.set(SaveState::Pending);
        }
        let store = *self;
        after_pause(self.timer, self.last_edit_ms, SAVE_DEBOUNCE, move || {
            store.save_in_steps()
        });
    }

    /// The debounced save. Compressing a shard is the costly part, and an import or its undo
    /// dirties every post-mortem (10,000 items: the better part of a second at once), so the
    /// shards are encoded in steps of a few milliseconds, each in its own task, and written
    /// together at the end. (Page hidden or closing: [`Store::flush`] writes at once.)
    fn save_in_steps(&self) {
        if !self.save_step(SAVE_STEP_MS) {
            let store = *self;
            next_task(self.timer, move || store.save_in_steps());
        }
    }

    /// One step of a save: encodes shards still to write for about `budget_ms` (at least one),
    /// then, when none is left, writes them all with the index. Returns whether the save is
    /// over (written, refused, or nothing pending). Edits between steps are kept: an edit
    /// drops its post-mortem's encoded shard, which a later step encodes again.
    pub fn save_step(&self, budget_ms: f64) -> bool {
        if !matches!(self.save_state.get_untracked(), SaveState::Pending) {
            return true;
        }
        let deadline = js_sys::Date::now() + budget_ms;
        let all_encoded = self.dirty.with_value(|dirty| {
            self.workspace.with_untracked(|ws| {
                self.encoded
                    .try_update_value(|encoded| {
                        let to_encode: Vec<&PostMortem> = ws
                            .postmortems
                            .iter()
                            .filter(|pm| dirty.includes(&pm.id) && !encoded.contains_key(&pm.id))
                            .collect();
                        for (n, pm) in to_encode.iter().enumerate() {
                            encoded.insert(
                                pm.id.clone(),
                                followthrough_core::storage::encode_postmortem(pm),
                            );
                            if js_sys::Date::now() >= deadline {
                                return n + 1 == to_encode.len();
                            }
                        }
                        true
                    })
                    .unwrap_or(true)
            })
        });
        if all_encoded {
            self.flush();
        }
        all_encoded
    }

    /// Writes now if a write is pending.
    pub fn flush(&self) {
        cancel(self.timer);
        if !matches!(self.save_state.get_untracked(), SaveState::Pending) {
            return;
        }
        let known = self.revision.get_value();
        let result = self.dirty.with_value(|dirty| {
            self.workspace.with_untracked(|ws| {
                self.encoded.with_value(|encoded| {
                    persist::write_workspace_encoded(ws, dirty, known, encoded)
                })
            })
        });
        // Written, or refused (another tab's newer save, a full quota): spent either way.
        self.encoded.update_value(HashMap::clear);
        self.set_save_state.set(match result {
            Ok(revision) => {
                self.revision.set_value(revision);
                self.dirty.set_value(Dirty::Clean);
                SaveState::Saved
            }
            Err(SaveError::Stale { .. }) => SaveState::Stale,
            Err(e) => SaveState::Failed(e),
        });
        self.set_usage.set(crate::web::local_storage::usage_units());
    }

    /// Writes everything afresh, over what is stored: after the user chose this tab's version,
    /// or set an unreadable value aside.
    pub(super) fn write_all_now(&self) {
        self.revision.set_value(persist::read_revision());
        self.dirty.set_value(Dirty::All);
        self.set_save_state.set(SaveState::Pending);
        self.flush();
    }

    /// The whole workspace as a file in the JSON format of record, named for today: what the
    /// export button and the storage banner offer.
    pub fn workspace_file(&self) -> ExportFile {
        self.peek_workspace(|ws| workspace_file(ws, crate::web::clock::today()))
    }
}
