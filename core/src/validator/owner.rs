//! The named owner (DOMAIN.md §5.1): one person, however a directory writes them ("Silva, Ana",
//! "A. Silva", "Ana Silva (DBA)", a personal address or handle); never a team, a role, a
//! rotation, a group mailbox or several people.

use std::collections::HashMap;

use super::advice;
use super::roster::{self, fold, Person};
use super::text::in_list;
use super::words::{
    DEPARTMENT_WORDS, GIVEN_NAMES, MAILBOX_WORDS, NEVER_A_PERSON, PLACEHOLDER_OWNERS,
    PLACEHOLDER_WORDS, TEAM_OR_ROLE_WORDS,
};
use super::{owner_key, Check};
use crate::settings::Settings;

/// Words of an owner that carry no identity ("the", a title like "Dr.").
const OWNER_FILLER: &[&str] = &["the", "our", "my", "dr", "mr", "mrs", "ms", "mx", "prof"];
/// Words after a name that start a note about them ("Ana from the storage team").
const ANNOTATION_STARTERS: &[&str] = &["from", "of", "on", "in", "at", "with", "for"];
/// Words that join several owners.
const JOINERS: &[&str] = &["and", "or", "plus", "&", "+"];

/// Why an owner is not one named person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Problem {
    Empty,
    Placeholder(String),
    Several(Vec<String>),
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
        if let Some(miss) = roster::miss(&person, settings, known, trimmed) {
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
        Problem::Several(_) => "Name one owner: with several, each assumes the other is driving. Others can be \
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
    if in_list(&owner_key(owner), PLACEHOLDER_OWNERS) {
        return Err(Problem::Placeholder(owner.to_string()));
    }
    let (main, email) = split_annotations(owner);
    // "Ana Silva - SRE": what follows a spaced dash is a note.
    let main = ["- ", "– ", "— "]
        .iter()
        .filter_map(|d| main.find(&format!(" {d}")))
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
        return Err(Problem::Several(
            segments.iter().map(|s| s.to_string()).collect(),
        ));
    }
    let name = match segments.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [left, right] => {
            let first_left = fold(left.split_whitespace().next().unwrap_or(""));
            if (left.contains('@') && right.contains('@')) || in_list(&first_left, GIVEN_NAMES) {
                return Err(Problem::Several(
                    segments.iter().map(|s| s.to_string()).collect(),
                ));
            }
            // "Silva, Ana": Last, First.
            format!("{right} {left}")
        }
        many => {
            return Err(Problem::Several(
                many.iter().map(|s| s.to_string()).collect(),
            ))
        }
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
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() {
        return match email {
            Some(address) => read_name_words(&[address.as_str()], None),
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
    read_name_words(&words, email.as_deref())
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

/// A segment made only of team, role, department and filler words: a note on the person.
fn is_role_segment(segment: &str) -> bool {
    let mut any_role = false;
    for word in segment.split_whitespace() {
        let w = fold(word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'));
        if w.is_empty() || in_list(&w, OWNER_FILLER) {
            continue;
        }
        if is_team_word(&w).is_some() {
            any_role = true;
        } else if !in_list(&w, DEPARTMENT_WORDS) {
            return false;
        }
    }
    any_role || segment.split_whitespace().count() == 1 && in_list(&fold(segment), DEPARTMENT_WORDS)
}

/// The team/role word `w` is, or one of its hyphenated parts ("storage-oncall").
fn is_team_word(w: &str) -> Option<&'static str> {
    let exact = |p: &str| TEAM_OR_ROLE_WORDS.iter().copied().find(|t| *t == p);
    exact(w)
        .or_else(|| {
            w.split(['-', '_', '.'])
                .filter(|p| !p.is_empty())
                .find_map(exact)
        })
        .or_else(|| (w.replace('-', " ") == "on call").then_some("on-call"))
}

fn read_name_words(words: &[&str], email: Option<&str>) -> Result<Person, Problem> {
    // "Ana from the storage team": a note after the name, when the name came first.
    let mut end = words.len();
    for (k, w) in words.iter().enumerate().skip(1) {
        if in_list(&fold(w), ANNOTATION_STARTERS) {
            if words[..k].iter().all(|w| plain_name_word(w)) {
                end = k;
            }
            break;
        }
    }
    let words = &words[..end];
    // "Billing on call", "Incident commander": team and role phrases of several words.
    let joined = format!(" {} ", fold(&words.join(" ")));
    if let Some(phrase) = TEAM_OR_ROLE_WORDS
        .iter()
        .find(|p| p.contains(' ') && joined.contains(&format!(" {p} ")))
    {
        return Err(Problem::Team((*phrase).to_string()));
    }
    let mut department: Option<String> = None;
    let mut people = vec![String::new()];
    let mut email_local = email.and_then(|e| e.split('@').next()).map(str::to_string);
    let mut handle = None;
    let mut any_name = false;
    let mut team: Option<String> = None;
    for raw in words {
        let w = fold(raw.trim_matches(|c: char| {
            !c.is_alphanumeric() && !matches!(c, '@' | '&' | '+' | '-' | '\'')
        }));
        if in_list(&w, JOINERS) {
            people.push(String::new());
            continue;
        }
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
            any_name = true;
            push_word(&mut people, &w);
            continue;
        }
        if let Some(core) = w.strip_prefix('@') {
            match group_local(core) {
                Some(Problem::Team(_)) => return Err(Problem::Team((*raw).to_string())),
                Some(other) => return Err(other),
                None => {}
            }
            handle = Some(core.to_string());
            any_name = true;
            push_word(&mut people, &w);
            continue;
        }
        // "Ana/Kenji": two people in one word.
        if w.contains('/') || w.contains('+') || w.contains('&') {
            for part in w.split(['/', '+', '&']).filter(|p| !p.is_empty()) {
                push_word(&mut people, part);
                people.push(String::new());
            }
            people.retain(|p| !p.is_empty());
            if people.len() > 1 {
                return Err(Problem::Several(people));
            }
            continue;
        }
        if in_list(&w, NEVER_A_PERSON) {
            return Err(Problem::NotAPerson((*raw).to_string()));
        }
        if in_list(&w, PLACEHOLDER_WORDS) {
            return Err(Problem::Placeholder((*raw).to_string()));
        }
        if let Some(t) = is_team_word(&w) {
            team = team.or(Some(t.to_string()));
            continue;
        }
        if in_list(&w, DEPARTMENT_WORDS) {
            department = department.or(Some((*raw).to_string()));
            continue;
        }
        if in_list(&w, OWNER_FILLER) || w.is_empty() {
            continue;
        }
        any_name = true;
        push_word(&mut people, &w);
    }
    if let Some(t) = team {
        return Err(Problem::Team(t));
    }
    people.retain(|p| !p.is_empty());
    if people.len() > 1 {
        return Err(Problem::Several(people));
    }
    if !any_name {
        return Err(match department {
            Some(d) => Problem::Team(d),
            None => Problem::Empty,
        });
    }
    Ok(Person::new(
        people.pop().unwrap_or_default(),
        email_local,
        handle,
    ))
}

fn push_word(people: &mut [String], w: &str) {
    if let Some(last) = people.last_mut() {
        if !last.is_empty() {
            last.push(' ');
        }
        last.push_str(w);
    }
}

/// A word that can only be part of a person's name here (not a team, role or joiner).
fn plain_name_word(w: &str) -> bool {
    let w = fold(w.trim_matches(|c: char| !c.is_alphanumeric()));
    !w.is_empty()
        && is_team_word(&w).is_none()
        && !in_list(&w, NEVER_A_PERSON)
        && !in_list(&w, JOINERS)
        && !in_list(&w, DEPARTMENT_WORDS)
        && !in_list(&w, PLACEHOLDER_WORDS)
}

/// Whether the local part of an address (or a handle) is a group: a rotation or team word in
/// it (`on-call@`, `checkout-team@`), or only role and department words (`dba@`,
/// `payments-sre@`). A role word before a dot is a person's first.last (`ops.lee@`).
fn group_local(local: &str) -> Option<Problem> {
    if in_list(local, NEVER_A_PERSON) {
        return Some(Problem::NotAPerson(format!("@{local}")));
    }
    if in_list(local, MAILBOX_WORDS) || local.replace('-', "") == "oncall" {
        return Some(Problem::Team(local.to_string()));
    }
    let pieces: Vec<&str> = local
        .split(['.', '-', '_'])
        .filter(|p| !p.is_empty())
        .collect();
    if pieces.iter().any(|p| in_list(p, MAILBOX_WORDS)) || local.contains("on-call") {
        return Some(Problem::Team(local.to_string()));
    }
    let role = |p: &&str| is_team_word(p).is_some() || in_list(p, DEPARTMENT_WORDS);
    if pieces.iter().all(role) {
        return Some(Problem::Team(local.to_string()));
    }
    let first_last = pieces.len() == 2 && local.contains('.') && !local.contains(['-', '_']);
    if !first_last && pieces.iter().any(|p| is_team_word(p).is_some()) {
        return Some(Problem::Team(local.to_string()));
    }
    None
}
