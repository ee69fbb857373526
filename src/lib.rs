//! Followthrough, the browser app: UI only. Every rule lives in `followthrough-core`.

pub mod app;
pub mod banner;
pub mod charts;
pub mod clipboard;
pub mod clock;
pub mod dashboard;
pub mod derived;
pub mod download;
pub mod exchange_ui;
pub mod history;
pub mod meeting;
pub mod persist;
pub mod portfolio;
pub mod postmortems;
pub mod related;
pub mod review_view;
pub mod route;
pub mod status;
pub mod store;
pub mod update;

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
