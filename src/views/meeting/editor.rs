//! An open row's editor: the title (it wraps), owner, category, impact and effort (short labels,
//! the rubric beside), due date (a noted change after the meeting) and ticket; and, folded,
//! the rest (description, team, tracker link, tags, "would have halved the duration").

use chrono::NaiveDate;
use followthrough_core::deadlines::change_due_date;
use followthrough_core::drafting;
use followthrough_core::scoring::{effort_rubric, impact_rubric};
use followthrough_core::{ActionItem, Category, Level, PostMortemStatus};
use leptos::prelude::*;

use super::keys::Meeting;
use super::{field, never_submit, ItemHandle};
use crate::ui::safe_link::SafeLink;
use crate::web::clock;

/// A rubric's level in a word or two ("critical"), for a picker's option.
fn short(rubric: &'static str) -> &'static str {
    rubric.split_once(" — ").map_or(rubric, |(word, _)| word)
}

/// What a rubric's level means ("removes the root cause…"), shown beside a picker.
fn meaning(rubric: &'static str) -> &'static str {
    rubric.split_once(" — ").map_or("", |(_, what)| what)
}

/// Options 1–4 for the impact and effort pickers: "4 critical", the rubric in full on hover.
pub fn level_options(rubric: fn(Level) -> &'static str) -> impl IntoView {
    Level::all()
        .map(|l| view! { <option value=l.get().to_string() title=rubric(l)>{format!("{} {}", l.get(), short(rubric(l)))}</option> })
        .collect_view()
}

/// The meaning of the level a picker shows, beside it (the picker's description).
pub fn rubric_note(
    rubric: fn(Level) -> &'static str,
    level: impl Fn() -> Option<Level> + Send + Sync + 'static,
    test_id: &'static str,
    dom_id: String,
) -> impl IntoView {
    view! { <span class="rubric" data-testid=test_id id=dom_id>{move || level().map(|l| meaning(rubric(l))).unwrap_or("")}</span> }
}

pub fn category_options() -> impl IntoView {
    view! {
        <option value="">"Category…"</option>
        {Category::ALL.iter().map(|c| view! { <option value=c.as_str() title=c.description()>{c.as_str()}</option> }).collect_view()}
    }
}

/// The title as a text area that wraps; Enter (no line breaks in a title) closes the editor.
// Plain functions rather than components: a component's view is erased to an AnyView, and that
// glue, per view, costs more download than the editor can afford.
pub fn title_field(handle: ItemHandle, title: Memo<String>) -> impl IntoView {
    let m = Meeting::from_context();
    view! {
        <form class="item-title-form" on:submit=never_submit>
            <label class="field field-title">
                <textarea class="title-field" rows="1" data-testid="item-title" aria-label="Action"
                    prop:value=move || title.get()
                    on:input=move |ev| { let v = event_target_value(&ev).replace(['\n', '\r'], " "); handle.type_in("title", |i| i.title = v) }
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" && !ev.is_composing() {
                            ev.prevent_default();
                            m.close_row(&handle.id());
                        }
                    }></textarea>
            </label>
        </form>
    }
}

/// Owner, category, impact, effort, due date and ticket. `pm_status`: the post-mortem's, which
/// decides whether a new due date needs a note (once the original is frozen).
pub fn item_fields(
    handle: ItemHandle,
    rest: Memo<Option<ActionItem>>,
    pm_status: Signal<PostMortemStatus>,
) -> impl IntoView {
    let store = handle.store;
    let id = handle.id();
    // A control's value, from its own field (see `field`).
    let value_of = move |get: fn(&ActionItem) -> String| {
        let value = field(rest, get);
        move || value.get()
    };
    let due_date = field(rest, |i| i.due_date);
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
        if handle.current().is_some_and(|i| {
            !drafting::original_due_date_frozen(pm_status.get_untracked(), &i, clock::now())
        }) {
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

    // Impact and effort: a level 1–4 in short, what it means beside.
    let level_field = move |label: &'static str,
                            test_id: &'static str,
                            note_id: &'static str,
                            rubric: fn(Level) -> &'static str,
                            get: fn(&ActionItem) -> u8,
                            set: fn(&mut ActionItem, Level)| {
        let value = field(rest, get);
        let dom_id = format!("{note_id}-{id}");
        view! {
            <div class="field level-field">
                <label>
                    {label}
                    <select data-testid=test_id aria-describedby=dom_id.clone() prop:value=move || value.get().to_string()
                        on:change=move |ev| {
                            if let Some(l) = event_target_value(&ev).parse().ok().and_then(Level::new) {
                                // The undo step is named after the field ("impact").
                                handle.edit(&label.to_lowercase(), |i| set(i, l))
                            }
                        }>
                        {level_options(rubric)}
                    </select>
                </label>
                {rubric_note(rubric, move || Level::new(value.get()), note_id, dom_id)}
            </div>
        }
    };

    view! {
        <form class="item-form" on:submit=never_submit>
            <div class="item-fields">
                <label class="field">
                    "Owner"
                    <input type="text" data-testid="item-owner" list="people" autocomplete="off"
                        prop:value=value_of(|i| i.owner.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); handle.type_in("owner", |i| i.owner = v) }
                        on:change=move |_| handle.store.owner_typed_done(&handle.pm.get_value(), &handle.id())/>
                </label>
                <label class="field">
                    "Category"
                    <select data-testid="item-category"
                        prop:value=value_of(|i| i.category.map(|c| c.as_str()).unwrap_or("").to_string())
                        on:change=move |ev| { let v = event_target_value(&ev); handle.edit("category", |i| i.category = Category::parse(&v)) }>
                        {category_options()}
                    </select>
                </label>
                {level_field("Impact", "item-impact", "impact-rubric", impact_rubric, |i| i.impact.get(), |i, l| i.impact = l)}
                {level_field("Effort", "item-effort", "effort-rubric", effort_rubric, |i| i.effort.get(), |i, l| i.effort = l)}
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
    }
}

/// The item's other fields, folded: description, team, tracker link, tags, and for a detection
/// item whether it would have halved the incident.
pub fn more_fields(handle: ItemHandle, rest: Memo<Option<ActionItem>>) -> impl IntoView {
    let value_of = move |get: fn(&ActionItem) -> String| {
        let value = field(rest, get);
        move || value.get()
    };
    let url = field(rest, |i| i.tracking_url.clone());
    let halves = field(rest, |i| i.would_halve_duration);
    view! {
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
                {tags_field(handle, rest)}
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
    }
}

/// Tags as comma-separated text: the raw text is kept while typing and parsed on change, so a
/// trailing comma is not swallowed mid-word.
fn tags_field(handle: ItemHandle, item: Memo<Option<ActionItem>>) -> impl IntoView {
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
