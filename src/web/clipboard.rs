//! Copying text to the clipboard, with a word on how it went.

use leptos::prelude::*;

/// Copies `text`; `status` then says "Copied." or how to copy by hand.
pub fn copy_text(text: String, status: RwSignal<String>) {
    let Some(window) = web_sys::window() else {
        status.set("Could not copy: select the text and press Ctrl+C.".into());
        return;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        status.set(if copied {
            "Copied.".into()
        } else {
            "Could not copy (the browser refused): select the text and press Ctrl+C.".into()
        });
    });
}
