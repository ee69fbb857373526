//! The quick-add line, after the list: type the action, Tab through the other fields, Enter
//! adds it. The new item lands just above the line, scrolled into view, and the notice says so.

use followthrough_core::drafting::Draft;
use followthrough_core::scoring::{effort_rubric, impact_rubric};
use followthrough_core::{Category, Level};
use leptos::prelude::*;

use super::editor::{category_options, level_options};
use crate::state::Store;
use crate::web::focus;

#[component]
pub fn QuickAdd(pm_id: String) -> impl IntoView {
    let store = Store::from_context();
    let pm_id = StoredValue::new(pm_id);
    let title = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let impact = RwSignal::new(String::from("2"));
    let effort = RwSignal::new(String::from("2"));
    let due = RwSignal::new(String::new());
    let ticket = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());

    let add = move || {
        let draft = Draft {
            title: title.get_untracked(),
            owner: owner.get_untracked(),
            category: Category::parse(&category.get_untracked()),
            impact: impact.get_untracked().parse().ok().and_then(Level::new),
            effort: effort.get_untracked().parse().ok().and_then(Level::new),
            due_date: followthrough_core::parse_date(due.get_untracked().trim()),
            tracking_ticket: ticket.get_untracked(),
        };
        match store.add_item(&pm_id.get_value(), draft) {
            Ok(id) => {
                for field in [title, owner, category, due, ticket] {
                    field.set(String::new());
                }
                impact.set("2".into());
                effort.set("2".into());
                error.set(String::new());
                store.show_notice(format!("Added {id}."));
                // The new row, then the line below it, into view once the row is there.
                gloo_timers::callback::Timeout::new(0, move || {
                    let nearest = web_sys::ScrollIntoViewOptions::new();
                    nearest.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    if let Some(row) =
                        focus::find(&format!("[data-testid=action-item][data-item-id=\"{id}\"]"))
                    {
                        row.scroll_into_view_with_scroll_into_view_options(&nearest);
                    }
                    if let Some(form) = focus::find("[data-testid=quick-add]") {
                        form.scroll_into_view_with_scroll_into_view_options(&nearest);
                    }
                })
                .forget();
            }
            Err(refusal) => error.set(refusal.message().into()),
        }
        focus::focus_now("[data-testid=quick-title]", false);
    };
    // Enter in any field of the line adds the item.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && !ev.is_composing() {
            ev.prevent_default();
            add();
        }
    };

    let pick = move |label: &'static str,
                     test_id: &'static str,
                     value: RwSignal<String>,
                     options: AnyView| {
        view! {
            <label class="field">{label}
                <select data-testid=test_id prop:value=move || value.get()
                    on:change=move |ev| value.set(event_target_value(&ev)) on:keydown=on_key>
                    {options}
                </select>
            </label>
        }
    };

    view! {
        <form class="quick-add" data-testid="quick-add" aria-label="Add an action item"
            class:has-draft=move || !title.with(|t| t.is_empty())
            on:submit=super::never_submit>
            <label class="field field-title">
                <span class="visually-hidden">"New action (Enter adds it)"</span>
                <textarea class="title-field" rows="1" data-testid="quick-title" autocomplete="off"
                    placeholder="New action (Enter adds it)"
                    prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev).replace(['\n', '\r'], " "))
                    on:keydown=on_key></textarea>
            </label>
            <div class="item-fields quick-more">
                <label class="field">"Owner"
                    <input type="text" data-testid="quick-owner" list="people" autocomplete="off" placeholder="One person"
                        prop:value=move || owner.get() on:input=move |ev| owner.set(event_target_value(&ev)) on:keydown=on_key/>
                </label>
                {pick("Category", "quick-category", category, category_options().into_any())}
                {pick("Impact", "quick-impact", impact, level_options(impact_rubric).into_any())}
                {pick("Effort", "quick-effort", effort, level_options(effort_rubric).into_any())}
                <label class="field">"Due (default from priority)"
                    <input type="date" data-testid="quick-due" prop:value=move || due.get()
                        on:input=move |ev| due.set(event_target_value(&ev)) on:keydown=on_key/>
                </label>
                <label class="field">"Ticket"
                    <input type="text" data-testid="quick-ticket" placeholder="PAY-1234"
                        prop:value=move || ticket.get() on:input=move |ev| ticket.set(event_target_value(&ev)) on:keydown=on_key/>
                </label>
                <button type="button" class="primary" data-testid="quick-add-button" on:click=move |_| add()>"Add"</button>
            </div>
            <p class="field-error" role="alert" data-testid="quick-error">{move || error.get()}</p>
        </form>
    }
}
