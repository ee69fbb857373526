//! The app's one workspace, shared through context, and its trip to storage.
//!
//! Edits go through [`Store::edit`], which schedules a debounced write; the pending write is
//! flushed when the page is hidden, so closing the tab right after a keystroke loses nothing.
//!
//! Reactivity is scoped so that a keystroke costs the same with 10 or 10,000 items: views of
//! one post-mortem read it through [`Store::with_pm`] and re-run only when that post-mortem
//! changes; the owner counts and people list re-run only when an owner, a status or the set
//! of items changes ([`Store::track_people`]); settings have their own trigger. Views over the
//! whole workspace (list, portfolio, review, dashboard) read `workspace` and re-run on any edit.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use followthrough_core::drafting::{self, Draft, DraftRefusal};
use followthrough_core::scoring::rescore_workspace;
use followthrough_core::{ActionItem, PostMortem, Workspace};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use crate::clock;
use crate::history::{Change, History, Step};
use crate::persist::{self, Dirty, SaveError, Stored};

/// How long typing may go on before the workspace is written.
pub const SAVE_DEBOUNCE: Duration = Duration::from_millis(250);
/// How long one step of a large save may encode shards before it lets the page run again.
const SAVE_STEP_MS: f64 = 8.0;
/// How long typing must pause before the views that follow a post-mortem at a distance (the
/// board, the checks, the export list, related items) catch up with typed text.
pub const SETTLE_DELAY: Duration = Duration::from_millis(300);

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

/// What an edit touched, so that only the views reading it are notified.
#[derive(Clone, Debug, PartialEq)]
enum Touched {
    /// One post-mortem (or one of its items); `people` when owners, statuses or the set of
    /// items changed, which the owner counts and the people list depend on; `typed` when it was
    /// a keystroke in a text field, which the settled views follow only once typing pauses.
    PostMortem {
        id: String,
        /// The one item changed, when it was one item: only that item's views re-run (only
        /// those showing its title, when the title is all that changed).
        item: Option<(String, ItemChange)>,
        people: bool,
        typed: bool,
    },
    /// Anything at all (an import, undo, another tab's version).
    Everything,
}

/// What changed in one item, for [`Store::watch_item`] and [`Store::watch_item_but_title`].
#[derive(Clone, Copy, Debug, PartialEq)]
enum ItemChange {
    TitleOnly,
    More,
}

/// An item's two triggers: its title, and everything else.
#[derive(Default)]
struct ItemTriggers {
    title: ArcTrigger,
    rest: ArcTrigger,
}

impl ItemTriggers {
    fn notify(&self, change: ItemChange) {
        self.title.notify();
        if change == ItemChange::More {
            self.rest.notify();
        }
    }
}

/// The scoped triggers behind [`Store::with_pm`], [`Store::track_people`] and
/// [`Store::track_settings`]. Post-mortem triggers are made when first read.
#[derive(Default)]
struct Triggers {
    postmortems: HashMap<String, ArcTrigger>,
    /// Per post-mortem, for its items' content ([`Store::with_pm`] tracks both; views of the
    /// post-mortem's own fields and list of items use [`Store::with_pm_outline`]).
    contents: HashMap<String, ArcTrigger>,
    /// Per item, by post-mortem, for the item rows ([`Store::watch_item`]).
    items: HashMap<String, HashMap<String, ItemTriggers>>,
    /// Per post-mortem, for the views that follow it once typing pauses ([`Store::with_pm_settled`]).
    settled: HashMap<String, ArcTrigger>,
    /// Post-mortems typed in since their settled views last caught up.
    unsettled: HashSet<String>,
    people: ArcTrigger,
    settings: ArcTrigger,
}

/// One item of a post-mortem, cloned.
fn find_item(pm: Option<&PostMortem>, item_id: &str) -> Option<ActionItem> {
    pm?.action_items.iter().find(|i| i.id == item_id).cloned()
}

/// Whether an edit changed an item's title and nothing else but the time of the change (the
/// title's views follow it; the rest of the row, which shows neither, need not re-run).
fn only_title_changed(before: &ActionItem, after: &ActionItem) -> bool {
    before.title != after.title && {
        let mut same = before.clone();
        same.title.clone_from(&after.title);
        same.updated_at = after.updated_at;
        same == *after
    }
}

/// Whether an edit of an item can change the owner counts (who owns which open items).
fn item_people_changed(before: &ActionItem, after: &ActionItem) -> bool {
    before.owner != after.owner || before.status != after.status
}

/// Whether an edit of a post-mortem can change who owns open items or who takes part.
fn people_changed(before: &PostMortem, after: &PostMortem) -> bool {
    before.facilitator != after.facilitator
        || before.action_items.len() != after.action_items.len()
        || before
            .action_items
            .iter()
            .zip(&after.action_items)
            .any(|(b, a)| item_people_changed(b, a))
}

/// Runs `then` once `pause` has passed since the last call for this `slot`. A call only notes
/// the time in `last_ms`; one timer waits, re-arming itself while calls keep coming, instead of
/// a timer made and cancelled per keystroke.
fn after_pause(
    slot: StoredValue<Option<Timeout>, LocalStorage>,
    last_ms: StoredValue<f64>,
    pause: Duration,
    then: impl FnOnce() + 'static,
) {
    last_ms.set_value(js_sys::Date::now());
    if slot.with_value(|t| t.is_none()) {
        arm_after_pause(slot, last_ms, pause, pause.as_millis() as u32, then);
    }
}

/// Arms `slot` to run `then` once `pause` has passed since the time in `last_ms`, first checking
/// after `wait_ms`.
fn arm_after_pause(
    slot: StoredValue<Option<Timeout>, LocalStorage>,
    last_ms: StoredValue<f64>,
    pause: Duration,
    wait_ms: u32,
    then: impl FnOnce() + 'static,
) {
    let timeout = Timeout::new(wait_ms, move || {
        slot.set_value(None);
        let quiet_for = js_sys::Date::now() - last_ms.get_value();
        let pause_ms = pause.as_millis() as f64;
        if quiet_for < pause_ms {
            arm_after_pause(
                slot,
                last_ms,
                pause,
                (pause_ms - quiet_for).ceil() as u32,
                then,
            );
        } else {
            then();
        }
    });
    slot.set_value(Some(timeout));
}

impl SaveState {
    /// Paused over unreadable stored values, each copied aside first (when storage allows).
    fn paused(raw: String, message: String, more: Vec<String>) -> SaveState {
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

#[derive(Clone, Copy)]
pub struct Store {
    /// The workspace. Reading it with `with`/`get` subscribes to every edit: views of one
    /// post-mortem use [`Store::with_pm`] instead.
    pub workspace: RwSignal<Workspace>,
    pub save_state: RwSignal<SaveState>,
    /// The last thing done or undone, for a quiet notice with an undo button.
    pub notice: RwSignal<Option<String>>,
    /// Whether undo/redo have anything (the history itself is not reactive).
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    /// What localStorage holds for this origin, in UTF-16 code units (what the quota counts).
    pub usage: RwSignal<u64>,
    /// The stored revision this tab's copy is based on.
    revision: StoredValue<u64>,
    timer: StoredValue<Option<Timeout>, LocalStorage>,
    history: StoredValue<History, LocalStorage>,
    triggers: StoredValue<Triggers, LocalStorage>,
    /// Where each post-mortem was last found, so that a keystroke does not scan the list.
    positions: StoredValue<HashMap<String, usize>, LocalStorage>,
    /// When the last edit was made: the save timer re-arms until typing has paused.
    last_edit_ms: StoredValue<f64>,
    /// The timer that lets the settled views catch up, and when text was last typed.
    settle_timer: StoredValue<Option<Timeout>, LocalStorage>,
    last_typed_ms: StoredValue<f64>,
    /// What the next save must write.
    dirty: StoredValue<Dirty>,
    /// Shards a large save has encoded so far, by post-mortem id; an edit drops its own.
    encoded: StoredValue<HashMap<String, String>, LocalStorage>,
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
        store.usage.set(persist::usage_units());
        store
    }

    /// A store over a given workspace (also for tests). Priorities are recomputed: a priority
    /// read from storage or a file is never trusted.
    pub fn new(mut workspace: Workspace, save_state: SaveState) -> Store {
        rescore_workspace(&mut workspace);
        Store {
            workspace: RwSignal::new(workspace),
            save_state: RwSignal::new(save_state),
            notice: RwSignal::new(None),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            usage: RwSignal::new(0),
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
        }
    }

    /// Reads one post-mortem, re-running the caller only when that post-mortem changes.
    pub fn with_pm<R>(&self, pm_id: &str, read: impl FnOnce(Option<&PostMortem>) -> R) -> R {
        self.track_pm(pm_id);
        self.read_pm(pm_id, read)
    }

    /// Reads one post-mortem's own fields or its list of items (ids, count): re-runs the caller
    /// when those change, not when an item's content does — a keystroke in an item does not
    /// reach the header. (Its `updated_at` does not follow item edits here.)
    pub fn with_pm_outline<R>(
        &self,
        pm_id: &str,
        read: impl FnOnce(Option<&PostMortem>) -> R,
    ) -> R {
        self.track_pm_outline(pm_id);
        self.read_pm(pm_id, read)
    }

    fn read_pm<R>(&self, pm_id: &str, read: impl FnOnce(Option<&PostMortem>) -> R) -> R {
        self.workspace.with_untracked(|ws| {
            read(
                self.position(ws, pm_id)
                    .and_then(|index| ws.postmortems.get(index)),
            )
        })
    }

    /// The index of a post-mortem, from the cache when it is still right.
    fn position(&self, ws: &Workspace, pm_id: &str) -> Option<usize> {
        let cached = self
            .positions
            .try_with_value(|p| p.get(pm_id).copied())
            .flatten();
        if let Some(index) = cached {
            if ws.postmortems.get(index).is_some_and(|pm| pm.id == pm_id) {
                return Some(index);
            }
        }
        let index = ws.postmortems.iter().position(|pm| pm.id == pm_id)?;
        self.positions.update_value(|p| {
            p.insert(pm_id.to_string(), index);
        });
        Some(index)
    }

    /// One post-mortem to change, found through the position cache.
    fn pm_mut<'a>(&self, ws: &'a mut Workspace, pm_id: &str) -> Option<&'a mut PostMortem> {
        let index = self.position(ws, pm_id)?;
        ws.postmortems.get_mut(index)
    }

    /// Subscribes the caller to a trigger, made when first asked for.
    fn track(&self, pick: impl FnOnce(&mut Triggers) -> &mut ArcTrigger) {
        if let Some(trigger) = self.triggers.try_update_value(|t| pick(t).clone()) {
            trigger.track();
        }
    }

    /// Subscribes the caller to changes of one post-mortem.
    pub fn track_pm(&self, pm_id: &str) {
        self.track_pm_outline(pm_id);
        self.track(|t| t.contents.entry(pm_id.to_string()).or_default());
    }

    /// Subscribes the caller to one post-mortem's own fields and list of items.
    pub fn track_pm_outline(&self, pm_id: &str) {
        self.track(|t| t.postmortems.entry(pm_id.to_string()).or_default());
    }

    /// Reads one post-mortem for a view that follows it at a distance: it re-runs on every
    /// change except typed text, which reaches it once typing pauses for [`SETTLE_DELAY`] — so
    /// a keystroke re-renders the item being typed in, not the board, checks and lists too.
    pub fn with_pm_settled<R>(
        &self,
        pm_id: &str,
        read: impl FnOnce(Option<&PostMortem>) -> R,
    ) -> R {
        self.track_pm_settled(pm_id);
        self.read_pm(pm_id, read)
    }

    /// Subscribes the caller to changes of one post-mortem, typed text once typing pauses.
    pub fn track_pm_settled(&self, pm_id: &str) {
        self.track(|t| t.settled.entry(pm_id.to_string()).or_default());
    }

    /// Subscribes the caller to changes of owners, statuses, facilitators and the set of items.
    pub fn track_people(&self) {
        self.triggers.with_value(|t| t.people.track());
    }

    /// Subscribes the caller to changes of the workspace's settings.
    pub fn track_settings(&self) {
        self.triggers.with_value(|t| t.settings.track());
    }

    /// Tells the views that read what an edit touched. The workspace signal itself has been
    /// updated by the caller, which notifies the views over the whole workspace.
    fn notify(&self, touched: Touched) {
        self.dirty.update_value(|d| match &touched {
            Touched::PostMortem { id, .. } => d.mark(id),
            Touched::Everything => *d = Dirty::All,
        });
        // A shard encoded ahead of the save is out of date once its post-mortem changes.
        self.encoded.update_value(|e| match &touched {
            Touched::PostMortem { id, .. } => {
                e.remove(id);
            }
            Touched::Everything => e.clear(),
        });
        let mut wait_to_settle = false;
        self.triggers.update_value(|t| match touched {
            Touched::PostMortem {
                id,
                item,
                people,
                typed,
            } => {
                if item.is_none() {
                    if let Some(trigger) = t.postmortems.get(&id) {
                        trigger.notify();
                    }
                }
                if let Some(trigger) = t.contents.get(&id) {
                    trigger.notify();
                }
                if let Some(items) = t.items.get(&id) {
                    match item {
                        Some((item, change)) => {
                            if let Some(triggers) = items.get(&item) {
                                triggers.notify(change);
                            }
                        }
                        // A change of the post-mortem as a whole may re-score every item.
                        None => items.values().for_each(|i| i.notify(ItemChange::More)),
                    }
                }
                if people {
                    t.people.notify();
                }
                if typed {
                    t.unsettled.insert(id);
                    wait_to_settle = true;
                } else {
                    // Anything else is shown everywhere at once (with any text typed before it).
                    t.unsettled.remove(&id);
                    if let Some(trigger) = t.settled.get(&id) {
                        trigger.notify();
                    }
                }
            }
            Touched::Everything => {
                for trigger in t
                    .postmortems
                    .values()
                    .chain(t.contents.values())
                    .chain(t.settled.values())
                {
                    trigger.notify();
                }
                for triggers in t.items.values().flat_map(HashMap::values) {
                    triggers.notify(ItemChange::More);
                }
                t.unsettled.clear();
                t.people.notify();
                t.settings.notify();
            }
        });
        if wait_to_settle {
            let store = *self;
            after_pause(
                self.settle_timer,
                self.last_typed_ms,
                SETTLE_DELAY,
                move || store.settle(),
            );
        }
    }

    /// Lets the settled views catch up with everything typed so far.
    pub fn settle(&self) {
        if let Some(timer) = self.settle_timer.try_update_value(|t| t.take()).flatten() {
            timer.cancel();
        }
        self.triggers.update_value(|t| {
            for id in std::mem::take(&mut t.unsettled) {
                if let Some(trigger) = t.settled.get(&id) {
                    trigger.notify();
                }
            }
        });
    }

    pub fn from_context() -> Store {
        expect_context::<Store>()
    }

    /// Changes the workspace and schedules a write.
    pub fn edit(&self, change: impl FnOnce(&mut Workspace)) {
        self.workspace.update(change);
        self.notify(Touched::Everything);
        self.schedule_save();
    }

    /// Records an undoable step and schedules a write.
    fn commit(&self, label: String, key: Option<String>, changes: Vec<Change>) {
        if changes.is_empty() {
            return;
        }
        self.history.update_value(|h| {
            h.record(Step {
                label,
                key,
                at_ms: js_sys::Date::now(),
                changes,
            })
        });
        self.sync_history_flags();
        self.schedule_save();
    }

    fn sync_history_flags(&self) {
        let (undo, redo) = self.history.with_value(|h| (h.can_undo(), h.can_redo()));
        // Set only on a change: typing would otherwise re-render the buttons per keystroke.
        if self.can_undo.get_untracked() != undo {
            self.can_undo.set(undo);
        }
        if self.can_redo.get_untracked() != redo {
            self.can_redo.set(redo);
        }
    }

    /// One item, cloned, if it exists, for its row: the caller re-runs when this item changes
    /// or its post-mortem changes as a whole, not when another item is typed in.
    pub fn watch_item(&self, pm_id: &str, item_id: &str) -> Option<ActionItem> {
        // The title trigger fires on every change of the item, the title's or not.
        self.track_item(pm_id, item_id, true);
        self.read_pm(pm_id, |pm| find_item(pm, item_id))
    }

    /// [`Store::watch_item`] for the parts of a row that do not show the title: the caller
    /// does not re-run when only the title changed, so the copy's title (and `updated_at`)
    /// may be out of date.
    /// Never write it back: read the item afresh ([`Store::item`]) to change it.
    pub fn watch_item_but_title(&self, pm_id: &str, item_id: &str) -> Option<ActionItem> {
        self.with_pm_for_item(pm_id, item_id, |pm| find_item(pm, item_id))
    }

    /// Subscribes the caller to an item: to all of it, or to everything but its title.
    fn track_item(&self, pm_id: &str, item_id: &str, with_title: bool) {
        self.track(|t| {
            let triggers = t
                .items
                .entry(pm_id.to_string())
                .or_default()
                .entry(item_id.to_string())
                .or_default();
            if with_title {
                &mut triggers.title
            } else {
                &mut triggers.rest
            }
        });
    }

    /// Reads an item's post-mortem for the item's row: re-runs the caller when the item
    /// changes (except its title alone) or the post-mortem as a whole does.
    pub fn with_pm_for_item<R>(
        &self,
        pm_id: &str,
        item_id: &str,
        read: impl FnOnce(Option<&PostMortem>) -> R,
    ) -> R {
        self.track_item(pm_id, item_id, false);
        self.read_pm(pm_id, read)
    }

    /// One item, cloned, if it exists (tracking its post-mortem).
    pub fn item(&self, pm_id: &str, item_id: &str) -> Option<ActionItem> {
        self.with_pm(pm_id, |pm| find_item(pm, item_id))
    }

    /// Edits one item; priority and default due date are re-derived by the core. `field` names
    /// the field so that typing in it becomes one undo step.
    pub fn edit_item(
        &self,
        pm_id: &str,
        item_id: &str,
        field: &str,
        change: impl FnOnce(&mut ActionItem),
    ) {
        self.change_item(pm_id, item_id, field, false, change);
    }

    /// A keystroke in one of an item's text fields: an edit that the settled views (board,
    /// checks, lists) follow once typing pauses.
    pub fn type_in_item(
        &self,
        pm_id: &str,
        item_id: &str,
        field: &str,
        change: impl FnOnce(&mut ActionItem),
    ) {
        self.change_item(pm_id, item_id, field, true, change);
    }

    fn change_item(
        &self,
        pm_id: &str,
        item_id: &str,
        field: &str,
        typed: bool,
        change: impl FnOnce(&mut ActionItem),
    ) {
        let now = clock::now();
        let mut recorded = None;
        // An edit that changes nothing (a re-typed value, a blur) notifies no one.
        self.workspace.maybe_update(|ws| {
            let settings = ws.settings.clone();
            let Some(pm) = self.pm_mut(ws, pm_id) else {
                return false;
            };
            let Some(index) = pm.action_items.iter().position(|i| i.id == item_id) else {
                return false;
            };
            let before = pm.action_items[index].clone();
            let mut edited = before.clone();
            change(&mut edited);
            let after = drafting::settle(&before, edited, pm, now, &settings);
            if after == before {
                return false;
            }
            pm.action_items[index] = after.clone();
            pm.updated_at = Some(now);
            recorded = Some(Change::Item {
                pm_id: pm_id.to_string(),
                index,
                before: Some(before),
                after: Some(after),
            });
            true
        });
        if let Some(change) = recorded {
            let item_change = match &change {
                Change::Item {
                    before: Some(b),
                    after: Some(a),
                    ..
                } if only_title_changed(b, a) => ItemChange::TitleOnly,
                _ => ItemChange::More,
            };
            let people = matches!(&change, Change::Item { before: Some(b), after: Some(a), .. }
                if item_people_changed(b, a));
            self.notify(Touched::PostMortem {
                id: pm_id.to_string(),
                item: Some((item_id.to_string(), item_change)),
                people,
                typed,
            });
            self.commit(
                format!("{field} of {item_id}"),
                Some(format!("{item_id}/{field}")),
                vec![change],
            );
        }
    }

    /// Replaces one item with a version the core produced (a lifecycle move, a noted due-date
    /// change), as one undo step.
    pub fn replace_item(&self, pm_id: &str, updated: ActionItem, label: &str) {
        let item_id = updated.id.clone();
        self.edit_item(pm_id, &item_id, label, move |item| *item = updated);
    }

    /// Adds an item from the quick-add line; returns its id.
    pub fn add_item(&self, pm_id: &str, draft: Draft) -> Result<String, DraftRefusal> {
        let now = clock::now();
        let mut result = Err(DraftRefusal::EmptyTitle);
        let mut recorded = None;
        self.workspace.maybe_update(|ws| {
            let settings = ws.settings.clone();
            let Some(pm) = self.pm_mut(ws, pm_id) else {
                return false;
            };
            result = drafting::new_item(pm, draft, now, &settings).map(|item| {
                let id = item.id.clone();
                let index = pm.action_items.len();
                pm.action_items.push(item.clone());
                pm.updated_at = Some(now);
                recorded = Some(Change::Item {
                    pm_id: pm_id.to_string(),
                    index,
                    before: None,
                    after: Some(item),
                });
                id
            });
            result.is_ok()
        });
        if let (Some(change), Ok(id)) = (recorded, &result) {
            self.notify(Touched::PostMortem {
                id: pm_id.to_string(),
                item: None,
                people: true,
                typed: false,
            });
            self.commit(format!("add {id}"), None, vec![change]);
        }
        result
    }

    /// Deletes an item; the notice offers to undo it.
    pub fn delete_item(&self, pm_id: &str, item_id: &str) {
        let mut recorded = None;
        self.workspace.maybe_update(|ws| {
            let Some(pm) = self.pm_mut(ws, pm_id) else {
                return false;
            };
            let Some(index) = pm.action_items.iter().position(|i| i.id == item_id) else {
                return false;
            };
            let before = pm.action_items.remove(index);
            recorded = Some(Change::Item {
                pm_id: pm_id.to_string(),
                index,
                before: Some(before),
                after: None,
            });
            true
        });
        if let Some(change) = recorded {
            self.notify(Touched::PostMortem {
                id: pm_id.to_string(),
                item: None,
                people: true,
                typed: false,
            });
            self.commit(format!("delete {item_id}"), None, vec![change]);
            self.notice.set(Some(format!("Deleted {item_id}.")));
        }
    }

    /// Edits a post-mortem as a whole (header fields, moving items out, status). Items are
    /// re-scored, since severity decides the SEV1 override.
    pub fn edit_postmortem(&self, pm_id: &str, field: &str, change: impl FnOnce(&mut PostMortem)) {
        self.change_postmortem(pm_id, field, false, change);
    }

    /// A keystroke in one of a post-mortem's text fields (see [`Store::type_in_item`]).
    pub fn type_in_postmortem(
        &self,
        pm_id: &str,
        field: &str,
        change: impl FnOnce(&mut PostMortem),
    ) {
        self.change_postmortem(pm_id, field, true, change);
    }

    fn change_postmortem(
        &self,
        pm_id: &str,
        field: &str,
        typed: bool,
        change: impl FnOnce(&mut PostMortem),
    ) {
        let now = clock::now();
        let mut recorded = None;
        let mut people = false;
        self.workspace.maybe_update(|ws| {
            let settings = ws.settings.clone();
            let Some(index) = ws.postmortems.iter().position(|p| p.id == pm_id) else {
                return false;
            };
            let before = ws.postmortems[index].clone();
            let mut after = before.clone();
            change(&mut after);
            if after.severity != before.severity || after.status != before.status {
                drafting::settle_all(&mut after, now, &settings);
            }
            if after == before {
                return false;
            }
            after.updated_at = Some(now);
            people = people_changed(&before, &after);
            ws.postmortems[index] = after.clone();
            recorded = Some(Change::PostMortem {
                index,
                before: Some(before),
                after: Some(after),
            });
            true
        });
        if let Some(change) = recorded {
            self.notify(Touched::PostMortem {
                id: pm_id.to_string(),
                item: None,
                people,
                typed,
            });
            self.commit(
                format!("{field} of {pm_id}"),
                Some(format!("{pm_id}/{field}")),
                vec![change],
            );
        }
    }

    /// Adds a new post-mortem at the top of the list.
    pub fn add_postmortem(&self, pm: PostMortem) {
        let label = format!("create {}", pm.id);
        self.workspace
            .update(|ws| ws.postmortems.insert(0, pm.clone()));
        self.notify(Touched::PostMortem {
            id: pm.id.clone(),
            item: None,
            people: true,
            typed: false,
        });
        self.commit(
            label,
            None,
            vec![Change::PostMortem {
                index: 0,
                before: None,
                after: Some(pm),
            }],
        );
    }

    /// Replaces the workspace (an import) as one undoable step: every post-mortem added,
    /// removed or changed, and the settings, are recorded.
    pub fn replace_workspace(&self, next: Workspace, label: &str) {
        let mut changes = Vec::new();
        self.workspace.update(|ws| {
            // By id: an import of 1,000 post-mortems over 1,000 is not a million comparisons.
            let by_id = |w: &Workspace| -> HashMap<String, usize> {
                w.postmortems
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(i, pm)| (pm.id.clone(), i))
                    .collect()
            };
            let (old_ids, next_ids) = (by_id(ws), by_id(&next));
            // Removed, from the end so that indices stay right on undo.
            for (index, pm) in ws.postmortems.iter().enumerate().rev() {
                if !next_ids.contains_key(&pm.id) {
                    changes.push(Change::PostMortem {
                        index,
                        before: Some(pm.clone()),
                        after: None,
                    });
                }
            }
            for (index, pm) in next.postmortems.iter().enumerate() {
                match old_ids.get(&pm.id).map(|&i| &ws.postmortems[i]) {
                    None => changes.push(Change::PostMortem {
                        index,
                        before: None,
                        after: Some(pm.clone()),
                    }),
                    Some(old) if old != pm => changes.push(Change::PostMortem {
                        index,
                        before: Some(old.clone()),
                        after: Some(pm.clone()),
                    }),
                    Some(_) => {}
                }
            }
            if ws.settings != next.settings {
                changes.push(Change::Settings {
                    before: ws.settings.clone(),
                    after: next.settings.clone(),
                });
            }
            *ws = next;
        });
        self.notify(Touched::Everything);
        self.commit(label.to_string(), None, changes);
    }

    pub fn undo(&self) {
        let mut label = None;
        self.workspace.maybe_update(|ws| {
            label = self.history.try_update_value(|h| h.undo(ws)).flatten();
            label.is_some()
        });
        if let Some(label) = label {
            self.notify(Touched::Everything);
            self.notice.set(Some(format!("Undone: {label}.")));
            self.sync_history_flags();
            self.schedule_save();
        }
    }

    pub fn redo(&self) {
        let mut label = None;
        self.workspace.maybe_update(|ws| {
            label = self.history.try_update_value(|h| h.redo(ws)).flatten();
            label.is_some()
        });
        if let Some(label) = label {
            self.notify(Touched::Everything);
            self.notice.set(Some(format!("Redone: {label}.")));
            self.sync_history_flags();
            self.schedule_save();
        }
    }

    fn may_write(&self) -> bool {
        !matches!(
            self.save_state.get_untracked(),
            SaveState::Paused { .. } | SaveState::InMemory(_) | SaveState::Stale
        )
    }

    fn schedule_save(&self) {
        if !self.may_write() {
            return;
        }
        // Only a change of state notifies: typing keeps it Pending without re-rendering.
        if self.save_state.with_untracked(|s| *s != SaveState::Pending) {
            self.save_state.set(SaveState::Pending);
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
            let step = Timeout::new(0, move || {
                store.timer.set_value(None);
                store.save_in_steps();
            });
            self.timer.set_value(Some(step));
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
        if let Some(timer) = self.timer.try_update_value(|t| t.take()).flatten() {
            timer.cancel();
        }
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
        self.save_state.set(match result {
            Ok(revision) => {
                self.revision.set_value(revision);
                self.dirty.set_value(Dirty::Clean);
                SaveState::Saved
            }
            Err(SaveError::Stale { .. }) => SaveState::Stale,
            Err(e) => SaveState::Failed(e),
        });
        self.usage.set(persist::usage_units());
    }

    /// Another tab wrote to storage. With nothing unsaved here, follow it; with unsaved edits,
    /// hold them and ask.
    pub fn on_storage_changed(&self) {
        if persist::read_revision() <= self.revision.get_value() {
            return;
        }
        match self.save_state.get_untracked() {
            SaveState::Saved => self.load_newer(),
            SaveState::Pending | SaveState::Failed(_) => {
                if let Some(timer) = self.timer.try_update_value(|t| t.take()).flatten() {
                    timer.cancel();
                }
                self.save_state.set(SaveState::Stale);
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
                self.save_state.set(SaveState::Saved);
                self.notice.set(Some(
                    "Loaded the newer version saved in another tab.".into(),
                ));
            }
            Stored::Unreadable {
                raw, message, more, ..
            } => self.save_state.set(SaveState::paused(raw, message, more)),
            Stored::Nothing | Stored::Unavailable(_) => {}
        }
    }

    /// Keeps this tab's version, writing it over the other tab's.
    pub fn keep_this_version(&self) {
        self.revision.set_value(persist::read_revision());
        // The other tab may have written any post-mortem: write them all back.
        self.dirty.set_value(Dirty::All);
        self.save_state.set(SaveState::Pending);
        self.flush();
    }

    /// The whole workspace as the JSON format of record.
    pub fn export_text(&self) -> String {
        self.workspace
            .with_untracked(followthrough_core::storage::save_workspace)
    }

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
        self.revision.set_value(persist::read_revision());
        // Everything readable is written afresh; the unreadable value's key is replaced.
        self.dirty.set_value(Dirty::All);
        self.save_state.set(SaveState::Pending);
        self.flush();
        Ok(key)
    }
}
