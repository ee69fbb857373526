//! Who hears of an edit: the scoped triggers the read scopes subscribe to, and what an edit
//! touched, so that only the views reading it re-run.
//!
//! A post-mortem has three triggers: its outline (its own fields and list of items), its
//! items' content, and its settled views (which follow typed text once typing pauses). Each
//! item has two: its title, and everything else. The people (owners, statuses, facilitators,
//! the set of items) and the settings have one each. Post-mortem and item triggers are made
//! when first read.

use std::collections::{HashMap, HashSet};

use followthrough_core::ActionItem;
use leptos::prelude::*;

use super::changes::{item_people_changed, only_title_changed};
use super::{Store, SETTLE_DELAY};
use crate::web::timers::{after_pause, cancel};

/// What an edit touched, so that only the views reading it are notified.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Touched {
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
    /// The settings (the people roster): every view may read them (each owner check reads
    /// the roster), but only the stored index, which holds them, changes.
    Settings,
    /// Anything at all (an import, another tab's version, undoing a step that brought a
    /// post-mortem in or took one out).
    Everything,
}

impl Touched {
    /// A post-mortem's own fields, or its list of items.
    pub(super) fn postmortem(id: &str, people: bool, typed: bool) -> Touched {
        Touched::PostMortem {
            id: id.to_string(),
            item: None,
            people,
            typed,
        }
    }

    /// One item of a post-mortem, from `before` to `after`.
    pub(super) fn item(
        pm_id: &str,
        before: &ActionItem,
        after: &ActionItem,
        typed: bool,
    ) -> Touched {
        let change = if only_title_changed(before, after) {
            ItemChange::TitleOnly
        } else {
            ItemChange::More
        };
        Touched::PostMortem {
            id: pm_id.to_string(),
            item: Some((after.id.clone(), change)),
            people: item_people_changed(before, after),
            typed,
        }
    }
}

/// What changed in one item, for [`Store::watch_item`] and [`Store::watch_item_but_title`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum ItemChange {
    TitleOnly,
    More,
}

/// An item's two triggers: its title, and everything else.
#[derive(Default)]
pub(super) struct ItemTriggers {
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

/// The scoped triggers behind the read scopes ([`Store::with_pm`] and the others).
#[derive(Default)]
pub(super) struct Triggers {
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

impl Triggers {
    /// Fires the triggers of what was touched. Returns whether typed text is waiting for the
    /// settled views (then they catch up once typing pauses).
    fn fire(&mut self, touched: Touched) -> bool {
        match touched {
            Touched::PostMortem {
                id,
                item,
                people,
                typed,
            } => {
                if item.is_none() {
                    if let Some(trigger) = self.postmortems.get(&id) {
                        trigger.notify();
                    }
                }
                if let Some(trigger) = self.contents.get(&id) {
                    trigger.notify();
                }
                if let Some(items) = self.items.get(&id) {
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
                    self.people.notify();
                }
                if typed {
                    self.unsettled.insert(id);
                    return true;
                }
                // Anything else is shown everywhere at once (with any text typed before it).
                self.unsettled.remove(&id);
                if let Some(trigger) = self.settled.get(&id) {
                    trigger.notify();
                }
                false
            }
            Touched::Settings | Touched::Everything => {
                for trigger in self
                    .postmortems
                    .values()
                    .chain(self.contents.values())
                    .chain(self.settled.values())
                {
                    trigger.notify();
                }
                for triggers in self.items.values().flat_map(HashMap::values) {
                    triggers.notify(ItemChange::More);
                }
                self.unsettled.clear();
                self.people.notify();
                self.settings.notify();
                false
            }
        }
    }
}

impl Store {
    /// Subscribes the caller to a trigger, made when first asked for.
    fn track(&self, pick: impl FnOnce(&mut Triggers) -> &mut ArcTrigger) {
        if let Some(trigger) = self.triggers.try_update_value(|t| pick(t).clone()) {
            trigger.track();
        }
    }

    /// Subscribes the caller to every change of one post-mortem.
    pub(super) fn track_pm(&self, pm_id: &str) {
        self.track_pm_outline(pm_id);
        self.track(|t| t.contents.entry(pm_id.to_string()).or_default());
    }

    /// Subscribes the caller to one post-mortem's own fields and list of items.
    pub(super) fn track_pm_outline(&self, pm_id: &str) {
        self.track(|t| t.postmortems.entry(pm_id.to_string()).or_default());
    }

    /// Subscribes the caller to changes of one post-mortem, typed text once typing pauses.
    pub(super) fn track_pm_settled(&self, pm_id: &str) {
        self.track(|t| t.settled.entry(pm_id.to_string()).or_default());
    }

    /// Subscribes the caller to an item: to all of it, or to everything but its title.
    pub(super) fn track_item(&self, pm_id: &str, item_id: &str, with_title: bool) {
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

    /// Subscribes the caller to changes of owners, statuses, facilitators and the set of items.
    pub(super) fn track_people(&self) {
        self.triggers.with_value(|t| t.people.track());
    }

    /// Subscribes the caller to changes of the workspace's settings.
    pub(super) fn track_settings(&self) {
        self.triggers.with_value(|t| t.settings.track());
    }

    /// Tells the views that read what an edit touched, and the save what to write. The caller
    /// has updated the workspace signal, which notifies the views over the whole workspace.
    pub(super) fn notify(&self, touched: Touched) {
        self.mark_dirty(&touched);
        let wait_to_settle = self
            .triggers
            .try_update_value(|t| t.fire(touched))
            .unwrap_or(false);
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
    fn settle(&self) {
        cancel(self.settle_timer);
        self.triggers.update_value(|t| {
            for id in std::mem::take(&mut t.unsettled) {
                if let Some(trigger) = t.settled.get(&id) {
                    trigger.notify();
                }
            }
        });
    }
}
