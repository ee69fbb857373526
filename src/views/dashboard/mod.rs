//! The dashboard (DOMAIN.md §9): every metric with its target, red flag and status over a
//! chosen window, the charts, completion per post-mortem, the wins, and a printable summary for
//! leadership. Every number comes from `metrics::compute`.
//!
//! Test hooks: each metric is `data-testid="metric-<name>"` with `data-value` (the core's raw
//! value: rates as fractions 0–1, days, counts; an unbounded created/closed ratio is
//! `Infinity`) and `data-status` (`green`, `amber` or `red`). A metric with nothing to measure
//! has `data-value=""`, `data-no-data="true"` and `data-status="green"`: with nothing due,
//! nothing was late, so there is nothing to alarm anyone about — the card says "No data" and
//! why, rather than claiming a success.

mod cards;
mod charts;
mod summary;

use followthrough_core::metrics::{compute, MetricId, WindowChoice};
use followthrough_core::Win;
use leptos::prelude::*;

use crate::state::{Derived, Store};
use crate::ui::charts::{column_chart, ChartPanel, DataTable, Series};
use crate::ui::field::date_field;
use cards::MetricCard;
use charts::{category_chart, time_to_close_chart};
use summary::{LeadershipSummary, PostMortemCompletion, WinsList};

/// One win with where it was earned.
#[derive(Clone, PartialEq)]
struct WinEntry {
    pm_id: String,
    item_id: String,
    title: String,
    owner: String,
    win: Win,
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let store = Store::from_context();
    let derived = Derived::from_context();
    let as_of = RwSignal::new(derived.today.get_untracked());
    let choice = RwSignal::new(WindowChoice::default().value());
    let metrics = Memo::new(move |_| {
        let window = WindowChoice::parse(&choice.get()).window(as_of.get());
        store.with_workspace(|ws| compute(ws, window, &ws.settings))
    });
    let wins = Memo::new(move |_| {
        store.with_workspace(|ws| {
            let mut all: Vec<WinEntry> = ws
                .items()
                .flat_map(|(pm, item)| {
                    item.wins.iter().map(move |w| WinEntry {
                        pm_id: pm.id.clone(),
                        item_id: item.id.clone(),
                        title: item.title.clone(),
                        owner: item.owner.clone(),
                        win: w.clone(),
                    })
                })
                .collect();
            followthrough_core::order::sort_by(&mut all, |a, b| {
                b.win
                    .at
                    .cmp(&a.win.at)
                    .then_with(|| a.item_id.cmp(&b.item_id))
            });
            all
        })
    });
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };

    view! {
        <section class="dashboard" data-testid="dashboard" aria-labelledby="dashboard-heading">
            <div class="view-head">
                <h2 id="dashboard-heading">"Dashboard"</h2>
                <div class="view-controls dashboard-controls">
                    <label class="field">
                        "Window"
                        <select data-testid="dashboard-window" prop:value=move || choice.get()
                            on:change=move |ev| choice.set(event_target_value(&ev))>
                            {WindowChoice::all().map(|c| view! { <option value=c.value()>{c.label()}</option> }).collect_view()}
                        </select>
                    </label>
                    {date_field("Ending on", "dashboard-date", as_of)}
                    <button type="button" data-testid="dashboard-print" on:click=print>"Print the leadership summary"</button>
                </div>
            </div>
            <p class="window-label" data-testid="dashboard-window-label">{move || format!("Window: {}", metrics.with(|m| m.window.label()))}</p>
            <LeadershipSummary metrics=metrics wins=wins/>
            <div class="metric-grid" data-testid="metric-grid">
                {MetricId::ALL.map(|id| view! { <MetricCard id=id metrics=metrics/> }).collect_view()}
            </div>
            <p class="muted hook-note">"Status colours: green on target, amber to watch, red a red flag. A metric with nothing to measure shows “No data” and counts as green: nothing was due, so nothing was late."</p>
            <div class="chart-grid-2">
                <ChartPanel title="Created vs closed per month" test_id="chart-created-closed">
                    {move || metrics.with(|m| {
                        let groups = m.created_closed_by_month.iter().map(|f| (f.month.clone(), vec![f.created as f64, f.closed as f64])).collect();
                        column_chart(format!("Items created and closed per month, {}", m.window.label()),
                            vec![Series { name: "Created", class: "series-created" }, Series { name: "Closed", class: "series-closed" }], groups)
                    })}
                    <DataTable head=vec!["Month", "Created", "Closed", "Ratio"] rows=Signal::derive(move || metrics.with(|m| m.created_closed_by_month.iter().map(|f| vec![
                        f.month.clone(), f.created.to_string(), f.closed.to_string(),
                        f.ratio.map(|r| followthrough_core::metrics::Unit::Ratio.format(r)).unwrap_or_else(|| "—".into()),
                    ]).collect()))/>
                </ChartPanel>
                <ChartPanel title="Open items by age" test_id="chart-age">
                    {move || metrics.with(|m| {
                        let groups = m.age_histogram.iter().map(|b| (b.label.clone(), vec![b.count as f64])).collect();
                        column_chart(format!("Open items by age at {}", m.window.to), vec![Series { name: "Open items", class: "series-open" }], groups)
                    })}
                    <DataTable head=vec!["Age", "Open items"] rows=Signal::derive(move || metrics.with(|m| m.age_histogram.iter().map(|b| vec![b.label.clone(), b.count.to_string()]).collect()))/>
                </ChartPanel>
                <ChartPanel title="Time to close by priority, against targets" test_id="chart-ttc">
                    {move || metrics.with(time_to_close_chart)}
                    <p class="chart-key"><span class="key-target">"┃ target"</span>" "<span class="key-acceptable">"┃ acceptable"</span></p>
                    <DataTable head=vec!["Priority", "Closed", "Mean", "Target", "Acceptable", "Status"] rows=Signal::derive(move || metrics.with(|m| m.time_to_close_by_priority.iter().map(|p| vec![
                        p.priority.to_string(), p.closed.to_string(),
                        p.mean_days.map(|d| format!("{d:.1} d")).unwrap_or_else(|| "—".into()),
                        format!("{} d", p.target_days), format!("{} d", p.acceptable_days), p.status.label().into(),
                    ]).collect()))/>
                </ChartPanel>
                <ChartPanel title="Completion by category" test_id="chart-category">
                    {move || metrics.with(category_chart)}
                    <DataTable head=vec!["Category", "Due", "Completed by due date", "Rate"] rows=Signal::derive(move || metrics.with(|m| m.completion_by_category.iter().map(|c| vec![
                        c.category.map(|c| c.as_str()).unwrap_or("(none)").to_string(), c.due.to_string(), c.completed_on_time.to_string(),
                        c.rate.map(|r| format!("{:.0}%", r * 100.0)).unwrap_or_else(|| "—".into()),
                    ]).collect()))/>
                </ChartPanel>
            </div>
            <PostMortemCompletion metrics=metrics/>
            <WinsList wins=wins/>
        </section>
    }
}
