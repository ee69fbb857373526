//! Hash routing: `#/` is the list, `#/pm/<id>` a post-mortem, `#/items` the portfolio of
//! every item, `#/review` the review view, `#/dashboard` the metrics, `#/people` the people roster. A hash keeps the app a static
//! page that works from any sub-path, with no server rewrites.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    List,
    PostMortem(String),
    /// Every item of every post-mortem: the portfolio.
    Items,
    Review,
    Dashboard,
    /// The workspace's people roster (settings).
    People,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.strip_prefix("pm/") {
            Some(id) if !id.is_empty() => Route::PostMortem(decode(id)),
            _ => match path.trim_end_matches('/') {
                "items" => Route::Items,
                "review" => Route::Review,
                "dashboard" => Route::Dashboard,
                "people" => Route::People,
                _ => Route::List,
            },
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::List => "#/".into(),
            Route::Items => "#/items".into(),
            Route::Review => "#/review".into(),
            Route::Dashboard => "#/dashboard".into(),
            Route::People => "#/people".into(),
            Route::PostMortem(id) => {
                format!("#/pm/{}", String::from(js_sys::encode_uri_component(id)))
            }
        }
    }
}

fn decode(text: &str) -> String {
    js_sys::decode_uri_component(text)
        .map(String::from)
        .unwrap_or_else(|_| text.to_string())
}

fn current() -> Route {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| Route::parse(&h))
        .unwrap_or(Route::List)
}

/// The current route, following `hashchange`.
pub fn use_route() -> ReadSignal<Route> {
    let (route, set_route) = signal(current());
    if let Some(window) = web_sys::window() {
        let on_change = Closure::<dyn Fn()>::new(move || set_route.set(current()));
        let _ = window
            .add_event_listener_with_callback("hashchange", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }
    route
}

pub fn go(route: &Route) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(&route.href());
    }
}
