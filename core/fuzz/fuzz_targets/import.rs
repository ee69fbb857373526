//! Fuzzes the importer: any bytes, read as UTF-8 (lossily), go through `read_import`; whatever
//! it accepts goes through `preview` and both kinds of `apply` against a small workspace and an
//! empty one, and the result is exported again. Nothing may panic.
//!
//! Run from `core/`: `cargo +nightly fuzz run import`.

#![no_main]

use followthrough_core::exchange::{
    apply, export_workspace_json, preview, read_import, ConflictRule, Mode,
};
use followthrough_core::model::{ActionItem, PostMortem, Workspace};
use libfuzzer_sys::fuzz_target;

fn current() -> Workspace {
    Workspace {
        postmortems: vec![PostMortem {
            id: "PM-2026-0001".into(),
            title: "Checkout outage".into(),
            action_items: vec![ActionItem {
                id: "PM-2026-0001-01".into(),
                title: "Add an alert on checkout errors above 2%".into(),
                ..Default::default()
            }],
            ..Default::default()
        }],
        ..Default::default()
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(incoming) = read_import(&text) else {
        return;
    };
    for ws in [Workspace::default(), current()] {
        let _ = preview(&ws, &incoming);
        for mode in [Mode::Merge, Mode::Replace] {
            for rule in [ConflictRule::KeepWorkspace, ConflictRule::TakeFile] {
                let result = apply(&ws, &incoming, mode, rule);
                // What was imported exports and reads back.
                let again = read_import(&export_workspace_json(&result));
                assert!(again.is_ok(), "{:?}", again.err());
            }
        }
    }
});
