//! Likely duplicates across post-mortems (DOMAIN.md §3: "the same item appears in two or more
//! post-mortems (`linked_items`)"; §1 `linked_items`).
//!
//! Text is reduced to a set of normalised tokens: lowercased, split on anything that is not a
//! letter or digit, stop words dropped (English function words, and the outcome verbs every
//! action item starts with, which would make all items look alike), then lightly stemmed
//! (`alerts`, `alerting`, `alerted` → `alert`). Two measures compare the sets:
//! - while a new post-mortem's title and tags are typed, the *overlap coefficient*
//!   |A ∩ B| / min(|A|, |B|), because the typed text is short and should match an item that
//!   contains it;
//! - between two items, the *Jaccard index* |A ∩ B| / |A ∪ B|, which is symmetric and does not
//!   call a long item a duplicate of every short one.
//!
//! Items are compared on their title and tags (less the export label and post-mortem ids,
//! which every exported item carries). Linking keeps `linked_items` symmetric; the
//! priority raise of linked items belongs to `scoring`.

use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;

use crate::exchange::EXPORT_LABEL;
use crate::model::{ActionItem, Workspace};

pub use crate::settings::{DUPLICATE_MIN_SCORE, RELATED_MIN_SCORE};

/// Words that say nothing about what an item is about.
const STOP_WORDS: &[&str] = &[
    // English function words.
    "a",
    "about",
    "after",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "but",
    "by",
    "can",
    "do",
    "does",
    "each",
    "for",
    "from",
    "has",
    "have",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "more",
    "new",
    "no",
    "not",
    "of",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "per",
    "should",
    "so",
    "some",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "this",
    "to",
    "up",
    "via",
    "was",
    "we",
    "were",
    "when",
    "which",
    "while",
    "will",
    "with",
    "within",
    "without",
    // Outcome verbs that open almost every action item (DOMAIN.md §5).
    "add",
    "assign",
    "automate",
    "change",
    "configure",
    "create",
    "delete",
    "deploy",
    "disable",
    "document",
    "enable",
    "fix",
    "implement",
    "lower",
    "migrate",
    "raise",
    "remove",
    "replace",
    "set",
    "test",
    "update",
    "write",
];

/// The normalised tokens of `text`.
pub fn tokens(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .filter(|word| !STOP_WORDS.contains(&word.as_str()))
        .map(|word| stem(&word))
        // Single letters ("s" of a possessive) carry no meaning.
        .filter(|word| word.chars().count() > 1)
        .collect()
}

/// Light suffix stripping so that plural and verb forms meet. Only strips when at least three
/// characters remain, so short words are left alone.
fn stem(word: &str) -> String {
    let keeps_three = |stem: &str| stem.chars().count() >= 3;
    let mut out = word.to_string();
    if let Some(base) = word.strip_suffix("ies").filter(|b| keeps_three(b)) {
        return format!("{base}y");
    }
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(base) = word.strip_suffix(suffix).filter(|b| keeps_three(b)) {
            // "status", "class": a trailing s that belongs to the word.
            if suffix == "s" && (base.ends_with('s') || base.ends_with('u')) {
                break;
            }
            out = base.to_string();
            break;
        }
    }
    // "cache" / "caches" / "cached" all meet at "cach".
    if let Some(base) = out.strip_suffix('e').filter(|b| keeps_three(b)) {
        out = base.to_string();
    }
    out
}

/// |A ∩ B| / |A ∪ B|; 0 when both are empty.
pub fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// |A ∩ B| / min(|A|, |B|); 0 when either is empty.
pub fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        0.0
    } else {
        a.intersection(b).count() as f64 / smaller as f64
    }
}

/// The ids of the workspace's post-mortems: tags that say where an item lives (§10 labels
/// exported items with their post-mortem id), not what it is about.
fn postmortem_ids(workspace: &Workspace) -> HashSet<&str> {
    workspace
        .postmortems
        .iter()
        .map(|pm| pm.id.as_str())
        .collect()
}

/// The text an item is compared on: its title and tags, leaving out the export label and
/// post-mortem ids, which would make every item of a year look alike.
fn item_tokens(item: &ActionItem, postmortem_ids: &HashSet<&str>) -> BTreeSet<String> {
    let mut text = item.title.clone();
    for tag in &item.tags {
        let tag = tag.trim();
        if !tag.eq_ignore_ascii_case(EXPORT_LABEL) && !postmortem_ids.contains(tag) {
            text.push(' ');
            text.push_str(tag);
        }
    }
    tokens(&text)
}

/// An item that looks related to some text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Similar {
    pub postmortem_id: String,
    pub item_id: String,
    pub title: String,
    /// 0–1.
    pub score: f64,
}

/// Open items of other post-mortems that look related to `text` (a new post-mortem's title and
/// tags, as typed), best first, at most `limit`.
pub fn similar_items(
    workspace: &Workspace,
    text: &str,
    exclude_pm: Option<&str>,
    limit: usize,
) -> Vec<Similar> {
    let wanted = tokens(text);
    if wanted.is_empty() || limit == 0 {
        return Vec::new();
    }
    let pm_ids = postmortem_ids(workspace);
    let mut found: Vec<Similar> = workspace
        .items()
        .filter(|(pm, item)| item.is_open() && Some(pm.id.as_str()) != exclude_pm)
        .filter_map(|(pm, item)| {
            let score = overlap(&wanted, &item_tokens(item, &pm_ids));
            (score >= RELATED_MIN_SCORE).then(|| Similar {
                postmortem_id: pm.id.clone(),
                item_id: item.id.clone(),
                title: item.title.clone(),
                score,
            })
        })
        .collect();
    crate::order::sort_by(&mut found, |a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.item_id.cmp(&b.item_id))
    });
    found.truncate(limit);
    found
}

/// One side of a likely-duplicate pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemKey {
    pub postmortem_id: String,
    pub item_id: String,
    pub title: String,
}

/// Two items of different post-mortems that look like the same action.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DuplicatePair {
    pub a: ItemKey,
    pub b: ItemKey,
    /// Jaccard index, 0–1.
    pub score: f64,
}

/// Pairs of items in different post-mortems, at least one of them open and not yet linked to
/// each other, whose titles and tags overlap enough (Jaccard ≥ [`DUPLICATE_MIN_SCORE`]); the
/// best `limit`, best first, ties by item id.
///
/// Comparing every pair is quadratic (10,000 items: 50 million pairs, seconds), so:
/// - items with the same token set are grouped and each distinct set is compared once;
/// - candidate sets come from *prefix filtering*: order each set's tokens rarest first; two
///   sets with Jaccard ≥ t share at least ⌈t·|A|⌉ tokens, so they share one among the first
///   |A| − ⌈t·|A|⌉ + 1 tokens of each. Only sets sharing such a token are compared.
///
/// The result is exactly that of comparing every pair (a property test checks it).
pub fn likely_duplicates(workspace: &Workspace, limit: usize) -> Vec<DuplicatePair> {
    let entries: Vec<(&str, &ActionItem)> = workspace
        .items()
        .map(|(pm, item)| (pm.id.as_str(), item))
        .collect();

    // Tokens interned as numbers, each set ascending; items grouped by identical set.
    let pm_ids = postmortem_ids(workspace);
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut group_of: HashMap<Vec<usize>, usize> = HashMap::new();
    let mut groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for (n, (_, item)) in entries.iter().enumerate() {
        let mut set: Vec<usize> = item_tokens(item, &pm_ids)
            .into_iter()
            .map(|token| {
                let next = numbers.len();
                *numbers.entry(token).or_insert(next)
            })
            .collect();
        if set.is_empty() {
            continue; // Nothing to compare on.
        }
        crate::order::sort(&mut set);
        let next = groups.len();
        let g = *group_of.entry(set.clone()).or_insert(next);
        match groups.get_mut(g) {
            Some((_, members)) => members.push(n),
            None => groups.push((set, vec![n])),
        }
    }

    // Similar groups: each group with itself, and the pairs prefix filtering finds.
    let mut frequency = vec![0usize; numbers.len()];
    for (set, _) in &groups {
        for token in set {
            if let Some(count) = frequency.get_mut(*token) {
                *count += 1;
            }
        }
    }
    let rarity = |token: &usize| (frequency.get(*token).copied().unwrap_or(0), *token);
    let mut similar: Vec<(f64, usize, usize)> = (0..groups.len()).map(|g| (1.0, g, g)).collect();
    let mut index: Vec<Vec<usize>> = vec![Vec::new(); numbers.len()];
    let mut last_probe: Vec<Option<usize>> = vec![None; groups.len()];
    for (h, (set_h, _)) in groups.iter().enumerate() {
        let mut prefix = set_h.clone();
        prefix.sort_unstable_by_key(rarity);
        let need = (DUPLICATE_MIN_SCORE * prefix.len() as f64).ceil() as usize;
        prefix.truncate(prefix.len() + 1 - need.clamp(1, prefix.len().max(1)));
        for token in &prefix {
            for &g in index.get(*token).map(Vec::as_slice).unwrap_or_default() {
                let Some(probe) = last_probe.get_mut(g) else {
                    continue;
                };
                if *probe == Some(h) {
                    continue;
                }
                *probe = Some(h);
                if let Some((set_g, _)) = groups.get(g) {
                    let score = sorted_jaccard(set_g, set_h);
                    if score >= DUPLICATE_MIN_SCORE {
                        similar.push((score, g, h));
                    }
                }
            }
        }
        for token in &prefix {
            if let Some(members) = index.get_mut(*token) {
                members.push(h);
            }
        }
    }

    // Item pairs of similar groups, earlier item first, that are worth suggesting.
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    let no_members: &[usize] = &[];
    let members = |g: usize| groups.get(g).map_or(no_members, |(_, m)| m.as_slice());
    for (score, g, h) in similar {
        for &x in members(g) {
            for &y in members(h) {
                let (i, j) = (x.min(y), x.max(y));
                if (g == h && x >= y) || i == j {
                    continue;
                }
                let (Some((pm_a, a)), Some((pm_b, b))) = (entries.get(i), entries.get(j)) else {
                    continue;
                };
                let suggest = pm_a != pm_b
                    && (a.is_open() || b.is_open())
                    && !a.linked_items.contains(&b.id)
                    && !b.linked_items.contains(&a.id);
                if suggest {
                    scored.push((score, i, j));
                }
            }
        }
    }

    let key = |n: usize| {
        entries.get(n).map(|(pm, item)| ItemKey {
            postmortem_id: pm.to_string(),
            item_id: item.id.clone(),
            title: item.title.clone(),
        })
    };
    let id = |n: usize| entries.get(n).map(|(_, item)| item.id.as_str());
    let order = |(sx, ax, bx): &(f64, usize, usize), (sy, ay, by): &(f64, usize, usize)| {
        sy.total_cmp(sx)
            .then_with(|| (id(*ax), id(*bx)).cmp(&(id(*ay), id(*by))))
            .then_with(|| (ax, bx).cmp(&(ay, by)))
    };
    // Only the best `limit` need sorting.
    if limit < scored.len() {
        scored.select_nth_unstable_by(limit, order);
        scored.truncate(limit);
    }
    // The order is total (it ends in the pair's positions): unstable is the same order.
    crate::order::sort_by(&mut scored, order);
    scored
        .into_iter()
        .filter_map(|(score, a, b)| {
            Some(DuplicatePair {
                a: key(a)?,
                b: key(b)?,
                score,
            })
        })
        .collect()
}

/// Jaccard index of two sets given as ascending vectors.
fn sorted_jaccard(a: &[usize], b: &[usize]) -> f64 {
    let (mut x, mut y, mut shared) = (a.iter().peekable(), b.iter().peekable(), 0usize);
    while let (Some(p), Some(q)) = (x.peek(), y.peek()) {
        match p.cmp(q) {
            std::cmp::Ordering::Less => {
                x.next();
            }
            std::cmp::Ordering::Greater => {
                y.next();
            }
            std::cmp::Ordering::Equal => {
                shared += 1;
                x.next();
                y.next();
            }
        }
    }
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// Why two items could not be linked or unlinked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// No item has this id.
    NotFound(String),
    /// An item is not linked to itself.
    SameItem,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NotFound(id) => write!(f, "There is no action item “{id}”."),
            LinkError::SameItem => f.write_str("An item cannot be linked to itself."),
        }
    }
}

impl std::error::Error for LinkError {}

fn item_mut<'a>(workspace: &'a mut Workspace, id: &str) -> Option<&'a mut ActionItem> {
    workspace
        .postmortems
        .iter_mut()
        .flat_map(|pm| pm.action_items.iter_mut())
        .find(|item| item.id == id)
}

fn check_pair(workspace: &Workspace, a_id: &str, b_id: &str) -> Result<(), LinkError> {
    if a_id == b_id {
        return Err(LinkError::SameItem);
    }
    for id in [a_id, b_id] {
        if !workspace.items().any(|(_, item)| item.id == id) {
            return Err(LinkError::NotFound(id.to_string()));
        }
    }
    Ok(())
}

/// Records that `a_id` and `b_id` are the same action: each lists the other in
/// `linked_items`, once. Nothing changes when either is missing.
pub fn link_items(workspace: &mut Workspace, a_id: &str, b_id: &str) -> Result<(), LinkError> {
    check_pair(workspace, a_id, b_id)?;
    for (this, other) in [(a_id, b_id), (b_id, a_id)] {
        if let Some(item) = item_mut(workspace, this) {
            if !item.linked_items.iter().any(|l| l == other) {
                item.linked_items.push(other.to_string());
            }
        }
    }
    Ok(())
}

/// Removes the link both ways.
pub fn unlink_items(workspace: &mut Workspace, a_id: &str, b_id: &str) -> Result<(), LinkError> {
    check_pair(workspace, a_id, b_id)?;
    for (this, other) in [(a_id, b_id), (b_id, a_id)] {
        if let Some(item) = item_mut(workspace, this) {
            item.linked_items.retain(|l| l != other);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
