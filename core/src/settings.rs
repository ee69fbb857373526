//! Every number of DOMAIN.md, in one named place. Each is a default that a workspace's
//! settings may change; the rules read them from here and nowhere else. Below them, the fixed
//! numbers of the rules and views that a workspace does not set (similarity thresholds, the
//! metric windows offered, the age histogram's bars); and the views quote these values rather
//! than repeat them (the healthy 3–5 items, the 30 days of decay, the 90 days of clean-up).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Priority;

/// One value per priority.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PerPriority<T> {
    pub p0: T,
    pub p1: T,
    pub p2: T,
    pub p3: T,
}

impl<T: Copy> PerPriority<T> {
    pub fn get(&self, priority: Priority) -> T {
        match priority {
            Priority::P0 => self.p0,
            Priority::P1 => self.p1,
            Priority::P2 => self.p2,
            Priority::P3 => self.p3,
        }
    }
}

/// §3: the ratio thresholds of base priority and the quadrant lines.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ScoringSettings {
    /// ratio ≥ this is P0.
    pub p0_ratio: f64,
    /// ratio ≥ this is P1.
    pub p1_ratio: f64,
    /// ratio ≥ this is P2; below is P3.
    pub p2_ratio: f64,
    /// Impact at or above this is "high" on the quadrant board.
    pub high_impact: u8,
    /// Effort at or above this is "high" on the quadrant board.
    pub high_effort: u8,
}

impl Default for ScoringSettings {
    fn default() -> Self {
        ScoringSettings {
            p0_ratio: 3.0,
            p1_ratio: 1.5,
            p2_ratio: 0.75,
            high_impact: 3,
            high_effort: 3,
        }
    }
}

/// §4: days from creation to completion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct DeadlineSettings {
    pub target_days: PerPriority<u32>,
    pub acceptable_days: PerPriority<u32>,
}

impl Default for DeadlineSettings {
    fn default() -> Self {
        DeadlineSettings {
            target_days: PerPriority {
                p0: 7,
                p1: 14,
                p2: 30,
                p3: 60,
            },
            acceptable_days: PerPriority {
                p0: 14,
                p1: 30,
                p2: 60,
                p3: 90,
            },
        }
    }
}

/// §5 and §6: quality and post-mortem checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ReviewSettings {
    /// More open items than this for one owner is warned.
    pub owner_capacity: u32,
    /// The healthy range of items per post-mortem.
    pub healthy_min_items: u32,
    pub healthy_max_items: u32,
    /// Above this the warning is stronger and the extras are offered to future considerations.
    pub strong_warn_above_items: u32,
    /// Fewer words than this after the verb is not a specific outcome.
    pub min_outcome_words: u32,
}

impl Default for ReviewSettings {
    fn default() -> Self {
        ReviewSettings {
            owner_capacity: 5,
            healthy_min_items: 3,
            healthy_max_items: 5,
            strong_warn_above_items: 7,
            min_outcome_words: 4,
        }
    }
}

/// §8: check-in cadence and escalation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct FollowUpSettings {
    /// Days between check-ins: daily, weekly, every two weeks, monthly.
    pub check_in_days: PerPriority<u32>,
    /// P0: escalate when still not started this many days after creation.
    pub p0_not_started_days: u32,
    /// P1–P3: escalate after this many days without progress (the P0 value is unused).
    pub no_progress_days: PerPriority<u32>,
    /// Any open item without progress this long is escalated.
    pub stale_days: u32,
    /// The first nudge to an owner, days after creation.
    pub first_nudge_days: u32,
    /// Decaying: more than this many days past due without progress.
    pub decay_days: u32,
    /// Quarterly clean-up: open items older than this.
    pub cleanup_age_days: u32,
}

impl Default for FollowUpSettings {
    fn default() -> Self {
        FollowUpSettings {
            check_in_days: PerPriority {
                p0: 1,
                p1: 7,
                p2: 14,
                p3: 30,
            },
            p0_not_started_days: 2,
            no_progress_days: PerPriority {
                p0: 2,
                p1: 7,
                p2: 14,
                p3: 30,
            },
            stale_days: 30,
            first_nudge_days: 14,
            decay_days: 30,
            cleanup_age_days: 90,
        }
    }
}

/// One side of a metric's line: the values that lie on it. Strict and inclusive bounds are
/// kept apart because DOMAIN.md §9 words them so: "≥ 85%" is green, but "< 30" days is.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    AtLeast(f64),
    MoreThan(f64),
    AtMost(f64),
    LessThan(f64),
}

impl Bound {
    /// Whether `value` lies on this side of the line. NaN lies on no side.
    pub fn holds(self, value: f64) -> bool {
        match self {
            Bound::AtLeast(limit) => value >= limit,
            Bound::MoreThan(limit) => value > limit,
            Bound::AtMost(limit) => value <= limit,
            Bound::LessThan(limit) => value < limit,
        }
    }

    pub fn limit(self) -> f64 {
        match self {
            Bound::AtLeast(limit)
            | Bound::MoreThan(limit)
            | Bound::AtMost(limit)
            | Bound::LessThan(limit) => limit,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Bound::AtLeast(_) => "≥",
            Bound::MoreThan(_) => ">",
            Bound::AtMost(_) => "≤",
            Bound::LessThan(_) => "<",
        }
    }
}

/// A metric's target and red flag: green when `green` holds, else red when `red` holds, else
/// amber.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Threshold {
    pub green: Bound,
    pub red: Bound,
}

/// §9: targets and red flags.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct MetricSettings {
    /// Fractions: ≥ 0.85 green, < 0.70 red.
    pub completion_rate: Threshold,
    /// Fractions: ≥ 0.70 green, < 0.50 red.
    pub on_time_rate: Threshold,
    /// Days: < 30 green, > 60 red.
    pub time_to_close_days: Threshold,
    /// Open items: < 20 green, > 50 red.
    pub backlog_size: Threshold,
    /// Days: < 45 green, > 90 red.
    pub backlog_age_p90_days: Threshold,
    /// created / closed: ≤ 1 green (aim 0.5), ≥ 2 red.
    pub created_closed_ratio: Threshold,
    pub created_closed_aim: f64,
    /// Decaying items: `green` is tested on the count at the window's end (0), `red` on its
    /// growth since the window's start ("any growth").
    pub decay: Threshold,
    /// Post-mortems that recurred over unfinished items: 0 green, any red.
    pub recurrence: Threshold,
}

impl Default for MetricSettings {
    fn default() -> Self {
        let line = |green, red| Threshold { green, red };
        MetricSettings {
            completion_rate: line(Bound::AtLeast(0.85), Bound::LessThan(0.70)),
            on_time_rate: line(Bound::AtLeast(0.70), Bound::LessThan(0.50)),
            time_to_close_days: line(Bound::LessThan(30.0), Bound::MoreThan(60.0)),
            backlog_size: line(Bound::LessThan(20.0), Bound::MoreThan(50.0)),
            backlog_age_p90_days: line(Bound::LessThan(45.0), Bound::MoreThan(90.0)),
            created_closed_ratio: line(Bound::AtMost(1.0), Bound::AtLeast(2.0)),
            created_closed_aim: 0.5,
            decay: line(Bound::AtMost(0.0), Bound::MoreThan(0.0)),
            recurrence: line(Bound::AtMost(0.0), Bound::MoreThan(0.0)),
        }
    }
}

/// How many restore points are kept (`storage::restore`): the newest, one taken before each
/// import, reconcile, pasted list or restore.
pub const RESTORE_POINTS_KEPT: usize = 5;

/// Least overlap coefficient for an open item to be shown as related to typed text
/// (`similarity`).
pub const RELATED_MIN_SCORE: f64 = 0.5;

/// Least Jaccard index for two items to be offered as likely duplicates (`similarity`).
pub const DUPLICATE_MIN_SCORE: f64 = 0.5;

/// The windows the dashboard offers for §9's "chosen window", in days (all time besides).
pub const METRIC_WINDOW_DAYS: [u32; 3] = [30, 90, 365];

/// The window the dashboard opens on.
pub const DEFAULT_METRIC_WINDOW_DAYS: u32 = 90;

/// The metrics of the weekly review agenda (§8): the days up to the review day.
pub const AGENDA_WINDOW_DAYS: u32 = 30;

/// The open-item age histogram's inclusive upper edges, in days; the last bar takes everything
/// older.
pub const AGE_BUCKET_EDGES: [i64; 4] = [7, 30, 60, 90];

/// A workspace's settings; every field defaults to DOMAIN.md's number.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Settings {
    pub scoring: ScoringSettings,
    pub deadlines: DeadlineSettings,
    pub review: ReviewSettings,
    pub follow_up: FollowUpSettings,
    pub metrics: MetricSettings,
    /// The people roster (§5.1): names and e-mail addresses, one person each, as pasted from a
    /// directory ("Ana Silva <ana.silva@corp.example>"). When it is not empty, an owner who is
    /// on neither it nor any other item is warned, with the nearest name. Left out of files
    /// when empty, so a workspace without a roster is written as before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
}
