//! The five-element chips and the priority badge of an item.

use followthrough_core::scoring::{explain_base, score};
use followthrough_core::validator::{Element, Validation, Verdict};
use followthrough_core::{ActionItem, Severity};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn test_id(element: Element) -> &'static str {
    match element {
        Element::Owner => "element-owner",
        Element::Verb => "element-verb",
        Element::Outcome => "element-outcome",
        Element::Tracker => "element-tracker",
        Element::Deadline => "element-deadline",
    }
}

fn short_label(element: Element) -> &'static str {
    match element {
        Element::Owner => "Owner",
        Element::Verb => "Verb",
        Element::Outcome => "Outcome",
        Element::Tracker => "Tracker",
        Element::Deadline => "Deadline",
    }
}

fn icon(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Pass => "✓",
        Verdict::Warn => "!",
        Verdict::Fail => "✗",
    }
}

/// Five chips, pass/warn/fail; each shows its message and a better wording on hover or focus.
/// They are one Tab stop (when `tab_stop`), arrows go from one to the next, and Escape hides
/// the tooltip shown.
#[component]
pub fn ElementChips(
    #[prop(into)] item_id: String,
    #[prop(into)] validation: Signal<Option<Validation>>,
    #[prop(into, default = true.into())] tab_stop: Signal<bool>,
) -> impl IntoView {
    // The chip that holds the Tab stop, and whether Escape hid the tooltips.
    let active = RwSignal::new(0usize);
    let tips_off = RwSignal::new(false);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let last = Element::ALL.len() - 1;
        let now = active.get_untracked();
        let to = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (now + 1).min(last),
            "ArrowLeft" | "ArrowUp" => now.saturating_sub(1),
            "Home" => 0,
            "End" => last,
            "Escape" if !tips_off.get_untracked() => {
                tips_off.set(true);
                ev.stop_propagation();
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        active.set(to);
        let chip = ev
            .current_target()
            .and_then(|ul| ul.dyn_into::<web_sys::Element>().ok())
            .and_then(|ul| ul.children().item(to as u32))
            .and_then(|li| li.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(chip) = chip {
            let _ = chip.focus();
        }
    };
    let chips = Element::ALL
        .into_iter()
        .enumerate()
        .map(|(index, element)| {
            let check = Memo::new(move |_| validation.with(|v| v.as_ref().map(|v| v.get(element).clone())));
            let verdict = move || check.with(|c| c.as_ref().map(|c| c.verdict).unwrap_or(Verdict::Fail));
            let tip_id = format!("tip-{item_id}-{}", short_label(element).to_ascii_lowercase());
            view! {
                <li
                    class=move || format!("chip chip-{}", verdict().as_str())
                    data-testid=test_id(element)
                    data-verdict=move || verdict().as_str()
                    tabindex=move || if tab_stop.get() && active.get() == index { "0" } else { "-1" }
                    aria-describedby=tip_id.clone()
                    on:focus=move |_| { active.set(index); tips_off.set(false); }
                >
                    // The label comes first for a screen reader ("Owner, pass"); CSS shows the icon first.
                    <span class="chip-label">{short_label(element)}</span>
                    <span class="chip-icon" role="img" aria-label=move || verdict().as_str()>{move || icon(verdict())}</span>
                    <span class="chip-tip" role="tooltip" id=tip_id.clone()>
                        <strong>{element.label()}": "</strong>
                        {move || check.with(|c| c.as_ref().map(|c| c.message.clone()).unwrap_or_default())}
                        {move || check.with(|c| c.as_ref().and_then(|c| c.suggestion.clone())).map(|s| view! {
                            <span class="chip-suggestion">"Better: "<q>{s}</q></span>
                        })}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="chips" aria-label="Five-element check" class:tips-off=move || tips_off.get()
            on:keydown=on_key on:mouseleave=move |_| tips_off.set(false)>{chips}</ul>
        <span
            class=move || if validation.with(|v| v.as_ref().is_some_and(|v| v.is_ready())) { "ready-badge ready" } else { "ready-badge" }
            data-testid="ready"
            data-ready=move || validation.with(|v| v.as_ref().is_some_and(|v| v.is_ready())).to_string()
        >
            {move || if validation.with(|v| v.as_ref().is_some_and(|v| v.is_ready())) { "Ready" } else { "Not ready" }}
        </span>
    }
}

/// The effective priority; the base and every override reason on demand.
#[component]
pub fn PriorityBadge(
    #[prop(into)] item: Signal<Option<ActionItem>>,
    #[prop(into)] severity: Signal<Severity>,
    /// Whether the badge is a Tab stop (in a row: while it is open).
    #[prop(into, default = true.into())]
    tab_stop: Signal<bool>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let priority = move || item.with(|i| i.as_ref().map(|i| i.priority.as_str()).unwrap_or("P2"));
    let details = move || {
        item.with(|i| {
            i.as_ref().map(|i| {
                // The workspace's own settings when there is a store (always, in the app).
                let settings = use_context::<crate::state::Derived>()
                    .map(|d| d.settings.get())
                    .unwrap_or_default();
                let scored = score(i, severity.get(), &settings);
                (scored, explain_base(i.impact, i.effort, &settings.scoring))
            })
        })
    };
    view! {
        <span class="priority-wrap" class:open=move || open.get()
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                // Escape closes the explanation first; the next Escape leaves the editor.
                if ev.key() == "Escape" && open.get_untracked() {
                    ev.stop_propagation();
                    open.set(false);
                }
            }>
            <button
                type="button"
                class=move || format!("priority priority-{}", priority().to_ascii_lowercase())
                data-testid="priority"
                aria-expanded=move || open.get().to_string()
                tabindex=move || if tab_stop.get() { "0" } else { "-1" }
                title="Why this priority?"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {priority}
            </button>
            <Show when=move || open.get()>
                <span class="priority-details" data-testid="priority-details" role="note">
                    {move || details().map(|(scored, base)| view! {
                        <span>"Base "{scored.base.as_str()}": "{base}</span>
                        <ul>
                            {scored.reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                        </ul>
                        <span>"Effective "{scored.effective.as_str()}" ("{scored.effective.meaning()}")"</span>
                    })}
                </span>
            </Show>
        </span>
    }
}
