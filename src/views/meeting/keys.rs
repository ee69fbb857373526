//! The meeting page's keyboard: which row edits and which holds the list's one Tab stop, the
//! shortcuts (Alt+A add, Alt+I items, Alt+Q board, Alt+C checks), arrows and j/k between rows,
//! and the sheet behind "?" that lists them — where the single-character ones can be turned off
//! (WCAG 2.1.4), a choice remembered in this browser.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::web::focus::{self, in_item};
use crate::web::local_storage;

/// The localStorage key of the single-character shortcuts' switch ("0": off).
const SINGLE_KEYS_KEY: &str = "followthrough.single-keys";

/// The meeting page's shared state, in context.
#[derive(Clone, Copy)]
pub struct Meeting {
    /// The row whose editor is open: one at a time.
    pub editing: RwSignal<Option<String>>,
    /// The row last moved to: it holds the list's one Tab stop (the first row until then).
    pub current: RwSignal<Option<String>>,
    /// The row with the Tab stop: `current` while it exists, else the first.
    pub tab_row: Memo<Option<String>>,
    /// What the board last did (a move from the board or from a row).
    pub announcement: RwSignal<String>,
    /// Whether "?", j and k act (they never do in a field that takes text).
    pub single_keys: RwSignal<bool>,
}

impl Meeting {
    /// The page's state over its rows (`item_ids`, in order), put in context.
    pub fn provide(item_ids: Memo<Vec<String>>) -> Meeting {
        let current = RwSignal::new(None::<String>);
        let single_keys = local_storage::preference(SINGLE_KEYS_KEY).is_none_or(|v| v != "0");
        let meeting = Meeting {
            editing: RwSignal::new(None),
            current,
            tab_row: Memo::new(move |_| {
                item_ids.with(|ids| {
                    current
                        .get()
                        .filter(|c| ids.contains(c))
                        .or_else(|| ids.first().cloned())
                })
            }),
            announcement: RwSignal::new(String::new()),
            single_keys: RwSignal::new(single_keys),
        };
        provide_context(meeting);
        meeting
    }

    pub fn from_context() -> Meeting {
        expect_context::<Meeting>()
    }

    /// Opens a row's editor (closing any other) with the caret at the end of its title.
    pub fn open_row(&self, id: &str) {
        self.current.set(Some(id.to_string()));
        self.editing.set(Some(id.to_string()));
        focus::focus_soon(vec![in_item(id, "item-title")], true);
    }

    /// Closes a row's editor; focus goes back to its line.
    pub fn close_row(&self, id: &str) {
        if self.editing.with_untracked(|e| e.as_deref() == Some(id)) {
            self.editing.set(None);
        }
        focus::focus_soon(vec![in_item(id, "item-open")], false);
    }

    /// Moves the list's Tab stop to a row and focuses it (its title while it is open).
    pub fn focus_row(&self, id: &str) {
        if self.current.with_untracked(|c| c.as_deref() != Some(id)) {
            self.current.set(Some(id.to_string()));
        }
        if !focus::focus_now(&in_item(id, "item-open"), false) {
            focus::focus_now(&in_item(id, "item-title"), true);
        }
    }

    /// The row that holds the Tab stop, focused (Alt+I).
    pub fn focus_items(&self) {
        match self.tab_row.get_untracked() {
            Some(id) => self.focus_row(&id),
            None => {
                focus::focus_now("[data-testid=quick-title]", false);
            }
        }
    }

    /// The board: the card of the current row, else the first card, else the board itself.
    pub fn focus_board(&self) {
        let on_current = self
            .tab_row
            .get_untracked()
            .is_some_and(|id| focus::focus_now(&super::board::card_selector(&id), false));
        if !on_current && !focus::focus_now("[data-testid=board-card]", false) {
            focus::focus_now("[data-testid=quadrant-board]", false);
        }
    }

    pub fn open_sheet(&self) {
        if let Some(sheet) = sheet() {
            if !sheet.open() {
                let _ = sheet.show_modal();
            }
        }
    }

    fn set_single_keys(&self, on: bool) {
        self.single_keys.set(on);
        local_storage::set_preference(SINGLE_KEYS_KEY, if on { "1" } else { "0" });
    }
}

/// The page's shortcuts, while the page is shown: Alt+A, Alt+I, Alt+Q and Alt+C anywhere (by
/// the key's place, so a Mac's Option+letter character does not matter), "?" outside fields.
pub fn page_shortcuts(m: Meeting) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.alt_key() && !ev.ctrl_key() && !ev.meta_key() && !ev.shift_key() {
            match ev.code().as_str() {
                "KeyA" => {
                    focus::focus_now("[data-testid=quick-title]", true);
                }
                "KeyI" => m.focus_items(),
                "KeyQ" => m.focus_board(),
                "KeyC" => {
                    focus::focus_now("[data-testid=checks-panel]", false);
                }
                _ => return,
            }
            ev.prevent_default();
        } else if ev.key() == "?"
            && !ev.ctrl_key()
            && !ev.meta_key()
            && !ev.alt_key()
            && m.single_keys.get_untracked()
            && !focus::types_text(ev.target())
        {
            ev.prevent_default();
            m.open_sheet();
        }
    });
    on_cleanup(move || handle.remove());
}

/// Arrows (and j/k) between rows, Home and End, on a row's line; Shift+arrows move its card
/// (see `board::nudge`).
pub fn row_keys(m: Meeting, ev: &leptos::ev::KeyboardEvent, nudge: impl Fn(&str, &str) -> bool) {
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if target.get_attribute("data-testid").as_deref() != Some("item-open") {
        return;
    }
    let Some(row) = target.closest("[data-testid=action-item]").ok().flatten() else {
        return;
    };
    let key = ev.key();
    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return;
    }
    if ev.shift_key() {
        if let Some(id) = row.get_attribute("data-item-id") {
            if nudge(&id, &key) {
                ev.prevent_default();
            }
        }
        return;
    }
    let single = m.single_keys.get_untracked();
    let to = match key.as_str() {
        "ArrowDown" => row.next_element_sibling(),
        "j" if single => row.next_element_sibling(),
        "ArrowUp" => row.previous_element_sibling(),
        "k" if single => row.previous_element_sibling(),
        "Home" => row.parent_element().and_then(|l| l.first_element_child()),
        "End" => row.parent_element().and_then(|l| l.last_element_child()),
        _ => return,
    };
    ev.prevent_default();
    if let Some(id) = to.and_then(|r| r.get_attribute("data-item-id")) {
        m.focus_row(&id);
    }
}

/// The sheet behind "?": every key of the page, and the switch for the single-character ones.
pub fn shortcut_sheet(m: Meeting) -> impl IntoView {
    let keys: [(&str, &str); 12] = [
        (
            "Alt+A",
            "Add an item: the quick-add line (Tab between its fields, Enter adds)",
        ),
        ("Alt+I", "Items: the list, at the row you were on"),
        ("Alt+Q", "Quadrant board: the card of that row"),
        ("Alt+C", "Post-mortem checks"),
        (
            "↓ ↑ or j k",
            "Next or previous row (Home, End: first, last)",
        ),
        ("Enter", "Edit the row; in its title, done"),
        ("Escape", "Leave the editor; close the notice or a popover"),
        (
            "Shift+Arrow",
            "Move the row's card on the board (↑↓ impact, ←→ effort)",
        ),
        ("Arrows on a card", "Move the card"),
        (
            "← → on the checks",
            "From one of the five elements to the next",
        ),
        ("Ctrl+Z, Ctrl+Shift+Z", "Undo, redo"),
        ("?", "This sheet"),
    ];
    let close = move || {
        if let Some(sheet) = sheet() {
            sheet.close();
        }
    };
    view! {
        <dialog class="shortcut-sheet" data-testid="shortcut-sheet" aria-labelledby="keys-heading">
            <h2 id="keys-heading">"Keyboard"</h2>
            <dl class="keys">
                {keys.into_iter().map(|(key, what)| view! { <dt><kbd>{key}</kbd></dt><dd>{what}</dd> }).collect_view()}
            </dl>
            <label class="field field-check">
                <input type="checkbox" data-testid="single-keys" prop:checked=move || m.single_keys.get()
                    on:change=move |ev| m.set_single_keys(event_target_checked(&ev))/>
                "Single-key shortcuts (? j k); arrows and Alt keys always work"
            </label>
            <p><button type="button" on:click=move |_| close()>"Close"</button></p>
        </dialog>
    }
}

/// The page's shortcut sheet (a `<dialog>`), when it is there.
fn sheet() -> Option<web_sys::HtmlDialogElement> {
    focus::find("[data-testid=shortcut-sheet]")?.dyn_into().ok()
}
