//! An item's history: every recorded change of status, owner and due date.

use chrono::Timelike;
use followthrough_core::{ActionItem, HistoryEntry, ItemStatus};
use leptos::prelude::*;

/// The status's label ("In progress") from its JSON name; other text as it is.
fn status_label(name: &str) -> String {
    ItemStatus::ALL
        .into_iter()
        .find(|s| s.as_str() == name)
        .map(|s| s.label().to_string())
        .unwrap_or_else(|| name.to_string())
}

/// Every recorded change of status, owner and due date, newest first.
#[component]
pub fn HistoryTimeline(item: Memo<Option<ActionItem>>) -> impl IntoView {
    let history = Memo::new(move |_| {
        item.with(|i| i.as_ref().map(|i| i.history.clone()).unwrap_or_default())
    });
    let open = RwSignal::new(false);
    view! {
        <div class="timeline" data-testid="history">
            <button type="button" class="timeline-toggle" data-testid="history-toggle"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || format!("{} history ({})", if open.get() { "Hide" } else { "Show" }, history.with(Vec::len))}
            </button>
            <Show when=move || open.get()>
                {move || {
                    let entries = history.get();
                    if entries.is_empty() {
                        return view! { <p class="muted">"No status, owner or due-date change yet."</p> }.into_any();
                    }
                    view! {
                        <ol class="timeline-list" data-testid="history-list">
                            {entries.into_iter().rev().map(timeline_entry).collect_view()}
                        </ol>
                    }
                    .into_any()
                }}
            </Show>
        </div>
    }
}

fn timeline_entry(entry: HistoryEntry) -> impl IntoView {
    let (what, from, to) = match entry.field.as_str() {
        "status" => (
            "Status".to_string(),
            status_label(&entry.from),
            status_label(&entry.to),
        ),
        "owner" => ("Owner".to_string(), entry.from.clone(), entry.to.clone()),
        "due_date" => ("Due date".to_string(), entry.from.clone(), entry.to.clone()),
        other => (other.to_string(), entry.from.clone(), entry.to.clone()),
    };
    let from = if from.is_empty() {
        "—".to_string()
    } else {
        from
    };
    view! {
        <li class="timeline-entry" data-testid="history-entry" data-field=entry.field.clone() data-to=entry.to.clone()>
            <time datetime=entry.at.to_rfc3339()>{format!("{} {:02}:{:02} UTC", entry.at.date_naive(), entry.at.hour(), entry.at.minute())}</time>
            <span class="timeline-change"><strong>{what}</strong>" "{from}" → "{to}</span>
            {(!entry.note.is_empty()).then(|| view! { <span class="timeline-note">{entry.note.clone()}</span> })}
        </li>
    }
}
