//! Reading and writing the workspace as the browser stores it (DOMAIN.md §1, §10).
//!
//! The app keeps the raw text of whatever it finds: a value that cannot be read is reported,
//! never replaced by an empty workspace.

use crate::model::{Workspace, SCHEMA_VERSION};
use std::fmt;

/// Why a stored workspace could not be read. The raw text stays with the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON, or JSON of the wrong shape; the message names the place.
    Unreadable(String),
    /// Written by a newer version of the app.
    NewerSchema { found: u32 },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unreadable(message) => write!(f, "the stored workspace cannot be read: {message}"),
            LoadError::NewerSchema { found } => write!(
                f,
                "the stored workspace was written by a newer version (schema {found}; this app reads up to {SCHEMA_VERSION})"
            ),
        }
    }
}

/// Only the version, read when a typed parse failed: a newer file may not fit today's types.
#[derive(serde::Deserialize)]
struct VersionProbe {
    #[serde(default)]
    schema_version: Option<serde_json::Value>,
}

/// Parses stored text into a workspace. Errors name the place in the text that is wrong.
///
/// The common case — a good file of this version, as this app writes it — is one direct
/// read (`model::read_stored_workspace`); any other text gets one plain typed parse. Only when
/// that fails is the text read again: for its version first (a newer file may not fit today's
/// types at all), then with path tracking, to say where it is wrong.
pub fn load_workspace(text: &str) -> Result<Workspace, LoadError> {
    let read = match crate::model::read_stored_workspace(text) {
        Some(workspace) => Ok(workspace),
        None => serde_json::from_str::<Workspace>(text),
    };
    if let Ok(workspace) = read {
        if workspace.schema_version > SCHEMA_VERSION {
            return Err(LoadError::NewerSchema {
                found: workspace.schema_version,
            });
        }
        return Ok(workspace);
    }
    let probe: VersionProbe =
        serde_json::from_str(text).map_err(|e| LoadError::Unreadable(e.to_string()))?;
    if let Some(found) = probe.schema_version.as_ref().and_then(|v| v.as_u64()) {
        if found > u64::from(SCHEMA_VERSION) {
            return Err(LoadError::NewerSchema {
                found: u32::try_from(found).unwrap_or(u32::MAX),
            });
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize::<_, Workspace>(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        // serde_json ends its message with "at line L column C"; say it once, readably.
        let position = format!(" at line {} column {}", inner.line(), inner.column());
        let message = inner.to_string();
        let message = message.strip_suffix(&position).unwrap_or(&message);
        let place = format!(" (line {}, column {})", inner.line(), inner.column());
        if path == "." {
            LoadError::Unreadable(format!("{message}{place}"))
        } else {
            LoadError::Unreadable(format!("{path}: {message}{place}"))
        }
    })
}

/// The stored form of a workspace.
pub fn save_workspace(workspace: &Workspace) -> String {
    // Serialising plain data with string keys cannot fail; fall back to an empty object
    // rather than panic if it ever did.
    serde_json::to_string(workspace).unwrap_or_else(|_| String::from("{}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_workspace() {
        let mut ws = Workspace::default();
        ws.postmortems.push(crate::PostMortem {
            id: "PM-2026-0001".into(),
            title: "Checkout outage".into(),
            ..Default::default()
        });
        assert_eq!(load_workspace(&save_workspace(&ws)).unwrap(), ws);
    }

    #[test]
    fn errors_name_the_place() {
        let err = load_workspace(
            r#"{"postmortems":[{"id":"a","title":"b"},{"id":"c","title":"d","action_items":[{"id":"e","title":"f","impact":7}]}]}"#,
        )
        .unwrap_err();
        let LoadError::Unreadable(message) = err else {
            panic!("expected Unreadable, got {err:?}")
        };
        assert_eq!(
            message,
            "postmortems[1].action_items[0].impact: expected 1–4, found 7 (line 1, column 109)"
        );
    }

    #[test]
    fn refuses_garbage_and_newer_schemas() {
        assert!(matches!(
            load_workspace("{not json"),
            Err(LoadError::Unreadable(_))
        ));
        assert_eq!(
            load_workspace(r#"{"schema_version":2}"#),
            Err(LoadError::NewerSchema { found: 2 })
        );
    }
}
