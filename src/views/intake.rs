//! The import preview of another tool's file (issue 16): the format the core detected, the
//! status, owner and due-date changes a tracker's export proposes (each ticked one by one),
//! items whose ticket the file does not hold, and source items to bring in as new items of a
//! chosen post-mortem or of one new post-mortem per source incident. Confirming applies the
//! ticked changes and adds the chosen items as one undo step; every decision is the core's
//! (`followthrough_core::intake`).

use chrono::{DateTime, Utc};
use followthrough_core::intake::{
    add_new_items, apply_changes, plan_new_items, read_pasted, read_source, reconcile, Change,
    Reconciliation, SourceFile, Target,
};
use followthrough_core::model::{PostMortemStatus, Workspace};
use followthrough_core::storage::restore::Occasion;
use leptos::prelude::*;
use std::sync::Arc;

use crate::on_demand;
use crate::on_demand::Unavailable;
use crate::state::restore::RestorePoints;
use crate::state::Store;
use crate::web::clock;

/// What the user hands over: another tool's file (its name and text), or a pasted list.
pub enum Given {
    File { name: String, text: String },
    Pasted(String),
}

/// Why nothing is shown or imported: a sentence for the page.
pub struct NotDone(pub String);

impl From<Unavailable> for NotDone {
    fn from(e: Unavailable) -> Self {
        NotDone(format!("Not imported: {e}."))
    }
}

// Reading another tool's file and comparing it with the workspace, and the import itself, are
// loaded on demand (src/on_demand.rs): only someone importing such a file needs their code.
on_demand!(intake:
/// Reads the file or the pasted list and compares it with the workspace.
pub fn read_given(store: Store, given: Given) -> Result<Arc<SourceShown>, NotDone> {
    let (file, name) = match given {
        Given::File { name, text } => match read_source(&text) {
            Ok(file) => (file, Some(name)),
            Err(e) => return Err(NotDone(format!("{name} was not imported: {e}"))),
        },
        Given::Pasted(text) => {
            let file = read_pasted(&text);
            if file.items.is_empty() {
                return Err(NotDone("Nothing to import: paste one action item per line.".into()));
            }
            (file, None)
        }
    };
    Ok(Arc::new(SourceShown::new(store, file, name)))
});

/// What the user ticked in the preview.
pub struct Ticked {
    pub changes: Vec<bool>,
    pub new: Vec<bool>,
    /// The post-mortem the new items go to; none for one new post-mortem per source incident.
    pub into: Option<String>,
}

/// The workspace after an import, the restore point's occasion and the notice to show.
pub struct Imported {
    pub next: Workspace,
    pub occasion: Occasion,
    pub notice: String,
}

on_demand!(intake:
/// Applies the ticked changes and adds the ticked items, as the preview showed them.
pub fn import_ticked(
    store: Store,
    shown: Arc<SourceShown>,
    ticked: Ticked,
    at: DateTime<Utc>,
) -> Result<Imported, NotDone> {
    let chosen: Vec<Change> = shown
        .changes()
        .iter()
        .zip(&ticked.changes)
        .filter(|(_, on)| **on)
        .map(|(c, _)| c.clone())
        .collect();
    let sources: Vec<_> = shown
        .candidates
        .iter()
        .zip(&ticked.new)
        .filter(|(_, on)| **on)
        .map(|(i, _)| &shown.file.items[*i])
        .collect();
    let occasion =
        Occasion::of_source(shown.name.as_deref(), !chosen.is_empty(), ticked.into.as_deref());
    let destination = match ticked.into {
        None => Target::PerIncident,
        Some(id) => Target::PostMortem(id),
    };
    store.peek_workspace(|ws| {
        let applied = apply_changes(ws, &chosen, at);
        let new = plan_new_items(&applied.workspace, shown.file.format, sources, &destination, at)
            .map_err(|e| NotDone(format!("Not imported: {e}.")))?;
        let (made, refused) = (chosen.len() - applied.refused.len(), applied.refused.len());
        let (added, already) = (new.item_count(), new.already_here.len());
        let mut notice = format!("{made} change(s) applied, {added} item(s) added.");
        if refused > 0 {
            notice += &format!(" {refused} change(s) refused: the item changed here since.");
        }
        if already > 0 {
            notice += &format!(" {already} already here, not added again.");
        }
        notice += " Undo (Ctrl+Z) puts everything back.";
        Ok(Imported {
            next: add_new_items(&applied.workspace, new),
            occasion,
            notice,
        })
    })
});

/// What the preview shows of another tool's file.
pub struct SourceShown {
    pub file: SourceFile,
    /// The file's name; none for a pasted list.
    pub name: Option<String>,
    /// The proposed changes and the lists beside them (a tracker's file only).
    pub reconciliation: Option<Reconciliation>,
    /// Indexes into the file's items offered as new items, and whether each starts ticked.
    pub candidates: Vec<usize>,
    /// Open post-mortems the new items may go to: (id, title).
    pub targets: Vec<(String, String)>,
}

impl SourceShown {
    /// Compares the file with the workspace now: a tracker's file proposes changes and offers
    /// its unknown tickets; an incident tool's (or a pasted list's) items are all offered.
    pub fn new(store: Store, file: SourceFile, name: Option<String>) -> Self {
        store.peek_workspace(|ws| {
            let reconciliation = file
                .format
                .is_tracker()
                .then(|| reconcile(ws, &file, clock::now()));
            let candidates = match &reconciliation {
                Some(r) => r.unknown.clone(),
                None => (0..file.items.len()).collect(),
            };
            let targets = ws
                .postmortems
                .iter()
                .filter(|pm| pm.status != PostMortemStatus::Closed)
                .map(|pm| (pm.id.clone(), pm.title.clone()))
                .collect();
            SourceShown {
                file,
                name,
                reconciliation,
                candidates,
                targets,
            }
        })
    }

    fn changes(&self) -> &[Change] {
        self.reconciliation
            .as_ref()
            .map_or(&[], |r| r.changes.as_slice())
    }
}

/// How many rows of one list the preview draws; the heading says how many there are.
const ROW_LIMIT: usize = 200;

#[component]
pub fn SourcePreview(
    shown: Arc<SourceShown>,
    points: RestorePoints,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let store = Store::from_context();
    let tracker = shown.file.format.is_tracker();
    // Changes start unticked: each is the importer's decision. An incident tool's follow-ups
    // are what the file is for, so they start ticked; a tracker's unknown tickets do not.
    let ticked_changes = RwSignal::new(vec![false; shown.changes().len()]);
    let ticked_new = RwSignal::new(vec![!tracker; shown.candidates.len()]);
    let target = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let data = StoredValue::new(shown.clone());

    let confirm = move |_| {
        let ticked = Ticked {
            changes: ticked_changes.get_untracked(),
            new: ticked_new.get_untracked(),
            into: Some(target.get_untracked()).filter(|id| !id.is_empty()),
        };
        let shown = data.get_value();
        wasm_bindgen_futures::spawn_local(async move {
            match import_ticked(store, shown, ticked, clock::now()).await {
                Ok(Imported {
                    next,
                    occasion,
                    notice,
                }) => {
                    points.keep(store, occasion);
                    store.replace_workspace(next, "import");
                    store.show_notice(notice);
                    on_done.run(());
                }
                Err(NotDone(e)) => error.set(e),
            }
        });
    };

    let format = shown.file.format.label();
    let changes = shown.changes().iter().take(ROW_LIMIT).enumerate().map(|(n, c)| view! {
        <li data-testid="preview-change" data-item-id=c.item_id.clone() data-field=c.field.as_str()>
            <label class="field-check">
                <input type="checkbox" prop:checked=move || ticked_changes.with(|t| t[n])
                    on:change=move |ev| { let on = event_target_checked(&ev); ticked_changes.update(|t| t[n] = on) }/>
                <span class="item-id">{c.item_id.clone()}</span>" "{c.title.clone()}" — "
                {format!("{}: {} → {} ({})", c.field.as_str().replace('_', " "), show(&c.from), show(&c.to), c.note)}
            </label>
        </li>
    }).collect_view();
    let missing = shown.reconciliation.as_ref().map(|r| {
        let unmoved = r.unmoved.iter().take(ROW_LIMIT).map(|u| view! {
            <li><span class="item-id">{u.item.item_id.clone()}</span>" "{u.item.title.clone()}
                {format!(" ({}): {}", u.tracker_status, u.reason)}</li>
        }).collect_view();
        let missing = r.missing.iter().take(ROW_LIMIT).map(|m| view! {
            <li><span class="item-id">{m.item_id.clone()}</span>" "{m.title.clone()}{format!(" ({})", m.ticket)}</li>
        }).collect_view();
        view! {
            <p>{format!("{} item(s) here track a ticket in the file.", r.matched)}</p>
            {(!r.unmoved.is_empty()).then(|| view! {
                <h3>{format!("Not moved: {}", r.unmoved.len())}</h3><ul data-testid="preview-unmoved">{unmoved}</ul>
            })}
            {(!r.missing.is_empty()).then(|| view! {
                <h3>{format!("Ticket not in the file: {}", r.missing.len())}</h3><ul data-testid="preview-missing">{missing}</ul>
            })}
        }
    });
    let candidates = shown.candidates.iter().take(ROW_LIMIT).enumerate().map(|(n, i)| {
        let item = &shown.file.items[*i];
        let mut about = vec![item.status.clone()];
        about.extend(item.assignees.first().map(|p| p.display().to_string()));
        about.push(item.reference().to_string());
        about.extend(item.due_date.map(|d| format!("due {d}")));
        about.retain(|s| !s.is_empty());
        view! {
            <li data-testid="preview-new" data-place=item.place.clone()>
                <label class="field-check">
                    <input type="checkbox" prop:checked=move || ticked_new.with(|t| t[n])
                        on:change=move |ev| { let on = event_target_checked(&ev); ticked_new.update(|t| t[n] = on) }/>
                    {item.title.clone()}{format!(" ({})", about.join(", "))}
                </label>
            </li>
        }
    }).collect_view();
    let left_out = shown.file.left_out.len();
    let change_count = shown.changes().len();
    let candidate_count = shown.candidates.len();
    let targets = shown
        .targets
        .iter()
        .map(|(id, title)| {
            view! {
                <option value=id.clone()>{format!("{id}: {title}")}</option>
            }
        })
        .collect_view();

    view! {
        <section class="import-preview" data-testid="import-preview" aria-labelledby="import-heading">
            <h2 id="import-heading">"Import preview"</h2>
            <p>"Read as: "<strong data-testid="preview-format">{format}</strong>
                {format!(", {} item(s). Nothing has changed yet.", shown.file.items.len())}</p>
            {(left_out > 0).then(|| view! { <p class="muted">{format!("{left_out} entry(ies) left out (e.g. deleted).")}</p> })}
            {tracker.then(|| view! {
                <h3>{format!("Proposed changes: {change_count}")}</h3>
                <ul class="preview-changes">{changes}</ul>
            })}
            {missing}
            {(candidate_count > 0).then(|| view! {
                <h3>{if tracker { format!("Tickets not known here: {candidate_count}") } else { format!("New items: {candidate_count}") }}</h3>
                <ul class="preview-new">{candidates}</ul>
                <label class="field">"New items go to"
                    <select data-testid="import-target" on:change=move |ev| target.set(event_target_value(&ev))>
                        <option value="">"A new post-mortem per source incident"</option>
                        {targets}
                    </select>
                </label>
            })}
            <p class="field-error" role="alert">{move || error.get()}</p>
            <p class="banner-actions">
                <button type="button" class="primary" data-testid="import-confirm" on:click=confirm>"Import"</button>
                <button type="button" data-testid="import-cancel" on:click=move |_| on_done.run(())>"Cancel"</button>
            </p>
        </section>
    }
}

/// An empty value, as the preview says it.
fn show(value: &str) -> &str {
    if value.is_empty() {
        "none"
    } else {
        value
    }
}
