//! The app's one workspace, shared through context, and its trip to storage.
//!
//! Edits go through [`Store::edit`], which schedules a debounced write; the pending write is
//! flushed when the page is hidden, so closing the tab right after a keystroke loses nothing.

use std::time::Duration;

use followthrough_core::Workspace;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use crate::persist::{self, SaveError, Stored, WORKSPACE_KEY};

/// How long typing may go on before the workspace is written.
pub const SAVE_DEBOUNCE: Duration = Duration::from_millis(250);

/// Where the stored copy stands, for the header mark and the banner.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// Storage holds what is on screen.
    Saved,
    /// A write is scheduled.
    Pending,
    /// The stored value could not be read; nothing is written until the user decides.
    Paused { raw: String, message: String },
    /// No localStorage: the app works in memory only.
    InMemory(String),
    /// The last write failed; data is kept in memory.
    Failed(SaveError),
}

#[derive(Clone, Copy)]
pub struct Store {
    pub workspace: RwSignal<Workspace>,
    pub save_state: RwSignal<SaveState>,
    timer: StoredValue<Option<Timeout>, LocalStorage>,
}

impl Store {
    /// Reads storage once at start-up.
    pub fn load() -> Store {
        let (workspace, save_state) = match persist::read(WORKSPACE_KEY) {
            Stored::Nothing => (Workspace::default(), SaveState::Saved),
            Stored::Found(ws) => (*ws, SaveState::Saved),
            Stored::Unreadable { raw, error } => (
                Workspace::default(),
                SaveState::Paused {
                    raw,
                    message: error.to_string(),
                },
            ),
            Stored::Unavailable(why) => (Workspace::default(), SaveState::InMemory(why)),
        };
        Store {
            workspace: RwSignal::new(workspace),
            save_state: RwSignal::new(save_state),
            timer: StoredValue::new_local(None),
        }
    }

    pub fn from_context() -> Store {
        expect_context::<Store>()
    }

    /// Changes the workspace and schedules a write.
    pub fn edit(&self, change: impl FnOnce(&mut Workspace)) {
        self.workspace.update(change);
        self.schedule_save();
    }

    fn may_write(&self) -> bool {
        !matches!(
            self.save_state.get_untracked(),
            SaveState::Paused { .. } | SaveState::InMemory(_)
        )
    }

    fn schedule_save(&self) {
        if !self.may_write() {
            return;
        }
        self.save_state.set(SaveState::Pending);
        let store = *self;
        let timeout = Timeout::new(SAVE_DEBOUNCE.as_millis() as u32, move || store.flush());
        // Replacing the handle drops (cancels) the previous timer.
        self.timer.set_value(Some(timeout));
    }

    /// Writes now if a write is pending.
    pub fn flush(&self) {
        if let Some(timer) = self.timer.try_update_value(|t| t.take()).flatten() {
            timer.cancel();
        }
        if !matches!(self.save_state.get_untracked(), SaveState::Pending) {
            return;
        }
        let result = self
            .workspace
            .with_untracked(|ws| persist::write(WORKSPACE_KEY, ws));
        self.save_state.set(match result {
            Ok(()) => SaveState::Saved,
            Err(e) => SaveState::Failed(e),
        });
    }

    /// Keeps an unreadable stored value under a quarantine key and lets saving resume.
    /// The original text is copied before anything else is written.
    pub fn set_aside_unreadable(&self) -> Result<String, SaveError> {
        let SaveState::Paused { raw, .. } = self.save_state.get_untracked() else {
            return Err(SaveError::Other("nothing to set aside".into()));
        };
        let key = format!("{WORKSPACE_KEY}.quarantine.{}", js_sys::Date::now() as u64);
        persist::write_raw(&key, &raw)?;
        self.save_state.set(SaveState::Pending);
        self.flush();
        Ok(key)
    }
}
