//! Recurrence and related items on a post-mortem's page: mark it as a recurrence of earlier
//! post-mortems, and — while its title and tags are typed — see open items of earlier
//! post-mortems that look related (`similarity::similar_items`) and link one to an item here
//! (`similarity::link_items`; the scoring then raises both by one level, DOMAIN.md §3).

use followthrough_core::similarity::{link_items, similar_items, Similar};
use leptos::prelude::*;

use crate::route::Route;
use crate::state::Store;

/// How many related items are shown at most.
const RELATED_LIMIT: usize = 6;

#[component]
pub fn RelatedPanel(pm_id: String) -> impl IntoView {
    let store = Store::from_context();
    let pm_id = StoredValue::new(pm_id);
    // The text compared: the post-mortem's title and tags as typed.
    let query = Memo::new(move |_| {
        store.with_pm_settled(&pm_id.get_value(), |pm| {
            pm.map(|pm| format!("{} {}", pm.title, pm.tags.join(" ")))
                .unwrap_or_default()
        })
    });
    // Recomputed when the title or tags change (once typing pauses), not on every keystroke:
    // the other post-mortems it searches do not change while this page is being typed in.
    let related = Memo::new(move |_| {
        let text = query.get();
        store.peek_workspace(|ws| similar_items(ws, &text, Some(&pm_id.get_value()), RELATED_LIMIT))
    });
    // This post-mortem's items, as link targets (titles follow once typing pauses).
    let own_items = Memo::new(move |_| {
        store.with_pm_settled(&pm_id.get_value(), |pm| {
            pm.map(|pm| {
                pm.action_items
                    .iter()
                    .map(|i| (i.id.clone(), i.title.clone(), i.linked_items.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
        })
    });

    view! {
        <section class="related-panel" data-testid="related-panel" aria-labelledby="related-heading">
            <h3 id="related-heading">"Recurrence and related items"</h3>
            <RecurrenceField pm_id=pm_id/>
            <h4>"Open items from other post-mortems that look related"</h4>
            {move || {
                let found = related.get();
                if found.is_empty() {
                    return view! { <p class="muted" data-testid="related-none">"None so far: they appear here as the title and tags are typed."</p> }.into_any();
                }
                view! {
                    <ul class="related-list">
                        {found.into_iter().map(|s| view! { <RelatedRow similar=s own_items=own_items pm_id=pm_id/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn RelatedRow(
    similar: Similar,
    own_items: Memo<Vec<(String, String, Vec<String>)>>,
    pm_id: StoredValue<String>,
) -> impl IntoView {
    let store = Store::from_context();
    let target = RwSignal::new(own_items.with_untracked(|items| {
        items
            .first()
            .map(|(id, _, _)| id.clone())
            .unwrap_or_default()
    }));
    let error = RwSignal::new(String::new());
    let other_id = StoredValue::new(similar.item_id.clone());
    let other_pm = StoredValue::new(similar.postmortem_id.clone());
    let linked_to = Memo::new(move |_| {
        own_items.with(|items| {
            items
                .iter()
                .filter(|(_, _, links)| links.iter().any(|l| *l == other_id.get_value()))
                .map(|(id, _, _)| id.clone())
                .collect::<Vec<_>>()
        })
    });
    let link = move |_| {
        let mut here = target.get_untracked();
        if here.is_empty() {
            here = own_items
                .with_untracked(|items| items.first().map(|(id, _, _)| id.clone()))
                .unwrap_or_default();
        }
        if here.is_empty() {
            error.set("Add an item to this post-mortem first, then link it.".into());
            return;
        }
        let other = other_id.get_value();
        let (this_pm, that_pm) = (pm_id.get_value(), other_pm.get_value());
        // Both items change as one undo step.
        let items = [
            (this_pm.as_str(), here.as_str()),
            (that_pm.as_str(), other.as_str()),
        ];
        match store.edit_items(&format!("link {here} and {other}"), &items, |ws| {
            link_items(ws, &here, &other)
        }) {
            Ok(()) => {
                store.show_notice(format!(
                    "Linked {here} and {other}: the same action in two post-mortems goes up one priority level."
                ));
                error.set(String::new());
            }
            Err(why) => error.set(why.to_string()),
        }
    };
    let own_ids = Memo::new(move |_| {
        own_items.with(|items| {
            items
                .iter()
                .map(|(id, _, _)| id.clone())
                .collect::<Vec<_>>()
        })
    });
    let select_id = StoredValue::new(format!("related-target-{}", similar.item_id));
    view! {
        <li class="related-item" data-testid="related-item" data-item-id=similar.item_id.clone()>
            <span class="related-title">
                <a class="item-id" href=Route::PostMortem(similar.postmortem_id.clone()).href()>{similar.item_id.clone()}</a>
                " "{similar.title.clone()}
                <span class="muted">{format!(" · {:.0}% match", similar.score * 100.0)}</span>
            </span>
            <Show when=move || linked_to.with(Vec::is_empty)
                fallback=move || view! { <span class="linked" data-testid="related-linked">{move || format!("Linked to {}", linked_to.get().join(", "))}</span> }>
                <Show when=move || !own_items.with(Vec::is_empty)
                    fallback=|| view! { <span class="muted">"Add an item here to link it."</span> }>
                    <label class="field" for=select_id.get_value()>
                        "Same action as"
                        <select id=select_id.get_value() data-testid="related-target" prop:value=move || target.get()
                            on:change=move |ev| target.set(event_target_value(&ev))>
                            // Keyed, with live text: rebuilding the options on every keystroke in
                            // a title would make the browser re-select (selectOption) each time.
                            <For each=move || own_ids.get() key=String::clone children=move |id: String| {
                                let label = {
                                    let id = id.clone();
                                    move || own_items.with(|items| {
                                        let title = items.iter().find(|(i, _, _)| *i == id).map(|(_, t, _)| t.as_str()).unwrap_or("");
                                        format!("{id} {title}")
                                    })
                                };
                                view! { <option value=id>{label}</option> }
                            }/>
                        </select>
                    </label>
                    <button type="button" data-testid="related-link" on:click=link>"Link"</button>
                </Show>
            </Show>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </li>
    }
}

/// Which earlier post-mortems this one is a recurrence of.
#[component]
fn RecurrenceField(pm_id: StoredValue<String>) -> impl IntoView {
    let store = Store::from_context();
    let chosen = RwSignal::new(String::new());
    let current = Memo::new(move |_| {
        store.with_pm_outline(&pm_id.get_value(), |pm| {
            pm.map(|pm| pm.recurrence_of.clone()).unwrap_or_default()
        })
    });
    // Other post-mortems not yet named, most recent incident first.
    // Other post-mortems do not change while this page is typed in: read them untracked, so
    // the list is rebuilt when this one's recurrences change, not on every keystroke.
    let candidates = Memo::new(move |_| {
        let named = current.get();
        store.peek_workspace(|ws| {
            let mut others: Vec<_> = ws
                .postmortems
                .iter()
                .filter(|pm| pm.id != pm_id.get_value() && !named.contains(&pm.id))
                .map(|pm| (pm.incident_date, pm.id.clone(), pm.title.clone()))
                .collect();
            // Rows equal in the sort are equal in full: unstable is the same order.
            followthrough_core::order::sort_by(&mut others, |a, b| b.cmp(a));
            others
        })
    });
    let title_of = move |id: &str| {
        store.with_pm_outline(id, |pm| pm.map(|pm| pm.title.clone()).unwrap_or_default())
    };
    let add = move |_| {
        let id = chosen.get_untracked();
        if id.is_empty() {
            return;
        }
        store.edit_postmortem(&pm_id.get_value(), "recurrence", move |pm| {
            if !pm.recurrence_of.contains(&id) {
                pm.recurrence_of.push(id);
            }
        });
        chosen.set(String::new());
    };
    view! {
        <div class="recurrence" data-testid="recurrence">
            <p class="muted">"Did this incident's root cause come back from an earlier one? Recurrences over unfinished items are a red flag on the dashboard."</p>
            <ul class="recurrence-chips" aria-label="Recurrence of">
                {move || current.get().into_iter().map(|id| {
                    let remove_id = id.clone();
                    let title = title_of(&id);
                    view! {
                        <li class="recurrence-chip" data-testid="recurrence-chip" data-pm-id=id.clone()>
                            <a href=Route::PostMortem(id.clone()).href()>{id.clone()}</a>
                            <span class="muted">{title}</span>
                            <button type="button" aria-label=format!("Remove {id}")
                                on:click=move |_| { let r = remove_id.clone(); store.edit_postmortem(&pm_id.get_value(), "recurrence", move |pm| pm.recurrence_of.retain(|x| *x != r)) }>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || !candidates.with(Vec::is_empty)>
                <div class="item-fields">
                    <label class="field">
                        "A recurrence of"
                        <select data-testid="recurrence-select" prop:value=move || chosen.get()
                            on:change=move |ev| chosen.set(event_target_value(&ev))>
                            <option value="">"Choose an earlier post-mortem…"</option>
                            {move || candidates.get().into_iter().map(|(date, id, title)| {
                                let when = date.map(|d| format!(" ({d})")).unwrap_or_default();
                                view! { <option value=id.clone()>{format!("{id} {title}{when}")}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <button type="button" data-testid="recurrence-add" on:click=add>"Mark as recurrence"</button>
                </div>
            </Show>
        </div>
    }
}
