//! The five elements of a good action item: DOMAIN.md §5.
//!
//! [`validate`] runs on every keystroke, so it is hand-tokenised: one pass over the title into
//! one lowercase buffer, word lists scanned linearly (they are short), no regex. Every message
//! says what to change; every suggestion is an example of better wording (the UI shows it as
//! "for example: …").
//!
//! The word lists are public data so the UI can show them as help. They are all lowercase;
//! multi-word entries are matched word by word.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::deadlines::{check_due_date, DueDateWarning};
use crate::model::{ActionItem, Level, Priority, Workspace};
use crate::settings::Settings;

/// Verbs whose result someone else can see (§5.2). Extends DOMAIN.md's list.
#[rustfmt::skip]
pub const OUTCOME_VERBS: &[&str] = &[
    "add", "remove", "change", "update", "test", "deploy", "implement", "configure", "fix", "write",
    "create", "enable", "disable", "migrate", "automate", "document", "set", "set up", "lower",
    "raise", "assign", "replace", "delete", "build", "schedule", "run", "publish", "rotate", "tune",
    "limit", "cap", "move", "split", "pin", "unpin", "backfill", "block", "require", "alert",
    "page", "roll", "roll back", "roll out", "patch", "upgrade", "downgrade", "reduce", "increase",
    "install", "introduce", "ship", "release", "merge", "rename", "restrict", "revoke", "grant",
    "encrypt", "validate", "verify", "instrument", "log", "emit", "expose", "extend", "shorten",
    "retire", "decommission", "deprecate", "archive", "purge", "drop", "allocate", "provision",
    "scale", "shard", "partition", "throttle", "rate-limit", "retry", "gate", "guard", "wrap",
    "refactor", "rewrite", "convert", "standardize", "standardise", "enforce", "adopt", "define",
    "file", "hire", "reassign", "transfer", "revert", "restore", "back up", "isolate", "separate",
    "decouple", "consolidate", "deduplicate", "bump", "freeze", "link", "route", "reroute",
    "fail over", "cut over", "switch", "turn on", "turn off", "clean up", "tag", "label", "attach",
    "expire", "shrink", "resize", "cache", "index", "prune", "capture", "record", "resolve",
    "train", "onboard", "pre-stage", "stage", "pre-warm", "prewarm", "snapshot", "inject", "fence",
    "drain", "alias", "map", "generate", "compress", "delay", "debounce", "batch", "queue", "sign",
    "rekey", "renew", "escalate", "notify", "email", "send", "open", "close", "hold", "restart",
    "reset",
];

/// Activity, not change (§5.2): the message asks what decision it leads to.
#[rustfmt::skip]
pub const PROCESS_VERBS: &[&str] = &[
    "review", "explore", "investigate", "look into", "look at", "look for", "discuss", "consider",
    "evaluate", "assess", "research", "think about", "analyze", "analyse", "study", "examine",
    "revisit", "understand", "figure out", "find out", "dig into", "brainstorm", "follow up",
    "follow up on", "talk to", "talk with", "meet", "sync", "align", "plan", "scope", "monitor",
    "keep an eye on", "check", "check on", "audit", "identify", "determine", "decide", "ask",
    "propose", "suggest", "circle back", "reach out", "work on", "work with", "touch base",
    "clarify", "triage", "debug", "diagnose", "reproduce", "explain",
];

/// Wishes, not actions (§5.2).
#[rustfmt::skip]
pub const WISH_PHRASES: &[&str] = &[
    "improve", "enhance", "ensure", "make sure", "try to", "try", "be more careful", "be careful",
    "better", "optimize", "optimise", "strengthen", "harden", "address", "tackle", "streamline",
    "avoid", "raise awareness", "increase awareness", "remind", "encourage", "emphasize",
    "emphasise", "reinforce", "focus on", "prioritize", "prioritise", "aim to", "strive to",
    "work towards", "work toward", "do better", "get better", "continue to", "keep", "maintain",
    "handle", "should", "we should", "need to", "needs to",
];

/// Owners that are a team, a role or nobody in particular (§5.1).
#[rustfmt::skip]
pub const TEAM_OR_ROLE_WORDS: &[&str] = &[
    "the team", "team", "squad", "group", "guild", "sre", "sres", "ops", "devops", "secops",
    "platform", "infra", "infrastructure", "engineering", "eng", "dev", "devs", "developers",
    "engineers", "qa", "security", "support", "on-call", "oncall", "on call", "someone", "somebody",
    "anyone", "anybody", "everyone", "everybody", "nobody", "no one", "whoever", "we", "us", "they",
    "all", "staff", "management", "manager", "managers", "leadership", "lead", "leads", "tech",
    "vp", "director", "head", "cto", "backend", "frontend", "dba", "dbas", "product", "it",
    "helpdesk", "network", "networking", "database", "incident commander", "responders", "owners",
    "tbd", "tba", "n/a",
];

/// Blame in disguise (§5.3): backward-looking, not an action.
#[rustfmt::skip]
pub const BLAME_PHRASES: &[&str] = &[
    "should have", "should've", "shouldn't have", "should not have", "be more careful",
    "more careful", "pay more attention", "pay attention", "human error", "operator error",
    "user error", "wouldn't have happened", "would not have happened", "known better", "careless",
    "carelessness", "their fault", "his fault", "her fault", "be careful",
];

/// Training or awareness (§5.3): weak as the only remedy; pair it with a systemic control.
#[rustfmt::skip]
pub const TRAINING_WORDS: &[&str] = &[
    "train", "training", "trained", "educate", "education", "awareness", "aware", "remind",
    "reminder", "workshop", "course", "onboarding", "lunch-and-learn", "brown bag", "briefing",
    "knowledge sharing", "communicate", "announce", "announcement",
];

/// Systemic controls that make training more than the only remedy.
#[rustfmt::skip]
pub const SYSTEMIC_CONTROL_WORDS: &[&str] = &[
    "automate", "automated", "automation", "alert", "alarm", "check", "checks", "gate", "guard",
    "guardrail", "guardrails", "validation", "validate", "lint", "linter", "test", "tests", "block",
    "require", "enforce", "prompt", "confirmation", "ci", "pipeline", "script", "tool", "flag",
    "limit", "policy", "checklist", "approval", "canary", "rollback", "runbook",
];

/// Objects too vague to be done on their own (§5.3): "Add monitoring", "Fix the bug".
#[rustfmt::skip]
pub const VAGUE_OBJECTS: &[&str] = &[
    "monitoring", "documentation", "docs", "the bug", "bug", "bugs", "tests", "testing", "alerting",
    "alerts", "logging", "logs", "observability", "metrics", "dashboards", "process", "processes",
    "communication", "reliability", "performance", "stability", "resilience", "security",
    "coverage", "error handling", "the issue", "issues", "problem", "problems", "things", "stuff",
    "it", "this", "scaling", "runbooks", "visibility", "quality", "tooling", "automation", "config",
    "configuration", "validation", "checks", "code", "system", "systems", "infrastructure",
    "improvements", "changes", "fixes", "ownership",
];

/// Owners that are placeholders for "nobody yet".
#[rustfmt::skip]
const PLACEHOLDER_OWNERS: &[&str] = &[
    "tbd", "tba", "n/a", "na", "none", "unassigned", "unknown", "todo", "nobody", "no one", "-",
    "?", "??", "???", "x", "xxx",
];

/// Owner words that are never one person, wherever they appear ("Someone from platform").
#[rustfmt::skip]
const NEVER_A_PERSON: &[&str] = &[
    "team", "squad", "group", "guild", "someone", "somebody", "anyone", "anybody", "everyone",
    "everybody", "nobody", "whoever", "we", "us", "they", "all",
];

/// Words that carry no identity in an owner ("the", "of" in "Head of Platform").
#[rustfmt::skip]
const OWNER_FILLER: &[&str] = &[
    "the", "a", "an", "from", "of", "in", "on", "our", "my", "your", "their", "whole", "entire",
    "any", "some", "for", "at", "by", "with",
];

/// Local parts of shared mailboxes.
#[rustfmt::skip]
const MAILBOX_WORDS: &[&str] = &[
    "list", "lists", "admin", "admins", "alerts", "alert", "noreply", "no-reply", "info", "help",
    "contact", "oncall", "pager", "incidents", "incident", "notifications", "root", "postmaster",
    "webmaster", "hello", "office", "dl",
];

/// Words that join several owners.
#[rustfmt::skip]
const OWNER_JOINERS: &[&str] = &["and", "or", "plus"];

/// Words ignored when deciding whether an outcome is only a vague object.
#[rustfmt::skip]
const OBJECT_FILLER: &[&str] = &[
    "the", "a", "an", "our", "some", "more", "better", "all", "any", "this", "that", "these",
    "those", "and", "or", "of", "for", "to", "in", "on", "with", "its", "their", "new", "proper",
    "good", "general", "overall", "around", "about", "up", "further", "additional",
];

/// A modal after a name that introduces the action: "Alice will add …".
#[rustfmt::skip]
const NEUTRAL_MODALS: &[&str] = &["will", "shall", "must", "to", "can"];

/// A modal that turns the action into a wish: "We should add …".
#[rustfmt::skip]
const WISH_MODALS: &[&str] = &["should", "could", "might", "would"];

/// Wishful modals only when followed by "to": "need to", "has to", "ought to".
#[rustfmt::skip]
const WISH_MODALS_TO: &[&str] = &["need", "needs", "has", "have", "ought"];

/// Words after which an outcome verb starts a second task.
#[rustfmt::skip]
const CLAUSE_JOINERS: &[&str] = &["then", "also", "plus"];

// ---------------------------------------------------------------------------------------------
// Verdicts.

/// The verdict of one element.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Warn,
    Fail,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
        }
    }
}

/// One element's result: what to change, and an example of better wording.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    pub verdict: Verdict,
    pub message: String,
    pub suggestion: Option<String>,
}

impl Check {
    fn pass(message: impl Into<String>) -> Check {
        Check {
            verdict: Verdict::Pass,
            message: message.into(),
            suggestion: None,
        }
    }

    fn warn(message: impl Into<String>, suggestion: Option<&str>) -> Check {
        Check {
            verdict: Verdict::Warn,
            message: message.into(),
            suggestion: suggestion.map(str::to_string),
        }
    }

    fn fail(message: impl Into<String>, suggestion: Option<&str>) -> Check {
        Check {
            verdict: Verdict::Fail,
            message: message.into(),
            suggestion: suggestion.map(str::to_string),
        }
    }

    pub fn is_pass(&self) -> bool {
        self.verdict == Verdict::Pass
    }
}

/// The five elements, in the order the UI shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    Owner,
    Verb,
    Outcome,
    Tracker,
    Deadline,
}

impl Element {
    pub const ALL: [Element; 5] = [
        Element::Owner,
        Element::Verb,
        Element::Outcome,
        Element::Tracker,
        Element::Deadline,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Element::Owner => "Named owner",
            Element::Verb => "Verifiable verb",
            Element::Outcome => "Specific outcome",
            Element::Tracker => "Tracker home",
            Element::Deadline => "Deadline",
        }
    }
}

/// The result of [`validate`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Validation {
    pub owner: Check,
    pub verb: Check,
    pub outcome: Check,
    pub tracker: Check,
    pub deadline: Check,
}

impl Validation {
    /// Five passes: the item is *ready*.
    pub fn is_ready(&self) -> bool {
        self.checks().iter().all(|(_, c)| c.is_pass())
    }

    pub fn checks(&self) -> [(Element, &Check); 5] {
        [
            (Element::Owner, &self.owner),
            (Element::Verb, &self.verb),
            (Element::Outcome, &self.outcome),
            (Element::Tracker, &self.tracker),
            (Element::Deadline, &self.deadline),
        ]
    }

    pub fn get(&self, element: Element) -> &Check {
        match element {
            Element::Owner => &self.owner,
            Element::Verb => &self.verb,
            Element::Outcome => &self.outcome,
            Element::Tracker => &self.tracker,
            Element::Deadline => &self.deadline,
        }
    }

    /// The worst verdict of the five.
    pub fn worst(&self) -> Verdict {
        self.checks()
            .iter()
            .map(|(_, c)| c.verdict)
            .max()
            .unwrap_or(Verdict::Pass)
    }

    pub fn passes(&self) -> usize {
        self.checks().iter().filter(|(_, c)| c.is_pass()).count()
    }
}

/// What the validator needs besides the item; the caller computes it once per render.
#[derive(Clone, Copy, Debug)]
pub struct ValidationContext<'a> {
    pub today: NaiveDate,
    /// The item's effective priority (see `scoring::score`).
    pub priority: Priority,
    /// The owner's open items across the workspace (see [`open_items_by_owner`]).
    pub owner_open_items: usize,
    pub settings: &'a Settings,
}

impl<'a> ValidationContext<'a> {
    /// A context for `item`, looking its owner up in a map from [`open_items_by_owner`].
    pub fn for_item(
        item: &ActionItem,
        priority: Priority,
        open_by_owner: &HashMap<String, usize>,
        today: NaiveDate,
        settings: &'a Settings,
    ) -> ValidationContext<'a> {
        ValidationContext {
            today,
            priority,
            owner_open_items: open_by_owner
                .get(&owner_key(&item.owner))
                .copied()
                .unwrap_or(0),
            settings,
        }
    }
}

/// The key owners are counted under: trimmed, lowercase, single spaces.
pub fn owner_key(owner: &str) -> String {
    if owner.is_ascii() {
        let mut key = String::with_capacity(owner.len());
        // The same split as below (vertical tab counts), so both paths agree.
        for word in owner.split(char::is_whitespace).filter(|w| !w.is_empty()) {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(word);
        }
        key.make_ascii_lowercase();
        return key;
    }
    let mut key = String::with_capacity(owner.len());
    for word in owner.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// Open items per owner (by [`owner_key`]) across every post-mortem; blank owners are left out.
pub fn open_items_by_owner(workspace: &Workspace) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for (_, item) in workspace.items() {
        if item.is_open() {
            let key = owner_key(&item.owner);
            if !key.is_empty() {
                *counts.entry(key).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// Checks the five elements of §5.
pub fn validate(item: &ActionItem, ctx: &ValidationContext) -> Validation {
    let title = Text::new(&item.title);
    let lead = find_lead(&title);
    Validation {
        owner: check_owner(&item.owner, ctx.owner_open_items, ctx.settings),
        verb: verb_check(&title, &lead),
        outcome: outcome_check(&title, &lead, item.effort, ctx.settings),
        tracker: check_tracker(&item.tracking_ticket, &item.tracking_url),
        deadline: check_deadline(item, ctx.priority, ctx.today, ctx.settings),
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Has at least one letter or digit; `lo` is its lowercase core.
    Word,
    /// A standalone punctuation mark: `,` `;` `&` `+` brackets, quotes.
    Punct(char),
    /// Other runs without letters or digits: bullets, dashes, `:`.
    Junk,
}

#[derive(Clone, Copy, Debug)]
struct Tok<'a> {
    /// As typed, surrounding punctuation included ("Alice:", ">30s,").
    raw: &'a str,
    /// Range of the lowercase core (no leading/trailing punctuation) in `Text::buf`.
    lo: (usize, usize),
    kind: Kind,
}

/// A text split once into tokens, with one lowercase buffer for all of them.
struct Text<'a> {
    buf: String,
    toks: Vec<Tok<'a>>,
    /// The last verb lookup: prefix skipping and lead finding ask about the same word.
    verb_memo: Cell<Option<VerbMemo>>,
}

type VerbMemo = ((usize, bool), Option<(LeadKind, &'static str, usize)>);

fn is_standalone(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | '&'
            | '|'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '"'
            | '“'
            | '”'
            | '«'
            | '»'
            | '!'
            | '?'
            | '…'
            | '•'
            | '·'
            | '—'
            | '–'
    )
}

impl<'a> Text<'a> {
    fn new(text: &'a str) -> Text<'a> {
        let mut t = Text {
            buf: String::with_capacity(text.len() + 8),
            toks: Vec::with_capacity(text.len() / 4 + 2),
            verb_memo: Cell::new(None),
        };
        let mut start: Option<usize> = None;
        // Most titles are ASCII: walk bytes, which is several times cheaper than chars.
        if text.is_ascii() {
            for (i, b) in text.bytes().enumerate() {
                let c = char::from(b);
                let standalone = is_standalone(c);
                if b.is_ascii_whitespace() || b.is_ascii_control() || standalone {
                    if let Some(s) = start.take() {
                        t.push_run_ascii(text.get(s..i).unwrap_or(""));
                    }
                    if standalone {
                        let at = t.buf.len();
                        t.toks.push(Tok {
                            raw: text.get(i..i + 1).unwrap_or(""),
                            lo: (at, at),
                            kind: Kind::Punct(c),
                        });
                    }
                } else if start.is_none() {
                    start = Some(i);
                }
            }
            if let Some(s) = start {
                t.push_run_ascii(text.get(s..).unwrap_or(""));
            }
            return t;
        }
        for (i, c) in text.char_indices() {
            if c.is_whitespace() || c.is_control() || is_standalone(c) {
                if let Some(s) = start.take() {
                    t.push_run(text.get(s..i).unwrap_or(""));
                }
                if is_standalone(c) {
                    let raw = text.get(i..i + c.len_utf8()).unwrap_or("");
                    let at = t.buf.len();
                    t.toks.push(Tok {
                        raw,
                        lo: (at, at),
                        kind: Kind::Punct(c),
                    });
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            t.push_run(text.get(s..).unwrap_or(""));
        }
        t
    }

    fn push_run_ascii(&mut self, raw: &'a str) {
        let bytes = raw.as_bytes();
        let from = bytes
            .iter()
            .position(u8::is_ascii_alphanumeric)
            .unwrap_or(bytes.len());
        let to = bytes
            .iter()
            .rposition(u8::is_ascii_alphanumeric)
            .map_or(from, |p| p + 1);
        let core = raw.get(from..to.max(from)).unwrap_or("");
        let at = self.buf.len();
        let kind = if core.is_empty() {
            Kind::Junk
        } else {
            self.buf.push_str(core);
            if let Some(added) = self.buf.get_mut(at..) {
                added.make_ascii_lowercase();
            }
            Kind::Word
        };
        self.toks.push(Tok {
            raw,
            lo: (at, self.buf.len()),
            kind,
        });
    }

    fn push_run(&mut self, raw: &'a str) {
        let core = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let at = self.buf.len();
        if core.is_empty() {
            self.toks.push(Tok {
                raw,
                lo: (at, at),
                kind: Kind::Junk,
            });
            return;
        }
        for c in core.chars() {
            if c == '’' || c == '‘' {
                self.buf.push('\'');
            } else {
                self.buf.extend(c.to_lowercase());
            }
        }
        self.toks.push(Tok {
            raw,
            lo: (at, self.buf.len()),
            kind: Kind::Word,
        });
    }

    fn len(&self) -> usize {
        self.toks.len()
    }

    /// The lowercase core of token `i` if it is a word.
    fn word(&self, i: usize) -> Option<&str> {
        let tok = self.toks.get(i)?;
        if tok.kind != Kind::Word {
            return None;
        }
        self.buf.get(tok.lo.0..tok.lo.1)
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// If `phrase` (space-separated words) matches consecutive words from `i`, the index after
    /// it. `stem_first` lets the first word carry an inflection ("adding", "reviewed").
    fn phrase_at(&self, i: usize, phrase: &str, stem_first: bool) -> Option<usize> {
        let mut at = i;
        for (n, part) in phrase.split(' ').enumerate() {
            let w = self.word(at)?;
            let ok = if n == 0 && stem_first {
                inflection_of(w, part)
            } else {
                w == part
            };
            if !ok {
                return None;
            }
            at += 1;
        }
        Some(at)
    }

    /// If the lexicon entry matches at `i`, the index after it (see [`Text::phrase_at`]).
    fn entry_at(&self, i: usize, e: &Entry, inflected: bool) -> Option<usize> {
        let w = self.word(i)?;
        let ok = if inflected {
            w.starts_with(e.stem) && inflection_of(w, e.first)
        } else {
            w == e.first
        };
        if !ok {
            return None;
        }
        if e.rest.is_empty() {
            Some(i + 1)
        } else {
            self.phrase_at(i + 1, e.rest, false)
        }
    }

    /// The first phrase of `lexicon` that occurs anywhere from `from` on.
    fn contains_any(&self, from: usize, lexicon: &Lexicon) -> Option<&'static str> {
        (from..self.len()).find_map(|i| {
            let w = self.word(i)?;
            lexicon
                .candidates(w)
                .iter()
                .find(|e| self.entry_at(i, e, false).is_some())
                .map(|e| e.phrase)
        })
    }

    fn words_from(&self, from: usize) -> impl Iterator<Item = (usize, &str)> + '_ {
        (from..self.len()).filter_map(move |i| self.word(i).map(|w| (i, w)))
    }
}

/// `token` is `verb` or a regular inflection of it: adds, fixes, added, adding, pinned,
/// creating, applies. Compares slices; allocates nothing.
fn inflection_of(token: &str, verb: &str) -> bool {
    if token == verb {
        return true;
    }
    if let Some(rest) = token.strip_prefix(verb) {
        if matches!(rest, "s" | "es" | "ed" | "ing") {
            return true;
        }
        if verb.ends_with('e') && rest == "d" {
            return true;
        }
        // Doubled final consonant: pin → pinned, pinning.
        if let Some(last) = verb.chars().last() {
            if let Some(tail) = rest.strip_prefix(last) {
                if matches!(tail, "ed" | "ing") && !matches!(last, 'a' | 'e' | 'i' | 'o' | 'u') {
                    return true;
                }
            }
        }
    }
    if let Some(stem) = verb.strip_suffix('e') {
        if token.strip_prefix(stem) == Some("ing") {
            return true;
        }
    }
    if let Some(stem) = verb.strip_suffix('y') {
        if matches!(token.strip_prefix(stem), Some("ies" | "ied")) {
            return true;
        }
    }
    false
}

fn in_list(word: &str, list: &[&str]) -> bool {
    // Length and first byte first: most entries are rejected without a call to memcmp.
    let first = word.as_bytes().first();
    list.iter()
        .any(|w| w.len() == word.len() && w.as_bytes().first() == first && *w == word)
}

/// Word lists indexed by the first byte of their first word, built once: a lookup compares
/// only the few phrases that could match instead of every list entry (this is what keeps
/// validation in the low microseconds).
struct Lexicon {
    buckets: Vec<Vec<Entry>>,
}

/// One phrase of a list, split once: its first word, the shortest prefix every inflection of
/// that word starts with, and the words after it.
#[derive(Clone, Copy, Debug)]
struct Entry {
    phrase: &'static str,
    first: &'static str,
    stem: &'static str,
    rest: &'static str,
    kind: LeadKind,
}

impl Lexicon {
    fn build(lists: &[(LeadKind, &'static [&'static str])]) -> Lexicon {
        let mut buckets: Vec<Vec<Entry>> = vec![Vec::new(); 256];
        for (kind, list) in lists {
            for phrase in list.iter().copied() {
                let (first, rest) = phrase.split_once(' ').unwrap_or((phrase, ""));
                // "create" → "creat" (creating), "apply" → "appl" (applies).
                let stem = first
                    .strip_suffix('e')
                    .or_else(|| first.strip_suffix('y'))
                    .unwrap_or(first);
                let byte = first.as_bytes().first().copied().unwrap_or(0);
                if let Some(bucket) = buckets.get_mut(usize::from(byte)) {
                    bucket.push(Entry {
                        phrase,
                        first,
                        stem,
                        rest,
                        kind: *kind,
                    });
                }
            }
        }
        Lexicon { buckets }
    }

    /// The phrases whose first word starts like `word` (in list order).
    fn candidates(&self, word: &str) -> &[Entry] {
        word.as_bytes()
            .first()
            .and_then(|b| self.buckets.get(usize::from(*b)))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

fn lexicon(
    cell: &'static OnceLock<Lexicon>,
    lists: &[(LeadKind, &'static [&'static str])],
) -> &'static Lexicon {
    cell.get_or_init(|| Lexicon::build(lists))
}

/// Process, wish and outcome verbs, in that order (ties go to the first).
fn verbs() -> &'static Lexicon {
    static CELL: OnceLock<Lexicon> = OnceLock::new();
    lexicon(
        &CELL,
        &[
            (LeadKind::Process, PROCESS_VERBS),
            (LeadKind::Wish, WISH_PHRASES),
            (LeadKind::Outcome, OUTCOME_VERBS),
        ],
    )
}

fn blame() -> &'static Lexicon {
    static CELL: OnceLock<Lexicon> = OnceLock::new();
    lexicon(&CELL, &[(LeadKind::Unknown, BLAME_PHRASES)])
}

fn training() -> &'static Lexicon {
    static CELL: OnceLock<Lexicon> = OnceLock::new();
    lexicon(&CELL, &[(LeadKind::Unknown, TRAINING_WORDS)])
}

fn systemic() -> &'static Lexicon {
    static CELL: OnceLock<Lexicon> = OnceLock::new();
    lexicon(&CELL, &[(LeadKind::Unknown, SYSTEMIC_CONTROL_WORDS)])
}

fn team_or_role_words() -> &'static Lexicon {
    static CELL: OnceLock<Lexicon> = OnceLock::new();
    lexicon(&CELL, &[(LeadKind::Unknown, TEAM_OR_ROLE_WORDS)])
}

/// Every word of `VAGUE_OBJECTS` entries, filler aside, one word per entry.
fn vague_words() -> &'static Lexicon {
    static CELL: OnceLock<Lexicon> = OnceLock::new();
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| {
        let words = WORDS.get_or_init(|| {
            let mut words: Vec<&'static str> = VAGUE_OBJECTS
                .iter()
                .flat_map(|e| e.split(' '))
                .filter(|w| !in_list(w, OBJECT_FILLER))
                .collect();
            words.sort_unstable();
            words.dedup();
            words
        });
        Lexicon::build(&[(LeadKind::Unknown, words.as_slice())])
    })
}

// ---------------------------------------------------------------------------------------------
// Owner.

/// The owner element (§5.1): one named person, not over capacity.
pub fn check_owner(owner: &str, open_items: usize, settings: &Settings) -> Check {
    const ONE_PERSON: Option<&str> =
        Some("Priya Raman (others can help: name them in the description)");
    let trimmed = owner.trim();
    if trimmed.is_empty() {
        return Check::fail(
            "Name the one person who owns this. Don't leave the meeting with it unassigned.",
            ONE_PERSON,
        );
    }
    let text = Text::new(trimmed);
    let key = owner_key(trimmed);
    if in_list(&key, PLACEHOLDER_OWNERS) {
        return Check::fail(
            format!("“{trimmed}” is a placeholder, not an owner: name one person now."),
            ONE_PERSON,
        );
    }
    // Several people: "Alice and Bob", "Alice/Bob", "Alice, Bob", "Alice & Bob".
    if several_people(trimmed, &text) {
        return Check::fail(
            "Name one owner: with several, each assumes the other is driving. Others can be \
             collaborators.",
            Some("Alice (with Bob as collaborator, noted in the description)"),
        );
    }
    // Shared mailboxes: sre@, team-payments@, oncall@.
    if let Some(local) = group_mailbox(&text) {
        return Check::fail(
            format!("“{local}@…” looks like a shared mailbox: name the one person behind it."),
            Some("jane.doe@company.com"),
        );
    }
    if let Some(word) = team_or_role(&text) {
        return Check::fail(
            format!(
                "“{trimmed}” is a team or a role (“{word}”), not a person: when a team owns it, \
                 nobody does. Name the one person who will drive it."
            ),
            ONE_PERSON,
        );
    }
    let capacity = usize::try_from(settings.review.owner_capacity).unwrap_or(usize::MAX);
    if open_items > capacity {
        return Check::warn(
            format!(
                "{trimmed} already has {open_items} open items (capacity {capacity}): \
                 consider another owner, or close or defer something first."
            ),
            None,
        );
    }
    Check::pass(format!("Owned by {trimmed}."))
}

fn several_people(raw: &str, text: &Text) -> bool {
    // In an address, '+' and '/' belong to the mailbox, not a list of people.
    let is_email = raw.contains('@');
    let mut parts = 0usize;
    let mut in_part = false;
    for (i, tok) in text.toks.iter().enumerate() {
        let joiner = match tok.kind {
            Kind::Punct(c) => matches!(c, ',' | ';' | '&' | '|'),
            Kind::Junk => !is_email && tok.raw.contains(['+', '/']),
            Kind::Word => text.word(i).is_some_and(|w| in_list(w, OWNER_JOINERS)),
        };
        if joiner {
            in_part = false;
            continue;
        }
        let Some(w) = text.word(i) else { continue };
        if !in_part {
            parts += 1;
            in_part = true;
        }
        // "Alice/Bob", "Alice+Bob" inside one run.
        if !is_email && w != "n/a" {
            let pieces = w.split(['/', '+']).filter(|p| !p.is_empty()).count();
            parts += pieces.saturating_sub(1);
        }
    }
    parts >= 2
}

/// The local part of an address that looks like a group or list.
fn group_mailbox(text: &Text) -> Option<String> {
    for i in 0..text.len() {
        let Some(w) = text.word(i) else { continue };
        let Some((local, _domain)) = w.split_once('@') else {
            continue;
        };
        let grouped = in_list(local, MAILBOX_WORDS)
            || local
                .split(|c: char| !c.is_alphanumeric())
                .filter(|p| !p.is_empty())
                .any(|p| {
                    in_list(p, TEAM_OR_ROLE_WORDS)
                        || in_list(p, MAILBOX_WORDS)
                        || (p.len() > 4 && (p.starts_with("team") || p.ends_with("team")))
                });
        if grouped {
            return Some(local.to_string());
        }
    }
    None
}

/// The team or role word that makes an owner not a person: any never-a-person word, or an owner
/// made only of team/role words and filler ("SRE", "Head of Platform", "the on-call").
fn team_or_role(text: &Text) -> Option<&'static str> {
    let n = text.len();
    for i in 0..n {
        if let Some(w) = text.word(i) {
            if let Some(found) = NEVER_A_PERSON.iter().copied().find(|p| *p == w) {
                return Some(found);
            }
        }
    }
    let mut first: Option<&'static str> = None;
    let mut i = 0;
    while i < n {
        if text.word(i).is_none() {
            i += 1;
            continue;
        }
        // Longest team/role phrase at i.
        let mut best: Option<(usize, &'static str)> = None;
        let candidates = text
            .word(i)
            .map(|w| team_or_role_words().candidates(w))
            .unwrap_or(&[]);
        for entry in candidates {
            if let Some(end) = text.entry_at(i, entry, false) {
                if best.is_none_or(|(e, _)| end > e) {
                    best = Some((end, entry.phrase));
                }
            }
        }
        if let Some((end, p)) = best {
            first = first.or(Some(p));
            i = end;
        } else if text.word(i).is_some_and(|w| in_list(w, OWNER_FILLER)) {
            i += 1;
        } else {
            return None; // A word that could be a name.
        }
    }
    first
}

// ---------------------------------------------------------------------------------------------
// Verb.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LeadKind {
    Outcome,
    Process,
    Wish,
    Unknown,
    Empty,
}

/// Where the action starts in a title and what kind of verb leads it.
#[derive(Clone, Copy, Debug)]
struct Lead<'t> {
    kind: LeadKind,
    /// The verb phrase as listed, or the unknown first word.
    verb: &'t str,
    /// A wishful modal before the verb ("should").
    modal: Option<&'t str>,
    /// Index of the first token after the verb.
    end: usize,
}

/// The verb phrase at `i`, longest match over the lists; process and wish beat outcome on ties.
fn lookup_verb(text: &Text, i: usize) -> Option<(LeadKind, &'static str, usize)> {
    lookup_verb_as(text, i, true)
}

/// [`lookup_verb`]; `inflected` also accepts "adding", "reviewed", "fixes".
fn lookup_verb_as(
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
    let found = lookup_verb_uncached(text, i, inflected);
    text.verb_memo.set(Some((memo, found)));
    found
}

fn lookup_verb_uncached(
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
    // "re-enable", "redeploy", "reconsider": the verb after a "re" prefix.
    let rest = w.strip_prefix("re-").or_else(|| w.strip_prefix("re"))?;
    if rest.len() < 3 {
        return None;
    }
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
        // "[Alice, due Jun 26] …" or "(Alice) …": skip to the closing bracket, if typed yet.
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

fn find_lead<'t>(text: &'t Text) -> Lead<'t> {
    let mut start = skip_prefix(text);
    let n = text.len();
    // Skip anything that is not a word between the prefix and the verb.
    while start < n && text.word(start).is_none() {
        start += 1;
    }
    if start >= n {
        return Lead {
            kind: LeadKind::Empty,
            verb: "",
            modal: None,
            end: n,
        };
    }
    // "Alice will add …", "We should add …": a name (up to two words) and a modal.
    let mut modal = None;
    if lookup_verb(text, start).is_none()
        || text.word(start).is_some_and(|w| in_list(w, WISH_MODALS))
    {
        let mut words = 0;
        let mut k = start;
        while k < n && words < 3 {
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
                if k > start && lookup_verb(text, k).is_some() {
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
            end,
        },
        None => match text.word(start) {
            Some(w) => Lead {
                kind: LeadKind::Unknown,
                verb: w,
                modal,
                end: start + 1,
            },
            None => Lead {
                kind: LeadKind::Empty,
                verb: "",
                modal,
                end: n,
            },
        },
    }
}

/// The verb element (§5.2) of a title on its own.
pub fn check_verb(title: &str) -> Check {
    let text = Text::new(title);
    let lead = find_lead(&text);
    verb_check(&text, &lead)
}

fn verb_check(_text: &Text, lead: &Lead) -> Check {
    const OUTCOME_EXAMPLE: Option<&str> =
        Some("Add an alert for DB replication lag > 30s in Datadog");
    if let Some(modal) = lead.modal {
        return Check::fail(
            format!(
                "“{modal}” makes this a wish. Write the action itself, starting with what will \
                 change (add, remove, change, test, deploy…)."
            ),
            Some("Add a circuit breaker to the payment service's calls to the card gateway"),
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
            Some("Lower the CPU alert threshold from 95% to 85% on the checkout service"),
        ),
        LeadKind::Wish => Check::fail(
            format!(
                "“{}” is a wish, not an action: nobody can tell when it is done. Say what will \
                 change.",
                capitalise(lead.verb)
            ),
            OUTCOME_EXAMPLE,
        ),
        LeadKind::Unknown => Check::warn(
            format!(
                "Start with the verb of what will change (add, remove, change, update, test, \
                 deploy…); “{}” is not one we know.",
                lead.verb
            ),
            OUTCOME_EXAMPLE,
        ),
        LeadKind::Empty => {
            Check::fail("Write the action, starting with its verb.", OUTCOME_EXAMPLE)
        }
    }
}

/// A verb phrase from the word lists with its first letter in capitals. The lists are ASCII
/// (a test checks), so the ASCII form does what `char::to_uppercase` would, without keeping
/// Unicode's upper-case table in the wasm.
fn capitalise(s: &str) -> String {
    let mut s = s.to_string();
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Outcome.

/// The outcome element (§5.3) of a title on its own.
pub fn check_outcome(title: &str, effort: Level, settings: &Settings) -> Check {
    let text = Text::new(title);
    let lead = find_lead(&text);
    outcome_check(&text, &lead, effort, settings)
}

fn outcome_check(text: &Text, lead: &Lead, effort: Level, settings: &Settings) -> Check {
    if lead.kind == LeadKind::Empty {
        return Check::fail(
            "Say what will be different when this is done.",
            Some("Add a latency P99 alert for /checkout with a > 500ms threshold"),
        );
    }
    let min_words = usize::try_from(settings.review.min_outcome_words).unwrap_or(usize::MAX);
    let after = lead.end;

    let mut fails: Vec<(String, &'static str)> = Vec::new();
    let mut warns: Vec<(String, Option<&'static str>)> = Vec::new();

    if let Some(phrase) = text.contains_any(0, blame()) {
        fails.push((
            format!(
                "“{phrase}” is blame in disguise, not an action. Name the systemic change that \
                 makes the mistake hard to make."
            ),
            "Implement a deployment confirmation prompt requiring the production environment name",
        ));
    }

    let mut words = 0usize;
    let mut content = 0usize;
    let mut vague_only = true;
    let mut first_vague: Option<&str> = None;
    for (_, w) in text.words_from(after) {
        words += 1;
        if in_list(w, OBJECT_FILLER) {
            continue;
        }
        content += 1;
        if vague_word(w) {
            first_vague = first_vague.or(Some(w));
        } else {
            vague_only = false;
        }
    }
    if content > 0 && vague_only {
        fails.push((
            format!(
                "“{}” alone is too vague: which one, where, and how would anyone know it is \
                 done? Name the service, the signal and the threshold.",
                first_vague.unwrap_or("it")
            ),
            "Add a latency P99 alert for the /checkout endpoint with a > 500ms threshold",
        ));
    } else if words < min_words {
        fails.push((
            format!(
                "Too short to check: {words} word{} after the verb. Say what changes, where, and \
                 how anyone will know it is done (at least {min_words} words).",
                if words == 1 { "" } else { "s" }
            ),
            "Add troubleshooting steps for database failover to the on-call runbook",
        ));
    }

    // Training or awareness as the only remedy.
    let training = text
        .contains_any(0, training())
        .or((lead.kind == LeadKind::Outcome && lead.verb == "train").then_some("train"));
    if let Some(t) = training {
        if text.contains_any(after, systemic()).is_none() {
            warns.push((
                format!(
                    "“{t}” as the only remedy rarely holds: people forget and rotate. Pair it \
                     with a systemic control (automation, validation, a guardrail)."
                ),
                Some("Add a CI check that blocks config changes without a reviewer, and walk the team through it"),
            ));
        }
    }

    if let Some(why) = several_tasks(text, after) {
        warns.push((
            format!("{why}: this looks like several tasks in one. Split it so each can be closed on its own."),
            Some("Fix the race condition in the payment processor (#4521)"),
        ));
    }

    if effort.get() >= Level::MAX {
        warns.push((
            "Effort 4 is a project, not an action item: split it into steps that each fit a sprint."
                .to_string(),
            Some("Add read replicas to the payments database (phase 1 of the scaling project)"),
        ));
    }

    let specifics = specifics(text, after);
    let favour = if specifics.is_empty() {
        String::new()
    } else {
        format!(" It names {}, which helps.", specifics.join(", "))
    };

    if let Some((first, suggestion)) = fails.first() {
        let mut message = first.clone();
        if fails.len() > 1 {
            if let Some((second, _)) = fails.get(1) {
                message.push_str(" Also: ");
                message.push_str(second);
            }
        }
        return Check::fail(message, Some(*suggestion));
    }
    if let Some((first, suggestion)) = warns.first() {
        let mut message = first.clone();
        for (other, _) in warns.iter().skip(1) {
            message.push_str(" Also: ");
            message.push_str(other);
        }
        message.push_str(&favour);
        return Check::warn(message, *suggestion);
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

fn vague_word(w: &str) -> bool {
    vague_words()
        .candidates(w)
        .iter()
        .any(|e| e.first.len() == w.len() && e.first == w)
}

/// Why the text looks like several tasks: "and", ";", "&", or an action verb starting a new
/// clause after a comma or "then".
fn several_tasks(text: &Text, from: usize) -> Option<&'static str> {
    let n = text.len();
    let mut after_comma = false;
    for i in from..n {
        if let Some(c) = text.punct(i) {
            match c {
                ';' => return Some("“;” joins two clauses"),
                '&' => return Some("“&” joins two things"),
                ',' => after_comma = true,
                _ => {}
            }
            continue;
        }
        if text
            .toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Junk && t.raw == "+")
        {
            return Some("“+” joins two things");
        }
        let Some(w) = text.word(i) else { continue };
        if w == "and" {
            return Some("“and” joins two things");
        }
        if in_list(w, CLAUSE_JOINERS) {
            after_comma = true;
            continue;
        }
        // An imperative starts the second task ("…, add a test"); a participle does not
        // ("…, linked to the runbook").
        if after_comma {
            if let Some((LeadKind::Outcome | LeadKind::Process, _, _)) =
                lookup_verb_as(text, i, false)
            {
                return Some("a second verb starts a new clause");
            }
        }
        after_comma = false;
    }
    None
}

/// Up to three tokens that make the outcome checkable: numbers, thresholds, paths, file or
/// service names, acronyms, ticket keys.
fn specifics<'a>(text: &Text<'a>, from: usize) -> Vec<&'a str> {
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
            && bytes.iter().any(u8::is_ascii_uppercase);
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

// ---------------------------------------------------------------------------------------------
// Tracker.

/// The URL trimmed, when it is safe to make clickable: its scheme is `http` or `https` (any
/// case). Leading/trailing whitespace and control characters are trimmed, as browsers do; any
/// whitespace or control character left inside makes it unsafe (`java\tscript:` would be read
/// by a browser as `javascript:`).
pub fn safe_link(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (scheme, rest) = trimmed.split_once(':')?;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let host = rest.strip_prefix("//")?;
    let host_end = host.find(['/', '?', '#']).unwrap_or(host.len());
    (web && host_end > 0).then(|| trimmed.to_string())
}

/// Whether a ticket reference looks like `ABC-123`, `#123` or `org/repo#123`.
pub fn looks_like_ticket(ticket: &str) -> bool {
    let t = ticket.trim();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((left, number)) = t.rsplit_once('#') {
        return all_digits(number) && !left.contains(char::is_whitespace);
    }
    if let Some((key, number)) = t.rsplit_once('-') {
        let mut chars = key.chars();
        return all_digits(number)
            && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    }
    false
}

/// The tracker element (§5.4).
pub fn check_tracker(ticket: &str, url: &str) -> Check {
    const EXAMPLE: Option<&str> = Some("PAY-1234");
    let ticket = ticket.trim();
    let url = url.trim();
    if looks_like_ticket(ticket) {
        return Check::pass(format!("Tracked as {ticket}."));
    }
    if let Some(link) = safe_link(url) {
        return Check::pass(format!("Tracked at {link}."));
    }
    if !url.is_empty() {
        return Check::warn(
            "Only http and https links are made clickable: paste the ticket's web address, or \
             its key.",
            Some("https://tracker.example.com/browse/PAY-1234"),
        );
    }
    if !ticket.is_empty() {
        return Check::warn(
            format!("“{ticket}” doesn't look like a ticket key: use the tracker's key, like ABC-123 or #123."),
            EXAMPLE,
        );
    }
    Check::fail(
        "Give it a home in the tracker your team opens every day: a ticket key or link. A line \
         in a document gets forgotten.",
        EXAMPLE,
    )
}

// ---------------------------------------------------------------------------------------------
// Deadline.

/// The deadline element (§5.5): a due date, not in the past for an open item, inside the
/// priority's window.
pub fn check_deadline(
    item: &ActionItem,
    priority: Priority,
    today: NaiveDate,
    settings: &Settings,
) -> Check {
    let Some(due) = item.due_date else {
        let created = item.created_on().unwrap_or(today);
        let example = crate::deadlines::default_due_date(created, priority, settings);
        return Check {
            verdict: Verdict::Fail,
            message: format!(
                "Set a due date: without one it loses every prioritisation battle. {priority} \
                 targets {} days.",
                settings.deadlines.target_days.get(priority)
            ),
            suggestion: Some(example.to_string()),
        };
    };
    let warnings = check_due_date(item, priority, today, settings);
    if let Some(past) = warnings
        .iter()
        .find(|w| matches!(w, DueDateWarning::InThePast { .. }))
    {
        return Check::fail(past.message(), None);
    }
    if let Some(w) = warnings.first() {
        let created = item.created_on().unwrap_or(today);
        let latest = crate::deadlines::latest_acceptable(created, priority, settings);
        return Check {
            verdict: Verdict::Warn,
            message: w.message(),
            suggestion: Some(latest.to_string()),
        };
    }
    Check::pass(format!("Due {due}, inside the {priority} window."))
}

#[cfg(test)]
mod tests {
    use super::*;

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
                "Add alert on error rate and latency for checkout",
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
        assert_eq!(
            check_tracker("", "javascript:alert(1)").verdict,
            Verdict::Warn
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
}
