//! Other tabs of the app on the same storage: a tab with nothing unsaved follows another tab's
//! newer save; one with unsaved edits holds them and asks which version to keep.

use followthrough_core::scoring::rescore_workspace;
use leptos::prelude::*;

use super::history::History;
use super::persist::{self, Stored};
use super::triggers::Touched;
use super::{Dirty, SaveState, Store};
use crate::web::timers::cancel;

impl Store {
    /// Another tab wrote `key` (`None`: it cleared storage). The revision is written last by
    /// every save; the older single key may be written by an older version.
    pub fn on_other_tab_write(&self, key: Option<&str>) {
        let ours = key.is_none_or(|k| k == persist::REVISION_KEY || k == persist::WORKSPACE_KEY);
        if ours {
            self.on_storage_changed();
        }
    }

    /// Another tab wrote to storage. With nothing unsaved here, follow it; with unsaved edits,
    /// hold them and ask.
    fn on_storage_changed(&self) {
        if persist::read_revision() <= self.revision.get_value() {
            return;
        }
        match self.save_state.get_untracked() {
            SaveState::Saved => self.load_newer(),
            SaveState::Pending | SaveState::Failed(_) => {
                cancel(self.timer);
                self.set_save_state.set(SaveState::Stale);
            }
            _ => {}
        }
    }

    /// Replaces this tab's copy with the newer stored one (the undo history no longer applies).
    pub fn load_newer(&self) {
        match persist::read_workspace() {
            Stored::Found { workspace, legacy } => {
                let mut ws = *workspace;
                rescore_workspace(&mut ws);
                self.workspace.set(ws);
                self.notify(Touched::Everything);
                // What is on screen is what is stored (unless it came from the older key).
                self.dirty
                    .set_value(if legacy { Dirty::All } else { Dirty::Clean });
                self.revision.set_value(persist::read_revision());
                self.history.set_value(History::default());
                self.sync_history_flags();
                self.set_save_state.set(SaveState::Saved);
                self.show_notice("Loaded the newer version saved in another tab.".into());
            }
            Stored::Unreadable {
                raw, message, more, ..
            } => self
                .set_save_state
                .set(SaveState::paused(raw, message, more)),
            Stored::Nothing | Stored::Unavailable(_) => {}
        }
    }

    /// Keeps this tab's version, writing it over the other tab's. (The other tab may have
    /// written any post-mortem: all are written back.)
    pub fn keep_this_version(&self) {
        self.write_all_now();
    }
}
