//! The records of DOMAIN.md §1: workspace, post-mortem, action item.
//!
//! Field names are the JSON names of the exchange format (§10). Every field but `id` and
//! `title` is optional on input and takes a sensible default, so a minimal file imports.
//! `priority` and `priority_reasons` are computed (see `scoring`), never trusted from input.

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

use crate::settings::Settings;

mod read;

/// A workspace as this app stores it, read directly; `None` if the text is not plainly in
/// that form, and then serde must read it (and say what is wrong, if anything is).
pub(crate) fn read_stored_workspace(text: &str) -> Option<Workspace> {
    read::workspace(text)
}

/// A post-mortem as this app stores it (one storage shard), read directly; `None` if the text
/// is not plainly in that form, and then serde must read it.
pub(crate) fn read_stored_postmortem(text: &str) -> Option<PostMortem> {
    read::postmortem(text)
}

/// A date typed as `YYYY-MM-DD` (the value of an `<input type="date">`): exactly what
/// `NaiveDate::parse_from_str(text, "%Y-%m-%d")` accepts, without chrono's strftime
/// machinery in the wasm. The canonical form is read by hand (as stored dates are); anything
/// else goes to `NaiveDate`'s `FromStr`, which reads the same items but also skips whitespace
/// before each `-` and at the end (both allow it before each number), so text with
/// whitespace there is refused first. Invalid dates (`2026-02-30`) are refused. Write dates
/// back with `Display` (`to_string()`), which writes what `format("%Y-%m-%d")` does.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    if let Some(date) = instant::fast_date(text) {
        return Some(date);
    }
    // A part ending in whitespace is whitespace before a `-` or at the end.
    if text
        .trim_start()
        .split('-')
        .any(|part| part.ends_with(char::is_whitespace))
    {
        return None;
    }
    text.parse().ok()
}

/// The version of the exchange format this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything one browser holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Workspace {
    #[serde(default = "current_schema_version")]
    pub schema_version: u32,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub postmortems: Vec<PostMortem>,
}

/// The version a document without `schema_version` is read as (serde's default).
pub(crate) fn current_schema_version() -> u32 {
    SCHEMA_VERSION
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            schema_version: SCHEMA_VERSION,
            settings: Settings::default(),
            postmortems: Vec::new(),
        }
    }
}

/// Incident severity; SEV1 is the worst.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub enum Severity {
    #[serde(rename = "SEV1")]
    Sev1,
    #[serde(rename = "SEV2")]
    Sev2,
    /// A file that does not say is read as a moderate incident.
    #[default]
    #[serde(rename = "SEV3")]
    Sev3,
    #[serde(rename = "SEV4")]
    Sev4,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Sev1,
        Severity::Sev2,
        Severity::Sev3,
        Severity::Sev4,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Sev1 => "SEV1",
            Severity::Sev2 => "SEV2",
            Severity::Sev3 => "SEV3",
            Severity::Sev4 => "SEV4",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a post-mortem is in its life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PostMortemStatus {
    #[default]
    Draft,
    InReview,
    Tracking,
    Closed,
}

impl PostMortemStatus {
    pub const ALL: [PostMortemStatus; 4] = [
        PostMortemStatus::Draft,
        PostMortemStatus::InReview,
        PostMortemStatus::Tracking,
        PostMortemStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PostMortemStatus::Draft => "draft",
            PostMortemStatus::InReview => "in_review",
            PostMortemStatus::Tracking => "tracking",
            PostMortemStatus::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PostMortemStatus::Draft => "Draft",
            PostMortemStatus::InReview => "In review",
            PostMortemStatus::Tracking => "Tracking",
            PostMortemStatus::Closed => "Closed",
        }
    }
}

/// One incident review and the action items it produced.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PostMortem {
    /// e.g. `PM-2026-0051`.
    pub id: String,
    pub title: String,
    /// e.g. `INC-481`.
    #[serde(default)]
    pub incident_ref: String,
    #[serde(default)]
    pub severity: Severity,
    #[serde(default, deserialize_with = "instant::optional_date")]
    pub incident_date: Option<NaiveDate>,
    #[serde(default)]
    pub duration_minutes: Option<u32>,
    #[serde(default)]
    pub facilitator: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub doc_url: String,
    #[serde(default)]
    pub status: PostMortemStatus,
    #[serde(default)]
    pub closure_note: String,
    /// Ids of earlier post-mortems whose root cause came back.
    #[serde(default)]
    pub recurrence_of: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Ideas kept out of the action list on purpose.
    #[serde(default)]
    pub future_considerations: Vec<String>,
    #[serde(default)]
    pub action_items: Vec<ActionItem>,
    #[serde(default, deserialize_with = "instant::optional")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "instant::optional")]
    pub updated_at: Option<DateTime<Utc>>,
}

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
        Category::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text.trim()))
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

/// An impact or effort score, 1 to 4. Reading any other number is an error naming the range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Level(u8);

impl Level {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 4;

    /// `None` outside 1–4.
    pub fn new(value: u8) -> Option<Level> {
        (Self::MIN..=Self::MAX)
            .contains(&value)
            .then_some(Level(value))
    }

    /// Clamps into 1–4, for values that come from arithmetic rather than from users.
    pub fn clamped(value: i64) -> Level {
        Level(value.clamp(Self::MIN as i64, Self::MAX as i64) as u8)
    }

    pub fn get(self) -> u8 {
        self.0
    }

    pub fn all() -> impl Iterator<Item = Level> {
        (Self::MIN..=Self::MAX).map(Level)
    }
}

impl Default for Level {
    /// Unscored items sit in the middle (medium) until the meeting scores them.
    fn default() -> Self {
        Level(2)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Level {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.0)
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LevelVisitor;
        impl serde::de::Visitor<'_> for LevelVisitor {
            type Value = Level;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("expected 1–4")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Level, E> {
                u8::try_from(v)
                    .ok()
                    .and_then(Level::new)
                    .ok_or_else(|| E::custom(format!("expected 1–4, found {v}")))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Level, E> {
                u8::try_from(v)
                    .ok()
                    .and_then(Level::new)
                    .ok_or_else(|| E::custom(format!("expected 1–4, found {v}")))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Level, E> {
                Err(E::custom(format!("expected 1–4, found {v}")))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Level, E> {
                Err(E::custom(format!("expected 1–4, found \"{v}\"")))
            }
        }
        deserializer.deserialize_any(LevelVisitor)
    }
}

impl JsonSchema for Level {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Level".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer",
            "minimum": 1,
            "maximum": 4,
            "description": "1 low … 4 critical (impact) or very high (effort)"
        })
    }
}

/// P0 (do now) … P3 (backlog). Ordered so that `P0 < P3`: a smaller value is more urgent.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub enum Priority {
    P0,
    P1,
    #[default]
    P2,
    P3,
}

impl Priority {
    pub const ALL: [Priority; 4] = [Priority::P0, Priority::P1, Priority::P2, Priority::P3];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::P0 => "P0",
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// One level more urgent; P0 stays P0.
    pub fn raised(self) -> Priority {
        match self {
            Priority::P0 | Priority::P1 => Priority::P0,
            Priority::P2 => Priority::P1,
            Priority::P3 => Priority::P2,
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Priority::P0 => "do now",
            Priority::P1 => "this week",
            Priority::P2 => "this month",
            Priority::P3 => "backlog",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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

impl PostMortem {
    /// The post-mortem's own fields without its items: what a header shows, cloned without
    /// copying every item on each keystroke.
    pub fn header(&self) -> PostMortem {
        PostMortem {
            id: self.id.clone(),
            title: self.title.clone(),
            incident_ref: self.incident_ref.clone(),
            severity: self.severity,
            incident_date: self.incident_date,
            duration_minutes: self.duration_minutes,
            facilitator: self.facilitator.clone(),
            summary: self.summary.clone(),
            doc_url: self.doc_url.clone(),
            status: self.status,
            closure_note: self.closure_note.clone(),
            recurrence_of: self.recurrence_of.clone(),
            tags: self.tags.clone(),
            future_considerations: self.future_considerations.clone(),
            action_items: Vec::new(),
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }

    /// The next free item id: `<post-mortem id>-NN`, one above the highest number in use.
    pub fn next_item_id(&self) -> String {
        let prefix = format!("{}-", self.id);
        let highest = self
            .action_items
            .iter()
            .filter_map(|item| item.id.strip_prefix(&prefix))
            .filter_map(|n| n.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        format!("{}{:02}", prefix, highest.saturating_add(1))
    }
}

impl Workspace {
    /// The next free post-mortem id for a year: `PM-<year>-NNNN`.
    pub fn next_postmortem_id(&self, year: i32) -> String {
        let prefix = format!("PM-{year}-");
        let highest = self
            .postmortems
            .iter()
            .filter_map(|pm| pm.id.strip_prefix(&prefix))
            .filter_map(|n| n.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        format!("{}{:04}", prefix, highest.saturating_add(1))
    }

    pub fn postmortem(&self, id: &str) -> Option<&PostMortem> {
        self.postmortems.iter().find(|pm| pm.id == id)
    }

    pub fn postmortem_mut(&mut self, id: &str) -> Option<&mut PostMortem> {
        self.postmortems.iter_mut().find(|pm| pm.id == id)
    }

    /// Every item with the post-mortem it belongs to.
    pub fn items(&self) -> impl Iterator<Item = (&PostMortem, &ActionItem)> {
        self.postmortems
            .iter()
            .flat_map(|pm| pm.action_items.iter().map(move |item| (pm, item)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minimal_file_reads_with_defaults() {
        let ws: Workspace = serde_json::from_str(
            r#"{"postmortems":[{"id":"PM-2026-0001","title":"Checkout outage",
                "action_items":[{"id":"PM-2026-0001-01","title":"Add an alert"}]}]}"#,
        )
        .unwrap();
        assert_eq!(ws.schema_version, SCHEMA_VERSION);
        let pm = &ws.postmortems[0];
        assert_eq!(pm.severity, Severity::Sev3);
        assert_eq!(pm.status, PostMortemStatus::Draft);
        let item = &pm.action_items[0];
        assert_eq!(item.status, ItemStatus::NotStarted);
        assert_eq!(item.impact.get(), 2);
        assert_eq!(item.category, None);
    }

    #[test]
    fn impact_out_of_range_names_the_range() {
        let err = serde_json::from_str::<ActionItem>(r#"{"id":"x","title":"y","impact":7}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected 1–4, found 7"), "{err}");
        let err = serde_json::from_str::<ActionItem>(r#"{"id":"x","title":"y","effort":"big"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected 1–4"), "{err}");
    }

    #[test]
    fn enums_use_the_json_names_of_the_domain() {
        let json = serde_json::to_string(&(
            Severity::Sev1,
            PostMortemStatus::InReview,
            ItemStatus::NotStarted,
            BlockedKind::OwnerLeft,
            Resolution::RiskAccepted,
            VerificationMethod::GameDay,
        ))
        .unwrap();
        assert_eq!(
            json,
            r#"["SEV1","in_review","not_started","owner_left","risk_accepted","game_day"]"#
        );
    }

    #[test]
    fn ids_count_up_from_the_highest_in_use() {
        let mut ws = Workspace::default();
        assert_eq!(ws.next_postmortem_id(2026), "PM-2026-0001");
        ws.postmortems.push(PostMortem {
            id: "PM-2026-0051".into(),
            ..Default::default()
        });
        assert_eq!(ws.next_postmortem_id(2026), "PM-2026-0052");
        assert_eq!(ws.next_postmortem_id(2027), "PM-2027-0001");
        let pm = &mut ws.postmortems[0];
        assert_eq!(pm.next_item_id(), "PM-2026-0051-01");
        pm.action_items.push(ActionItem {
            id: "PM-2026-0051-03".into(),
            ..Default::default()
        });
        assert_eq!(pm.next_item_id(), "PM-2026-0051-04");
    }
}

/// Reading instants fast. chrono's general RFC 3339 parser dominated loading a large workspace;
/// the canonical form this app writes (`YYYY-MM-DDTHH:MM:SS[.f…]Z`) is read by hand, and
/// anything else falls back to chrono, so what is accepted and what it means do not change.
mod instant {
    use chrono::{DateTime, NaiveDate, Utc};
    use serde::{de, Deserializer};
    use std::fmt;

    fn digits(bytes: &[u8]) -> Option<u32> {
        bytes.iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    }

    /// The canonical UTC form only; `None` for anything else.
    pub(super) fn fast(text: &str) -> Option<DateTime<Utc>> {
        let b = text.as_bytes();
        if b.len() < 20
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b'T'
            || b[13] != b':'
            || b[16] != b':'
        {
            return None;
        }
        let (&last, body) = b.split_last()?;
        if last != b'Z' {
            return None;
        }
        let nanos = match &body[19..] {
            [] => 0,
            [b'.', frac @ ..] if !frac.is_empty() && frac.len() <= 9 => {
                digits(frac)? * 10u32.pow(9 - frac.len() as u32)
            }
            _ => return None,
        };
        let year = i32::try_from(digits(&b[0..4])?).ok()?;
        NaiveDate::from_ymd_opt(year, digits(&b[5..7])?, digits(&b[8..10])?)?
            .and_hms_nano_opt(
                digits(&b[11..13])?,
                digits(&b[14..16])?,
                digits(&b[17..19])?,
                nanos,
            )
            .map(|t| t.and_utc())
    }

    fn parse<E: de::Error>(text: &str) -> Result<DateTime<Utc>, E> {
        match fast(text) {
            Some(t) => Ok(t),
            None => text.parse::<DateTime<Utc>>().map_err(E::custom),
        }
    }

    struct Instant;
    impl de::Visitor<'_> for Instant {
        type Value = DateTime<Utc>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an RFC 3339 date and time")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            parse(v)
        }
    }

    struct MaybeInstant;
    impl<'de> de::Visitor<'de> for MaybeInstant {
        type Value = Option<DateTime<Utc>>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an RFC 3339 date and time, or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(Instant).map(Some)
        }
    }

    /// `YYYY-MM-DD` by hand; anything else is chrono's to judge.
    pub(super) fn fast_date(text: &str) -> Option<NaiveDate> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = i32::try_from(digits(&b[0..4])?).ok()?;
        NaiveDate::from_ymd_opt(year, digits(&b[5..7])?, digits(&b[8..10])?)
    }

    struct MaybeDate;
    impl<'de> de::Visitor<'de> for MaybeDate {
        type Value = Option<NaiveDate>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a date (YYYY-MM-DD), or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(self)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            match fast_date(v) {
                Some(date) => Ok(Some(date)),
                None => v.parse::<NaiveDate>().map(Some).map_err(E::custom),
            }
        }
    }

    pub(super) fn optional_date<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        d.deserialize_option(MaybeDate)
    }

    pub(super) fn required<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        d.deserialize_str(Instant)
    }

    pub(super) fn optional<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        d.deserialize_option(MaybeInstant)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_fast_path_agrees_with_chrono() {
            for text in [
                "2026-05-12T10:00:00Z",
                "2026-05-12T10:00:00.5Z",
                "2026-05-12T10:00:00.123456789Z",
                "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999Z",
            ] {
                assert_eq!(fast(text), text.parse::<DateTime<Utc>>().ok(), "{text}");
            }
            // Not canonical: left to chrono, which decides.
            for text in [
                "2026-05-12T10:00:00+02:00",
                "2026-05-12 10:00:00Z",
                "2026-02-30T10:00:00Z",
                "2026-05-12T10:00:60Z",
                "2026-05-12T10:00:00.Z",
                "2026-05-12T1a:00:00Z",
            ] {
                assert_eq!(fast(text), None, "{text}");
            }
            assert!(parse::<serde_json::Error>("2026-05-12T12:00:00+02:00").is_ok());
            for text in ["2026-05-12", "0001-01-01", "2024-02-29"] {
                assert_eq!(fast_date(text), text.parse::<NaiveDate>().ok(), "{text}");
            }
            for text in ["2026-02-30", "2026-5-12", "+2026-05-12", "2026-05-1x"] {
                assert_eq!(fast_date(text), None, "{text}");
            }
            assert!(parse::<serde_json::Error>("yesterday").is_err());
        }

        /// `parse_date` is `parse_from_str(_, "%Y-%m-%d")`, on canonical dates, other forms
        /// chrono reads, whitespace anywhere, invalid dates and one-byte changes.
        #[test]
        fn parse_date_is_chronos_iso_format() {
            let same = |text: &str| {
                assert_eq!(
                    crate::model::parse_date(text),
                    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
                    "{text:?}"
                );
            };
            for text in [
                "2026-05-12",
                "0001-01-01",
                "0000-01-01",
                "9999-12-31",
                "2024-02-29",
                "2026-02-30",
                "2025-02-29",
                "2026-13-01",
                "2026-00-10",
                "2026-05-00",
                "2026-5-12",
                "2026-05-1",
                "+2026-05-12",
                "-0044-03-15",
                "+12345-06-07",
                "12345-06-07",
                "2026/05/12",
                "20260512",
                "",
                " ",
                "x",
                "2026-05-12x",
                " 2026-05-12",
                "2026-05-12 ",
                "2026 -05-12",
                "2026- 05-12",
                "2026-05- 12",
                "\t2026-05-12",
                "2026-05-12\n",
                "\u{a0}2026-05-12",
                "2026-05-12\u{3000}",
                "２０２６-05-12",
                "2026-05-12T00:00",
                "02026-05-12",
                "2026-005-12",
            ] {
                same(text);
            }
            let replacements = b"0123456789/:-.+ \t\x00\x7f";
            for canonical in ["2026-05-12", "2024-02-29", "1999-12-31"] {
                for at in 0..=canonical.len() {
                    for &byte in replacements {
                        let mut bytes = canonical.as_bytes().to_vec();
                        if at < bytes.len() {
                            bytes[at] = byte;
                            same(&String::from_utf8(bytes.clone()).unwrap());
                            bytes.remove(at);
                            same(&String::from_utf8(bytes.clone()).unwrap());
                        }
                        let mut bytes = canonical.as_bytes().to_vec();
                        bytes.insert(at, byte);
                        same(&String::from_utf8(bytes).unwrap());
                    }
                }
            }
        }

        /// `Display` writes what `format("%Y-%m-%d")` writes, for every year sign and width.
        #[test]
        fn display_is_chronos_iso_format() {
            for (y, m, d) in [
                (2026, 5, 12),
                (1, 1, 1),
                (0, 12, 31),
                (999, 2, 3),
                (-44, 3, 15),
                (12345, 6, 7),
                (-12345, 6, 7),
            ] {
                let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                assert_eq!(date.to_string(), date.format("%Y-%m-%d").to_string());
            }
        }

        /// Every one-byte change of canonical text: whatever the fast path reads, chrono reads
        /// the same (what it declines, chrono judges).
        #[test]
        fn the_fast_path_never_reads_what_chrono_would_not() {
            let replacements = b"0123456789/:-.TZtz +\x00\x7f\xff";
            for canonical in [
                "2026-05-12T10:00:00Z",
                "2024-02-29T23:59:59.123Z",
                "1999-12-31T00:09:50.000000001Z",
            ] {
                assert!(fast(canonical).is_some(), "{canonical}");
                for at in 0..canonical.len() {
                    for &byte in replacements {
                        let mut bytes = canonical.as_bytes().to_vec();
                        bytes[at] = byte;
                        let Ok(text) = String::from_utf8(bytes) else {
                            continue;
                        };
                        if let Some(t) = fast(&text) {
                            assert_eq!(text.parse::<DateTime<Utc>>().ok(), Some(t), "{text}");
                        }
                    }
                }
            }
            for canonical in ["2026-05-12", "2024-02-29", "1999-12-31"] {
                assert!(fast_date(canonical).is_some(), "{canonical}");
                for at in 0..canonical.len() {
                    for &byte in replacements {
                        let mut bytes = canonical.as_bytes().to_vec();
                        bytes[at] = byte;
                        let Ok(text) = String::from_utf8(bytes) else {
                            continue;
                        };
                        if let Some(d) = fast_date(&text) {
                            assert_eq!(text.parse::<NaiveDate>().ok(), Some(d), "{text}");
                        }
                    }
                }
            }
        }
    }
}
