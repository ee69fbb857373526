//! The notice: the last thing done or undone, with undo and redo at hand.

use leptos::prelude::*;

use crate::state::Store;

#[component]
pub fn Notice() -> impl IntoView {
    let store = Store::from_context();
    let notice = store.notice;
    view! {
        <div class="notice" data-testid="notice" role="status" aria-live="polite"
            class:visible=move || notice.with(|n| n.is_some())>
            <span>{move || notice.get().unwrap_or_default()}</span>
            <Show when=move || store.can_undo.get()>
                <button type="button" data-testid="undo" on:click=move |_| store.undo() title="Ctrl+Z">"Undo"</button>
            </Show>
            <Show when=move || store.can_redo.get()>
                <button type="button" data-testid="redo" on:click=move |_| store.redo() title="Ctrl+Shift+Z">"Redo"</button>
            </Show>
            <Show when=move || notice.with(|n| n.is_some())>
                <button type="button" class="dismiss" aria-label="Dismiss" on:click=move |_| store.dismiss_notice()>"×"</button>
            </Show>
        </div>
    }
}
