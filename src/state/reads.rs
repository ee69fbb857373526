//! The read scopes: the only ways to read the workspace. Each says what the caller re-runs on;
//! pick the narrowest that shows what the view shows.
//!
//! | scope | re-runs the caller when |
//! |---|---|
//! | [`Store::watch_item`] | the item changes, or its post-mortem as a whole |
//! | [`Store::watch_item_but_title`], [`Store::with_pm_for_item`] | the same, except a change of the title alone |
//! | [`Store::with_pm_outline`] | the post-mortem's own fields or its list of items change (not an item's content) |
//! | [`Store::with_pm`], [`Store::item`] | anything in the post-mortem changes, each keystroke included |
//! | [`Store::with_pm_settled`] | anything in the post-mortem changes; typed text once typing pauses |
//! | [`Store::with_people`] | an owner, a status, a facilitator or the set of items changes |
//! | [`Store::with_settings`] | the settings change |
//! | [`Store::with_workspace`] | anything changes, each keystroke included: views over all post-mortems only |
//! | `peek_*` | never: what an action starts from, or what does not change while the caller is shown |

use followthrough_core::{ActionItem, PostMortem, Settings, Workspace};
use leptos::prelude::*;

use super::Store;

/// One item of a post-mortem, cloned.
fn find_item(pm: Option<&PostMortem>, item_id: &str) -> Option<ActionItem> {
    pm?.action_items.iter().find(|i| i.id == item_id).cloned()
}

impl Store {
    /// Reads one post-mortem, re-running the caller on any change of it (each keystroke in
    /// any of its items).
    pub fn with_pm<R>(&self, pm_id: &str, read: impl FnOnce(Option<&PostMortem>) -> R) -> R {
        self.track_pm(pm_id);
        self.peek_pm(pm_id, read)
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
        self.peek_pm(pm_id, read)
    }

    /// Reads one post-mortem for a view that follows it at a distance: it re-runs on every
    /// change except typed text, which reaches it once typing pauses for
    /// [`super::SETTLE_DELAY`] — so a keystroke re-renders the item being typed in, not the
    /// board, checks and lists too.
    pub fn with_pm_settled<R>(
        &self,
        pm_id: &str,
        read: impl FnOnce(Option<&PostMortem>) -> R,
    ) -> R {
        self.track_pm_settled(pm_id);
        self.peek_pm(pm_id, read)
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
        self.peek_pm(pm_id, read)
    }

    /// One item, cloned, if it exists, for its row: the caller re-runs when this item changes
    /// or its post-mortem changes as a whole, not when another item is typed in.
    pub fn watch_item(&self, pm_id: &str, item_id: &str) -> Option<ActionItem> {
        // The title trigger fires on every change of the item, the title's or not.
        self.track_item(pm_id, item_id, true);
        self.peek_item(pm_id, item_id)
    }

    /// [`Store::watch_item`] for the parts of a row that do not show the title: the caller
    /// does not re-run when only the title changed, so the copy's title (and `updated_at`)
    /// may be out of date.
    /// Never write it back: read the item afresh ([`Store::peek_item`]) to change it.
    pub fn watch_item_but_title(&self, pm_id: &str, item_id: &str) -> Option<ActionItem> {
        self.with_pm_for_item(pm_id, item_id, |pm| find_item(pm, item_id))
    }

    /// One item, cloned, if it exists (re-running the caller on any change of its post-mortem).
    pub fn item(&self, pm_id: &str, item_id: &str) -> Option<ActionItem> {
        self.with_pm(pm_id, |pm| find_item(pm, item_id))
    }

    /// Reads the whole workspace for what depends on who owns what: re-runs the caller when an
    /// owner, a status, a facilitator or the set of items changes, not on a keystroke in a
    /// title.
    pub fn with_people<R>(&self, read: impl FnOnce(&Workspace) -> R) -> R {
        self.track_people();
        self.peek_workspace(read)
    }

    /// Reads the workspace's settings, re-running the caller when they change.
    pub fn with_settings<R>(&self, read: impl FnOnce(&Settings) -> R) -> R {
        self.track_settings();
        self.peek_workspace(|ws| read(&ws.settings))
    }

    /// Reads the whole workspace and re-runs the caller on every edit, each keystroke
    /// included: for the views over all post-mortems (list, portfolio, review, dashboard),
    /// never for a view that is shown while someone types (the meeting page).
    pub fn with_workspace<R>(&self, read: impl FnOnce(&Workspace) -> R) -> R {
        self.workspace.with(read)
    }

    /// Reads the whole workspace without following it: for what an action starts from (an
    /// export, an import's preview) and for other post-mortems that do not change while the
    /// caller is shown.
    pub fn peek_workspace<R>(&self, read: impl FnOnce(&Workspace) -> R) -> R {
        self.workspace.with_untracked(read)
    }

    /// Reads one post-mortem without following it (what an action starts from).
    pub fn peek_pm<R>(&self, pm_id: &str, read: impl FnOnce(Option<&PostMortem>) -> R) -> R {
        self.workspace.with_untracked(|ws| {
            read(
                self.position(ws, pm_id)
                    .and_then(|index| ws.postmortems.get(index)),
            )
        })
    }

    /// One item as it is now, cloned, without following it: what a change must start from.
    pub fn peek_item(&self, pm_id: &str, item_id: &str) -> Option<ActionItem> {
        self.peek_pm(pm_id, |pm| find_item(pm, item_id))
    }

    /// The index of a post-mortem, from the cache when it is still right.
    pub(super) fn position(&self, ws: &Workspace, pm_id: &str) -> Option<usize> {
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
    pub(super) fn pm_mut<'a>(
        &self,
        ws: &'a mut Workspace,
        pm_id: &str,
    ) -> Option<&'a mut PostMortem> {
        let index = self.position(ws, pm_id)?;
        ws.postmortems.get_mut(index)
    }
}
