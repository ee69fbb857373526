//! The people roster (DOMAIN.md §5.1), the workspace's one setting with a screen: people
//! pasted or imported from a directory, previewed before they are added, and the owners the
//! workspace already knows beside them. With a roster, an owner on neither warns in the
//! meeting and the nearest name is suggested. The reading is the core's (`people`).

use followthrough_core::exchange::check_size;
use followthrough_core::people::{owners_off_roster, read_people, PeopleRead};
use leptos::prelude::*;

use crate::state::{Derived, Store};
use crate::web::focus::focus_soon;

#[component]
pub fn PeopleView() -> impl IntoView {
    let store = Store::from_context();
    let derived = Derived::from_context();
    // Plain closures rather than memos: this screen is not on show while anyone types, and
    // each memo type adds its own copy of the framework's code to the download.
    let roster = move || derived.settings.with(|s| s.people.clone());
    // Owners are on the roster for the owner check whatever the list says: shown, marked.
    let owners = move || {
        let people = roster();
        store.with_people(|ws| owners_off_roster(ws, &people))
    };
    let pasted = RwSignal::new(String::new());
    let read = RwSignal::new(None::<PeopleRead>);
    let error = RwSignal::new(String::new());
    let input_ref = NodeRef::<leptos::html::Input>::new();

    let preview = move || {
        let text = pasted.get_untracked();
        let people = (!text.trim().is_empty()).then(|| {
            derived
                .settings
                .with_untracked(|s| read_people(&text, &s.people))
        });
        read.set(people);
    };
    // A file is read into the text area, to be previewed (and corrected) like a paste.
    let on_file = move |_| {
        error.set(String::new());
        let Some(file) = input_ref
            .get()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        if let Err(e) = check_size(file.size() as u64) {
            error.set(e.to_string());
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            match crate::web::files::read_text(&file).await {
                Some(text) => {
                    pasted.set(text);
                    preview();
                }
                None => error.set(format!("{} could not be read.", file.name())),
            }
        });
    };
    let add = move |_| {
        let Some(r) = read.get_untracked().filter(PeopleRead::adds_anything) else {
            return;
        };
        let (count, addressed) = (r.new.len(), r.addressed.len());
        store.edit_people(&format!("add {count} people to the roster"), |people| {
            r.add_to(people)
        });
        let mut said = format!("Added {count} to the roster");
        if addressed > 0 {
            said += &format!(", and an address to {addressed} already on it");
        }
        store.show_notice(format!("{said}. Undo (Ctrl+Z) puts the roster back."));
        read.set(None);
        pasted.set(String::new());
        if let Some(input) = input_ref.get() {
            input.set_value("");
        }
    };

    view! {
        <section class="people-view" aria-labelledby="people-heading">
            <h2 id="people-heading">"People"</h2>
            <p class="muted">"The people who own action items. With names on this roster, an owner who is neither on it nor owns another item is warned about in the meeting, with the nearest name suggested."</p>
            <h3>"Add people"</h3>
            <label class="field">"Names and e-mail addresses, one person a line (“Ana Silva <ana.silva@corp.example>”, “Ana Silva,ana.silva@corp.example”, or a CSV export from a directory or Slack)"
                <textarea data-testid="roster-paste" rows="5" prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
            </label>
            <p class="banner-actions">
                <button type="button" data-testid="roster-preview" on:click=move |_| preview()>"Preview"</button>
                <label class="file-button">"Import a file (CSV or text)"
                    <input type="file" accept=".csv,.txt,text/csv,text/plain" data-testid="roster-file" node_ref=input_ref on:change=on_file/>
                </label>
            </p>
            <p class="field-error" role="alert">{move || error.get()}</p>
            {move || read.get().map(|r| { let nothing = !r.adds_anything(); view! {
                <div class="roster-read" data-testid="roster-read" role="status">
                    <p>{format!("{} to add, {} to get an address, {} already known, {} line(s) not read. Nothing has changed yet.",
                        r.new.len(), r.addressed.len(), r.known.len(), r.unreadable.len())}</p>
                    {lines("To add", "roster-new", r.new)}
                    {lines("Address added", "roster-addressed", r.addressed.into_iter().map(|(_, entry)| entry).collect())}
                    {lines("Already known", "roster-known", r.known)}
                    {lines("Not read", "roster-unreadable", r.unreadable)}
                    <button type="button" class="primary" data-testid="roster-add" on:click=add
                        disabled=nothing>"Add to the roster"</button>
                </div>
            }})}
            <h3>"Roster"</h3>
            <ul class="roster" data-testid="roster">
                {move || roster().into_iter().enumerate().map(|(index, entry)| {
                    let label = format!("Remove {entry}");
                    let remove = move |_| {
                        store.edit_people("remove from the roster", |people| {
                            if index < people.len() { people.remove(index); }
                        });
                        // Focus stays in the list: the next entry's button, else the one before.
                        let button = |n: usize| format!("[data-testid=roster] li:nth-child({n}) [data-testid=roster-remove]");
                        focus_soon(vec![button(index + 1), button(index.max(1)), "[data-testid=roster-paste]".into()], false);
                    };
                    view! {
                        <li data-testid="roster-entry">{entry}" "
                            <button type="button" data-testid="roster-remove" aria-label=label on:click=remove>"Remove"</button>
                        </li>
                    }
                }).collect_view()}
                {move || owners().into_iter().map(|owner| view! {
                    <li data-testid="roster-entry" data-known="owner">{owner}" "<span class="muted">"(owns items here)"</span></li>
                }).collect_view()}
            </ul>
            <button type="button" data-testid="roster-clear" on:click=move |_| {
                    store.edit_people("clear the roster", Vec::clear);
                    store.show_notice("Roster cleared. Undo (Ctrl+Z) puts it back.".into());
                    focus_soon(vec!["[data-testid=roster-paste]".into()], false);
                }>"Clear the roster"</button>
        </section>
    }
}

/// A titled list of what a paste gives, when there is something in it.
fn lines(title: &'static str, test_id: &'static str, lines: Vec<String>) -> impl IntoView {
    (!lines.is_empty()).then(|| view! {
        <h4>{title}</h4>
        <ul data-testid=test_id>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
    })
}
