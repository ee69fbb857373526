//! Follow-ups in: source items become new action items, of a chosen post-mortem or of one
//! post-mortem per source incident.
//!
//! A new item is written as the quick-add line writes one ([`crate::drafting::new_item`]): the
//! next id, impact and effort at their defaults for the meeting to score, priority computed,
//! and the due date the source gives or creation + the priority's target. The source's own
//! priority is kept as the tag `source-priority:<name>`. Its status comes through the
//! lifecycle ([`crate::lifecycle::apply`]) so its history says so: started → `in_progress`,
//! done → `implemented` (verification stays a human act), cancelled → closed as `wont_do` with
//! a note naming the source.
//!
//! An item already here is not added twice: a source item whose ticket or URL an item here
//! tracks, or whose title an item of the destination post-mortem already has, is listed in
//! [`NewItems::already_here`] instead.

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

use crate::drafting::{new_item, Draft};
use crate::exchange::Entry;
use crate::lifecycle::{self, Move};
use crate::model::{ActionItem, PostMortem, PostMortemStatus, Resolution, Workspace};
use crate::validator::owner_key;

use super::tickets::{item_keys, keys, Key};
use super::{SourceFormat, SourceItem, SourceState};

/// Titles longer than this (a Dispatch task's first line can be a paragraph) are cut at a word
/// boundary with `…`; the whole text stays in the description.
pub const MAX_TITLE_CHARS: usize = 120;

/// Where the new items go.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// One post-mortem per source incident: the workspace's post-mortem whose `incident_ref`
    /// is the incident's key, else a new draft post-mortem. Items without an incident go to
    /// one new post-mortem.
    PerIncident,
    /// This post-mortem of the workspace.
    PostMortem(String),
}

/// Why the chosen post-mortem cannot take the items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetError {
    Unknown(String),
    Closed(String),
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetError::Unknown(id) => write!(f, "there is no post-mortem {id} here"),
            TargetError::Closed(id) => write!(
                f,
                "{id} is closed; choose an open post-mortem or a new one per incident"
            ),
        }
    }
}

impl std::error::Error for TargetError {}

/// A source item that is already here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AlreadyHere {
    /// The source item's place in the file.
    pub place: String,
    pub title: String,
    pub postmortem_id: String,
    pub item_id: String,
}

/// What adding the chosen source items would add.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NewItems {
    /// New post-mortems, each holding its new items.
    pub postmortems: Vec<PostMortem>,
    /// New items for post-mortems of the workspace, by post-mortem id.
    pub additions: Vec<(String, Vec<ActionItem>)>,
    pub already_here: Vec<AlreadyHere>,
}

impl NewItems {
    pub fn item_count(&self) -> usize {
        self.postmortems
            .iter()
            .map(|pm| pm.action_items.len())
            .chain(self.additions.iter().map(|(_, items)| items.len()))
            .sum()
    }

    /// What the preview lists, as the JSON import's entries: each new post-mortem, then each
    /// new item.
    pub fn entries(&self) -> Vec<Entry> {
        let entry = |pm: &str, item: Option<&ActionItem>, title: &str| Entry {
            postmortem_id: pm.to_string(),
            item_id: item.map(|i| i.id.clone()),
            title: title.to_string(),
            fields: Vec::new(),
            workspace_updated_at: None,
            file_updated_at: item.and_then(|i| i.updated_at),
        };
        let mut entries = Vec::new();
        for pm in &self.postmortems {
            entries.push(entry(&pm.id, None, &pm.title));
            for item in &pm.action_items {
                entries.push(entry(&pm.id, Some(item), &item.title));
            }
        }
        for (pm, items) in &self.additions {
            for item in items {
                entries.push(entry(pm, Some(item), &item.title));
            }
        }
        entries
    }
}

/// The new items the chosen source items make (see the module docs). Nothing is changed:
/// [`add_new_items`] adds them.
pub fn plan_new_items<'a>(
    workspace: &Workspace,
    format: SourceFormat,
    chosen: impl IntoIterator<Item = &'a SourceItem>,
    target: &Target,
    at: DateTime<Utc>,
) -> Result<NewItems, TargetError> {
    if let Target::PostMortem(id) = target {
        match workspace.postmortem(id) {
            None => return Err(TargetError::Unknown(id.clone())),
            Some(pm) if pm.status == PostMortemStatus::Closed => {
                return Err(TargetError::Closed(id.clone()))
            }
            Some(_) => {}
        }
    }
    // Every ticket tracked here, to its first item.
    let mut tracked: HashMap<Key, (&str, &str)> = HashMap::new();
    for (pm, item) in workspace.items() {
        for key in item_keys(item) {
            tracked.entry(key).or_insert((&pm.id, &item.id));
        }
    }
    let mut plan = Plan {
        workspace,
        format,
        at,
        ids: workspace
            .postmortems
            .iter()
            .map(|pm| pm.id.clone())
            .collect(),
        new_items: NewItems::default(),
        existing: Vec::new(),
    };
    for source in chosen {
        let found = keys(&source.ticket, &source.url)
            .iter()
            .find_map(|k| tracked.get(k).copied());
        if let Some((pm, item)) = found {
            plan.already(source, pm, item);
            continue;
        }
        let destination = match target {
            Target::PostMortem(id) => Destination::Existing(id.clone()),
            Target::PerIncident => plan.destination_for(source),
        };
        plan.add(source, destination);
    }
    let Plan {
        mut new_items,
        existing,
        ..
    } = plan;
    new_items.additions = existing
        .into_iter()
        .map(|pm| {
            let added = pm.added;
            let items = pm.postmortem.action_items;
            (pm.postmortem.id, items[items.len() - added..].to_vec())
        })
        .filter(|(_, items)| !items.is_empty())
        .collect();
    Ok(new_items)
}

/// The workspace with the new items and post-mortems added.
pub fn add_new_items(workspace: &Workspace, new_items: NewItems) -> Workspace {
    let mut next = workspace.clone();
    for (id, items) in new_items.additions {
        if let Some(pm) = next.postmortem_mut(&id) {
            pm.action_items.extend(items);
            pm.updated_at = pm.action_items.last().and_then(|i| i.updated_at);
        }
    }
    next.postmortems.extend(new_items.postmortems);
    next
}

enum Destination {
    Existing(String),
    /// A new post-mortem for this incident key (empty: no incident).
    New(String, String),
}

/// A workspace post-mortem being added to: its items as they will be (for the next ids and
/// titles), and how many are new.
struct Existing {
    postmortem: PostMortem,
    added: usize,
}

struct Plan<'w> {
    workspace: &'w Workspace,
    format: SourceFormat,
    at: DateTime<Utc>,
    /// Post-mortem ids in use, to number new ones.
    ids: Vec<String>,
    new_items: NewItems,
    existing: Vec<Existing>,
}

impl Plan<'_> {
    fn destination_for(&self, source: &SourceItem) -> Destination {
        let (key, name) = source
            .incident
            .as_ref()
            .map(|i| (i.key.trim().to_string(), i.name.trim().to_string()))
            .unwrap_or_default();
        if !key.is_empty() {
            let here = self.workspace.postmortems.iter().find(|pm| {
                pm.status != PostMortemStatus::Closed
                    && pm.incident_ref.trim().eq_ignore_ascii_case(&key)
            });
            if let Some(pm) = here {
                return Destination::Existing(pm.id.clone());
            }
        }
        Destination::New(key, name)
    }

    fn already(&mut self, source: &SourceItem, pm: &str, item: &str) {
        self.new_items.already_here.push(AlreadyHere {
            place: source.place.clone(),
            title: source.title.clone(),
            postmortem_id: pm.to_string(),
            item_id: item.to_string(),
        });
    }

    fn add(&mut self, source: &SourceItem, destination: Destination) {
        let (at, format, workspace) = (self.at, self.format, self.workspace);
        let slot = self.slot(destination);
        let pm = self.postmortem(slot);
        let title = owner_key(&source.title);
        if let Some(twin) = pm
            .action_items
            .iter()
            .find(|i| owner_key(&i.title) == title)
        {
            let (pm_id, item_id) = (pm.id.clone(), twin.id.clone());
            self.already(source, &pm_id, &item_id);
            return;
        }
        let Some(item) = new_action_item(pm, source, format, at, &workspace.settings) else {
            return;
        };
        self.postmortem(slot).action_items.push(item);
        if let Slot::Existing(i) = slot {
            self.existing[i].added += 1;
        }
    }

    /// Where the destination's post-mortem is kept while planning, set up on first use.
    fn slot(&mut self, destination: Destination) -> Slot {
        match destination {
            Destination::Existing(id) => {
                if let Some(i) = self.existing.iter().position(|e| e.postmortem.id == id) {
                    return Slot::Existing(i);
                }
                let postmortem = self.workspace.postmortem(&id).cloned().unwrap_or_default();
                self.existing.push(Existing {
                    postmortem,
                    added: 0,
                });
                Slot::Existing(self.existing.len() - 1)
            }
            Destination::New(key, name) => {
                let new = &mut self.new_items.postmortems;
                if let Some(i) = new.iter().position(|pm| pm.incident_ref == key) {
                    return Slot::New(i);
                }
                new.push(new_postmortem(
                    &mut self.ids,
                    self.format,
                    key,
                    name,
                    self.at,
                ));
                Slot::New(new.len() - 1)
            }
        }
    }

    fn postmortem(&mut self, slot: Slot) -> &mut PostMortem {
        match slot {
            Slot::Existing(i) => &mut self.existing[i].postmortem,
            Slot::New(i) => &mut self.new_items.postmortems[i],
        }
    }
}

#[derive(Clone, Copy)]
enum Slot {
    Existing(usize),
    New(usize),
}

fn new_postmortem(
    ids: &mut Vec<String>,
    format: SourceFormat,
    key: String,
    name: String,
    at: DateTime<Utc>,
) -> PostMortem {
    let numbering = Workspace {
        postmortems: ids
            .iter()
            .map(|id| PostMortem {
                id: id.clone(),
                ..PostMortem::default()
            })
            .collect(),
        ..Workspace::default()
    };
    let id = numbering.next_postmortem_id(at.year());
    ids.push(id.clone());
    let title = match (name.is_empty(), key.is_empty()) {
        (false, _) => name,
        (true, false) => format!("Follow-ups of {} incident {key}", format.tool()),
        (true, true) => format!("Imported from {}", format.label()),
    };
    PostMortem {
        id,
        title,
        incident_ref: key,
        status: PostMortemStatus::Draft,
        created_at: Some(at),
        updated_at: Some(at),
        ..PostMortem::default()
    }
}

/// One new item of `pm` (whose items so far decide its id).
fn new_action_item(
    pm: &PostMortem,
    source: &SourceItem,
    format: SourceFormat,
    at: DateTime<Utc>,
    settings: &crate::settings::Settings,
) -> Option<ActionItem> {
    let (title, cut) = short_title(&source.title);
    let created = source.created_at.filter(|c| *c < at).unwrap_or(at);
    let draft = Draft {
        title,
        owner: source
            .assignees
            .first()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        due_date: source.due_date,
        tracking_ticket: source.ticket.clone(),
        ..Draft::default()
    };
    let mut item = new_item(pm, draft, created, settings).ok()?;
    item.description = if cut && !source.description.contains(&source.title) {
        format!("{}\n\n{}", source.title, source.description)
            .trim()
            .to_string()
    } else {
        source.description.clone()
    };
    item.tracking_url = source.url.clone();
    let priority = source.priority.trim();
    if !priority.is_empty() {
        let tag: String = priority
            .chars()
            .map(|c| if c.is_whitespace() { '-' } else { c })
            .flat_map(char::to_lowercase)
            .collect();
        item.tags.push(format!("source-priority:{tag}"));
    }
    item.updated_at = Some(at);
    let note = source.status_note(format);
    let moves = match source.state {
        SourceState::Started => vec![Move::Start],
        SourceState::Done => vec![Move::Start, Move::Implement],
        SourceState::Cancelled => vec![Move::Close {
            resolution: Some(Resolution::WontDo),
            note: note.clone(),
        }],
        SourceState::NotStarted | SourceState::Unknown => Vec::new(),
    };
    for mv in moves {
        // Every move here is legal from where the previous one lands.
        item = lifecycle::apply(&item, mv, at).ok()?;
        if let Some(entry) = item.history.last_mut() {
            if entry.note.is_empty() {
                entry.note = note.clone();
            }
        }
    }
    Some(item)
}

/// The title, cut at a word boundary to [`MAX_TITLE_CHARS`] with `…`; whether it was cut.
fn short_title(title: &str) -> (String, bool) {
    let title = title.trim();
    if title.chars().count() <= MAX_TITLE_CHARS {
        return (title.to_string(), false);
    }
    let head: String = title.chars().take(MAX_TITLE_CHARS).collect();
    let cut = match head.rfind(char::is_whitespace) {
        Some(space) if space > MAX_TITLE_CHARS / 2 => &head[..space],
        _ => &head,
    };
    (format!("{}…", cut.trim_end()), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let long = "Add ".to_string() + &"retry ".repeat(40);
        let (title, cut) = short_title(&long);
        assert!(cut);
        assert!(title.ends_with("retry…"), "{title}");
        assert!(title.chars().count() <= MAX_TITLE_CHARS + 1);
        assert_eq!(
            short_title(" Add an alert "),
            ("Add an alert".into(), false)
        );
        let (title, _) = short_title(&"x".repeat(300));
        assert_eq!(title.chars().count(), MAX_TITLE_CHARS + 1);
    }
}
