//! An action item (DOMAIN.md §1) and what its life records (§7): category (§2), status,
//! verification, block, deferral, resolution, history, escalation and wins.

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::{by_name, instant, Level, Priority};

/// DOMAIN.md §2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Stops this class of incident: fixes the root cause.
    Prevent,
    /// Finds it faster: alerts, synthetic checks, logging.
    Detect,
    /// Reduces impact or speeds recovery: runbooks, failover, feature flags.
    Mitigate,
    /// Fixes how people responded: escalation gaps, on-call.
    Process,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Prevent,
        Category::Detect,
        Category::Mitigate,
        Category::Process,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Prevent => "prevent",
            Category::Detect => "detect",
            Category::Mitigate => "mitigate",
            Category::Process => "process",
        }
    }

    pub fn parse(text: &str) -> Option<Category> {
        by_name(&Category::ALL, Category::as_str, text)
    }

    pub fn description(self) -> &'static str {
        match self {
            Category::Prevent => "stops this class of incident: fixes the root cause",
            Category::Detect => "finds it faster: alerts, synthetic checks, logging",
            Category::Mitigate => {
                "reduces impact or speeds recovery: runbooks, failover, feature flags"
            }
            Category::Process => "fixes how people responded: escalation gaps, on-call",
        }
    }
}

/// DOMAIN.md §7.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    #[default]
    NotStarted,
    InProgress,
    Implemented,
    Verified,
    Closed,
    Blocked,
    Deferred,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 7] = [
        ItemStatus::NotStarted,
        ItemStatus::InProgress,
        ItemStatus::Implemented,
        ItemStatus::Verified,
        ItemStatus::Closed,
        ItemStatus::Blocked,
        ItemStatus::Deferred,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::NotStarted => "not_started",
            ItemStatus::InProgress => "in_progress",
            ItemStatus::Implemented => "implemented",
            ItemStatus::Verified => "verified",
            ItemStatus::Closed => "closed",
            ItemStatus::Blocked => "blocked",
            ItemStatus::Deferred => "deferred",
        }
    }

    pub fn parse(text: &str) -> Option<ItemStatus> {
        by_name(&ItemStatus::ALL, ItemStatus::as_str, text)
    }

    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::NotStarted => "Not started",
            ItemStatus::InProgress => "In progress",
            ItemStatus::Implemented => "Implemented",
            ItemStatus::Verified => "Verified",
            ItemStatus::Closed => "Closed",
            ItemStatus::Blocked => "Blocked",
            ItemStatus::Deferred => "Deferred",
        }
    }

    pub fn is_open(self) -> bool {
        self != ItemStatus::Closed
    }
}

impl fmt::Display for ItemStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an item was shown to work (§7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerificationMethod {
    Test,
    Alert,
    Monitor,
    StagingRun,
    GameDay,
    Other,
}

impl VerificationMethod {
    pub const ALL: [VerificationMethod; 6] = [
        VerificationMethod::Test,
        VerificationMethod::Alert,
        VerificationMethod::Monitor,
        VerificationMethod::StagingRun,
        VerificationMethod::GameDay,
        VerificationMethod::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            VerificationMethod::Test => "test",
            VerificationMethod::Alert => "alert",
            VerificationMethod::Monitor => "monitor",
            VerificationMethod::StagingRun => "staging_run",
            VerificationMethod::GameDay => "game_day",
            VerificationMethod::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            VerificationMethod::Test => "Test",
            VerificationMethod::Alert => "Alert",
            VerificationMethod::Monitor => "Monitor",
            VerificationMethod::StagingRun => "Staging run",
            VerificationMethod::GameDay => "Game day",
            VerificationMethod::Other => "Other",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Verification {
    pub method: VerificationMethod,
    /// "If this change were removed tomorrow, would we know?"
    #[serde(default)]
    pub evidence: String,
    #[serde(default, deserialize_with = "instant::optional")]
    pub verified_at: Option<DateTime<Utc>>,
}

/// Why an item is blocked (§7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BlockedKind {
    OtherTeamDependency,
    MissingInfrastructure,
    LargerThanEstimated,
    OwnerLeft,
    ConflictingPriorities,
    Other,
}

impl BlockedKind {
    pub const ALL: [BlockedKind; 6] = [
        BlockedKind::OtherTeamDependency,
        BlockedKind::MissingInfrastructure,
        BlockedKind::LargerThanEstimated,
        BlockedKind::OwnerLeft,
        BlockedKind::ConflictingPriorities,
        BlockedKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BlockedKind::OtherTeamDependency => "other_team_dependency",
            BlockedKind::MissingInfrastructure => "missing_infrastructure",
            BlockedKind::LargerThanEstimated => "larger_than_estimated",
            BlockedKind::OwnerLeft => "owner_left",
            BlockedKind::ConflictingPriorities => "conflicting_priorities",
            BlockedKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BlockedKind::OtherTeamDependency => "Another team's dependency",
            BlockedKind::MissingInfrastructure => "Missing infrastructure",
            BlockedKind::LargerThanEstimated => "Larger than estimated",
            BlockedKind::OwnerLeft => "Owner left",
            BlockedKind::ConflictingPriorities => "Conflicting priorities",
            BlockedKind::Other => "Other",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Blocked {
    pub kind: BlockedKind,
    #[serde(default)]
    pub note: String,
    #[serde(default, deserialize_with = "instant::optional_date")]
    pub since: Option<NaiveDate>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Deferral {
    #[serde(default)]
    pub reason: String,
    /// The event that brings the item back, when there is no date.
    #[serde(default)]
    pub trigger: String,
    #[serde(default, deserialize_with = "instant::optional_date")]
    pub revisit_on: Option<NaiveDate>,
    #[serde(default)]
    pub risk_acknowledged: bool,
}

/// How a closed item ended (§7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    Completed,
    RiskAccepted,
    WontDo,
    Duplicate,
    Superseded,
}

impl Resolution {
    pub const ALL: [Resolution; 5] = [
        Resolution::Completed,
        Resolution::RiskAccepted,
        Resolution::WontDo,
        Resolution::Duplicate,
        Resolution::Superseded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Completed => "completed",
            Resolution::RiskAccepted => "risk_accepted",
            Resolution::WontDo => "wont_do",
            Resolution::Duplicate => "duplicate",
            Resolution::Superseded => "superseded",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Resolution::Completed => "Completed",
            Resolution::RiskAccepted => "Risk accepted",
            Resolution::WontDo => "Won't do",
            Resolution::Duplicate => "Duplicate",
            Resolution::Superseded => "Superseded",
        }
    }
}

/// One recorded change of status, owner or due date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HistoryEntry {
    #[serde(deserialize_with = "instant::required")]
    pub at: DateTime<Utc>,
    /// `status`, `owner` or `due_date`.
    pub field: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub note: String,
}

/// What a systemic item (one that needs a leader's decision) asks of leadership.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Escalation {
    #[serde(default)]
    pub gap: String,
    #[serde(default)]
    pub consequence: String,
    #[serde(default)]
    pub proposal: String,
    #[serde(default)]
    pub decision_maker: String,
}

impl Escalation {
    /// The record as stored: each field trimmed, and none at all when every field is blank
    /// (an item is systemic only when it asks something of leadership).
    pub fn normalized(&self) -> Option<Escalation> {
        let e = Escalation {
            gap: self.gap.trim().to_string(),
            consequence: self.consequence.trim().to_string(),
            proposal: self.proposal.trim().to_string(),
            decision_maker: self.decision_maker.trim().to_string(),
        };
        (e != Escalation::default()).then_some(e)
    }
}

/// One action item; `id` is `<post-mortem id>-NN`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ActionItem {
    pub id: String,
    /// The action itself, starting with its verb.
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub category: Option<Category>,
    #[serde(default)]
    pub impact: Level,
    #[serde(default)]
    pub effort: Level,
    /// Computed by `scoring`; a value read from a file is ignored and recomputed.
    #[serde(default)]
    pub priority: Priority,
    #[serde(default)]
    pub priority_reasons: Vec<String>,
    /// One named person.
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub team: String,
    #[serde(default, deserialize_with = "instant::optional_date")]
    pub due_date: Option<NaiveDate>,
    /// The first due date; on-time completion is measured against it.
    #[serde(default, deserialize_with = "instant::optional_date")]
    pub original_due_date: Option<NaiveDate>,
    #[serde(default)]
    pub status: ItemStatus,
    /// e.g. `PAY-1234` or `#123`.
    #[serde(default)]
    pub tracking_ticket: String,
    #[serde(default)]
    pub tracking_url: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// For detection items: would catching it this way halve the incident's duration?
    #[serde(default)]
    pub would_halve_duration: bool,
    /// Ids of the same item in other post-mortems.
    #[serde(default)]
    pub linked_items: Vec<String>,
    #[serde(default)]
    pub verification: Option<Verification>,
    #[serde(default)]
    pub blocked: Option<Blocked>,
    #[serde(default)]
    pub deferral: Option<Deferral>,
    #[serde(default)]
    pub resolution: Option<Resolution>,
    #[serde(default)]
    pub resolution_note: String,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    #[serde(default, deserialize_with = "instant::optional")]
    pub last_progress_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "instant::optional")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "instant::optional")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub escalation: Option<Escalation>,
    /// Later incidents this completed item caught or prevented: the feedback loop that makes
    /// people finish items. Recorded with `lifecycle::record_win`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wins: Vec<Win>,
}

/// A completed item that caught or prevented a later incident.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Win {
    #[serde(deserialize_with = "instant::required")]
    pub at: DateTime<Utc>,
    /// The later incident, e.g. `INC-512`, when there was one (a prevented incident may have
    /// no reference).
    #[serde(default)]
    pub incident_ref: String,
    /// What happened: how the item caught or prevented it.
    #[serde(default)]
    pub note: String,
}

impl ActionItem {
    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }

    /// The calendar day the item was created, if known.
    pub fn created_on(&self) -> Option<NaiveDate> {
        self.created_at.map(|t| t.date_naive())
    }

    /// When the item last moved: its last progress, else its creation.
    pub fn last_moved_on(&self) -> Option<NaiveDate> {
        self.last_progress_at
            .or(self.created_at)
            .map(|t| t.date_naive())
    }

    /// The day the item was closed, from its history (the last move to `closed`).
    pub fn closed_on(&self) -> Option<NaiveDate> {
        if self.status != ItemStatus::Closed {
            return None;
        }
        self.history
            .iter()
            .rev()
            .find(|h| h.field == "status" && h.to == ItemStatus::Closed.as_str())
            .map(|h| h.at.date_naive())
            .or_else(|| self.updated_at.map(|t| t.date_naive()))
    }
}
