//! The post-mortem checks panel (DOMAIN.md §6): item count, category coverage, unassigned
//! items, owners over capacity, with a one-click move of the extras to future considerations.

use followthrough_core::postmortem_checks::{
    all_clear, check_postmortem_counted, move_to_future_considerations, FindingKind, FindingLevel,
};
use leptos::prelude::*;

use crate::state::Derived;
use crate::state::Store;

fn level_class(level: FindingLevel) -> &'static str {
    match level {
        FindingLevel::Info => "finding finding-info",
        FindingLevel::Warn => "finding finding-warn",
        FindingLevel::Strong => "finding finding-strong",
    }
}

#[component]
pub fn ChecksPanel(pm_id: String) -> impl IntoView {
    let store = Store::from_context();
    let pm_id = StoredValue::new(pm_id);
    // Owners' open items across the workspace come from the shared counts, so a change here
    // checks this post-mortem only; typed text is checked once typing pauses.
    let derived = Derived::from_context();
    let findings = Memo::new(move |_| {
        derived.open_by_owner.with(|open| {
            derived.settings.with(|settings| {
                store.with_pm_settled(&pm_id.get_value(), |pm| {
                    pm.map(|pm| check_postmortem_counted(pm, open, settings))
                        .unwrap_or_default()
                })
            })
        })
    });
    let future = Memo::new(move |_| {
        store.with_pm_settled(&pm_id.get_value(), |pm| {
            pm.map(|pm| pm.future_considerations.clone())
                .unwrap_or_default()
        })
    });
    let move_out = move |ids: Vec<String>| {
        let count = ids.len();
        store.edit_postmortem(&pm_id.get_value(), "future considerations", |pm| {
            *pm = move_to_future_considerations(pm, &ids);
        });
        store.show_notice(format!("Moved {count} item(s) to future considerations."));
    };

    view! {
        <section class="checks" data-testid="checks-panel" aria-labelledby="checks-heading" tabindex="-1">
            <h3 id="checks-heading">"Post-mortem checks"</h3>
            <Show when=move || findings.with(|f| f.is_empty())>
                <p class="finding finding-ok" data-testid="checks-ok">{move || derived.settings.with(all_clear)}</p>
            </Show>
            <ul class="findings">
                {move || findings.get().into_iter().map(|finding| {
                    let action = match &finding.kind {
                        FindingKind::FarTooManyItems { extras, .. } if !extras.is_empty() => {
                            let extras = extras.clone();
                            let label = format!("Move the {} lowest-priority items to future considerations", extras.len());
                            Some(view! {
                                <button type="button" data-testid="move-to-future" on:click=move |_| move_out(extras.clone())>{label}</button>
                            })
                        }
                        _ => None,
                    };
                    let kind = serde_json::to_value(&finding.kind).ok()
                        .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_string))
                        .unwrap_or_default();
                    view! {
                        <li class=level_class(finding.level) data-testid="finding" data-kind=kind>
                            {finding.message.clone()}
                            {action}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || future.with(|f| !f.is_empty())>
                <h4>"Future considerations"</h4>
                <ul class="future" data-testid="future-considerations">
                    {move || future.get().into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
                </ul>
            </Show>
            {super::header::post_mortem_moves(pm_id.get_value())}
        </section>
    }
}
