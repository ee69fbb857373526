//! A shelf of texts in IndexedDB, out of localStorage's quota: each entry is a short
//! description, listed with the others, and a large text, read one at a time. Both are kept
//! under one number key in two object stores, written in one transaction. The IndexedDB calls
//! are the small JS module beside this file (`indexed_db.js`); every failure (no IndexedDB in
//! this browser, private mode, quota) comes back as a sentence.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/web/indexed_db.js")]
extern "C" {
    #[wasm_bindgen(js_name = shelfPut)]
    fn shelf_put(key: f64, about: &str, data: &str) -> Promise;
    #[wasm_bindgen(js_name = shelfDescriptions)]
    fn shelf_descriptions() -> Promise;
    #[wasm_bindgen(js_name = shelfData)]
    fn shelf_data(key: f64) -> Promise;
    #[wasm_bindgen(js_name = shelfForget)]
    fn shelf_forget(keys: Vec<f64>) -> Promise;
}

/// Keys are milliseconds since 1970: exact as a JS number.
fn key(id: u64) -> f64 {
    id as f64
}

async fn settled(promise: Promise) -> Result<JsValue, String> {
    JsFuture::from(promise)
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| "IndexedDB failed".into()))
}

/// Keeps `about` and `data` under `id`, both or neither.
pub async fn put(id: u64, about: &str, data: &str) -> Result<(), String> {
    settled(shelf_put(key(id), about, data)).await.map(|_| ())
}

/// Every description kept.
pub async fn descriptions() -> Result<Vec<String>, String> {
    let all = settled(shelf_descriptions()).await?;
    Ok(Array::from(&all)
        .iter()
        .filter_map(|v| v.as_string())
        .collect())
}

/// The large text kept under `id`, if any.
pub async fn data(id: u64) -> Result<Option<String>, String> {
    Ok(settled(shelf_data(key(id))).await?.as_string())
}

/// Forgets the entries under `ids`.
pub async fn forget(ids: &[u64]) -> Result<(), String> {
    if ids.is_empty() {
        return Ok(());
    }
    settled(shelf_forget(ids.iter().copied().map(key).collect()))
        .await
        .map(|_| ())
}
