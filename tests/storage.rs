//! Browser tests of the storage adapter (wasm-bindgen-test in headless Chromium): the sharded
//! format, the older single key, unreadable values and other tabs' revisions.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeSet;

use followthrough::state::persist::{self, SaveError, Stored};
use followthrough::state::Dirty;
use followthrough::web::local_storage::local_storage;
use followthrough_core::{ActionItem, PostMortem, Severity, Workspace};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn postmortem(id: &str, title: &str) -> PostMortem {
    PostMortem {
        id: id.into(),
        title: title.into(),
        severity: Severity::Sev1,
        action_items: vec![ActionItem {
            id: format!("{id}-01"),
            title: "Add an alert on checkout error rate above 2% for 5 minutes".into(),
            owner: "Priya".into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn sample() -> Workspace {
    let mut ws = Workspace::default();
    ws.postmortems
        .push(postmortem("PM-2026-0051", "Payments outage — «ünïcode» 🚨"));
    ws.postmortems
        .push(postmortem("PM-2026-0050", "Search latency"));
    ws
}

fn storage() -> web_sys::Storage {
    local_storage().unwrap()
}

/// Tests share the page's localStorage: each starts from nothing of ours.
fn clear_ours() {
    let s = storage();
    let keys: Vec<String> = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with("followthrough."))
        .collect();
    for key in keys {
        s.remove_item(&key).unwrap();
    }
}

fn get(key: &str) -> Option<String> {
    storage().get_item(key).unwrap()
}

fn found(stored: Stored) -> (Workspace, bool) {
    match stored {
        Stored::Found { workspace, legacy } => (*workspace, legacy),
        other => panic!("expected Found, got {other:?}"),
    }
}

#[wasm_bindgen_test]
fn nothing_stored_reads_as_nothing() {
    clear_ours();
    assert_eq!(persist::read_workspace(), Stored::Nothing);
}

#[wasm_bindgen_test]
fn a_workspace_round_trips_through_index_and_shards() {
    clear_ours();
    let ws = sample();
    assert_eq!(persist::write_workspace(&ws, &Dirty::All, 0), Ok(1));
    // One shard per post-mortem, compressed, plus the small index and the revision.
    let shard = get(&persist::shard_key("PM-2026-0051")).unwrap();
    assert!(shard.starts_with("ft1:"), "{shard}");
    assert!(get(persist::INDEX_KEY).unwrap().contains("PM-2026-0050"));
    assert_eq!(get(persist::REVISION_KEY).as_deref(), Some("1"));
    assert_eq!(found(persist::read_workspace()), (ws, false));
}

#[wasm_bindgen_test]
fn a_save_rewrites_only_the_post_mortems_that_changed() {
    clear_ours();
    let mut ws = sample();
    persist::write_workspace(&ws, &Dirty::All, 0).unwrap();
    let untouched = get(&persist::shard_key("PM-2026-0051")).unwrap();
    let before = get(&persist::shard_key("PM-2026-0050")).unwrap();

    ws.postmortems[1].title = "Search latency after the index rebuild".into();
    // A stale copy of the first one in memory must not be written: it is not dirty.
    ws.postmortems[0].title = "not saved".into();
    let dirty = Dirty::Some(BTreeSet::from(["PM-2026-0050".to_string()]));
    assert_eq!(persist::write_workspace(&ws, &dirty, 1), Ok(2));
    assert_eq!(get(&persist::shard_key("PM-2026-0051")), Some(untouched));
    assert_ne!(get(&persist::shard_key("PM-2026-0050")), Some(before));
    let (read, _) = found(persist::read_workspace());
    assert_eq!(read.postmortems[0].title, "Payments outage — «ünïcode» 🚨");
    assert_eq!(
        read.postmortems[1].title,
        "Search latency after the index rebuild"
    );
}

#[wasm_bindgen_test]
fn a_full_save_removes_the_shards_of_post_mortems_no_longer_there() {
    clear_ours();
    let mut ws = sample();
    persist::write_workspace(&ws, &Dirty::All, 0).unwrap();
    ws.postmortems.remove(1);
    persist::write_workspace(&ws, &Dirty::All, 1).unwrap();
    assert_eq!(get(&persist::shard_key("PM-2026-0050")), None);
    assert_eq!(found(persist::read_workspace()).0, ws);
}

#[wasm_bindgen_test]
fn the_older_single_key_is_read_and_moved_to_shards_by_a_full_save() {
    clear_ours();
    let ws = sample();
    storage()
        .set_item(
            persist::WORKSPACE_KEY,
            &followthrough_core::storage::save_workspace(&ws),
        )
        .unwrap();
    let (read, legacy) = found(persist::read_workspace());
    assert_eq!(read, ws);
    assert!(legacy);
    persist::write_workspace(&read, &Dirty::All, 0).unwrap();
    assert_eq!(get(persist::WORKSPACE_KEY), None);
    assert_eq!(found(persist::read_workspace()), (ws, false));
}

#[wasm_bindgen_test]
fn an_unreadable_shard_is_reported_with_its_text_and_the_rest_is_still_read() {
    clear_ours();
    let ws = sample();
    persist::write_workspace(&ws, &Dirty::All, 0).unwrap();
    let key = persist::shard_key("PM-2026-0050");
    storage().set_item(&key, "ft1:99:garbage").unwrap();
    match persist::read_workspace() {
        Stored::Unreadable {
            key: bad,
            raw,
            message,
            readable,
            more,
        } => {
            assert_eq!(bad, key);
            assert_eq!(raw, "ft1:99:garbage");
            assert!(message.contains("PM-2026-0050"), "{message}");
            assert_eq!(readable.postmortems.len(), 1);
            assert_eq!(readable.postmortems[0].id, "PM-2026-0051");
            assert!(more.is_empty());
        }
        other => panic!("expected Unreadable, got {other:?}"),
    }
    // Reading never changes what is stored.
    assert_eq!(get(&key).as_deref(), Some("ft1:99:garbage"));
}

#[wasm_bindgen_test]
fn unreadable_text_under_the_older_key_is_reported_and_left_alone() {
    clear_ours();
    storage()
        .set_item(persist::WORKSPACE_KEY, "{\"postmortems\": [oops")
        .unwrap();
    match persist::read_workspace() {
        Stored::Unreadable { raw, readable, .. } => {
            assert_eq!(raw, "{\"postmortems\": [oops");
            assert!(readable.postmortems.is_empty());
        }
        other => panic!("expected Unreadable, got {other:?}"),
    }
    assert_eq!(
        get(persist::WORKSPACE_KEY).as_deref(),
        Some("{\"postmortems\": [oops")
    );
}

#[wasm_bindgen_test]
fn a_tab_behind_the_stored_revision_writes_nothing() {
    clear_ours();
    let ws = sample();
    persist::write_workspace(&ws, &Dirty::All, 0).unwrap();
    let index = get(persist::INDEX_KEY);
    // Another tab saved revision 2 meanwhile; this tab still knows 1.
    storage().set_item(persist::REVISION_KEY, "2").unwrap();
    let mut mine = ws.clone();
    mine.postmortems.remove(0);
    assert_eq!(
        persist::write_workspace(&mine, &Dirty::All, 1),
        Err(SaveError::Stale { theirs: 2 })
    );
    assert_eq!(get(persist::INDEX_KEY), index);
    assert!(get(&persist::shard_key("PM-2026-0051")).is_some());
}

/// A save of many post-mortems (an import) is encoded a shard per step here (a budget of 0 ms)
/// and written only at the end, in one go; an edit between steps is what gets saved.
#[wasm_bindgen_test]
fn a_large_save_is_encoded_in_steps_written_at_the_end_and_keeps_edits_made_meanwhile() {
    use followthrough::state::{SaveState, Store};
    use leptos::prelude::*;
    clear_ours();
    let store = Store::new(Workspace::default(), SaveState::Saved);
    let mut imported = Workspace::default();
    for n in 1..=3 {
        imported
            .postmortems
            .push(postmortem(&format!("PM-2026-000{n}"), "Imported"));
    }
    store.replace_workspace(imported, "import");
    assert_eq!(store.save_state.get_untracked(), SaveState::Pending);

    // First step: one shard encoded, nothing written yet.
    assert!(!store.save_step(0.0));
    assert_eq!(get(persist::INDEX_KEY), None);
    assert_eq!(get(&persist::shard_key("PM-2026-0001")), None);
    assert_eq!(store.save_state.get_untracked(), SaveState::Pending);

    // An edit to the post-mortem already encoded: its shard is encoded again.
    store.edit_postmortem("PM-2026-0001", "title", |pm| {
        pm.title = "Edited meanwhile".into()
    });
    let mut steps = 1;
    while !store.save_step(0.0) {
        steps += 1;
        assert!(steps < 10, "the save never finished");
        assert_eq!(get(persist::INDEX_KEY), None, "written only at the end");
    }
    assert_eq!(
        steps, 3,
        "one step per shard still to encode (the edited one again)"
    );
    assert_eq!(store.save_state.get_untracked(), SaveState::Saved);
    let (stored, _) = found(persist::read_workspace());
    assert_eq!(stored, store.peek_workspace(Clone::clone));
    assert_eq!(stored.postmortems[0].title, "Edited meanwhile");

    // Leaving the page in the middle of a large save writes everything at once.
    let mut renamed = store.peek_workspace(Clone::clone);
    for pm in &mut renamed.postmortems {
        pm.title = "Renamed".into();
    }
    store.replace_workspace(renamed, "rename");
    assert!(!store.save_step(0.0));
    store.flush();
    assert_eq!(store.save_state.get_untracked(), SaveState::Saved);
    let (stored, _) = found(persist::read_workspace());
    assert!(stored.postmortems.iter().all(|pm| pm.title == "Renamed"));
    clear_ours();
}
