//! Comparing a checked file with the workspace ([`preview`]) and producing the workspace after
//! the import ([`apply`]). Both are pure: the current workspace is never changed, so the caller
//! keeps it for undo.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

use super::json::{DocumentKind, Incoming};
use crate::model::{PostMortem, Workspace, SCHEMA_VERSION};
use crate::scoring::rescore_workspace;

/// How the file's content is combined with the workspace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Add what is new, take the file's copy where it is newer ([`Preview::updated`]), decide
    /// conflicts by the [`ConflictRule`], and keep everything the file does not mention. The
    /// workspace's settings are kept.
    #[default]
    Merge,
    /// The file's copy of everything it holds, and nothing it does not: a workspace document
    /// replaces the whole workspace, settings included; a post-mortem document replaces that
    /// one post-mortem (items the file lacks are removed) and leaves the others alone. The
    /// conflict rule does not apply.
    Replace,
}

/// Which copy wins a conflict when merging.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictRule {
    /// Keep the workspace's copy (the safe default: nothing newer is lost).
    #[default]
    KeepWorkspace,
    /// Take the file's copy.
    TakeFile,
}

/// One thing the import touches: a post-mortem (`item_id` is `None`) or one of its items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub postmortem_id: String,
    pub item_id: Option<String>,
    /// The post-mortem's or item's title (the file's copy, or the workspace's when the file
    /// does not hold it).
    pub title: String,
    /// For updated and conflicting entries: the JSON names of the fields that differ (for a
    /// post-mortem, its own fields, not its items'), alphabetically.
    pub fields: Vec<String>,
    pub workspace_updated_at: Option<DateTime<Utc>>,
    pub file_updated_at: Option<DateTime<Utc>>,
}

/// What an import would do, before it is done.
///
/// Post-mortems are matched by `id`, and items by `id` within their post-mortem. A post-mortem
/// the workspace lacks is one `added` entry (with all its items); for a post-mortem in both,
/// its own fields (everything but `action_items`) are one entry and each item is another.
/// An entry in both copies is
/// - **unchanged** when the two are equal (computed `priority` and `priority_reasons` aside);
/// - **updated** when they differ and the file's `updated_at` is later than the workspace's
///   (both set): the workspace's copy has not changed since the file's was made;
/// - **conflicting** otherwise — they differ and the workspace's copy is as recent as the
///   file's or more, or either has no `updated_at`: both sides may have changed, and the
///   file alone cannot say which is right.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Preview {
    pub kind: DocumentKind,
    /// The version the file declared, before migration.
    pub file_version: u32,
    pub added: Vec<Entry>,
    pub updated: Vec<Entry>,
    pub unchanged: Vec<Entry>,
    pub conflicting: Vec<Entry>,
    /// In the workspace but not in the file: kept by [`Mode::Merge`], removed by
    /// [`Mode::Replace`]. For a workspace document, every post-mortem the file lacks and every
    /// item the file lacks in the post-mortems it holds; for a post-mortem document, the
    /// items of that post-mortem that the file lacks.
    pub only_in_workspace: Vec<Entry>,
    /// A workspace document whose settings differ from the workspace's: [`Mode::Merge`] keeps
    /// the workspace's, [`Mode::Replace`] takes the file's.
    pub settings_differ: bool,
    /// Items of the file whose id another post-mortem already uses, in the file or in the
    /// workspace: the import is refused while there are any (see [`Preview::refusal`]).
    pub id_clashes: Vec<IdClash>,
}

/// One item id used in two post-mortems. An item id names one item (§1: `<post-mortem id>-NN`):
/// two would make links, exports and tracker tickets point at the wrong one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IdClash {
    pub item_id: String,
    /// Where the file holds it, e.g. `postmortems[1].action_items[0]` (post-mortem PM-2).
    pub file_place: String,
    /// The other place: in the file (a path) or in the workspace (its post-mortem).
    pub other_place: String,
    /// The other place is in the workspace, not the file: replacing the whole workspace
    /// removes it.
    pub in_workspace: bool,
}

impl IdClash {
    /// A sentence naming both places.
    pub fn message(&self) -> String {
        format!(
            "item id {:?} at {} is already used by {}; an item id must be unique across \
             post-mortems (renumber one of them in the file)",
            self.item_id, self.file_place, self.other_place
        )
    }
}

impl Preview {
    /// Whether merging would change nothing.
    pub fn is_no_op(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty() && self.conflicting.is_empty()
    }

    /// Why importing in `mode` is refused: every id clash that the result would keep, one
    /// sentence each. Empty when the import may go ahead.
    pub fn refusal(&self, mode: Mode) -> Vec<String> {
        let replaces_all = mode == Mode::Replace && self.kind == DocumentKind::Workspace;
        self.id_clashes
            .iter()
            .filter(|c| !(replaces_all && c.in_workspace))
            .map(IdClash::message)
            .collect()
    }

    /// One line for the import dialog, e.g. `2 added, 1 updated, 5 unchanged, 1 conflicting`.
    pub fn summary(&self) -> String {
        format!(
            "{} added, {} updated, {} unchanged, {} conflicting",
            self.added.len(),
            self.updated.len(),
            self.unchanged.len(),
            self.conflicting.len()
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Added,
    Unchanged,
    Updated,
    Conflicting,
}

fn classify(differ: bool, workspace: Option<DateTime<Utc>>, file: Option<DateTime<Utc>>) -> Class {
    match (differ, workspace, file) {
        (false, _, _) => Class::Unchanged,
        (true, Some(w), Some(f)) if f > w => Class::Updated,
        _ => Class::Conflicting,
    }
}

struct ItemPlan {
    file_index: usize,
    workspace_index: Option<usize>,
    class: Class,
    fields: Vec<String>,
}

struct PostMortemPlan {
    file_index: usize,
    /// `None`: the post-mortem is new, and `header` is `Added`.
    workspace_index: Option<usize>,
    header: Class,
    header_fields: Vec<String>,
    items: Vec<ItemPlan>,
    /// Indexes of workspace items the file lacks.
    only_in_workspace: Vec<usize>,
}

fn plan(current: &Workspace, incoming: &Incoming) -> Vec<PostMortemPlan> {
    // By id, so a 1,000-post-mortem file against a 1,000-post-mortem workspace is not a
    // million comparisons. The first of a repeated id wins, as a search from the start would.
    let mut positions: HashMap<&str, usize> = HashMap::new();
    for (index, pm) in current.postmortems.iter().enumerate() {
        positions.entry(pm.id.as_str()).or_insert(index);
    }
    incoming
        .workspace
        .postmortems
        .iter()
        .enumerate()
        .map(
            |(file_index, file_pm)| match positions.get(file_pm.id.as_str()).copied() {
                None => PostMortemPlan {
                    file_index,
                    workspace_index: None,
                    header: Class::Added,
                    header_fields: Vec::new(),
                    items: Vec::new(),
                    only_in_workspace: Vec::new(),
                },
                Some(workspace_index) => plan_postmortem(
                    &current.postmortems[workspace_index],
                    file_pm,
                    file_index,
                    workspace_index,
                ),
            },
        )
        .collect()
}

/// A post-mortem as JSON, split into its own fields and its items' (the computed fields
/// removed), so the two copies compare field by field.
fn split(pm: &PostMortem) -> (Map<String, Value>, Vec<Value>) {
    let mut own = match serde_json::to_value(pm) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let items = match own.remove("action_items") {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    };
    let items = items
        .into_iter()
        .map(|mut item| {
            if let Some(map) = item.as_object_mut() {
                map.remove("priority");
                map.remove("priority_reasons");
            }
            item
        })
        .collect();
    (own, items)
}

fn differing_fields(a: &Map<String, Value>, b: &Map<String, Value>) -> Vec<String> {
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    // Equal keys are equal strings: an unstable sort cannot change the result.
    crate::order::sort(&mut keys);
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

fn as_map(value: Option<&Value>) -> Map<String, Value> {
    value
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

fn plan_postmortem(
    workspace_pm: &PostMortem,
    file_pm: &PostMortem,
    file_index: usize,
    workspace_index: usize,
) -> PostMortemPlan {
    let (workspace_own, workspace_items) = split(workspace_pm);
    let (file_own, file_items) = split(file_pm);
    let header_fields = differing_fields(&workspace_own, &file_own);
    let header = classify(
        !header_fields.is_empty(),
        workspace_pm.updated_at,
        file_pm.updated_at,
    );
    let mut matched = HashSet::new();
    let items = file_pm
        .action_items
        .iter()
        .enumerate()
        .map(|(i, file_item)| {
            let found = workspace_pm
                .action_items
                .iter()
                .position(|w| w.id == file_item.id);
            match found {
                None => ItemPlan {
                    file_index: i,
                    workspace_index: None,
                    class: Class::Added,
                    fields: Vec::new(),
                },
                Some(w) => {
                    matched.insert(w);
                    let fields = differing_fields(
                        &as_map(workspace_items.get(w)),
                        &as_map(file_items.get(i)),
                    );
                    ItemPlan {
                        file_index: i,
                        workspace_index: Some(w),
                        class: classify(
                            !fields.is_empty(),
                            workspace_pm.action_items[w].updated_at,
                            file_item.updated_at,
                        ),
                        fields,
                    }
                }
            }
        })
        .collect();
    let only_in_workspace = (0..workspace_pm.action_items.len())
        .filter(|w| !matched.contains(w))
        .collect();
    PostMortemPlan {
        file_index,
        workspace_index: Some(workspace_index),
        header,
        header_fields,
        items,
        only_in_workspace,
    }
}

/// Compares a checked file with the workspace; see [`Preview`] for the rule.
pub fn preview(current: &Workspace, incoming: &Incoming) -> Preview {
    let mut preview = Preview {
        kind: incoming.kind,
        file_version: incoming.file_version,
        added: Vec::new(),
        updated: Vec::new(),
        unchanged: Vec::new(),
        conflicting: Vec::new(),
        only_in_workspace: Vec::new(),
        settings_differ: incoming.kind == DocumentKind::Workspace
            && incoming.workspace.settings != current.settings,
        id_clashes: id_clashes(current, incoming),
    };
    let plans = plan(current, incoming);
    for p in &plans {
        let file_pm = &incoming.workspace.postmortems[p.file_index];
        let workspace_pm = p.workspace_index.map(|w| &current.postmortems[w]);
        let pm_entry = Entry {
            postmortem_id: file_pm.id.clone(),
            item_id: None,
            title: file_pm.title.clone(),
            fields: p.header_fields.clone(),
            workspace_updated_at: workspace_pm.and_then(|w| w.updated_at),
            file_updated_at: file_pm.updated_at,
        };
        push(&mut preview, p.header, pm_entry);
        let Some(workspace_pm) = workspace_pm else {
            continue;
        };
        for item in &p.items {
            let file_item = &file_pm.action_items[item.file_index];
            let workspace_item = item.workspace_index.map(|w| &workspace_pm.action_items[w]);
            let entry = Entry {
                postmortem_id: file_pm.id.clone(),
                item_id: Some(file_item.id.clone()),
                title: file_item.title.clone(),
                fields: item.fields.clone(),
                workspace_updated_at: workspace_item.and_then(|w| w.updated_at),
                file_updated_at: file_item.updated_at,
            };
            push(&mut preview, item.class, entry);
        }
        for &w in &p.only_in_workspace {
            let item = &workspace_pm.action_items[w];
            preview.only_in_workspace.push(Entry {
                postmortem_id: workspace_pm.id.clone(),
                item_id: Some(item.id.clone()),
                title: item.title.clone(),
                fields: Vec::new(),
                workspace_updated_at: item.updated_at,
                file_updated_at: None,
            });
        }
    }
    if incoming.kind == DocumentKind::Workspace {
        let in_file: HashSet<&str> = incoming
            .workspace
            .postmortems
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        for pm in current
            .postmortems
            .iter()
            .filter(|pm| !in_file.contains(pm.id.as_str()))
        {
            preview.only_in_workspace.push(Entry {
                postmortem_id: pm.id.clone(),
                item_id: None,
                title: pm.title.clone(),
                fields: Vec::new(),
                workspace_updated_at: pm.updated_at,
                file_updated_at: None,
            });
        }
    }
    preview
}

/// Item ids of the file used by an item of another post-mortem: first in the file itself, then
/// in the workspace (a post-mortem the file also holds is the file's copy, not another place).
fn id_clashes(current: &Workspace, incoming: &Incoming) -> Vec<IdClash> {
    let path = |i: usize, j: usize| {
        let pm = match incoming.kind {
            DocumentKind::Workspace => format!("postmortems[{i}]"),
            DocumentKind::PostMortem => "postmortem".to_string(),
        };
        let pm_id = &incoming.workspace.postmortems[i].id;
        format!("{pm}.action_items[{j}] (post-mortem {pm_id})")
    };
    let mut seen: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut clashes = Vec::new();
    for (i, pm) in incoming.workspace.postmortems.iter().enumerate() {
        for (j, item) in pm.action_items.iter().enumerate() {
            match seen.get(item.id.as_str()) {
                // Within one post-mortem, reading the file already refuses a duplicate.
                Some(&(first_pm, first_item)) if first_pm != i => clashes.push(IdClash {
                    item_id: item.id.clone(),
                    file_place: path(i, j),
                    other_place: path(first_pm, first_item),
                    in_workspace: false,
                }),
                Some(_) => {}
                None => {
                    seen.insert(&item.id, (i, j));
                }
            }
        }
    }
    let in_file: HashSet<&str> = incoming
        .workspace
        .postmortems
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    for pm in current
        .postmortems
        .iter()
        .filter(|pm| !in_file.contains(pm.id.as_str()))
    {
        for item in &pm.action_items {
            if let Some(&(i, j)) = seen.get(item.id.as_str()) {
                clashes.push(IdClash {
                    item_id: item.id.clone(),
                    file_place: path(i, j),
                    other_place: format!("post-mortem {} in this workspace", pm.id),
                    in_workspace: true,
                });
            }
        }
    }
    clashes
}

fn push(preview: &mut Preview, class: Class, entry: Entry) {
    match class {
        Class::Added => preview.added.push(entry),
        Class::Unchanged => preview.unchanged.push(entry),
        Class::Updated => preview.updated.push(entry),
        Class::Conflicting => preview.conflicting.push(entry),
    }
}

/// The workspace after importing `incoming` (see [`Mode`] and [`ConflictRule`]), at the current
/// schema version and with every priority recomputed. `current` is left as it was.
pub fn apply(
    current: &Workspace,
    incoming: &Incoming,
    mode: Mode,
    conflict_rule: ConflictRule,
) -> Workspace {
    apply_owned(current, incoming.clone(), mode, conflict_rule)
}

/// [`apply`], moving the file's records into the result instead of copying them: for the app,
/// which has no use for the file once it is imported (a 10,000-item file is not copied).
pub fn apply_owned(
    current: &Workspace,
    incoming: Incoming,
    mode: Mode,
    conflict_rule: ConflictRule,
) -> Workspace {
    let mut result = match (mode, incoming.kind) {
        (Mode::Replace, DocumentKind::Workspace) => incoming.workspace,
        (Mode::Replace, DocumentKind::PostMortem) => {
            let mut ws = current.clone();
            for file_pm in incoming.workspace.postmortems {
                match ws.postmortems.iter_mut().find(|p| p.id == file_pm.id) {
                    Some(pm) => *pm = file_pm,
                    None => ws.postmortems.push(file_pm),
                }
            }
            ws
        }
        (Mode::Merge, _) => merge(current, incoming, conflict_rule),
    };
    result.schema_version = SCHEMA_VERSION;
    rescore_workspace(&mut result);
    result
}

fn merge(current: &Workspace, incoming: Incoming, rule: ConflictRule) -> Workspace {
    let take = |class: Class| match class {
        Class::Added | Class::Updated => true,
        Class::Unchanged => false,
        Class::Conflicting => rule == ConflictRule::TakeFile,
    };
    let plans = plan(current, &incoming);
    let mut file_pms = incoming.workspace.postmortems;
    let mut ws = current.clone();
    for p in plans {
        // Each of the file's post-mortems has one plan, so each is moved out once.
        let Some(file_pm) = file_pms.get_mut(p.file_index) else {
            continue;
        };
        let Some(w) = p.workspace_index else {
            ws.postmortems.push(std::mem::take(file_pm));
            continue;
        };
        let Some(pm) = ws.postmortems.get_mut(w) else {
            continue;
        };
        for item in &p.items {
            if !take(item.class) {
                continue;
            }
            let Some(file_item) = file_pm.action_items.get_mut(item.file_index) else {
                continue;
            };
            let file_item = std::mem::take(file_item);
            match item
                .workspace_index
                .and_then(|i| pm.action_items.get_mut(i))
            {
                Some(slot) => *slot = file_item,
                None => pm.action_items.push(file_item),
            }
        }
        if take(p.header) {
            // The file's own fields, the merged items.
            let items = std::mem::take(&mut pm.action_items);
            *pm = std::mem::take(file_pm);
            pm.action_items = items;
        }
    }
    ws
}
