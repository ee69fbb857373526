//! The dashboard's summaries: the leadership summary, completion per post-mortem, and the wins.

use followthrough_core::metrics::{ClosureState, Metrics, Status};
use followthrough_core::Priority;
use leptos::prelude::*;

use super::WinEntry;
use crate::route::Route;

/// A few sentences a leader can read in a minute; the page prints as a one-page summary.
#[component]
pub(super) fn LeadershipSummary(
    metrics: Memo<Metrics>,
    wins: Memo<Vec<WinEntry>>,
) -> impl IntoView {
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
pub(super) fn PostMortemCompletion(metrics: Memo<Metrics>) -> impl IntoView {
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
pub(super) fn WinsList(wins: Memo<Vec<WinEntry>>) -> impl IntoView {
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
