//! The browser side of storage: the workspace in localStorage, one key per post-mortem.
//!
//! A workspace is stored as a small index (settings and the post-mortems' ids, in order) and
//! one compressed shard per post-mortem (`followthrough_core::storage`), so that a save
//! rewrites only the post-mortems that changed and 10,000 items fit the ~5 Mi-unit quota.
//! A workspace stored whole under the older single key is still read, and moved to shards by
//! the next save.
//!
//! What is stored is parsed by the core. "Nothing stored" and "stored but unreadable" are
//! different answers: an unreadable value keeps its raw text so the user can download it, and
//! it is never overwritten until the user has set it aside.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use followthrough_core::storage::{
    assemble, decode_index, decode_postmortem, encode_index, encode_postmortem, load_workspace,
    StoredIndex,
};
use followthrough_core::{PostMortem, Workspace, SCHEMA_VERSION};

use super::Dirty;
use crate::web::local_storage::{error_text, is_quota_error, keys_with_prefix, local_storage};

/// The single key of the older format: a whole workspace as JSON. Read (it wins, since only
/// an older version or a hand-made file puts it there) and removed by the next save.
pub const WORKSPACE_KEY: &str = "followthrough.workspace";
/// The index of the sharded format.
pub const INDEX_KEY: &str = "followthrough.index";
/// Each post-mortem's shard is stored under this prefix followed by its id.
pub const SHARD_PREFIX: &str = "followthrough.pm.";
/// A counter bumped by every write, so that a tab holding an older copy never overwrites a
/// newer one written by another tab. Written last: other tabs follow this key.
pub const REVISION_KEY: &str = "followthrough.workspace.revision";
/// Unreadable values are copied under this prefix before anything else happens.
pub const QUARANTINE_PREFIX: &str = "followthrough.workspace.quarantine.";
/// What a read of the stored workspace found.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// Nothing stored yet: a first visit.
    Nothing,
    /// The workspace; `legacy` when it came from the older single key (the next save moves it
    /// to shards).
    Found {
        workspace: Box<Workspace>,
        legacy: bool,
    },
    /// Something stored cannot be read. `raw` is that value as it was (or its decompressed
    /// text), under `key`; `readable` is everything else that could be read.
    Unreadable {
        key: String,
        raw: String,
        message: String,
        readable: Box<Workspace>,
        /// The raw text of any further unreadable values, each to be kept aside too.
        more: Vec<String>,
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
    /// A newer version of the app wrote the stored index in a format this one does not know.
    Newer,
    Other(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::QuotaExceeded => f.write_str("the browser's storage for this site is full"),
            SaveError::Stale { .. } => f.write_str("another tab saved newer changes"),
            SaveError::Unavailable(why) => write!(f, "browser storage is unavailable: {why}"),
            SaveError::Newer => f.write_str(
                "a newer version of Followthrough has saved this data since (reload the page to update)",
            ),
            SaveError::Other(why) => write!(f, "saving failed: {why}"),
        }
    }
}

/// The shard key of a post-mortem.
pub fn shard_key(pm_id: &str) -> String {
    format!("{SHARD_PREFIX}{pm_id}")
}

/// Reads the stored workspace: the older single key if present, else the index and shards.
pub fn read_workspace() -> Stored {
    let storage = match local_storage() {
        Ok(s) => s,
        Err(why) => return Stored::Unavailable(why),
    };
    let get = |key: &str| storage.get_item(key).map_err(|e| error_text(&e));
    match get(WORKSPACE_KEY) {
        Err(why) => return Stored::Unavailable(why),
        Ok(Some(raw)) => {
            return match load_workspace(&raw) {
                Ok(workspace) => Stored::Found {
                    workspace: Box::new(workspace),
                    legacy: true,
                },
                Err(error) => Stored::Unreadable {
                    key: WORKSPACE_KEY.into(),
                    raw,
                    message: error.to_string(),
                    readable: Box::default(),
                    more: Vec::new(),
                },
            }
        }
        Ok(None) => {}
    }
    let index_text = match get(INDEX_KEY) {
        Err(why) => return Stored::Unavailable(why),
        Ok(text) => text,
    };
    let shard_keys = keys_with_prefix(&storage, SHARD_PREFIX);
    if index_text.is_none() && shard_keys.is_empty() {
        return Stored::Nothing;
    }
    // The first thing that cannot be read is reported; everything else is still shown.
    let mut unreadable: Option<(String, String, String)> = None;
    let mut more = Vec::new();
    let index = match index_text.as_deref().map(decode_index) {
        Some(Ok(index)) => index,
        Some(Err(error)) => {
            unreadable = Some((
                INDEX_KEY.into(),
                index_text.clone().unwrap_or_default(),
                error.to_string(),
            ));
            empty_index()
        }
        // Shards without an index: an interrupted first save. They are kept, in key order.
        None => empty_index(),
    };
    let mut postmortems: Vec<PostMortem> = Vec::with_capacity(shard_keys.len());
    // Shards in the index's order first (the order assemble keeps), then any others.
    let listed: Vec<String> = index.postmortems.iter().map(|id| shard_key(id)).collect();
    let listed_set: BTreeSet<&str> = listed.iter().map(String::as_str).collect();
    let others = shard_keys
        .iter()
        .filter(|k| !listed_set.contains(k.as_str()));
    for key in listed.iter().chain(others) {
        let text = match get(key) {
            Ok(Some(text)) => text,
            Ok(None) => continue,
            Err(why) => return Stored::Unavailable(why),
        };
        match decode_postmortem(&text) {
            Ok(pm) => postmortems.push(pm),
            Err(error) => {
                let raw = error.decoded.clone().unwrap_or(text);
                if unreadable.is_none() {
                    let id = key.strip_prefix(SHARD_PREFIX).unwrap_or(key);
                    unreadable = Some((key.to_string(), raw, format!("post-mortem {id}: {error}")));
                } else {
                    more.push(raw);
                }
            }
        }
    }
    let workspace = assemble(index, postmortems);
    match unreadable {
        None => Stored::Found {
            workspace: Box::new(workspace),
            legacy: false,
        },
        Some((key, raw, mut message)) => {
            if !more.is_empty() {
                message.push_str(&format!(
                    " (and {} more stored post-mortem(s) cannot be read)",
                    more.len()
                ));
            }
            Stored::Unreadable {
                key,
                raw,
                message,
                readable: Box::new(workspace),
                more,
            }
        }
    }
}

fn empty_index() -> StoredIndex {
    StoredIndex {
        schema_version: followthrough_core::SCHEMA_VERSION,
        settings: Default::default(),
        postmortems: Vec::new(),
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

/// Writes what changed and bumps the revision, unless another tab wrote a newer one since
/// `known` (then nothing is written and `Stale` says so). Returns the new revision.
///
/// Shards are written before the index and the revision last, so an interrupted save leaves
/// the previous index with, at worst, extra shards (which the next read keeps).
pub fn write_workspace(workspace: &Workspace, dirty: &Dirty, known: u64) -> Result<u64, SaveError> {
    write_workspace_encoded(workspace, dirty, known, &HashMap::new())
}

/// [`write_workspace`], with some shards already encoded (by post-mortem id): a large save
/// encodes them a few at a time beforehand, so that this last step only writes.
pub fn write_workspace_encoded(
    workspace: &Workspace,
    dirty: &Dirty,
    known: u64,
    encoded: &HashMap<String, String>,
) -> Result<u64, SaveError> {
    let stored = read_revision();
    if stored > known {
        return Err(SaveError::Stale { theirs: stored });
    }
    let storage = local_storage().map_err(SaveError::Unavailable)?;
    if newer_format_unkept(&storage) {
        return Err(SaveError::Newer);
    }
    for pm in workspace
        .postmortems
        .iter()
        .filter(|pm| dirty.includes(&pm.id))
    {
        let shard = match encoded.get(&pm.id) {
            Some(shard) => Cow::Borrowed(shard.as_str()),
            None => Cow::Owned(encode_postmortem(pm)),
        };
        set(&storage, &shard_key(&pm.id), &shard)?;
    }
    if *dirty == Dirty::All {
        // Shards of post-mortems no longer there go before the index is written: were the
        // save cut short in between, the old index would only list an id with no shard
        // (skipped), never bring a deleted post-mortem back.
        let kept: BTreeSet<String> = workspace
            .postmortems
            .iter()
            .map(|pm| shard_key(&pm.id))
            .collect();
        for key in keys_with_prefix(&storage, SHARD_PREFIX) {
            if !kept.contains(&key) {
                let _ = storage.remove_item(&key);
            }
        }
    }
    set(&storage, INDEX_KEY, &encode_index(workspace))?;
    if *dirty == Dirty::All {
        // The older single key goes only once everything is in shards.
        let _ = storage.remove_item(WORKSPACE_KEY);
    }
    let next = known.max(stored) + 1;
    set(&storage, REVISION_KEY, &next.to_string())?;
    Ok(next)
}

/// Copies an unreadable value aside, once per distinct content; returns the key.
pub fn quarantine(raw: &str) -> Result<String, SaveError> {
    let key = format!("{QUARANTINE_PREFIX}{:016x}", fingerprint(raw));
    let storage = local_storage().map_err(SaveError::Unavailable)?;
    if storage.get_item(&key).ok().flatten().as_deref() != Some(raw) {
        set(&storage, &key, raw)?;
    }
    Ok(key)
}

/// Whether the stored index was written by a newer version of the app (its `schema_version`
/// is above this build's): an old tab must not write its older format over it.
pub fn newer_format_stored() -> bool {
    local_storage().is_ok_and(|storage| stored_version(&storage) > u64::from(SCHEMA_VERSION))
}

/// A newer format is stored and no copy of it is kept aside (setting it aside is the user's
/// explicit way to start over in this version).
fn newer_format_unkept(storage: &web_sys::Storage) -> bool {
    if stored_version(storage) <= u64::from(SCHEMA_VERSION) {
        return false;
    }
    let index = storage
        .get_item(INDEX_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    let kept = format!("{QUARANTINE_PREFIX}{:016x}", fingerprint(&index));
    storage.get_item(&kept).ok().flatten() != Some(index)
}

/// The `schema_version` of the stored index; 0 when there is none or it cannot be read.
fn stored_version(storage: &web_sys::Storage) -> u64 {
    storage
        .get_item(INDEX_KEY)
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|index| followthrough_core::migrate::version_of(&index).ok())
        .unwrap_or(0)
}

/// FNV-1a: a stable name for a piece of text (not a security measure).
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Writes one value, telling a full quota apart from other failures.
fn set(storage: &web_sys::Storage, key: &str, text: &str) -> Result<(), SaveError> {
    storage.set_item(key, text).map_err(|e| {
        if is_quota_error(&e) {
            SaveError::QuotaExceeded
        } else {
            SaveError::Other(error_text(&e))
        }
    })
}
