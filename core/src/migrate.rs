//! The exchange format's version chain (DOMAIN.md §10).
//!
//! Every document the app writes carries `schema_version`; a document without one is version 1
//! (the first published format). [`migrate`] brings a parsed document of any version this build
//! knows up to [`SCHEMA_VERSION`], one step at a time, before it is read into the model. A
//! document from a newer version is refused: reading it would silently drop what the newer
//! version added.
//!
//! # Adding version N + 1
//!
//! 1. Raise [`SCHEMA_VERSION`] in `model.rs` to N + 1.
//! 2. Write `fn v{N}_to_v{N+1}(doc: Value) -> Result<Value, String>` below and append
//!    `(N, v{N}_to_v{N+1})` to [`STEPS`]. A step receives either kind of document (a workspace,
//!    `{schema_version, settings, postmortems}`, or a post-mortem export,
//!    `{schema_version, postmortem}`); [`for_each_postmortem`] visits the post-mortems of both.
//!    The chain sets `schema_version` itself after each step.
//! 3. Add `core/tests/fixtures/workspace_v{N+1}.json`, a realistic full workspace in the new
//!    format (`core/tests/exchange.rs` fails until it exists), and keep `workspace_v{N}.json` as
//!    it is: it is the proof that old files still import.

use serde_json::Value;
use std::fmt;

pub use crate::model::SCHEMA_VERSION;

/// The oldest version this build reads. A document without `schema_version` is this version.
pub const OLDEST_VERSION: u32 = 1;

/// One step of the chain: a document of version `from` in, the same document in version
/// `from + 1` out, or a message saying why it cannot be converted.
pub type Step = fn(Value) -> Result<Value, String>;

/// The chain, oldest first: `(from, step)` turns version `from` into `from + 1`. It must hold
/// one step for every version from [`OLDEST_VERSION`] up to `SCHEMA_VERSION - 1` (a unit test
/// checks). Empty while version 1 is the only one.
pub const STEPS: &[(u32, Step)] = &[];

/// Why a document could not be brought to the current version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MigrationError {
    /// The document is not a JSON object, so it has no `schema_version` to read.
    NotAnObject,
    /// `schema_version` is there but is not a whole number (the raw value, as JSON).
    BadVersion(String),
    /// Written by a newer version of the app than this build.
    Newer { found: u64 },
    /// Older than any version this build reads.
    TooOld { found: u64 },
    /// The chain has no step out of this version (a bug of this build, caught by a unit test).
    MissingStep { from: u32 },
    /// A step refused the document.
    Step { from: u32, message: String },
}

impl fmt::Display for MigrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MigrationError::NotAnObject => {
                f.write_str("expected a JSON object with `schema_version`")
            }
            MigrationError::BadVersion(raw) => {
                write!(f, "schema_version: expected a whole number, found {raw}")
            }
            MigrationError::Newer { found } => write!(
                f,
                "schema_version: the file was written by a newer version of the app (schema \
                 version {found}; this version reads {OLDEST_VERSION} to {SCHEMA_VERSION}). \
                 Update the app to import it"
            ),
            MigrationError::TooOld { found } => write!(
                f,
                "schema_version: version {found} is not a version of this format (this app \
                 reads {OLDEST_VERSION} to {SCHEMA_VERSION})"
            ),
            MigrationError::MissingStep { from } => write!(
                f,
                "schema_version: no conversion from version {from} (this is a bug in the app)"
            ),
            MigrationError::Step { from, message } => write!(
                f,
                "converting from schema version {from} to {}: {message}",
                from.saturating_add(1)
            ),
        }
    }
}

impl std::error::Error for MigrationError {}

/// The version a document declares: its `schema_version`, or [`OLDEST_VERSION`] when it has
/// none. It is not checked against the versions this build reads.
pub fn version_of(document: &Value) -> Result<u64, MigrationError> {
    let object = document.as_object().ok_or(MigrationError::NotAnObject)?;
    parse_version(object.get("schema_version"))
}

/// The version given a document's raw `schema_version` value (`None` when it has none).
pub fn parse_version(raw: Option<&Value>) -> Result<u64, MigrationError> {
    match raw {
        None => Ok(u64::from(OLDEST_VERSION)),
        Some(v) => v.as_u64().ok_or_else(|| {
            let mut raw = v.to_string();
            if raw.len() > 40 {
                // A huge value would swamp the message; the start is enough to recognise it.
                let cut = (0..=40)
                    .rev()
                    .find(|&i| raw.is_char_boundary(i))
                    .unwrap_or(0);
                raw.truncate(cut);
                raw.push('…');
            }
            MigrationError::BadVersion(raw)
        }),
    }
}

/// Brings a document to [`SCHEMA_VERSION`], applying each step of [`STEPS`] from its version
/// on, and sets its `schema_version` to the current one.
pub fn migrate(document: Value) -> Result<Value, MigrationError> {
    let found = version_of(&document)?;
    check_readable(found)?;
    // In range, so it fits.
    let mut version = u32::try_from(found).unwrap_or(SCHEMA_VERSION);
    let mut document = document;
    while version < SCHEMA_VERSION {
        let step = STEPS
            .iter()
            .find(|(from, _)| *from == version)
            .map(|(_, step)| *step)
            .ok_or(MigrationError::MissingStep { from: version })?;
        document = step(document).map_err(|message| MigrationError::Step {
            from: version,
            message,
        })?;
        version += 1;
        set_version(&mut document, version)?;
    }
    set_version(&mut document, SCHEMA_VERSION)?;
    Ok(document)
}

/// Whether this build reads version `found` at all (migrating it if it is older).
pub fn check_readable(found: u64) -> Result<(), MigrationError> {
    if found > u64::from(SCHEMA_VERSION) {
        Err(MigrationError::Newer { found })
    } else if found < u64::from(OLDEST_VERSION) {
        Err(MigrationError::TooOld { found })
    } else {
        Ok(())
    }
}

fn set_version(document: &mut Value, version: u32) -> Result<(), MigrationError> {
    let object = document
        .as_object_mut()
        .ok_or(MigrationError::NotAnObject)?;
    object.insert("schema_version".into(), Value::from(version));
    Ok(())
}

/// Calls `visit` on every post-mortem object of a document of either kind: each element of a
/// workspace's `postmortems`, or a post-mortem export's `postmortem`. Anything that is not an
/// object is left alone (reading the model reports it later, with its place). For steps.
pub fn for_each_postmortem(
    document: &mut Value,
    mut visit: impl FnMut(&mut serde_json::Map<String, Value>) -> Result<(), String>,
) -> Result<(), String> {
    let Some(object) = document.as_object_mut() else {
        return Ok(());
    };
    if let Some(Value::Array(list)) = object.get_mut("postmortems") {
        for pm in list.iter_mut().filter_map(Value::as_object_mut) {
            visit(pm)?;
        }
    }
    if let Some(Value::Object(pm)) = object.get_mut("postmortem") {
        visit(pm)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_chain_has_a_step_out_of_every_old_version() {
        // Every version but the current one needs a step out of it.
        let old: Vec<u32> = (OLDEST_VERSION..=SCHEMA_VERSION)
            .filter(|v| *v != SCHEMA_VERSION)
            .collect();
        for version in &old {
            assert!(
                STEPS.iter().any(|(from, _)| from == version),
                "migrate::STEPS has no step from version {version}"
            );
        }
        for (from, _) in STEPS {
            assert!(
                old.contains(from),
                "a step from {from} is outside the chain"
            );
        }
        assert_eq!(STEPS.len(), old.len(), "one step per old version");
    }

    #[test]
    fn a_document_without_a_version_is_the_oldest() {
        assert_eq!(version_of(&json!({})), Ok(u64::from(OLDEST_VERSION)));
        let migrated = migrate(json!({"postmortems": []})).unwrap();
        assert_eq!(migrated["schema_version"], json!(SCHEMA_VERSION));
    }

    #[test]
    fn refuses_newer_older_and_malformed_versions() {
        let newer = u64::from(SCHEMA_VERSION) + 1;
        assert_eq!(
            migrate(json!({ "schema_version": newer })),
            Err(MigrationError::Newer { found: newer })
        );
        assert_eq!(
            migrate(json!({"schema_version": 0})),
            Err(MigrationError::TooOld { found: 0 })
        );
        assert_eq!(
            migrate(json!({"schema_version": "1"})),
            Err(MigrationError::BadVersion("\"1\"".into()))
        );
        assert!(matches!(
            migrate(json!({"schema_version": -1})),
            Err(MigrationError::BadVersion(_))
        ));
        assert!(matches!(
            migrate(json!({"schema_version": 1.5})),
            Err(MigrationError::BadVersion(_))
        ));
        assert!(matches!(
            migrate(json!({"schema_version": "é".repeat(100)})),
            Err(MigrationError::BadVersion(raw)) if raw.chars().count() < 45
        ));
        assert_eq!(migrate(json!([1, 2])), Err(MigrationError::NotAnObject));
        let message = MigrationError::Newer { found: 7 }.to_string();
        assert!(message.contains("newer version"), "{message}");
    }

    #[test]
    fn visits_post_mortems_of_both_kinds() {
        let mut ws = json!({"postmortems": [{"id": "a"}, 3, {"id": "b"}]});
        let mut pm = json!({"postmortem": {"id": "c"}});
        let mut seen = Vec::new();
        for doc in [&mut ws, &mut pm] {
            for_each_postmortem(doc, |pm| {
                seen.push(pm["id"].as_str().unwrap_or_default().to_string());
                pm.insert("visited".into(), Value::Bool(true));
                Ok(())
            })
            .unwrap();
        }
        assert_eq!(seen, ["a", "b", "c"]);
        assert_eq!(ws["postmortems"][2]["visited"], json!(true));
    }
}
