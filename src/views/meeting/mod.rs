//! The meeting view: one post-mortem's page, used live during the review on a projector. The
//! list comes first — the header folded into a summary line, then the items as a line or two
//! each, the quick-add line after them — with the quadrant board beside it (below it on narrow
//! screens), then the checks, related items and exports. The keyboard does the rest (`keys`).

mod board;
mod checks;
mod chips;
mod editor;
mod header;
mod item;
pub mod keys;
mod quick_add;
mod related;

pub use board::QuadrantBoard;
pub use chips::{ElementChips, PriorityBadge};
pub use related::RelatedPanel;

use followthrough_core::validator::{validate, Validation, ValidationContext};
use followthrough_core::ActionItem;
use leptos::prelude::*;

use crate::route::Route;
use crate::state::history::Target;
use crate::state::Derived;
use crate::state::Store;
use crate::web::focus::{focus_soon, in_item};

/// A handle on one item of one post-mortem that closures can copy.
#[derive(Clone, Copy)]
pub struct ItemHandle {
    pub store: Store,
    pub pm: StoredValue<String>,
    pub item: StoredValue<String>,
}

impl ItemHandle {
    pub fn new(store: Store, pm_id: String, item_id: String) -> ItemHandle {
        ItemHandle {
            store,
            pm: StoredValue::new(pm_id),
            item: StoredValue::new(item_id),
        }
    }

    pub fn edit(&self, field: &str, change: impl FnOnce(&mut ActionItem)) {
        self.store
            .edit_item(&self.pm.get_value(), &self.item.get_value(), field, change);
    }

    /// A keystroke in a text field (see [`Store::type_in_item`]).
    pub fn type_in(&self, field: &str, change: impl FnOnce(&mut ActionItem)) {
        self.store
            .type_in_item(&self.pm.get_value(), &self.item.get_value(), field, change);
    }

    /// The item as it is now, read without subscribing: what a change must start from.
    pub fn current(&self) -> Option<ActionItem> {
        self.store
            .peek_item(&self.pm.get_value(), &self.item.get_value())
    }

    pub fn id(&self) -> String {
        self.item.get_value()
    }
}

/// The submit handler of the meeting view's forms, which are never submitted. They exist because
/// Chromium's autofill re-reads every form control outside a `<form>` on each input event —
/// hundreds on a meeting page — while a control inside a form costs only its own form's controls.
pub fn never_submit(ev: leptos::ev::SubmitEvent) {
    ev.prevent_default();
}

/// One field of a record as its own memo. tachys sets a `prop:value` on every re-run, even to the
/// same value, so a control must re-run only when its own field changes — not on every keystroke
/// in the title (setting a `<select>`'s value costs the browser a full selectOption each time).
pub fn field<R, T>(
    record: Memo<Option<R>>,
    get: impl Fn(&R) -> T + Send + Sync + 'static,
) -> Memo<T>
where
    R: PartialEq + Send + Sync + 'static,
    T: PartialEq + Default + Send + Sync + 'static,
{
    Memo::new(move |_| record.with(|r| r.as_ref().map(&get).unwrap_or_default()))
}

/// Validates one item against the workspace's owners, settings and today. It reads derived
/// values only, so a row re-validates when its own item changes, not on every edit elsewhere.
pub fn validate_item(item: &ActionItem, derived: &Derived) -> Validation {
    let today = derived.today.get();
    derived.open_by_owner.with(|owners| {
        derived.settings.with(|settings| {
            let ctx = ValidationContext::for_item(item, item.priority, owners, today, settings);
            validate(item, &ctx)
        })
    })
}

#[component]
pub fn PostMortemPage(id: String) -> impl IntoView {
    let store = Store::from_context();
    let derived = Derived::from_context();
    let pm_id = StoredValue::new(id);
    // The page's outline: re-run when the post-mortem or its list of items changes, not on a
    // keystroke in an item.
    let exists = Memo::new(move |_| store.with_pm_outline(&pm_id.get_value(), |pm| pm.is_some()));
    let item_ids = Memo::new(move |_| {
        store.with_pm_outline(&pm_id.get_value(), |pm| {
            pm.map(|pm| {
                pm.action_items
                    .iter()
                    .map(|i| i.id.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
        })
    });
    // One validation per item, shared by the rows and the readiness line.
    let readiness = Memo::new(move |_| {
        store.with_pm(&pm_id.get_value(), |pm| {
            pm.map(|pm| {
                let ready = pm
                    .action_items
                    .iter()
                    .filter(|i| validate_item(i, &derived).is_ready())
                    .count();
                (ready, pm.action_items.len())
            })
            .unwrap_or_default()
        })
    });

    let m = keys::Meeting::provide(item_ids);
    keys::page_shortcuts(m);
    focus_after_undo(store, m, pm_id);
    let nudge =
        move |item_id: &str, key: &str| board::nudge(store, m, &pm_id.get_value(), item_id, key);

    move || {
        if !exists.get() {
            return view! {
                <section class="missing" data-testid="missing-postmortem">
                    <h2>"No such post-mortem"</h2>
                    <p>"It may have been deleted or never saved in this browser. "<a href=Route::List.href()>"Back to the list"</a></p>
                </section>
            }
            .into_any();
        }
        let id = pm_id.get_value();
        view! {
            <article class="meeting" data-testid="postmortem-page" data-pm-id=id.clone()>
                <header::PostMortemHeader pm_id=id.clone()/>
                <div class="meeting-body">
                    <section class="items" aria-labelledby="items-heading">
                        <div class="section-head">
                            <h3 id="items-heading">"Action items"</h3>
                            <p class="readiness" data-testid="readiness" aria-live="polite">
                                {move || { let (ready, total) = readiness.get(); format!("{ready} of {total} ready") }}
                            </p>
                            <button type="button" class="keys-button" data-testid="shortcuts" aria-keyshortcuts="?"
                                on:click=move |_| m.open_sheet()>"Keys (?)"</button>
                        </div>
                        <ol class="item-list" data-testid="item-list" aria-labelledby="items-heading"
                            on:keydown=move |ev| keys::row_keys(m, &ev, nudge)>
                            <For each=move || item_ids.get() key=|id| id.clone() let(item_id)>
                                <item::ItemRow handle=ItemHandle::new(store, pm_id.get_value(), item_id)/>
                            </For>
                        </ol>
                        <quick_add::QuickAdd pm_id=id.clone()/>
                    </section>
                    <div class="meeting-side">
                        <QuadrantBoard pm_id=id.clone()/>
                        <checks::ChecksPanel pm_id=id.clone()/>
                        <related::RelatedPanel pm_id=id.clone()/>
                        <crate::views::exchange::PostMortemExports pm_id=id.clone()/>
                    </div>
                </div>
                {keys::shortcut_sheet(m)}
            </article>
        }
        .into_any()
    }
}

/// After an undo or redo on this page, focus goes to what changed: the field of an edit (its
/// row opened), the card of a board move, the status moves of a status move, the row of an
/// item brought back; the quick-add line when the item is gone.
fn focus_after_undo(store: Store, m: keys::Meeting, pm_id: StoredValue<String>) {
    store.on_undo_redo(Some(std::rc::Rc::new(move |target: &Target| {
        if target.pm_id != pm_id.get_value() {
            return;
        }
        let id = target.item_id.as_str();
        if store.peek_item(&target.pm_id, id).is_none() {
            focus_soon(vec!["[data-testid=quick-title]".into()], false);
            return;
        }
        let row = in_item(id, "item-open");
        m.current.set(Some(id.to_string()));
        match target.field.as_deref() {
            Some("quadrant") => focus_soon(vec![board::card_selector(id), row], false),
            Some("status") => open_at(
                m,
                id,
                format!("{} .moves > .move", in_item(id, "status-control")),
            ),
            Some(name) => match editor_control(name) {
                Some(test_id) => open_at(m, id, in_item(id, test_id)),
                None => focus_soon(vec![row, in_item(id, "item-title")], false),
            },
            None => focus_soon(vec![row, in_item(id, "item-title")], false),
        }
    })));
    on_cleanup(move || store.on_undo_redo(None));
}

/// Opens a row's editor and focuses `selector` in it (its title when that is not there).
fn open_at(m: keys::Meeting, id: &str, selector: String) {
    m.editing.set(Some(id.to_string()));
    focus_soon(vec![selector, in_item(id, "item-title")], false);
}

/// The control of an item's editor that edits the field an undo step names.
fn editor_control(field: &str) -> Option<&'static str> {
    Some(match field {
        "title" => "item-title",
        "owner" => "item-owner",
        "category" => "item-category",
        "impact" => "item-impact",
        "effort" => "item-effort",
        "due date" => "item-due",
        "ticket" => "item-ticket",
        "description" => "item-description",
        "team" => "item-team",
        "tracker link" => "item-url",
        "tags" => "item-tags",
        "halves duration" => "item-halves",
        _ => return None,
    })
}
