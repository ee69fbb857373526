//! `split` and `join`: a workspace file as a folder of files (the core's `exchange::folder`),
//! and back. Only files whose bytes change are written, so git sees exactly what changed.

use followthrough_core::exchange::folder::SETTINGS_FILE;
use followthrough_core::exchange::{export_workspace_json, read_import, split as split_files};
use followthrough_core::Workspace;
use std::fs;
use std::path::Path;
use std::process::ExitCode;

use crate::exchange::write;
use crate::fail::Fail;
use crate::load::{folder_files, load_folder, read_text};

/// What writing a folder did.
pub struct Written {
    pub files: usize,
    pub changed: usize,
    pub removed: Vec<String>,
}

/// The folder's post-mortem files that `workspace` does not hold (by the id inside them):
/// `split` would leave them, and `join` would bring them back.
fn stale_files(dir: &Path, keep: &[String]) -> Result<Vec<String>, Fail> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut stale = Vec::new();
    for (name, path) in folder_files(dir)? {
        if name == SETTINGS_FILE || keep.contains(&name) {
            continue;
        }
        // Only this app's post-mortem files count: anything else in the folder is not ours to
        // remove (join refuses it, and says so).
        if let Ok(incoming) = read_import(&read_text(&path)?) {
            if incoming.kind == followthrough_core::exchange::DocumentKind::PostMortem {
                stale.push(name);
            }
        }
    }
    Ok(stale)
}

/// Writes `workspace` into `dir` as `split` lays it out. With `prune`, the files of
/// post-mortems it no longer holds are removed; without, their presence is refused before
/// anything is written.
pub fn write_folder(dir: &Path, workspace: &Workspace, prune: bool) -> Result<Written, Fail> {
    let files = split_files(workspace).map_err(|e| Fail::at(dir, e))?;
    let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
    let stale = stale_files(dir, &names)?;
    if !stale.is_empty() && !prune {
        return Err(Fail::at(
            dir,
            format!(
                "the folder holds post-mortems the workspace does not ({}); join would bring \
                 them back. Run again with --prune to remove them, or move them away",
                stale.join(", ")
            ),
        ));
    }
    fs::create_dir_all(dir).map_err(|e| Fail::io(dir, "create the folder", &e))?;
    let mut changed = 0;
    for file in &files {
        let path = dir.join(&file.name);
        let same = fs::read(&path).is_ok_and(|bytes| bytes == file.text.as_bytes());
        if !same {
            write(&path, &file.text)?;
            changed += 1;
        }
    }
    for name in &stale {
        let path = dir.join(name);
        fs::remove_file(&path).map_err(|e| Fail::io(&path, "remove it", &e))?;
    }
    Ok(Written {
        files: files.len(),
        changed,
        removed: stale,
    })
}

pub fn split(workspace: &Path, dir: &Path, prune: bool) -> Result<ExitCode, Fail> {
    let text = read_text(workspace)?;
    let incoming = read_import(&text).map_err(|e| Fail::at(workspace, e))?;
    let written = write_folder(dir, &incoming.workspace, prune)?;
    eprintln!("{}", written_sentence(dir, &written));
    Ok(ExitCode::SUCCESS)
}

pub fn written_sentence(dir: &Path, written: &Written) -> String {
    let mut text = format!(
        "{} files in {}: {} written, {} unchanged",
        written.files,
        dir.display(),
        written.changed,
        written.files - written.changed
    );
    if !written.removed.is_empty() {
        text.push_str(&format!("; removed {}", written.removed.join(", ")));
    }
    text.push('.');
    text
}

pub fn join(dir: &Path, output: Option<&Path>) -> Result<ExitCode, Fail> {
    if !dir.is_dir() {
        return Err(Fail::at(dir, "not a folder"));
    }
    let loaded = load_folder(dir)?;
    let text = export_workspace_json(&loaded.workspace);
    match output {
        Some(path) => write(path, &text)?,
        None => say!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
