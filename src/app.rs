//! The page: wires the store to the browser, then the header, the storage banner, the notice
//! and the current view.

use leptos::prelude::*;

use crate::route::{use_route, Route};
use crate::state::{Derived, SaveState, Store};
use crate::ui::banner::{StorageBanner, StorageUsage};
use crate::ui::notice::Notice;
use crate::views;
use crate::web::{focus, local_storage, page_hidden, shortcuts, storage_events};

/// The localStorage key of the large-text preference (projectors).
const LARGE_TEXT_KEY: &str = "followthrough.large-text";

#[component]
pub fn App() -> impl IntoView {
    let store = Store::load();
    provide_context(store);
    let derived = Derived::new(store);
    provide_context(derived);
    // A pending write is flushed when the page is hidden or unloaded.
    page_hidden::on_page_hidden(move || store.flush());
    storage_events::on_other_tab_write(move |key| store.on_other_tab_write(key.as_deref()));
    shortcuts::on_undo_keys(move || store.undo(), move || store.redo());
    // The datalist of people is filled only while a field that autocompletes people has the
    // focus: with thousands of people in the workspace, its options would otherwise sit in the
    // page and add to the work of every keystroke elsewhere.
    let people_wanted = focus::focus_in_fields_with_list("people");
    local_storage::request_persistence();
    let route = use_route();

    view! {
        <header class="app-header">
            <h1 data-testid="app-title"><a href=Route::List.href()>"Followthrough"</a></h1>
            <MainNav route=route/>
            <p class="tagline">"Post-mortem action items, followed through."</p>
            <LargeTextToggle/>
            <StorageUsage/>
            <SaveMark/>
            <div class="toolbar"><views::exchange::WorkspaceExchange/></div>
        </header>
        <StorageBanner/>
        <Notice/>
        <crate::update::UpdateNotice/>
        <datalist id="people">
            <For each=move || if people_wanted.get() { derived.people.get() } else { Vec::new() } key=|p| p.clone() let(person)>
                <option value=person></option>
            </For>
        </datalist>
        <main class="app-main">
            {move || match route.get() {
                Route::List => view! { <views::list::PostMortemList/> }.into_any(),
                Route::PostMortem(id) => view! { <views::meeting::PostMortemPage id/> }.into_any(),
                Route::Items => view! { <views::portfolio::Portfolio/> }.into_any(),
                Route::Review => view! { <views::review::ReviewView/> }.into_any(),
                Route::Dashboard => view! { <views::dashboard::Dashboard/> }.into_any(),
                Route::People => view! { <views::people::PeopleView/> }.into_any(),
            }}
        </main>
        <crate::update::AppFooter/>
    }
}

/// The views of the app; the current one is marked for assistive technology.
#[component]
fn MainNav(route: ReadSignal<Route>) -> impl IntoView {
    let link = move |target: Route, label: &'static str, test_id: &'static str| {
        let href = target.href();
        let current = move || {
            let here = route.get();
            let on =
                here == target || (target == Route::List && matches!(here, Route::PostMortem(_)));
            on.then_some("page")
        };
        view! { <a href=href data-testid=test_id aria-current=current>{label}</a> }
    };
    view! {
        <nav class="main-nav" aria-label="Views">
            {link(Route::List, "Post-mortems", "nav-list")}
            {link(Route::Items, "All items", "nav-items")}
            {link(Route::Review, "Review", "nav-review")}
            {link(Route::Dashboard, "Dashboard", "nav-dashboard")}
            {link(Route::People, "People", "nav-people")}
        </nav>
    }
}

/// Large text for projectors; remembered in this browser.
#[component]
fn LargeTextToggle() -> impl IntoView {
    let stored = local_storage::preference(LARGE_TEXT_KEY).is_some_and(|v| v == "1");
    let large = RwSignal::new(stored);
    let apply = move |on: bool| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.class_list().toggle_with_force("large-text", on);
        }
        local_storage::set_preference(LARGE_TEXT_KEY, if on { "1" } else { "0" });
    };
    if stored {
        apply(true);
    }
    view! {
        <button type="button" class="toggle" data-testid="large-text"
            aria-pressed=move || large.get().to_string()
            on:click=move |_| { let on = !large.get_untracked(); large.set(on); apply(on) }>
            "Large text"
        </button>
    }
}

/// A quiet mark of where saving stands.
#[component]
fn SaveMark() -> impl IntoView {
    let store = Store::from_context();
    let text = move || match store.save_state.get() {
        SaveState::Saved => "Saved",
        SaveState::Pending => "Saving…",
        SaveState::Paused { .. } => "Not saving",
        SaveState::Stale => "Not saved (another tab)",
        SaveState::InMemory(_) => "Not saved (no storage)",
        SaveState::Failed(_) => "Not saved",
    };
    view! { <span class="save-mark" data-testid="save-mark" aria-live="polite">{text}</span> }
}
