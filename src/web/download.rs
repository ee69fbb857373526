//! Offering text as a file download, without a server.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Starts a download of `text` named `filename`. Errors are returned, not thrown.
pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    web_sys::Url::revoke_object_url(&url)
}

/// [`download_text`], saying in `error` when the download could not start.
pub fn offer_download(filename: &str, mime: &str, text: &str, error: RwSignal<String>) {
    if let Err(e) = download_text(filename, mime, text) {
        error.set(format!("The download could not start: {e:?}"));
    }
}
