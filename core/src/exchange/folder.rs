//! A workspace as a folder of files, for keeping it in git: one file per post-mortem and one
//! for the settings, so files diff line by line and two people editing different post-mortems
//! never touch the same file.
//!
//! - [`split`] writes the folder's files: [`SETTINGS_FILE`] (`_workspace.json`, a workspace
//!   document without post-mortems: `{"schema_version": 1, "settings": {…}}`), then one
//!   post-mortem document per post-mortem ([`super::export_postmortem_json`]), named by
//!   [`file_name`] (`PM-2026-0051.json`), in id order. Every file is pretty-printed with a
//!   trailing newline and its keys in the model's order, so the same workspace always gives
//!   the same bytes.
//! - [`join`] reads them back with [`super::read_import`] (each file checked in full, with the
//!   same messages, prefixed by the file's name) into one workspace, its post-mortems in id
//!   order. The post-mortem's id is read from the file, never from its name.
//!
//! So `join(split(w))` is `w` with its post-mortems in id order (byte for byte, through
//! [`super::export_workspace_json`], for a workspace already in that order), and
//! `split(join(files))` gives `files` back when they were written by `split`. Priorities are
//! kept as they are in the files: this is storage, not an import (callers that use the
//! workspace rescore it, as after any load).

use std::collections::HashMap;
use std::fmt;

use super::json::{read_import, DocumentKind, ImportError, Incoming};
use super::{export_postmortem_json, ExportFile};
use crate::model::{PostMortem, Workspace, SCHEMA_VERSION};
use crate::settings::Settings;

/// The folder's settings file. No post-mortem's file can have this name: [`file_name`] never
/// starts one with `_` (it writes `_` as `_5F`).
pub const SETTINGS_FILE: &str = "_workspace.json";

/// The longest file name [`split`] writes (most file systems allow 255 bytes).
pub const MAX_FILE_NAME_BYTES: usize = 200;

/// The file a post-mortem is written to: its id, then `.json`. Letters, digits, `-` and `.`
/// (not first) are kept; every other byte of the id is written `_XX` (its hex value), so a
/// name is always one plain file in the folder (`../x` or `a/b` cannot leave it) and two ids
/// never share a name.
pub fn file_name(postmortem_id: &str) -> String {
    let mut name = String::with_capacity(postmortem_id.len() + 5);
    for (i, byte) in postmortem_id.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric() || byte == b'-' || (byte == b'.' && i > 0);
        if keep {
            name.push(char::from(byte));
        } else {
            name.push_str(&format!("_{byte:02X}"));
        }
    }
    name.push_str(".json");
    name
}

/// Why a workspace cannot be written as a folder, or a folder read as a workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FolderError {
    /// Two post-mortems whose file names differ only in case: one file on macOS and Windows.
    NameClash {
        name: String,
        first: String,
        second: String,
    },
    /// A post-mortem id too long for a file name.
    NameTooLong { id: String },
    /// A file that could not be read: its name and why.
    File { name: String, error: ImportError },
    /// A file of the folder that holds a whole workspace, or a post-mortem in the settings
    /// file.
    WrongKind { name: String, found: DocumentKind },
    /// The same post-mortem in two files.
    Duplicate {
        id: String,
        first: String,
        second: String,
    },
}

impl fmt::Display for FolderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FolderError::NameClash {
                name,
                first,
                second,
            } => write!(
                f,
                "post-mortems {first:?} and {second:?} would share the file {name} on a file \
                 system that ignores case; rename one of them"
            ),
            FolderError::NameTooLong { id } => write!(
                f,
                "the post-mortem id {id:?} is too long for a file name (at most \
                 {MAX_FILE_NAME_BYTES} bytes once written); shorten it"
            ),
            FolderError::File { name, error } => write!(f, "{name}: {error}"),
            FolderError::WrongKind { name, found } => match found {
                DocumentKind::Workspace => write!(
                    f,
                    "{name}: a whole workspace; a folder holds one post-mortem per file and its \
                     settings in {SETTINGS_FILE} (split the workspace into it instead)"
                ),
                DocumentKind::PostMortem => write!(
                    f,
                    "{name}: a post-mortem; {SETTINGS_FILE} holds the folder's settings only"
                ),
            },
            FolderError::Duplicate { id, first, second } => write!(
                f,
                "{second}: post-mortem {id:?} is already in {first}; keep one of the two files"
            ),
        }
    }
}

impl std::error::Error for FolderError {}

/// The settings file's text: a workspace document with the settings and no post-mortems.
fn settings_text(settings: &Settings) -> String {
    #[derive(serde::Serialize)]
    struct Document<'a> {
        schema_version: u32,
        settings: &'a Settings,
    }
    let mut text = serde_json::to_string_pretty(&Document {
        schema_version: SCHEMA_VERSION,
        settings,
    })
    .unwrap_or_default();
    text.push('\n');
    text
}

/// The folder's files for `workspace` (see the module docs): the settings file first, then
/// one file per post-mortem in id order.
pub fn split(workspace: &Workspace) -> Result<Vec<ExportFile>, FolderError> {
    let mut postmortems: Vec<&PostMortem> = workspace.postmortems.iter().collect();
    crate::order::sort_by(&mut postmortems, |a, b| a.id.cmp(&b.id));
    let mut files = vec![ExportFile {
        name: SETTINGS_FILE.to_string(),
        mime: "application/json",
        text: settings_text(&workspace.settings),
    }];
    let mut names: HashMap<String, &str> = HashMap::new();
    for pm in postmortems {
        let name = file_name(&pm.id);
        if name.len() > MAX_FILE_NAME_BYTES {
            return Err(FolderError::NameTooLong { id: pm.id.clone() });
        }
        if let Some(first) = names.insert(name.to_ascii_lowercase(), &pm.id) {
            return Err(FolderError::NameClash {
                name,
                first: first.to_string(),
                second: pm.id.clone(),
            });
        }
        files.push(ExportFile {
            name,
            mime: "application/json",
            text: export_postmortem_json(pm),
        });
    }
    Ok(files)
}

/// A folder read as one workspace.
#[derive(Clone, Debug, PartialEq)]
pub struct Joined {
    /// Settings from [`SETTINGS_FILE`] (the defaults without one), post-mortems in id order.
    pub workspace: Workspace,
    /// The file each post-mortem came from, in the workspace's order.
    pub files: Vec<String>,
    /// Whether [`SETTINGS_FILE`] was among the files (a whole folder, not some of its files).
    pub with_settings: bool,
}

impl Joined {
    /// The folder as a file to import (the app's Import): a whole folder, with its settings
    /// file, is a workspace document (replacing with it replaces the workspace); some of its
    /// post-mortem files alone are post-mortem documents, whose settings are never applied.
    pub fn into_incoming(self) -> Incoming {
        Incoming {
            kind: if self.with_settings {
                DocumentKind::Workspace
            } else {
                DocumentKind::PostMortem
            },
            file_version: SCHEMA_VERSION,
            workspace: self.workspace,
        }
    }
}

/// Whether a file picked with a folder (its path from the picked folder, `postmortems/PM-1.json`,
/// or a bare name) is one [`join`] reads: a `.json` file directly in the folder, as the command
/// line reads a folder. Other files (a README, `.git/…`, subfolders) are left out.
pub fn is_member(path: &str) -> bool {
    let mut parts = path.rsplit('/');
    let name = parts.next().unwrap_or_default();
    let _folder = parts.next();
    name.ends_with(".json") && !name.starts_with('.') && parts.next().is_none()
}

/// Reads a folder's files, given as `(name, text)`, into one workspace (see the module docs).
/// Every file must be a post-mortem document, but [`SETTINGS_FILE`], which must be a workspace
/// document without post-mortems. Nothing is returned unless every file is read and checked.
pub fn join<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Joined, FolderError> {
    let mut workspace = Workspace::default();
    let mut found: Vec<(PostMortem, String)> = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut with_settings = false;
    for (name, text) in files {
        let incoming = read_import(text).map_err(|error| FolderError::File {
            name: name.to_string(),
            error,
        })?;
        let wrong = |found| FolderError::WrongKind {
            name: name.to_string(),
            found,
        };
        if name == SETTINGS_FILE {
            if incoming.kind != DocumentKind::Workspace || !incoming.postmortems().is_empty() {
                return Err(wrong(incoming.kind));
            }
            workspace.settings = incoming.workspace.settings;
            with_settings = true;
            continue;
        }
        if incoming.kind != DocumentKind::PostMortem {
            return Err(wrong(incoming.kind));
        }
        for pm in incoming.workspace.postmortems {
            if let Some(first) = seen.insert(pm.id.clone(), name.to_string()) {
                return Err(FolderError::Duplicate {
                    id: pm.id,
                    first,
                    second: name.to_string(),
                });
            }
            found.push((pm, name.to_string()));
        }
    }
    // Ids are unique (checked above): the order is total.
    crate::order::sort_by(&mut found, |(a, _), (b, _)| a.id.cmp(&b.id));
    let (postmortems, files): (Vec<_>, Vec<_>) = found.into_iter().unzip();
    workspace.postmortems = postmortems;
    Ok(Joined {
        workspace,
        files,
        with_settings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::export_workspace_json;
    use crate::model::ActionItem;

    fn workspace() -> Workspace {
        let pm = |id: &str| PostMortem {
            id: id.into(),
            title: format!("Outage {id}"),
            action_items: vec![ActionItem {
                id: format!("{id}-01"),
                title: "Add an alert on checkout errors above 2%".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let mut ws = Workspace {
            postmortems: vec![pm("PM-2026-0002"), pm("PM-2026-0001")],
            ..Default::default()
        };
        ws.settings.review.owner_capacity = 7;
        ws
    }

    fn pairs(files: &[ExportFile]) -> Vec<(&str, &str)> {
        files
            .iter()
            .map(|f| (f.name.as_str(), f.text.as_str()))
            .collect()
    }

    #[test]
    fn a_folder_holds_the_settings_and_one_file_per_postmortem_in_id_order() {
        let files = split(&workspace()).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [SETTINGS_FILE, "PM-2026-0001.json", "PM-2026-0002.json"]
        );
        assert!(files[0].text.contains("\"owner_capacity\": 7"));
        assert!(!files[0].text.contains("postmortems"));
        assert_eq!(
            files[1].text,
            export_postmortem_json(&workspace().postmortems[1])
        );
    }

    #[test]
    fn joining_gives_the_workspace_back_in_id_order_and_splitting_that_gives_the_files() {
        let files = split(&workspace()).unwrap();
        let joined = join(pairs(&files)).unwrap();
        let mut sorted = workspace();
        sorted.postmortems.reverse();
        assert_eq!(joined.workspace, sorted);
        assert_eq!(joined.files, ["PM-2026-0001.json", "PM-2026-0002.json"]);
        assert_eq!(split(&joined.workspace).unwrap(), files);
        // Byte for byte through the workspace file, once in id order; the files' order does
        // not matter.
        let mut reversed = pairs(&files);
        reversed.reverse();
        assert_eq!(
            export_workspace_json(&join(reversed).unwrap().workspace),
            export_workspace_json(&sorted)
        );
    }

    #[test]
    fn file_names_stay_in_the_folder_and_never_collide() {
        assert_eq!(file_name("PM-2026-0051"), "PM-2026-0051.json");
        assert_eq!(file_name("../etc/passwd"), "_2E._2Fetc_2Fpasswd.json");
        assert_eq!(file_name("_workspace"), "_5Fworkspace.json");
        assert_eq!(file_name("a b"), "a_20b.json");
        assert_eq!(file_name("é"), "_C3_A9.json");
        assert_ne!(file_name("a_20b"), file_name("a b"));
    }

    #[test]
    fn a_whole_folder_imports_as_a_workspace_and_some_of_its_files_as_postmortems() {
        let files = split(&workspace()).unwrap();
        let whole = join(pairs(&files)).unwrap().into_incoming();
        assert_eq!(whole.kind, DocumentKind::Workspace);
        assert_eq!(whole.workspace.settings.review.owner_capacity, 7);
        let some = join(pairs(&files[1..])).unwrap().into_incoming();
        assert_eq!(some.kind, DocumentKind::PostMortem);
        assert_eq!(some.item_count(), 2);
    }

    #[test]
    fn only_json_files_directly_in_the_folder_are_read() {
        assert!(is_member("postmortems/PM-2026-0051.json"));
        assert!(is_member("postmortems/_workspace.json"));
        assert!(is_member("PM-1.json"));
        assert!(!is_member("postmortems/README.md"));
        assert!(!is_member("postmortems/old/PM-1.json"));
        assert!(!is_member("postmortems/.hidden.json"));
    }

    #[test]
    fn case_clashes_and_long_ids_are_refused() {
        let mut ws = workspace();
        ws.postmortems[0].id = "pm-2026-0001".into();
        assert!(matches!(split(&ws), Err(FolderError::NameClash { .. })));
        ws.postmortems[0].id = "x".repeat(300);
        assert!(matches!(split(&ws), Err(FolderError::NameTooLong { .. })));
    }

    #[test]
    fn wrong_files_are_refused_naming_the_file() {
        let files = split(&workspace()).unwrap();
        let whole = export_workspace_json(&workspace());
        let mut with_whole = pairs(&files);
        with_whole.push(("all.json", &whole));
        let error = join(with_whole).unwrap_err();
        assert!(error.to_string().starts_with("all.json: a whole workspace"));

        let mut twice = pairs(&files);
        twice.push(("copy.json", files[1].text.as_str()));
        assert_eq!(
            join(twice).unwrap_err().to_string(),
            "copy.json: post-mortem \"PM-2026-0001\" is already in PM-2026-0001.json; keep one \
             of the two files"
        );

        let bad = join([("PM-1.json", "{\"postmortem\": {\"id\": 3}}")]).unwrap_err();
        assert!(
            bad.to_string().starts_with("PM-1.json: postmortem.id: "),
            "{bad}"
        );
        let swapped = join([(SETTINGS_FILE, files[1].text.as_str())]).unwrap_err();
        assert!(matches!(swapped, FolderError::WrongKind { .. }));
        assert_eq!(join([]).unwrap().workspace, Workspace::default());
    }
}
