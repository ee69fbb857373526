//! The service worker (`public/sw.js`) from the page's side: it is registered, a new deployed
//! version is announced, and the page moves to it only after saving.
//!
//! A new version waits in the worker until a page asks for it, so an open tab keeps the code it
//! started with. When one tab takes the new version, every other tab of the old one saves and
//! reloads too (or, with edits it could not save, says so): no old tab goes on writing next to
//! a new version's storage format. `persist` refuses to write over a newer format all the same.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

use crate::state::{SaveState, Store};

/// The app's version, from Cargo.toml (the release archive carries the same).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the notice knows.
#[derive(Clone, Copy)]
struct Update {
    /// A new version is installed and waits.
    ready: RwSignal<bool>,
    /// This tab holds edits it could not save, so it was not reloaded.
    unsaved: RwSignal<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

/// The version, at the foot of the page.
#[component]
pub fn AppFooter() -> impl IntoView {
    view! {
        <footer class="app-footer">
            <span data-testid="app-version">"Followthrough " {VERSION}</span>
        </footer>
    }
}

/// Registers the worker (release builds only: a debug build under `trunk serve` changes too
/// often to be cached) and shows, when a new version waits, a button that saves and reloads.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let store = Store::from_context();
    let update = Update {
        ready: RwSignal::new(false),
        unsaved: RwSignal::new(false),
        registration: StoredValue::new_local(None),
    };
    if !cfg!(debug_assertions) {
        register(store, update);
    }
    let newer_data = crate::state::persist::newer_format_stored();
    let text = move || {
        if update.unsaved.get() {
            "A new version of Followthrough is ready, but your latest edits here could not be \
             saved (see above). Copy them, then reload."
        } else if newer_data {
            "Your data was saved by a newer version of Followthrough. Reload to use it."
        } else {
            "A new version of Followthrough is ready."
        }
    };
    view! {
        <Show when=move || update.ready.get()>
            <div class="update-notice" data-testid="update-notice" role="status">
                <span>{text}</span>
                <button type="button" class="primary" data-testid="update-reload"
                    on:click=move |_| apply(store, update)>
                    "Save and reload"
                </button>
            </div>
        </Show>
    }
}

/// Saves, then lets the waiting version take over and reloads into it. Edits that cannot be
/// saved stop the reload once, with a word why; asked again, it goes ahead.
fn apply(store: Store, update: Update) {
    if !saved(store) && !update.unsaved.get_untracked() {
        update.unsaved.set(true);
        return;
    }
    let waiting = update
        .registration
        .with_value(|r| r.as_ref().and_then(ServiceWorkerRegistration::waiting));
    match waiting {
        Some(worker) => {
            let on_state = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
                let activated = ev
                    .target()
                    .and_then(|t| t.dyn_into::<ServiceWorker>().ok())
                    .is_some_and(|w| w.state() == ServiceWorkerState::Activated);
                if activated {
                    reload();
                }
            });
            worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
            let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
        }
        // Already active (no tab held the old one): the next load is the new version.
        None => reload(),
    }
}

/// Flushes a pending save; whether nothing typed here is left unsaved. Paused saving (stored
/// data this version cannot read, such as a newer version's) has its own banner, and a reload
/// is the way to the version that reads it.
fn saved(store: Store) -> bool {
    store.flush();
    matches!(
        store.save_state.get_untracked(),
        SaveState::Saved | SaveState::Paused { .. }
    )
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

fn register(store: Store, update: Update) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    // Absent over plain http (other than localhost) and in some private modes.
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    // A page loaded by an earlier worker runs that version's code: when the new worker takes
    // over (another tab asked for it), this page saves and reloads, unless it cannot save.
    if container.controller().is_some() {
        let on_change = Closure::<dyn Fn()>::new(move || {
            if saved(store) {
                reload();
            } else {
                update.unsaved.set(true);
                update.ready.set(true);
            }
        });
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
    }
    // After the page's load, so that the worker's own downloads never compete with the first
    // screen's. Relative to the page's base: the scope is the folder the app is served from.
    let start = move || {
        let promise = container.register("./sw.js");
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(registration) = JsFuture::from(promise).await else {
                return;
            };
            let registration: ServiceWorkerRegistration = registration.unchecked_into();
            watch(&registration, update);
            update.registration.set_value(Some(registration.clone()));
            check_when_shown(registration);
        });
    };
    let loaded = window
        .document()
        .is_some_and(|d| d.ready_state() == "complete");
    if loaded {
        start();
    } else {
        let on_load = Closure::once_into_js(start);
        let _ = window.add_event_listener_with_callback("load", on_load.unchecked_ref());
    }
}

/// Marks the notice ready when a new worker is installed next to an active one (the first
/// install, with none active, is no update).
fn watch(registration: &ServiceWorkerRegistration, update: Update) {
    let waits = |r: &ServiceWorkerRegistration| r.waiting().is_some() && r.active().is_some();
    if waits(registration) {
        update.ready.set(true);
    }
    let reg = registration.clone();
    let on_found = Closure::<dyn Fn()>::new(move || {
        let Some(installing) = reg.installing() else {
            return;
        };
        let reg = reg.clone();
        let on_state = Closure::<dyn Fn()>::new(move || {
            if waits(&reg) {
                update.ready.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();
}

/// The browser looks for a new worker on each navigation; a tab kept open all day also looks
/// whenever it is shown again.
fn check_when_shown(registration: ServiceWorkerRegistration) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let doc = document.clone();
    let on_visible = Closure::<dyn Fn()>::new(move || {
        if doc.visibility_state() == web_sys::VisibilityState::Visible {
            let _ = registration.update();
        }
    });
    let _ = document
        .add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    on_visible.forget();
}
