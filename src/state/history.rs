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

/// Where a step happened, for the focus after undoing or redoing it: the one item it changed
/// and, for an edit of one field, the field's name ("impact").
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub pm_id: String,
    pub item_id: String,
    pub field: Option<String>,
}

impl Step {
    /// The item of a step that changed one item (none for a wider step, e.g. an import).
    pub fn target(&self) -> Option<Target> {
        let [Change::Item {
            pm_id,
            before,
            after,
            ..
        }] = self.changes.as_slice()
        else {
            return None;
        };
        let item_id = after.as_ref().or(before.as_ref())?.id.clone();
        // Keys of one field's edits are "<item id>/<field>".
        let field = self
            .key
            .as_deref()
            .and_then(|k| k.strip_prefix(item_id.as_str()))
            .and_then(|k| k.strip_prefix('/'))
            .map(str::to_string);
        Some(Target {
            pm_id: pm_id.clone(),
            item_id,
            field,
        })
    }
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

    /// The step the last undo (`undone`) or redo went through.
    pub fn last_stepped(&self, undone: bool) -> Option<&Step> {
        if undone {
            self.redo.last()
        } else {
            self.undo.last()
        }
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

impl Direction {
    /// The side of a change this direction goes to.
    fn pick<'a, T>(self, before: &'a T, after: &'a T) -> &'a T {
        match self {
            Direction::Forward => after,
            Direction::Back => before,
        }
    }
}

fn apply(workspace: &mut Workspace, change: &Change, direction: Direction) {
    match change {
        Change::Settings { before, after } => {
            workspace.settings = direction.pick(before, after).clone();
        }
        Change::Item {
            pm_id,
            index,
            before,
            after,
        } => {
            let (Some(pm), Some(id)) = (workspace.postmortem_mut(pm_id), record_id(before, after))
            else {
                return;
            };
            put_back(
                &mut pm.action_items,
                |i| i.id == id,
                *index,
                direction.pick(before, after),
            );
        }
        Change::PostMortem {
            index,
            before,
            after,
        } => {
            let Some(id) = pm_id(before, after) else {
                return;
            };
            put_back(
                &mut workspace.postmortems,
                |p| p.id == id,
                *index,
                direction.pick(before, after),
            );
        }
    }
}

/// Makes the record `is_it` finds in `list` what `to` says: replaced where it is, removed, or
/// (when it is not there) inserted at `index`, or at the end when the list is shorter.
fn put_back<T: Clone>(list: &mut Vec<T>, is_it: impl Fn(&T) -> bool, index: usize, to: &Option<T>) {
    match (list.iter().position(is_it), to) {
        (Some(at), Some(record)) => list[at] = record.clone(),
        (Some(at), None) => {
            list.remove(at);
        }
        (None, Some(record)) => list.insert(index.min(list.len()), record.clone()),
        (None, None) => {}
    }
}
