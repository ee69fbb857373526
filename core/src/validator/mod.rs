//! The five elements of a good action item: DOMAIN.md §5.
//!
//! [`validate`] runs on every keystroke, so it is hand-tokenised ([`text`]): one pass over the
//! title into one lowercase buffer, word lists looked up by their first letter, no regex. Every
//! message says what to change; every suggestion is a rewrite of the item in its own words
//! ([`advice`]). The word lists ([`words`]) are public data so the UI can show them as help.

mod advice;
mod class;
mod deadline;
mod outcome;
mod owner;
mod roster;
mod text;
mod tracker;
mod verb;
mod words;

#[cfg(test)]
mod rule_tests;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::model::{ActionItem, Priority, Workspace};
use crate::settings::Settings;

pub use deadline::check_deadline;
pub use outcome::check_outcome;
pub use owner::check_owner;
pub use roster::{entry_problem, Roster};
pub use tracker::{check_tracker, looks_like_ticket, safe_link};
pub use verb::check_verb;
pub use words::{
    Words, WordsIter, BLAME_PHRASES, OUTCOME_VERBS, PROCESS_VERBS, SYSTEMIC_CONTROL_WORDS,
    TEAM_OR_ROLE_WORDS, TRAINING_WORDS, VAGUE_OBJECTS, WISH_PHRASES,
};

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

/// One element's result: what to change, and a rewrite of the item in its own words.
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

    fn warn(message: impl Into<String>, suggestion: Option<String>) -> Check {
        Check {
            verdict: Verdict::Warn,
            message: message.into(),
            suggestion,
        }
    }

    fn fail(message: impl Into<String>, suggestion: Option<String>) -> Check {
        Check {
            verdict: Verdict::Fail,
            message: message.into(),
            suggestion,
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
    /// Every owner of the workspace with their open items ([`open_items_by_owner`]): the
    /// people already known, who are on the roster whatever `settings.people` says.
    pub known_owners: Option<&'a HashMap<String, usize>>,
}

impl<'a> ValidationContext<'a> {
    /// A context for `item`, looking its owner up in a map from [`open_items_by_owner`].
    pub fn for_item(
        item: &ActionItem,
        priority: Priority,
        open_by_owner: &'a HashMap<String, usize>,
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
            known_owners: Some(open_by_owner),
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

/// Open items per owner (by [`owner_key`]) across every post-mortem. Every owner is in it, with
/// 0 when all their items are closed, so its keys are the workspace's known people; blank
/// owners are left out.
pub fn open_items_by_owner(workspace: &Workspace) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for (_, item) in workspace.items() {
        let key = owner_key(&item.owner);
        if !key.is_empty() {
            *counts.entry(key).or_insert(0) += usize::from(item.is_open());
        }
    }
    counts
}

/// Checks the five elements of §5.
pub fn validate(item: &ActionItem, ctx: &ValidationContext) -> Validation {
    let title = text::Text::new(&item.title);
    let lead = verb::find_lead(&title);
    let beyond = verb::beyond(&title, &lead);
    let verb = verb::verb_check(&title, &lead, beyond);
    let outcome = outcome::outcome_check(&title, &lead, beyond, item.effort, ctx.settings);
    // The owner and tracker advice name the item; only worked out when needed.
    let short_title = || advice::short_title(&title, &lead);
    let known = ctx.known_owners.map(|owners| owner::Known {
        owners,
        own_share: usize::from(item.is_open()),
    });
    let owner = owner::owner_check(
        &item.owner,
        ctx.owner_open_items,
        ctx.settings,
        known,
        &short_title,
    );
    let tracker = tracker::tracker_check(&short_title, &item.tracking_ticket, &item.tracking_url);
    Validation {
        owner,
        verb,
        outcome,
        tracker,
        deadline: check_deadline(item, ctx.priority, ctx.today, ctx.settings),
    }
}
