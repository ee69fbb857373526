//! One card per metric: its value, status, target and red flag, with the test hooks the module
//! docs of `dashboard` describe.

use followthrough_core::metrics::{Metric, MetricId, Metrics, Status};
use leptos::prelude::*;

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

pub(super) fn status_class(status: Status) -> &'static str {
    match status {
        Status::Green => "st-green",
        Status::Amber => "st-amber",
        Status::Red => "st-red",
        Status::NoData => "st-nodata",
    }
}

#[component]
pub(super) fn MetricCard(id: MetricId, metrics: Memo<Metrics>) -> impl IntoView {
    let metric = Memo::new(move |_| metrics.with(|m| m.get(id).clone()));
    let extra = move || {
        metrics.with(|m| match id {
            MetricId::TimeToClose => m.time_to_close_median_days.map(|d| {
                format!(
                    "Median {}",
                    followthrough_core::metrics::Unit::Days.format(d)
                )
            }),
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
            {(id == MetricId::BacklogSize).then(|| view! { <TeamBacklogs metrics=metrics/> })}
        </article>
    }
}

/// The backlog per team, each with its own status (§9 "per team too").
#[component]
fn TeamBacklogs(metrics: Memo<Metrics>) -> impl IntoView {
    let teams = move || metrics.with(|m| m.backlog_by_team.clone());
    view! {
        <Show when=move || metrics.with(|m| !m.backlog_by_team.is_empty())>
            <ul class="metric-extra team-backlogs" aria-label="Backlog by team" data-testid="backlog-by-team">
                <For each=teams key=|t| (t.team.clone(), t.open) let:t>
                    <li class=status_class(t.status) data-testid="team-backlog"
                        data-team=t.team.clone() data-open=t.open.to_string()
                        data-status=hook_status(t.status)>
                        <span class="status-dot" aria-hidden="true"></span>
                        {format!("{} {} · {}", t.team, t.open, t.status.label())}
                    </li>
                </For>
            </ul>
        </Show>
    }
}
