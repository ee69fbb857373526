//! Scoring and priority: DOMAIN.md §3.
//!
//! Priority is always computed from impact, effort, the post-mortem's severity and the item's
//! links; a priority read from a file is never trusted (see [`rescore_workspace`]). Also the
//! rubrics shown beside the impact and effort pickers, the words that explain a base priority,
//! and the quadrant board's four quadrants ([`quadrant`], [`move_to_quadrant`]).

use serde::Serialize;

use crate::model::{ActionItem, Category, Level, Priority, Severity, Workspace};
use crate::settings::{ScoringSettings, Settings};

/// What an impact score means (the rubric shown next to the picker).
pub fn impact_rubric(level: Level) -> &'static str {
    match level.get() {
        4 => "critical — removes the root cause or prevents a SEV1 recurrence",
        3 => "high — clearly reduces likelihood or severity",
        2 => "medium — meaningful but incremental",
        _ => "low — marginal risk reduction",
    }
}

/// What an effort score means.
pub fn effort_rubric(level: Level) -> &'static str {
    match level.get() {
        4 => "very high — several weeks",
        3 => "high — 1–3 weeks, cross-team",
        2 => "medium — 1–5 days, one team",
        _ => "low — under a day, one team",
    }
}

/// `impact / effort`. A `Level` is never 0, so this is always finite.
pub fn ratio(impact: Level, effort: Level) -> f64 {
    f64::from(impact.get()) / f64::from(effort.get().max(1))
}

/// The base priority of §3, before overrides.
///
/// Thresholds come from settings; a NaN threshold compares false and so never grants a
/// priority (it cannot panic).
pub fn base_priority(impact: Level, effort: Level, settings: &ScoringSettings) -> Priority {
    let r = ratio(impact, effort);
    if impact.get() >= Level::MAX || r >= settings.p0_ratio {
        Priority::P0
    } else if r >= settings.p1_ratio {
        Priority::P1
    } else if r >= settings.p2_ratio {
        Priority::P2
    } else {
        Priority::P3
    }
}

/// One line explaining the base priority, e.g. "impact 3 / effort 2 = 1.5 → P1 (this week)".
pub fn explain_base(impact: Level, effort: Level, settings: &ScoringSettings) -> String {
    let base = base_priority(impact, effort, settings);
    let why = if impact.get() >= Level::MAX {
        " (impact 4 is always P0)".to_string()
    } else {
        String::new()
    };
    format!(
        "impact {impact} / effort {effort} = {:.2} → {base} ({}){why}",
        ratio(impact, effort),
        base.meaning()
    )
}

/// The result of scoring one item: the base priority, the effective one after overrides, and a
/// human-readable reason for every override that raised it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scored {
    pub base: Priority,
    pub effective: Priority,
    pub reasons: Vec<String>,
}

/// Whether the item counts as appearing in another post-mortem: some non-blank link that is
/// not the item itself.
fn is_linked(item: &ActionItem) -> bool {
    item.linked_items
        .iter()
        .any(|l| !l.trim().is_empty() && l.trim() != item.id.trim())
}

/// Scores an item of a post-mortem of the given severity (§3).
///
/// Overrides only ever raise the priority. The linked-items bump is relative ("one level up"
/// from the rubric's answer); the SEV1 and detection overrides are floors. A reason is recorded
/// for each override whose condition holds and whose result is more urgent than the base, so
/// the reasons explain exactly why `effective` differs from `base`.
pub fn score(item: &ActionItem, severity: Severity, settings: &Settings) -> Scored {
    let s = &settings.scoring;
    let base = base_priority(item.impact, item.effort, s);
    let mut effective = base;
    let mut reasons = Vec::new();

    if is_linked(item) {
        let raised = base.raised();
        if raised < base {
            reasons.push(format!(
                "the same item appears in another post-mortem: one level up, {base} → {raised}"
            ));
            effective = effective.min(raised);
        }
    }
    if item.category == Some(Category::Detect) && item.would_halve_duration && base > Priority::P1 {
        reasons.push(
            "a detection item that would have halved the incident's duration: at least P1"
                .to_string(),
        );
        effective = effective.min(Priority::P1);
    }
    if severity == Severity::Sev1 && item.impact.get() >= 3 && base > Priority::P0 {
        reasons.push("SEV1 incident and impact ≥ 3: P0".to_string());
        effective = Priority::P0;
    }
    Scored {
        base,
        effective,
        reasons,
    }
}

/// Sets `priority` and `priority_reasons` from [`score`].
pub fn apply_scoring(item: &mut ActionItem, severity: Severity, settings: &Settings) {
    let scored = score(item, severity, settings);
    item.priority = scored.effective;
    item.priority_reasons = scored.reasons;
}

/// Recomputes the priority of every item in the workspace, with the workspace's own settings.
/// Call it after every load and import: a priority read from a file is never trusted.
pub fn rescore_workspace(workspace: &mut Workspace) {
    let settings = &workspace.settings;
    for pm in &mut workspace.postmortems {
        let severity = pm.severity;
        for item in &mut pm.action_items {
            apply_scoring(item, severity, settings);
        }
    }
}

/// The impact/effort board of §3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Quadrant {
    /// High impact, low effort.
    QuickWins,
    /// High impact, high effort.
    MajorProjects,
    /// Low impact, low effort.
    FillIns,
    /// Low impact, high effort.
    Reconsider,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::QuickWins,
        Quadrant::MajorProjects,
        Quadrant::FillIns,
        Quadrant::Reconsider,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Quadrant::QuickWins => "Quick Wins",
            Quadrant::MajorProjects => "Major Projects",
            Quadrant::FillIns => "Fill-Ins",
            Quadrant::Reconsider => "Reconsider",
        }
    }

    pub fn advice(self) -> &'static str {
        match self {
            Quadrant::QuickWins => "do first",
            Quadrant::MajorProjects => "schedule",
            Quadrant::FillIns => "if time permits",
            Quadrant::Reconsider => "often not worth it",
        }
    }

    pub fn high_impact(self) -> bool {
        matches!(self, Quadrant::QuickWins | Quadrant::MajorProjects)
    }

    pub fn high_effort(self) -> bool {
        matches!(self, Quadrant::MajorProjects | Quadrant::Reconsider)
    }

    pub fn from_axes(high_impact: bool, high_effort: bool) -> Quadrant {
        match (high_impact, high_effort) {
            (true, false) => Quadrant::QuickWins,
            (true, true) => Quadrant::MajorProjects,
            (false, false) => Quadrant::FillIns,
            (false, true) => Quadrant::Reconsider,
        }
    }
}

/// The quadrant an impact/effort pair falls in (`high_impact` / `high_effort` lines of settings).
pub fn quadrant(impact: Level, effort: Level, settings: &ScoringSettings) -> Quadrant {
    Quadrant::from_axes(
        impact.get() >= settings.high_impact,
        effort.get() >= settings.high_effort,
    )
}

/// Moves an item on the board (drag and drop): changes impact and/or effort to the nearest
/// values that land in `target`, and describes what changed ("effort 3 → 2").
///
/// "Nearest" is the smallest total change; among equals, changing one axis beats changing two.
/// Returns the description `None` when nothing changed: the item is already in `target`, or no
/// level can reach it under these settings (e.g. `high_impact` set above 4).
pub fn move_to_quadrant(
    impact: Level,
    effort: Level,
    target: Quadrant,
    settings: &ScoringSettings,
) -> (Level, Level, Option<String>) {
    if quadrant(impact, effort, settings) == target {
        return (impact, effort, None);
    }
    let mut best: Option<(u8, u8, Level, Level)> = None;
    for i in Level::all() {
        for e in Level::all() {
            if quadrant(i, e, settings) != target {
                continue;
            }
            let total = i.get().abs_diff(impact.get()) + e.get().abs_diff(effort.get());
            let axes = u8::from(i != impact) + u8::from(e != effort);
            let better = match best {
                None => true,
                Some((bt, ba, _, _)) => (total, axes) < (bt, ba),
            };
            if better {
                best = Some((total, axes, i, e));
            }
        }
    }
    let Some((_, _, i, e)) = best else {
        return (impact, effort, None);
    };
    let mut changes = Vec::new();
    if i != impact {
        changes.push(format!("impact {impact} → {i}"));
    }
    if e != effort {
        changes.push(format!("effort {effort} → {e}"));
    }
    (i, e, Some(changes.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lv(n: u8) -> Level {
        Level::clamped(i64::from(n))
    }

    fn item(category: Category, impact: u8, effort: u8) -> ActionItem {
        ActionItem {
            id: "PM-2026-0051-01".into(),
            title: "x".into(),
            category: Some(category),
            impact: lv(impact),
            effort: lv(effort),
            ..Default::default()
        }
    }

    #[test]
    fn base_priority_at_the_boundaries() {
        let s = ScoringSettings::default();
        let table = [
            // (impact, effort, expected) — ratios exactly on each line.
            (3, 1, Priority::P0), // 3.0
            (3, 2, Priority::P1), // 1.5
            (3, 4, Priority::P2), // 0.75
            (2, 3, Priority::P3), // 0.67
            (4, 4, Priority::P0), // impact 4 is always P0
            (2, 1, Priority::P1), // 2.0
            (1, 1, Priority::P2), // 1.0
            (1, 2, Priority::P3), // 0.5
            (2, 2, Priority::P2), // 1.0
            (3, 3, Priority::P2), // 1.0
            (1, 4, Priority::P3), // 0.25
        ];
        for (i, e, want) in table {
            assert_eq!(base_priority(lv(i), lv(e), &s), want, "{i}/{e}");
        }
    }

    #[test]
    fn the_articles_worked_example() {
        // SEV1 payment outage (seed 002, DOMAIN.md §3).
        let settings = Settings::default();
        let cases = [
            (
                "circuit breaker",
                Category::Prevent,
                4,
                2,
                Priority::P0,
                Priority::P0,
            ),
            (
                "error-rate alert",
                Category::Detect,
                3,
                1,
                Priority::P0,
                Priority::P0,
            ),
            (
                "failover runbook",
                Category::Mitigate,
                3,
                2,
                Priority::P1,
                Priority::P0,
            ),
            (
                "retry logging",
                Category::Detect,
                2,
                1,
                Priority::P1,
                Priority::P1,
            ),
            (
                "refactor error handling",
                Category::Prevent,
                3,
                4,
                Priority::P2,
                Priority::P0,
            ),
        ];
        for (name, cat, i, e, base, sev1) in cases {
            let it = item(cat, i, e);
            let at_sev2 = score(&it, Severity::Sev2, &settings);
            assert_eq!(at_sev2.base, base, "{name}");
            assert_eq!(at_sev2.effective, base, "{name}");
            assert!(at_sev2.reasons.is_empty(), "{name}");
            let at_sev1 = score(&it, Severity::Sev1, &settings);
            assert_eq!(at_sev1.base, base, "{name}");
            assert_eq!(at_sev1.effective, sev1, "{name}");
            assert_eq!(at_sev1.reasons.is_empty(), base == sev1, "{name}");
        }
    }

    #[test]
    fn detection_that_halves_duration_is_at_least_p1() {
        let settings = Settings::default();
        let mut it = item(Category::Detect, 1, 4);
        it.would_halve_duration = true;
        let s = score(&it, Severity::Sev3, &settings);
        assert_eq!((s.base, s.effective), (Priority::P3, Priority::P1));
        assert_eq!(s.reasons.len(), 1);
        // Only detection items get it.
        it.category = Some(Category::Prevent);
        assert_eq!(
            score(&it, Severity::Sev3, &settings).effective,
            Priority::P3
        );
    }

    #[test]
    fn linked_items_go_one_level_up_and_never_down() {
        let settings = Settings::default();
        let mut it = item(Category::Prevent, 1, 2);
        it.linked_items = vec!["PM-2025-0007-02".into()];
        let s = score(&it, Severity::Sev4, &settings);
        assert_eq!((s.base, s.effective), (Priority::P3, Priority::P2));
        assert!(s.reasons[0].contains("P3 → P2"));
        // A blank link or a link to itself does not count.
        it.linked_items = vec!["  ".into(), it.id.clone()];
        assert_eq!(
            score(&it, Severity::Sev4, &settings).effective,
            Priority::P3
        );
        // P0 stays P0 without a reason.
        let mut top = item(Category::Prevent, 4, 1);
        top.linked_items = vec!["PM-2025-0007-02".into()];
        let s = score(&top, Severity::Sev4, &settings);
        assert_eq!(s.effective, Priority::P0);
        assert!(s.reasons.is_empty());
    }

    #[test]
    fn overrides_combine_to_the_most_urgent() {
        let settings = Settings::default();
        let mut it = item(Category::Detect, 1, 4);
        it.would_halve_duration = true;
        it.linked_items = vec!["PM-2025-0001-01".into()];
        let s = score(&it, Severity::Sev1, &settings);
        // impact 1 is below the SEV1 line; linked P3 → P2, detection floor P1.
        assert_eq!(s.effective, Priority::P1);
        assert_eq!(s.reasons.len(), 2);
    }

    #[test]
    fn rescoring_ignores_the_priority_in_the_file() {
        let mut ws = Workspace::default();
        ws.postmortems.push(crate::PostMortem {
            id: "PM-1".into(),
            severity: Severity::Sev1,
            action_items: vec![ActionItem {
                priority: Priority::P3,
                priority_reasons: vec!["typed by hand".into()],
                ..item(Category::Mitigate, 3, 2)
            }],
            ..Default::default()
        });
        rescore_workspace(&mut ws);
        let it = &ws.postmortems[0].action_items[0];
        assert_eq!(it.priority, Priority::P0);
        assert_eq!(
            it.priority_reasons,
            vec!["SEV1 incident and impact ≥ 3: P0".to_string()]
        );
    }

    #[test]
    fn rubrics_and_explanations() {
        assert!(impact_rubric(lv(4)).starts_with("critical"));
        assert!(effort_rubric(lv(1)).contains("under a day"));
        let s = ScoringSettings::default();
        assert_eq!(
            explain_base(lv(3), lv(2), &s),
            "impact 3 / effort 2 = 1.50 → P1 (this week)"
        );
    }

    #[test]
    fn quadrants() {
        let s = ScoringSettings::default();
        assert_eq!(quadrant(lv(3), lv(2), &s), Quadrant::QuickWins);
        assert_eq!(quadrant(lv(3), lv(3), &s), Quadrant::MajorProjects);
        assert_eq!(quadrant(lv(2), lv(2), &s), Quadrant::FillIns);
        assert_eq!(quadrant(lv(1), lv(4), &s), Quadrant::Reconsider);
        assert_eq!(Quadrant::FillIns.name(), "Fill-Ins");
        assert_eq!(Quadrant::Reconsider.advice(), "often not worth it");
    }

    #[test]
    fn moving_on_the_board_changes_the_least() {
        let s = ScoringSettings::default();
        // One axis, one step.
        assert_eq!(
            move_to_quadrant(lv(3), lv(3), Quadrant::QuickWins, &s),
            (lv(3), lv(2), Some("effort 3 → 2".into()))
        );
        assert_eq!(
            move_to_quadrant(lv(2), lv(1), Quadrant::QuickWins, &s),
            (lv(3), lv(1), Some("impact 2 → 3".into()))
        );
        // One axis, two steps.
        assert_eq!(
            move_to_quadrant(lv(4), lv(1), Quadrant::MajorProjects, &s),
            (lv(4), lv(3), Some("effort 1 → 3".into()))
        );
        // Diagonal: both axes must move.
        assert_eq!(
            move_to_quadrant(lv(2), lv(3), Quadrant::QuickWins, &s),
            (lv(3), lv(2), Some("impact 2 → 3, effort 3 → 2".into()))
        );
        // Already there.
        assert_eq!(
            move_to_quadrant(lv(1), lv(1), Quadrant::FillIns, &s),
            (lv(1), lv(1), None)
        );
        // Unreachable under odd settings: unchanged.
        let odd = ScoringSettings {
            high_impact: 9,
            ..ScoringSettings::default()
        };
        assert_eq!(
            move_to_quadrant(lv(1), lv(1), Quadrant::QuickWins, &odd),
            (lv(1), lv(1), None)
        );
        // Every move from every cell lands in the target.
        for i in Level::all() {
            for e in Level::all() {
                for q in Quadrant::ALL {
                    let (ni, ne, _) = move_to_quadrant(i, e, q, &s);
                    assert_eq!(quadrant(ni, ne, &s), q);
                }
            }
        }
    }
}
