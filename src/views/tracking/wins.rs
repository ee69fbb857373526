//! An item's wins: later incidents it caught or prevented (DOMAIN.md §7), recorded by
//! `lifecycle::record_win` for completed items only.

use followthrough_core::lifecycle::{may_record_win, record_win};
use followthrough_core::ActionItem;
use leptos::prelude::*;

use crate::views::meeting::ItemHandle;
use crate::web::clock;

/// Later incidents a completed item caught or prevented; recorded only for completed items.
#[component]
pub fn WinsPanel(handle: ItemHandle, item: Memo<Option<ActionItem>>) -> impl IntoView {
    let store = handle.store;
    let open = RwSignal::new(false);
    let incident = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let can_win = Memo::new(move |_| item.with(|i| i.as_ref().is_some_and(may_record_win)));
    let wins =
        Memo::new(move |_| item.with(|i| i.as_ref().map(|i| i.wins.clone()).unwrap_or_default()));
    let save = move || {
        // Read afresh: the row's copy may have an out-of-date title (it does not follow it).
        let Some(current) = handle.current() else {
            return;
        };
        match record_win(
            &current,
            &incident.get_untracked(),
            &note.get_untracked(),
            clock::now(),
        ) {
            Ok(updated) => {
                store.replace_item(&handle.pm.get_value(), updated, "win");
                store.show_notice(format!("Win recorded for {}.", current.id));
                open.set(false);
                incident.set(String::new());
                note.set(String::new());
                error.set(String::new());
            }
            Err(why) => error.set(why.to_string()),
        }
    };
    view! {
        <Show when=move || !wins.with(Vec::is_empty)>
            <ul class="wins" data-testid="item-wins" aria-label="Wins">
                {move || wins.get().into_iter().map(|w| view! {
                    <li class="win" data-testid="item-win">
                        <span class="win-mark" aria-hidden="true">"★"</span>
                        <strong>{if w.incident_ref.is_empty() { "Prevented an incident".to_string() } else { format!("Caught {}", w.incident_ref) }}</strong>
                        " — "{w.note}
                        <span class="muted">" ("{w.at.date_naive().to_string()}")"</span>
                    </li>
                }).collect_view()}
            </ul>
        </Show>
        <Show when=move || can_win.get()>
            <Show when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="win-button" data-testid="win-record" on:click=move |_| open.set(true)>
                        "★ It caught or prevented a later incident"
                    </button>
                }>
                <form class="move-form win-form" data-testid="win-form" aria-label="Record a win"
                    on:submit=move |ev| { ev.prevent_default(); save() }>
                    <label class="field">
                        "Later incident (optional)"
                        <input type="text" data-testid="win-incident" placeholder="INC-512"
                            prop:value=move || incident.get() on:input=move |ev| incident.set(event_target_value(&ev))/>
                    </label>
                    <label class="field field-wide">
                        "What happened"
                        <input type="text" data-testid="win-note" placeholder="The new alert paged 20 minutes before customers noticed"
                            prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                    </label>
                    <div class="move-form-actions">
                        <button type="submit" class="primary" data-testid="win-save">"Record the win"</button>
                        <button type="button" on:click=move |_| { open.set(false); error.set(String::new()) }>"Cancel"</button>
                    </div>
                    <p class="refusal" role="alert" data-testid="win-error">{move || error.get()}</p>
                </form>
            </Show>
        </Show>
    }
}
