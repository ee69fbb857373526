//! The records of DOMAIN.md §1: workspace, post-mortem, action item.
//!
//! Field names are the JSON names of the exchange format (§10). Every field but `id` and
//! `title` is optional on input and takes a sensible default, so a minimal file imports.
//! `priority` and `priority_reasons` are computed (see `scoring`), never trusted from input.
//!
//! Here: the workspace and the format version; in the submodules, the post-mortem
//! (`postmortem`), the action item and the records of its life (`item`), impact, effort and
//! priority (`score`), reading dates and instants (`instant`), and the fast reader of the
//! app's own stored form (`read`). Every type is re-exported here (and at the crate root).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::settings::Settings;

mod instant;
mod item;
mod postmortem;
mod read;
mod score;

pub(crate) use instant::chrono_instant;
pub use instant::parse_date;
pub use item::{
    ActionItem, Blocked, BlockedKind, Category, Deferral, Escalation, HistoryEntry, ItemStatus,
    Resolution, Verification, VerificationMethod, Win,
};
pub use postmortem::{PostMortem, PostMortemStatus, Severity};
pub use score::{Level, Priority};

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

/// The value among `all` whose name (`as_str`) is `text`, trimmed and in any case: how the
/// records' enums are read from a form or a file.
fn by_name<T: Copy>(all: &[T], name: fn(T) -> &'static str, text: &str) -> Option<T> {
    let text = text.trim();
    all.iter()
        .copied()
        .find(|v| name(*v).eq_ignore_ascii_case(text))
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

    #[test]
    fn an_escalation_is_kept_trimmed_and_dropped_when_blank() {
        let blank = Escalation {
            gap: "  ".into(),
            ..Default::default()
        };
        assert_eq!(blank.normalized(), None);
        let e = Escalation {
            gap: " No owner for shared load balancers ".into(),
            decision_maker: "VP Engineering".into(),
            ..Default::default()
        };
        let kept = e.normalized().unwrap();
        assert_eq!(kept.gap, "No owner for shared load balancers");
        assert_eq!(kept.decision_maker, "VP Engineering");
        assert_eq!(kept.proposal, "");
    }
}
