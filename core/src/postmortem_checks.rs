//! Post-mortem checks: DOMAIN.md §6 (with the coverage rule of §2 and the meeting rule of §5).
//!
//! [`check_postmortem`] lists what a facilitator should hear before leaving the meeting: item
//! count against the healthy range, category coverage, unassigned items, owners over capacity.
//! [`may_leave_meeting`] and [`may_close`] guard the two conscious acts of a post-mortem's life.
//! [`move_to_future_considerations`] is the one-click answer to too many items, and
//! [`all_clear`] what the panel says when nothing is found. [`check_workspace`] runs these
//! and the five-element check over a whole workspace, for tooling that checks files.

use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

use crate::model::{ActionItem, Category, PostMortem, Workspace};
use crate::scoring::ratio;
use crate::settings::Settings;
use crate::validator::{check_owner, owner_key, Verdict};

mod workspace;

pub use workspace::{check_workspace, finding_verdict, ItemReport, PostMortemReport};

/// The question §2 asks of a post-mortem without detection or mitigation items.
pub const COVERAGE_QUESTION: &str = "If this happens again before the fix ships, how do we detect it faster? How do we mitigate it faster?";

/// How loudly a finding speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingLevel {
    Info,
    Warn,
    Strong,
}

/// What a finding is about, with the data the UI needs to act on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FindingKind {
    /// Fewer items than the healthy minimum.
    TooFewItems { count: usize, min: usize },
    /// More than the healthy maximum.
    TooManyItems { count: usize, max: usize },
    /// More than the strong limit: `extras` are the lowest-priority items (ids) to offer for
    /// `future_considerations`, enough to get back to the healthy maximum.
    FarTooManyItems {
        count: usize,
        limit: usize,
        extras: Vec<String>,
    },
    /// No `detect` and/or no `mitigate` item.
    MissingCoverage { missing: Vec<Category> },
    /// Every categorised item is `prevent`.
    OnlyPrevent,
    /// Items without a category are left out of the coverage check.
    Uncategorised { item_ids: Vec<String> },
    /// Items without one named owner.
    Unassigned { item_ids: Vec<String> },
    /// An owner of this post-mortem's items has more open items, across every post-mortem,
    /// than the capacity limit.
    OwnerOverCapacity {
        owner: String,
        open_items: usize,
        capacity: usize,
        item_ids: Vec<String>,
    },
}

/// One thing the checks found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub level: FindingLevel,
    pub kind: FindingKind,
    pub message: String,
}

fn to_usize(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Whether an item has one named owner (the validator's owner rule, capacity aside).
pub fn has_owner(item: &ActionItem, settings: &Settings) -> bool {
    check_owner(&item.owner, 0, settings).verdict != Verdict::Fail
}

/// Checks one post-mortem (which may be an unsaved edit of one in `workspace`).
pub fn check_postmortem(
    pm: &PostMortem,
    workspace: &Workspace,
    settings: &Settings,
) -> Vec<Finding> {
    // The workspace's copy of this post-mortem is replaced by `pm`, which may hold unsaved
    // edits.
    let mut open: HashMap<String, usize> = HashMap::new();
    for other in workspace.postmortems.iter().filter(|o| o.id != pm.id) {
        count_open_items(other, &mut open);
    }
    count_open_items(pm, &mut open);
    check_postmortem_counted(pm, &open, settings)
}

fn count_open_items(pm: &PostMortem, open: &mut HashMap<String, usize>) {
    for item in pm.action_items.iter().filter(|i| i.is_open()) {
        let key = owner_key(&item.owner);
        if !key.is_empty() {
            *open.entry(key).or_insert(0) += 1;
        }
    }
}

/// What the checks panel says when nothing is found: the healthy range, from the settings.
pub fn all_clear(settings: &Settings) -> String {
    let r = &settings.review;
    format!(
        "{}–{} items, every category covered, every item owned.",
        r.healthy_min_items, r.healthy_max_items
    )
}

/// Checks one post-mortem given every owner's open items across the workspace, this
/// post-mortem's included (`validator::open_items_by_owner` when `pm` is the stored copy).
/// A view that already keeps those counts pays for this post-mortem only, not the workspace.
pub fn check_postmortem_counted(
    pm: &PostMortem,
    open: &HashMap<String, usize>,
    settings: &Settings,
) -> Vec<Finding> {
    let r = &settings.review;
    let mut findings = Vec::new();
    let count = pm.action_items.len();

    // Item count (§6).
    let min = to_usize(r.healthy_min_items);
    let max = to_usize(r.healthy_max_items);
    let limit = to_usize(r.strong_warn_above_items);
    if count > limit {
        let extras = lowest_priority_extras(pm, count.saturating_sub(max));
        findings.push(Finding {
            level: FindingLevel::Strong,
            message: format!(
                "{count} action items is far more than a team finishes ({min}–{max} is healthy). \
                 Move the lowest-priority {} to future considerations so the rest get done.",
                plural(extras.len(), "item", "items")
            ),
            kind: FindingKind::FarTooManyItems {
                count,
                limit,
                extras,
            },
        });
    } else if count > max {
        findings.push(Finding {
            level: FindingLevel::Warn,
            message: format!(
                "{count} action items is above the healthy {min}–{max}: which ones will really \
                 be done? Keep the others as future considerations."
            ),
            kind: FindingKind::TooManyItems { count, max },
        });
    } else if count < min {
        findings.push(Finding {
            level: FindingLevel::Warn,
            message: format!(
                "Only {count} action {}: {min}–{max} is healthy. Is there nothing to detect or \
                 mitigate faster?",
                if count == 1 { "item" } else { "items" }
            ),
            kind: FindingKind::TooFewItems { count, min },
        });
    }

    // Category coverage (§2). An uncategorised item covers nothing, so a post-mortem whose
    // items are not categorised yet is still asked the question; "only prevention" needs at
    // least one prevent item and nothing else.
    let has = |c: Category| pm.action_items.iter().any(|i| i.category == Some(c));
    if !pm.action_items.is_empty() {
        let only_prevent = has(Category::Prevent)
            && pm
                .action_items
                .iter()
                .all(|i| matches!(i.category, None | Some(Category::Prevent)));
        let missing: Vec<Category> = [Category::Detect, Category::Mitigate]
            .into_iter()
            .filter(|c| !has(*c))
            .collect();
        if only_prevent {
            findings.push(Finding {
                level: FindingLevel::Strong,
                message: format!(
                    "Every item is prevention: that bets the fix works and nothing similar ever \
                     happens. {COVERAGE_QUESTION}"
                ),
                kind: FindingKind::OnlyPrevent,
            });
        } else if !missing.is_empty() {
            let names: Vec<&str> = missing.iter().map(|c| c.as_str()).collect();
            findings.push(Finding {
                level: FindingLevel::Warn,
                message: format!("No {} item. {COVERAGE_QUESTION}", names.join(" or ")),
                kind: FindingKind::MissingCoverage { missing },
            });
        }
    }
    let uncategorised: Vec<String> = pm
        .action_items
        .iter()
        .filter(|i| i.category.is_none())
        .map(|i| i.id.clone())
        .collect();
    if !uncategorised.is_empty() {
        findings.push(Finding {
            level: FindingLevel::Info,
            message: format!(
                "No category yet for {}: coverage counts only categorised items.",
                uncategorised.join(", ")
            ),
            kind: FindingKind::Uncategorised {
                item_ids: uncategorised,
            },
        });
    }

    // Unassigned items (§5.1).
    let unassigned = unassigned_items(pm, settings);
    if !unassigned.is_empty() {
        findings.push(Finding {
            level: FindingLevel::Warn,
            message: format!(
                "No single named owner for {}: assign each before leaving the meeting.",
                unassigned.join(", ")
            ),
            kind: FindingKind::Unassigned {
                item_ids: unassigned,
            },
        });
    }

    // Owners over capacity across every post-mortem (§6).
    let capacity = to_usize(r.owner_capacity);
    // Owners in the order they first appear here, with their open items in this post-mortem.
    let mut here: Vec<(String, String, Vec<String>)> = Vec::new();
    for item in pm.action_items.iter().filter(|i| i.is_open()) {
        let key = owner_key(&item.owner);
        if key.is_empty() {
            continue;
        }
        match here.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, ids)) => ids.push(item.id.clone()),
            None => here.push((key, item.owner.trim().to_string(), vec![item.id.clone()])),
        }
    }
    for (key, owner, item_ids) in here {
        let open_items = open.get(&key).copied().unwrap_or(0);
        if open_items > capacity {
            findings.push(Finding {
                level: FindingLevel::Warn,
                message: format!(
                    "{owner} has {open_items} open action items across all post-mortems \
                     (capacity {capacity}): give some of {} to someone else, or close or defer \
                     older ones.",
                    item_ids.join(", ")
                ),
                kind: FindingKind::OwnerOverCapacity {
                    owner,
                    open_items,
                    capacity,
                    item_ids,
                },
            });
        }
    }
    findings
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The `n` open items to offer for future considerations: lowest priority first, then lowest
/// impact/effort ratio, then the latest added.
fn lowest_priority_extras(pm: &PostMortem, n: usize) -> Vec<String> {
    let mut open: Vec<(usize, &ActionItem)> = pm
        .action_items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.is_open())
        .collect();
    // Total (it ends in the item's position): unstable gives the same order.
    crate::order::sort_by(&mut open, |(ia, a), (ib, b)| {
        b.priority
            .cmp(&a.priority)
            .then_with(|| ratio(a.impact, a.effort).total_cmp(&ratio(b.impact, b.effort)))
            .then_with(|| ib.cmp(ia))
    });
    open.into_iter()
        .take(n)
        .map(|(_, i)| i.id.clone())
        .collect()
}

fn unassigned_items(pm: &PostMortem, settings: &Settings) -> Vec<String> {
    pm.action_items
        .iter()
        .filter(|i| !has_owner(i, settings))
        .map(|i| i.id.clone())
        .collect()
}

/// Why a post-mortem may not leave the meeting (`draft` → `in_review`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unassigned {
    /// Items without one named owner.
    pub item_ids: Vec<String>,
}

impl Unassigned {
    pub fn message(&self) -> String {
        format!(
            "Every item needs one named owner before the meeting ends. Still unassigned: {}.",
            self.item_ids.join(", ")
        )
    }
}

impl fmt::Display for Unassigned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// `draft` → `in_review` is allowed only when every item has one named owner (§5); the refusal
/// lists the items that do not. The owner rule is the validator's (a team, "TBD" or two people
/// is no owner).
pub fn may_leave_meeting(pm: &PostMortem) -> Result<(), Unassigned> {
    // The owner rule does not depend on settings; capacity is the only owner setting.
    let item_ids = unassigned_items(pm, &Settings::default());
    if item_ids.is_empty() {
        Ok(())
    } else {
        Err(Unassigned { item_ids })
    }
}

/// Why a post-mortem may not be closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CloseRefusal {
    /// Items not yet closed.
    pub open_item_ids: Vec<String>,
    /// No closure note written.
    pub missing_note: bool,
}

impl CloseRefusal {
    pub fn message(&self) -> String {
        let mut parts = Vec::new();
        if !self.open_item_ids.is_empty() {
            parts.push(format!(
                "close every item first, done or explicitly not done with a reason (open: {})",
                self.open_item_ids.join(", ")
            ));
        }
        if self.missing_note {
            parts.push("write a closure note saying what changed and what was decided".to_string());
        }
        format!(
            "Closing a post-mortem is a conscious act: {}.",
            parts.join("; and ")
        )
    }
}

impl fmt::Display for CloseRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// Closing is allowed only when every item is closed and the closure note is written (§6).
pub fn may_close(pm: &PostMortem) -> Result<(), CloseRefusal> {
    let open_item_ids: Vec<String> = pm
        .action_items
        .iter()
        .filter(|i| i.is_open())
        .map(|i| i.id.clone())
        .collect();
    let missing_note = pm.closure_note.trim().is_empty();
    if open_item_ids.is_empty() && !missing_note {
        Ok(())
    } else {
        Err(CloseRefusal {
            open_item_ids,
            missing_note,
        })
    }
}

/// A copy of `pm` without the given items, their titles appended to `future_considerations`
/// (in the order the items were listed). Unknown ids are ignored.
pub fn move_to_future_considerations(pm: &PostMortem, item_ids: &[String]) -> PostMortem {
    let mut moved = pm.clone();
    let (gone, kept): (Vec<ActionItem>, Vec<ActionItem>) = moved
        .action_items
        .into_iter()
        .partition(|i| item_ids.contains(&i.id));
    moved.action_items = kept;
    for item in gone {
        let title = item.title.trim();
        moved.future_considerations.push(if title.is_empty() {
            item.id
        } else {
            title.to_string()
        });
    }
    moved
}

#[cfg(test)]
mod tests;
