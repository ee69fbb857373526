//! An item's status after the meeting (DOMAIN.md §7): its status, the moves the core allows,
//! a small form for what a move needs, the core's refusal word for word, the item's history
//! timeline, its wins (later incidents it caught or prevented) and, for a systemic item, its
//! escalation.
//!
//! Every rule is the core's: the buttons come from `lifecycle::allowed_moves`, a move is made
//! by `lifecycle::apply`, a win by `lifecycle::record_win`. The UI only gathers the fields.

mod escalation;
mod moves;
mod timeline;
mod wins;

pub use timeline::HistoryTimeline;

use followthrough_core::lifecycle::{allowed_moves, apply, MoveKind};
use followthrough_core::{ActionItem, ItemStatus};
use leptos::prelude::*;

use crate::views::meeting::ItemHandle;
use crate::web::clock;
use crate::web::focus::{focus_soon, in_item};
pub use escalation::EscalationPanel;
use moves::{move_form, needs_form, MoveForm};
use wins::WinsPanel;

/// The status of one item, its moves and their forms. `item` is the row's own memo of the item,
/// shared so that a keystroke clones the item once, not once per part of the row.
#[component]
pub fn StatusControl(handle: ItemHandle, item: Memo<Option<ActionItem>>) -> impl IntoView {
    let store = handle.store;
    let status =
        Signal::derive(move || item.with(|i| i.as_ref().map(|i| i.status).unwrap_or_default()));
    let open_form = RwSignal::new(None::<MoveKind>);
    let show_other = RwSignal::new(false);
    let refusal = RwSignal::new(String::new());
    let form = MoveForm::new();
    let id = handle.id();
    let hint_id = StoredValue::new(format!("other-moves-{id}"));

    let submit = move |kind: MoveKind| {
        // Read afresh: the row's copy may have an out-of-date title (it does not follow it).
        let Some(current) = handle.current() else {
            return;
        };
        match apply(&current, form.to_move(kind), clock::now()) {
            Ok(updated) => {
                let (from, to) = (current.status, updated.status);
                store.replace_item(&handle.pm.get_value(), updated, "status");
                store.show_notice(format!(
                    "{}: {} → {}.",
                    current.id,
                    from.label(),
                    to.label()
                ));
                open_form.set(None);
                refusal.set(String::new());
                form.clear();
                // The button pressed is gone with the old status: focus the new status's moves.
                focus_soon(
                    vec![format!(
                        "{} .moves > .move",
                        in_item(&current.id, "status-control")
                    )],
                    false,
                );
            }
            Err(why) => refusal.set(why.to_string()),
        }
    };
    let choose = move |kind: MoveKind| {
        refusal.set(String::new());
        if needs_form(kind) {
            if open_form.get_untracked() != Some(kind) {
                form.clear();
            }
            open_form.set(Some(kind));
        } else {
            open_form.set(None);
            submit(kind);
        }
    };
    // A move the status does not allow goes to the core too, which says why not.
    let try_unavailable = move |kind: MoveKind| {
        open_form.set(None);
        submit(kind);
    };
    let allowed = Memo::new(move |_| allowed_moves(status.get()));
    let unavailable = Memo::new(move |_| {
        let allowed = allowed.get();
        MoveKind::ALL
            .into_iter()
            .filter(|k| !allowed.contains(k))
            .collect::<Vec<_>>()
    });

    view! {
        <div class="status-control" data-testid="status-control">
            // The status itself is the row's badge, just above.
            <div class="status-line">
                <StatusFacts item=item/>
            </div>
            <div class="moves" role="group" aria-label=format!("Status moves for {id}")>
                <For each=move || allowed.get() key=|k| *k let(kind)>
                    <button type="button" class="move" data-testid=format!("move-{}", kind.as_str())
                        aria-expanded=move || needs_form(kind).then(|| (open_form.get() == Some(kind)).to_string())
                        class:active=move || open_form.get() == Some(kind)
                        on:click=move |_| choose(kind)>
                        {kind.label()}
                    </button>
                </For>
                <button type="button" class="other-moves-toggle" data-testid="other-moves-toggle"
                    aria-expanded=move || show_other.get().to_string()
                    on:click=move |_| show_other.update(|o| *o = !*o)>
                    {move || if show_other.get() { "Hide other moves" } else { "Other moves…" }}
                </button>
                <Show when=move || show_other.get()>
                    <div class="other-moves">
                        <p class="muted" id=hint_id.get_value()>"Not possible from here; choose one to see why."</p>
                        <For each=move || unavailable.get() key=|k| *k let(kind)>
                            <button type="button" class="move move-unavailable" aria-describedby=hint_id.get_value()
                                data-testid=format!("move-{}", kind.as_str())
                                on:click=move |_| try_unavailable(kind)>
                                {kind.label()}
                            </button>
                        </For>
                    </div>
                </Show>
            </div>
            {move || open_form.get().map(|kind| move_form(kind, form, status, submit, open_form, refusal))}
            <p class="refusal" role="alert" data-testid="move-refusal">{move || refusal.get()}</p>
            <WinsPanel handle=handle item=item/>
        </div>
    }
}

/// The current state's record in a line: why blocked, until when deferred, how verified, how
/// it ended.
#[component]
fn StatusFacts(item: Memo<Option<ActionItem>>) -> impl IntoView {
    let facts = move || {
        item.with(|i| {
            let i = i.as_ref()?;
            match i.status {
                ItemStatus::Blocked => i.blocked.as_ref().map(|b| {
                    let since = b.since.map(|d| format!(" since {d}")).unwrap_or_default();
                    format!("{}{since}: {}", b.kind.label(), b.note)
                }),
                ItemStatus::Deferred => i.deferral.as_ref().map(|d| {
                    let mut text = d.reason.clone();
                    if !d.trigger.is_empty() {
                        text.push_str(&format!(" — until: {}", d.trigger));
                    }
                    if let Some(date) = d.revisit_on {
                        text.push_str(&format!(" — revisit on {date}"));
                    }
                    text
                }),
                ItemStatus::Verified => i
                    .verification
                    .as_ref()
                    .map(|v| format!("{}: {}", v.method.label(), v.evidence)),
                ItemStatus::Closed => i.resolution.map(|r| {
                    if i.resolution_note.is_empty() {
                        r.label().to_string()
                    } else {
                        format!("{}: {}", r.label(), i.resolution_note)
                    }
                }),
                _ => None,
            }
        })
    };
    view! { <span class="status-facts" data-testid="status-facts">{facts}</span> }
}
