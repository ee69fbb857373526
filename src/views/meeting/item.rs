//! One action item, every field editable in place, with its live check and priority.

use chrono::NaiveDate;
use followthrough_core::deadlines::change_due_date;
use followthrough_core::drafting;
use followthrough_core::scoring::{effort_rubric, impact_rubric, quadrant};
use followthrough_core::{ActionItem, Category, Level};
use leptos::prelude::*;

use crate::ui::safe_link::SafeLink;

use super::chips::{ElementChips, PriorityBadge};
use super::{field, never_submit, validate_item, ItemHandle};
use crate::state::Derived;
use crate::web::clock;

/// Options 1–4 with the rubric's words, for the impact and effort pickers.
pub fn level_options(rubric: fn(Level) -> &'static str) -> impl IntoView {
    Level::all()
        .map(|l| view! { <option value=l.get().to_string()>{format!("{} — {}", l.get(), rubric(l))}</option> })
        .collect_view()
}

pub fn category_options() -> impl IntoView {
    view! {
        <option value="">"Category…"</option>
        {Category::ALL.iter().map(|c| view! { <option value=c.as_str() title=c.description()>{c.as_str()}</option> }).collect_view()}
    }
}

#[component]
pub fn ItemRow(handle: ItemHandle) -> impl IntoView {
    let store = handle.store;
    let derived = Derived::from_context();
    // The row follows its own item (and its post-mortem's changes as a whole), never another
    // item's keystrokes. Two copies: the whole item for the title and the check, which follow
    // every keystroke, and one that does not follow the title for the rest of the row — so a
    // keystroke in the title wakes the title and the chips, not every control of the row.
    // Changes start from the item read afresh (`handle.current()`), never from `rest`.
    let item =
        Memo::new(move |_| store.watch_item(&handle.pm.get_value(), &handle.item.get_value()));
    let rest = Memo::new(move |_| {
        store.watch_item_but_title(&handle.pm.get_value(), &handle.item.get_value())
    });
    let pm_meta = Memo::new(move |_| {
        store.with_pm_for_item(&handle.pm.get_value(), &handle.item.get_value(), |pm| {
            pm.map(|pm| (pm.severity, pm.status)).unwrap_or_default()
        })
    });
    let severity = Signal::derive(move || pm_meta.get().0);
    let validation =
        Memo::new(move |_| item.with(|i| i.as_ref().map(|i| validate_item(i, &derived))));
    let quadrant_name = move || {
        rest.with(|i| {
            i.as_ref().map(|i| {
                derived
                    .settings
                    .with(|s| quadrant(i.impact, i.effort, &s.scoring).name())
            })
        })
    };
    // A control's value, from its own field (see `field`).
    let value_of = move |get: fn(&ActionItem) -> String| {
        let value = field(rest, get);
        move || value.get()
    };
    let title = field(item, |i| i.title.clone());
    let url = field(rest, |i| i.tracking_url.clone());
    let halves = field(rest, |i| i.would_halve_duration);
    let due_date = field(rest, |i| i.due_date);
    let id = handle.id();
    let pending_due = RwSignal::new(None::<NaiveDate>);
    let due_note = RwSignal::new(String::new());
    let due_error = RwSignal::new(String::new());

    let on_due = move |value: String| {
        let Some(date) = followthrough_core::parse_date(value.trim()) else {
            if value.trim().is_empty() {
                due_error.set("A due date is one of the five elements: pick one.".into());
            }
            return;
        };
        due_error.set(String::new());
        if drafting::in_meeting(pm_meta.get_untracked().1) {
            handle.edit("due date", |i| i.due_date = Some(date));
        } else {
            // After the meeting a new date needs a note; original_due_date is kept.
            pending_due.set(Some(date));
        }
    };
    let apply_due = move || {
        let (Some(date), Some(current)) = (pending_due.get_untracked(), handle.current()) else {
            return;
        };
        match change_due_date(&current, date, &due_note.get_untracked(), clock::now()) {
            Ok(updated) => {
                store.replace_item(&handle.pm.get_value(), updated, "due date");
                pending_due.set(None);
                due_note.set(String::new());
                due_error.set(String::new());
            }
            Err(refusal) => due_error.set(refusal.message()),
        }
    };

    // Impact and effort: a level 1–4, with the rubric's words.
    let level_field = move |label: &'static str,
                            test_id: &'static str,
                            rubric: fn(Level) -> &'static str,
                            get: fn(&ActionItem) -> Level,
                            set: fn(&mut ActionItem, Level)| {
        let value = field(rest, move |i| get(i).get().to_string());
        view! {
            <label class="field">
                {label}
                <select data-testid=test_id prop:value=move || value.get()
                    on:change=move |ev| {
                        if let Some(l) = event_target_value(&ev).parse().ok().and_then(Level::new) {
                            // The undo step is named after the field ("impact").
                            handle.edit(&label.to_lowercase(), |i| set(i, l))
                        }
                    }>
                    {level_options(rubric)}
                </select>
            </label>
        }
    };

    view! {
        <li class="action-item" data-testid="action-item" data-item-id=id.clone()
            class:is-ready=move || validation.with(|v| v.as_ref().is_some_and(|v| v.is_ready()))>
            <form class="item-form" on:submit=never_submit>
            <div class="item-top">
                <span class="item-id">{id.clone()}</span>
                <PriorityBadge item=rest severity=severity/>
                <span class="quadrant-name" data-testid="quadrant">{quadrant_name}</span>
                <ElementChips item_id=id.clone() validation=validation/>
                <button type="button" class="delete" data-testid="delete-item"
                    aria-label=format!("Delete {id}")
                    on:click=move |_| store.delete_item(&handle.pm.get_value(), &handle.item.get_value())>
                    "Delete"
                </button>
            </div>
            <label class="field field-title">
                <input type="text" data-testid="item-title" aria-label="Action"
                    prop:value=move || title.get()
                    on:input=move |ev| { let v = event_target_value(&ev); handle.type_in("title", |i| i.title = v) }/>
            </label>
            <div class="item-fields">
                <label class="field">
                    "Owner"
                    <input type="text" data-testid="item-owner" list="people" autocomplete="off"
                        prop:value=value_of(|i| i.owner.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); handle.type_in("owner", |i| i.owner = v) }/>
                </label>
                <label class="field">
                    "Category"
                    <select data-testid="item-category"
                        prop:value=value_of(|i| i.category.map(|c| c.as_str()).unwrap_or("").to_string())
                        on:change=move |ev| { let v = event_target_value(&ev); handle.edit("category", |i| i.category = Category::parse(&v)) }>
                        {category_options()}
                    </select>
                </label>
                {level_field("Impact", "item-impact", impact_rubric, |i| i.impact, |i, l| i.impact = l)}
                {level_field("Effort", "item-effort", effort_rubric, |i| i.effort, |i, l| i.effort = l)}
                <label class="field">
                    "Due"
                    <input type="date" data-testid="item-due"
                        prop:value=move || pending_due.get().or_else(|| due_date.get()).map(|d| d.to_string()).unwrap_or_default()
                        on:change=move |ev| on_due(event_target_value(&ev))/>
                </label>
                <label class="field">
                    "Ticket"
                    <input type="text" data-testid="item-ticket" placeholder="PAY-1234"
                        prop:value=value_of(|i| i.tracking_ticket.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); handle.type_in("ticket", |i| i.tracking_ticket = v) }/>
                </label>
            </div>
            <Show when=move || pending_due.get().is_some()>
                <div class="due-note" data-testid="due-note">
                    <label class="field">
                        "Why is the date changing? (kept in the item's history)"
                        <input type="text" data-testid="due-note-text" prop:value=move || due_note.get()
                            on:input=move |ev| due_note.set(event_target_value(&ev))
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { apply_due() }/>
                    </label>
                    <button type="button" data-testid="due-note-apply" on:click=move |_| apply_due()>"Change date"</button>
                    <button type="button" on:click=move |_| { pending_due.set(None); due_error.set(String::new()) }>"Keep the old date"</button>
                </div>
            </Show>
            <p class="field-error" role="alert">{move || due_error.get()}</p>
            </form>
            <crate::views::tracking::StatusControl handle=handle item=rest/>
            <crate::views::tracking::HistoryTimeline item=rest/>
            <details class="item-more">
                <summary>"More: description, team, link, tags"</summary>
                <form class="item-fields" on:submit=never_submit>
                    <label class="field field-wide">
                        "Description"
                        <textarea data-testid="item-description" rows="2"
                            prop:value=value_of(|i| i.description.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); handle.type_in("description", |i| i.description = v) }></textarea>
                    </label>
                    <label class="field">
                        "Team"
                        <input type="text" data-testid="item-team" prop:value=value_of(|i| i.team.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); handle.type_in("team", |i| i.team = v) }/>
                    </label>
                    <label class="field field-wide">
                        "Tracker link"
                        <input type="url" data-testid="item-url" placeholder="https://tracker.example/PAY-1234"
                            prop:value=move || url.get()
                            on:input=move |ev| { let v = event_target_value(&ev); handle.type_in("tracker link", |i| i.tracking_url = v) }/>
                        <SafeLink url=url text="Open the ticket"/>
                    </label>
                    <TagsField handle=handle item=rest/>
                    <Show when=move || rest.with(|i| i.as_ref().and_then(|i| i.category)) == Some(Category::Detect)>
                        <label class="field field-check">
                            <input type="checkbox" data-testid="item-halves"
                                prop:checked=move || halves.get()
                                on:change=move |ev| { let v = event_target_checked(&ev); handle.edit("halves duration", |i| i.would_halve_duration = v) }/>
                            "Would have halved the incident's duration"
                        </label>
                    </Show>
                </form>
            </details>
        </li>
    }
}

/// Tags as comma-separated text: the raw text is kept while typing and parsed on change, so a
/// trailing comma is not swallowed mid-word.
#[component]
fn TagsField(handle: ItemHandle, item: Memo<Option<ActionItem>>) -> impl IntoView {
    let raw = RwSignal::new(
        item.with_untracked(|i| i.as_ref().map(|i| i.tags.join(", ")).unwrap_or_default()),
    );
    view! {
        <label class="field">
            "Tags"
            <input type="text" data-testid="item-tags" placeholder="payments, alerting"
                prop:value=move || raw.get()
                on:input=move |ev| raw.set(event_target_value(&ev))
                on:change=move |_| {
                    let tags = parse_list(&raw.get_untracked());
                    raw.set(tags.join(", "));
                    handle.edit("tags", |i| i.tags = tags);
                }/>
        </label>
    }
}

/// Comma-separated text to a clean list: trimmed, no blanks, no repeats.
pub fn parse_list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if !out.iter().any(|t| t.eq_ignore_ascii_case(part)) {
            out.push(part.to_string());
        }
    }
    out
}
