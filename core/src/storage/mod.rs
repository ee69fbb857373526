//! Reading and writing the workspace as the browser stores it (DOMAIN.md §1, §10).
//!
//! The app keeps the raw text of whatever it finds: a value that cannot be read is reported,
//! never replaced by an empty workspace.
//!
//! Two stored forms:
//!
//! * **One JSON document** ([`load_workspace`], [`save_workspace`]): the exchange format, and
//!   the legacy browser storage (`followthrough.workspace`). At 10,000 items it is ~14 MB,
//!   past the browser's 5,242,880-character localStorage quota, and too slow to rewrite on
//!   every save.
//! * **Sharded** (this module's index and shard codec): one small plain-JSON index
//!   ([`encode_index`], [`decode_index`]: schema version, settings, post-mortem ids in display
//!   order) plus one compressed shard per post-mortem ([`encode_postmortem`],
//!   [`decode_postmortem`]), so a save rewrites only the post-mortems that changed.
//!   [`assemble`] puts the pieces back together.
//!
//! Restore points ([`restore`]) keep a whole workspace in the first form, in IndexedDB.
//!
//! Crash-safe write order for the sharded form (each key is written whole, but two writes
//! are not atomic together): *adding or changing* a post-mortem writes its shard first and
//! the index second (a shard missing from the index is still loaded, at the end); *deleting*
//! one removes its shard first and writes the index second (an index id with no shard is
//! skipped). Either way an interrupted save loses nothing that was saved before and never
//! brings a deleted post-mortem back.

mod locate;
pub mod restore;
mod shard;

pub use shard::{decode_postmortem, encode_postmortem, ShardError, ShardErrorKind, SHARD_TAG};

use crate::model::{PostMortem, Workspace, SCHEMA_VERSION};
use crate::settings::Settings;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
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
/// The common case — a good file of this version, as this app writes it — is one direct read
/// (`model::read_stored_workspace`); any other text gets one plain typed parse.
/// Only when that fails is the text read again: for its version first (a newer file may not
/// fit today's types at all), then to say where it is wrong.
pub fn load_workspace(text: &str) -> Result<Workspace, LoadError> {
    if let Some(workspace) = crate::model::read_stored_workspace(text) {
        if workspace.schema_version > SCHEMA_VERSION {
            return Err(LoadError::NewerSchema {
                found: workspace.schema_version,
            });
        }
        return Ok(workspace);
    }
    parse_versioned(text, |ws: &Workspace| ws.schema_version)
}

/// The stored form of a workspace.
pub fn save_workspace(workspace: &Workspace) -> String {
    // Serialising plain data with string keys cannot fail; fall back to an empty object
    // rather than panic if it ever did.
    serde_json::to_string(workspace).unwrap_or_else(|_| String::from("{}"))
}

/// A versioned document (workspace or index): one typed parse when good; otherwise its
/// version is probed (a newer file may not fit today's types), then the error is located.
///
/// The typed parse is serde_json's own, the one copy of the model's `Deserialize` in the
/// wasm; the place of an error is found afterwards from the text (`locate`, docs/SIZE.md).
fn parse_versioned<T: DeserializeOwned>(
    text: &str,
    version: impl Fn(&T) -> u32,
) -> Result<T, LoadError> {
    if let Some(value) = parse_whole(text) {
        let found = version(&value);
        if found > SCHEMA_VERSION {
            return Err(LoadError::NewerSchema { found });
        }
        return Ok(value);
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
    parse_located(text).map_err(LoadError::Unreadable)
}

/// A parse that names the place of an error, for text a plain parse rejected,
/// e.g. `postmortems[1].action_items[0].impact: expected 1–4, found 7 (line 1, column 109)`.
fn parse_located<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    parse_with_path(text).map_err(|(path, message)| {
        if path == "." {
            message
        } else {
            format!("{path}: {message}")
        }
    })
}

/// What `serde_json::from_str` reads (one value, then only whitespace), through the same
/// deserializer as [`parse_with_path`], so that the model's `Deserialize` is instantiated
/// once; `None` on any error (the caller locates it if it needs to).
pub(crate) fn parse_whole<T: DeserializeOwned>(text: &str) -> Option<T> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(value)
}

/// A parse of one value followed by nothing but whitespace (as
/// `serde_json::from_str`): on failure, the path to the bad value (`.` for the top, and for
/// text after the value) and serde_json's message ending with "(line L, column C)". Shared by
/// stored data and imports.
pub(crate) fn parse_with_path<T: DeserializeOwned>(text: &str) -> Result<T, (String, String)> {
    parse_tracked(text).map_err(|(path, error)| {
        let place = format!(" (line {}, column {})", error.line(), error.column());
        (path, format!("{}{place}", bare_message(&error)))
    })
}

/// [`parse_with_path`] with serde_json's error as it is: a plain parse, and only on failure
/// the place found from the text (`locate`), as `serde_path_to_error` names it.
pub(crate) fn parse_tracked<T: DeserializeOwned>(
    text: &str,
) -> Result<T, (String, serde_json::Error)> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(&mut deserializer).map_err(|e| (locate::error_path(text, &e), e))?;
    deserializer.end().map_err(|e| (".".to_string(), e))?;
    Ok(value)
}

/// serde_json's message without the "at line L column C" it ends with.
pub(crate) fn bare_message(error: &serde_json::Error) -> String {
    let position = format!(" at line {} column {}", error.line(), error.column());
    let message = error.to_string();
    match message.strip_suffix(&position) {
        Some(bare) => bare.to_string(),
        None => message,
    }
}

/// The sharded form's index: everything of a workspace but the post-mortems themselves,
/// which are stored one shard each and listed here by id, in display order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredIndex {
    #[serde(default = "crate::model::current_schema_version")]
    pub schema_version: u32,
    #[serde(default)]
    pub settings: Settings,
    /// Post-mortem ids in display order.
    #[serde(default)]
    pub postmortems: Vec<String>,
}

/// The index as written: borrows from the workspace, so a save copies no post-mortem.
#[derive(Serialize)]
struct IndexRef<'a> {
    schema_version: u32,
    settings: &'a Settings,
    postmortems: Vec<&'a str>,
}

/// The stored index of a workspace: plain JSON, small (settings and ids only).
pub fn encode_index(workspace: &Workspace) -> String {
    let index = IndexRef {
        schema_version: workspace.schema_version,
        settings: &workspace.settings,
        postmortems: workspace
            .postmortems
            .iter()
            .map(|pm| pm.id.as_str())
            .collect(),
    };
    // As in `save_workspace`: cannot fail for plain data; never panic if it did.
    serde_json::to_string(&index).unwrap_or_else(|_| String::from("{}"))
}

/// Reads a stored index. Refuses a newer schema, like [`load_workspace`]; errors name the place.
pub fn decode_index(text: &str) -> Result<StoredIndex, LoadError> {
    parse_versioned(text, |index: &StoredIndex| index.schema_version)
}

/// Puts a workspace back together from its index and the post-mortems read from its shards.
///
/// Post-mortems come in the index's order. Nothing read is dropped and nothing is invented:
/// * an id in the index with no post-mortem (a shard that was deleted, or could not be
///   read — the caller knows which and tells the user) is skipped;
/// * a post-mortem the index does not list (saved just before an interrupted index write)
///   goes at the end, in the order given;
/// * should two post-mortems share an id, the index places the first of them and the others
///   follow at the end, so neither is lost.
pub fn assemble(index: StoredIndex, postmortems: Vec<PostMortem>) -> Workspace {
    let mut slots: Vec<Option<PostMortem>> = postmortems.into_iter().map(Some).collect();
    // Each id to its first slot; later duplicates stay unplaced and go at the end.
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(slots.len());
    for (at, pm) in slots.iter().enumerate() {
        if let Some(pm) = pm {
            first.entry(pm.id.as_str()).or_insert(at);
        }
    }
    let order: Vec<usize> = index
        .postmortems
        .iter()
        .filter_map(|id| first.remove(id.as_str()))
        .collect();
    let mut placed = Vec::with_capacity(slots.len());
    for at in order {
        if let Some(pm) = slots.get_mut(at).and_then(Option::take) {
            placed.push(pm);
        }
    }
    placed.extend(slots.into_iter().flatten());
    Workspace {
        schema_version: index.schema_version,
        settings: index.settings,
        postmortems: placed,
    }
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

    /// The parse that replaced `serde_json::from_str` accepts and reads the same.
    #[test]
    fn the_tracked_parse_reads_what_serde_json_reads() {
        let ws = crate::sample::workspace(
            2,
            3,
            2,
            chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
        );
        let good = save_workspace(&ws);
        for text in [
            good.clone(),
            format!(" {good}\n"),
            format!("{good} x"),
            format!("{good}{{}}"),
            good.replacen("\"schema_version\":1", "\"schema_version\":1.5", 1),
            good.replacen("\"postmortems\"", "\"extra\":[[]],\"postmortems\"", 1),
            r#"{"postmortems":[["a","b"]]}"#.to_string(),
            r#"[1]"#.to_string(),
            r#"{}"#.to_string(),
            String::new(),
        ] {
            assert_eq!(
                parse_whole::<Workspace>(&text),
                serde_json::from_str::<Workspace>(&text).ok(),
                "{text}"
            );
        }
        assert!(matches!(
            load_workspace(&format!("{good} x")),
            Err(LoadError::Unreadable(_))
        ));
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
    fn pm(id: &str) -> crate::PostMortem {
        crate::PostMortem {
            id: id.into(),
            title: format!("title of {id}"),
            ..Default::default()
        }
    }

    #[test]
    fn the_index_holds_settings_and_ids_in_order() {
        let mut ws = Workspace::default();
        ws.settings.review.owner_capacity = 9;
        ws.postmortems = vec![pm("b"), pm("a"), pm("c\"\u{2028}")];
        let text = encode_index(&ws);
        assert!(!text.contains("title of"), "{text}");
        let index = decode_index(&text).unwrap();
        assert_eq!(
            index,
            StoredIndex {
                schema_version: SCHEMA_VERSION,
                settings: ws.settings.clone(),
                postmortems: vec!["b".into(), "a".into(), "c\"\u{2028}".into()],
            }
        );
        let shards: Vec<_> = ws
            .postmortems
            .iter()
            .rev()
            .map(|p| decode_postmortem(&encode_postmortem(p)).unwrap())
            .collect();
        assert_eq!(assemble(index, shards), ws);
        // A minimal index reads with defaults.
        assert_eq!(
            decode_index("{}"),
            Ok(StoredIndex {
                schema_version: SCHEMA_VERSION,
                settings: Settings::default(),
                postmortems: Vec::new(),
            })
        );
    }

    #[test]
    fn the_index_refuses_newer_schemas_and_names_the_place() {
        assert_eq!(
            decode_index(r#"{"schema_version":2,"postmortems":["a"]}"#),
            Err(LoadError::NewerSchema { found: 2 })
        );
        // Newer, in a shape today's types cannot read: still "newer", not "unreadable".
        assert_eq!(
            decode_index(r#"{"schema_version":7,"postmortems":{"a":1}}"#),
            Err(LoadError::NewerSchema { found: 7 })
        );
        // A legacy whole-workspace value is not an index.
        let legacy = save_workspace(&Workspace {
            postmortems: vec![pm("a")],
            ..Default::default()
        });
        let err = decode_index(&legacy).unwrap_err();
        let LoadError::Unreadable(message) = &err else {
            panic!("expected Unreadable, got {err:?}")
        };
        assert!(
            message.starts_with("postmortems[0]: invalid type: map, expected a string"),
            "{message}"
        );
        assert!(matches!(
            decode_index("ft1:3:abc"),
            Err(LoadError::Unreadable(_))
        ));
    }

    #[test]
    fn assemble_orders_by_the_index_and_loses_nothing() {
        let index = StoredIndex {
            schema_version: SCHEMA_VERSION,
            settings: Settings::default(),
            postmortems: ["c", "gone", "a", "c", "b"].map(String::from).to_vec(),
        };
        let mut second_a = pm("a");
        second_a.title = "another a".into();
        let ws = assemble(
            index,
            vec![pm("a"), pm("unlisted"), pm("b"), second_a.clone(), pm("c")],
        );
        let ids: Vec<&str> = ws.postmortems.iter().map(|p| p.id.as_str()).collect();
        // Index order; "gone" skipped, the repeated "c" placed once; then the unlisted shard
        // and the duplicate "a", in the order given.
        assert_eq!(ids, ["c", "a", "b", "unlisted", "a"]);
        assert_eq!(ws.postmortems[1].title, "title of a");
        assert_eq!(ws.postmortems[4], second_a);
        assert_eq!(
            assemble(
                StoredIndex {
                    schema_version: SCHEMA_VERSION,
                    settings: Settings::default(),
                    postmortems: Vec::new(),
                },
                Vec::new()
            ),
            Workspace::default()
        );
    }
}
