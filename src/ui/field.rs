//! Labelled form fields bound to a signal, in the form's usual style (`<label class="field">`).

use chrono::NaiveDate;
use leptos::prelude::*;

/// A labelled date picker: a date that does not parse leaves `value` as it was.
pub fn date_field(
    label: &'static str,
    test_id: &'static str,
    value: RwSignal<NaiveDate>,
) -> impl IntoView {
    view! {
        <label class="field">
            {label}
            <input type="date" data-testid=test_id prop:value=move || value.get().to_string()
                on:change=move |ev| {
                    if let Some(day) = followthrough_core::parse_date(&event_target_value(&ev)) {
                        value.set(day);
                    }
                }/>
        </label>
    }
}

/// A labelled `<select>` bound to `value`: first `blank` (value ""), then `options` as
/// (value, label).
pub fn choice_field(
    label: &'static str,
    test_id: &'static str,
    value: RwSignal<String>,
    blank: &'static str,
    options: Vec<(&'static str, String)>,
) -> impl IntoView {
    view! {
        <label class="field">
            {label}
            <select data-testid=test_id prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">{blank}</option>
                {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
        </label>
    }
}
