//! Unit tests of the five elements; the labelled corpus is `core/tests/validator_corpus.rs`.

use super::text::capitalise;
use super::*;
use crate::model::Level;

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
