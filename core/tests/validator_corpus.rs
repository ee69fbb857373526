//! The five-element check (DOMAIN.md §5) against a labelled corpus of action items written as
//! public post-mortems and the seed articles write them (`fixtures/validator_corpus.json`).
//!
//! Prints a confusion matrix per element (expected × actual) and the agreement, always (run
//! with `--nocapture` to see it when it passes); fails below 95 % per element, on any
//! disagreement not listed in the corpus's `accepted` with its reason, and on an accepted one
//! that no longer disagrees. A second test checks that every warn and fail carries advice
//! written from the item itself.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate, TimeZone, Utc};
use followthrough_core::model::{ActionItem, Level, Severity};
use followthrough_core::scoring::apply_scoring;
use followthrough_core::validator::{validate, Element, Validation, ValidationContext, Verdict};
use followthrough_core::Settings;
use serde::Deserialize;

const BAR: f64 = 0.95;

#[derive(Deserialize)]
struct Corpus {
    as_of: NaiveDate,
    roster: Vec<String>,
    /// "<id>.<element>" → why the validator's verdict is accepted though it differs.
    accepted: BTreeMap<String, String>,
    items: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    id: String,
    title: String,
    owner: String,
    ticket: String,
    url: String,
    /// Days from `as_of`; none is no due date.
    due: Option<i64>,
    /// Days from `as_of` the item was created.
    #[serde(default)]
    created: i64,
    impact: i64,
    effort: i64,
    #[serde(default)]
    open_items: usize,
    #[serde(default)]
    roster: bool,
    expect: BTreeMap<String, Verdict>,
    why: String,
}

fn corpus() -> Corpus {
    serde_json::from_str(include_str!("fixtures/validator_corpus.json"))
        .expect("the corpus is valid JSON")
}

fn day(as_of: NaiveDate, offset: i64) -> NaiveDate {
    let days = Days::new(offset.unsigned_abs());
    let shifted = if offset >= 0 {
        as_of.checked_add_days(days)
    } else {
        as_of.checked_sub_days(days)
    };
    shifted.expect("a date in range")
}

fn name(element: Element) -> &'static str {
    match element {
        Element::Owner => "owner",
        Element::Verb => "verb",
        Element::Outcome => "outcome",
        Element::Tracker => "tracker",
        Element::Deadline => "deadline",
    }
}

/// Every entry validated as the editor would: scored at SEV3, on the corpus's day, with the
/// roster in the settings when the entry asks for it.
fn validated(c: &Corpus) -> Vec<(&Entry, Validation)> {
    let plain = Settings::default();
    let with_roster = Settings {
        people: c.roster.clone(),
        ..Settings::default()
    };
    c.items
        .iter()
        .map(|e| {
            let settings = if e.roster { &with_roster } else { &plain };
            let created = day(c.as_of, e.created)
                .and_hms_opt(9, 0, 0)
                .expect("a time");
            let mut item = ActionItem {
                id: e.id.clone(),
                title: e.title.clone(),
                owner: e.owner.clone(),
                tracking_ticket: e.ticket.clone(),
                tracking_url: e.url.clone(),
                impact: Level::clamped(e.impact),
                effort: Level::clamped(e.effort),
                due_date: e.due.map(|d| day(c.as_of, d)),
                created_at: Some(Utc.from_utc_datetime(&created)),
                ..Default::default()
            };
            apply_scoring(&mut item, Severity::Sev3, settings);
            let ctx = ValidationContext {
                today: c.as_of,
                priority: item.priority,
                owner_open_items: e.open_items,
                settings,
                known_owners: None,
            };
            (e, validate(&item, &ctx))
        })
        .collect()
}

fn index(v: Verdict) -> usize {
    match v {
        Verdict::Pass => 0,
        Verdict::Warn => 1,
        Verdict::Fail => 2,
    }
}

#[test]
fn agreement_with_a_facilitator_is_at_least_95_percent_per_element() {
    let c = corpus();
    let mut matrices: BTreeMap<&str, [[usize; 3]; 3]> = BTreeMap::new();
    let mut disagreements: Vec<(String, String)> = Vec::new();
    for (e, v) in validated(&c) {
        for element in Element::ALL {
            let el = name(element);
            let expected = *e
                .expect
                .get(el)
                .unwrap_or_else(|| panic!("{}: no label for {el}", e.id));
            let check = v.get(element);
            if let Some(row) = matrices.entry(el).or_default().get_mut(index(expected)) {
                if let Some(cell) = row.get_mut(index(check.verdict)) {
                    *cell += 1;
                }
            }
            if check.verdict != expected {
                disagreements.push((
                    format!("{}.{el}", e.id),
                    format!(
                        "expected {} ({}), got {}: {:?} / owner {:?} / ticket {:?} {:?} — {}",
                        expected.as_str(),
                        e.why,
                        check.verdict.as_str(),
                        e.title,
                        e.owner,
                        e.ticket,
                        e.url,
                        check.message
                    ),
                ));
            }
        }
    }

    let mut report = format!(
        "\nFive-element check on {} labelled items (rows expected, columns actual)\n",
        c.items.len()
    );
    let mut below = Vec::new();
    for element in Element::ALL {
        let el = name(element);
        let m = matrices.get(el).copied().unwrap_or_default();
        let total: usize = m.iter().flatten().sum();
        let agree: usize = (0..3).map(|i| m[i][i]).sum();
        let share = agree as f64 / total.max(1) as f64;
        report.push_str(&format!(
            "\n{el}: {agree}/{total} agree ({:.1} %)\n",
            share * 100.0
        ));
        report.push_str("            pass  warn  fail\n");
        for (label, row) in ["pass", "warn", "fail"].iter().zip(m) {
            report.push_str(&format!(
                "  {label:>8} {:>5} {:>5} {:>5}\n",
                row[0], row[1], row[2]
            ));
        }
        if share < BAR {
            below.push(format!("{el} {:.1} %", share * 100.0));
        }
    }
    let found: BTreeSet<&str> = disagreements.iter().map(|(k, _)| k.as_str()).collect();
    report.push_str(&format!("\n{} disagreement(s):\n", disagreements.len()));
    for (key, what) in &disagreements {
        let status = c
            .accepted
            .get(key)
            .map_or("NOT ACCEPTED".to_string(), |why| format!("accepted: {why}"));
        report.push_str(&format!("  {key}: {what}\n    {status}\n"));
    }
    eprintln!("{report}");

    let unexplained: Vec<&str> = found
        .iter()
        .copied()
        .filter(|k| !c.accepted.contains_key(*k))
        .collect();
    let stale: Vec<&String> = c
        .accepted
        .keys()
        .filter(|k| !found.contains(k.as_str()))
        .collect();
    assert!(
        below.is_empty(),
        "agreement below {:.0} %: {below:?}",
        BAR * 100.0
    );
    assert!(
        unexplained.is_empty(),
        "disagreements without a reason in the corpus's `accepted`: {unexplained:?}"
    );
    assert!(
        stale.is_empty(),
        "accepted disagreements that now agree (remove them): {stale:?}"
    );
}

/// Words of at least `min` letters and numbers: what a rewrite of the item should keep.
fn words_of(s: &str, min: usize) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            w.chars().count() >= min || (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
        })
        .map(str::to_lowercase)
        .collect()
}

fn key_words(s: &str) -> BTreeSet<String> {
    words_of(s, 4)
}

/// The title's key words after its first word: what an item is about, whatever its verb.
fn object_words(title: &str) -> BTreeSet<String> {
    key_words(title.split_once(' ').map_or("", |(_, rest)| rest))
}

#[test]
fn every_warn_and_fail_carries_advice_written_from_the_item() {
    let c = corpus();
    // Advice → what each item it was given for is about.
    let mut by_advice: BTreeMap<(&str, String), BTreeSet<BTreeSet<String>>> = BTreeMap::new();
    let mut problems = Vec::new();
    for (e, v) in validated(&c) {
        for element in Element::ALL {
            let check = v.get(element);
            if check.verdict == Verdict::Pass {
                continue;
            }
            let el = name(element);
            let Some(advice) = check.suggestion.as_deref().filter(|s| !s.trim().is_empty()) else {
                problems.push(format!(
                    "{}.{el}: {} without advice",
                    e.id,
                    check.verdict.as_str()
                ));
                continue;
            };
            // What the advice must keep (words of at least `min` letters, and numbers), and
            // what the item is about.
            let (source, min, about) = match element {
                Element::Owner if !words_of(&e.owner, 1).is_empty() => {
                    let mut people = words_of(&e.owner, 1);
                    people.retain(|w| !matches!(w.as_str(), "and" | "or" | "plus"));
                    (e.owner.clone(), 1, people)
                }
                Element::Tracker => (
                    format!("{} {} {}", e.title, e.ticket, e.url),
                    4,
                    key_words(&format!("{} {} {}", e.title, e.ticket, e.url)),
                ),
                Element::Deadline => {
                    let date: Option<NaiveDate> = advice.parse().ok();
                    let created = day(c.as_of, e.created);
                    let latest = day(created, 90);
                    if !date.is_some_and(|d| d >= c.as_of.min(created) && d <= latest.max(c.as_of))
                    {
                        problems.push(format!(
                            "{}.{el}: {advice:?} is not a date worked out for the item",
                            e.id
                        ));
                    }
                    continue;
                }
                _ => (e.title.clone(), 4, object_words(&e.title)),
            };
            let keep = words_of(&source, min);
            if !keep.is_empty() && keep.is_disjoint(&words_of(advice, min)) {
                problems.push(format!(
                    "{}.{el}: advice {advice:?} keeps none of {keep:?}",
                    e.id
                ));
            }
            by_advice
                .entry((el, advice.to_string()))
                .or_default()
                .insert(about);
        }
    }
    // The same advice for two items is canned unless they are about the same thing (two
    // words in common: "Harden …" / "Strengthen webhook auth by requiring signed payloads";
    // "Ana Silva and Kenji Watanabe" / "Ana Silva, Kenji Watanabe").
    for ((el, advice), abouts) in &by_advice {
        let abouts: Vec<&BTreeSet<String>> = abouts.iter().collect();
        for (i, a) in abouts.iter().enumerate() {
            for b in abouts.iter().skip(i + 1) {
                if a.intersection(b).count() < 2 {
                    problems.push(format!(
                        "{el}: the same advice {advice:?} for unrelated items {a:?} and {b:?}"
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "advice not written from the item:\n{}",
        problems.join("\n")
    );
}
