//! Tests of the store's parts: the pure ones (undo history and its coalescing, what the next
//! save must write, which edits reach the people counts, an import's undo record), and an
//! action on two items being one undo step. Run in headless Chromium with the other browser
//! tests (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use followthrough::state::changes::{
    item_people_changed, only_title_changed, people_changed, workspace_changes,
};
use followthrough::state::history::{Change, History, Step, COALESCE_MS, MAX_STEPS};
use followthrough::state::{Dirty, SaveState, Store};
use followthrough::views::meeting::RelatedPanel;
use followthrough_core::{ActionItem, ItemStatus, Level, PostMortem, Workspace};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn item(id: &str, title: &str) -> ActionItem {
    ActionItem {
        id: id.into(),
        title: title.into(),
        owner: "Dana".into(),
        ..Default::default()
    }
}

fn postmortem(id: &str, title: &str, items: Vec<ActionItem>) -> PostMortem {
    PostMortem {
        id: id.into(),
        title: title.into(),
        action_items: items,
        ..Default::default()
    }
}

/// A workspace of one post-mortem with one item titled `title`.
fn one_item(title: &str) -> Workspace {
    Workspace {
        postmortems: vec![postmortem(
            "PM-2026-0001",
            "Checkout",
            vec![item("PM-2026-0001-01", title)],
        )],
        ..Default::default()
    }
}

fn title(ws: &Workspace) -> &str {
    &ws.postmortems[0].action_items[0].title
}

/// Retitles the one item of `ws`, recording it as a step keyed `key` at `at_ms`.
fn retitle(history: &mut History, ws: &mut Workspace, to: &str, key: Option<&str>, at_ms: f64) {
    let before = ws.postmortems[0].action_items[0].clone();
    ws.postmortems[0].action_items[0].title = to.into();
    history.record(Step {
        label: format!("title to {to}"),
        key: key.map(str::to_string),
        at_ms,
        changes: vec![Change::Item {
            pm_id: "PM-2026-0001".into(),
            index: 0,
            before: Some(before),
            after: Some(ws.postmortems[0].action_items[0].clone()),
        }],
    });
}

#[wasm_bindgen_test]
fn typing_in_one_field_in_quick_succession_is_one_undo_step() {
    let mut ws = one_item("Add");
    let mut history = History::default();
    let key = Some("PM-2026-0001-01/title");
    retitle(&mut history, &mut ws, "Add an", key, 0.0);
    retitle(&mut history, &mut ws, "Add an alert", key, COALESCE_MS);
    // One undo goes back past both keystrokes, one redo forward past both.
    assert_eq!(history.undo(&mut ws).as_deref(), Some("title to Add an"));
    assert_eq!(title(&ws), "Add");
    assert!(!history.can_undo());
    assert!(history.redo(&mut ws).is_some());
    assert_eq!(title(&ws), "Add an alert");
}

#[wasm_bindgen_test]
fn a_pause_another_field_or_an_unkeyed_edit_starts_a_new_step() {
    let mut ws = one_item("A");
    let mut history = History::default();
    let key = Some("PM-2026-0001-01/title");
    retitle(&mut history, &mut ws, "AB", key, 0.0);
    // After a pause longer than COALESCE_MS.
    retitle(&mut history, &mut ws, "ABC", key, COALESCE_MS + 1.0);
    // Another field of the item.
    retitle(
        &mut history,
        &mut ws,
        "ABCD",
        Some("PM-2026-0001-01/owner"),
        COALESCE_MS + 2.0,
    );
    // No key (an action, not typing): never merged, even at once.
    retitle(&mut history, &mut ws, "ABCDE", None, COALESCE_MS + 2.0);
    retitle(&mut history, &mut ws, "ABCDEF", None, COALESCE_MS + 2.0);
    for expected in ["ABCDE", "ABCD", "ABC", "AB", "A"] {
        assert!(history.undo(&mut ws).is_some());
        assert_eq!(title(&ws), expected);
    }
    assert!(!history.can_undo());
}

#[wasm_bindgen_test]
fn a_new_edit_ends_the_redo_branch_and_old_steps_are_forgotten() {
    let mut ws = one_item("0");
    let mut history = History::default();
    retitle(&mut history, &mut ws, "1", None, 0.0);
    history.undo(&mut ws);
    assert!(history.can_redo());
    retitle(&mut history, &mut ws, "2", None, 0.0);
    assert!(!history.can_redo());

    let mut history = History::default();
    for n in 1..=MAX_STEPS + 5 {
        retitle(&mut history, &mut ws, &n.to_string(), None, 0.0);
    }
    let mut undone = 0;
    while history.undo(&mut ws).is_some() {
        undone += 1;
    }
    assert_eq!(undone, MAX_STEPS);
    // The oldest steps are gone: undo stops at what the first kept step started from.
    assert_eq!(title(&ws), "5");
}

#[wasm_bindgen_test]
fn the_next_save_writes_what_changed_and_everything_after_a_change_of_all() {
    let mut dirty = Dirty::Clean;
    assert!(!dirty.includes("PM-2026-0001"));
    dirty.mark("PM-2026-0001");
    dirty.mark("PM-2026-0002");
    dirty.mark("PM-2026-0001");
    assert!(dirty.includes("PM-2026-0001") && dirty.includes("PM-2026-0002"));
    assert!(!dirty.includes("PM-2026-0003"));
    assert_eq!(
        dirty,
        Dirty::Some(["PM-2026-0001", "PM-2026-0002"].map(String::from).into())
    );
    let mut all = Dirty::All;
    all.mark("PM-2026-0001");
    assert_eq!(all, Dirty::All);
    assert!(all.includes("anything"));
}

#[wasm_bindgen_test]
fn owners_statuses_facilitators_and_the_set_of_items_reach_the_people_counts() {
    let before = item("PM-2026-0001-01", "Add an alert");
    let edited = |change: fn(&mut ActionItem)| {
        let mut after = before.clone();
        change(&mut after);
        after
    };
    assert!(item_people_changed(
        &before,
        &edited(|i| i.owner = "Lee".into())
    ));
    assert!(item_people_changed(
        &before,
        &edited(|i| i.status = ItemStatus::Closed)
    ));
    assert!(!item_people_changed(
        &before,
        &edited(|i| i.title.push_str(" on queue depth"))
    ));
    assert!(!item_people_changed(
        &before,
        &edited(|i| i.effort = Level::new(4).unwrap())
    ));

    let pm = postmortem("PM-2026-0001", "Checkout", vec![before.clone()]);
    let changed = |change: fn(&mut PostMortem)| {
        let mut after = pm.clone();
        change(&mut after);
        people_changed(&pm, &after)
    };
    assert!(changed(|p| p.facilitator = "Priya".into()));
    assert!(changed(|p| p
        .action_items
        .push(item("PM-2026-0001-02", "More"))));
    assert!(changed(|p| p.action_items.clear()));
    assert!(changed(|p| p.action_items[0].owner = "Lee".into()));
    assert!(!changed(|p| p.title = "Checkout outage".into()));
    assert!(!changed(|p| p.action_items[0].title = "Retitled".into()));
}

#[wasm_bindgen_test]
fn a_change_of_the_title_alone_is_told_apart_from_one_of_more() {
    let before = item("PM-2026-0001-01", "Add an alert");
    let mut retitled = before.clone();
    retitled.title.push_str(" on queue depth");
    retitled.updated_at = chrono::DateTime::from_timestamp(1_778_580_000, 0);
    assert!(only_title_changed(&before, &retitled));
    let mut more = retitled.clone();
    more.owner = "Lee".into();
    assert!(!only_title_changed(&before, &more));
    let mut untitled = before.clone();
    untitled.team = "Payments".into();
    assert!(!only_title_changed(&before, &untitled));
}

#[wasm_bindgen_test]
fn undoing_an_import_gives_the_workspace_back_as_it_was() {
    let old = Workspace {
        postmortems: vec![
            postmortem("PM-2026-0001", "Kept", vec![]),
            postmortem("PM-2026-0002", "Changed", vec![]),
            postmortem("PM-2026-0003", "Removed", vec![]),
        ],
        ..Default::default()
    };
    let mut next = old.clone();
    next.postmortems.remove(2);
    next.postmortems[1].title = "Changed by the file".into();
    next.postmortems
        .insert(0, postmortem("PM-2026-0004", "Added", vec![]));
    next.settings.review.owner_capacity += 1;
    let changes = workspace_changes(&old, &next);
    // Removed, added, changed and the settings: nothing for the unchanged post-mortem.
    assert_eq!(changes.len(), 4);
    let mut ws = next.clone();
    let mut history = History::default();
    history.record(Step {
        label: "import".into(),
        key: None,
        at_ms: 0.0,
        changes,
    });
    history.undo(&mut ws);
    assert_eq!(ws, old);
    history.redo(&mut ws);
    assert_eq!(ws, next);
}

/// Waits for the browser to apply what the last change rendered.
async fn tick() {
    leptos::task::tick().await;
}

/// Linking a related item changes both items, in two post-mortems, as one undo step: one undo
/// unlinks both.
#[wasm_bindgen_test]
async fn linking_two_items_is_one_undo_step() {
    const HERE: (&str, &str) = ("PM-2026-0002", "PM-2026-0002-01");
    const THERE: (&str, &str) = ("PM-2026-0001", "PM-2026-0001-01");
    let title = "Add an alert on checkout gateway timeouts";
    let ws = Workspace {
        postmortems: vec![
            postmortem(THERE.0, "Checkout outage", vec![item(THERE.1, title)]),
            postmortem(HERE.0, title, vec![item(HERE.1, title)]),
        ],
        ..Default::default()
    };
    let store = Store::new(ws, SaveState::InMemory("test".into()));
    let document = web_sys::window().unwrap().document().unwrap();
    let root: web_sys::HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(store);
        view! { <RelatedPanel pm_id=HERE.0.to_string()/> }
    });
    tick().await;
    let links = |(pm, id): (&str, &str)| store.peek_item(pm, id).unwrap().linked_items;
    let row = root
        .query_selector(&format!(
            "[data-testid=related-item][data-item-id=\"{}\"]",
            THERE.1
        ))
        .unwrap()
        .expect("the other post-mortem's item is offered as related");
    let button: web_sys::HtmlElement = row
        .query_selector("[data-testid=related-link]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    button.click();
    tick().await;
    assert_eq!(links(HERE), vec![THERE.1.to_string()]);
    assert_eq!(links(THERE), vec![HERE.1.to_string()]);
    assert!(root
        .query_selector("[data-testid=related-linked]")
        .unwrap()
        .is_some());

    store.undo();
    tick().await;
    assert!(links(HERE).is_empty());
    assert!(links(THERE).is_empty());
    assert!(!store.can_undo.get_untracked(), "one step, undone");
    store.redo();
    assert_eq!(links(HERE), vec![THERE.1.to_string()]);
    assert_eq!(links(THERE), vec![HERE.1.to_string()]);
}

/// An undo or redo tells the page on screen what it changed — the item, and the field of a
/// field's edit — so that focus can go there; a step over the whole workspace tells nothing.
/// The notice of an action closes at the next edit.
#[wasm_bindgen_test]
fn undo_and_redo_tell_the_page_which_item_and_field_changed() {
    use followthrough::state::history::Target;
    use std::cell::RefCell;
    use std::rc::Rc;
    const PM: &str = "PM-2026-0001";
    const ID: &str = "PM-2026-0001-01";
    let store = Store::new(one_item("Add an alert"), SaveState::InMemory("test".into()));
    let told: Rc<RefCell<Vec<Target>>> = Rc::default();
    let log = told.clone();
    store.on_undo_redo(Some(Rc::new(move |t: &Target| {
        log.borrow_mut().push(t.clone())
    })));
    let field = |field: Option<&str>| Target {
        pm_id: PM.into(),
        item_id: ID.into(),
        field: field.map(str::to_string),
    };

    store.edit_item(PM, ID, "impact", |i| i.impact = Level::new(4).unwrap());
    store.undo();
    store.redo();
    assert_eq!(
        *told.borrow(),
        vec![field(Some("impact")), field(Some("impact"))]
    );

    // A deleted item brought back: the item, no field. The deletion's notice stays until the
    // next edit closes it.
    store.delete_item(PM, ID);
    assert!(store
        .notice
        .get_untracked()
        .is_some_and(|n| n.starts_with("Deleted")));
    store.undo();
    assert_eq!(told.borrow().last(), Some(&field(None)));
    store.edit_item(PM, ID, "owner", |i| i.owner = "Priya Raman".into());
    assert_eq!(
        store.notice.get_untracked(),
        None,
        "the next edit closes the notice"
    );

    // An import replaces the workspace: nothing to point at.
    told.borrow_mut().clear();
    store.replace_workspace(one_item("Imported"), "import");
    store.undo();
    assert!(told.borrow().is_empty());

    // Without a page listening, undo still works.
    store.on_undo_redo(None);
    store.redo();
    assert_eq!(store.peek_item(PM, ID).unwrap().title, "Imported");
}

/// A roster edit reaches every view (each owner check reads it) but the next save rewrites only
/// the index, which holds the settings, not every stored post-mortem.
#[wasm_bindgen_test]
fn a_roster_edit_rewrites_only_the_index() {
    let store = Store::new(one_item("Add an alert"), SaveState::InMemory("test".into()));
    assert_eq!(store.unsaved(), Dirty::Clean);
    store.edit_people("add 1 person to the roster", |people| {
        people.push("Ana Smith <ana@corp.example>".into())
    });
    assert_eq!(store.unsaved(), Dirty::Some(Default::default()));
    assert_eq!(
        store.peek_workspace(|ws| ws.settings.people.clone()),
        vec!["Ana Smith <ana@corp.example>".to_string()]
    );
    // Its undo is the same kind of change: still only the index.
    store.undo();
    assert_eq!(store.unsaved(), Dirty::Some(Default::default()));
}

/// Undoing or redoing one item's edit rewrites that item's post-mortem only, as the edit did
/// (a save in memory never clears what is unsaved, so any wider mark would show).
#[wasm_bindgen_test]
fn undo_rewrites_only_what_the_step_changed() {
    const PM: &str = "PM-2026-0001";
    const ID: &str = "PM-2026-0001-01";
    let store = Store::new(one_item("Add an alert"), SaveState::InMemory("test".into()));
    let owner = store.peek_item(PM, ID).unwrap().owner;
    store.edit_item(PM, ID, "owner", |i| i.owner = "Priya Raman".into());
    let only_its_postmortem = Dirty::Some([PM.to_string()].into());
    assert_eq!(store.unsaved(), only_its_postmortem);
    store.undo();
    assert_eq!(store.peek_item(PM, ID).unwrap().owner, owner);
    assert_eq!(store.unsaved(), only_its_postmortem);
    store.redo();
    assert_eq!(store.peek_item(PM, ID).unwrap().owner, "Priya Raman");
    assert_eq!(store.unsaved(), only_its_postmortem);
}
