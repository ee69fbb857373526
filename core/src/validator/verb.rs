//! The verifiable verb (DOMAIN.md §5.2): where the action starts in a title, what kind of verb
//! leads it, and whether the thing it produces is a meeting, a ticket, a plan or an
//! investigation.

use std::sync::OnceLock;

use super::advice;
use super::class;
use super::text::{capitalise, in_list, inflection_of, Kind, LeadKind, Lexicon, Text};
use super::words::{OUTCOME_VERBS, PROCESS_OBJECTS, PROCESS_VERBS, PRODUCING_VERBS, WISH_PHRASES};
use super::Check;

/// A modal after a name that introduces the action: "Alice will add …".
const NEUTRAL_MODALS: &[&str] = &["will", "shall", "must", "to", "can"];
/// A modal that turns the action into a wish: "We should add …".
const WISH_MODALS: &[&str] = &["should", "could", "might", "would"];
/// Wishful modals only when followed by "to": "need to", "has to", "ought to".
const WISH_MODALS_TO: &[&str] = &["need", "needs", "has", "have", "ought"];
/// Prefixes a change verb may carry: "re-enable", "prewarm", "autoscale".
const VERB_PREFIXES: &[&str] = &["re-", "re", "pre-", "pre", "auto-", "auto", "un", "de"];

/// Where the action starts in a title and what kind of verb leads it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Lead<'t> {
    pub kind: LeadKind,
    /// The verb phrase as listed, or the unknown first word.
    pub verb: &'t str,
    /// A wishful modal before the verb ("should").
    pub modal: Option<&'t str>,
    /// Index of the first word of the action as written (after tags, before an adverb).
    pub text_start: usize,
    /// Index of the verb's first token.
    pub start: usize,
    /// Index of the first token after the verb.
    pub end: usize,
}

/// What the verb element found beyond the lead verb.
#[derive(Clone, Copy, Debug)]
pub(super) enum Beyond {
    Nothing,
    /// A meeting, ticket, plan or investigation is the thing to produce: its noun, where.
    ProcessObject(&'static str, usize),
    /// A wish followed by the concrete method: the method's verb, where.
    Method(&'static str, usize),
}

fn verbs() -> &'static Lexicon {
    static CELL: OnceLock<Lexicon> = OnceLock::new();
    // Process and wish first: on ties they win.
    CELL.get_or_init(|| {
        Lexicon::build(&[
            (LeadKind::Process, PROCESS_VERBS),
            (LeadKind::Wish, WISH_PHRASES),
            (LeadKind::Outcome, OUTCOME_VERBS),
        ])
    })
}

/// The verb phrase at `i`, longest match over the lists; `inflected` also accepts "adding",
/// "reviewed", "fixes".
pub(super) fn lookup_verb_as(
    text: &Text,
    i: usize,
    inflected: bool,
) -> Option<(LeadKind, &'static str, usize)> {
    let memo = (i, inflected);
    if let Some((key, found)) = text.verb_memo.get() {
        if key == memo {
            return found;
        }
    }
    let found = lookup_uncached(text, i, inflected);
    text.verb_memo.set(Some((memo, found)));
    found
}

pub(super) fn lookup_verb(text: &Text, i: usize) -> Option<(LeadKind, &'static str, usize)> {
    lookup_verb_as(text, i, true)
}

fn lookup_uncached(
    text: &Text,
    i: usize,
    inflected: bool,
) -> Option<(LeadKind, &'static str, usize)> {
    let w = text.word(i)?;
    let mut best: Option<(LeadKind, &'static str, usize)> = None;
    for entry in verbs().candidates(w) {
        if let Some(end) = text.entry_at(i, entry, inflected) {
            if best.is_none_or(|(_, _, e)| end > e) {
                best = Some((entry.kind, entry.phrase, end));
            }
        }
    }
    if best.is_some() {
        return best;
    }
    // "re-enable", "prewarm", "autoscale": the verb after a prefix (never a wish).
    VERB_PREFIXES.iter().find_map(|prefix| {
        let rest = w.strip_prefix(prefix).filter(|r| r.len() >= 3)?;
        verbs()
            .candidates(rest)
            .iter()
            .filter(|e| e.kind != LeadKind::Wish && e.rest.is_empty())
            .find(|e| {
                if inflected {
                    rest.starts_with(e.stem) && inflection_of(rest, e.first)
                } else {
                    rest == e.first
                }
            })
            .map(|e| (e.kind, e.phrase, i + 1))
    })
}

/// Skips what comes before the action: bullets, numbering, an `[Owner, due …]` tag, an
/// `Owner:` tag.
fn skip_prefix(text: &Text) -> usize {
    let n = text.len();
    let mut i = 0;
    loop {
        let before = i;
        // Bullets and dashes; numbering like "1." "2)" "(a)".
        while i < n {
            match text.toks.get(i).map(|t| t.kind) {
                Some(Kind::Junk) => i += 1,
                Some(Kind::Punct('•' | '·' | '—' | '–' | '|' | ')')) => i += 1,
                Some(Kind::Word) if is_numbering(text, i) => i += 1,
                _ => break,
            }
        }
        // "[Alice, due Jun 26] …", "[ ] …" or "(Alice) …": skip to the closing bracket.
        if let Some(open @ ('[' | '(')) = text.punct(i) {
            let close = if open == '[' { ']' } else { ')' };
            if let Some(j) = (i + 1..n).find(|&j| text.punct(j) == Some(close)) {
                i = j + 1;
            }
        }
        // "Alice: …", "VP Engineering: …" — a short tag ending in ':' that is not itself a verb.
        if text.word(i).is_some() && lookup_verb(text, i).is_none() {
            let mut words = 0;
            let mut j = i;
            while j < n && words < 4 {
                if text.word(j).is_some() {
                    words += 1;
                    if text
                        .toks
                        .get(j)
                        .is_some_and(|t| t.raw.as_bytes().last() == Some(&b':'))
                    {
                        i = j + 1;
                        break;
                    }
                }
                j += 1;
            }
        }
        if i == before || i >= n {
            return i.min(n);
        }
    }
}

fn is_numbering(text: &Text, i: usize) -> bool {
    let (Some(tok), Some(w)) = (text.toks.get(i), text.word(i)) else {
        return false;
    };
    let short = w.chars().all(|c| c.is_ascii_digit()) || w.chars().count() == 1;
    short && (tok.raw.as_bytes().last() == Some(&b'.') || text.punct(i + 1) == Some(')'))
}

pub(super) fn find_lead<'t>(text: &'t Text) -> Lead<'t> {
    let mut start = skip_prefix(text);
    let n = text.len();
    while start < n && text.word(start).is_none() {
        start += 1;
    }
    let text_start = start;
    let empty = |modal| Lead {
        kind: LeadKind::Empty,
        verb: "",
        modal,
        text_start,
        start: n,
        end: n,
    };
    if start >= n {
        return empty(None);
    }
    // "Manually …", "Also …": an adverb that is not itself a verb.
    if let Some(w) = text.word(start) {
        let adverb = text.is(start, class::ADVERB) || (w.len() >= 5 && w.ends_with("ly"));
        if adverb && lookup_verb(text, start).is_none() && text.word(start + 1).is_some() {
            start += 1;
        }
    }
    // "Alice will add …", "We should add …", "Should we …": a name (up to two words), a modal.
    let mut modal = None;
    if lookup_verb(text, start).is_none()
        || text.word(start).is_some_and(|w| in_list(w, WISH_MODALS))
    {
        let mut words = 0;
        let mut k = start;
        while k < n && words < 4 {
            if let Some(w) = text.word(k) {
                words += 1;
                let neutral = in_list(w, NEUTRAL_MODALS);
                let wish_to = in_list(w, WISH_MODALS_TO) && text.word(k + 1) == Some("to");
                let wish = wish_to || in_list(w, WISH_MODALS);
                if neutral || wish {
                    if wish {
                        modal = Some(w);
                    }
                    start = if wish_to { k + 2 } else { k + 1 };
                    break;
                }
                // An action verb ends the subject ("Alice add…"); a noun that is also a process
                // verb does not ("Load-balancer health check should…").
                if k > start && matches!(lookup_verb(text, k), Some((LeadKind::Outcome, _, _))) {
                    break;
                }
            }
            k += 1;
        }
    }
    while start < n && text.word(start).is_none() {
        start += 1;
    }
    match lookup_verb(text, start) {
        Some((kind, verb, end)) => Lead {
            kind,
            verb,
            modal,
            text_start,
            start,
            end,
        },
        None => match text.word(start) {
            Some(w) => Lead {
                kind: LeadKind::Unknown,
                verb: w,
                modal,
                text_start,
                start,
                end: start + 1,
            },
            None => empty(modal),
        },
    }
}

/// A meeting, a ticket, a plan or an investigation as the thing the lead verb produces
/// ("Set up a call to…", "Open a ticket to…", "Do a root cause analysis of…").
fn process_object(text: &Text, lead: &Lead) -> Option<(&'static str, usize)> {
    let producing = matches!(lead.kind, LeadKind::Outcome | LeadKind::Unknown)
        && PRODUCING_VERBS.contains(lead.verb);
    if !producing {
        return None;
    }
    let mut i = lead.end;
    let mut seen = 0;
    let mut previous: Option<usize> = None;
    while let Some(w) = text.word(i) {
        if text.is(i, class::BOUNDARY) || seen >= 4 {
            return None;
        }
        if matches!(
            w,
            "a" | "an" | "the" | "another" | "one" | "our" | "this" | "that" | "some"
        ) {
            i += 1;
            continue;
        }
        seen += 1;
        let noun = text
            .is(i, class::PROCESS_OBJECT)
            .then(|| PROCESS_OBJECTS.iter().find(|p| *p == w))
            .flatten();
        if let Some(noun) = noun {
            let next = text.word(i + 1);
            let ends_phrase = next.is_none()
                || text.is(i + 1, class::BOUNDARY | class::TRAILER)
                || text.punct(i + 1).is_some();
            let operational =
                noun == "plan" && previous.is_some_and(|p| text.is(p, class::OPERATIONAL_PLAN));
            // A document is process only when it is for deciding: "a doc to plan…".
            let deciding = !matches!(noun, "doc" | "document" | "writeup" | "write-up")
                || previous.and_then(|p| text.word(p)) == Some("design")
                || (next == Some("to")
                    && lookup_verb_as(text, i + 2, false)
                        .is_some_and(|(k, _, _)| k == LeadKind::Process));
            if ends_phrase && !operational && deciding {
                return Some((noun, i));
            }
        }
        previous = Some(i);
        i += 1;
    }
    None
}

/// A wish followed by its concrete method: "Harden X by disabling Y".
fn method(text: &Text, lead: &Lead) -> Option<(&'static str, usize)> {
    if lead.kind != LeadKind::Wish {
        return None;
    }
    (lead.end..text.len()).find_map(|i| {
        let w = text.word(i)?;
        if !matches!(w, "by" | "via" | "through") {
            return None;
        }
        match lookup_verb(text, i + 1) {
            Some((LeadKind::Outcome, verb, _)) => Some((verb, i + 1)),
            _ => None,
        }
    })
}

pub(super) fn beyond(text: &Text, lead: &Lead) -> Beyond {
    if let Some((noun, at)) = process_object(text, lead) {
        return Beyond::ProcessObject(noun, at);
    }
    if let Some((verb, at)) = method(text, lead) {
        return Beyond::Method(verb, at);
    }
    Beyond::Nothing
}

/// The verb element (§5.2) of a title on its own.
pub fn check_verb(title: &str) -> Check {
    let text = Text::new(title);
    let lead = find_lead(&text);
    verb_check(&text, &lead, beyond(&text, &lead))
}

pub(super) fn verb_check(text: &Text, lead: &Lead, beyond: Beyond) -> Check {
    if let Some(modal) = lead.modal {
        return Check::fail(
            format!(
                "“{modal}” makes this a wish. Write the action itself, starting with what will \
                 change (add, remove, change, test, deploy…)."
            ),
            advice::verb(text, lead, beyond),
        );
    }
    if let Beyond::ProcessObject(noun, _) = beyond {
        return Check::fail(
            format!(
                "The thing to produce is a {noun}: that is process, not change. What will be \
                 different once it has happened? Make that the action."
            ),
            advice::verb(text, lead, beyond),
        );
    }
    match lead.kind {
        LeadKind::Outcome => Check::pass(format!(
            "Starts with “{}”: someone can see whether it happened.",
            lead.verb
        )),
        LeadKind::Process => Check::fail(
            format!(
                "“{}” describes activity, not change. What decision does it lead to? Make that \
                 decision the action.",
                capitalise(lead.verb)
            ),
            advice::verb(text, lead, beyond),
        ),
        LeadKind::Wish => match beyond {
            Beyond::Method(verb, _) => Check::warn(
                format!(
                    "“{}” is a wish, but the method is concrete: lead with it (“{}”).",
                    capitalise(lead.verb),
                    verb
                ),
                advice::verb(text, lead, beyond),
            ),
            _ => Check::fail(
                format!(
                    "“{}” is a wish, not an action: nobody can tell when it is done. Say what \
                     will change.",
                    capitalise(lead.verb)
                ),
                advice::verb(text, lead, beyond),
            ),
        },
        LeadKind::Unknown => Check::warn(
            format!(
                "Start with the verb of what will change (add, remove, change, update, test, \
                 deploy…); “{}” is not one we know.",
                lead.verb
            ),
            advice::verb(text, lead, beyond),
        ),
        LeadKind::Empty => Check::fail(
            "Write the action, starting with its verb.",
            advice::verb(text, lead, beyond),
        ),
    }
}
