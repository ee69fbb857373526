//! Followthrough, the browser app: UI only. Every rule lives in `followthrough-core`.
//!
//! The layers, each using only those before it (ARCHITECTURE.md has the map):
//! `web` (the browser, one concern per file) → `state` (the store: the workspace, its read
//! scopes, edits, undo and save) → `ui` (pieces shared by the views) → `views` (the screens)
//! → `app` (the page: wires the store to the browser and routes to the views).

pub mod app;
pub mod on_demand;
pub mod route;
pub mod state;
pub mod ui;
pub mod update;
pub mod views;
pub mod web;

pub use app::App;

/// Mounts the app on the page's body, in place of the static shell `index.html` paints first.
pub fn start() {
    console_error_panic_hook::set_once();
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app-shell"))
    {
        shell.remove();
    }
    leptos::mount::mount_to_body(App);
}
