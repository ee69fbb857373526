//! A link typed by the user, opened only when it is http or https (`validator::safe_link`):
//! a `javascript:` or `data:` address is never made clickable.

use followthrough_core::validator::safe_link;
use leptos::prelude::*;

/// "Open the …" beside a field holding an address, or why it is not offered. Nothing while
/// the field is empty.
#[component]
pub fn SafeLink(#[prop(into)] url: Signal<String>, text: &'static str) -> impl IntoView {
    move || {
        Some(url.get())
            .filter(|u| !u.trim().is_empty())
            .map(|url| match safe_link(&url) {
                Some(href) => {
                    view! { <a href=href target="_blank" rel="noopener noreferrer">{text}</a> }
                        .into_any()
                }
                None => {
                    view! { <span class="warn-text">"Only http and https links are opened."</span> }
                        .into_any()
                }
            })
    }
}
