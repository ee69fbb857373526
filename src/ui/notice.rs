//! The notice: the last thing done or undone, with undo and redo at hand. It closes by itself
//! after a few seconds (not while the pointer or the focus is on it, so its Undo stays at hand),
//! on the next edit (the store closes it) and on Escape; it moves to the top of the window while
//! the focused control sits where it would cover it.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::Store;
use crate::web::focus;
use crate::web::timers::{self, TimerSlot};

/// How long a notice stays when nothing holds it.
const NOTICE_MS: u32 = 6000;
/// Its distance from the window's bottom (or top) edge, as in the style sheet.
const EDGE_PX: f64 = 12.0;

#[component]
pub fn Notice() -> impl IntoView {
    let store = Store::from_context();
    let notice = store.notice;
    let timer: TimerSlot = StoredValue::new_local(None);
    let held = RwSignal::new(false);
    let at_top = RwSignal::new(false);
    let node = || focus::find("[data-testid=notice]");
    let shown = move || notice.with(|n| n.is_some());

    // At the bottom, unless the focused control lies under it there (then at the top, unless it
    // would cover it there too).
    let place = move || {
        let (Some(el), Some(window)) = (node(), web_sys::window()) else {
            return;
        };
        let focused = window
            .document()
            .and_then(|d| d.active_element())
            .filter(|f| !el.contains(Some(f)) && f.local_name() != "body");
        let Some(focused) = focused else { return };
        let size =
            |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        let (width, height) = (size(window.inner_width()), size(window.inner_height()));
        let own = el.get_bounding_client_rect();
        let r = focused.get_bounding_client_rect();
        let covers = |top: f64| {
            r.left() < (width + own.width()) / 2.0
                && r.right() > (width - own.width()) / 2.0
                && r.top() < top + own.height()
                && r.bottom() > top
        };
        let top = covers(height - EDGE_PX - own.height()) && !covers(EDGE_PX);
        if top != at_top.get_untracked() {
            at_top.set(top);
        }
    };
    let arm = move || {
        timers::cancel(timer);
        if !held.get_untracked() && notice.with_untracked(|n| n.is_some()) {
            timer.set_value(Some(Timeout::new(NOTICE_MS, move || {
                timer.set_value(None);
                store.dismiss_notice();
            })));
        }
    };
    // A new notice: start its time, and see where it may sit.
    Effect::new(move |_| {
        if shown() {
            arm();
            request_animation_frame(place);
        } else {
            timers::cancel(timer);
        }
    });
    let hold = move |on: bool| {
        held.set(on);
        arm();
    };
    let on_focus = window_event_listener(leptos::ev::focusin, move |_| {
        if notice.with_untracked(|n| n.is_some()) {
            place();
        }
    });
    let on_escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && notice.with_untracked(|n| n.is_some()) {
            store.dismiss_notice();
        }
    });
    // For the page's lifetime.
    std::mem::forget((on_focus, on_escape));
    let leaves = move |ev: leptos::ev::FocusEvent| {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(node())
            .is_some_and(|(to, el)| el.contains(Some(&to)));
        if !inside {
            hold(false);
        }
    };

    view! {
        <div class="notice" data-testid="notice" role="status" aria-live="polite"
            class:visible=shown class:at-top=move || at_top.get()
            on:mouseenter=move |_| hold(true) on:mouseleave=move |_| hold(false)
            on:focusin=move |_| hold(true) on:focusout=leaves>
            <span>{move || notice.get().unwrap_or_default()}</span>
            <Show when=move || store.can_undo.get()>
                <button type="button" data-testid="undo" on:click=move |_| store.undo() title="Ctrl+Z">"Undo"</button>
            </Show>
            <Show when=move || store.can_redo.get()>
                <button type="button" data-testid="redo" on:click=move |_| store.redo() title="Ctrl+Shift+Z">"Redo"</button>
            </Show>
            <Show when=shown>
                <button type="button" class="dismiss" aria-label="Dismiss" on:click=move |_| store.dismiss_notice()>"×"</button>
            </Show>
        </div>
    }
}
