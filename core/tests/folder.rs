//! The folder fixture (`fixtures/folder/`, written by `followthrough split` from
//! `fixtures/metrics_workspace.json`) is what the core's `split` gives, and survives the app's
//! path: imported as a folder (join, then applied over an empty workspace, rescored), then
//! exported as files again, byte for byte. The e2e suite imports and exports the same folder.

use followthrough_core::exchange::folder::{is_member, SETTINGS_FILE};
use followthrough_core::exchange::*;
use followthrough_core::model::Workspace;
use std::path::PathBuf;

fn folder() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/folder");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_fixture_folder_is_the_split_of_the_metrics_workspace() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/metrics_workspace.json"),
    )
    .unwrap();
    let workspace = read_import(&text).unwrap().workspace;
    let written: Vec<(String, String)> = split(&workspace)
        .unwrap()
        .into_iter()
        .map(|f| (f.name, f.text))
        .collect();
    let mut expected = folder();
    // split writes the settings file first; the folder lists it by name.
    expected.sort_by_key(|(name, _)| name != SETTINGS_FILE);
    assert_eq!(written, expected);
}

#[test]
fn a_folder_imported_as_the_app_does_exports_the_same_files() {
    let files = folder();
    assert!(files
        .iter()
        .all(|(name, _)| is_member(&format!("folder/{name}"))));
    let joined = join(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap();
    assert_eq!(joined.files.len(), 3);
    let incoming = joined.into_incoming();
    assert_eq!(incoming.kind, DocumentKind::Workspace);
    let imported = apply_owned(
        &Workspace::default(),
        incoming,
        Mode::Replace,
        ConflictRule::KeepWorkspace,
    );
    let mut again: Vec<(String, String)> = split(&imported)
        .unwrap()
        .into_iter()
        .map(|f| (f.name, f.text))
        .collect();
    again.sort();
    assert_eq!(again, files);
}
