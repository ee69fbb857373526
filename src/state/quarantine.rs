//! Stored data that cannot be read: copied aside first, never written over, until the user has
//! downloaded it or chosen to set it aside and start saving again.

use leptos::prelude::*;

use super::persist::{self, SaveError};
use super::{SaveState, Store};

impl SaveState {
    /// Paused over unreadable stored values, each copied aside first (when storage allows).
    pub(super) fn paused(raw: String, message: String, more: Vec<String>) -> SaveState {
        let quarantine = persist::quarantine(&raw).ok();
        for other in &more {
            let _ = persist::quarantine(other);
        }
        SaveState::Paused {
            raw,
            message,
            quarantine,
            more,
        }
    }
}

impl Store {
    /// Resumes saving after an unreadable stored value was kept aside under a quarantine key.
    /// The copy is made (again, if need be) before anything is written over it.
    pub fn set_aside_unreadable(&self) -> Result<String, SaveError> {
        let SaveState::Paused { raw, more, .. } = self.save_state.get_untracked() else {
            return Err(SaveError::Other("nothing to set aside".into()));
        };
        // Every unreadable value is copied aside (again, if need be) before any write.
        for other in &more {
            persist::quarantine(other)?;
        }
        let key = persist::quarantine(&raw)?;
        // Everything readable is written afresh; the unreadable value's key is replaced.
        self.write_all_now();
        Ok(key)
    }
}
