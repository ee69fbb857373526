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
    Unavailable(String),
    Other(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::QuotaExceeded => f.write_str("the browser's storage for this site is full"),
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
