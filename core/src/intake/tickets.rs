//! Telling whether an item here and a ticket in a file are the same ticket: by key (`PAY-1234`,
//! `owner/repo#45`, `#45`) or by URL, however each was written.

use std::collections::HashMap;

use crate::exchange::ImportError;
use crate::model::ActionItem;

use super::walk::invalid;
use super::SourceItem;

/// One way a ticket is named, normalised so that equal tickets give equal keys.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Key {
    /// A web address: host lowercased, without scheme, query, fragment or trailing `/`.
    Url(String),
    /// `ABC-123`, uppercased.
    Jira(String),
    /// `owner/repo#45`, lowercased.
    Repo(String),
    /// `#45`: weaker than the others, used only when nothing else matches.
    Number(String),
}

impl Key {
    /// What a ticket's project is, so items of the projects a file covers can be listed when
    /// their ticket is not in it: `PAY` for `PAY-12`, `owner/repo` for `owner/repo#45`, `#`
    /// for `#45`. A URL alone has none.
    pub fn project(&self) -> Option<String> {
        match self {
            Key::Url(_) => None,
            Key::Jira(k) => k.rsplit_once('-').map(|(p, _)| p.to_string()),
            Key::Repo(k) => k.rsplit_once('#').map(|(p, _)| p.to_string()),
            Key::Number(_) => Some("#".into()),
        }
    }
}

/// The keys of a ticket written as a key (or a URL in the key field) and a URL, strongest first.
pub(super) fn keys(ticket: &str, url: &str) -> Vec<Key> {
    let mut keys = Vec::new();
    for text in [url, ticket] {
        let text = text.trim();
        if text.contains("://") {
            if let Some(u) = normal_url(text) {
                keys.extend(keys_of_url(&u));
                keys.push(Key::Url(u));
            }
        } else if let Some(key) = key_of(text) {
            keys.push(key);
        }
    }
    crate::order::sort(&mut keys);
    keys.dedup();
    keys
}

/// The keys of an item here.
pub(super) fn item_keys(item: &ActionItem) -> Vec<Key> {
    keys(&item.tracking_ticket, &item.tracking_url)
}

/// A key written on its own: `ABC-123`, `owner/repo#45` or `#45`.
fn key_of(text: &str) -> Option<Key> {
    if !crate::validator::looks_like_ticket(text) {
        return None;
    }
    Some(match text.rsplit_once('#') {
        Some(("", n)) => Key::Number(format!("#{n}")),
        Some((repo, n)) => Key::Repo(format!("{}#{n}", repo.to_lowercase())),
        // Past `looks_like_ticket`, a key without `#` is ASCII but for whitespace, which has no
        // case: the ASCII form is the same, without Unicode's upper-case table in the wasm.
        None => Key::Jira(text.to_ascii_uppercase()),
    })
}

fn normal_url(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    let rest = rest[..end].trim_end_matches('/');
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    (!host.is_empty()).then(|| format!("{}/{path}", host.to_lowercase()))
}

/// The key a tracker's URL carries: Jira `…/browse/PAY-12`, Linear `…/issue/ENG-12/slug`,
/// GitHub `github.com/owner/repo/issues/45` (or `/pull/45`).
fn keys_of_url(normal: &str) -> Vec<Key> {
    let parts: Vec<&str> = normal.split('/').collect();
    let mut keys = Vec::new();
    for pair in parts.windows(2) {
        if matches!(pair[0], "browse" | "issue") {
            if let Some(key @ Key::Jira(_)) = key_of(pair[1]) {
                keys.push(key);
            }
        }
    }
    if let [host, owner, repo, kind, number, ..] = parts.as_slice() {
        if host.ends_with("github.com")
            && matches!(*kind, "issues" | "pull")
            && !number.is_empty()
            && number.bytes().all(|b| b.is_ascii_digit())
        {
            keys.push(Key::Repo(format!("{owner}/{repo}#{number}")));
            keys.push(Key::Number(format!("#{number}")));
        }
    }
    keys
}

/// The file's tickets by key; a key that names two different tickets is dropped (it cannot
/// tell them apart).
pub(super) struct Index {
    by_key: HashMap<Key, Option<usize>>,
}

impl Index {
    pub fn new(items: &[SourceItem]) -> Index {
        let mut by_key: HashMap<Key, Option<usize>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            for key in keys(&item.ticket, &item.url) {
                by_key
                    .entry(key)
                    .and_modify(|seen| {
                        if *seen != Some(i) {
                            *seen = None;
                        }
                    })
                    .or_insert(Some(i));
            }
        }
        Index { by_key }
    }

    /// The ticket an item here tracks, by its strongest key that names exactly one.
    pub fn find(&self, keys: &[Key]) -> Option<usize> {
        keys.iter()
            .find_map(|k| self.by_key.get(k).copied().flatten())
    }

    /// The projects the file covers.
    pub fn projects(&self) -> Vec<String> {
        let mut projects: Vec<String> = self.by_key.keys().filter_map(Key::project).collect();
        crate::order::sort(&mut projects);
        projects.dedup();
        projects
    }
}

/// A tracker's export holds each ticket once; the same key twice is refused, naming both.
pub(super) fn check_unique(items: &[SourceItem]) -> Result<(), ImportError> {
    let mut seen: HashMap<Key, &str> = HashMap::new();
    for item in items {
        let Some(key) = key_of(item.ticket.trim()) else {
            continue;
        };
        if let Some(first) = seen.insert(key, &item.place) {
            return Err(invalid(
                &item.place,
                format!(
                    "the ticket {} is already in the file at {first}; an export holds each \
                     ticket once",
                    item.ticket
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_from_keys_and_addresses() {
        assert_eq!(keys(" pay-12 ", ""), vec![Key::Jira("PAY-12".into())]);
        assert_eq!(
            keys("", "https://Acme.atlassian.net/browse/PAY-12?focused=1"),
            vec![
                Key::Url("acme.atlassian.net/browse/PAY-12".into()),
                Key::Jira("PAY-12".into())
            ]
        );
        assert_eq!(
            keys("Acme/Web#45", "https://github.com/acme/web/issues/45/"),
            vec![
                Key::Url("github.com/acme/web/issues/45".into()),
                Key::Repo("acme/web#45".into()),
                Key::Number("#45".into()),
            ]
        );
        assert_eq!(
            keys("https://linear.app/acme/issue/ENG-7/fix-it", ""),
            vec![
                Key::Url("linear.app/acme/issue/ENG-7/fix-it".into()),
                Key::Jira("ENG-7".into())
            ]
        );
        assert!(keys("TBD", "not a link").is_empty());
        assert_eq!(Key::Jira("PAY-12".into()).project().as_deref(), Some("PAY"));
        assert_eq!(Key::Repo("a/b#1".into()).project().as_deref(), Some("a/b"));
    }
}
