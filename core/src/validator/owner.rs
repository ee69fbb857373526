//! The named owner (DOMAIN.md §5.1): one person, however a directory writes them ("Silva, Ana",
//! "A. Silva", "Ana Silva (DBA)", a personal address or handle); never a team, a role, a
//! rotation, a group mailbox or several people.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::advice;
use super::class;
use super::roster::{self, fold, Person};
use super::words::{PLACEHOLDER_OWNERS, TEAM_OR_ROLE_WORDS};
use super::{owner_key, Check};
use crate::settings::Settings;

/// Why an owner is not one named person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Problem {
    Empty,
    Placeholder(String),
    Several,
    Mailbox { local: String, domain: String },
    Team(String),
    NotAPerson(String),
}

/// The workspace's owners (from `open_items_by_owner`) and how many of the count are this item.
#[derive(Clone, Copy, Debug)]
pub(super) struct Known<'a> {
    pub owners: &'a HashMap<String, usize>,
    pub own_share: usize,
}

/// The owner element (§5.1): one named person, on the roster when there is one, not over
/// capacity.
pub fn check_owner(owner: &str, open_items: usize, settings: &Settings) -> Check {
    owner_check(owner, open_items, settings, None, &String::new)
}

pub(super) fn owner_check(
    owner: &str,
    open_items: usize,
    settings: &Settings,
    known: Option<Known>,
    title: &dyn Fn() -> String,
) -> Check {
    let trimmed = owner.trim();
    let person = match read_owner(trimmed) {
        Ok(person) => person,
        Err(problem) => {
            let advice = advice::owner(trimmed, &problem, &title());
            return Check::fail(problem_message(trimmed, &problem), Some(advice));
        }
    };
    let mut warns: Vec<String> = Vec::new();
    let mut suggestion = None;
    let known_here = known.is_some_and(|k| {
        k.owners
            .get(&owner_key(trimmed))
            .is_some_and(|n| *n > k.own_share)
    });
    if !known_here {
        if let Some(miss) = roster::miss(&person, settings, trimmed) {
            suggestion = Some(miss.nearest.clone());
            warns.push(miss.message);
        }
    }
    let capacity = usize::try_from(settings.review.owner_capacity).unwrap_or(usize::MAX);
    if open_items > capacity {
        warns.push(format!(
            "{trimmed} already has {open_items} open items (capacity {capacity}): consider another \
             owner, or close or defer something first."
        ));
        suggestion = suggestion.or_else(|| Some(advice::busy_owner(trimmed, open_items, capacity)));
    }
    if warns.is_empty() {
        Check::pass(format!("Owned by {trimmed}."))
    } else {
        Check::warn(warns.join(" Also: "), suggestion)
    }
}

fn problem_message(owner: &str, problem: &Problem) -> String {
    match problem {
        Problem::Empty => "Name the one person who owns this. Don't leave the meeting with it unassigned.".into(),
        Problem::Placeholder(p) => format!("“{p}” is a placeholder, not an owner: name one person now."),
        Problem::Several => "Name one owner: with several, each assumes the other is driving. Others can be \
             collaborators."
            .into(),
        Problem::Mailbox { local, .. } => {
            format!("“{local}@…” is a shared mailbox: name the one person behind it.")
        }
        Problem::Team(word) if word.as_str() == owner => format!(
            "“{owner}” is a team, a role or a shared address, not a person: when a team owns it, \
             nobody does. Name the one person who will drive it."
        ),
        Problem::Team(word) => format!(
            "“{owner}” is a team, a role or a rotation (“{word}”), not a person: when a team owns \
             it, nobody does. Name the one person who will drive it."
        ),
        Problem::NotAPerson(word) => format!(
            "“{word}” is not a name: write the person's name, so that anyone reading the list later \
             knows who drives it."
        ),
    }
}

/// Reads an owner as one person, or says why it is not one.
pub(super) fn read_owner(owner: &str) -> Result<Person, Problem> {
    if owner.is_empty() {
        return Err(Problem::Empty);
    }
    if PLACEHOLDER_OWNERS
        .iter()
        .any(|p| owner.eq_ignore_ascii_case(p))
    {
        return Err(Problem::Placeholder(owner.to_string()));
    }
    // Most owners are plain words ("Priya Raman"): nothing to take apart.
    if !owner.contains(['(', '[', '<', ',', ';', '@', '-', '–', '—']) {
        return read_name(owner, None);
    }
    let (main, email) = split_annotations(owner);
    // "Ana Silva - SRE": what follows a spaced dash is a note.
    let main = [" - ", " – ", " — "]
        .iter()
        .filter_map(|d| main.find(d))
        .min()
        .map_or(main.as_str(), |at| main.get(..at).unwrap_or(""));
    let mut segments: Vec<&str> = main
        .split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    // "Ana Silva, DBA", "Ana Silva, engineering manager": a trailing role is a note.
    while segments.len() > 1 && segments.last().is_some_and(|s| is_role_segment(s)) {
        segments.pop();
    }
    // "Amelia Hart; Fang Wang": a semicolon never separates a family name from a given name.
    if segments.len() > 1 && main.contains(';') {
        return Err(Problem::Several);
    }
    let name = match segments.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [left, right] => {
            let first_left = fold(left.split_whitespace().next().unwrap_or(""));
            let two_addresses = left.contains('@') && right.contains('@');
            if two_addresses || class::is(&first_left, class::GIVEN_NAME) {
                return Err(Problem::Several);
            }
            // "Silva, Ana": Last, First.
            format!("{right} {left}")
        }
        _ => return Err(Problem::Several),
    };
    if let Some((local, domain)) = email.as_deref().and_then(|e| e.split_once('@')) {
        let base = fold(local.split('+').next().unwrap_or(local));
        if group_local(&base).is_some() {
            return Err(Problem::Mailbox {
                local: local.to_string(),
                domain: domain.to_string(),
            });
        }
    }
    if name.split_whitespace().next().is_none() {
        return match email {
            Some(address) => read_name(&address, None),
            // "(unassigned)": only a note; read what it says.
            None if owner.contains(['(', '[']) => {
                let inner: String = owner
                    .chars()
                    .filter(|c| !matches!(c, '(' | ')' | '[' | ']'))
                    .collect();
                read_owner(inner.trim())
            }
            None => Err(Problem::Empty),
        };
    }
    read_name(&name, email.as_deref())
}

/// The name with parenthesised notes and an `<address>` taken out, and the address.
fn split_annotations(owner: &str) -> (String, Option<String>) {
    let mut main = String::with_capacity(owner.len());
    let mut email = None;
    let mut depth = 0usize;
    let mut angle: Option<String> = None;
    for c in owner.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '<' if depth == 0 => angle = Some(String::new()),
            '>' if angle.is_some() => email = angle.take().filter(|a| a.contains('@')),
            _ if depth > 0 => {}
            _ => match angle.as_mut() {
                Some(a) => a.push(c),
                None => main.push(c),
            },
        }
    }
    (main.trim().to_string(), email)
}

/// The team and role phrases of two words, split once.
fn team_phrases() -> &'static [(&'static str, &'static str)] {
    static CELL: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    CELL.get_or_init(|| {
        TEAM_OR_ROLE_WORDS
            .iter()
            .filter_map(|p| p.split_once(' '))
            .collect()
    })
}

/// A word's core: no surrounding punctuation except what names and addresses use.
fn core(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '@' | '&' | '+' | '-' | '\''))
}

/// A segment made only of team, role, department and filler words: a note on the person.
fn is_role_segment(segment: &str) -> bool {
    let folded = fold(segment);
    let mut any_role = false;
    let mut any_department = false;
    for w in folded.split_whitespace().map(core) {
        if w.is_empty() || class::is(w, class::OWNER_FILLER_WORD) {
            continue;
        }
        if is_team_word(w) {
            any_role = true;
        } else if class::is(w, class::DEPARTMENT) {
            any_department = true;
        } else {
            return false;
        }
    }
    any_role || any_department
}

/// A team or role word, or a word with one as a hyphenated part ("storage-oncall").
fn is_team_word(w: &str) -> bool {
    class::is(w, class::TEAM)
        || (w.contains(['-', '_', '.'])
            && w.split(['-', '_', '.']).any(|p| class::is(p, class::TEAM)))
}

/// Reads the words of a name (notes already taken out) as one person.
fn read_name(name: &str, email: Option<&str>) -> Result<Person, Problem> {
    let folded = fold(name);
    let words: Vec<(&str, &str)> = name
        .split_whitespace()
        .zip(folded.split_whitespace().map(core))
        .collect();
    // "Ana from the storage team": a note after the name, when the name came first.
    let end = words
        .iter()
        .skip(1)
        .position(|(_, w)| class::is(w, class::ANNOTATION))
        .map(|k| k + 1)
        .filter(|&k| words.iter().take(k).all(|(_, w)| plain_name_word(w)))
        .unwrap_or(words.len());
    let words = words.get(..end).unwrap_or(&[]);
    // "Billing on call", "Incident commander": team and role phrases of two words.
    for pair in words.windows(2) {
        if let [(_, a), (_, b)] = pair {
            if let Some((x, y)) = team_phrases().iter().find(|(x, y)| x == a && y == b) {
                return Err(Problem::Team(format!("{x} {y}")));
            }
        }
    }
    let mut person = String::new();
    let mut groups = 0usize;
    let mut joined = true;
    let mut email_local = email.and_then(|e| e.split('@').next()).map(str::to_string);
    let mut handle = None;
    let mut team: Option<&str> = None;
    let mut department: Option<&str> = None;
    for (raw, w) in words {
        let c = class::of(w);
        if c & class::JOINER != 0 {
            joined = true;
            continue;
        }
        let mut name_word = |w: &str| {
            if joined {
                groups += 1;
                joined = false;
            }
            // The roster matches names by their words; an address or handle is matched apart.
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if w.contains('@') || w.is_empty() {
                return;
            }
            if !person.is_empty() {
                person.push(' ');
            }
            person.push_str(w);
        };
        if let Some((local, domain)) = w.split_once('@').filter(|(l, _)| !l.is_empty()) {
            let base = local.split('+').next().unwrap_or(local);
            if let Some(problem) = group_local(base) {
                return Err(match problem {
                    Problem::Team(_) => Problem::Mailbox {
                        local: local.to_string(),
                        domain: domain.to_string(),
                    },
                    other => other,
                });
            }
            email_local = Some(base.to_string());
            name_word(w);
            continue;
        }
        if let Some(handle_core) = w.strip_prefix('@') {
            match group_local(handle_core) {
                Some(Problem::Team(_)) => return Err(Problem::Team((*raw).to_string())),
                Some(other) => return Err(other),
                None => {}
            }
            handle = Some(handle_core.to_string());
            name_word(w);
            continue;
        }
        // "Ana/Kenji": two people in one word.
        if w.contains(['/', '+', '&']) {
            if w.split(['/', '+', '&']).filter(|p| !p.is_empty()).count() > 1 {
                return Err(Problem::Several);
            }
            continue;
        }
        if c & class::NOT_A_PERSON != 0 {
            return Err(Problem::NotAPerson((*raw).to_string()));
        }
        if c & class::PLACEHOLDER != 0 {
            return Err(Problem::Placeholder((*raw).to_string()));
        }
        if is_team_word(w) {
            team = team.or(Some(raw));
            continue;
        }
        if c & class::DEPARTMENT != 0 {
            department = department.or(Some(raw));
            continue;
        }
        if c & class::OWNER_FILLER_WORD != 0 || w.is_empty() {
            continue;
        }
        name_word(w);
    }
    if let Some(t) = team {
        return Err(Problem::Team(
            t.trim_matches(|c: char| !c.is_alphanumeric()).to_string(),
        ));
    }
    if groups > 1 {
        return Err(Problem::Several);
    }
    if groups == 0 {
        return Err(match department {
            Some(d) => Problem::Team(d.to_string()),
            None => Problem::Empty,
        });
    }
    Ok(Person::new(person, email_local, handle))
}

/// A word that can only be part of a person's name here (not a team, role or joiner).
fn plain_name_word(w: &str) -> bool {
    !w.is_empty()
        && !is_team_word(w)
        && !class::is(
            w,
            class::NOT_A_PERSON | class::JOINER | class::DEPARTMENT | class::PLACEHOLDER,
        )
}

/// Whether the local part of an address (or a handle) is a group: a rotation or team word in
/// it (`on-call@`, `checkout-team@`), or only role and department words (`dba@`,
/// `payments-sre@`). A role word before a dot is a person's first.last (`ops.lee@`).
fn group_local(local: &str) -> Option<Problem> {
    if class::is(local, class::NOT_A_PERSON) {
        return Some(Problem::NotAPerson(format!("@{local}")));
    }
    let pieces = || local.split(['.', '-', '_']).filter(|p| !p.is_empty());
    let team = || Some(Problem::Team(local.to_string()));
    if class::is(local, class::MAILBOX) || pieces().any(|p| class::is(p, class::MAILBOX)) {
        return team();
    }
    if pieces().all(|p| is_team_word(p) || class::is(p, class::DEPARTMENT)) {
        return team();
    }
    let first_last = pieces().count() == 2 && local.contains('.') && !local.contains(['-', '_']);
    if !first_last && pieces().any(is_team_word) {
        return team();
    }
    None
}
