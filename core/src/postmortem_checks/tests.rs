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

#[test]
fn the_all_clear_quotes_the_healthy_range() {
    let mut s = Settings::default();
    assert_eq!(
        all_clear(&s),
        "3–5 items, every category covered, every item owned."
    );
    s.review.healthy_min_items = 2;
    s.review.healthy_max_items = 6;
    assert!(all_clear(&s).starts_with("2–6 items,"));
}

#[test]
fn a_workspace_check_is_the_meeting_views_checks_for_every_post_mortem() {
    use crate::validator::{open_items_by_owner, validate, ValidationContext};
    let mut ws = Workspace::default();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 5, 12).unwrap();
    for n in 1..=2 {
        ws.postmortems.push(PostMortem {
            id: format!("PM-{n}"),
            title: format!("Outage {n}"),
            action_items: vec![
                ActionItem {
                    id: format!("PM-{n}-01"),
                    title: "Investigate the outage".into(),
                    owner: "the team".into(),
                    ..Default::default()
                },
                ActionItem {
                    id: format!("PM-{n}-02"),
                    title: "Add an alert on checkout errors above 2% for 5 minutes".into(),
                    owner: "Ana Silva".into(),
                    category: Some(Category::Detect),
                    tracking_ticket: "PAY-12".into(),
                    due_date: Some(today + chrono::Days::new(5)),
                    ..Default::default()
                },
            ],
            ..Default::default()
        });
    }
    let reports = check_workspace(&ws, today);
    let open = open_items_by_owner(&ws);
    assert_eq!(reports.len(), 2);
    for (report, pm) in reports.iter().zip(&ws.postmortems) {
        assert_eq!(report.postmortem_id, pm.id);
        assert_eq!(
            report.findings,
            check_postmortem_counted(pm, &open, &ws.settings)
        );
        for (item_report, item) in report.items.iter().zip(&pm.action_items) {
            let ctx = ValidationContext::for_item(item, item.priority, &open, today, &ws.settings);
            assert_eq!(item_report.validation, validate(item, &ctx));
        }
        assert_eq!(report.worst(), Verdict::Fail);
    }
    assert_eq!(finding_verdict(FindingLevel::Info), Verdict::Pass);
    assert_eq!(finding_verdict(FindingLevel::Strong), Verdict::Warn);
}
