//! The systemic item's escalation (DOMAIN.md §1): the gap, its consequence, the proposal and
//! who decides. A small disclosure on the item; the core keeps the record trimmed and drops it
//! when every field is blank (`Escalation::normalized`).

use followthrough_core::model::Escalation;
use followthrough_core::ActionItem;
use leptos::prelude::*;

use crate::views::meeting::ItemHandle;

/// Shows and edits what a systemic item asks of leadership.
#[component]
pub fn EscalationPanel(handle: ItemHandle, item: Memo<Option<ActionItem>>) -> impl IntoView {
    let store = handle.store;
    let stored = Memo::new(move |_| item.with(|i| i.as_ref().and_then(|i| i.escalation.clone())));
    // What is typed and not yet saved; `None` shows the stored record.
    let draft = RwSignal::new(None::<Escalation>);
    let shown = move || draft.get().or_else(|| stored.get()).unwrap_or_default();
    let save = move || {
        let Some(mut current) = handle.current() else {
            return;
        };
        let Some(typed) = draft.get_untracked() else {
            return;
        };
        current.escalation = typed.normalized();
        store.replace_item(&handle.pm.get_value(), current, "escalation");
        draft.set(None);
    };
    let summary = move || match stored.get() {
        Some(e) if !e.decision_maker.is_empty() => format!("Escalation: asks {}", e.decision_maker),
        Some(_) => "Escalation: recorded".to_string(),
        None => "Escalation (systemic item)".to_string(),
    };
    let input = move |label: &'static str,
                      test_id: &'static str,
                      placeholder: &'static str,
                      get: fn(&Escalation) -> String,
                      set: fn(&mut Escalation, String)| {
        view! {
            <label class="field field-wide">
                {label}
                <input type="text" data-testid=test_id placeholder=placeholder
                    prop:value=move || get(&shown())
                    on:input=move |ev| {
                        let mut next = shown();
                        set(&mut next, event_target_value(&ev));
                        draft.set(Some(next));
                    }/>
            </label>
        }
    };
    view! {
        <details class="escalation" data-testid="escalation"
            data-set=move || stored.with(Option::is_some).to_string()>
            <summary data-testid="escalation-toggle">{summary}</summary>
            <form class="move-form" aria-label="Escalation"
                on:submit=move |ev| { ev.prevent_default(); save() }>
                {input("Gap", "escalation-gap", "No team owns the shared load balancers",
                    |e| e.gap.clone(), |e, v| e.gap = v)}
                {input("Consequence", "escalation-consequence", "Certificate expiries go unnoticed until an outage",
                    |e| e.consequence.clone(), |e, v| e.consequence = v)}
                {input("Proposal", "escalation-proposal", "Give the edge team the load balancers and one engineer",
                    |e| e.proposal.clone(), |e, v| e.proposal = v)}
                {input("Decision maker", "escalation-decision-maker", "VP Engineering",
                    |e| e.decision_maker.clone(), |e, v| e.decision_maker = v)}
                <div class="move-form-actions">
                    <button type="submit" class="primary" data-testid="escalation-save">"Save the escalation"</button>
                </div>
            </form>
        </details>
    }
}
