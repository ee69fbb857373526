//! Post-mortem checks: DOMAIN.md §6 (with the coverage rule of §2 and the meeting rule of §5).
//!
//! [`check_postmortem`] lists what a facilitator should hear before leaving the meeting: item
//! count against the healthy range, category coverage, unassigned items, owners over capacity.
//! [`may_leave_meeting`] and [`may_close`] guard the two conscious acts of a post-mortem's life.

use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

use crate::model::{ActionItem, Category, PostMortem, Workspace};
use crate::scoring::ratio;
use crate::settings::Settings;
use crate::validator::{check_owner, owner_key, Verdict};

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
    open.sort_unstable_by(|(ia, a), (ib, b)| {
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
mod tests {
    use super::*;
    use crate::model::{ItemStatus, Priority};

    fn item(n: usize, cat: Option<Category>, owner: &str) -> ActionItem {
        ActionItem {
            id: format!("PM-1-{n:02}"),
            title: format!("Add item {n}"),
            category: cat,
            owner: owner.into(),
            ..Default::default()
        }
    }

    fn pm(items: Vec<ActionItem>) -> PostMortem {
        PostMortem {
            id: "PM-1".into(),
            title: "Checkout outage".into(),
            action_items: items,
            ..Default::default()
        }
    }

    fn kinds(f: &[Finding]) -> Vec<&FindingKind> {
        f.iter().map(|f| &f.kind).collect()
    }

    use Category::*;

    #[test]
    fn a_healthy_postmortem_has_no_findings() {
        let p = pm(vec![
            item(1, Some(Prevent), "Alice"),
            item(2, Some(Detect), "Bob"),
            item(3, Some(Mitigate), "Carol"),
        ]);
        let ws = Workspace::default();
        assert_eq!(check_postmortem(&p, &ws, &Settings::default()), vec![]);
    }

    #[test]
    fn item_counts() {
        let s = Settings::default();
        let ws = Workspace::default();
        let mk = |n: usize| {
            pm((1..=n)
                .map(|i| {
                    let cat = [Prevent, Detect, Mitigate][i % 3];
                    item(i, Some(cat), &format!("Owner{i}"))
                })
                .collect())
        };
        let f = check_postmortem(&mk(2), &ws, &s);
        assert_eq!(
            kinds(&f),
            vec![&FindingKind::TooFewItems { count: 2, min: 3 }]
        );
        assert!(check_postmortem(&mk(5), &ws, &s).is_empty());
        let f = check_postmortem(&mk(6), &ws, &s);
        assert_eq!(f[0].kind, FindingKind::TooManyItems { count: 6, max: 5 });
        assert_eq!(f[0].level, FindingLevel::Warn);
        assert!(matches!(
            check_postmortem(&mk(7), &ws, &s)[0].kind,
            FindingKind::TooManyItems { .. }
        ));
        // Above 7: strong, offering the lowest-priority extras (enough to get back to 5).
        let mut big = mk(8);
        for (i, it) in big.action_items.iter_mut().enumerate() {
            it.priority = if i == 1 || i == 4 || i == 6 {
                Priority::P3
            } else {
                Priority::P1
            };
        }
        let f = check_postmortem(&big, &ws, &s);
        assert_eq!(f[0].level, FindingLevel::Strong);
        assert_eq!(
            f[0].kind,
            FindingKind::FarTooManyItems {
                count: 8,
                limit: 7,
                extras: vec!["PM-1-07".into(), "PM-1-05".into(), "PM-1-02".into()]
            }
        );
        assert!(f[0].message.contains("3 items"));
    }

    #[test]
    fn coverage() {
        let s = Settings::default();
        let ws = Workspace::default();
        let f = check_postmortem(
            &pm(vec![
                item(1, Some(Prevent), "A"),
                item(2, Some(Prevent), "B"),
                item(3, Some(Process), "C"),
            ]),
            &ws,
            &s,
        );
        assert_eq!(
            kinds(&f),
            vec![&FindingKind::MissingCoverage {
                missing: vec![Detect, Mitigate]
            }]
        );
        assert!(f[0].message.ends_with(COVERAGE_QUESTION));
        assert_eq!(f[0].level, FindingLevel::Warn);

        let f = check_postmortem(
            &pm(vec![
                item(1, Some(Prevent), "A"),
                item(2, Some(Prevent), "B"),
                item(3, None, "C"),
            ]),
            &ws,
            &s,
        );
        assert_eq!(f[0].kind, FindingKind::OnlyPrevent);
        assert_eq!(f[0].level, FindingLevel::Strong);
        assert!(f[0].message.contains(COVERAGE_QUESTION));
        assert_eq!(
            f[1].kind,
            FindingKind::Uncategorised {
                item_ids: vec!["PM-1-03".into()]
            }
        );
        assert_eq!(f[1].level, FindingLevel::Info);

        let f = check_postmortem(
            &pm(vec![
                item(1, Some(Prevent), "A"),
                item(2, Some(Detect), "B"),
                item(3, Some(Process), "C"),
            ]),
            &ws,
            &s,
        );
        assert_eq!(
            kinds(&f),
            vec![&FindingKind::MissingCoverage {
                missing: vec![Mitigate]
            }]
        );
        assert!(f[0].message.starts_with("No mitigate item."));

        // Items not categorised yet cover nothing: the question is still asked.
        let f = check_postmortem(
            &pm(vec![
                item(1, None, "A"),
                item(2, None, "B"),
                item(3, None, "C"),
            ]),
            &ws,
            &s,
        );
        assert_eq!(
            f[0].kind,
            FindingKind::MissingCoverage {
                missing: vec![Detect, Mitigate]
            }
        );
    }

    #[test]
    fn unassigned_and_leaving_the_meeting() {
        let p = pm(vec![
            item(1, Some(Prevent), "Alice"),
            item(2, Some(Detect), ""),
            item(3, Some(Mitigate), "the team"),
            item(4, Some(Mitigate), "Alice and Bob"),
        ]);
        let f = check_postmortem(&p, &Workspace::default(), &Settings::default());
        let want = vec!["PM-1-02".to_string(), "PM-1-03".into(), "PM-1-04".into()];
        assert!(f.iter().any(|f| f.kind
            == FindingKind::Unassigned {
                item_ids: want.clone()
            }));
        let refusal = may_leave_meeting(&p).unwrap_err();
        assert_eq!(refusal.item_ids, want);
        assert!(refusal.message().contains("PM-1-02, PM-1-03, PM-1-04"));
        let mut ok = p.clone();
        for it in &mut ok.action_items {
            it.owner = "Dana".into();
        }
        assert_eq!(may_leave_meeting(&ok), Ok(()));
    }

    #[test]
    fn owners_over_capacity_across_postmortems() {
        let s = Settings::default();
        let mut ws = Workspace::default();
        let mut other = pm((1..=4).map(|i| item(i, Some(Prevent), "Alice")).collect());
        other.id = "PM-0".into();
        other.action_items[3].status = ItemStatus::Closed; // closed items don't count
        ws.postmortems.push(other);
        // The workspace's stale copy of PM-1 is ignored in favour of the edited one.
        ws.postmortems.push(pm((1..=9)
            .map(|i| item(i, Some(Prevent), "alice"))
            .collect()));
        let p = pm(vec![
            item(1, Some(Prevent), " ALICE "),
            item(2, Some(Detect), "Alice"),
            item(3, Some(Mitigate), "Bob"),
        ]);
        // Alice: 3 open elsewhere + 2 here = 5, at capacity but not over.
        assert!(check_postmortem(&p, &ws, &s).is_empty());
        let mut p2 = p.clone();
        p2.action_items.push(item(4, Some(Detect), "alice"));
        let f = check_postmortem(&p2, &ws, &s);
        assert_eq!(
            kinds(&f),
            vec![&FindingKind::OwnerOverCapacity {
                owner: "ALICE".into(),
                open_items: 6,
                capacity: 5,
                item_ids: vec!["PM-1-01".into(), "PM-1-02".into(), "PM-1-04".into()]
            }]
        );
        assert!(f[0].message.contains("6 open action items"));
    }

    #[test]
    fn counted_checks_agree_with_the_workspace_checks_for_a_stored_postmortem() {
        let s = Settings::default();
        let mut ws = Workspace::default();
        let mut other = pm((1..=5).map(|i| item(i, Some(Prevent), "Alice")).collect());
        other.id = "PM-0".into();
        ws.postmortems.push(other);
        ws.postmortems.push(pm(vec![
            item(1, Some(Detect), "alice"),
            item(2, Some(Mitigate), "Bob"),
        ]));
        let stored = &ws.postmortems[1];
        let counts = crate::validator::open_items_by_owner(&ws);
        let counted = check_postmortem_counted(stored, &counts, &s);
        assert_eq!(counted, check_postmortem(stored, &ws, &s));
        assert!(matches!(
            kinds(&counted).last(),
            Some(FindingKind::OwnerOverCapacity { open_items: 6, .. })
        ));
    }

    #[test]
    fn closing_is_a_conscious_act() {
        let mut p = pm(vec![
            item(1, Some(Prevent), "A"),
            item(2, Some(Detect), "B"),
        ]);
        p.action_items[0].status = ItemStatus::Closed;
        let r = may_close(&p).unwrap_err();
        assert_eq!(
            r,
            CloseRefusal {
                open_item_ids: vec!["PM-1-02".into()],
                missing_note: true
            }
        );
        assert!(r.message().contains("PM-1-02") && r.message().contains("closure note"));
        p.action_items[1].status = ItemStatus::Closed;
        p.closure_note = "  ".into();
        assert_eq!(
            may_close(&p),
            Err(CloseRefusal {
                open_item_ids: vec![],
                missing_note: true
            })
        );
        p.closure_note = "All shipped; verified by game day on 2026-04-02.".into();
        assert_eq!(may_close(&p), Ok(()));
        // An empty post-mortem needs its note too.
        assert!(may_close(&pm(vec![])).is_err());
    }

    #[test]
    fn moving_items_to_future_considerations() {
        let mut p = pm(vec![
            item(1, None, "A"),
            item(2, None, "B"),
            item(3, None, "C"),
        ]);
        p.future_considerations = vec!["Earlier idea".into()];
        p.action_items[2].title = "   ".into();
        let moved =
            move_to_future_considerations(&p, &["PM-1-03".into(), "PM-1-01".into(), "nope".into()]);
        assert_eq!(moved.action_items.len(), 1);
        assert_eq!(moved.action_items[0].id, "PM-1-02");
        assert_eq!(
            moved.future_considerations,
            vec!["Earlier idea", "Add item 1", "PM-1-03"]
        );
    }
}
