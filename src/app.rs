//! The page: header, storage banner and the post-mortem list.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use crate::banner::{StorageBanner, StorageUsage};
use crate::derived::Derived;
use crate::meeting::PostMortemPage;
use crate::postmortems::PostMortemList;
use crate::route::{use_route, Route};
use crate::store::{SaveState, Store};

/// The localStorage key of the large-text preference (projectors).
const LARGE_TEXT_KEY: &str = "followthrough.large-text";

#[component]
pub fn App() -> impl IntoView {
    let store = Store::load();
    provide_context(store);
    let derived = Derived::new(store);
    provide_context(derived);
    flush_when_hidden(store);
    follow_other_tabs(store);
    undo_shortcuts(store);
    let people_wanted = people_while_a_name_is_typed();
    crate::persist::request_persistence();
    let route = use_route();

    view! {
        <header class="app-header">
            <h1 data-testid="app-title"><a href=Route::List.href()>"Followthrough"</a></h1>
            <MainNav route=route/>
            <p class="tagline">"Post-mortem action items, followed through."</p>
            <LargeTextToggle/>
            <StorageUsage/>
            <SaveMark/>
            <div class="toolbar"><crate::exchange_ui::WorkspaceExchange/></div>
        </header>
        <StorageBanner/>
        <Notice/>
        <datalist id="people">
            <For each=move || if people_wanted.get() { derived.people.get() } else { Vec::new() } key=|p| p.clone() let(person)>
                <option value=person></option>
            </For>
        </datalist>
        <main class="app-main">
            {move || match route.get() {
                Route::List => view! { <PostMortemList/> }.into_any(),
                Route::PostMortem(id) => view! { <PostMortemPage id/> }.into_any(),
                Route::Items => view! { <crate::portfolio::Portfolio/> }.into_any(),
                Route::Review => view! { <crate::review_view::ReviewView/> }.into_any(),
                Route::Dashboard => view! { <crate::dashboard::Dashboard/> }.into_any(),
            }}
        </main>
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
        </nav>
    }
}

/// The last thing done or undone, with undo and redo at hand.
#[component]
fn Notice() -> impl IntoView {
    let store = Store::from_context();
    view! {
        <div class="notice" data-testid="notice" role="status" aria-live="polite"
            class:visible=move || store.notice.with(|n| n.is_some())>
            <span>{move || store.notice.get().unwrap_or_default()}</span>
            <Show when=move || store.can_undo.get()>
                <button type="button" data-testid="undo" on:click=move |_| store.undo() title="Ctrl+Z">"Undo"</button>
            </Show>
            <Show when=move || store.can_redo.get()>
                <button type="button" data-testid="redo" on:click=move |_| store.redo() title="Ctrl+Shift+Z">"Redo"</button>
            </Show>
            <Show when=move || store.notice.with(|n| n.is_some())>
                <button type="button" class="dismiss" aria-label="Dismiss" on:click=move |_| store.notice.set(None)>"×"</button>
            </Show>
        </div>
    }
}

/// Large text for projectors; remembered in this browser.
#[component]
fn LargeTextToggle() -> impl IntoView {
    let stored = crate::persist::local_storage()
        .ok()
        .and_then(|s| s.get_item(LARGE_TEXT_KEY).ok().flatten())
        .is_some_and(|v| v == "1");
    let large = RwSignal::new(stored);
    let apply = move |on: bool| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.class_list().toggle_with_force("large-text", on);
        }
        if let Ok(storage) = crate::persist::local_storage() {
            let _ = storage.set_item(LARGE_TEXT_KEY, if on { "1" } else { "0" });
        }
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

/// Ctrl+Z undoes the session's last edit, Ctrl+Shift+Z (or Ctrl+Y) redoes it — in every field,
/// since the app's own history replaces the browser's per-field undo.
fn undo_shortcuts(store: Store) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        match ev.key().to_lowercase().as_str() {
            "z" if ev.shift_key() => {
                ev.prevent_default();
                store.redo();
            }
            "z" => {
                ev.prevent_default();
                store.undo();
            }
            "y" => {
                ev.prevent_default();
                store.redo();
            }
            _ => {}
        }
    });
    // The app lives as long as the page.
    std::mem::forget(handle);
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

/// Whether a field that autocompletes people (`list="people"`) has the focus. The datalist is
/// filled only then: with thousands of people in the workspace, its options would otherwise
/// sit in the page and add to the work of every keystroke elsewhere.
fn people_while_a_name_is_typed() -> RwSignal<bool> {
    let wanted = RwSignal::new(false);
    let names_people = |ev: &web_sys::FocusEvent| {
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.get_attribute("list").as_deref() == Some("people"))
    };
    let on = window_event_listener(leptos::ev::focusin, move |ev| {
        if names_people(&ev) {
            wanted.set(true);
        }
    });
    let off = window_event_listener(leptos::ev::focusout, move |ev| {
        if names_people(&ev) {
            wanted.set(false);
        }
    });
    // For the page's lifetime.
    std::mem::forget((on, off));
    wanted
}

/// Another tab's write shows up as a `storage` event here.
fn follow_other_tabs(store: Store) {
    let handle = window_event_listener(leptos::ev::storage, move |ev| {
        let key = ev.key();
        let ours = key.as_deref().is_none_or(|k| {
            // The revision is written last by every save; the older single key may be
            // written by an older version.
            k == crate::persist::REVISION_KEY || k == crate::persist::WORKSPACE_KEY
        });
        if ours {
            store.on_storage_changed();
        }
    });
    std::mem::forget(handle);
}

/// A pending write is flushed when the page is hidden or unloaded, so the last keystroke
/// before closing the tab is kept.
fn flush_when_hidden(store: Store) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_pagehide = Closure::<dyn Fn()>::new(move || store.flush());
    let _ =
        window.add_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref());
    on_pagehide.forget();
    if let Some(document) = window.document() {
        let doc = document.clone();
        let on_visibility = Closure::<dyn Fn()>::new(move || {
            if doc.visibility_state() == web_sys::VisibilityState::Hidden {
                store.flush();
            }
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_visibility.as_ref().unchecked_ref(),
        );
        on_visibility.forget();
    }
}
