//! The specific outcome (DOMAIN.md §5.3): could someone else tell whether it is done?

use std::sync::OnceLock;

use super::advice;
use super::class;
use super::text::{lexicon_of, Kind, LeadKind, Lexicon, Text};
use super::verb::{beyond, find_lead, lookup_verb_as, Beyond, Lead};
use super::words::{
    AND_PAIRS, BLAME_PHRASES, PEOPLE_VERBS, SYSTEMIC_CONTROL_WORDS, TRAINING_WORDS,
};
use super::Check;
use crate::model::Level;
use crate::settings::Settings;

/// Blame phrases (as written) and verbs asking people to behave better (inflected: "reminding"),
/// in one lexicon so that one pass over the words finds either.
fn blame() -> &'static Lexicon {
    static CELL: OnceLock<Lexicon> = OnceLock::new();
    CELL.get_or_init(|| {
        Lexicon::build(&[
            (LeadKind::Unknown, BLAME_PHRASES),
            (LeadKind::Outcome, PEOPLE_VERBS),
        ])
    })
}

fn training() -> &'static Lexicon {
    static CELL: OnceLock<Lexicon> = OnceLock::new();
    lexicon_of(&CELL, TRAINING_WORDS)
}

fn systemic() -> &'static Lexicon {
    static CELL: OnceLock<Lexicon> = OnceLock::new();
    lexicon_of(&CELL, SYSTEMIC_CONTROL_WORDS)
}

/// The outcome element (§5.3) of a title on its own.
pub fn check_outcome(title: &str, effort: Level, settings: &Settings) -> Check {
    let text = Text::new(title);
    let lead = find_lead(&text);
    outcome_check(&text, &lead, beyond(&text, &lead), effort, settings)
}

pub(super) fn outcome_check(
    text: &Text,
    lead: &Lead,
    _beyond: Beyond,
    effort: Level,
    settings: &Settings,
) -> Check {
    if lead.kind == LeadKind::Empty {
        return Check::fail(
            "Say what will be different when this is done.",
            advice::short(text, lead),
        );
    }
    let min_words = usize::try_from(settings.review.min_outcome_words).unwrap_or(usize::MAX);
    let after = lead.end;
    let specifics = specifics(text, after);

    let mut fail: Option<(String, Option<String>)> = None;
    let mut also: Option<String> = None;
    let mut warns: Vec<(String, Option<String>)> = Vec::new();

    if let Some((at, phrase)) = blame_at(text, lead) {
        fail = Some((
            format!(
                "“{phrase}” asks people to behave better, or names a person as the cause: blame in \
                 disguise. Name the systemic change that makes the mistake hard to make."
            ),
            advice::blame(text, lead, at),
        ));
    }

    let (words, content, vague, first_vague) = object_reading(text, after);
    let vague = vague && specifics.is_empty();
    if content > 0 && vague {
        let message = format!(
            "“{}” is too vague, and nothing after it says which one or where: how would anyone \
             know it is done? Name the service, the signal and the threshold.",
            first_vague.unwrap_or("it")
        );
        push(&mut fail, &mut also, message, advice::short(text, lead));
    } else if words < min_words {
        let message = format!(
            "Too short to check: {words} word{} after the verb. Say what changes, where, and how \
             anyone will know it is done (at least {min_words} words).",
            if words == 1 { "" } else { "s" }
        );
        push(&mut fail, &mut also, message, advice::short(text, lead));
    }

    // Training or awareness as the only remedy.
    let trained = text
        .contains_any(0, training())
        .or(
            (lead.kind == LeadKind::Outcome && matches!(lead.verb, "train" | "share"))
                .then_some(lead.verb),
        );
    if let Some(t) = trained {
        if !paired_with_control(text, after) {
            warns.push((
                format!(
                    "“{t}” as the only remedy rarely holds: people forget and rotate. Pair it with \
                     a systemic control (automation, validation, a guardrail)."
                ),
                advice::training(text, lead),
            ));
        }
    }

    if let Some((why, at, second)) = several_tasks(text, after) {
        warns.push((
            format!("{why}: this looks like several tasks in one. Split it so each can be closed on its own."),
            advice::several(text, lead, at, second),
        ));
    }

    if effort.get() >= Level::MAX {
        warns.push((
            "Effort 4 is a project, not an action item: split it into steps that each fit a sprint."
                .to_string(),
            advice::project(text, lead),
        ));
    }

    let favour = if specifics.is_empty() {
        String::new()
    } else {
        format!(" It names {}, which helps.", specifics.join(", "))
    };
    if let Some((mut message, suggestion)) = fail {
        if let Some(second) = also {
            message.push_str(" Also: ");
            message.push_str(&second);
        }
        return Check::fail(message, suggestion);
    }
    if let Some((first, suggestion)) = warns.first() {
        let mut message = first.clone();
        for (other, _) in warns.iter().skip(1) {
            message.push_str(" Also: ");
            message.push_str(other);
        }
        message.push_str(&favour);
        return Check::warn(message, suggestion.clone());
    }
    if specifics.is_empty() {
        Check::pass(
            "Someone else could tell whether it is done. A number, a threshold or a named \
             service would make it sharper.",
        )
    } else {
        Check::pass(format!(
            "Someone else could tell whether it is done: it names {}.",
            specifics.join(", ")
        ))
    }
}

/// A control added beside the training ("… and add a CI check"): a control word after a joiner,
/// not the thing people are trained on ("Train new hires on the deploy tool").
fn paired_with_control(text: &Text, after: usize) -> bool {
    let joiner = (after..text.len()).find(|&i| {
        matches!(text.punct(i), Some(',' | ';'))
            || matches!(
                text.word(i),
                Some("and" | "plus" | "with" | "then" | "also")
            )
    });
    joiner.is_some_and(|j| text.contains_any(j, systemic()).is_some())
}

fn push(
    fail: &mut Option<(String, Option<String>)>,
    also: &mut Option<String>,
    message: String,
    suggestion: Option<String>,
) {
    if fail.is_none() {
        *fail = Some((message, suggestion));
    } else if also.is_none() {
        *also = Some(message);
    }
}

/// Words after the verb, content words, whether every content word is vague or adds nothing
/// checkable (with at least one vague word), and the first vague word.
fn object_reading<'t>(text: &'t Text, after: usize) -> (usize, usize, bool, Option<&'t str>) {
    let mut words = 0usize;
    let mut content = 0usize;
    let mut vague_only = true;
    let mut first_vague: Option<&str> = None;
    for (i, w) in text.words_from(after) {
        words += 1;
        if text.is(i, class::FILLER) {
            continue;
        }
        content += 1;
        // The head of the object: "everything", or an abstract noun ("visibility of …").
        if first_vague.is_none() && vague_only && text.is(i, class::WHOLLY | class::ABSTRACT) {
            return (text.words_from(after).count(), content, true, Some(w));
        }
        if text.is(i, class::VAGUE) {
            first_vague = first_vague.or(Some(w));
        } else if !text.is(i, class::EMPTY) {
            vague_only = false;
        }
    }
    (
        words,
        content,
        vague_only && first_vague.is_some(),
        first_vague,
    )
}

/// Blame judged by the remedy (§5.3): a phrase asking people to behave better, a person named
/// as the cause, or people told or reminded, unless the action builds a control that makes
/// the mistake hard to make. The index and phrase found.
fn blame_at(text: &Text, lead: &Lead) -> Option<(usize, &'static str)> {
    let found = (0..text.len())
        .find_map(|i| {
            let w = text.word(i)?;
            blame()
                .candidates(w)
                .iter()
                .find(|e| text.entry_at(i, e, e.kind == LeadKind::Outcome).is_some())
                .map(|e| (i, e.phrase))
        })
        .or_else(|| {
            (lead.kind == LeadKind::Process && lead.verb == "ask").then_some((lead.start, "ask"))
        });
    let (at, phrase) = found?;
    let builds = lead.kind == LeadKind::Outcome && !class::is(lead.verb, class::TELLING);
    let control = builds && text.contains_any(lead.end, systemic()).is_some();
    (!control).then_some((at, phrase))
}

/// Why the text looks like several tasks, where the first ends and where the second starts:
/// ";", or "and"/"&"/"+"/"," before a second verb or a second object ("and a retry budget"),
/// or a list of three or more.
fn several_tasks(text: &Text, from: usize) -> Option<(&'static str, usize, usize)> {
    let n = text.len();
    let mut comma: Option<usize> = None;
    let mut commas = 0usize;
    let mut between = false;
    let next_word = |i: usize| {
        (i + 1..n).find(|&j| {
            text.word(j)
                .is_some_and(|w| !matches!(w, "and" | "or" | "then" | "also"))
        })
    };
    for i in from..n {
        if let Some(c) = text.punct(i) {
            match c {
                ';' => return Some(("“;” joins two clauses", i, next_word(i)?)),
                ',' => {
                    comma = Some(i);
                    commas += 1;
                }
                '&' if second_thing(text, i + 1, &mut between) => {
                    return Some(("“&” joins two things", i, next_word(i)?))
                }
                _ => {}
            }
            continue;
        }
        let plus = text
            .toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Junk && t.raw == "+");
        if plus && second_thing(text, i + 1, &mut between) {
            return Some(("“+” joins two things", i, next_word(i)?));
        }
        let Some(w) = text.word(i) else { continue };
        if w == "between" {
            between = true;
        }
        if w == "and" || (w == "or" && commas >= 2) {
            if commas >= 2 {
                return Some(("a list of several things", i, next_word(i)?));
            }
            let pair = AND_PAIRS
                .iter()
                .any(|p| i > 0 && text.phrase_at(i - 1, p, false).is_some());
            if !pair && second_thing(text, i + 1, &mut between) {
                return Some(("“and” joins two things", i, next_word(i)?));
            }
            comma = None;
            continue;
        }
        if text.is(i, class::CLAUSE_JOINER) {
            comma = comma.or(Some(i));
            continue;
        }
        if comma.is_some() && w == "or" {
            continue;
        }
        // An imperative starts the second task ("…, add a test"); a participle does not
        // ("…, linked to the runbook").
        if let Some(at) = comma {
            if let Some((LeadKind::Outcome | LeadKind::Process, _, _)) =
                lookup_verb_as(text, i, false)
            {
                return Some(("a second verb starts a new clause", at, i));
            }
        }
        comma = None;
    }
    None
}

/// Whether what follows a joiner at `j` is a second task: a verb, or a second object with its
/// own article ("and a retry budget"). "between X and Y" is one thing.
fn second_thing(text: &Text, j: usize, between: &mut bool) -> bool {
    if std::mem::take(between) {
        return false;
    }
    let Some(w) = text.word(j) else { return false };
    if matches!(w, "a" | "an" | "the" | "another") {
        return true;
    }
    matches!(
        lookup_verb_as(text, j, false),
        Some((LeadKind::Outcome | LeadKind::Process, _, _))
    )
}

/// Up to three tokens that make the outcome checkable: numbers, thresholds, paths, file or
/// service names, acronyms, ticket keys.
pub(super) fn specifics<'a>(text: &Text<'a>, from: usize) -> Vec<&'a str> {
    let mut found = Vec::new();
    for i in from..text.len() {
        let (Some(tok), Some(w)) = (text.toks.get(i), text.word(i)) else {
            continue;
        };
        let raw = tok
            .raw
            .trim_end_matches([',', '.', ':', ';'])
            .trim_start_matches(['(', '"']);
        // Byte tests where the character is ASCII: this runs for every word on every keystroke.
        let has_digit = w.bytes().any(|b| b.is_ascii_digit());
        let threshold =
            raw.starts_with(['>', '<', '≥', '≤']) || raw.as_bytes().last() == Some(&b'%');
        let pathish = w.bytes().any(|b| matches!(b, b'/' | b'_' | b'.'))
            || raw.as_bytes().first() == Some(&b'/');
        let core = tok.raw.trim_matches(|c: char| !c.is_alphanumeric());
        let bytes = core.as_bytes();
        let acronym = bytes.len() >= 2
            && bytes
                .iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && bytes.iter().any(u8::is_ascii_uppercase)
            && !text.is(i, class::GENERIC_ACRONYM);
        let proper = i > from
            && core.chars().next().is_some_and(char::is_uppercase)
            && core.chars().skip(1).any(char::is_lowercase);
        if (has_digit || threshold || pathish || acronym || proper) && !found.contains(&raw) {
            found.push(raw);
            if found.len() == 3 {
                break;
            }
        }
    }
    found
}
