//! A post-mortem (DOMAIN.md §1): one incident review, its severity and status, and the
//! action items it produced.

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::{by_name, instant, ActionItem};

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
        by_name(&Severity::ALL, Severity::as_str, text)
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

    pub fn parse(text: &str) -> Option<PostMortemStatus> {
        by_name(&PostMortemStatus::ALL, PostMortemStatus::as_str, text)
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
