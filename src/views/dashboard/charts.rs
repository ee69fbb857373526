//! The dashboard's bar charts: time to close by priority and completion by category, each
//! against its targets.

use followthrough_core::metrics::{Metrics, Status};
use leptos::prelude::*;

use super::cards::status_class;
use crate::ui::charts::{bar_rows, HBar};

pub(super) fn time_to_close_chart(m: &Metrics) -> impl IntoView {
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

pub(super) fn category_chart(m: &Metrics) -> impl IntoView {
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
