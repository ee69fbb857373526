//! Hand-off (DOMAIN.md §10): JSON export of the workspace or one post-mortem, JSON import with
//! a preview and nothing changed until confirmed (undoable), and tracker exports of a chosen
//! set of items. Every format, its file name and type come from `followthrough_core::exchange`
//! (`ExportFormat`, `workspace_file`).

use chrono::{DateTime, Utc};
use followthrough_core::exchange::folder::is_member;
use followthrough_core::exchange::{
    apply_owned, check_size, join, preview, read_import, split, ConflictRule, DocumentKind, Entry,
    ExportFile, ExportFormat, ExportSet, Incoming, Mode, NothingChosen, Preview,
};
use followthrough_core::intake::is_exchange_document;
use followthrough_core::storage::restore::Occasion;
use leptos::prelude::*;
use std::sync::Arc;

use crate::on_demand;
use crate::on_demand::Unavailable;
use crate::state::restore::RestorePoints;
use crate::state::Store;
use crate::views::intake::{read_given, Given, NotDone, SourcePreview, SourceShown};
use crate::views::restore::RestorePointList;
use crate::web::clock;
use crate::web::download::{download_text, offer_download};
use crate::web::files::{
    can_write_folder, path_in_folder, read_text, write_into_picked_folder, Written,
};

/// The app's own address without the route, for links back from tickets to post-mortems.
fn link_base() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    Some(href.split('#').next().unwrap_or_default().to_string())
}

/// Offers a file as a download, saying in `error` when it could not start.
fn save(file: &ExportFile, error: RwSignal<String>) {
    offer_download(&file.name, file.mime, &file.text, error);
}

/// Writes a workspace's files (`followthrough split`'s) into a folder the user picks, or, in a
/// browser without a folder picker, downloads each of them.
fn write_folder(store: Store, files: Vec<ExportFile>, error: RwSignal<String>) {
    let count = files.len();
    if !can_write_folder() {
        for file in &files {
            if let Err(e) = download_text(&file.name, file.mime, &file.text) {
                error.set(format!(
                    "{}: the download could not start: {e:?}",
                    file.name
                ));
                return;
            }
        }
        store.show_notice(format!(
            "{count} files downloaded: put them in one folder (this browser cannot write into one)."
        ));
        return;
    }
    let files: Vec<(String, String)> = files.into_iter().map(|f| (f.name, f.text)).collect();
    wasm_bindgen_futures::spawn_local(async move {
        match write_into_picked_folder(&files).await {
            Ok(Written::Into(folder)) => store.show_notice(format!(
                "{count} files written into {folder}: one per post-mortem, and _workspace.json."
            )),
            Ok(Written::Cancelled) => {}
            Err(e) => error.set(format!("Not all files were written: {e}.")),
        }
    });
}

/// Export and import of the whole workspace, for the header.
#[component]
pub fn WorkspaceExchange() -> impl IntoView {
    let store = Store::from_context();
    let points = RestorePoints::load();
    let error = RwSignal::new(String::new());
    // The file read, kept until it is imported (then moved, not copied, into the workspace),
    // and what the preview shows of it, shared with the entry lists rather than copied.
    let file_read = StoredValue::new(None::<Incoming>);
    let pending = RwSignal::new(None::<Arc<Shown>>);
    // Another tool's file (or a pasted list), read and compared with the workspace.
    let source = RwSignal::new(None::<Arc<SourceShown>>);
    let mode = RwSignal::new(Mode::Merge);
    let rule = RwSignal::new(ConflictRule::KeepWorkspace);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let folder_ref = NodeRef::<leptos::html::Input>::new();

    let export = move |_| {
        save(&store.workspace_file(), error);
    };
    let export_folder = move |_| {
        error.set(String::new());
        match store.peek_workspace(split) {
            Ok(files) => write_folder(store, files, error),
            Err(e) => error.set(format!("Not exported as files: {e}.")),
        }
    };
    let show = move |name: String, incoming: Incoming, document: &'static str| {
        let shown = Shown {
            name,
            document,
            postmortems: incoming.postmortems().len(),
            items: incoming.item_count(),
            preview: store.peek_workspace(|ws| preview(ws, &incoming)),
            replaces: incoming.kind == DocumentKind::Workspace,
        };
        file_read.set_value(Some(incoming));
        pending.set(Some(Arc::new(shown)));
    };
    let on_files = move |input: NodeRef<leptos::html::Input>, folder: bool| {
        error.set(String::new());
        pending.set(None);
        source.set(None);
        file_read.set_value(None);
        let Some(list) = input.get().and_then(|i| i.files()) else {
            return;
        };
        let mut files: Vec<web_sys::File> =
            (0..list.length()).filter_map(|n| list.get(n)).collect();
        // Of several files or a folder, only the post-mortem files count (a folder picked in a
        // repository also brings its other files).
        let several = folder || files.len() > 1;
        if files.is_empty() && !several {
            return;
        }
        if several {
            files.retain(|f| is_member(&path_in_folder(f)));
        }
        // Refused before reading a byte when it is too large.
        if let Err(e) = check_size(files.iter().map(|f| f.size() as u64).sum()) {
            error.set(e.to_string());
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            match files.as_slice() {
                [file] if !several => {
                    let name = file.name();
                    let Some(text) = read_text(file).await else {
                        error.set(format!("{name} could not be read."));
                        return;
                    };
                    // This app's own file is read here; another tool's by code loaded on demand.
                    if !is_exchange_document(&text) {
                        match read_given(store, Given::File { name, text }).await {
                            Ok(shown) => source.set(Some(shown)),
                            Err(NotDone(e)) => error.set(e),
                        }
                        return;
                    }
                    match read_import(&text) {
                        Ok(incoming) => {
                            let document = match incoming.kind {
                                DocumentKind::Workspace => "workspace",
                                DocumentKind::PostMortem => "post-mortem",
                            };
                            show(name, incoming, document);
                        }
                        Err(e) => error.set(format!("{name} was not imported: {e}")),
                    }
                }
                // Several files, or a folder: one post-mortem per file, joined by the core.
                _ => {
                    let mut read = Vec::new();
                    for file in &files {
                        let Some(text) = read_text(file).await else {
                            error.set(format!("{} could not be read.", file.name()));
                            return;
                        };
                        read.push((file.name(), text));
                    }
                    let joined = join(read.iter().map(|(n, t)| (n.as_str(), t.as_str())));
                    match joined {
                        Ok(joined) if joined.files.is_empty() => error.set(
                            "Nothing to import: no post-mortem file (.json) was chosen.".into(),
                        ),
                        Ok(joined) => {
                            let path = files.first().map(path_in_folder).unwrap_or_default();
                            let name = match path.split_once('/') {
                                Some((dir, _)) if folder => format!("the folder {dir}"),
                                _ => format!("{} files", read.len()),
                            };
                            show(name, joined.into_incoming(), "folder");
                        }
                        Err(e) => error.set(format!("Not imported: {e}")),
                    }
                }
            }
        });
    };
    let pasted = RwSignal::new(String::new());
    let paste_preview = move |_| {
        error.set(String::new());
        pending.set(None);
        let text = pasted.get_untracked();
        wasm_bindgen_futures::spawn_local(async move {
            match read_given(store, Given::Pasted(text)).await {
                Ok(shown) => source.set(Some(shown)),
                Err(NotDone(e)) => {
                    source.set(None);
                    error.set(e);
                }
            }
        });
    };
    let clear_input = move || {
        for input in [input_ref, folder_ref] {
            if let Some(input) = input.get() {
                input.set_value("");
            }
        }
    };
    let confirm = move |_| {
        // The file's records are moved into the new workspace: it may be thousands of items.
        let Some(incoming) = file_read.try_update_value(Option::take).flatten() else {
            return;
        };
        let Some(shown) = pending.get_untracked() else {
            return;
        };
        let replaces_all = shown.replaces && mode.get_untracked() == Mode::Replace;
        points.keep(store, Occasion::of_file(shown.name.clone(), replaces_all));
        let next = store.peek_workspace(|ws| {
            apply_owned(ws, incoming, mode.get_untracked(), rule.get_untracked())
        });
        store.replace_workspace(next, "import");
        store.show_notice("Imported. Undo (Ctrl+Z) puts everything back as it was.".into());
        pending.set(None);
        clear_input();
    };

    view! {
        <div class="exchange" role="group" aria-label="Import and export">
            <button type="button" data-testid="export-json" on:click=export>"Export JSON"</button>
            <button type="button" data-testid="export-folder" on:click=export_folder
                title="One file per post-mortem and _workspace.json, as `followthrough split` writes them">"Export as files"</button>
            <label class="file-button">
                "Import files"
                <input type="file" multiple accept="application/json,.json,text/csv,.csv" data-testid="import-file" node_ref=input_ref on:change=move |_| on_files(input_ref, false)/>
            </label>
            <label class="file-button">
                "Import folder"
                <input type="file" prop:webkitdirectory=true data-testid="import-folder" node_ref=folder_ref on:change=move |_| on_files(folder_ref, true)/>
            </label>
            <details class="paste-items">
                <summary>"Paste items"</summary>
                <label class="field">"Action items from the post-mortem document (one per line: “… — Jane Doe, PAY-123, due 2026-12-15”)"
                    <textarea data-testid="paste-items" rows="5" prop:value=move || pasted.get()
                        on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                </label>
                <button type="button" data-testid="paste-preview" on:click=paste_preview>"Preview"</button>
            </details>
            <RestorePointList points=points/>
        </div>
        <p class="field-error import-error" role="alert" data-testid="import-error">{move || error.get()}</p>
        {move || pending.get().map(|shown| { let p = &shown.preview; view! {
            <section class="import-preview" data-testid="import-preview" aria-labelledby="import-heading">
                <h2 id="import-heading">"Import preview"</h2>
                <p>"Read as: "<strong data-testid="preview-format">"Followthrough JSON"</strong></p>
                <p>{format!("A {} with {} post-mortem(s) and {} item(s). Nothing has changed yet.",
                    shown.document, shown.postmortems, shown.items)}</p>
                <ul class="preview-counts">
                    <li data-testid="preview-added">{p.added.len()}" added"</li>
                    <li data-testid="preview-updated">{p.updated.len()}" updated"</li>
                    <li data-testid="preview-conflicting">{p.conflicting.len()}" conflicting"</li>
                    <li data-testid="preview-unchanged">{p.unchanged.len()}" unchanged"</li>
                </ul>
                <ImportRefusal shown=shown.clone() mode=mode/>
                <EntryList title="Added" shown=shown.clone() entries=|p| &p.added/>
                <EntryList title="Updated (the file's copy is newer)" shown=shown.clone() entries=|p| &p.updated/>
                <EntryList title="Conflicting (both may have changed)" shown=shown.clone() entries=|p| &p.conflicting/>
                <fieldset>
                    <legend>"How"</legend>
                    <label class="field-check"><input type="radio" name="import-mode" data-testid="import-merge"
                        prop:checked=move || mode.get() == Mode::Merge on:change=move |_| mode.set(Mode::Merge)/>
                        "Merge: add what is new, keep what the file does not mention"</label>
                    <label class="field-check"><input type="radio" name="import-mode" data-testid="import-replace"
                        prop:checked=move || mode.get() == Mode::Replace on:change=move |_| mode.set(Mode::Replace)/>
                        "Replace with the file's copy"</label>
                    <label class="field">"Conflicts"
                        <select data-testid="import-conflicts" on:change=move |ev| rule.set(
                            if event_target_value(&ev) == "file" { ConflictRule::TakeFile } else { ConflictRule::KeepWorkspace })>
                            <option value="workspace">"Keep this browser's copy"</option>
                            <option value="file">"Take the file's copy"</option>
                        </select>
                    </label>
                </fieldset>
                <p class="banner-actions">
                    <button type="button" class="primary" data-testid="import-confirm" on:click=confirm
                        disabled={ let shown = shown.clone(); move || !shown.preview.refusal(mode.get()).is_empty() }>"Import"</button>
                    <button type="button" data-testid="import-cancel" on:click=move |_| { pending.set(None); file_read.set_value(None); clear_input() }>"Cancel"</button>
                </p>
            </section>
        }})}
        {move || source.get().map(|shown| view! {
            <SourcePreview shown=shown points=points on_done=move |_| { source.set(None); clear_input() }/>
        })}
    }
}

/// Why the file cannot be imported in the chosen mode (item ids used in two post-mortems).
#[component]
fn ImportRefusal(shown: Arc<Shown>, mode: RwSignal<Mode>) -> impl IntoView {
    move || {
        let refusal = shown.preview.refusal(mode.get());
        (!refusal.is_empty()).then(|| {
            view! {
                <div class="field-error" role="alert" data-testid="import-refused">
                    <p>"This file cannot be imported as it is:"</p>
                    <ul>{refusal.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}

/// What the import preview shows of a file read.
struct Shown {
    /// The file (or folder) as the restore point names it.
    name: String,
    document: &'static str,
    /// Whether it holds a whole workspace (replacing with it replaces everything).
    replaces: bool,
    postmortems: usize,
    items: usize,
    preview: Preview,
}

/// How many entries of one kind the preview lists; the count says how many there are.
const PREVIEW_LIMIT: usize = 200;

#[component]
fn EntryList(
    title: &'static str,
    shown: Arc<Shown>,
    entries: fn(&Preview) -> &[Entry],
) -> impl IntoView {
    // The entries are drawn when the list is opened, and at most PREVIEW_LIMIT of them: a
    // 10,000-item file must not build 10,000 hidden rows before the preview shows.
    let open = RwSignal::new(false);
    let total = entries(&shown.preview).len();
    let shown = StoredValue::new(shown);
    (total > 0).then(|| view! {
        <details class="preview-entries" on:toggle=move |ev| {
            let details: web_sys::HtmlDetailsElement = event_target(&ev);
            open.set(details.open());
        }>
            <summary>{format!("{title}: {total}")}</summary>
            <ul>
                {move || open.get().then(|| shown.with_value(|shown| {
                    entries(&shown.preview).iter().take(PREVIEW_LIMIT).map(|e| {
                        let id = e.item_id.clone().unwrap_or_else(|| e.postmortem_id.clone());
                        let fields = if e.fields.is_empty() { String::new() } else { format!(" ({})", e.fields.join(", ")) };
                        view! { <li><span class="item-id">{id}</span>" "{e.title.clone()}{fields}</li> }
                    }).collect_view()
                }))}
                {(total > PREVIEW_LIMIT).then(|| view! {
                    <li class="muted">{format!("… and {} more", total - PREVIEW_LIMIT)}</li>
                })}
            </ul>
        </details>
    })
}

/// Why a post-mortem's export gave no file: a sentence for its error line.
pub struct NotExported(pub String);

impl From<NothingChosen> for NotExported {
    fn from(nothing: NothingChosen) -> Self {
        NotExported(nothing.message().into())
    }
}

impl From<Unavailable> for NotExported {
    fn from(e: Unavailable) -> Self {
        NotExported(format!("Not exported: {e}."))
    }
}

// The tracker, document and calendar writers are loaded on demand (src/on_demand.rs): they run
// only when an export button is pressed.
on_demand!(exports:
/// One post-mortem's file in `format`, of the items in `set`.
pub fn export_file(
    store: Store,
    format: ExportFormat,
    pm_id: String,
    set: ExportSet,
    now: DateTime<Utc>,
) -> Result<ExportFile, NotExported> {
    Ok(store.peek_workspace(|ws| format.export(ws, &pm_id, &set, now))?)
});

/// Exports of one post-mortem: its JSON, and tracker formats for the chosen items.
#[component]
pub fn PostMortemExports(pm_id: String) -> impl IntoView {
    let store = Store::from_context();
    let pm_id = StoredValue::new(pm_id);
    let error = RwSignal::new(String::new());
    // Titles follow once typing pauses.
    let items = Memo::new(move |_| {
        store.with_pm_settled(&pm_id.get_value(), |pm| {
            pm.map(|pm| {
                pm.action_items
                    .iter()
                    .map(|i| (i.id.clone(), i.title.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
        })
    });
    // Items left out of the export; everything is chosen by default.
    let excluded = RwSignal::new(Vec::<String>::new());
    let chosen = move || {
        let pm = pm_id.get_value();
        let mut set = ExportSet::new(link_base().as_deref());
        for (id, _) in items.get_untracked() {
            if !excluded.with_untracked(|x| x.contains(&id)) {
                set.push(&pm, &id);
            }
        }
        set
    };
    let export = move |format: ExportFormat| {
        let (set, pm) = (chosen(), pm_id.get_value());
        wasm_bindgen_futures::spawn_local(async move {
            match export_file(store, format, pm, set, clock::now()).await {
                Ok(file) => {
                    error.set(String::new());
                    save(&file, error);
                }
                Err(NotExported(e)) => error.set(e),
            }
        });
    };

    view! {
        <details class="exports" data-testid="exports">
            <summary>"Export: tracker tickets, Markdown, calendar, JSON"</summary>
            <fieldset class="export-items">
                <legend>"Items"</legend>
                // Keyed by id, the title read live: typing a title must not rebuild its row.
                <For each=move || items.get() key=|(id, _)| id.clone() let((id, _title))>
                    <label class="field-check">
                        <input type="checkbox" data-testid="export-item" data-item-id=id.clone()
                            prop:checked={ let id = id.clone(); move || !excluded.with(|x| x.contains(&id)) }
                            on:change={ let id = id.clone(); move |ev| {
                                let on = event_target_checked(&ev);
                                excluded.update(|x| { x.retain(|e| e != &id); if !on { x.push(id.clone()) } });
                            }}/>
                        <span class="item-id">{id.clone()}</span>" "
                        {let id = id.clone(); move || items.with(|all| {
                            all.iter().find(|(i, _)| *i == id).map(|(_, t)| t.clone()).unwrap_or_default()
                        })}
                    </label>
                </For>
            </fieldset>
            <p class="banner-actions">
                {ExportFormat::ALL.map(|format| view! {
                    <button type="button" data-testid=format!("export-{}", format.slug()) on:click=move |_| export(format)>{format.label()}</button>
                }).collect_view()}
            </p>
            <ul class="export-hints">
                {ExportFormat::ALL.iter().filter_map(|format| format.hint().map(|hint| view! {
                    <li data-testid=format!("export-hint-{}", format.slug())><strong>{format.label()}</strong>": "{hint}</li>
                })).collect_view()}
            </ul>
            <p class="field-error" role="alert" data-testid="export-error">{move || error.get()}</p>
        </details>
    }
}
