//! One action item as a row of the list: a line or two — its title, then its priority,
//! quadrant, owner, due date, ticket and five-element check — that opens into its editor on
//! Enter or a click, one row at a time. Escape (or Enter in the title) closes it again.

use chrono::Datelike;
use followthrough_core::drafting;
use followthrough_core::scoring::quadrant;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::chips::{ElementChips, PriorityBadge};
use super::editor::{item_fields, more_fields, title_field};
use super::keys::Meeting;
use super::{field, validate_item, ItemHandle};
use crate::state::Derived;
use crate::ui::badges::StatusBadge;
use crate::views::tracking::{EscalationPanel, HistoryTimeline, StatusControl};
use crate::web::focus::{focus_soon, in_item};

/// Month names for a due date (chrono's formatting costs more download than twelve words).
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

#[component]
pub fn ItemRow(handle: ItemHandle) -> impl IntoView {
    let store = handle.store;
    let derived = Derived::from_context();
    let m = Meeting::from_context();
    // The row follows its own item (and its post-mortem's changes as a whole), never another
    // item's keystrokes. Two copies: the whole item for the title and the check, which follow
    // every keystroke, and one that does not follow the title for the rest of the row — so a
    // keystroke in the title wakes the title and the chips, not every control of the row.
    // Changes start from the item read afresh (`handle.current()`), never from `rest`.
    let item =
        Memo::new(move |_| store.watch_item(&handle.pm.get_value(), &handle.item.get_value()));
    let rest = Memo::new(move |_| {
        store.watch_item_but_title(&handle.pm.get_value(), &handle.item.get_value())
    });
    let pm_meta = Memo::new(move |_| {
        store.with_pm_for_item(&handle.pm.get_value(), &handle.item.get_value(), |pm| {
            pm.map(|pm| (pm.severity, pm.status)).unwrap_or_default()
        })
    });
    let severity = Signal::derive(move || pm_meta.get().0);
    let in_meeting = Memo::new(move |_| drafting::in_meeting(pm_meta.get().1));
    let validation =
        Memo::new(move |_| item.with(|i| i.as_ref().map(|i| validate_item(i, &derived))));
    let quadrant_name = move || {
        rest.with(|i| {
            i.as_ref().map(|i| {
                derived
                    .settings
                    .with(|s| quadrant(i.impact, i.effort, &s.scoring).name())
            })
        })
    };
    let title = field(item, |i| i.title.clone());
    let status =
        Signal::derive(move || rest.with(|i| i.as_ref().map(|i| i.status).unwrap_or_default()));
    let id = handle.id();
    // Derived, not memos: a comparison per row when the open row changes costs less than a memo.
    let is_open = Signal::derive(move || {
        m.editing
            .with(|e| e.as_deref() == Some(handle.id().as_str()))
    });
    let tab_stop = Signal::derive(move || {
        m.tab_row
            .with(|t| t.as_deref() == Some(handle.id().as_str()))
    });

    // "Sam Okafor · due 6 Dec · PAY-1234": one text, so that the row is one line more often.
    let meta_text = move || {
        rest.with(|i| {
            let Some(i) = i else { return String::new() };
            let mut parts = vec![if i.owner.trim().is_empty() {
                "no owner".to_string()
            } else {
                i.owner.clone()
            }];
            if let Some(d) = i.due_date {
                let year = if derived.today.with(|t| t.year() == d.year()) {
                    String::new()
                } else {
                    format!(" {}", d.year())
                };
                parts.push(format!(
                    "due {} {}{year}",
                    d.day(),
                    MONTHS[d.month0() as usize]
                ));
            }
            parts.push(i.tracking_ticket.clone());
            parts.retain(|p| !p.is_empty());
            parts.join(" · ")
        })
    };
    // A click on the row opens it: not on its badge or chips, which explain themselves, nor in
    // its editor (a click there, as on Delete, may have just closed it).
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if is_open.get_untracked() {
            return;
        }
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| {
                e.closest(".priority-wrap, .chips, .item-editor")
                    .ok()
                    .flatten()
            })
            .is_some();
        if !inside {
            m.open_row(&handle.id());
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && is_open.get_untracked() {
            m.close_row(&handle.id());
        }
    };
    // Focus goes to the item that takes the deleted one's place (the one before it when it was
    // last; the quick-add line when none is left).
    let delete = move || {
        let (pm_id, item_id) = (handle.pm.get_value(), handle.id());
        let next = store.peek_pm(&pm_id, |pm| {
            let ids: Vec<&str> = pm
                .map(|pm| pm.action_items.iter().map(|i| i.id.as_str()).collect())
                .unwrap_or_default();
            let at = ids.iter().position(|i| *i == item_id)?;
            ids.get(at + 1)
                .or(at.checked_sub(1).and_then(|b| ids.get(b)))
                .map(|n| n.to_string())
        });
        store.delete_item(&pm_id, &item_id);
        m.editing.set(None);
        match next {
            Some(next) => {
                m.current.set(Some(next.clone()));
                focus_soon(vec![in_item(&next, "item-open")], false);
            }
            None => focus_soon(vec!["[data-testid=quick-title]".into()], false),
        }
    };

    // The editor is always there, hidden while the row is closed: showing it is a class, not a
    // rebuild (a view made and remade on a switch costs more code than the app can carry).
    view! {
        <li class="action-item" data-testid="action-item" data-item-id=id.clone()
            class:is-ready=move || validation.with(|v| v.as_ref().is_some_and(|v| v.is_ready()))
            class:is-open=move || is_open.get()
            on:click=on_click on:keydown=on_key>
            <button type="button" class="item-open" data-testid="item-open" aria-expanded="false"
                tabindex=move || if tab_stop.get() { "0" } else { "-1" }
                on:focus=move |_| if m.current.with_untracked(|c| c.as_deref() != Some(handle.id().as_str())) { m.current.set(Some(handle.id())) }>
                // Hidden while open: then it does not follow the keystrokes, the text area does.
                {move || (!is_open.get()).then(|| title.get())}
            </button>
            <div class="item-editor">
                {title_field(handle, title)}
                {item_fields(handle, rest, Signal::derive(move || pm_meta.get().1))}
            </div>
            <div class="item-meta">
                <PriorityBadge item=rest severity=severity tab_stop=is_open/>
                <span class="quadrant-name" data-testid="quadrant">{quadrant_name}</span>
                <span class="meta-text">{meta_text}</span>
                {move || (!in_meeting.get()).then(|| view! { <StatusBadge status=status/> })}
                <ElementChips item_id=id.clone() validation=validation tab_stop=is_open/>
            </div>
            <div class="item-editor item-actions">
                <span class="item-id">{handle.id()}</span>
                {more_fields(handle, rest)}
                <EscalationPanel handle=handle item=rest/>
                <HistoryTimeline item=rest/>
                <button type="button" class="delete" data-testid="delete-item"
                    aria-label=format!("Delete {}", handle.id())
                    on:click=move |_| delete()>
                    "Delete"
                </button>
            </div>
            // While drafting, an item has no status moves: nothing has started.
            <div class="item-editor" class:drafting=move || in_meeting.get()>
                <StatusControl handle=handle item=rest/>
            </div>
        </li>
    }
}
