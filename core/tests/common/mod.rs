//! The proptest strategies the property tests share, in one place.
//!
//! - Anything: [`item`], [`postmortem`], [`workspace`] and [`settings`] reach every record an
//!   item's life can hold, any Unicode text (with the words the rules look for, Markdown's
//!   special characters and huge strings), dates and instants out to the ends of chrono's
//!   calendar, ids from a small pool (so links, recurrences and duplicates meet), and absurd
//!   settings (zero and huge periods, NaN lines). For "never panics" and round-trip properties.
//! - Small: [`small_workspace`] and its parts are cheap to make (a few post-mortems of a few
//!   items, short strings drawn from [`TRICKY`] characters), so the exchange format's 10,000
//!   round trips stay fast in a debug build; its ids are unique and its priorities computed.
//! - [`cases`]: every block's configuration.

// Each test crate uses a part of this module.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use followthrough_core::model::*;
use followthrough_core::scoring::rescore_workspace;
use followthrough_core::settings::{Bound, ReviewSettings, ScoringSettings, Threshold};
use followthrough_core::validator;
use followthrough_core::Settings;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use std::fmt::Debug;

/// Every block's configuration: `n` cases, no failure files written into the tree (a failure
/// worth keeping becomes a plain test).
pub fn cases(n: u32) -> ProptestConfig {
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Any one of `all`, e.g. `one_of(&Priority::ALL)`.
pub fn one_of<T: Clone + Debug + 'static>(all: &[T]) -> BoxedStrategy<T> {
    select(all.to_vec()).boxed()
}

/// Words the rules look for, so generated titles and owners exercise the interesting paths:
/// the validator's word lists, the similarity vocabulary, punctuation, Markdown's special
/// characters and awkward Unicode.
fn rule_word() -> BoxedStrategy<String> {
    let mut words: Vec<&'static str> = Vec::new();
    for list in [
        validator::OUTCOME_VERBS,
        validator::PROCESS_VERBS,
        validator::WISH_PHRASES,
        validator::TEAM_OR_ROLE_WORDS,
        validator::BLAME_PHRASES,
        validator::TRAINING_WORDS,
        validator::VAGUE_OBJECTS,
    ] {
        words.extend(list);
    }
    words.extend_from_slice(&[
        "[", "]", "(", ")", ":", "Alice:", "-", "•", "1.", "2)", ",", ";", "&", "+", "/", "@",
        "sre@x.io", "and", "will", "should", "to", "need", ">500ms", "95%", "PAY-12", "#4", "İ",
        "ß", "ﬁ", "\u{0}", "\t", "\u{200B}", "\u{202E}", "🚀", "é", "Ω", "ǅ", "|", "*", "_", "\\",
        "#", "<", ">", "\n", "alert", "alerts", "payment", "gateway", "timeouts", "retries",
        "cache", "db",
    ]);
    select(words).prop_map(str::to_string).boxed()
}

/// Any text: arbitrary Unicode, the rules' words in phrases and run together, whitespace,
/// Markdown-ish text, and a word repeated thousands of times.
pub fn text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => any::<String>(),
        3 => vec(rule_word(), 0..12).prop_map(|w| w.join(" ")),
        2 => vec(rule_word(), 0..6).prop_map(|w| w.concat()),
        1 => Just(String::new()),
        1 => "[ \\t\\n]{0,5}",
        1 => "[a-z |*_\\[\\]\\\\\n#<>]{0,24}",
        1 => "(add|alert|payment|gateway|timeouts|retries|the|and) (alert|payment|gateway|cache|db){1,3}",
        1 => (rule_word(), 0usize..3000).prop_map(|(w, n)| w.repeat(n)),
    ]
    .boxed()
}

/// Ids, mostly from a small pool, so links, recurrences and duplicates meet.
pub fn id() -> BoxedStrategy<String> {
    prop_oneof![
        2 => "PM-[12]-0[1-3]",
        2 => "PM-[12]",
        1 => Just(String::new()),
        1 => text(),
    ]
    .boxed()
}

/// Any impact or effort, from arithmetic on any number (clamped into 1–4).
pub fn level() -> BoxedStrategy<Level> {
    prop_oneof![any::<i64>(), -2i64..8]
        .prop_map(Level::clamped)
        .boxed()
}

/// The ends of the calendar, anywhere in chrono's range, and mostly recent days.
pub fn date() -> BoxedStrategy<NaiveDate> {
    prop_oneof![
        1 => Just(NaiveDate::MIN),
        1 => Just(NaiveDate::MAX),
        4 => (-96_000_000i32..96_000_000).prop_filter_map("in chrono's range", NaiveDate::from_num_days_from_ce_opt),
        8 => (700_000i32..760_000).prop_filter_map("recent", NaiveDate::from_num_days_from_ce_opt),
    ]
    .boxed()
}

/// The ends of time, any instant in chrono's range (with nanoseconds), and mostly recent ones.
pub fn instant() -> BoxedStrategy<DateTime<Utc>> {
    prop_oneof![
        1 => Just(DateTime::<Utc>::MIN_UTC),
        1 => Just(DateTime::<Utc>::MAX_UTC),
        3 => (-8_300_000_000_000i64..8_300_000_000_000, 0u32..1_000_000_000)
            .prop_filter_map("in chrono's range", |(s, n)| DateTime::from_timestamp(s, n)),
        6 => (1_500_000_000i64..1_900_000_000, 0u32..1_000_000_000)
            .prop_filter_map("recent", |(s, n)| DateTime::from_timestamp(s, n)),
    ]
    .boxed()
}

/// A history entry of any field, moving between statuses or any text.
pub fn history_entry() -> BoxedStrategy<HistoryEntry> {
    let status_text = prop_oneof![
        one_of(&ItemStatus::ALL).prop_map(|s| s.as_str().to_string()),
        text()
    ];
    (
        instant(),
        select(vec!["status", "owner", "due_date", "", "x"]),
        status_text.clone(),
        status_text,
        text(),
    )
        .prop_map(|(at, field, from, to, note)| HistoryEntry {
            at,
            field: field.into(),
            from,
            to,
            note,
        })
        .boxed()
}

/// Any item: every field, with the records of its life (verification, block, deferral,
/// resolution, history) present or not whatever its status says.
pub fn item() -> BoxedStrategy<ActionItem> {
    let what = (
        id(),
        text(),
        text(),
        option::of(one_of(&Category::ALL)),
        level(),
        level(),
        one_of(&Priority::ALL),
        prop_oneof![text(), Just("Alice".to_string()), Just("Bob".to_string())],
        text(),
        vec(text(), 0..3),
    );
    let tracking = (
        text(),
        prop_oneof![
            text(),
            Just("https://x.io/a".to_string()),
            Just(" JaVaScRiPt:alert(1)".to_string())
        ],
        any::<bool>(),
        vec(id(), 0..3),
    );
    let when = (
        option::of(date()),
        option::of(date()),
        one_of(&ItemStatus::ALL),
        option::of(instant()),
        option::of(instant()),
        option::of(instant()),
    );
    let records = (
        option::of((
            one_of(&VerificationMethod::ALL),
            text(),
            option::of(instant()),
        )),
        option::of((one_of(&BlockedKind::ALL), text(), option::of(date()))),
        option::of((text(), text(), option::of(date()), any::<bool>())),
        option::of(one_of(&Resolution::ALL)),
        vec(history_entry(), 0..4),
    );
    (what, tracking, when, records)
        .prop_map(
            |(
                (id, title, description, category, impact, effort, priority, owner, team, tags),
                (tracking_ticket, tracking_url, would_halve_duration, linked_items),
                (due_date, original_due_date, status, last_progress_at, created_at, updated_at),
                (verification, blocked, deferral, resolution, history),
            )| ActionItem {
                id,
                title,
                description,
                category,
                impact,
                effort,
                priority,
                owner,
                team,
                tags,
                tracking_ticket,
                tracking_url,
                would_halve_duration,
                linked_items,
                due_date,
                original_due_date,
                status,
                last_progress_at,
                created_at,
                updated_at,
                verification: verification.map(|(method, evidence, verified_at)| Verification {
                    method,
                    evidence,
                    verified_at,
                }),
                blocked: blocked.map(|(kind, note, since)| Blocked { kind, note, since }),
                deferral: deferral.map(|(reason, trigger, revisit_on, risk_acknowledged)| {
                    Deferral {
                        reason,
                        trigger,
                        revisit_on,
                        risk_acknowledged,
                    }
                }),
                resolution,
                history,
                ..Default::default()
            },
        )
        .boxed()
}

/// Any post-mortem, with up to seven items.
pub fn postmortem() -> BoxedStrategy<PostMortem> {
    let what = (
        id(),
        text(),
        one_of(&Severity::ALL),
        one_of(&PostMortemStatus::ALL),
        text(),
        vec(text(), 0..3),
        vec(id(), 0..3),
        vec(text(), 0..3),
    );
    let when = (option::of(date()), option::of(instant()));
    (what, when, vec(item(), 0..8))
        .prop_map(
            |(
                (
                    id,
                    title,
                    severity,
                    status,
                    closure_note,
                    future_considerations,
                    recurrence_of,
                    tags,
                ),
                (incident_date, created_at),
                action_items,
            )| PostMortem {
                id,
                title,
                severity,
                status,
                closure_note,
                future_considerations,
                recurrence_of,
                tags,
                incident_date,
                created_at,
                action_items,
                ..Default::default()
            },
        )
        .boxed()
}

/// Any workspace of up to three post-mortems, its settings the defaults.
pub fn workspace() -> BoxedStrategy<Workspace> {
    vec(postmortem(), 0..4)
        .prop_map(|postmortems| Workspace {
            postmortems,
            ..Default::default()
        })
        .boxed()
}

fn days() -> BoxedStrategy<u32> {
    prop_oneof![Just(0u32), Just(u32::MAX), 0u32..400, any::<u32>()].boxed()
}

fn ratio() -> BoxedStrategy<f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-0.0),
        any::<f64>(),
        0.0f64..5.0
    ]
    .boxed()
}

fn bound() -> BoxedStrategy<Bound> {
    let limit = prop_oneof![any::<f64>(), -100.0..100.0f64];
    (0u8..4, limit)
        .prop_map(|(k, v)| match k {
            0 => Bound::AtLeast(v),
            1 => Bound::MoreThan(v),
            2 => Bound::AtMost(v),
            _ => Bound::LessThan(v),
        })
        .boxed()
}

/// The defaults half the time; otherwise every number anything: zero capacity, zero and huge
/// periods, NaN and infinite ratios, lines on either side of anything.
pub fn settings() -> BoxedStrategy<Settings> {
    let scoring = (ratio(), ratio(), ratio(), any::<u8>(), any::<u8>()).prop_map(
        |(p0_ratio, p1_ratio, p2_ratio, high_impact, high_effort)| ScoringSettings {
            p0_ratio,
            p1_ratio,
            p2_ratio,
            high_impact,
            high_effort,
        },
    );
    let review = (
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
    )
        .prop_map(|(capacity, min, max, strong, words)| ReviewSettings {
            owner_capacity: capacity,
            healthy_min_items: min,
            healthy_max_items: max,
            strong_warn_above_items: strong,
            min_outcome_words: words,
        });
    let odd = (
        scoring,
        review,
        vec(days(), 20),
        vec((bound(), bound()), 9),
        any::<f64>(),
        vec(text(), 4),
    )
        .prop_map(|(scoring, review, d, lines, aim, people)| {
            let mut s = Settings {
                scoring,
                review,
                people,
                ..Settings::default()
            };
            let at = |i: usize| d.get(i).copied().unwrap_or(0);
            let f = &mut s.follow_up;
            f.check_in_days.p0 = at(0);
            f.check_in_days.p1 = at(1);
            f.check_in_days.p2 = at(2);
            f.check_in_days.p3 = at(3);
            f.p0_not_started_days = at(4);
            f.no_progress_days.p1 = at(5);
            f.no_progress_days.p2 = at(6);
            f.no_progress_days.p3 = at(7);
            f.stale_days = at(8);
            f.first_nudge_days = at(9);
            f.decay_days = at(10);
            f.cleanup_age_days = at(11);
            let deadlines = &mut s.deadlines;
            deadlines.target_days.p0 = at(12);
            deadlines.target_days.p2 = at(16);
            deadlines.target_days.p3 = at(13);
            deadlines.acceptable_days.p0 = at(14);
            deadlines.acceptable_days.p2 = at(17);
            deadlines.acceptable_days.p3 = at(15);
            let line = |i: usize| {
                let (green, red) = lines
                    .get(i)
                    .copied()
                    .unwrap_or((Bound::AtLeast(0.0), Bound::AtMost(0.0)));
                Threshold { green, red }
            };
            let m = &mut s.metrics;
            m.completion_rate = line(0);
            m.on_time_rate = line(1);
            m.time_to_close_days = line(2);
            m.backlog_size = line(3);
            m.backlog_age_p90_days = line(4);
            m.created_closed_ratio = line(5);
            m.decay = line(6);
            m.recurrence = line(7);
            m.created_closed_aim = aim;
            s
        });
    prop_oneof![1 => Just(Settings::default()), 1 => odd].boxed()
}

/// Short strings that trip up CSV, shells, Markdown, iCalendar and JSON.
pub const TRICKY: &[&str] = &[
    "",
    " ",
    "a",
    "Add",
    "=1+1",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\u{0}",
    "'",
    "\"",
    "\\",
    ",",
    ";",
    "|",
    "<script>",
    "javascript:",
    "🔥",
    "👩🏽‍💻",
    "\u{202e}",
    "עברית",
    "العربية",
    "\u{200b}",
    "\u{feff}",
    "é",
    "İ",
    "ß",
    "$(x)",
    "`x`",
    "#",
    "[",
    "]",
    "{",
    "}",
    "%",
];

/// Two tricky pieces run together, or a few arbitrary characters.
pub fn tricky_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => (select(TRICKY), select(TRICKY)).prop_map(|(a, b)| format!("{a}{b}")),
        1 => vec(any::<char>(), 0..6).prop_map(String::from_iter),
    ]
    .boxed()
}

/// Picks from a list by some bits of `choices` (cheaper to generate than one strategy each).
fn pick<T: Copy>(all: &[T], choices: u32, shift: u32) -> T {
    all[((choices >> shift) as usize) % all.len()]
}

/// Three generated texts fill every text field (reused, and combined): generating one text per
/// field would make 10,000 cases slow in a debug build without finding more.
pub fn small_item() -> BoxedStrategy<ActionItem> {
    (
        (tricky_text(), tricky_text(), tricky_text()),
        any::<u32>(),
        option::of(date()),
        option::of(instant()),
    )
        .prop_map(|((title, owner, other), choices, due_date, updated_at)| {
            let bit = |n: u32| choices & (1 << n) != 0;
            let level = |shift| Level::new(pick(&[1, 2, 3, 4], choices, shift)).unwrap_or_default();
            ActionItem {
                description: format!("{other}\n{title}"),
                team: other.clone(),
                tags: if bit(0) {
                    vec![other.clone(), owner.clone()]
                } else {
                    Vec::new()
                },
                tracking_ticket: if bit(1) { other.clone() } else { String::new() },
                tracking_url: if bit(2) {
                    format!("https://t.example/{other}")
                } else {
                    other.clone()
                },
                impact: level(3),
                effort: level(5),
                category: bit(7).then(|| pick(&Category::ALL, choices, 8)),
                status: pick(&ItemStatus::ALL, choices, 10),
                resolution: bit(13).then(|| pick(&Resolution::ALL, choices, 14)),
                verification: bit(17).then(|| Verification {
                    method: pick(&VerificationMethod::ALL, choices, 18),
                    evidence: owner.clone(),
                    verified_at: updated_at,
                }),
                would_halve_duration: bit(21),
                linked_items: if bit(22) { vec![other] } else { Vec::new() },
                due_date,
                original_due_date: due_date,
                updated_at,
                created_at: updated_at,
                title,
                owner,
                ..Default::default()
            }
        })
        .boxed()
}

pub fn small_postmortem() -> BoxedStrategy<PostMortem> {
    (
        (tricky_text(), tricky_text()),
        any::<u32>(),
        option::of(instant()),
        vec(small_item(), 0..4),
    )
        .prop_map(
            |((title, summary), choices, updated_at, action_items)| PostMortem {
                doc_url: if choices & 1 != 0 {
                    format!("https://d.example/{summary}")
                } else {
                    summary.clone()
                },
                incident_ref: title.clone(),
                tags: if choices & 2 != 0 {
                    vec![summary.clone()]
                } else {
                    Vec::new()
                },
                severity: pick(&Severity::ALL, choices, 2),
                status: pick(&PostMortemStatus::ALL, choices, 4),
                updated_at,
                title,
                summary,
                action_items,
                ..Default::default()
            },
        )
        .boxed()
}

/// A scored workspace whose ids are unique (`P<i>` and `P<i>-<j>`), with a tricky suffix so
/// ids exercise escaping too.
pub fn small_workspace() -> BoxedStrategy<Workspace> {
    (vec(small_postmortem(), 0..4), select(TRICKY), 1u32..10)
        .prop_map(|(postmortems, suffix, capacity)| {
            let mut ws = Workspace {
                postmortems,
                ..Default::default()
            };
            ws.settings.review.owner_capacity = capacity;
            for (i, pm) in ws.postmortems.iter_mut().enumerate() {
                pm.id = format!("P{i}{suffix}");
                for (j, item) in pm.action_items.iter_mut().enumerate() {
                    item.id = format!("P{i}{suffix}-{j}");
                }
            }
            rescore_workspace(&mut ws);
            ws
        })
        .boxed()
}
