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

pub use app::App;

/// Mounts the app on the page's body.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
