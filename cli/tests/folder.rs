//! `split` and `join`: a workspace kept in git as one file per post-mortem, byte for byte
//! both ways; every command reads the folder; hostile ids stay inside it.

mod common;

use common::*;
use followthrough_core::exchange::{export_workspace_json, read_import, split};
use followthrough_core::{PostMortem, Workspace};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Every file of a folder, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().into_string().unwrap(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The sample workspace as the app exports it, its post-mortems in id order.
fn sorted_sample(dir: &Path) -> std::path::PathBuf {
    let text = fs::read_to_string(sample()).unwrap();
    let mut ws = read_import(&text).unwrap().workspace;
    ws.postmortems.sort_by(|a, b| a.id.cmp(&b.id));
    let path = dir.join("workspace.json");
    fs::write(&path, export_workspace_json(&ws)).unwrap();
    path
}

/// `followthrough join --dir FOLDER`: what it answered.
fn join_dir(folder: &Path) -> std::process::Output {
    followthrough()
        .arg("join")
        .arg("--dir")
        .arg(folder)
        .output()
        .unwrap()
}

/// A workspace of post-mortems with these ids, each titled "t".
fn titled(ids: &[&str]) -> Workspace {
    Workspace {
        postmortems: ids
            .iter()
            .map(|id| PostMortem {
                id: id.to_string(),
                title: "t".into(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

#[test]
fn split_then_join_gives_the_workspace_back_byte_for_byte() {
    let dir = temp();
    let original = sorted_sample(dir.path());
    let folder = dir.path().join("postmortems");
    split_into(&original, &folder);
    let written = files(&folder);
    let names: Vec<&str> = written.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "PM-2025-0212.json",
            "PM-2026-0051.json",
            "PM-2026-0058.json",
            "_workspace.json"
        ]
    );
    // The files are the core's, one pretty-printed post-mortem each.
    let ws = read_import(&fs::read_to_string(&original).unwrap())
        .unwrap()
        .workspace;
    for file in split(&ws).unwrap() {
        assert_eq!(written[&file.name], file.text.as_bytes(), "{}", file.name);
    }
    let out = join_dir(&folder);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(out.stdout, fs::read(&original).unwrap());
    // And to a file; splitting that again writes nothing new.
    let joined = dir.path().join("joined.json");
    followthrough()
        .arg("join")
        .arg("--dir")
        .arg(&folder)
        .arg("-o")
        .arg(&joined)
        .assert()
        .success();
    assert_eq!(fs::read(&joined).unwrap(), fs::read(&original).unwrap());
    let out = followthrough()
        .arg("split")
        .arg(&joined)
        .arg("--dir")
        .arg(&folder)
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("0 written, 4 unchanged"),
        "{}",
        stderr(&out)
    );
    assert_eq!(files(&folder), written);
}

#[test]
fn a_workspace_in_any_order_joins_in_id_order_and_is_then_stable() {
    let dir = temp();
    let folder = dir.path().join("pm");
    split_into(&sample(), &folder);
    let once = join_dir(&folder);
    let ws = read_import(&stdout(&once)).unwrap().workspace;
    let ids: Vec<&str> = ws.postmortems.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["PM-2025-0212", "PM-2026-0051", "PM-2026-0058"]);
    let mut original = read_import(&fs::read_to_string(sample()).unwrap())
        .unwrap()
        .workspace;
    original.postmortems.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(ws, original);
}

#[test]
fn editing_one_post_mortem_changes_only_its_file() {
    let dir = temp();
    let original = sorted_sample(dir.path());
    let folder = dir.path().join("pm");
    split_into(&original, &folder);
    let before = files(&folder);
    let mut ws = read_import(&fs::read_to_string(&original).unwrap())
        .unwrap()
        .workspace;
    ws.postmortems[1].action_items[0].owner = "Ana Silva".into();
    fs::write(&original, export_workspace_json(&ws)).unwrap();
    split_into(&original, &folder);
    let after = files(&folder);
    let changed: Vec<&String> = after.keys().filter(|k| before[*k] != after[*k]).collect();
    assert_eq!(changed, ["PM-2026-0051.json"]);
}

#[test]
fn every_command_reads_the_folder_as_the_workspace() {
    let dir = temp();
    let folder = dir.path().join("pm");
    split_into(&sample(), &folder);
    for args in [
        vec!["metrics", "--format", "json", "--as-of", "2026-03-20"],
        vec!["agenda", "--as-of", "2026-03-20"],
        vec!["nudges", "--format", "json", "--as-of", "2026-03-20"],
        vec!["export", "--to", "markdown", "--postmortem", "PM-2026-0051"],
        vec!["remind", "--dry-run", "--as-of", "2026-03-20"],
    ] {
        let from_file = followthrough().args(&args).arg(sample()).output().unwrap();
        let from_folder = followthrough().args(&args).arg(&folder).output().unwrap();
        assert!(
            from_folder.status.success(),
            "{args:?}: {}",
            stderr(&from_folder)
        );
        if args[0] == "agenda" || args[0] == "remind" {
            // Listed in workspace order: compare what is said, not the order.
            let mut a: Vec<&str> = std::str::from_utf8(&from_file.stdout)
                .unwrap()
                .lines()
                .collect();
            let mut b: Vec<&str> = std::str::from_utf8(&from_folder.stdout)
                .unwrap()
                .lines()
                .collect();
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "{args:?}");
        } else {
            assert_eq!(from_file.stdout, from_folder.stdout, "{args:?}");
        }
    }
}

#[test]
fn a_post_mortem_left_in_the_folder_is_refused_or_pruned() {
    let dir = temp();
    let folder = dir.path().join("pm");
    split_into(&sample(), &folder);
    let mut ws = read_import(&fs::read_to_string(sample()).unwrap())
        .unwrap()
        .workspace;
    ws.postmortems.retain(|p| p.id != "PM-2026-0058");
    let smaller = dir.path().join("smaller.json");
    fs::write(&smaller, export_workspace_json(&ws)).unwrap();
    fs::write(folder.join("notes.json"), "{\"not\": \"ours\"}").unwrap();
    let out = followthrough()
        .arg("split")
        .arg(&smaller)
        .arg("--dir")
        .arg(&folder)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("PM-2026-0058.json"),
        "{}",
        stderr(&out)
    );
    assert!(folder.join("PM-2026-0058.json").exists(), "nothing changed");
    followthrough()
        .arg("split")
        .arg(&smaller)
        .arg("--dir")
        .arg(&folder)
        .arg("--prune")
        .assert()
        .success();
    assert!(!folder.join("PM-2026-0058.json").exists());
    assert!(
        folder.join("notes.json").exists(),
        "a file that is not ours stays"
    );
    // join refuses the stray file, naming it.
    let out = join_dir(&folder);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("notes.json"), "{}", stderr(&out));
}

#[test]
fn hostile_ids_and_broken_files_stay_where_they_are() {
    let dir = temp();
    let ws = titled(&["../escape", "a/b", "_workspace", ".hidden", "PM-1"]);
    let path = dir.path().join("ws.json");
    fs::write(&path, export_workspace_json(&ws)).unwrap();
    let folder = dir.path().join("pm");
    split_into(&path, &folder);
    let names: Vec<String> = files(&folder).into_keys().collect();
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(!dir.path().join("escape.json").exists());
    assert!(names.iter().all(|n| !n.contains('/')), "{names:?}");
    assert_eq!(names.iter().filter(|n| *n == "_workspace.json").count(), 1);
    let joined = join_dir(&folder);
    let back = read_import(&stdout(&joined)).unwrap().workspace;
    let mut ids: Vec<&str> = back.postmortems.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["../escape", ".hidden", "PM-1", "_workspace", "a/b"]);

    // Two ids one letter-case apart cannot be two files on every system: refused.
    let clash = titled(&["PM-1", "pm-1"]);
    fs::write(&path, export_workspace_json(&clash)).unwrap();
    let out = followthrough()
        .arg("split")
        .arg(&path)
        .arg("--dir")
        .arg(dir.path().join("clash"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("ignores case"), "{}", stderr(&out));

    // A broken file is named with the reader's located message; a copy of a post-mortem too.
    fs::write(
        folder.join("PM-1.json"),
        "{\"postmortem\": {\"id\": \"PM-1\", \"title\": \"t\", \"severity\": \"SEV9\"}}",
    )
    .unwrap();
    let out = join_dir(&folder);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains(&format!(
            "{}: postmortem.severity",
            folder.join("PM-1.json").display()
        )),
        "{message}"
    );
    fs::copy(folder.join("a_2Fb.json"), folder.join("PM-1.json")).unwrap();
    let out = join_dir(&folder);
    assert!(stderr(&out).contains("is already in"), "{}", stderr(&out));
    // Not a folder, not a workspace.
    followthrough()
        .arg("join")
        .arg("--dir")
        .arg(&path)
        .assert()
        .code(2);
    followthrough()
        .arg("split")
        .arg(core_fixture("exchange/not_json.json"))
        .arg("--dir")
        .arg(&folder)
        .assert()
        .code(2);
}
