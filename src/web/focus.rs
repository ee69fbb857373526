//! Which kind of field has the focus.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether a field that autocompletes from the datalist `list_id` (`list="…"`) has the focus,
/// following focus as it moves. For the page's lifetime.
pub fn focus_in_fields_with_list(list_id: &'static str) -> RwSignal<bool> {
    let focused = RwSignal::new(false);
    let uses_list = move |ev: &web_sys::FocusEvent| {
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.get_attribute("list").as_deref() == Some(list_id))
    };
    let on = window_event_listener(leptos::ev::focusin, move |ev| {
        if uses_list(&ev) {
            focused.set(true);
        }
    });
    let off = window_event_listener(leptos::ev::focusout, move |ev| {
        if uses_list(&ev) {
            focused.set(false);
        }
    });
    std::mem::forget((on, off));
    focused
}
