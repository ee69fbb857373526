//! Unit tests of the five elements; the labelled corpus is `core/tests/validator_corpus.rs`.

use super::text::capitalise;
use super::*;
use crate::model::Level;
use std::collections::HashMap;

fn s() -> Settings {
    Settings::default()
}

/// `capitalise` uses the ASCII case functions on verb phrases from these lists.
#[test]
fn verb_lists_are_ascii() {
    for w in PROCESS_VERBS
        .iter()
        .chain(WISH_PHRASES)
        .chain(OUTCOME_VERBS)
    {
        assert!(w.is_ascii(), "{w}");
    }
    assert_eq!(capitalise("document"), "Document");
    assert_eq!(capitalise(""), "");
}

#[test]
fn lists_are_lowercase_and_trimmed() {
    for list in [
        OUTCOME_VERBS,
        PROCESS_VERBS,
        WISH_PHRASES,
        TEAM_OR_ROLE_WORDS,
        BLAME_PHRASES,
        TRAINING_WORDS,
        VAGUE_OBJECTS,
        SYSTEMIC_CONTROL_WORDS,
    ] {
        for w in list {
            assert_eq!(*w, w.trim().to_lowercase(), "{w}");
            assert!(!w.contains("  "), "{w}");
        }
    }
    // A verb is in one list only, so its verdict is unambiguous.
    for w in OUTCOME_VERBS {
        assert!(
            !PROCESS_VERBS.contains(w) && !WISH_PHRASES.contains(w),
            "{w}"
        );
    }
    for w in PROCESS_VERBS {
        assert!(!WISH_PHRASES.contains(w), "{w}");
    }
}

#[test]
fn owners() {
    let fail = [
        "",
        "  ",
        "TBD",
        "tba",
        "N/A",
        "the team",
        "The Team",
        "SRE",
        "platform",
        "ops",
        "someone",
        "Everyone",
        "engineering",
        "on-call",
        "the on-call",
        "Someone from platform engineering",
        "Payments team",
        "Head of Platform",
        "VP Engineering",
        "sre@company.com",
        "team-x@company.com",
        "payments-oncall@corp.io",
        "Alice and Bob",
        "Alice/Bob",
        "Alice, Bob",
        "Alice & Bob",
        "Alice + Bob",
        "alice@x.com, bob@x.com",
    ];
    for o in fail {
        assert_eq!(check_owner(o, 0, &s()).verdict, Verdict::Fail, "{o:?}");
    }
    let pass = [
        "Alice",
        "Priya Raman",
        "jane.doe@company.com",
        "Alice (SRE)",
        "Zoë Ñúñez",
        "jane+billing@company.com",
        "Anderson",
        "Brandon",
        "李雷",
    ];
    for o in pass {
        let c = check_owner(o, 0, &s());
        assert_eq!(c.verdict, Verdict::Pass, "{o:?}: {}", c.message);
    }
    let busy = check_owner("Alice", 6, &s());
    assert_eq!(busy.verdict, Verdict::Warn);
    assert!(busy.message.contains("6 open items"));
    assert_eq!(check_owner("Alice", 5, &s()).verdict, Verdict::Pass);
}

#[test]
fn verbs() {
    let pass = [
        "Add alert for replication lag",
        "add alert",
        "ADD ALERT",
        "- Add alert",
        "* add alert",
        "• Add alert",
        "1. Add alert",
        "2) Add alert",
        "[Alice] add alert",
        "[Alice, due Jun 26] - add alert",
        "Alice: add alert",
        "VP Engineering: assign ownership",
        "Alice will add the alert",
        "Roll back the release",
        "Adding a timeout",
        "Pinned the version",
        "Re-enable the canary",
        "Redeploy the gateway",
        "Set up synthetic checks",
        "Fix: the retry loop",
    ];
    for t in pass {
        let c = check_verb(t);
        assert_eq!(c.verdict, Verdict::Pass, "{t:?}: {}", c.message);
    }
    let fail = [
        ("Review alerting thresholds", "decision"),
        ("Look into scaling", "decision"),
        ("looking into the cache", "decision"),
        ("Think about retries", "decision"),
        ("Investigate the outage", "decision"),
        ("Reconsider the design", "decision"),
        ("Improve monitoring", "wish"),
        ("Make sure backups run", "wish"),
        ("Try to reduce toil", "wish"),
        ("Be more careful with deploys", "wish"),
        ("We should add a circuit breaker", "wish"),
        ("Alice should add the alert", "wish"),
        ("", "verb"),
        ("   - ", "verb"),
    ];
    for (t, says) in fail {
        let c = check_verb(t);
        assert_eq!(c.verdict, Verdict::Fail, "{t:?}");
        assert!(c.message.contains(says), "{t:?}: {}", c.message);
        assert!(c.suggestion.is_some());
    }
    assert_eq!(check_verb("🚀 ship it").verdict, Verdict::Pass);
    for t in [
        "Datadog alert for lag",
        "Añadir alerta",
        "Restoration of service",
    ] {
        assert_eq!(check_verb(t).verdict, Verdict::Warn, "{t:?}");
    }
}

#[test]
fn outcomes() {
    let st = s();
    let lv = |n| Level::clamped(n);
    let pass = [
        "Add latency P99 alert for /checkout endpoint with >500ms threshold",
        "Lower CPU alert threshold from 95% to 85% on the checkout service",
        "Alice will add the alert by Friday",
    ];
    for t in pass {
        let c = check_outcome(t, lv(2), &st);
        assert_eq!(c.verdict, Verdict::Pass, "{t:?}: {}", c.message);
    }
    let c = check_outcome(pass[0], lv(2), &st);
    assert!(c.message.contains("/checkout"), "{}", c.message);
    // "and" inside one object is one thing (DOMAIN.md §5.3 counts tasks, not words).
    for t in [
        "Add a circuit breaker between the API and the card gateway",
        "Move the front-end fleet to larger CPU and memory servers",
    ] {
        let c = check_outcome(t, lv(2), &st);
        assert_eq!(c.verdict, Verdict::Pass, "{t:?}: {}", c.message);
    }

    let fail = [
        ("Fix the bug", "vague"),
        ("Add documentation", "vague"),
        ("Add more monitoring and alerting", "vague"),
        ("Pin redis version", "Too short"),
        ("Be more careful when deploying to production", "blame"),
        (
            "Remind engineers to pay more attention during rollouts",
            "blame",
        ),
        ("Document that it was human error in the release", "blame"),
    ];
    for (t, says) in fail {
        let c = check_outcome(t, lv(2), &st);
        assert_eq!(c.verdict, Verdict::Fail, "{t:?}");
        assert!(c.message.contains(says), "{t:?}: {}", c.message);
    }
    let warn = [
        (
            "Add an alert on error rate and an alert on latency for checkout",
            "several tasks",
        ),
        (
            "Add alert on checkout error rate; write the runbook",
            "several tasks",
        ),
        (
            "Fix race condition in payments, add regression test",
            "several tasks",
        ),
        (
            "Train the on-call engineers on database failover",
            "systemic control",
        ),
    ];
    for (t, says) in warn {
        let c = check_outcome(t, lv(2), &st);
        assert_eq!(c.verdict, Verdict::Warn, "{t:?}: {}", c.message);
        assert!(c.message.contains(says), "{t:?}: {}", c.message);
    }
    // Training paired with a systemic control is fine.
    let c = check_outcome(
        "Train on-call engineers and add a CI check blocking unreviewed configs",
        lv(2),
        &st,
    );
    assert!(!c.message.contains("systemic control"), "{}", c.message);
    // Effort 4: a project.
    let c = check_outcome(pass[0], lv(4), &st);
    assert_eq!(c.verdict, Verdict::Warn);
    assert!(c.message.contains("project"));
    // The word minimum is a setting.
    let strict = Settings {
        review: crate::settings::ReviewSettings {
            min_outcome_words: 20,
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(
        check_outcome(pass[0], lv(2), &strict).verdict,
        Verdict::Fail
    );
}

#[test]
fn safe_links() {
    assert_eq!(
        safe_link("  https://tracker.example.com/PAY-1 \n"),
        Some("https://tracker.example.com/PAY-1".into())
    );
    assert!(safe_link("HTTP://x.io").is_some());
    assert!(safe_link("hTTpS://x.io/a?b#c").is_some());
    for bad in [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "\u{0}javascript:alert(1)",
        "https://x.io/a b",
        "https://x.io/\u{7}a",
        "ht\ntps://x.io",
        "data:text/html,hi",
        "vbscript:x",
        "https:",
        "https://",
        "http:/x.io",
        "//x.io",
        "x.io",
        "",
    ] {
        assert_eq!(safe_link(bad), None, "{bad:?}");
    }
}

#[test]
fn trackers() {
    assert_eq!(check_tracker("PAY-1234", "").verdict, Verdict::Pass);
    assert_eq!(check_tracker("#123", "").verdict, Verdict::Pass);
    assert_eq!(check_tracker("org/repo#12", "").verdict, Verdict::Pass);
    assert_eq!(
        check_tracker("", "https://linear.app/x/PAY-1").verdict,
        Verdict::Pass
    );
    // DOMAIN.md §5.4: a link that is not http(s) fails.
    assert_eq!(
        check_tracker("", "javascript:alert(1)").verdict,
        Verdict::Fail
    );
    assert_eq!(check_tracker("soon", "").verdict, Verdict::Warn);
    assert_eq!(check_tracker("", "").verdict, Verdict::Fail);
    assert_eq!(check_tracker("  ", " ").verdict, Verdict::Fail);
    for bad in ["PAY-", "-12", "1A-2", "#", "#12a", "PAY 12"] {
        assert!(!looks_like_ticket(bad), "{bad}");
    }
}

#[test]
fn open_items_are_counted_per_owner() {
    let mut ws = Workspace::default();
    let item = |owner: &str, status| ActionItem {
        owner: owner.into(),
        status,
        ..Default::default()
    };
    use crate::model::ItemStatus::*;
    ws.postmortems.push(crate::PostMortem {
        action_items: vec![
            item("Alice", NotStarted),
            item(" alice ", Blocked),
            item("Bob", Closed),
            item("", NotStarted),
        ],
        ..Default::default()
    });
    ws.postmortems.push(crate::PostMortem {
        action_items: vec![item("ALICE", InProgress), item("Bob", Deferred)],
        ..Default::default()
    });
    let counts = open_items_by_owner(&ws);
    assert_eq!(counts.get("alice"), Some(&3));
    assert_eq!(counts.get("bob"), Some(&1));
    assert_eq!(counts.len(), 2);
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
fn without_a_roster_only_a_likely_typo_of_a_known_owner_warns() {
    let settings = s();
    // The typed owner counts once, for this item.
    let known = HashMap::from([
        ("kenji watanabe".to_string(), 3usize),
        ("kenji watanbe".to_string(), 1usize),
        ("tom becker".to_string(), 1usize),
    ]);
    let c = validate_owner("Kenji Watanbe", &settings, Some(&known));
    assert_eq!(c.verdict, Verdict::Warn, "{}", c.message);
    assert!(c.message.contains("Kenji Watanabe"), "{}", c.message);
    assert_eq!(
        validate_owner("Kenji Watanabe", &settings, Some(&known)).verdict,
        Verdict::Pass
    );
    assert_eq!(
        validate_owner("Tom Becker", &settings, Some(&known)).verdict,
        Verdict::Pass
    );
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
