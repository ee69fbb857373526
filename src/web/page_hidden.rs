//! The page being hidden or unloaded: the last moment to write what is pending.

use wasm_bindgen::{closure::Closure, JsCast};

/// Runs `then` when the page is hidden (another tab, a minimised window) or unloaded, so that
/// the last keystroke before closing the tab is kept. For the page's lifetime.
pub fn on_page_hidden(then: impl Fn() + Clone + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_pagehide = Closure::<dyn Fn()>::new(then.clone());
    let _ =
        window.add_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref());
    on_pagehide.forget();
    if let Some(document) = window.document() {
        let doc = document.clone();
        let on_visibility = Closure::<dyn Fn()>::new(move || {
            if doc.visibility_state() == web_sys::VisibilityState::Hidden {
                then();
            }
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_visibility.as_ref().unchecked_ref(),
        );
        on_visibility.forget();
    }
}
