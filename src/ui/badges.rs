//! The small marks every item view shows the same way: its status and its priority.

use followthrough_core::{ItemStatus, Priority};
use leptos::prelude::*;

/// The status badge: `data-testid="status"`, its text the status.
#[component]
pub fn StatusBadge(#[prop(into)] status: Signal<ItemStatus>) -> impl IntoView {
    view! {
        <span class=move || format!("status status-{}", status.get().as_str())
            data-testid="status" data-status=move || status.get().as_str()>
            {move || status.get().label()}
        </span>
    }
}

/// The CSS class of a priority mark ("priority priority-p1").
pub fn priority_class(priority: Priority) -> String {
    format!(
        "priority priority-{}",
        priority.as_str().to_ascii_lowercase()
    )
}

/// A priority as a plain mark ("P1"), for lists; the meeting page's badge explains itself.
pub fn priority_tag(priority: Priority) -> impl IntoView {
    view! { <span class=priority_class(priority)>{priority.as_str()}</span> }
}
