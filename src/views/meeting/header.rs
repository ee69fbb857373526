//! The post-mortem's header (DOMAIN.md §1): one summary line — title, severity, incident, date,
//! status — that unfolds into its fields (a click or Enter on the title); and its status moves,
//! shown with the checks.

use followthrough_core::postmortem_checks::{may_close, may_leave_meeting};
use followthrough_core::{PostMortem, PostMortemStatus, Severity};
use leptos::prelude::*;

use crate::ui::safe_link::SafeLink;

use super::editor::parse_list;
use crate::route::Route;
use crate::state::Store;

#[component]
pub fn PostMortemHeader(pm_id: String) -> impl IntoView {
    let store = Store::from_context();
    let pm_id = StoredValue::new(pm_id);
    let pm = Memo::new(move |_| {
        store.with_pm_outline(&pm_id.get_value(), |pm| pm.map(PostMortem::header))
    });
    let edit = move |field: &'static str, change: Box<dyn FnOnce(&mut PostMortem)>| {
        store.edit_postmortem(&pm_id.get_value(), field, change);
    };
    let type_in = move |field: &'static str, change: Box<dyn FnOnce(&mut PostMortem)>| {
        store.type_in_postmortem(&pm_id.get_value(), field, change);
    };
    let text = move |get: fn(&PostMortem) -> String| {
        let value = super::field(pm, get);
        move || value.get()
    };
    let doc_url = super::field(pm, |p| p.doc_url.clone());
    let tags_raw = RwSignal::new(
        pm.with_untracked(|p| p.as_ref().map(|p| p.tags.join(", ")).unwrap_or_default()),
    );
    let open = RwSignal::new(false);
    let severity = text(|p| p.severity.as_str().to_string());
    let status = super::field(pm, |p| p.status);

    view! {
        <header class="pm-header" data-testid="pm-header">
            <div class="pm-summary" data-testid="pm-summary-line">
                <a class="crumb" href=Route::List.href() data-testid="back-to-list" title="All post-mortems">"←"<span class="visually-hidden">" All post-mortems"</span></a>
                <h2 class="pm-heading">
                    <button type="button" class="pm-toggle" data-testid="pm-toggle" aria-controls="pm-details"
                        aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                        <span data-testid="pm-heading">{text(|p| p.title.clone())}</span>
                    </button>
                </h2>
                <span class=move || format!("severity severity-{}", severity().to_ascii_lowercase())>{severity}</span>
                <span class="pm-ref">{text(|p| [p.incident_ref.clone(), p.incident_date.map(|d| d.to_string()).unwrap_or_default()].join("  "))}</span>
                <span class="pm-status" data-testid="pm-status">{move || status.get().label()}</span>
            </div>
            <form id="pm-details" class="pm-details" hidden=move || !open.get() on:submit=super::never_submit>
                <label class="field field-title">
                    "Title"
                    <textarea class="title-field pm-title" rows="1" data-testid="pm-title"
                        prop:value=text(|p| p.title.clone())
                        on:input=move |ev| { let v = event_target_value(&ev).replace(['\n', '\r'], " "); type_in("title", Box::new(move |p| p.title = v)) }
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default() }></textarea>
                </label>
                <div class="item-fields">
                    <label class="field">"Severity"
                        <select data-testid="pm-severity" prop:value=text(|p| p.severity.as_str().to_string())
                            on:change=move |ev| { let v = Severity::parse(&event_target_value(&ev)).unwrap_or_default(); edit("severity", Box::new(move |p| p.severity = v)) }>
                            {Severity::ALL.iter().map(|s| view! { <option value=s.as_str()>{s.as_str()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label class="field">"Incident"
                        <input type="text" data-testid="pm-incident" placeholder="INC-481" prop:value=text(|p| p.incident_ref.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); type_in("incident", Box::new(move |p| p.incident_ref = v)) }/>
                    </label>
                    <label class="field">"Incident date"
                        <input type="date" data-testid="pm-date" prop:value=text(|p| p.incident_date.map(|d| d.to_string()).unwrap_or_default())
                            on:change=move |ev| { let v = followthrough_core::parse_date(&event_target_value(&ev)); edit("incident date", Box::new(move |p| p.incident_date = v)) }/>
                    </label>
                    <label class="field">"Duration (minutes)"
                        <input type="number" min="0" data-testid="pm-duration" prop:value=text(|p| p.duration_minutes.map(|d| d.to_string()).unwrap_or_default())
                            on:change=move |ev| { let v = event_target_value(&ev).trim().parse().ok(); edit("duration", Box::new(move |p| p.duration_minutes = v)) }/>
                    </label>
                    <label class="field">"Facilitator"
                        <input type="text" data-testid="pm-facilitator" list="people" prop:value=text(|p| p.facilitator.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); type_in("facilitator", Box::new(move |p| p.facilitator = v)) }/>
                    </label>
                    <label class="field">"Tags"
                        <input type="text" data-testid="pm-tags" prop:value=move || tags_raw.get()
                            on:input=move |ev| tags_raw.set(event_target_value(&ev))
                            on:change=move |_| { let tags = parse_list(&tags_raw.get_untracked()); tags_raw.set(tags.join(", ")); edit("tags", Box::new(move |p| p.tags = tags)) }/>
                    </label>
                    <label class="field field-wide">"Post-mortem document"
                        <input type="url" data-testid="pm-doc" placeholder="https://wiki.example/postmortems/…" prop:value=move || doc_url.get()
                            on:input=move |ev| { let v = event_target_value(&ev); type_in("document", Box::new(move |p| p.doc_url = v)) }/>
                        <SafeLink url=doc_url text="Open the document"/>
                    </label>
                    <label class="field field-wide">"Summary"
                        <textarea data-testid="pm-summary" rows="2" prop:value=text(|p| p.summary.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); type_in("summary", Box::new(move |p| p.summary = v)) }></textarea>
                    </label>
                </div>
            </form>
        </header>
    }
}

/// The post-mortem's next status move (finish the meeting, start tracking, close), with the
/// reason when the core refuses it.
pub fn post_mortem_moves(pm_id: String) -> impl IntoView {
    let store = Store::from_context();
    let pm_id = StoredValue::new(pm_id);
    let status =
        Memo::new(move |_| store.with_pm_outline(&pm_id.get_value(), |pm| pm.map(|p| p.status)));
    let edit = move |field: &'static str, change: Box<dyn FnOnce(&mut PostMortem)>| {
        store.edit_postmortem(&pm_id.get_value(), field, change);
    };
    let status_error = RwSignal::new(String::new());
    let closure_note = RwSignal::new(String::new());

    let advance = move |to: PostMortemStatus| {
        let full = store.peek_pm(&pm_id.get_value(), |pm| pm.cloned());
        let Some(full) = full else { return };
        let check = match to {
            PostMortemStatus::InReview => may_leave_meeting(&full).map_err(|u| u.message()),
            PostMortemStatus::Closed => {
                let mut with_note = full.clone();
                with_note.closure_note = closure_note.get_untracked();
                may_close(&with_note).map_err(|r| r.message())
            }
            _ => Ok(()),
        };
        match check {
            Ok(()) => {
                let note = closure_note.get_untracked();
                edit(
                    "status",
                    Box::new(move |p| {
                        p.status = to;
                        if to == PostMortemStatus::Closed {
                            p.closure_note = note;
                        }
                    }),
                );
                status_error.set(String::new());
            }
            Err(message) => status_error.set(message),
        }
    };

    view! {
        <form class="pm-moves" on:submit=super::never_submit>
            {move || match status.get() {
                Some(PostMortemStatus::Draft) => view! {
                    <button type="button" data-testid="pm-to-review" on:click=move |_| advance(PostMortemStatus::InReview)>"Finish the meeting: send to review"</button>
                }.into_any(),
                Some(PostMortemStatus::InReview) => view! {
                    <button type="button" data-testid="pm-to-tracking" on:click=move |_| advance(PostMortemStatus::Tracking)>"Start tracking"</button>
                }.into_any(),
                Some(PostMortemStatus::Tracking) => view! {
                    <label class="field field-wide">"Closure note"
                        <input type="text" data-testid="pm-closure-note" prop:value=move || closure_note.get()
                            on:input=move |ev| closure_note.set(event_target_value(&ev))/>
                    </label>
                    <button type="button" data-testid="pm-close" on:click=move |_| advance(PostMortemStatus::Closed)>"Close the post-mortem"</button>
                }.into_any(),
                _ => ().into_any(),
            }}
            <p class="field-error" role="alert" data-testid="pm-status-error">{move || status_error.get()}</p>
        </form>
    }
}
