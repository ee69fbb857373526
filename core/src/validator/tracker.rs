//! The tracker home (DOMAIN.md §5.4): a ticket key or a link to the ticket. Only `http` and
//! `https` links are ever made clickable; a document is not a tracker.

use super::advice;
use super::Check;

/// Placeholders for "no ticket yet".
const PLACEHOLDERS: &[&str] = &[
    "tbd",
    "tba",
    "tbc",
    "todo",
    "n/a",
    "na",
    "none",
    "-",
    "--",
    "—",
    "?",
    "??",
    "???",
    "pending",
    "unknown",
    "null",
    "nil",
    "no ticket",
    "not yet",
    "x",
    "xxx",
    "later",
];

/// Hosts and paths of documents, wikis and chats: places that are not a tracker.
const DOCUMENT_HOSTS: &[&str] = &[
    "docs.google.com",
    "drive.google.com",
    "sheets.google.com",
    "notion.so",
    "notion.site",
    "paper.dropbox.com",
    "dropbox.com",
    "quip.com",
    "coda.io",
    "sharepoint.com",
    "onedrive.live.com",
    "1drv.ms",
    "slack.com",
    "miro.com",
    "dropboxusercontent.com",
];

/// What one tracker field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Reading<'a> {
    Empty,
    Placeholder(&'a str),
    Text(&'a str),
    SchemeLess(&'a str),
    Document(&'a str, &'static str),
    Key(&'a str),
    Link(&'a str),
    BadScheme(&'a str),
}

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

/// Whether a ticket reference looks like `ABC-123`, `sc-123`, `#123`, `org/repo#123`,
/// `[ABC-123]`, `Bug 123` or `b/123`.
pub fn looks_like_ticket(ticket: &str) -> bool {
    let t = ticket.trim().trim_start_matches('[').trim_end_matches(']');
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((left, number)) = t.rsplit_once('#') {
        return all_digits(number) && !left.contains(char::is_whitespace);
    }
    if let Some(number) = t.strip_prefix("b/").or_else(|| t.strip_prefix("B/")) {
        return all_digits(number);
    }
    if let Some((word, number)) = t.split_once(' ') {
        let named = ["bug", "issue", "ticket", "story", "case"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w));
        return named && all_digits(number.trim());
    }
    if let Some((key, number)) = t.rsplit_once('-') {
        let mut chars = key.chars();
        return all_digits(number)
            && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    }
    false
}

/// Phrases that start a placeholder ("none yet", "will file", "to be created").
const PLACEHOLDER_STARTS: &[&str] = &[
    "none ", "tbd ", "tba ", "pending ", "not yet", "will ", "to be ",
];

fn is_placeholder(s: &str) -> bool {
    let starts = |p: &str| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    PLACEHOLDERS.iter().any(|p| s.eq_ignore_ascii_case(p))
        || PLACEHOLDER_STARTS.iter().any(|p| starts(p))
}

/// The kind of page a web link points at, when it is a document rather than a ticket.
fn document_kind(link: &str) -> Option<&'static str> {
    let rest = link.split_once("://").map_or(link, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let path = path.to_ascii_lowercase();
    let on = |h: &str| {
        host.strip_suffix(h)
            .is_some_and(|sub| sub.is_empty() || sub.ends_with('.'))
    };
    if on("slack.com") {
        return Some("a chat thread");
    }
    if DOCUMENT_HOSTS.iter().any(|h| on(h)) {
        return Some("a document");
    }
    let wiki_host =
        host.starts_with("wiki.") || host.starts_with("confluence.") || host.contains(".wiki.");
    let wiki_path = path.starts_with("wiki/")
        || path.contains("/wiki/")
        || path.ends_with("/wiki")
        || path.starts_with("display/")
        || path.starts_with("confluence/");
    (wiki_host || wiki_path).then_some("a wiki page")
}

/// Schemes that make a text a link (and never a safe one).
const OTHER_SCHEMES: &[&str] = &[
    "javascript",
    "data",
    "vbscript",
    "file",
    "mailto",
    "ftp",
    "about",
    "blob",
    "tel",
    "sms",
    "ssh",
    "git",
    "chrome",
    "ws",
    "wss",
];

/// A link with a scheme other than http(s): `javascript:`, `data:`, `ftp://`. Whitespace and
/// control characters inside the scheme are ignored, as browsers do (`java\tscript:`).
fn other_scheme(s: &str) -> bool {
    if s.contains("://") {
        return safe_link(s).is_none();
    }
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    let scheme: String = scheme
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    OTHER_SCHEMES.iter().any(|o| scheme.eq_ignore_ascii_case(o))
}

fn read(field: &str) -> Reading<'_> {
    let s = field.trim();
    if s.is_empty() {
        return Reading::Empty;
    }
    // A key never holds ':' ("javascript:x#1" is a link, not a key).
    if !s.contains(':') && looks_like_ticket(s) {
        return Reading::Key(s);
    }
    if is_placeholder(s) {
        return Reading::Placeholder(s);
    }
    if safe_link(s).is_some() {
        let link = s.trim();
        return match document_kind(link) {
            Some(kind) => Reading::Document(link, kind),
            None => Reading::Link(link),
        };
    }
    // "Jira OPS-4415", "OPS-4416, OPS-4417": the key among other words.
    if !s.contains(':')
        && s.split([' ', ',', ';'])
            .any(|part| !part.is_empty() && looks_like_ticket(part))
    {
        return Reading::Key(s);
    }
    if other_scheme(s) {
        return Reading::BadScheme(s);
    }
    let hostish = !s.contains(char::is_whitespace)
        && s.contains('/')
        && s.split('/').next().is_some_and(|h| h.contains('.'));
    if hostish {
        return Reading::SchemeLess(s);
    }
    Reading::Text(s)
}

/// The tracker element (§5.4).
pub fn check_tracker(ticket: &str, url: &str) -> Check {
    tracker_check(&String::new, ticket, url)
}

/// The tracker element, with advice naming the item (`title`).
pub(super) fn tracker_check(title: &dyn Fn() -> String, ticket: &str, url: &str) -> Check {
    let (t, u) = (read(ticket), read(url));
    // The worst of a bad link, else the best home found.
    let reading = if matches!(t, Reading::BadScheme(_)) {
        t
    } else if matches!(u, Reading::BadScheme(_)) {
        u
    } else {
        t.max(u)
    };
    match reading {
        Reading::Key(key) => Check::pass(format!("Tracked as {key}.")),
        Reading::Link(link) => Check::pass(format!("Tracked at {link}.")),
        Reading::BadScheme(bad) => Check::fail(
            format!(
                "“{}” is not a web link: only http and https links are made clickable. Paste the \
                 ticket's web address, or its key.",
                clip(bad)
            ),
            Some(advice::tracker(&title(), ticket, url, "paste the ticket's https:// address or its key")),
        ),
        Reading::Document(link, kind) => Check::warn(
            format!(
                "This links {kind}: a document is not a tracker, link the ticket (keep {} in the \
                 description).",
                clip(link)
            ),
            Some(advice::tracker(&title(), ticket, url, "link the ticket instead")),
        ),
        Reading::SchemeLess(link) => Check::warn(
            format!("“{}” has no https:// in front, so it cannot be opened: add it.", clip(link)),
            Some(format!("https://{link}")),
        ),
        Reading::Text(text) => Check::warn(
            format!("“{}” doesn't look like a ticket: use the tracker's key, like ABC-123 or #123, or its link.", clip(text)),
            Some(advice::tracker(&title(), ticket, url, "replace it with the ticket's key")),
        ),
        Reading::Placeholder(p) => Check::fail(
            format!("“{p}” is a placeholder, not a ticket: open the ticket now and put its key here."),
            Some(advice::tracker(&title(), ticket, url, "open it now")),
        ),
        Reading::Empty => Check::fail(
            "Give it a home in the tracker your team opens every day: a ticket key or link. A line \
             in a document gets forgotten.",
            Some(advice::tracker(&title(), ticket, url, "open it now")),
        ),
    }
}

/// A field's text cut for a message.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}
