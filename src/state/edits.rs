//! Every change to the workspace: each is one undo step, tells the views that read what it
//! touched, and schedules a write. The core re-derives what depends on a change (priority,
//! default due date) before it is kept; a change that changes nothing notifies no one.

use chrono::{DateTime, Utc};
use followthrough_core::drafting::{self, Draft, DraftRefusal};
use followthrough_core::{ActionItem, PostMortem, Settings, Workspace};
use leptos::prelude::*;

use super::changes::{people_changed, touched_by, workspace_changes};
use super::history::{Change, History, Step};
use super::triggers::Touched;
use super::Store;
use crate::web::clock;

/// Settles an edited item (the core re-derives its priority and default due date) and puts
/// it at `index` of its post-mortem when it differs; returns the change to record and what it
/// touched.
fn put_item(
    pm: &mut PostMortem,
    index: usize,
    edited: ActionItem,
    typed: bool,
    now: DateTime<Utc>,
    settings: &Settings,
) -> Option<(Change, Touched)> {
    let before = &pm.action_items[index];
    let after = drafting::settle(before, edited, pm, now, settings);
    if after == *before {
        return None;
    }
    let touched = Touched::item(&pm.id, before, &after, typed);
    let before = std::mem::replace(&mut pm.action_items[index], after.clone());
    pm.updated_at = Some(now);
    let change = Change::Item {
        pm_id: pm.id.clone(),
        index,
        before: Some(before),
        after: Some(after),
    };
    Some((change, touched))
}

impl Store {
    /// Edits one item; priority and default due date are re-derived by the core. `field` names
    /// the field so that quick edits of it become one undo step.
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
        if field == "owner" {
            // Keep the owner from before this typing, for the history entry written when the
            // field is left: one entry per change, not one per keystroke.
            let key = format!("{pm_id}/{item_id}");
            if !self.owner_typed_from.with_value(|m| m.contains_key(&key)) {
                if let Some(item) = self.peek_item(pm_id, item_id) {
                    self.owner_typed_from
                        .update_value(|m| drop(m.insert(key, item.owner)));
                }
            }
        }
        self.change_item(pm_id, item_id, field, true, change);
    }

    /// The owner field of an item was left: after the meeting, an owner that changed while it
    /// was typed in is recorded in the item's history (the core decides, §1).
    pub fn owner_typed_done(&self, pm_id: &str, item_id: &str) {
        let key = format!("{pm_id}/{item_id}");
        let Some(from) = self
            .owner_typed_from
            .try_update_value(|m| m.remove(&key))
            .flatten()
        else {
            return;
        };
        let Some(status) = self.peek_pm(pm_id, |pm| pm.map(|pm| pm.status)) else {
            return;
        };
        let Some(item) = self.peek_item(pm_id, item_id) else {
            return;
        };
        if let Some(recorded) = drafting::record_owner_edit(&item, &from, status, clock::now()) {
            self.replace_item(pm_id, recorded, "owner");
        }
    }

    /// Replaces one item with a version the core produced (a lifecycle move, a noted due-date
    /// change), as one undo step.
    pub fn replace_item(&self, pm_id: &str, updated: ActionItem, label: &str) {
        let item_id = updated.id.clone();
        self.edit_item(pm_id, &item_id, label, move |item| *item = updated);
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
        self.workspace.maybe_update(|ws| {
            let settings = ws.settings.clone();
            let Some(pm) = self.pm_mut(ws, pm_id) else {
                return false;
            };
            let Some(index) = pm.action_items.iter().position(|i| i.id == item_id) else {
                return false;
            };
            let mut edited = pm.action_items[index].clone();
            change(&mut edited);
            recorded = put_item(pm, index, edited, typed, now, &settings);
            recorded.is_some()
        });
        if let Some((change, touched)) = recorded {
            self.notify(touched);
            self.commit(
                format!("{field} of {item_id}"),
                Some(format!("{item_id}/{field}")),
                vec![change],
            );
        }
    }

    /// Changes several items as one undo step named `label` (linking two items of two
    /// post-mortems). `items` names them by (post-mortem id, item id). `change` works on a copy
    /// of their post-mortems — only those, with the settings — so that a core rule over a
    /// workspace can run on it; what it did to the named items is kept, each settled by the
    /// core as in [`Store::edit_item`], and nothing else. Returns what `change` returned.
    pub fn edit_items<R>(
        &self,
        label: &str,
        items: &[(&str, &str)],
        change: impl FnOnce(&mut Workspace) -> R,
    ) -> R {
        let now = clock::now();
        let mut copy = self.peek_workspace(|ws| {
            let mut postmortems: Vec<PostMortem> = Vec::new();
            for (pm_id, _) in items {
                if !postmortems.iter().any(|pm| pm.id == *pm_id) {
                    let pm = self.position(ws, pm_id).map(|i| &ws.postmortems[i]);
                    postmortems.extend(pm.cloned());
                }
            }
            Workspace {
                postmortems,
                settings: ws.settings.clone(),
                ..Workspace::default()
            }
        });
        let result = change(&mut copy);
        let mut recorded = Vec::new();
        self.workspace.maybe_update(|ws| {
            let settings = ws.settings.clone();
            for (pm_id, item_id) in items {
                let edited = copy
                    .postmortem(pm_id)
                    .and_then(|pm| pm.action_items.iter().find(|i| i.id == *item_id));
                let Some(pm) = self.pm_mut(ws, pm_id) else {
                    continue;
                };
                let index = pm.action_items.iter().position(|i| i.id == *item_id);
                if let (Some(edited), Some(index)) = (edited, index) {
                    recorded.extend(put_item(pm, index, edited.clone(), false, now, &settings));
                }
            }
            !recorded.is_empty()
        });
        let mut changes = Vec::with_capacity(recorded.len());
        for (change, touched) in recorded {
            self.notify(touched);
            changes.push(change);
        }
        self.commit(label.to_string(), None, changes);
        result
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
            self.notify(Touched::postmortem(pm_id, true, false));
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
            self.notify(Touched::postmortem(pm_id, true, false));
            self.commit(format!("delete {item_id}"), None, vec![change]);
            self.show_notice(format!("Deleted {item_id}."));
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
            self.notify(Touched::postmortem(pm_id, people, typed));
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
        self.notify(Touched::postmortem(&pm.id, true, false));
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

    /// Changes the people roster (`settings.people`) as one undo step named `label`. Every
    /// item's owner check reads it, so every view is told; only the stored index is rewritten.
    pub fn edit_people(&self, label: &str, change: impl FnOnce(&mut Vec<String>)) {
        let mut recorded = None;
        self.workspace.maybe_update(|ws| {
            let before = ws.settings.clone();
            change(&mut ws.settings.people);
            if ws.settings == before {
                return false;
            }
            let after = ws.settings.clone();
            recorded = Some(Change::Settings { before, after });
            true
        });
        if let Some(change) = recorded {
            self.notify(Touched::Settings);
            self.commit(label.to_string(), None, vec![change]);
        }
    }

    /// Replaces the workspace (an import) as one undoable step: every post-mortem added,
    /// removed or changed, and the settings, are recorded.
    pub fn replace_workspace(&self, next: Workspace, label: &str) {
        let mut changes = Vec::new();
        self.workspace.update(|ws| {
            changes = workspace_changes(ws, &next);
            *ws = next;
        });
        self.notify(Touched::Everything);
        self.commit(label.to_string(), None, changes);
    }

    pub fn undo(&self) {
        self.step_history(|h, ws| h.undo(ws), true);
    }

    pub fn redo(&self) {
        self.step_history(|h, ws| h.redo(ws), false);
    }

    /// Undoes (`undo`) or redoes one step, says so, and tells the page where it happened
    /// ([`Store::on_undo_redo`]).
    fn step_history(
        &self,
        step: impl FnOnce(&mut History, &mut Workspace) -> Option<String>,
        undo: bool,
    ) {
        let mut label = None;
        self.workspace.maybe_update(|ws| {
            label = self.history.try_update_value(|h| step(h, ws)).flatten();
            label.is_some()
        });
        if let Some(label) = label {
            let touched = self.history.with_value(|h| {
                h.last_stepped(undo)
                    .and_then(|step| touched_by(&step.changes))
            });
            for touched in touched.unwrap_or_else(|| vec![Touched::Everything]) {
                self.notify(touched);
            }
            let done = if undo { "Undone" } else { "Redone" };
            self.show_notice(format!("{done}: {label}."));
            let target = self
                .history
                .with_value(|h| h.last_stepped(undo).and_then(|s| s.target()));
            if let (Some(target), Some(then)) = (target, self.after_step.get_value()) {
                then(&target);
            }
            self.sync_history_flags();
            self.schedule_save();
        }
    }

    /// Records an undoable step and schedules a write. The notice of the action before closes:
    /// this is the next action.
    fn commit(&self, label: String, key: Option<String>, changes: Vec<Change>) {
        if changes.is_empty() {
            return;
        }
        if self.notice.with_untracked(Option::is_some) {
            self.dismiss_notice();
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

    pub(super) fn sync_history_flags(&self) {
        let (undo, redo) = self.history.with_value(|h| (h.can_undo(), h.can_redo()));
        // Set only on a change: typing would otherwise re-render the buttons per keystroke.
        if self.can_undo.get_untracked() != undo {
            self.set_can_undo.set(undo);
        }
        if self.can_redo.get_untracked() != redo {
            self.set_can_redo.set(redo);
        }
    }
}
