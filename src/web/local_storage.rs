//! The browser's localStorage: getting at it, listing keys, measuring use against the quota.
//! What is stored there, and how, is `state::persist`'s.

use wasm_bindgen::{JsCast, JsValue};

/// The usual localStorage quota of an origin (browsers count UTF-16 code units: ~5 Mi of them).
pub const QUOTA_UNITS: u64 = 5 * 1024 * 1024;
/// Usage above this share of the quota is warned.
pub const QUOTA_WARN_SHARE: f64 = 0.8;

/// localStorage, or why it cannot be had. Accessing it can throw (e.g. when cookies are
/// blocked), so every step is checked.
pub fn local_storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("no window")?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err("this browser offers no localStorage".into()),
        Err(e) => Err(error_text(&e)),
    }
}

/// The keys that start with `prefix`.
pub fn keys_with_prefix(storage: &web_sys::Storage, prefix: &str) -> Vec<String> {
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .collect()
}

/// Whether a failed write failed because the origin's quota is full.
pub fn is_quota_error(error: &JsValue) -> bool {
    error
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|d| d.name() == "QuotaExceededError" || d.code() == 22)
}

/// What this origin's localStorage holds, in UTF-16 code units (what the quota counts).
/// The values' lengths are read on the JavaScript side: nothing is copied into wasm.
pub fn usage_units() -> u64 {
    let Ok(storage) = local_storage() else {
        return 0;
    };
    let get_item = js_sys::Reflect::get(&storage, &JsValue::from_str("getItem"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(get_item) = get_item else {
        return 0;
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .map(|key| {
            let value = get_item
                .call1(&storage, &JsValue::from_str(&key))
                .ok()
                .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
                .map_or(0, |s| s.length());
            key.encode_utf16().count() as u64 + u64::from(value)
        })
        .sum()
}

/// Asks the browser not to evict this origin's storage under pressure (best effort).
pub fn request_persistence() {
    if let Some(window) = web_sys::window() {
        if let Ok(promise) = window.navigator().storage().persist() {
            // The answer only matters to the browser; ignore it.
            wasm_bindgen_futures::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            });
        }
    }
}

/// A preference of this browser (not part of the workspace), if set.
pub fn preference(key: &str) -> Option<String> {
    local_storage().ok()?.get_item(key).ok().flatten()
}

/// Remembers a preference of this browser; best effort.
pub fn set_preference(key: &str, value: &str) {
    if let Ok(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

/// The message of a thrown JavaScript value.
pub fn error_text(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
