//! The portfolio: every item of every post-mortem, filtered by owner, team, priority, status,
//! category, tag or overdue, and grouped by post-mortem, owner, team or theme (tag). Which rows
//! match, how they group and in what order is `followthrough_core::query`'s to say.

use followthrough_core::query::{
    filter_choices, group_rows, item_rows, GroupBy, ItemFilter, ItemRow,
};
use followthrough_core::{Category, ItemStatus, Priority};
use leptos::prelude::*;

use crate::route::Route;
use crate::state::Derived;
use crate::state::Store;
use crate::ui::badges::StatusBadge;

/// The filters as chosen: each control's value (empty for any).
#[derive(Clone, Copy)]
struct Filters {
    owner: RwSignal<String>,
    team: RwSignal<String>,
    priority: RwSignal<String>,
    status: RwSignal<String>,
    category: RwSignal<String>,
    tag: RwSignal<String>,
    overdue: RwSignal<bool>,
    open_only: RwSignal<bool>,
    text: RwSignal<String>,
}

impl Filters {
    fn new() -> Filters {
        Filters {
            owner: RwSignal::new(String::new()),
            team: RwSignal::new(String::new()),
            priority: RwSignal::new(String::new()),
            status: RwSignal::new(String::new()),
            category: RwSignal::new(String::new()),
            tag: RwSignal::new(String::new()),
            overdue: RwSignal::new(false),
            open_only: RwSignal::new(false),
            text: RwSignal::new(String::new()),
        }
    }

    fn clear(&self) {
        for s in [
            self.owner,
            self.team,
            self.priority,
            self.status,
            self.category,
            self.tag,
            self.text,
        ] {
            s.set(String::new());
        }
        self.overdue.set(false);
        self.open_only.set(false);
    }

    /// The chosen values as the core's filter (tracked: a memo that calls it follows them).
    fn query(&self) -> ItemFilter {
        ItemFilter {
            owner: self.owner.get(),
            team: self.team.get(),
            priority: Priority::parse(&self.priority.get()),
            status: ItemStatus::parse(&self.status.get()),
            category: Category::parse(&self.category.get()),
            tag: self.tag.get(),
            overdue_only: self.overdue.get(),
            open_only: self.open_only.get(),
            text: self.text.get(),
        }
    }
}

#[component]
pub fn Portfolio() -> impl IntoView {
    let store = Store::from_context();
    let derived = Derived::from_context();
    let filters = Filters::new();
    let group_by = RwSignal::new(GroupBy::None);
    let rows = Memo::new(move |_| {
        let today = derived.today.get();
        store.with_workspace(|ws| item_rows(ws, today))
    });
    // The choices each filter offers, from the data.
    let choices = Memo::new(move |_| rows.with(|rows| filter_choices(rows)));
    let shown = Memo::new(move |_| {
        let filter = filters.query();
        rows.with(|rows| filter.apply(rows))
    });
    let groups = Memo::new(move |_| {
        let by = group_by.get();
        shown.with(|rows| group_rows(rows, by))
    });
    let select = |label: &'static str,
                  test_id: &'static str,
                  value: RwSignal<String>,
                  options: Signal<Vec<(String, String)>>| {
        view! {
            <label class="field">
                {label}
                <select data-testid=test_id prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="">"Any"</option>
                    {move || options.get().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    let fixed = |list: Vec<(String, String)>| Signal::derive(move || list.clone());

    view! {
        <section class="portfolio" data-testid="portfolio" aria-labelledby="portfolio-heading">
            <div class="view-head">
                <h2 id="portfolio-heading">"All action items"</h2>
                <p class="muted" data-testid="portfolio-count" aria-live="polite">
                    {move || format!("{} of {} items", shown.with(Vec::len), rows.with(Vec::len))}
                </p>
            </div>
            <div class="filters portfolio-filters" role="search" aria-label="Filter items">
                <label class="field">
                    "Search"
                    <input type="search" data-testid="filter-text" placeholder="title, id or ticket"
                        prop:value=move || filters.text.get() on:input=move |ev| filters.text.set(event_target_value(&ev))/>
                </label>
                {select("Owner", "filter-owner", filters.owner, Signal::derive(move || derived.people.get().into_iter().map(|p| (p.clone(), p)).collect()))}
                {select("Team", "filter-team", filters.team, Signal::derive(move || choices.get().teams.into_iter().map(|t| (t.clone(), t)).collect()))}
                {select("Priority", "filter-priority", filters.priority, fixed(Priority::ALL.iter().map(|p| (p.as_str().to_string(), format!("{p} ({})", p.meaning()))).collect()))}
                {select("Status", "filter-status", filters.status, fixed(ItemStatus::ALL.iter().map(|s| (s.as_str().to_string(), s.label().to_string())).collect()))}
                {select("Category", "filter-category", filters.category, fixed(Category::ALL.iter().map(|c| (c.as_str().to_string(), c.as_str().to_string())).collect()))}
                {select("Tag", "filter-tag", filters.tag, Signal::derive(move || choices.get().tags.into_iter().map(|t| (t.clone(), t)).collect()))}
                <label class="field field-check">
                    <input type="checkbox" data-testid="filter-overdue" prop:checked=move || filters.overdue.get()
                        on:change=move |ev| filters.overdue.set(event_target_checked(&ev))/>
                    "Overdue only"
                </label>
                <label class="field field-check">
                    <input type="checkbox" data-testid="filter-open" prop:checked=move || filters.open_only.get()
                        on:change=move |ev| filters.open_only.set(event_target_checked(&ev))/>
                    "Open only"
                </label>
                <label class="field">
                    "Group by"
                    <select data-testid="group-by" on:change=move |ev| group_by.set(GroupBy::parse(&event_target_value(&ev)))>
                        {GroupBy::ALL.map(|g| view! { <option value=g.as_str()>{g.label()}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" data-testid="filter-clear" on:click=move |_| filters.clear()>"Clear filters"</button>
            </div>
            <Show when=move || !shown.with(Vec::is_empty)
                fallback=move || view! {
                    <div class="empty-state" data-testid="portfolio-empty">
                        {move || if rows.with(Vec::is_empty) {
                            view! { <p>"No action items yet. They appear here once written in a post-mortem."</p><a href=Route::List.href()>"Go to the post-mortems"</a> }.into_any()
                        } else {
                            view! { <p>"No item matches these filters."</p> }.into_any()
                        }}
                    </div>
                }>
                {move || groups.get().into_iter().map(|(name, rows)| view! {
                    <section class="portfolio-group" data-testid="portfolio-group" data-group=name.clone()>
                        {(!name.is_empty()).then(|| view! { <h3>{name.clone()}" "<span class="count-badge">{rows.len()}</span></h3> })}
                        <ul class="portfolio-list">
                            {rows.into_iter().map(portfolio_row).collect_view()}
                        </ul>
                    </section>
                }).collect_view()}
            </Show>
        </section>
    }
}

fn portfolio_row(row: ItemRow) -> impl IntoView {
    let item = row.item;
    let status = item.status;
    let href = Route::PostMortem(row.pm_id.clone()).href();
    let priority = item.priority.as_str();
    view! {
        <li class="portfolio-row" data-testid="portfolio-item" data-item-id=item.id.clone()>
            <span class=format!("priority priority-{}", priority.to_ascii_lowercase())>{priority}</span>
            <a class="item-id" href=href title=format!("Open {}", row.pm_title)>{item.id.clone()}</a>
            <StatusBadge status=Signal::derive(move || status)/>
            <span class="portfolio-title">{item.title.clone()}</span>
            <span class="portfolio-meta">
                <span>{if item.owner.trim().is_empty() { "no owner".to_string() } else { item.owner.clone() }}</span>
                {(!item.team.trim().is_empty()).then(|| view! { <span>{item.team.clone()}</span> })}
                {item.category.map(|c| view! { <span>{c.as_str()}</span> })}
                {item.due_date.map(|d| view! { <span>"due "{d.to_string()}</span> })}
                {row.overdue.map(|d| view! { <span class="overdue" data-testid="overdue-days">{format!("{d} d overdue")}</span> })}
                {(!item.tags.is_empty()).then(|| view! { <span class="tags">{item.tags.join(", ")}</span> })}
            </span>
        </li>
    }
}
