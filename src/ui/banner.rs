//! The storage banner: what the user must know about where their data is.

use leptos::prelude::*;

use crate::state::persist::SaveError;
use crate::state::{SaveState, Store};
use crate::web::download::offer_download;
use crate::web::local_storage::{QUOTA_UNITS, QUOTA_WARN_SHARE};

/// Offers the whole workspace as a download (the JSON format of record).
fn export_workspace(store: Store, outcome: RwSignal<String>) {
    let file = store.workspace_file();
    offer_download(&file.name, file.mime, &file.text, outcome);
}

#[component]
pub fn StorageBanner() -> impl IntoView {
    let store = Store::from_context();
    let outcome = RwSignal::new(String::new());
    move || {
        match store.save_state.get() {
        SaveState::Paused { raw, message, quarantine, .. } => {
            let raw_for_download = raw.clone();
            let download = move |_| {
                offer_download(
                    "followthrough-unreadable-workspace.json",
                    "application/json",
                    &raw_for_download,
                    outcome,
                )
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
                    {quarantine.map(|key| view! { <p class="muted">"A copy is also kept in this browser under \""{key}"\"."</p> })}
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
        SaveState::Failed(error) => {
            let kind = if error == SaveError::QuotaExceeded { "quota" } else { "failed" };
            view! {
                <section class="banner banner-danger" role="alert" data-testid="storage-banner" data-kind=kind>
                    <p>"Your last change was not saved: "{error.to_string()}". Everything is kept in this tab; export it before you close the tab."</p>
                    <p class="banner-actions">
                        <button type="button" class="primary" data-testid="banner-export" on:click=move |_| {
                            export_workspace(store, outcome)
                        }>"Export the workspace (JSON)"</button>
                        <button type="button" data-testid="banner-retry" on:click=move |_| store.keep_this_version()>"Try saving again"</button>
                    </p>
                    <p class="banner-outcome">{move || outcome.get()}</p>
                </section>
            }
            .into_any()
        }
        SaveState::Stale => view! {
            <section class="banner banner-warn" role="alert" data-testid="storage-banner" data-kind="stale">
                <h2>"Another tab saved newer changes"</h2>
                <p>"This tab's latest edits are held, not saved, so neither version is lost without you deciding."</p>
                <p class="banner-actions">
                    <button type="button" class="primary" data-testid="stale-load" on:click=move |_| store.load_newer()>"Load the newer version (drops this tab's unsaved edits)"</button>
                    <button type="button" data-testid="stale-keep" on:click=move |_| store.keep_this_version()>"Keep this tab's version (overwrites the other)"</button>
                    <button type="button" data-testid="stale-export" on:click=move |_| {
                        export_workspace(store, outcome)
                    }>"Export this tab's version"</button>
                </p>
                <p class="banner-outcome">{move || outcome.get()}</p>
            </section>
        }
        .into_any(),
        SaveState::Saved | SaveState::Pending => ().into_any(),
    }
    }
}

/// How much of the origin's storage quota is used; warned at 80%.
#[component]
pub fn StorageUsage() -> impl IntoView {
    let store = Store::from_context();
    let usage = store.usage;
    let share = move || usage.get() as f64 / QUOTA_UNITS as f64;
    view! {
        <span class="usage" data-testid="storage-usage" class:usage-warn={move || share() >= QUOTA_WARN_SHARE}
            title="localStorage use against the usual 5 MiB quota of a site">
            {move || {
                let kib = usage.get() as f64 * 2.0 / 1024.0;
                let warn = if share() >= QUOTA_WARN_SHARE { " — nearly full: export and archive old post-mortems" } else { "" };
                format!("Storage {:.0}% ({kib:.0} KiB){warn}", share() * 100.0)
            }}
        </span>
    }
}
