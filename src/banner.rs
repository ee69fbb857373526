//! The storage banner: what the user must know about where their data is.

use leptos::prelude::*;

use crate::download::download_text;
use crate::store::{SaveState, Store};

#[component]
pub fn StorageBanner() -> impl IntoView {
    let store = Store::from_context();
    let outcome = RwSignal::new(String::new());
    move || {
        match store.save_state.get() {
        SaveState::Paused { raw, message } => {
            let raw_for_download = raw.clone();
            let download = move |_| {
                if let Err(e) = download_text(
                    "followthrough-unreadable-workspace.json",
                    "application/json",
                    &raw_for_download,
                ) {
                    outcome.set(format!("The download could not start: {e:?}"));
                }
            };
            let set_aside = move |_| match store.set_aside_unreadable() {
                Ok(key) => outcome.set(format!("The old text is kept under \"{key}\".")),
                Err(e) => outcome.set(format!("Could not set it aside: {e}")),
            };
            view! {
                <section class="banner banner-danger" role="alert" data-testid="storage-banner" data-kind="unreadable">
                    <h2>"Your saved workspace could not be read"</h2>
                    <p>{message}</p>
                    <p>
                        "It has been left exactly as it was, and nothing will be saved over it. "
                        "Download it to keep a copy, then set it aside to start saving again."
                    </p>
                    <p class="banner-actions">
                        <button type="button" data-testid="download-unreadable" on:click=download>
                            "Download the stored text ("{raw.len()}" bytes)"
                        </button>
                        <button type="button" data-testid="set-aside-unreadable" on:click=set_aside>
                            "Set it aside and start saving"
                        </button>
                    </p>
                    <p class="banner-outcome">{move || outcome.get()}</p>
                </section>
            }
            .into_any()
        }
        SaveState::InMemory(why) => view! {
            <section class="banner banner-warn" role="status" data-testid="storage-banner" data-kind="in-memory">
                <p>"Browser storage is unavailable ("{why}"). You can work, but nothing is saved: export before you close the tab."</p>
            </section>
        }
        .into_any(),
        SaveState::Failed(error) => view! {
            <section class="banner banner-danger" role="alert" data-testid="storage-banner" data-kind="failed">
                <p>"Your last change was not saved: "{error.to_string()}". It is kept in this tab; export before you close it."</p>
            </section>
        }
        .into_any(),
        SaveState::Saved | SaveState::Pending => ().into_any(),
    }
    }
}
