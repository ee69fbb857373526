//! The app's one workspace, shared through context, and its trip to storage.
//!
//! The contract:
//! - **The workspace is private to this module.** Views read it through the named scopes of
//!   [`reads`], each saying what it follows, so that what a view re-runs on is chosen, not an
//!   accident: a view of one post-mortem cannot wake on every edit elsewhere.
//! - **Edits go through the store** ([`edits`]): each is one undo step ([`history`]), tells
//!   the views that read what it touched ([`triggers`]) and schedules a write ([`save`]).
//!   An action on several items is one step ([`Store::edit_items`]).
//! - **Typing is cheap with 10 or 10,000 items**: a keystroke wakes the views of the item typed
//!   in; the views that follow a post-mortem at a distance catch up once typing pauses for
//!   [`SETTLE_DELAY`].
//! - **Stored data that cannot be read is never overwritten** ([`quarantine`]), and another
//!   tab's newer save is never overwritten without asking ([`tabs`]).

pub mod changes;
pub mod derived;
pub mod dirty;
mod edits;
pub mod history;
pub mod persist;
mod quarantine;
mod reads;
pub mod restore;
mod save;
mod tabs;
mod triggers;

use std::collections::HashMap;
use std::time::Duration;

use followthrough_core::scoring::rescore_workspace;
use followthrough_core::Workspace;
use leptos::prelude::*;

pub use derived::Derived;
pub use dirty::Dirty;
pub use save::{SaveState, SAVE_DEBOUNCE};

use crate::web::timers::TimerSlot;
use history::History;
use persist::Stored;
use triggers::Triggers;

/// What the page does after an undo or redo of one item (see [`Store::on_undo_redo`]).
pub type AfterStep = std::rc::Rc<dyn Fn(&history::Target)>;

/// How long typing must pause before the views that follow a post-mortem at a distance (the
/// board, the checks, the export list, related items) catch up with typed text.
pub const SETTLE_DELAY: Duration = Duration::from_millis(300);

#[derive(Clone, Copy)]
pub struct Store {
    /// The workspace: read through the scopes of [`reads`], changed through [`edits`].
    workspace: RwSignal<Workspace>,
    /// Where the stored copy stands, for the header mark and the banner.
    pub save_state: ReadSignal<SaveState>,
    set_save_state: WriteSignal<SaveState>,
    /// The last thing done or undone, for a quiet notice with an undo button.
    pub notice: ReadSignal<Option<String>>,
    set_notice: WriteSignal<Option<String>>,
    /// Told the item (and field) an undo or redo changed, for the focus to go there (the page
    /// on screen sets it); not called when a step changed more than one item.
    after_step: StoredValue<Option<AfterStep>, LocalStorage>,
    /// Whether undo/redo have anything (the history itself is not reactive).
    pub can_undo: ReadSignal<bool>,
    set_can_undo: WriteSignal<bool>,
    pub can_redo: ReadSignal<bool>,
    set_can_redo: WriteSignal<bool>,
    /// What localStorage holds for this origin, in UTF-16 code units (what the quota counts).
    pub usage: ReadSignal<u64>,
    set_usage: WriteSignal<u64>,
    /// The stored revision this tab's copy is based on.
    revision: StoredValue<u64>,
    /// The save's timer: the pause before it, then its steps.
    timer: TimerSlot,
    history: StoredValue<History, LocalStorage>,
    triggers: StoredValue<Triggers, LocalStorage>,
    /// Where each post-mortem was last found, so that a keystroke does not scan the list.
    positions: StoredValue<HashMap<String, usize>, LocalStorage>,
    /// When the last edit was made: the save timer re-arms until typing has paused.
    last_edit_ms: StoredValue<f64>,
    /// The timer that lets the settled views catch up, and when text was last typed.
    settle_timer: TimerSlot,
    last_typed_ms: StoredValue<f64>,
    /// What the next save must write.
    dirty: StoredValue<Dirty>,
    /// Shards a large save has encoded so far, by post-mortem id; an edit drops its own.
    encoded: StoredValue<HashMap<String, String>, LocalStorage>,
    /// Owners as they were before typing began in an item's owner field, by "pm/item": the
    /// history entry is written once the field is left (`Store::owner_typed_done`).
    owner_typed_from: StoredValue<HashMap<String, String>, LocalStorage>,
}

impl Store {
    /// Reads storage once at start-up.
    pub fn load() -> Store {
        let mut dirty = Dirty::Clean;
        let (workspace, save_state) = match persist::read_workspace() {
            Stored::Nothing => (Workspace::default(), SaveState::Saved),
            Stored::Found { workspace, legacy } => {
                if legacy {
                    // Moved to shards by the first save.
                    dirty = Dirty::All;
                }
                (*workspace, SaveState::Saved)
            }
            Stored::Unreadable {
                raw,
                message,
                readable,
                more,
                ..
            } => {
                // Copies are kept aside before anything else can happen to them.
                (*readable, SaveState::paused(raw, message, more))
            }
            Stored::Unavailable(why) => (Workspace::default(), SaveState::InMemory(why)),
        };
        let store = Store::new(workspace, save_state);
        store.dirty.set_value(dirty);
        store.revision.set_value(persist::read_revision());
        store
            .set_usage
            .set(crate::web::local_storage::usage_units());
        store
    }

    /// A store over a given workspace (also for tests). Priorities are recomputed: a priority
    /// read from storage or a file is never trusted.
    pub fn new(mut workspace: Workspace, save_state: SaveState) -> Store {
        rescore_workspace(&mut workspace);
        let (save_state, set_save_state) = signal(save_state);
        let (notice, set_notice) = signal(None);
        let (can_undo, set_can_undo) = signal(false);
        let (can_redo, set_can_redo) = signal(false);
        let (usage, set_usage) = signal(0);
        Store {
            workspace: RwSignal::new(workspace),
            save_state,
            set_save_state,
            notice,
            set_notice,
            after_step: StoredValue::new_local(None),
            can_undo,
            set_can_undo,
            can_redo,
            set_can_redo,
            usage,
            set_usage,
            revision: StoredValue::new(0),
            timer: StoredValue::new_local(None),
            history: StoredValue::new_local(History::default()),
            triggers: StoredValue::new_local(Triggers::default()),
            positions: StoredValue::new_local(HashMap::new()),
            last_edit_ms: StoredValue::new(0.0),
            settle_timer: StoredValue::new_local(None),
            last_typed_ms: StoredValue::new(0.0),
            dirty: StoredValue::new(Dirty::Clean),
            encoded: StoredValue::new_local(HashMap::new()),
            owner_typed_from: StoredValue::new_local(HashMap::new()),
        }
    }

    pub fn from_context() -> Store {
        expect_context::<Store>()
    }

    /// Says what an action did, in the notice beside the undo button.
    pub fn show_notice(&self, text: String) {
        self.set_notice.set(Some(text));
    }

    /// Calls `then` with what each later undo or redo changed, until `None` is set.
    pub fn on_undo_redo(&self, then: Option<AfterStep>) {
        self.after_step.set_value(then);
    }

    pub fn dismiss_notice(&self) {
        self.set_notice.set(None);
    }
}
