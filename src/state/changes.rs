//! What an edit changed, worked out from the records before and after it: which views must
//! hear of it, and what an import records for undo. Pure functions over plain data.

use std::collections::HashMap;

use followthrough_core::{ActionItem, PostMortem, Workspace};

use super::history::Change;
use super::triggers::Touched;

/// Whether an edit changed an item's title and nothing else but the time of the change (the
/// title's views follow it; the rest of the row, which shows neither, need not re-run).
pub fn only_title_changed(before: &ActionItem, after: &ActionItem) -> bool {
    before.title != after.title && {
        let mut same = before.clone();
        same.title.clone_from(&after.title);
        same.updated_at = after.updated_at;
        same == *after
    }
}

/// Whether an edit of an item can change the owner counts (who owns which open items).
pub fn item_people_changed(before: &ActionItem, after: &ActionItem) -> bool {
    before.owner != after.owner || before.status != after.status
}

/// Whether an edit of a post-mortem can change who owns open items or who takes part.
pub fn people_changed(before: &PostMortem, after: &PostMortem) -> bool {
    before.facilitator != after.facilitator
        || before.action_items.len() != after.action_items.len()
        || before
            .action_items
            .iter()
            .zip(&after.action_items)
            .any(|(b, a)| item_people_changed(b, a))
}

/// What undoing or redoing a step of `changes` touches, for the views and the save: the same
/// records the edit itself touched, so one item's undo re-runs that item's views and rewrites
/// its post-mortem only. `None` when a post-mortem came or went: everything is then redrawn
/// and written, and the shards of post-mortems no longer there are removed.
pub(super) fn touched_by(changes: &[Change]) -> Option<Vec<Touched>> {
    changes
        .iter()
        .map(|change| match change {
            Change::Item {
                pm_id,
                before: Some(before),
                after: Some(after),
                ..
            } => Some(Touched::item(pm_id, before, after, false)),
            // An item added or removed changes the post-mortem's list and who owns what.
            Change::Item { pm_id, .. } => Some(Touched::postmortem(pm_id, true, false)),
            Change::PostMortem {
                before: Some(before),
                after: Some(after),
                ..
            } if before.id == after.id => Some(Touched::postmortem(
                &after.id,
                people_changed(before, after),
                false,
            )),
            Change::PostMortem { .. } => None,
            Change::Settings { .. } => Some(Touched::Settings),
        })
        .collect()
}

/// What replacing `old` with `next` changes, for one undo step: every post-mortem added,
/// removed or changed, and the settings. Undone in reverse order, it gives `old` back.
pub fn workspace_changes(old: &Workspace, next: &Workspace) -> Vec<Change> {
    // By id: an import of 1,000 post-mortems over 1,000 is not a million comparisons.
    let by_id = |w: &Workspace| -> HashMap<String, usize> {
        w.postmortems
            .iter()
            .enumerate()
            .rev()
            .map(|(i, pm)| (pm.id.clone(), i))
            .collect()
    };
    let (old_ids, next_ids) = (by_id(old), by_id(next));
    let mut changes = Vec::new();
    // Removed, from the end so that indices stay right on undo.
    for (index, pm) in old.postmortems.iter().enumerate().rev() {
        if !next_ids.contains_key(&pm.id) {
            changes.push(Change::PostMortem {
                index,
                before: Some(pm.clone()),
                after: None,
            });
        }
    }
    for (index, pm) in next.postmortems.iter().enumerate() {
        match old_ids.get(&pm.id).map(|&i| &old.postmortems[i]) {
            None => changes.push(Change::PostMortem {
                index,
                before: None,
                after: Some(pm.clone()),
            }),
            Some(before) if before != pm => changes.push(Change::PostMortem {
                index,
                before: Some(before.clone()),
                after: Some(pm.clone()),
            }),
            Some(_) => {}
        }
    }
    if old.settings != next.settings {
        changes.push(Change::Settings {
            before: old.settings.clone(),
            after: next.settings.clone(),
        });
    }
    changes
}
