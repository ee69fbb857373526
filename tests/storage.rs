//! Browser tests of the storage adapter (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use followthrough::persist::{self, Stored};
use followthrough_core::{ActionItem, PostMortem, Severity, Workspace};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn sample() -> Workspace {
    let mut ws = Workspace::default();
    ws.postmortems.push(PostMortem {
        id: "PM-2026-0051".into(),
        title: "Payments outage — «ünïcode» 🚨".into(),
        severity: Severity::Sev1,
        action_items: vec![ActionItem {
            id: "PM-2026-0051-01".into(),
            title: "Add an alert on checkout error rate above 2% for 5 minutes".into(),
            owner: "Priya".into(),
            ..Default::default()
        }],
        ..Default::default()
    });
    ws
}

fn clear(key: &str) {
    persist::local_storage().unwrap().remove_item(key).unwrap();
}

#[wasm_bindgen_test]
fn nothing_stored_reads_as_nothing() {
    let key = "test.nothing";
    clear(key);
    assert_eq!(persist::read(key), Stored::Nothing);
}

#[wasm_bindgen_test]
fn round_trips_a_workspace() {
    let key = "test.round-trip";
    clear(key);
    let ws = sample();
    persist::write(key, &ws).unwrap();
    assert_eq!(persist::read(key), Stored::Found(Box::new(ws)));
}

#[wasm_bindgen_test]
fn unreadable_text_is_reported_with_its_raw_text_and_left_alone() {
    let key = "test.unreadable";
    let storage = persist::local_storage().unwrap();
    storage.set_item(key, "{\"postmortems\": [oops").unwrap();
    match persist::read(key) {
        Stored::Unreadable { raw, .. } => assert_eq!(raw, "{\"postmortems\": [oops"),
        other => panic!("expected Unreadable, got {other:?}"),
    }
    assert_eq!(
        storage.get_item(key).unwrap().as_deref(),
        Some("{\"postmortems\": [oops")
    );
}
