//! Another tab's write to localStorage, which reaches this tab as a `storage` event.

use leptos::prelude::*;

/// Calls `then` with the key another tab wrote (`None` when it cleared storage). For the page's
/// lifetime.
pub fn on_other_tab_write(then: impl Fn(Option<String>) + 'static) {
    let handle = window_event_listener(leptos::ev::storage, move |ev| then(ev.key()));
    std::mem::forget(handle);
}
