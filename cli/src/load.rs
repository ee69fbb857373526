//! Reading what every command reads: a workspace file, a post-mortem file, or a folder written
//! by `split` (`_workspace.json` and one file per post-mortem). Files are read as the app reads
//! an imported file: refused by size before reading, invalid UTF-8 replaced (the JSON reader
//! then says where), checked in full by the core's reader, its message naming the place.

use followthrough_core::exchange::folder::SETTINGS_FILE;
use followthrough_core::exchange::{check_size, join, read_import, FolderError};
use followthrough_core::scoring::rescore_workspace;
use followthrough_core::Workspace;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::fail::Fail;

/// A workspace and where each of its post-mortems came from.
#[derive(Debug)]
pub struct Loaded {
    pub workspace: Workspace,
    /// The file each post-mortem came from, in the workspace's order.
    pub origins: Vec<PathBuf>,
    /// The text of every file read, for finding an item's line.
    pub texts: HashMap<PathBuf, String>,
}

/// A file's text, refused by its size before it is read.
pub fn read_text(path: &Path) -> Result<String, Fail> {
    let meta = fs::metadata(path).map_err(|e| Fail::io(path, "read it", &e))?;
    if meta.is_dir() {
        return Err(Fail::at(path, "a folder, where a file was expected"));
    }
    check_size(meta.len()).map_err(|e| Fail::at(path, e))?;
    let bytes = fs::read(path).map_err(|e| Fail::io(path, "read it", &e))?;
    // As the app does (File.text()): invalid UTF-8 becomes U+FFFD, and JSON says where.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// The `.json` files of a folder (not its subfolders), by name.
pub fn folder_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, Fail> {
    let entries = fs::read_dir(dir).map_err(|e| Fail::io(dir, "read the folder", &e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Fail::io(dir, "read the folder", &e))?;
        let path = entry.path();
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        if name.ends_with(".json") && path.is_file() {
            files.push((name, path));
        }
    }
    files.sort();
    Ok(files)
}

/// A workspace, as read: nothing recomputed (`split` and `join` keep files as they are).
pub fn load(path: &Path) -> Result<Loaded, Fail> {
    if path.is_dir() {
        return load_folder(path);
    }
    let text = read_text(path)?;
    let incoming = read_import(&text).map_err(|e| Fail::at(path, e))?;
    let origins = vec![path.to_path_buf(); incoming.postmortems().len()];
    Ok(Loaded {
        workspace: incoming.workspace,
        origins,
        texts: HashMap::from([(path.to_path_buf(), text)]),
    })
}

/// A workspace ready for the rules: read, then every priority recomputed, as after any load
/// in the app.
pub fn load_scored(path: &Path) -> Result<Loaded, Fail> {
    let mut loaded = load(path)?;
    rescore_workspace(&mut loaded.workspace);
    Ok(loaded)
}

/// A folder written by `split`, as one workspace.
pub fn load_folder(dir: &Path) -> Result<Loaded, Fail> {
    let mut texts = Vec::new();
    for (name, path) in folder_files(dir)? {
        texts.push((name, read_text(&path)?));
    }
    let joined = join(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| folder_fail(dir, &e))?;
    Ok(Loaded {
        workspace: joined.workspace,
        origins: joined.files.iter().map(|name| dir.join(name)).collect(),
        texts: texts
            .into_iter()
            .map(|(name, text)| (dir.join(name), text))
            .collect(),
    })
}

/// A folder's refusal, located at the file it is about.
pub fn folder_fail(dir: &Path, error: &FolderError) -> Fail {
    let name = match error {
        FolderError::File { name, .. } | FolderError::WrongKind { name, .. } => name,
        FolderError::Duplicate { second, .. } => second,
        FolderError::NameClash { .. } | FolderError::NameTooLong { .. } => {
            return Fail::at(dir, error)
        }
    };
    let message = error.to_string();
    let message = message
        .strip_prefix(&format!("{name}: "))
        .unwrap_or(&message)
        .to_string();
    Fail::at(&dir.join(name), message)
}

/// The folder a file belongs to, when it is one written by `split` (it holds
/// `_workspace.json`): the file is then read with the folder's settings and owners.
pub fn enclosing_folder(file: &Path) -> Option<PathBuf> {
    if file.is_dir() || file.file_name()? == SETTINGS_FILE {
        return None;
    }
    let dir = match file.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new("."),
        Some(p) => p,
        None => return None,
    };
    dir.join(SETTINGS_FILE).is_file().then(|| dir.to_path_buf())
}
