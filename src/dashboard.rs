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

use followthrough_core::metrics::{
    compute, ClosureState, Metric, MetricId, Metrics, Status, WindowChoice,
};
use followthrough_core::{Priority, Win};
use leptos::prelude::*;

use crate::charts::{bar_rows, column_chart, HBar, Series};
use crate::derived::Derived;
use crate::route::Route;
use crate::store::Store;

/// The status hook: no data is rendered green (see the module docs).
fn hook_status(status: Status) -> &'static str {
    match status {
        Status::Green | Status::NoData => "green",
        Status::Amber => "amber",
        Status::Red => "red",
    }
}

fn hook_value(value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_infinite() => "Infinity".into(),
        Some(v) => v.to_string(),
        None => String::new(),
    }
}

/// Why a metric has no value, in words.
fn no_data_reason(id: MetricId) -> &'static str {
    match id {
        MetricId::CompletionRate | MetricId::OnTimeRate => {
            "Nothing was due in this window, so nothing was late."
        }
        MetricId::TimeToClose => "Nothing was closed in this window.",
        MetricId::BacklogAgeP90 => "No open items at the window's end.",
        MetricId::CreatedClosedRatio => "Nothing was created or closed in this window.",
        _ => "Nothing to measure in this window.",
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Green => "st-green",
        Status::Amber => "st-amber",
        Status::Red => "st-red",
        Status::NoData => "st-nodata",
    }
}

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
        store.workspace.with(|ws| compute(ws, window, &ws.settings))
    });
    let wins = Memo::new(move |_| {
        store.workspace.with(|ws| {
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
            all.sort_by(|a, b| {
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
                    <label class="field">
                        "Ending on"
                        <input type="date" data-testid="dashboard-date" prop:value=move || as_of.get().to_string()
                            on:change=move |ev| {
                                if let Some(day) = followthrough_core::parse_date(&event_target_value(&ev)) {
                                    as_of.set(day);
                                }
                            }/>
                    </label>
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

#[component]
fn ChartPanel(title: &'static str, test_id: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="chart-panel" data-testid=test_id>
            <h3>{title}</h3>
            {children()}
        </section>
    }
}

/// The numbers behind a chart, folded away.
#[component]
fn DataTable(head: Vec<&'static str>, rows: Signal<Vec<Vec<String>>>) -> impl IntoView {
    view! {
        <details class="chart-data">
            <summary>"Data"</summary>
            <table>
                <thead><tr>{head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {move || rows.get().into_iter().map(|row| view! {
                        <tr>{row.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}

fn time_to_close_chart(m: &Metrics) -> impl IntoView {
    let max = m
        .time_to_close_by_priority
        .iter()
        .flat_map(|p| [p.mean_days.unwrap_or(0.0), f64::from(p.acceptable_days)])
        .fold(0.0, f64::max)
        * 1.1;
    let rows = m
        .time_to_close_by_priority
        .iter()
        .map(|p| HBar {
            label: format!("{} ({})", p.priority, p.priority.meaning()),
            value: p.mean_days,
            value_text: match p.mean_days {
                Some(d) => format!("{d:.1} d mean, {} closed", p.closed),
                None => "nothing closed".into(),
            },
            class: status_class(p.status).into(),
            markers: vec![
                (
                    f64::from(p.target_days),
                    "marker-target",
                    format!("target {} d", p.target_days),
                ),
                (
                    f64::from(p.acceptable_days),
                    "marker-acceptable",
                    format!("acceptable {} d", p.acceptable_days),
                ),
            ],
        })
        .collect();
    bar_rows(
        format!(
            "Mean days to close by priority against targets, {}",
            m.window.label()
        ),
        rows,
        max,
    )
}

fn category_chart(m: &Metrics) -> impl IntoView {
    let target = m.completion_rate.threshold.green.limit();
    let red = m.completion_rate.threshold.red.limit();
    let rows = m
        .completion_by_category
        .iter()
        .map(|c| {
            let status = Status::judge(&m.completion_rate.threshold, c.rate);
            HBar {
                label: c
                    .category
                    .map(|c| c.as_str())
                    .unwrap_or("(none)")
                    .to_string(),
                value: c.rate,
                value_text: match c.rate {
                    Some(r) => format!("{:.0}% ({} of {})", r * 100.0, c.completed_on_time, c.due),
                    None => "nothing due".into(),
                },
                class: status_class(status).into(),
                markers: vec![
                    (
                        target,
                        "marker-target",
                        format!("target {:.0}%", target * 100.0),
                    ),
                    (
                        red,
                        "marker-acceptable",
                        format!("red flag below {:.0}%", red * 100.0),
                    ),
                ],
            }
        })
        .collect();
    bar_rows(
        format!(
            "Items completed by their due date, by category, {}",
            m.window.label()
        ),
        rows,
        1.0,
    )
}

#[component]
fn MetricCard(id: MetricId, metrics: Memo<Metrics>) -> impl IntoView {
    let metric = Memo::new(move |_| metrics.with(|m| m.get(id).clone()));
    let extra = move || {
        metrics.with(|m| match id {
            MetricId::TimeToClose => m.time_to_close_median_days.map(|d| {
                format!(
                    "Median {}",
                    followthrough_core::metrics::Unit::Days.format(d)
                )
            }),
            MetricId::BacklogSize if !m.backlog_by_team.is_empty() => Some(format!(
                "By team: {}",
                m.backlog_by_team
                    .iter()
                    .map(|t| format!("{} {}", t.team, t.open))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            MetricId::Recurrence if !m.recurrences.is_empty() => Some(
                m.recurrences
                    .iter()
                    .map(|r| {
                        format!(
                            "{} recurred over {} ({} unfinished)",
                            r.postmortem_id, r.recurrence_of, r.unfinished_items
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            _ => None,
        })
    };
    view! {
        <article class=move || format!("metric {}", status_class(metric.with(|m| m.status)))
            data-testid=format!("metric-{}", id.name())
            data-value=move || metric.with(|m| hook_value(m.value))
            data-status=move || metric.with(|m| hook_status(m.status))
            data-no-data=move || metric.with(|m| (m.status == Status::NoData).to_string())>
            <h3 class="metric-name">{id.label()}</h3>
            <p class="metric-value">{move || metric.with(Metric::display_value)}</p>
            <p class="metric-status">
                <span class="status-dot" aria-hidden="true"></span>
                {move || metric.with(|m| m.status.label())}
            </p>
            <dl class="metric-lines">
                <div><dt>"Target"</dt><dd>{move || metric.with(Metric::target_label)}</dd></div>
                <div><dt>"Red flag"</dt><dd>{move || metric.with(Metric::red_flag_label)}</dd></div>
            </dl>
            <p class="metric-detail">
                {move || metric.with(|m| if m.status == Status::NoData { no_data_reason(id).to_string() } else { m.detail.clone() })}
            </p>
            {move || extra().map(|text| view! { <p class="metric-extra">{text}</p> })}
        </article>
    }
}

/// A few sentences a leader can read in a minute; the page prints as a one-page summary.
#[component]
fn LeadershipSummary(metrics: Memo<Metrics>, wins: Memo<Vec<WinEntry>>) -> impl IntoView {
    let lines = move || {
        metrics.with(|m| {
            let mut lines = Vec::new();
            let c = &m.completion_rate;
            lines.push(match c.value {
                Some(_) => format!(
                    "Completion: {} of items due were completed by their due date (target {}). {}.",
                    c.display_value(),
                    c.target_label(),
                    c.detail
                ),
                None => "Completion: no item was due in this window.".into(),
            });
            lines.push(format!(
                "Backlog: {} open items; the oldest tenth are {} old or more (target {}).",
                m.backlog_size.display_value(),
                m.backlog_age_p90.display_value(),
                m.backlog_age_p90.target_label()
            ));
            if let Some(p0) = m
                .time_to_close_by_priority
                .iter()
                .find(|p| p.priority == Priority::P0)
                .and_then(|p| p.mean_days.map(|d| (d, p.target_days)))
            {
                lines.push(format!(
                    "P0 items took {:.1} days to close on average (target {} days).",
                    p0.0, p0.1
                ));
            }
            lines.push(format!(
                "Created / closed: {} ({}). Decaying items: {}. Recurrences over unfinished items: {}.",
                m.created_closed_ratio.display_value(),
                m.created_closed_ratio.detail,
                m.decay.display_value(),
                m.recurrence.display_value()
            ));
            lines
        })
    };
    let red_flags = move || {
        metrics.with(|m| {
            m.all()
                .into_iter()
                .filter(|x| x.status == Status::Red)
                .map(|x| format!("{} ({})", x.label(), x.display_value()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="leadership-summary" data-testid="leadership-summary" aria-labelledby="summary-heading">
            <h3 id="summary-heading">"Summary for leadership"</h3>
            <p class="muted">{move || metrics.with(|m| m.window.label())}</p>
            <ul>{move || lines().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            <p class="summary-flags" data-testid="summary-red-flags">
                {move || {
                    let flags = red_flags();
                    if flags.is_empty() { "No red flags.".to_string() } else { format!("Red flags: {}.", flags.join(", ")) }
                }}
            </p>
            <p>{move || match wins.with(Vec::len) {
                0 => "No wins recorded yet: when a finished item catches or prevents an incident, record it on the item.".to_string(),
                1 => "1 win: a finished item caught or prevented a later incident.".to_string(),
                n => format!("{n} wins: finished items caught or prevented later incidents."),
            }}</p>
        </section>
    }
}

#[component]
fn PostMortemCompletion(metrics: Memo<Metrics>) -> impl IntoView {
    let counts = move || {
        metrics.with(|m| {
            let count = |s: ClosureState| {
                m.completion_by_postmortem
                    .iter()
                    .filter(|p| p.state == s)
                    .count()
            };
            (
                count(ClosureState::All),
                count(ClosureState::Some),
                count(ClosureState::None),
            )
        })
    };
    view! {
        <section class="pm-completion" data-testid="pm-completion" aria-labelledby="pm-completion-heading">
            <h3 id="pm-completion-heading">"Completion per post-mortem"</h3>
            <p class="pm-completion-counts">
                {move || { let (all, some, none) = counts(); format!("All items closed: {all} · some closed: {some} · none closed: {none}") }}
            </p>
            <ul class="pm-completion-list">
                {move || metrics.with(|m| m.completion_by_postmortem.iter().map(|p| {
                    let pct = if p.items == 0 { 0.0 } else { p.closed as f64 / p.items as f64 * 100.0 };
                    let (state, state_label) = match p.state {
                        ClosureState::All => ("all", "All closed"),
                        ClosureState::Some => ("some", "Some closed"),
                        ClosureState::None => ("none", "None closed"),
                    };
                    view! {
                        <li class="pm-completion-row" data-testid="pm-completion-row" data-pm-id=p.postmortem_id.clone() data-state=state>
                            <a class="item-id" href=Route::PostMortem(p.postmortem_id.clone()).href()>{p.postmortem_id.clone()}</a>
                            <span class="pm-completion-title">{p.title.clone()}</span>
                            <span class=format!("state-pill state-{state}")>{state_label}</span>
                            <span class="progress" role="img" aria-label=format!("{} of {} items closed", p.closed, p.items)>
                                <span class="progress-fill" style:width=format!("{pct:.0}%")></span>
                            </span>
                            <span class="muted">{format!("{}/{} closed, {} completed", p.closed, p.items, p.completed)}</span>
                        </li>
                    }
                }).collect_view())}
            </ul>
        </section>
    }
}

#[component]
fn WinsList(wins: Memo<Vec<WinEntry>>) -> impl IntoView {
    view! {
        <section class="wins-panel" data-testid="wins-list" aria-labelledby="wins-heading">
            <h3 id="wins-heading">"Wins: incidents caught or prevented by finished items"</h3>
            {move || {
                let list = wins.get();
                if list.is_empty() {
                    return view! { <p class="muted">"None recorded yet. On a completed item, choose “It caught or prevented a later incident”."</p> }.into_any();
                }
                view! {
                    <ul class="wins">
                        {list.into_iter().map(|w| view! {
                            <li class="win" data-testid="win-entry" data-item-id=w.item_id.clone()>
                                <span class="win-mark" aria-hidden="true">"★"</span>
                                <strong>{if w.win.incident_ref.is_empty() { "Prevented an incident".to_string() } else { format!("Caught {}", w.win.incident_ref) }}</strong>
                                " — "{w.win.note.clone()}
                                <span class="win-source">
                                    <a class="item-id" href=Route::PostMortem(w.pm_id.clone()).href()>{w.item_id.clone()}</a>
                                    " “"{w.title.clone()}"”"
                                    {(!w.owner.is_empty()).then(|| format!(", {}", w.owner))}
                                    " · "{w.win.at.date_naive().to_string()}
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
