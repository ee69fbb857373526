//! The JSON format of record: writing it, and reading and checking a file before anything
//! changes. See the module docs of [`crate::exchange`] for the rules.

use schemars::JsonSchema;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;

use crate::migrate::{self, MigrationError};
use crate::model::{PostMortem, Workspace, SCHEMA_VERSION};

/// Files larger than this (32 MiB) are refused before they are read. A workspace of 1,000
/// post-mortems with 10 items each is about 14 MB compact and more pretty-printed; this leaves
/// room for that while bounding what a stray file can make the page hold.
pub const MAX_IMPORT_BYTES: u64 = 32 * 1024 * 1024;

/// The deepest nesting of arrays and objects a file may have. The format itself needs 6; the
/// limit is checked before parsing, below serde_json's own recursion limit (128), so unknown
/// fields (which are skipped without that limit) cannot hide deeper nesting either.
pub const MAX_NESTING: usize = 100;

/// One post-mortem on its own: `{"schema_version": 1, "postmortem": {…}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PostMortemExport {
    #[serde(default = "current_schema_version")]
    pub schema_version: u32,
    pub postmortem: PostMortem,
}

fn current_schema_version() -> u32 {
    SCHEMA_VERSION
}

/// Which kind of document a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// `{schema_version, settings, postmortems}`.
    Workspace,
    /// `{schema_version, postmortem}`.
    PostMortem,
}

/// A file that has been read and checked in full, ready for [`super::preview`] and
/// [`super::apply`].
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub kind: DocumentKind,
    /// The `schema_version` the file declared (1 when it had none), before migration.
    pub file_version: u32,
    /// For a workspace document, the file's workspace. For a post-mortem document, a workspace
    /// holding just that post-mortem, whose settings (the defaults) are never applied.
    /// `priority` fields are as read; [`super::apply`] recomputes them.
    pub workspace: Workspace,
}

impl Incoming {
    /// The post-mortems in the file, in its order.
    pub fn postmortems(&self) -> &[PostMortem] {
        &self.workspace.postmortems
    }

    /// How many action items the file holds.
    pub fn item_count(&self) -> usize {
        self.workspace
            .postmortems
            .iter()
            .map(|pm| pm.action_items.len())
            .sum()
    }
}

/// Why a file was refused. Its `Display` is a sentence for the person importing, naming the
/// place in the file where there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Over [`MAX_IMPORT_BYTES`].
    TooLarge { bytes: u64 },
    /// Nothing but whitespace.
    Empty,
    /// Not JSON (serde_json's message, with line and column).
    NotJson(String),
    /// Nested deeper than [`MAX_NESTING`] (where, as line and column).
    TooDeep(String),
    /// JSON, but not one of the two documents (why).
    NotADocument(String),
    /// `schema_version` is newer, unknown or malformed.
    Version(MigrationError),
    /// A value of the wrong type or out of range: `path` is e.g.
    /// `postmortems[2].action_items[0].impact`.
    Invalid { path: String, message: String },
    /// The same id twice in one file, at `first` and `second` (paths of the `id` fields).
    DuplicateId {
        id: String,
        first: String,
        second: String,
    },
    /// An id that is empty or only whitespace.
    BlankId { path: String },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes } => write!(
                f,
                "the file is {} MiB; files over {} MiB are refused (export fewer post-mortems)",
                mebibytes(*bytes),
                MAX_IMPORT_BYTES / (1024 * 1024)
            ),
            ImportError::Empty => f.write_str("the file is empty"),
            ImportError::NotJson(message) => write!(f, "the file is not valid JSON: {message}"),
            ImportError::TooDeep(place) => write!(
                f,
                "the file nests arrays or objects deeper than {MAX_NESTING} levels ({place}); \
                 it is not an export of this app"
            ),
            ImportError::NotADocument(why) => write!(f, "{why}"),
            ImportError::Version(error) => write!(f, "{error}"),
            ImportError::Invalid { path, message } => write!(f, "{path}: {message}"),
            ImportError::DuplicateId { id, first, second } => write!(
                f,
                "{second}: duplicate id {id:?}, already used at {first}; post-mortem ids must \
                 be unique in a file, item ids within their post-mortem"
            ),
            ImportError::BlankId { path } => write!(f, "{path}: an id cannot be empty"),
        }
    }
}

impl std::error::Error for ImportError {}

impl From<MigrationError> for ImportError {
    fn from(error: MigrationError) -> Self {
        match error {
            MigrationError::NotAnObject => ImportError::NotADocument(not_an_object()),
            other => ImportError::Version(other),
        }
    }
}

fn not_an_object() -> String {
    "the file is JSON but not a workspace or post-mortem export: expected an object with \
     `postmortems` or `postmortem`"
        .to_string()
}

/// One decimal, rounded down, so a file just over the limit never reads as "32.0 MiB".
fn mebibytes(bytes: u64) -> String {
    let tenths = bytes / (1024 * 1024 / 10);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Refuses a file by its length alone; call it before reading the file.
pub fn check_size(len: u64) -> Result<(), ImportError> {
    if len > MAX_IMPORT_BYTES {
        Err(ImportError::TooLarge { bytes: len })
    } else {
        Ok(())
    }
}

/// Reads and checks a whole file: size, JSON, nesting, version (migrating older ones), kind,
/// every field's type and value, and unique, non-blank ids. Nothing is returned unless all of
/// it is right. A leading byte-order mark is skipped.
///
/// A file of the current version is read straight into the model in a second pass over the
/// text, so its errors give a line and column too; an older one goes through a JSON tree and
/// the [`migrate`] chain, and its errors name the place in the migrated document.
pub fn read_import(text: &str) -> Result<Incoming, ImportError> {
    check_size(u64::try_from(text.len()).unwrap_or(u64::MAX))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    // A workspace of this version as this app writes it is read directly, in one pass (the
    // same reader as stored data); anything else is probed and read with serde below. The
    // direct reader follows the model's shape and hands serde no part deeper than 64 levels,
    // so what it accepts is never too deep: the nesting scan is needed only for the rest.
    if let Some(workspace) = crate::model::read_stored_workspace(text) {
        if workspace.schema_version == SCHEMA_VERSION {
            let incoming = Incoming {
                kind: DocumentKind::Workspace,
                file_version: SCHEMA_VERSION,
                workspace,
            };
            check_ids(&incoming)?;
            return Ok(incoming);
        }
    }
    check_nesting(text)?;
    // Pass 1: the whole text is checked as JSON (syntax, nesting), keeping only what decides
    // how to read it.
    let probe: Probe = serde_json::from_str(text).map_err(syntax_error)?;
    if let Some(found) = probe.top_level_type {
        return Err(ImportError::NotADocument(format!(
            "{} (found {found})",
            not_an_object()
        )));
    }
    let declared = migrate::parse_version(probe.schema_version.as_ref())?;
    migrate::check_readable(declared)?;
    let file_version = u32::try_from(declared).unwrap_or(SCHEMA_VERSION);
    let (kind, workspace) = if file_version == SCHEMA_VERSION {
        let kind = probe.kind()?;
        (kind, read_current(text, kind)?)
    } else {
        let value: Value = serde_json::from_str(text).map_err(syntax_error)?;
        let value = migrate::migrate(value)?;
        let kind = Probe::of_value(&value).kind()?;
        (kind, read_value(value, kind)?)
    };
    let incoming = Incoming {
        kind,
        file_version,
        workspace,
    };
    check_ids(&incoming)?;
    Ok(incoming)
}

/// Refuses nesting deeper than [`MAX_NESTING`], naming the line and column where it goes too
/// deep. A plain scan of the bytes: brackets inside strings do not count. Also guards the
/// files of other tools that [`crate::intake`] reads.
pub(crate) fn check_nesting(text: &str) -> Result<(), ImportError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut line = 1usize;
    let mut line_start = 0usize;
    for (i, byte) in text.bytes().enumerate() {
        if byte == b'\n' {
            line += 1;
            line_start = i + 1;
        }
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    let column = text[line_start..=i].chars().count();
                    return Err(ImportError::TooDeep(format!(
                        "line {line}, column {column}"
                    )));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

pub(crate) fn syntax_error(error: serde_json::Error) -> ImportError {
    let message = error.to_string();
    match message.strip_prefix("recursion limit exceeded ") {
        Some(place) => ImportError::TooDeep(place.to_string()),
        None => ImportError::NotJson(message),
    }
}

/// What the first pass keeps of a file: the type of its top level when that is not an object,
/// its raw `schema_version`, and which of the keys that tell the kinds apart it has.
#[derive(Default)]
struct Probe {
    top_level_type: Option<&'static str>,
    schema_version: Option<Value>,
    postmortems: bool,
    postmortem: bool,
    /// `id` or `action_items` at the top level: a post-mortem without its envelope.
    bare_postmortem: bool,
}

impl Probe {
    fn of_value(value: &Value) -> Probe {
        match value.as_object() {
            None => Probe {
                top_level_type: Some(type_name(value)),
                ..Probe::default()
            },
            Some(object) => Probe {
                top_level_type: None,
                schema_version: object.get("schema_version").cloned(),
                postmortems: object.contains_key("postmortems"),
                postmortem: object.contains_key("postmortem"),
                bare_postmortem: object.contains_key("id") || object.contains_key("action_items"),
            },
        }
    }

    fn kind(&self) -> Result<DocumentKind, ImportError> {
        if self.top_level_type.is_some() {
            return Err(ImportError::NotADocument(not_an_object()));
        }
        match (self.postmortems, self.postmortem) {
            (true, true) => Err(ImportError::NotADocument(
                "the file has both `postmortems` (a workspace) and `postmortem` (one \
                 post-mortem); it must be one or the other"
                    .into(),
            )),
            (false, true) => Ok(DocumentKind::PostMortem),
            (true, false) => Ok(DocumentKind::Workspace),
            (false, false) if self.bare_postmortem => Err(ImportError::NotADocument(
                "the file holds a bare post-mortem; wrap it as \
                 {\"schema_version\": 1, \"postmortem\": {…}} to import it"
                    .into(),
            )),
            // `{}` or settings alone: a workspace without post-mortems.
            (false, false) => Ok(DocumentKind::Workspace),
        }
    }
}

impl<'de> Deserialize<'de> for Probe {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Probe, D::Error> {
        deserializer.deserialize_any(ProbeVisitor)
    }
}

struct ProbeVisitor;

impl ProbeVisitor {
    fn other(kind: &'static str) -> Probe {
        Probe {
            top_level_type: Some(kind),
            ..Probe::default()
        }
    }
}

impl<'de> serde::de::Visitor<'de> for ProbeVisitor {
    type Value = Probe;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON document")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
        let mut probe = Probe::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                // The last of repeated keys wins, as when the document is read.
                "schema_version" => probe.schema_version = Some(map.next_value::<Value>()?),
                other => {
                    match other {
                        "postmortems" => probe.postmortems = true,
                        "postmortem" => probe.postmortem = true,
                        "id" | "action_items" => probe.bare_postmortem = true,
                        _ => {}
                    }
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(probe)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Probe, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(ProbeVisitor::other("an array"))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Probe, E> {
        Ok(ProbeVisitor::other("a boolean"))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Probe, E> {
        Ok(ProbeVisitor::other("a number"))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Probe, E> {
        Ok(ProbeVisitor::other("a number"))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Probe, E> {
        Ok(ProbeVisitor::other("a number"))
    }

    fn visit_str<E>(self, _: &str) -> Result<Probe, E> {
        Ok(ProbeVisitor::other("a string"))
    }

    fn visit_unit<E>(self) -> Result<Probe, E> {
        Ok(ProbeVisitor::other("null"))
    }
}

/// Pass 2 for a current-version file: straight from the text into the model.
fn read_current(text: &str, kind: DocumentKind) -> Result<Workspace, ImportError> {
    match kind {
        DocumentKind::Workspace => from_text::<Workspace>(text),
        DocumentKind::PostMortem => from_text::<PostMortemExport>(text).map(wrap_postmortem),
    }
}

/// One read, naming the place if it fails (found from the text afterwards: `storage::locate`).
fn from_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ImportError> {
    crate::storage::parse_with_path(text).map_err(|(path, message)| invalid(path, message))
}

/// Pass 2 for a migrated file: from the migrated tree into the model.
fn read_value(value: Value, kind: DocumentKind) -> Result<Workspace, ImportError> {
    match kind {
        DocumentKind::Workspace => from_value::<Workspace>(value),
        DocumentKind::PostMortem => from_value::<PostMortemExport>(value).map(wrap_postmortem),
    }
}

/// Through the text and the same tracked parse as a current file, so that the model's
/// `Deserialize` is in the wasm once (not a second copy over a `Value`). Positions in the
/// rewritten text would mean nothing to the reader, so only the path and message are kept.
fn from_value<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, ImportError> {
    crate::storage::parse_tracked(&value.to_string())
        .map_err(|(path, error)| invalid(path, crate::storage::bare_message(&error)))
}

fn invalid(path: String, message: String) -> ImportError {
    ImportError::Invalid {
        path: if path == "." {
            "(top level)".into()
        } else {
            path
        },
        message,
    }
}

fn wrap_postmortem(doc: PostMortemExport) -> Workspace {
    Workspace {
        postmortems: vec![doc.postmortem],
        ..Workspace::default()
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The duplicate-id rule: post-mortem ids are unique in the file, and item ids unique within
/// their post-mortem — the scopes in which [`super::preview`] and [`super::apply`] match them.
/// (A wider rule for items would refuse files that merging can produce: a post-mortem added
/// from one file beside another holding an item of the same id.)
fn check_ids(incoming: &Incoming) -> Result<(), ImportError> {
    let pm_path = |i: usize| match incoming.kind {
        DocumentKind::Workspace => format!("postmortems[{i}]"),
        DocumentKind::PostMortem => "postmortem".to_string(),
    };
    let mut postmortems: HashMap<&str, usize> = HashMap::new();
    for (i, pm) in incoming.workspace.postmortems.iter().enumerate() {
        if pm.id.trim().is_empty() {
            return Err(ImportError::BlankId {
                path: format!("{}.id", pm_path(i)),
            });
        }
        if let Some(&first) = postmortems.get(pm.id.as_str()) {
            return Err(ImportError::DuplicateId {
                id: pm.id.clone(),
                first: format!("{}.id", pm_path(first)),
                second: format!("{}.id", pm_path(i)),
            });
        }
        postmortems.insert(&pm.id, i);
        let mut items: HashMap<&str, usize> = HashMap::new();
        for (j, item) in pm.action_items.iter().enumerate() {
            let path = |j: usize| format!("{}.action_items[{j}].id", pm_path(i));
            if item.id.trim().is_empty() {
                return Err(ImportError::BlankId { path: path(j) });
            }
            if let Some(&first) = items.get(item.id.as_str()) {
                return Err(ImportError::DuplicateId {
                    id: item.id.clone(),
                    first: path(first),
                    second: path(j),
                });
            }
            items.insert(&item.id, j);
        }
    }
    Ok(())
}

/// The whole workspace as a document of the current version, pretty-printed with a trailing
/// newline. [`read_import`] reads it back unchanged.
pub fn export_workspace_json(workspace: &Workspace) -> String {
    let text = if workspace.schema_version == SCHEMA_VERSION {
        serde_json::to_string_pretty(workspace)
    } else {
        let mut current = workspace.clone();
        current.schema_version = SCHEMA_VERSION;
        serde_json::to_string_pretty(&current)
    };
    with_newline(text)
}

/// One post-mortem as a [`PostMortemExport`] document, pretty-printed with a trailing newline.
pub fn export_postmortem_json(postmortem: &PostMortem) -> String {
    /// The borrowed twin of [`PostMortemExport`], so exporting does not copy the post-mortem.
    #[derive(Serialize)]
    struct Document<'a> {
        schema_version: u32,
        postmortem: &'a PostMortem,
    }
    with_newline(serde_json::to_string_pretty(&Document {
        schema_version: SCHEMA_VERSION,
        postmortem,
    }))
}

fn with_newline(text: serde_json::Result<String>) -> String {
    // Plain data with string keys always serialises; an empty string is the (unreachable)
    // fallback rather than a panic.
    let mut text = text.unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests;
