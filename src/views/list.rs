//! The post-mortem list, its empty state and the "New post-mortem" form. Which post-mortems
//! match and in what order is `followthrough_core::query`'s to say.

use followthrough_core::drafting::new_postmortem;
use followthrough_core::query::{list_date, postmortem_ids, ListOrder, PostMortemFilter};
use followthrough_core::{PostMortemStatus, Severity};
use leptos::prelude::*;

use crate::route::Route;
use crate::state::Store;
use crate::web::clock;
use crate::web::focus;

/// How many post-mortems the list shows at first, and how many more each "Show more" adds.
pub const LIST_PAGE: usize = 100;

#[component]
pub fn PostMortemList() -> impl IntoView {
    let store = Store::from_context();
    let creating = RwSignal::new(false);
    // Alt+N: a new post-mortem, from anywhere on the list.
    let new_key = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.alt_key() && !ev.ctrl_key() && !ev.meta_key() && ev.code() == "KeyN" {
            ev.prevent_default();
            creating.set(true);
            focus::focus_soon(vec!["[data-testid=new-postmortem-title]".into()], false);
        }
    });
    on_cleanup(move || new_key.remove());
    let status = RwSignal::new(String::new());
    let severity = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let order = RwSignal::new(ListOrder::Newest);
    let is_empty = Memo::new(move |_| store.with_workspace(|ws| ws.postmortems.is_empty()));
    let ids = Memo::new(move |_| {
        let filter = PostMortemFilter {
            status: PostMortemStatus::parse(&status.get()),
            severity: Severity::parse(&severity.get()),
            text: query.get(),
        };
        let order = order.get();
        store.with_workspace(|ws| postmortem_ids(ws, &filter, order))
    });

    // Long lists are shown a page at a time: a thousand rows would cost every render.
    let shown = RwSignal::new(LIST_PAGE);
    let visible = Memo::new(move |_| {
        let shown = shown.get();
        ids.with(|ids| ids.iter().take(shown).cloned().collect::<Vec<_>>())
    });

    view! {
        <section class="postmortems" aria-labelledby="postmortems-heading">
            <div class="section-head">
                <h2 id="postmortems-heading">"Post-mortems"</h2>
                <Show when=move || !is_empty.get() && !creating.get()>
                    <button type="button" class="primary" data-testid="new-postmortem" aria-keyshortcuts="Alt+N" on:click=move |_| creating.set(true)>
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
                    <button type="button" class="primary" data-testid="new-postmortem" aria-keyshortcuts="Alt+N" on:click=move |_| creating.set(true)>
                        "New post-mortem"
                    </button>
                </div>
            </Show>
            <Show when=move || !is_empty.get()>
                <div class="filters" role="search">
                    <label>
                        "Search"
                        <input type="search" data-testid="filter-query" placeholder="Title or incident ref"
                            prop:value=move || query.get()
                            on:input=move |ev| query.set(event_target_value(&ev))/>
                    </label>
                    <label>
                        "Status"
                        <select data-testid="filter-status" prop:value=move || status.get()
                            on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="">"Any"</option>
                            {PostMortemStatus::ALL.iter().map(|s| view! { <option value=s.as_str()>{s.label()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>
                        "Severity"
                        <select data-testid="filter-severity" prop:value=move || severity.get()
                            on:change=move |ev| severity.set(event_target_value(&ev))>
                            <option value="">"Any"</option>
                            {Severity::ALL.iter().map(|s| view! { <option value=s.as_str()>{s.as_str()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>
                        "Sort"
                        <select data-testid="filter-order"
                            on:change=move |ev| order.set(ListOrder::parse(&event_target_value(&ev)))>
                            <option value="newest">"Newest first"</option>
                            <option value="oldest">"Oldest first"</option>
                        </select>
                    </label>
                </div>
                <Show when=move || ids.with(|ids| ids.is_empty())>
                    <p class="muted" data-testid="no-match">"No post-mortem matches these filters."</p>
                </Show>
            </Show>
            <ul class="postmortem-list" data-testid="postmortem-list">
                <For each=move || visible.get() key=|id| id.clone() let(id)>
                    <PostMortemRow id/>
                </For>
            </ul>
            <Show when=move || { ids.with(|ids| ids.len()) > shown.get() }>
                <p class="list-more">
                    <span data-testid="list-count">
                        {move || format!("Showing {} of {}", shown.get(), ids.with(|ids| ids.len()))}
                    </span>
                    " "
                    <button type="button" data-testid="show-more" on:click=move |_| shown.update(|n| *n += LIST_PAGE)>
                        {format!("Show {LIST_PAGE} more")}
                    </button>
                </p>
            </Show>
        </section>
    }
}

#[component]
fn PostMortemRow(id: String) -> impl IntoView {
    let store = Store::from_context();
    let href = Route::PostMortem(id.clone()).href();
    let row = Memo::new(move |_| {
        store.with_pm(&id, |pm| {
            pm.map(|pm| {
                (
                    pm.title.clone(),
                    pm.incident_ref.clone(),
                    pm.severity,
                    pm.status.label(),
                    pm.action_items.len(),
                    list_date(pm),
                )
            })
        })
    });
    move || {
        row.get().map(|(title, incident, severity, status, count, date)| {
            let title = if title.trim().is_empty() { "(untitled)".to_string() } else { title };
            view! {
                <li class="postmortem-row" data-testid="postmortem-row">
                    <span class=format!("severity severity-{}", severity.as_str().to_ascii_lowercase())>{severity.as_str()}</span>
                    <a class="postmortem-title" data-testid="postmortem-title" href=href.clone()>{title}</a>
                    <span class="postmortem-ref">{incident}</span>
                    <span class="postmortem-date">{date.map(|d| d.to_string()).unwrap_or_default()}</span>
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
        let severity = Severity::parse(&severity.get_untracked()).unwrap_or_default();
        let created = store.peek_workspace(|ws| {
            new_postmortem(ws, &title.get_untracked(), severity, clock::now())
        });
        let pm = match created {
            Ok(pm) => pm,
            Err(refusal) => {
                error.set(refusal.message().into());
                return;
            }
        };
        let id = pm.id.clone();
        store.add_postmortem(pm);
        title.set(String::new());
        crate::route::go(&crate::route::Route::PostMortem(id));
        // The meeting starts at the quick-add line.
        focus::focus_when_there("[data-testid=quick-title]".into());
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
