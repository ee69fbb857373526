//! A shelf of texts in IndexedDB (through the `idb` crate), out of localStorage's quota: each
//! entry is a short description, listed with the others, and a large text, read one at a time.
//! Both are kept under one number key in two object stores, written in one transaction.
//! Every failure (no IndexedDB in this browser, private mode, quota) is returned as a sentence.

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use wasm_bindgen::JsValue;

const DATABASE: &str = "followthrough";
const VERSION: u32 = 1;
/// The short descriptions.
const ABOUT: &str = "restore_points";
/// The large texts, under the same keys.
const DATA: &str = "restore_data";

fn says(e: idb::Error) -> String {
    e.to_string()
}

async fn open() -> Result<Database, String> {
    let factory = Factory::new().map_err(says)?;
    let mut request = factory.open(DATABASE, Some(VERSION)).map_err(says)?;
    request.on_upgrade_needed(|event| {
        // A failure here aborts the upgrade, and the open then fails with its own error.
        if let Ok(db) = event.database() {
            let names = db.store_names();
            for name in [ABOUT, DATA] {
                if !names.iter().any(|n| n == name) {
                    let _ = db.create_object_store(name, ObjectStoreParams::new());
                }
            }
        }
    });
    request.await.map_err(says)
}

fn key(id: u64) -> JsValue {
    // Keys are milliseconds since 1970: exact as a JS number.
    JsValue::from_f64(id as f64)
}

/// Keeps `about` and `data` under `id`, both or neither.
pub async fn put(id: u64, about: &str, data: &str) -> Result<(), String> {
    let db = open().await?;
    let tx = db
        .transaction(&[ABOUT, DATA], TransactionMode::ReadWrite)
        .map_err(says)?;
    for (store, text) in [(ABOUT, about), (DATA, data)] {
        let store = tx.object_store(store).map_err(says)?;
        store
            .put(&JsValue::from_str(text), Some(&key(id)))
            .map_err(says)?
            .await
            .map_err(says)?;
    }
    let done = tx.commit().map_err(says)?.await.map_err(says)?;
    db.close();
    if done.is_committed() {
        Ok(())
    } else {
        Err("the browser did not keep it".into())
    }
}

/// Every description kept.
pub async fn descriptions() -> Result<Vec<String>, String> {
    let db = open().await?;
    let tx = db
        .transaction(&[ABOUT], TransactionMode::ReadOnly)
        .map_err(says)?;
    let all = tx
        .object_store(ABOUT)
        .map_err(says)?
        .get_all(None, None)
        .map_err(says)?
        .await
        .map_err(says)?;
    db.close();
    Ok(all.into_iter().filter_map(|v| v.as_string()).collect())
}

/// The large text kept under `id`, if any.
pub async fn data(id: u64) -> Result<Option<String>, String> {
    let db = open().await?;
    let tx = db
        .transaction(&[DATA], TransactionMode::ReadOnly)
        .map_err(says)?;
    let value = tx
        .object_store(DATA)
        .map_err(says)?
        .get(key(id))
        .map_err(says)?
        .await
        .map_err(says)?;
    db.close();
    Ok(value.and_then(|v| v.as_string()))
}

/// Forgets the entries under `ids`.
pub async fn forget(ids: &[u64]) -> Result<(), String> {
    if ids.is_empty() {
        return Ok(());
    }
    let db = open().await?;
    let tx = db
        .transaction(&[ABOUT, DATA], TransactionMode::ReadWrite)
        .map_err(says)?;
    for store in [ABOUT, DATA] {
        let store = tx.object_store(store).map_err(says)?;
        for id in ids {
            store.delete(key(*id)).map_err(says)?.await.map_err(says)?;
        }
    }
    tx.commit().map_err(says)?.await.map_err(says)?;
    db.close();
    Ok(())
}
