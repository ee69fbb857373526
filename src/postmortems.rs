//! The post-mortem list, its empty state and the "New post-mortem" form.

use chrono::Datelike;
use followthrough_core::{PostMortem, Severity};
use leptos::prelude::*;

use crate::clock;
use crate::store::Store;

#[component]
pub fn PostMortemList() -> impl IntoView {
    let store = Store::from_context();
    let creating = RwSignal::new(false);
    let is_empty = Memo::new(move |_| store.workspace.with(|ws| ws.postmortems.is_empty()));
    let ids = Memo::new(move |_| {
        store.workspace.with(|ws| {
            ws.postmortems
                .iter()
                .map(|pm| pm.id.clone())
                .collect::<Vec<_>>()
        })
    });

    view! {
        <section class="postmortems" aria-labelledby="postmortems-heading">
            <div class="section-head">
                <h2 id="postmortems-heading">"Post-mortems"</h2>
                <Show when=move || !is_empty.get() && !creating.get()>
                    <button type="button" class="primary" data-testid="new-postmortem" on:click=move |_| creating.set(true)>
                        "New post-mortem"
                    </button>
                </Show>
            </div>
            <Show when=move || creating.get()>
                <NewPostMortemForm on_done=move || creating.set(false)/>
            </Show>
            <Show when=move || is_empty.get() && !creating.get()>
                <div class="empty-state" data-testid="empty-state">
                    <p>"No post-mortems yet. Start one when the incident review begins: "
                       "you will write each action item with a named owner, a verifiable verb, "
                       "a specific outcome, a tracker ticket and a deadline."</p>
                    <button type="button" class="primary" data-testid="new-postmortem" on:click=move |_| creating.set(true)>
                        "New post-mortem"
                    </button>
                </div>
            </Show>
            <ul class="postmortem-list" data-testid="postmortem-list">
                <For each=move || ids.get() key=|id| id.clone() let(id)>
                    <PostMortemRow id/>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn PostMortemRow(id: String) -> impl IntoView {
    let store = Store::from_context();
    let row = Memo::new(move |_| {
        store.workspace.with(|ws| {
            ws.postmortem(&id).map(|pm| {
                (
                    pm.title.clone(),
                    pm.severity,
                    pm.status.label(),
                    pm.action_items.len(),
                )
            })
        })
    });
    move || {
        row.get().map(|(title, severity, status, count)| {
            view! {
                <li class="postmortem-row" data-testid="postmortem-row">
                    <span class=format!("severity severity-{}", severity.as_str().to_lowercase())>{severity.as_str()}</span>
                    <span class="postmortem-title" data-testid="postmortem-title">{title}</span>
                    <span class="postmortem-status">{status}</span>
                    <span class="postmortem-count">{count}" items"</span>
                </li>
            }
        })
    }
}

#[component]
fn NewPostMortemForm(on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let store = Store::from_context();
    let title = RwSignal::new(String::new());
    let severity = RwSignal::new(Severity::Sev2.as_str().to_string());
    let error = RwSignal::new(String::new());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = title.get_untracked().trim().to_string();
        if text.is_empty() {
            error.set("Give the post-mortem a title, e.g. \"Checkout outage on 12 May\".".into());
            return;
        }
        let severity = Severity::parse(&severity.get_untracked()).unwrap_or_default();
        let now = clock::now();
        store.edit(|ws| {
            let id = ws.next_postmortem_id(now.year());
            ws.postmortems.insert(
                0,
                PostMortem {
                    id,
                    title: text,
                    severity,
                    created_at: Some(now),
                    updated_at: Some(now),
                    ..Default::default()
                },
            );
        });
        on_done();
    };

    view! {
        <form class="new-postmortem" data-testid="new-postmortem-form" on:submit=submit>
            <label>
                "Title"
                <input
                    type="text"
                    data-testid="new-postmortem-title"
                    placeholder="Checkout outage on 12 May"
                    autofocus
                    prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))
                />
            </label>
            <label>
                "Severity"
                <select
                    data-testid="new-postmortem-severity"
                    prop:value=move || severity.get()
                    on:change=move |ev| severity.set(event_target_value(&ev))
                >
                    {Severity::ALL
                        .iter()
                        .map(|s| view! { <option value=s.as_str()>{s.as_str()}</option> })
                        .collect_view()}
                </select>
            </label>
            <button type="submit" class="primary" data-testid="create-postmortem">"Create"</button>
            <button type="button" on:click=move |_| on_done()>"Cancel"</button>
            <p class="form-error" role="alert">{move || error.get()}</p>
        </form>
    }
}
