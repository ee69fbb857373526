//! The browser side of storage: reads and writes the workspace in localStorage.
//!
//! What is stored is parsed by the core. "Nothing stored" and "stored but unreadable" are
//! different answers: an unreadable value keeps its raw text so the user can download it, and
//! it is never overwritten by an empty workspace.

use followthrough_core::storage::{load_workspace, save_workspace, LoadError};
use followthrough_core::Workspace;
use wasm_bindgen::JsCast;

/// The localStorage key of the workspace.
pub const WORKSPACE_KEY: &str = "followthrough.workspace";
/// A counter bumped by every write, so that a tab holding an older copy never overwrites a
/// newer one written by another tab.
pub const REVISION_KEY: &str = "followthrough.workspace.revision";
/// Unreadable values are copied under this prefix before anything else happens.
pub const QUARANTINE_PREFIX: &str = "followthrough.workspace.quarantine.";
/// The usual localStorage quota of an origin (browsers count UTF-16 code units: ~5 Mi of them).
pub const QUOTA_UNITS: u64 = 5 * 1024 * 1024;
/// Usage above this share of the quota is warned.
pub const QUOTA_WARN_SHARE: f64 = 0.8;

/// What a read of the stored workspace found.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// Nothing stored yet: a first visit.
    Nothing,
    Found(Box<Workspace>),
    /// Something is stored but cannot be read; `raw` is kept as it was.
    Unreadable {
        raw: String,
        error: LoadError,
    },
    /// localStorage cannot be used at all (disabled, private mode, sandboxed frame).
    Unavailable(String),
}

/// Why a write did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The origin's quota is full.
    QuotaExceeded,
    /// Another tab saved a newer revision; writing would overwrite it.
    Stale {
        theirs: u64,
    },
    Unavailable(String),
    Other(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::QuotaExceeded => f.write_str("the browser's storage for this site is full"),
            SaveError::Stale { .. } => f.write_str("another tab saved newer changes"),
            SaveError::Unavailable(why) => write!(f, "browser storage is unavailable: {why}"),
            SaveError::Other(why) => write!(f, "saving failed: {why}"),
        }
    }
}

/// localStorage, or why it cannot be had. Accessing it can throw (e.g. when cookies are
/// blocked), so every step is checked.
pub fn local_storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("no window")?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err("this browser offers no localStorage".into()),
        Err(e) => Err(js_error_text(&e)),
    }
}

pub fn read(key: &str) -> Stored {
    let storage = match local_storage() {
        Ok(s) => s,
        Err(why) => return Stored::Unavailable(why),
    };
    match storage.get_item(key) {
        Ok(None) => Stored::Nothing,
        Ok(Some(raw)) => match load_workspace(&raw) {
            Ok(workspace) => Stored::Found(Box::new(workspace)),
            Err(error) => Stored::Unreadable { raw, error },
        },
        Err(e) => Stored::Unavailable(js_error_text(&e)),
    }
}

/// The stored revision; 0 when none was ever written.
pub fn read_revision() -> u64 {
    local_storage()
        .ok()
        .and_then(|s| s.get_item(REVISION_KEY).ok().flatten())
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

/// Writes the workspace and bumps the revision, unless another tab wrote a newer one since
/// `known` (then nothing is written and `Stale` says so). Returns the new revision.
pub fn write_revision(workspace: &Workspace, known: u64) -> Result<u64, SaveError> {
    let stored = read_revision();
    if stored > known {
        return Err(SaveError::Stale { theirs: stored });
    }
    write(WORKSPACE_KEY, workspace)?;
    let next = known.max(stored) + 1;
    write_raw(REVISION_KEY, &next.to_string())?;
    Ok(next)
}

/// Copies an unreadable value aside, once per distinct content; returns the key.
pub fn quarantine(raw: &str) -> Result<String, SaveError> {
    let key = format!("{QUARANTINE_PREFIX}{:016x}", fingerprint(raw));
    let storage = local_storage().map_err(SaveError::Unavailable)?;
    if storage.get_item(&key).ok().flatten().as_deref() != Some(raw) {
        write_raw(&key, raw)?;
    }
    Ok(key)
}

/// FNV-1a: a stable name for a piece of text (not a security measure).
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What this origin's localStorage holds, in UTF-16 code units (what the quota counts).
pub fn usage_units() -> u64 {
    let Ok(storage) = local_storage() else {
        return 0;
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .map(|key| {
            let value = storage.get_item(&key).ok().flatten().unwrap_or_default();
            (key.encode_utf16().count() + value.encode_utf16().count()) as u64
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

pub fn write(key: &str, workspace: &Workspace) -> Result<(), SaveError> {
    write_raw(key, &save_workspace(workspace))
}

pub fn write_raw(key: &str, text: &str) -> Result<(), SaveError> {
    let storage = local_storage().map_err(SaveError::Unavailable)?;
    storage.set_item(key, text).map_err(|e| {
        let quota = e
            .dyn_ref::<web_sys::DomException>()
            .map(|d| d.name() == "QuotaExceededError" || d.code() == 22)
            .unwrap_or(false);
        if quota {
            SaveError::QuotaExceeded
        } else {
            SaveError::Other(js_error_text(&e))
        }
    })
}

fn js_error_text(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
