//! Advice in the item's own words (DOMAIN.md §5): every warn and fail carries a rewrite built
//! from the item — its object, service and numbers kept, the weak part replaced, the missing
//! piece asked for in ‹angle quotes›. Never a canned example.

use super::class;
use super::owner::Problem;
use super::text::{capitalise, LeadKind, Text};
use super::verb::{lookup_verb, lookup_verb_as, Beyond, Lead};

/// What a phrase is about, judged by its words: it decides what the rewrite asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Topic {
    Value,
    Alert,
    Doc,
    Test,
    Log,
    Other,
}

fn topic_of(w: &str) -> Topic {
    match w {
        "threshold" | "thresholds" | "limit" | "limits" | "timeout" | "timeouts" | "ttl"
        | "retention" | "quota" | "budget" | "size" | "interval" | "version" | "pool"
        | "capacity" | "noise" => Topic::Value,
        "alert" | "alerts" | "alerting" | "alarm" | "alarms" | "monitoring" | "page" | "paging"
        | "dashboard" | "dashboards" | "metric" | "metrics" | "signal" | "observability" => {
            Topic::Alert
        }
        "runbook" | "runbooks" | "doc" | "docs" | "documentation" | "playbook" | "wiki" => {
            Topic::Doc
        }
        "test" | "tests" | "testing" | "coverage" => Topic::Test,
        "log" | "logs" | "logging" => Topic::Log,
        _ => Topic::Other,
    }
}

/// The strongest topic among the words from `from` (a threshold beats the alert it is on).
fn topic(text: &Text, from: usize) -> Topic {
    let mut best = Topic::Other;
    for (_, w) in text.words_from(from) {
        let t = topic_of(w);
        if (t as u8) < (best as u8) {
            best = t;
        }
    }
    best
}

/// What to ask for, so the rewrite can be checked; `changing` when the verb moves a value.
fn ask(t: Topic, changing: bool) -> &'static str {
    match t {
        Topic::Value if changing => "from ‹today's value› to ‹the new value›",
        Topic::Value => "of ‹what value› in ‹which service›",
        Topic::Alert => "on ‹which signal› above ‹which threshold› for ‹which service›",
        Topic::Doc => "with ‹the steps› for ‹which failure›",
        Topic::Test => "covering ‹which case› in ‹which service›",
        Topic::Log => "with ‹which fields› in ‹which service›",
        Topic::Other => "in ‹which service›, so that ‹what anyone can check›",
    }
}

/// The verb a rewrite leads with when the item's own verb is the weak part.
fn change_verb(t: Topic) -> &'static str {
    match t {
        Topic::Alert | Topic::Test | Topic::Log => "Add",
        Topic::Doc => "Update",
        Topic::Value | Topic::Other => "Change",
    }
}

fn changing(verb: &str) -> bool {
    matches!(
        verb,
        "change" | "lower" | "raise" | "tune" | "adjust" | "reduce" | "increase" | "bump" | "set"
    )
}

/// Where the item's own words start: the verb, or the first word when there is no verb.
fn from_of(lead: &Lead) -> usize {
    if matches!(lead.kind, LeadKind::Unknown | LeadKind::Empty) {
        lead.text_start
    } else {
        lead.start
    }
}

/// The clause after `from` that adds nothing checkable ("so we catch it sooner"), if any.
fn clause_at(text: &Text, from: usize) -> usize {
    (from..text.len())
        .find(|&i| matches!(text.word(i), Some("so" | "because" | "since")))
        .unwrap_or(text.len())
}

/// The object after `from`, up to a purpose clause.
fn object<'a>(text: &Text<'a>, from: usize) -> &'a str {
    text.span(from, clause_at(text, from))
}

/// " (so we catch it sooner)", kept so the rewrite still says why.
fn why(text: &Text, from: usize) -> String {
    let clause = text.span(clause_at(text, from), text.len());
    if clause.is_empty() {
        String::new()
    } else {
        format!(" ({clause})")
    }
}

/// A short form of the title for the owner and tracker advice.
pub(super) fn short_title(text: &Text, lead: &Lead) -> String {
    let to = (lead.text_start + 12).min(text.len());
    let mut s = text.span(lead.text_start, to).to_string();
    if to < text.len() {
        s.push('…');
    }
    s
}

/// A verb that starts the object itself: after "to" ("try to reduce") or as a gerund
/// ("consider adding", "think about moving"), not a noun ("alerting thresholds").
fn verb_at(text: &Text, from: usize) -> Option<(LeadKind, &'static str, usize)> {
    let w = text.word(from)?;
    let after_to = from > 0 && text.word(from - 1) == Some("to");
    let gerund = w.ends_with("ing") && !w.contains('-') && !class::is(w, class::NOUN_GERUND);
    if !after_to && !gerund {
        return None;
    }
    let found = lookup_verb(text, from)?;
    (after_to || gerund).then_some(found)
}

/// A rewrite that leads with a change verb for the object at `from`: the object's own verb
/// when it has one ("Consider adding validation" → "Add validation …"), else one that fits
/// what it is about.
fn rewrite(text: &Text, from: usize, note: &str) -> String {
    match verb_at(text, from) {
        Some((LeadKind::Outcome, verb, end)) => {
            let rest = object(text, end);
            let t = topic(text, end);
            let ask = ask(t, changing(verb));
            return format!("{} {rest} {ask}{}{note}", capitalise(verb), why(text, from));
        }
        Some((kind @ (LeadKind::Process | LeadKind::Wish), verb, end)) => {
            let inner = Lead {
                kind,
                verb,
                modal: None,
                text_start: from,
                start: from,
                end,
            };
            return format!("{}{note}", instead_of(text, &inner));
        }
        _ => {}
    }
    // "Spike on a Rust regex engine", "Sync with the network team about BGP windows": the
    // subject, not the preposition or the people.
    let mut from = from;
    let people = matches!(text.word(from), Some("with" | "to"))
        || (from..text.len()).any(|i| matches!(text.word(i), Some("team" | "vendor" | "leads")));
    if people {
        if let Some(i) = (from..text.len())
            .find(|&i| matches!(text.word(i), Some("about" | "on" | "regarding" | "re")))
        {
            from = i;
        }
    }
    if matches!(
        text.word(from),
        Some("on" | "into" | "about" | "regarding" | "re" | "at")
    ) {
        from += 1;
    }
    let t = topic(text, from);
    let obj = object(text, from);
    format!(
        "{} {obj} {}{}{note}",
        change_verb(t),
        ask(t, true),
        why(text, from)
    )
}

/// The verb element's rewrite.
pub(super) fn verb(text: &Text, lead: &Lead, beyond: Beyond) -> Option<String> {
    let n = text.len();
    if lead.modal.is_some() {
        return Some(after_modal(text, lead));
    }
    match beyond {
        Beyond::Method(_, at) => {
            // "Harden webhook auth by requiring signed payloads" → "Require signed payloads
            // for webhook auth".
            let (_, verb, end) = lookup_verb(text, at)?;
            let word = text.word(at).unwrap_or(verb);
            let prefix = ["pre-", "re-", "auto-"]
                .into_iter()
                .find(|p| word.starts_with(p) && !verb.starts_with(p))
                .unwrap_or("");
            let goal = text.span(lead.end, at.saturating_sub(1));
            let verb = capitalise(&format!("{prefix}{verb}"));
            Some(format!("{verb} {} for {goal}", text.span(end, n)))
        }
        Beyond::ProcessObject(noun, at) => Some(instead_of_process(text, noun, at)),
        Beyond::Nothing => Some(match lead.kind {
            LeadKind::Process | LeadKind::Wish => instead_of(text, lead),
            LeadKind::Unknown => add_a_verb(text, lead),
            LeadKind::Empty => "‹Verb› ‹what changes› in ‹which service›".to_string(),
            LeadKind::Outcome => action(text, lead),
        }),
    }
}

/// A process or wish verb replaced by the change it stands for.
fn instead_of(text: &Text, lead: &Lead) -> String {
    let obj = object(text, lead.end);
    // "Remind engineers not to…", "Tell the team to…": a control instead of a reminder.
    if matches!(
        lead.verb,
        "remind" | "tell" | "urge" | "encourage" | "ask" | "educate"
    ) {
        return automatic(obj);
    }
    if matches!(lead.verb, "ensure" | "make sure" | "guarantee") || lead.verb.ends_with("whether") {
        return format!("Add a check that {obj}, alerting ‹whom› when it does not");
    }
    let watching = matches!(
        lead.verb,
        "monitor"
            | "watch"
            | "keep watching"
            | "keep monitoring"
            | "keep an eye on"
            | "observe"
            | "track"
            | "check on"
    );
    if watching {
        return format!("Add an alert on {obj} above ‹which threshold›, paging ‹whom›");
    }
    // "Find out why…", "Check whether…": the answer is the action.
    if matches!(
        text.word(lead.end),
        Some("why" | "whether" | "how" | "if" | "what")
    ) {
        return format!("Add ‹the fix or the check that answers it›: {obj}");
    }
    let note = if lead.kind == LeadKind::Process {
        " — the decision it leads to"
    } else {
        ""
    };
    rewrite(text, lead.end, note)
}

/// After "should", "need to": the action itself, or a control instead of a hope.
fn after_modal(text: &Text, lead: &Lead) -> String {
    let n = text.len();
    let mut i = lead.start;
    while matches!(
        text.word(i),
        Some("have" | "be" | "been" | "we" | "you" | "they" | "i")
    ) {
        i += 1;
    }
    match lookup_verb(text, i) {
        Some((LeadKind::Outcome, _, _)) if i == lead.start => capitalise(text.span(i, n)),
        Some((LeadKind::Outcome, _, _)) if text.word(i.saturating_sub(1)) != Some("have") => {
            capitalise(text.span(i, n))
        }
        Some((LeadKind::Outcome, verb, end)) => {
            format!("{} {}", capitalise(verb), text.span(end, n))
        }
        _ if text.word(i) == Some("had") => format!("Add {}", text.span(i + 1, n)),
        _ => automatic(text.span(lead.start, n)),
    }
}

/// A mistake made hard to make instead of people remembering.
fn automatic(what: &str) -> String {
    format!("Make it automatic: ‹a check, a prompt or a lock› for “{what}”")
}

/// A title without a verb, with one.
fn add_a_verb(text: &Text, lead: &Lead) -> String {
    let n = text.len();
    let rest = text.span(lead.text_start, n);
    if matches!(lead.verb, "never" | "don't" | "dont" | "no" | "do") {
        return format!("Add a check that blocks: {}", text.span(lead.end, n));
    }
    // "This wouldn't have happened…": a cause, not an action.
    if matches!(
        lead.verb,
        "this" | "that" | "it" | "there" | "the" | "we" | "they" | "our"
    ) {
        return format!("Add ‹the control that was missing›, so that “{rest}” no longer holds");
    }
    // "Structured logging…", "Hourly snapshots…": a common word loses its capital.
    let word = text.toks.get(lead.text_start).map_or("", |t| t.raw);
    let common = ["ed", "ing", "ly", "ion", "al", "ic"]
        .iter()
        .any(|s| word.ends_with(s));
    let rest = match rest.get(..1) {
        Some(first) if common && first.is_ascii() => {
            format!(
                "{}{}",
                first.to_ascii_lowercase(),
                rest.get(1..).unwrap_or("")
            )
        }
        _ => rest.to_string(),
    };
    format!("Add {rest}")
}

/// The title from the action on, as typed.
fn action(text: &Text, lead: &Lead) -> String {
    text.span(from_of(lead), text.len()).to_string()
}

/// "Open a ticket to add read replicas…" → "Add read replicas…"; "Set up a call to go over
/// the failover plan" → "Change the failover plan ‹…›".
fn instead_of_process(text: &Text, noun: &str, at: usize) -> String {
    let n = text.len();
    let note = format!(" — what the {noun} decides");
    // A purpose: "to <verb> …".
    if let Some(to) = (at + 1..n).find(|&i| text.word(i) == Some("to")) {
        if let Some((kind, _, end)) = lookup_verb_as(text, to + 1, false) {
            if kind == LeadKind::Outcome {
                return capitalise(text.span(to + 1, n));
            }
            return rewrite(text, end, &note);
        }
    }
    // A subject: "… into the intermittent 502s", "… about the EBS throttling".
    let subject = (at + 1..n)
        .filter(|&i| {
            matches!(
                text.word(i),
                Some("into" | "about" | "of" | "on" | "for" | "regarding")
            )
        })
        .last();
    rewrite(text, subject.map_or(at + 1, |i| i + 1), &note)
}

/// The outcome when too short or vague: the item with what is missing asked for, led by a
/// change verb when its own verb is the weak part.
pub(super) fn short(text: &Text, lead: &Lead) -> Option<String> {
    Some(match lead.kind {
        LeadKind::Empty => "‹Verb› ‹what changes› in ‹which service›, ‹by how much›".to_string(),
        LeadKind::Outcome if lead.modal.is_none() => {
            let t = topic(text, lead.end);
            let obj = object(text, lead.start);
            format!(
                "{obj} {}{}",
                ask(t, changing(lead.verb)),
                why(text, lead.start)
            )
        }
        LeadKind::Unknown if lead.modal.is_none() => {
            format!(
                "{} {}",
                add_a_verb(text, lead),
                ask(topic(text, lead.start), false)
            )
        }
        _ => return verb(text, lead, Beyond::Nothing),
    })
}

/// Blame: the mistake made hard to make, in the item's words.
pub(super) fn blame(text: &Text, lead: &Lead, at: usize) -> Option<String> {
    let n = text.len();
    // Past the blame phrase: "…double-check the region before failover" → "the region before
    // failover".
    let mut from = at + 1;
    while text.word(from).is_some_and(|w| {
        matches!(
            w,
            "have" | "attention" | "careful" | "more" | "to" | "not" | "check" | "error" | "be"
        )
    }) {
        from += 1;
    }
    let tail = text.span(from, n);
    Some(if tail.is_empty() {
        format!(
            "‹A check, a prompt or a lock› that makes the mistake behind “{}” hard to make",
            text.span(lead.text_start, n)
        )
    } else {
        automatic(tail)
    })
}

/// Training as the only remedy: keep it, and pair it with a control on the same subject.
pub(super) fn training(text: &Text, lead: &Lead) -> Option<String> {
    let n = text.len();
    let subject = (lead.end..n)
        .find(|&i| matches!(text.word(i), Some("on" | "about" | "of" | "through" | "in")));
    let pair = match subject {
        Some(i) => format!("for {}", text.span(i + 1, n)),
        None => "that catches the mistake".to_string(),
    };
    Some(format!(
        "{}, paired with ‹a check, an alert or an automation› {pair}",
        action(text, lead)
    ))
}

/// Several tasks: the item split where the second starts.
pub(super) fn several(text: &Text, lead: &Lead, at: usize, second: usize) -> Option<String> {
    let n = text.len();
    let first = text.span(from_of(lead), at);
    let rest = text.span(second, n);
    let second = match lookup_verb_as(text, second, false) {
        Some((LeadKind::Outcome | LeadKind::Process, _, _)) => capitalise(rest),
        _ => format!("{} {rest}", capitalise(text.span(lead.start, lead.end))),
    };
    Some(format!("Two items: “{first}” and “{second}”"))
}

/// Effort 4: the first step as its own item.
pub(super) fn project(text: &Text, lead: &Lead) -> Option<String> {
    Some(format!(
        "Phase 1: {} for ‹one service›, the rest as later items",
        action(text, lead)
    ))
}

/// The tracker's rewrite: the ticket for this item.
pub(super) fn tracker(title: &str, ticket: &str, url: &str, what: &str) -> String {
    let field = if ticket.trim().is_empty() {
        url.trim()
    } else {
        ticket.trim()
    };
    let subject = if title.is_empty() {
        "this item".to_string()
    } else {
        format!("“{title}”")
    };
    if field.is_empty() {
        format!("‹ABC-123›: the ticket for {subject} — {what}")
    } else {
        let field: String = field.chars().take(40).collect();
        format!("‹ABC-123› instead of “{field}”: the ticket for {subject} — {what}")
    }
}

/// The owner's rewrite.
pub(super) fn owner(owner: &str, problem: &Problem, title: &str) -> String {
    let subject = if title.is_empty() {
        String::new()
    } else {
        format!(" for “{title}”")
    };
    match problem {
        Problem::Empty => format!("‹one person's name›: who drives it{subject}?"),
        Problem::Placeholder(p) => format!("‹one person's name› instead of “{p}”{subject}"),
        Problem::Several => {
            // As typed: "Ana Silva and Kenji Watanabe" → "Ana Silva (with Kenji Watanabe …)".
            let parts: Vec<&str> = owner
                .split([',', ';', '/', '&', '+'])
                .flat_map(|p| p.split(" and ").flat_map(|p| p.split(" or ")))
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            let first = parts.first().copied().unwrap_or(owner);
            let rest = parts.get(1..).unwrap_or(&[]).join(", ");
            format!("{first} (with {rest} as collaborators)")
        }
        Problem::Mailbox { local, domain } => {
            format!("‹first.last›@{domain} (the person behind {local}@)")
        }
        Problem::Team(_) => format!("‹one person's name› ({owner})"),
        Problem::NotAPerson(word) => {
            let own = matches!(
                word.to_lowercase().as_str(),
                "me" | "myself" | "i" | "self" | "yourself"
            );
            let who = if own {
                "‹your name›"
            } else {
                "‹one person's name›"
            };
            format!("{who} instead of “{word}”")
        }
    }
}

/// An owner over capacity: someone else, or fewer items.
pub(super) fn busy_owner(owner: &str, open: usize, capacity: usize) -> String {
    format!(
        "‹someone with fewer than {capacity} open items›, or close one of {owner}'s {open} first"
    )
}
