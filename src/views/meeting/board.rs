//! The quadrant board (impact × effort). Moving a card, by drag or by keyboard, changes the
//! item's impact or effort to the nearest value that puts it there, and says what changed.

use followthrough_core::scoring::{move_to_quadrant, quadrant, Quadrant};
use followthrough_core::Priority;
use leptos::prelude::*;

use super::keys::Meeting;
use crate::state::Store;
use crate::ui::badges::priority_class;
use crate::web::focus;

const ORDER: [Quadrant; 4] = [
    Quadrant::QuickWins,
    Quadrant::MajorProjects,
    Quadrant::FillIns,
    Quadrant::Reconsider,
];

fn slug(q: Quadrant) -> &'static str {
    match q {
        Quadrant::QuickWins => "quick-wins",
        Quadrant::MajorProjects => "major-projects",
        Quadrant::FillIns => "fill-ins",
        Quadrant::Reconsider => "reconsider",
    }
}

/// The quadrant an arrow key moves a card to: up/down changes impact, left/right effort.
fn neighbour(from: Quadrant, key: &str) -> Option<Quadrant> {
    let (high_impact, high_effort) = (from.high_impact(), from.high_effort());
    let (i, e) = match key {
        "ArrowUp" => (true, high_effort),
        "ArrowDown" => (false, high_effort),
        "ArrowLeft" => (high_impact, false),
        "ArrowRight" => (high_impact, true),
        _ => return None,
    };
    let to = Quadrant::from_axes(i, e);
    (to != from).then_some(to)
}

#[derive(Clone, PartialEq)]
struct Card {
    id: String,
    title: String,
    priority: Priority,
    quadrant: Quadrant,
}

/// Moves an item to the quadrant `target` (its impact or effort to the nearest value that puts
/// it there) and says what changed in the board's announcement.
fn move_item(
    store: Store,
    announce: RwSignal<String>,
    pm_id: &str,
    item_id: &str,
    target: Quadrant,
) {
    let Some(item) = store.peek_item(pm_id, item_id) else {
        return;
    };
    let scoring = store.peek_workspace(|ws| ws.settings.scoring.clone());
    let (impact, effort, change) = move_to_quadrant(item.impact, item.effort, target, &scoring);
    let said = match change {
        Some(change) => {
            store.edit_item(pm_id, item_id, "quadrant", |i| {
                i.impact = impact;
                i.effort = effort;
            });
            format!("Moved {item_id} to {}: {change}.", target.name())
        }
        None => format!("{item_id} is already in {}.", target.name()),
    };
    announce.set(said);
}

/// Shift+arrow on a row: its card moves one quadrant that way. Returns whether the key was one.
pub fn nudge(store: Store, m: Meeting, pm_id: &str, item_id: &str, key: &str) -> bool {
    if !key.starts_with("Arrow") {
        return false;
    }
    let Some(item) = store.peek_item(pm_id, item_id) else {
        return false;
    };
    let from = store.peek_workspace(|ws| quadrant(item.impact, item.effort, &ws.settings.scoring));
    match neighbour(from, key) {
        Some(to) => move_item(store, m.announcement, pm_id, item_id, to),
        None => m
            .announcement
            .set(format!("{item_id} is already in {}.", from.name())),
    }
    true
}

#[component]
pub fn QuadrantBoard(pm_id: String) -> impl IntoView {
    let store = Store::from_context();
    // The page's announcement, which a row's Shift+arrow uses too (the board's own alone).
    let announce = use_context::<Meeting>()
        .map(|m| m.announcement)
        .unwrap_or_else(|| RwSignal::new(String::new()));
    let pm_id = StoredValue::new(pm_id);
    // The board follows typed titles once typing pauses; moves and other changes at once.
    let cards = Memo::new(move |_| {
        let scoring = store.with_settings(|s| s.scoring.clone());
        store.with_pm_settled(&pm_id.get_value(), |pm| {
            pm.map(|pm| {
                pm.action_items
                    .iter()
                    .map(|i| Card {
                        id: i.id.clone(),
                        title: i.title.clone(),
                        priority: i.priority,
                        quadrant: quadrant(i.impact, i.effort, &scoring),
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
        })
    });

    let move_card = move |item_id: String, target: Quadrant| {
        move_item(store, announce, &pm_id.get_value(), &item_id, target);
        // Keep keyboard focus on the moved card.
        focus_card(&item_id);
    };

    let zones = ORDER
        .into_iter()
        .map(|q| {
            let in_zone = Memo::new(move |_| cards.with(|cs| cs.iter().filter(|c| c.quadrant == q).cloned().collect::<Vec<_>>()));
            view! {
                <section
                    class=format!("zone zone-{}", slug(q))
                    data-testid="board-zone"
                    data-quadrant=slug(q)
                    aria-label=q.name()
                    on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                    on:drop=move |ev: leptos::ev::DragEvent| {
                        ev.prevent_default();
                        if let Some(id) = ev.data_transfer().and_then(|d| d.get_data("text/plain").ok()) {
                            move_card(id, q);
                        }
                    }
                >
                    <h4>{q.name()}<small>{q.advice()}</small></h4>
                    <ul>
                        <For each=move || in_zone.get() key=|c| c.id.clone() let(card)>
                            <li
                                class="card"
                                data-testid="board-card"
                                data-item-id=card.id.clone()
                                draggable="true"
                                tabindex="0"
                                aria-keyshortcuts="ArrowUp ArrowDown ArrowLeft ArrowRight"
                                title="Drag, or use the arrow keys: up/down for impact, left/right for effort"
                                on:dragstart={
                                    let id = card.id.clone();
                                    move |ev: leptos::ev::DragEvent| {
                                        if let Some(dt) = ev.data_transfer() {
                                            let _ = dt.set_data("text/plain", &id);
                                        }
                                    }
                                }
                                on:keydown={
                                    let id = card.id.clone();
                                    move |ev: leptos::ev::KeyboardEvent| {
                                        if let Some(to) = neighbour(q, &ev.key()) {
                                            ev.prevent_default();
                                            move_card(id.clone(), to);
                                        }
                                    }
                                }
                            >
                                {
                                    // Keyed by id: typing in a title updates the card's text
                                    // instead of replacing the card.
                                    let id = card.id.clone();
                                    let live = Memo::new(move |_| cards.with(|cs| {
                                        cs.iter().find(|c| c.id == id).map(|c| (c.title.clone(), c.priority))
                                    }));
                                    let priority = move || live.with(|l| l.as_ref().map(|(_, p)| *p).unwrap_or_default());
                                    view! {
                                        <span class=move || priority_class(priority())>{move || priority().as_str()}</span>
                                        " "{move || live.with(|l| l.as_ref().map(|(t, _)| t.clone()).unwrap_or_default())}
                                    }
                                }
                            </li>
                        </For>
                    </ul>
                </section>
            }
        })
        .collect_view();

    view! {
        <section class="board" data-testid="quadrant-board" aria-labelledby="board-heading" tabindex="-1">
            <h3 id="board-heading">"Quadrant board"</h3>
            <p class="muted board-hint">"Impact up, effort right. Drag a card or use its arrow keys; on a row, Shift+arrows."</p>
            <div class="board-grid">{zones}</div>
            <p class="board-announce" data-testid="board-announce" aria-live="polite">{move || announce.get()}</p>
        </section>
    }
}

/// A CSS selector for an item's card.
pub fn card_selector(item_id: &str) -> String {
    format!(
        "[data-testid=board-card][data-item-id=\"{}\"]",
        item_id.replace(['"', '\\'], "")
    )
}

/// The card is re-rendered in its new zone; focus it there.
fn focus_card(item_id: &str) {
    focus::focus_soon(vec![card_selector(item_id)], false);
}
