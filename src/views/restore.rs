//! The restore points (issue 16), beside Import: each says why and when it was taken and what
//! it holds; restoring one asks first, inline, with the focus on the question's buttons so a
//! keyboard completes it, and keeps the workspace of now as a point of its own.

use followthrough_core::storage::restore::what_before;
use leptos::prelude::*;

use crate::state::restore::RestorePoints;
use crate::state::Store;
use crate::web::focus::focus_soon;

#[component]
pub fn RestorePointList(points: RestorePoints) -> impl IntoView {
    let store = Store::from_context();
    // The point whose restore is being asked about.
    let asking = RwSignal::new(None::<u64>);
    let ask = move |id: u64| {
        asking.set(Some(id));
        focus_soon(vec!["[data-testid=restore-confirm]".into()], false);
    };
    let answer = move |yes: bool| {
        let id = asking.get_untracked();
        asking.set(None);
        if let (true, Some(id)) = (yes, id) {
            points.restore(store, id);
        }
        focus_soon(vec!["[data-testid=restore-points-summary]".into()], false);
    };
    let rows = move || {
        points.list.get().into_iter().map(|point| {
            let id = point.id;
            let label = point.label.clone();
            let question = format!("Restore the workspace as it was before {}? What is here now is kept as a restore point first, and Undo (Ctrl+Z) puts it back.",
                what_before(&label));
            view! {
                <li data-testid="restore-point" data-point-id=id.to_string()>
                    <strong>{label}</strong>" "<span class="muted">{point.summary()}</span>" "
                    {move || if asking.get() == Some(id) {
                        view! {
                            <span role="group" aria-label="Confirm the restore" class="restore-ask">
                                <span>{question.clone()}</span>" "
                                <button type="button" class="primary" data-testid="restore-confirm" on:click=move |_| answer(true)>"Restore"</button>
                                <button type="button" data-testid="restore-cancel" on:click=move |_| answer(false)>"Cancel"</button>
                            </span>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" data-testid="restore-point-restore" on:click=move |_| ask(id)>"Restore…"</button>
                        }.into_any()
                    }}
                </li>
            }
        }).collect_view()
    };
    view! {
        <details class="restore-points">
            <summary data-testid="restore-points-summary">{move || format!("Restore points ({})", points.list.with(Vec::len))}</summary>
            <p class="field-error" role="status" data-testid="restore-problem">{move || points.problem.get()}</p>
            <ol data-testid="restore-points">{rows}</ol>
            {move || points.list.with(Vec::is_empty).then(|| view! {
                <p class="muted">"None yet: one is taken before each import, so it can be undone after a reload too."</p>
            })}
        </details>
    }
}
