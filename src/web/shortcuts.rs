//! The app's keyboard shortcuts.

use leptos::prelude::*;

/// Ctrl+Z calls `undo`, Ctrl+Shift+Z or Ctrl+Y `redo` (⌘ on a Mac) — in every field, since the
/// app's own history replaces the browser's per-field undo. For the page's lifetime.
pub fn on_undo_keys(undo: impl Fn() + 'static, redo: impl Fn() + 'static) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let run: &dyn Fn() = match ev.key().to_lowercase().as_str() {
            "z" if ev.shift_key() => &redo,
            "z" => &undo,
            "y" => &redo,
            _ => return,
        };
        ev.prevent_default();
        run();
    });
    std::mem::forget(handle);
}
