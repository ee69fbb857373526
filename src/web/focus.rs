//! Focus: which kind of field has it, and moving it where an action leaves the user.

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

/// The first element matching `selector`, as an HTML element.
pub fn find(selector: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .query_selector(selector)
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// On the next task, once the page has rendered what the current event changed, focuses the
/// first of `selectors` that matches an element. `caret_at_end` puts a text area's caret after
/// its text.
pub fn focus_soon(selectors: Vec<String>, caret_at_end: bool) {
    gloo_timers::callback::Timeout::new(0, move || {
        selectors.iter().any(|s| focus_now(s, caret_at_end));
    })
    .forget();
}

/// Focuses the element matching `selector` as soon as it exists (checking on each of the next
/// few frames): for an element a route change is about to show.
pub fn focus_when_there(selector: String) {
    fn attempt(selector: String, frames_left: u32) {
        if !focus_now(&selector, false) && frames_left > 0 {
            request_animation_frame(move || attempt(selector, frames_left - 1));
        }
    }
    request_animation_frame(move || attempt(selector, 30));
}

/// Focuses the first element matching `selector` now; returns whether focus is there (not when
/// there is none, or it is hidden).
pub fn focus_now(selector: &str, caret_at_end: bool) -> bool {
    let Some(el) = find(selector) else {
        return false;
    };
    let _ = el.focus();
    if caret_at_end {
        if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            let end = area.value().encode_utf16().count() as u32;
            let _ = area.set_selection_range(end, end);
        }
    }
    el.owner_document()
        .and_then(|d| d.active_element())
        .is_some_and(|active| &active == el.as_ref())
}

/// Whether a key pressed on `target` would type text there (a text field, a text area, a
/// select or anything editable): single-key shortcuts leave those alone.
pub fn types_text(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    match el.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => !matches!(
            el.get_attribute("type").as_deref(),
            Some("checkbox" | "radio" | "button" | "submit" | "file")
        ),
        _ => el.is_content_editable(),
    }
}

/// A CSS selector for the element with `data-testid` in the item row of `item_id`.
pub fn in_item(item_id: &str, test_id: &str) -> String {
    format!(
        "[data-testid=action-item][data-item-id=\"{}\"] [data-testid={test_id}]",
        item_id.replace(['"', '\\'], "")
    )
}
