//! Unit tests of DOMAIN.md §5 as sharpened: owners written many ways, the roster, process
//! objects, wishes with a method, documents as trackers, and advice in the item's words.

use super::*;
use crate::model::Level;
use std::collections::HashMap;

fn s() -> Settings {
    Settings::default()
}

fn validate_owner(
    owner: &str,
    settings: &Settings,
    known: Option<&HashMap<String, usize>>,
) -> Check {
    let item = ActionItem {
        title: "Add a lag alert for the orders replica above 30 seconds".into(),
        owner: owner.into(),
        ..Default::default()
    };
    let ctx = ValidationContext {
        today: chrono::NaiveDate::from_ymd_opt(2026, 5, 12).unwrap_or_default(),
        priority: Priority::P2,
        owner_open_items: 0,
        settings,
        known_owners: known,
    };
    validate(&item, &ctx).owner
}

#[test]
fn people_are_written_many_ways_and_teams_in_disguise_fail() {
    for o in [
        "Silva, Ana",
        "A. Silva",
        "Ana Silva (DBA)",
        "Ana Silva, DBA",
        "Ana Silva - SRE",
        "Ana from the storage team",
        "ops.lee@corp.example",
        "ana.silva+pm@corp.example",
        "@ana.silva",
        "María José García-López",
        "Nguyễn Văn An",
        "O'Brien",
        "Ana Silva <ana.silva@corp.example>",
    ] {
        let c = check_owner(o, 0, &s());
        assert_eq!(c.verdict, Verdict::Pass, "{o:?}: {}", c.message);
    }
    for o in [
        "Checkout SRE",
        "Billing on-call",
        "@infra-oncall",
        "storage-oncall",
        "Search engineering",
        "myself",
        "the IC",
        "dba@corp.example",
        "checkout-team@corp.example",
        "Payments",
        "Alice, Bob",
        "Amelia Hart; Fang Wang",
        "(unassigned)",
    ] {
        let c = check_owner(o, 0, &s());
        assert_eq!(c.verdict, Verdict::Fail, "{o:?}: {}", c.message);
        assert!(c.suggestion.is_some(), "{o:?}");
    }
}

#[test]
fn a_roster_warns_with_the_nearest_name_and_knows_the_workspace() {
    let settings = Settings {
        people: vec![
            "Ana Silva <ana.silva@corp.example>".into(),
            "Kenji Watanabe".into(),
        ],
        ..Default::default()
    };
    for o in [
        "Ana Silva",
        "Silva, Ana",
        "A. Silva",
        "ana.silva@corp.example",
        "Kenji",
    ] {
        let c = validate_owner(o, &settings, None);
        assert_eq!(c.verdict, Verdict::Pass, "{o:?}: {}", c.message);
    }
    let c = validate_owner("Kenji Watanbe", &settings, None);
    assert_eq!(c.verdict, Verdict::Warn, "{}", c.message);
    assert!(c
        .suggestion
        .as_deref()
        .is_some_and(|s| s.starts_with("Kenji Watanabe")));
    // Someone who already owns another item is on the roster.
    let known = HashMap::from([("tom becker".to_string(), 2usize)]);
    assert_eq!(
        validate_owner("Tom Becker", &settings, Some(&known)).verdict,
        Verdict::Pass
    );
    assert_eq!(
        validate_owner("Tom Becker", &settings, None).verdict,
        Verdict::Warn
    );
    // A team fails whatever the roster says.
    assert_eq!(
        validate_owner("Checkout SRE", &settings, None).verdict,
        Verdict::Fail
    );
}

#[test]
fn without_a_roster_a_new_person_is_simply_a_person() {
    let known = HashMap::from([("kenji watanabe".to_string(), 3usize)]);
    for o in ["Kenji Watanbe", "Tom Becker"] {
        assert_eq!(
            validate_owner(o, &s(), Some(&known)).verdict,
            Verdict::Pass,
            "{o}"
        );
    }
}

#[test]
fn owners_of_closed_items_are_known_people() {
    let mut ws = Workspace::default();
    ws.postmortems.push(crate::PostMortem {
        action_items: vec![ActionItem {
            owner: "Dana Okafor".into(),
            status: crate::model::ItemStatus::Closed,
            ..Default::default()
        }],
        ..Default::default()
    });
    assert_eq!(open_items_by_owner(&ws).get("dana okafor"), Some(&0));
}

#[test]
fn process_objects_wishes_with_methods_and_documents() {
    for t in [
        "Set up a call to go over the failover plan",
        "Open a ticket to look at the retry storm",
        "Create a doc to plan the migration",
        "Keep watching the lag dashboard",
    ] {
        assert_eq!(check_verb(t).verdict, Verdict::Fail, "{t:?}");
    }
    for t in [
        "Write a rollback plan for the v2 migration",
        "Add a review step to the deploy",
    ] {
        assert_eq!(check_verb(t).verdict, Verdict::Pass, "{t:?}");
    }
    let c = check_verb("Harden webhook auth by requiring signed payloads");
    assert_eq!(c.verdict, Verdict::Warn);
    assert_eq!(
        c.suggestion.as_deref(),
        Some("Require signed payloads for webhook auth")
    );
    let doc = check_tracker("", "https://docs.google.com/document/d/1/edit");
    assert_eq!(doc.verdict, Verdict::Warn);
    assert!(
        doc.message.contains("a document is not a tracker"),
        "{}",
        doc.message
    );
    for placeholder in ["TBD", "n/a", "none", "-", "?"] {
        assert_eq!(
            check_tracker(placeholder, "").verdict,
            Verdict::Fail,
            "{placeholder}"
        );
    }
    assert_eq!(
        check_tracker("https://github.com/a/b/issues/4", "").verdict,
        Verdict::Pass
    );
    // A key never holds ':': a script link with a number after '#' is still a script link.
    assert_eq!(
        check_tracker("javascript:alert(1)#12", "").verdict,
        Verdict::Fail
    );
}

#[test]
fn advice_is_the_item_rewritten() {
    let c = check_verb("Consider adding validation for the config parameters");
    assert!(
        c.suggestion
            .as_deref()
            .is_some_and(|s| s.starts_with("Add validation for the config parameters")),
        "{:?}",
        c.suggestion
    );
    let c = check_outcome("Add the timeout", Level::clamped(2), &s());
    assert!(
        c.suggestion
            .as_deref()
            .is_some_and(|s| s.starts_with("Add the timeout") && s.contains('‹')),
        "{:?}",
        c.suggestion
    );
    let c = check_verb("Review alerting thresholds");
    assert!(
        c.suggestion
            .as_deref()
            .is_some_and(|s| s.starts_with("Change alerting thresholds from")),
        "{:?}",
        c.suggestion
    );
}
