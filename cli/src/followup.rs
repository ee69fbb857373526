//! `metrics`, `agenda` and `nudges`: the dashboard's metrics and the review view's agenda and
//! nudges, from the core, for a chosen day.

use chrono::NaiveDate;
use followthrough_core::followup::{nudge_messages, weekly_agenda};
use followthrough_core::metrics::{compute, Metrics, Window, WindowChoice};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::json;
use std::path::Path;
use std::process::ExitCode;

use crate::check::pretty;
use crate::fail::Fail;
use crate::load::load_scored;
use crate::Format;

/// A window the dashboard offers, by its control's value: `30`, `90`, `365` or `all`.
pub fn parse_window(text: &str) -> Result<WindowChoice, String> {
    WindowChoice::all()
        .find(|c| c.value() == text.trim())
        .ok_or_else(|| {
            let values: Vec<String> = WindowChoice::all().map(WindowChoice::value).collect();
            format!("expected one of {}, found {text:?}", values.join(", "))
        })
}

/// The metrics as JSON: the window, then each headline metric by the dashboard's name, in
/// the dashboard's order, with its value (`null` when there is nothing to measure, or the
/// ratio is unbounded) and status.
pub fn metrics_json(metrics: &Metrics) -> String {
    #[derive(Serialize)]
    struct Document<'a> {
        window: &'a Window,
        metrics: InOrder<'a>,
    }
    #[derive(Serialize)]
    struct Entry {
        value: Option<f64>,
        status: &'static str,
    }
    struct InOrder<'a>(&'a Metrics);
    impl Serialize for InOrder<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let all = self.0.all();
            let mut map = serializer.serialize_map(Some(all.len()))?;
            for metric in all {
                let entry = Entry {
                    value: metric.value,
                    status: metric.status.as_str(),
                };
                map.serialize_entry(metric.name(), &entry)?;
            }
            map.end()
        }
    }
    serde_json::to_string_pretty(&Document {
        window: &metrics.window,
        metrics: InOrder(metrics),
    })
    .unwrap_or_default()
}

fn metrics_text(metrics: &Metrics) -> String {
    let mut out = format!("Metrics, {}\n\n", metrics.window.label());
    let width = metrics
        .all()
        .iter()
        .map(|m| m.label().chars().count())
        .max()
        .unwrap_or(0);
    for m in metrics.all() {
        let label = m.label();
        let pad = " ".repeat(width - label.chars().count());
        out.push_str(&format!(
            "{label}{pad}  {:>7}  {:<9} target {}, red flag {}",
            m.display_value(),
            m.status.label(),
            m.target_label(),
            m.red_flag_label()
        ));
        if !m.detail.is_empty() {
            out.push_str(&format!(" ({})", m.detail));
        }
        out.push('\n');
    }
    out
}

pub fn metrics(
    path: &Path,
    window: WindowChoice,
    as_of: NaiveDate,
    format: Format,
) -> Result<ExitCode, Fail> {
    let ws = load_scored(path)?.workspace;
    let metrics = compute(&ws, window.window(as_of), &ws.settings);
    match format {
        Format::Json => sayln!("{}", metrics_json(&metrics)),
        Format::Text => say!("{}", metrics_text(&metrics)),
    }
    Ok(ExitCode::SUCCESS)
}

pub fn agenda(path: &Path, as_of: NaiveDate) -> Result<ExitCode, Fail> {
    let ws = load_scored(path)?.workspace;
    say!("{}", weekly_agenda(&ws, as_of));
    Ok(ExitCode::SUCCESS)
}

pub fn nudges(path: &Path, as_of: NaiveDate, format: Format) -> Result<ExitCode, Fail> {
    let ws = load_scored(path)?.workspace;
    let nudges = nudge_messages(&ws, as_of, &ws.settings);
    match format {
        Format::Json => sayln!("{}", pretty(&json!(nudges))),
        Format::Text if nudges.is_empty() => sayln!("No nudges on {as_of}."),
        Format::Text => {
            for (i, nudge) in nudges.iter().enumerate() {
                if i > 0 {
                    sayln!("---\n");
                }
                sayln!(
                    "To: {}\nSubject: {}\n\n{}",
                    nudge.owner,
                    nudge.subject,
                    nudge.body
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
