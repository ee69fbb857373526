//! Undo and redo of the session's edits (Ctrl+Z / Ctrl+Shift+Z).
//!
//! A step records the records it touched, before and after, not the whole workspace, so the
//! history stays small with thousands of items. Typing in one field coalesces into one step.

use followthrough_core::{ActionItem, PostMortem, Settings, Workspace};

/// How long a pause in typing may be and still continue the same undo step.
pub const COALESCE_MS: f64 = 1500.0;
/// Steps kept; older ones are forgotten.
pub const MAX_STEPS: usize = 200;

// Steps are few (at most MAX_STEPS) and short-lived; boxing buys nothing here.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// An item added (`before` None), removed (`after` None) or edited.
    Item {
        pm_id: String,
        index: usize,
        before: Option<ActionItem>,
        after: Option<ActionItem>,
    },
    /// A post-mortem added, removed or edited as a whole.
    PostMortem {
        index: usize,
        before: Option<PostMortem>,
        after: Option<PostMortem>,
    },
    /// The workspace's settings (an import that replaces the whole workspace).
    Settings { before: Settings, after: Settings },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// What the step did, for the "Undone: …" notice.
    pub label: String,
    /// Edits with the same key in quick succession merge (e.g. "title of PM-1-01").
    pub key: Option<String>,
    pub at_ms: f64,
    pub changes: Vec<Change>,
}

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Records a step; a new edit ends the redo branch.
    pub fn record(&mut self, step: Step) {
        self.redo.clear();
        if let (Some(last), Some(key)) = (self.undo.last_mut(), step.key.as_ref()) {
            if last.key.as_ref() == Some(key) && step.at_ms - last.at_ms <= COALESCE_MS {
                merge(last, step);
                return;
            }
        }
        self.undo.push(step);
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
    }

    /// Reverts the last step; returns its label.
    pub fn undo(&mut self, workspace: &mut Workspace) -> Option<String> {
        let step = self.undo.pop()?;
        for change in step.changes.iter().rev() {
            apply(workspace, change, Direction::Back);
        }
        let label = step.label.clone();
        self.redo.push(step);
        Some(label)
    }

    /// Applies the last undone step again; returns its label.
    pub fn redo(&mut self, workspace: &mut Workspace) -> Option<String> {
        let step = self.redo.pop()?;
        for change in &step.changes {
            apply(workspace, change, Direction::Forward);
        }
        let label = step.label.clone();
        self.undo.push(step);
        Some(label)
    }
}

/// Continues `last` with `next`: the first `before` stays, the newest `after` wins.
fn merge(last: &mut Step, next: Step) {
    last.at_ms = next.at_ms;
    for change in next.changes {
        let same = last.changes.iter_mut().find(|c| same_record(c, &change));
        match (same, change) {
            (Some(Change::Item { after, .. }), Change::Item { after: newer, .. }) => *after = newer,
            (Some(Change::PostMortem { after, .. }), Change::PostMortem { after: newer, .. }) => {
                *after = newer
            }
            (_, change) => last.changes.push(change),
        }
    }
}

fn same_record(a: &Change, b: &Change) -> bool {
    match (a, b) {
        (
            Change::Item {
                pm_id: p1,
                before: b1,
                after: a1,
                ..
            },
            Change::Item {
                pm_id: p2,
                before: b2,
                after: a2,
                ..
            },
        ) => p1 == p2 && record_id(b1, a1) == record_id(b2, a2),
        (
            Change::PostMortem {
                before: b1,
                after: a1,
                ..
            },
            Change::PostMortem {
                before: b2,
                after: a2,
                ..
            },
        ) => pm_id(b1, a1) == pm_id(b2, a2),
        _ => false,
    }
}

fn record_id<'a>(before: &'a Option<ActionItem>, after: &'a Option<ActionItem>) -> Option<&'a str> {
    before.as_ref().or(after.as_ref()).map(|i| i.id.as_str())
}

fn pm_id<'a>(before: &'a Option<PostMortem>, after: &'a Option<PostMortem>) -> Option<&'a str> {
    before.as_ref().or(after.as_ref()).map(|p| p.id.as_str())
}

#[derive(Clone, Copy, PartialEq)]
enum Direction {
    Forward,
    Back,
}

fn apply(workspace: &mut Workspace, change: &Change, direction: Direction) {
    match change {
        Change::Settings { before, after } => {
            workspace.settings = match direction {
                Direction::Forward => after.clone(),
                Direction::Back => before.clone(),
            };
        }
        Change::Item {
            pm_id,
            index,
            before,
            after,
        } => {
            let to = match direction {
                Direction::Forward => after,
                Direction::Back => before,
            };
            let Some(pm) = workspace.postmortem_mut(pm_id) else {
                return;
            };
            let Some(id) = record_id(before, after) else {
                return;
            };
            let at = pm.action_items.iter().position(|i| i.id == id);
            match (at, to) {
                (Some(at), Some(item)) => pm.action_items[at] = item.clone(),
                (Some(at), None) => {
                    pm.action_items.remove(at);
                }
                (None, Some(item)) => {
                    let index = (*index).min(pm.action_items.len());
                    pm.action_items.insert(index, item.clone());
                }
                (None, _) => {}
            }
        }
        Change::PostMortem {
            index,
            before,
            after,
        } => {
            let to = match direction {
                Direction::Forward => after,
                Direction::Back => before,
            };
            let Some(id) = pm_id(before, after) else {
                return;
            };
            let at = workspace.postmortems.iter().position(|p| p.id == id);
            match (at, to) {
                (Some(at), Some(pm)) => workspace.postmortems[at] = pm.clone(),
                (Some(at), None) => {
                    workspace.postmortems.remove(at);
                }
                (None, Some(pm)) => {
                    let index = (*index).min(workspace.postmortems.len());
                    workspace.postmortems.insert(index, pm.clone());
                }
                (None, None) => {}
            }
        }
    }
}
