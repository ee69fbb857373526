//! One headline metric of §9 as the views show it: its stable name and label ([`MetricId`]),
//! its unit ([`Unit`]), its value and how it stands against its lines ([`Status`]).

use serde::Serialize;
use std::fmt;

use crate::settings::{Bound, Threshold};

/// How a metric stands against its lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Green,
    Amber,
    Red,
    /// Nothing to measure in the window.
    NoData,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Green => "green",
            Status::Amber => "amber",
            Status::Red => "red",
            Status::NoData => "no_data",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Green => "On target",
            Status::Amber => "Watch",
            Status::Red => "Red flag",
            Status::NoData => "No data",
        }
    }

    /// Green when the green line holds, else red when the red line holds, else amber.
    pub fn judge(threshold: &Threshold, value: Option<f64>) -> Status {
        match value {
            None => Status::NoData,
            Some(v) if threshold.green.holds(v) => Status::Green,
            Some(v) if threshold.red.holds(v) => Status::Red,
            Some(_) => Status::Amber,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a metric counts, and so how its numbers read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A fraction, shown as a percentage.
    Percent,
    Days,
    Count,
    Ratio,
}

impl Unit {
    pub fn format(self, value: f64) -> String {
        if value.is_infinite() {
            return "∞".into();
        }
        match self {
            Unit::Percent => format!("{:.0}%", value * 100.0),
            // Whole days read better without a decimal.
            Unit::Days if value.fract() == 0.0 => format!("{value:.0} d"),
            Unit::Days => format!("{value:.1} d"),
            Unit::Count => format!("{value:.0}"),
            Unit::Ratio => format!("{value:.2}"),
        }
    }
}

/// The metrics of §9, by their stable names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MetricId {
    CompletionRate,
    OnTimeRate,
    TimeToClose,
    BacklogSize,
    BacklogAgeP90,
    CreatedClosedRatio,
    Decay,
    Recurrence,
}

impl MetricId {
    pub const ALL: [MetricId; 8] = [
        MetricId::CompletionRate,
        MetricId::OnTimeRate,
        MetricId::TimeToClose,
        MetricId::BacklogSize,
        MetricId::BacklogAgeP90,
        MetricId::CreatedClosedRatio,
        MetricId::Decay,
        MetricId::Recurrence,
    ];

    /// The stable name the UI hooks on.
    pub fn name(self) -> &'static str {
        match self {
            MetricId::CompletionRate => "completion-rate",
            MetricId::OnTimeRate => "on-time-rate",
            MetricId::TimeToClose => "time-to-close",
            MetricId::BacklogSize => "backlog-size",
            MetricId::BacklogAgeP90 => "backlog-age-p90",
            MetricId::CreatedClosedRatio => "created-closed-ratio",
            MetricId::Decay => "decay",
            MetricId::Recurrence => "recurrence",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MetricId::CompletionRate => "Completion rate",
            MetricId::OnTimeRate => "On-time completion",
            MetricId::TimeToClose => "Time to close (mean)",
            MetricId::BacklogSize => "Backlog size",
            MetricId::BacklogAgeP90 => "Backlog age P90",
            MetricId::CreatedClosedRatio => "Created / closed",
            MetricId::Decay => "Decaying items",
            MetricId::Recurrence => "Recurrences over unfinished items",
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            MetricId::CompletionRate | MetricId::OnTimeRate => Unit::Percent,
            MetricId::TimeToClose | MetricId::BacklogAgeP90 => Unit::Days,
            MetricId::BacklogSize | MetricId::Decay | MetricId::Recurrence => Unit::Count,
            MetricId::CreatedClosedRatio => Unit::Ratio,
        }
    }
}

/// One metric's value and how it stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metric {
    pub id: MetricId,
    /// `None` when there is nothing to measure.
    pub value: Option<f64>,
    pub threshold: Threshold,
    pub status: Status,
    /// The counts behind the value, in words.
    pub detail: String,
}

impl Metric {
    pub(super) fn new(
        id: MetricId,
        value: Option<f64>,
        threshold: Threshold,
        detail: String,
    ) -> Metric {
        Metric {
            id,
            value,
            threshold,
            status: Status::judge(&threshold, value),
            detail,
        }
    }

    pub fn name(&self) -> &'static str {
        self.id.name()
    }

    pub fn label(&self) -> &'static str {
        self.id.label()
    }

    /// The value for display; "—" when undefined.
    pub fn display_value(&self) -> String {
        self.value
            .map(|v| self.id.unit().format(v))
            .unwrap_or_else(|| "—".into())
    }

    pub fn target_label(&self) -> String {
        self.bound_label(self.threshold.green)
    }

    pub fn red_flag_label(&self) -> String {
        if self.id == MetricId::Decay {
            // The red line of decay is on its growth.
            return match self.threshold.red {
                Bound::MoreThan(0.0) => "any growth".into(),
                other => format!("growth {}", self.bound_label(other)),
            };
        }
        self.bound_label(self.threshold.red)
    }

    fn bound_label(&self, bound: Bound) -> String {
        let unit = self.id.unit();
        match (unit, bound) {
            (Unit::Count, Bound::MoreThan(0.0)) => "any".into(),
            (Unit::Count, Bound::AtMost(0.0)) => "0".into(),
            _ => format!("{} {}", bound.symbol(), unit.format(bound.limit())),
        }
    }
}
