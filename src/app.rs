//! The page: header, storage banner and the post-mortem list.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use crate::banner::StorageBanner;
use crate::postmortems::PostMortemList;
use crate::store::{SaveState, Store};

#[component]
pub fn App() -> impl IntoView {
    let store = Store::load();
    provide_context(store);
    flush_when_hidden(store);

    view! {
        <header class="app-header">
            <h1 data-testid="app-title">"Followthrough"</h1>
            <p class="tagline">"Post-mortem action items, followed through."</p>
            <SaveMark/>
        </header>
        <StorageBanner/>
        <main class="app-main">
            <PostMortemList/>
        </main>
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
        SaveState::InMemory(_) => "Not saved (no storage)",
        SaveState::Failed(_) => "Not saved",
    };
    view! { <span class="save-mark" data-testid="save-mark" aria-live="polite">{text}</span> }
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
