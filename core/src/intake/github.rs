//! GitHub issues as `gh issue list --json number,title,body,state,assignees,labels,url,closedAt`
//! prints them: `[{number, title, body, state: "OPEN" | "CLOSED", assignees[{login, name}],
//! labels[{name}], url, closedAt}]`, and `stateReason` when asked for. GitHub has no "started"
//! state: an open issue labelled `in progress` (or `in-progress`, `wip`, `doing`) is started.
//! A label such as `priority: high`, `priority/high` or `P1` is the source priority.

use crate::exchange::ImportError;

use super::walk::At;
use super::{SourceFile, SourceFormat, SourceItem, SourcePerson, SourceState};

const STARTED_LABELS: [&str; 5] = ["in progress", "in-progress", "wip", "doing", "started"];

pub(super) fn read(root: &At) -> Result<SourceFile, ImportError> {
    let mut items = Vec::new();
    for issue in root.items()? {
        issue.object()?;
        let number_at = issue.field("number")?;
        let number = match number_at.value.as_u64() {
            Some(n) => n,
            None => return Err(number_at.wrong("an issue number", number_at.value)),
        };
        let mut labels = Vec::new();
        for label in issue.field("labels")?.items()? {
            labels.push(label.field("name")?.text_or_empty()?);
        }
        let state_at = issue.field("state")?;
        let state_text = state_at.required()?;
        let reason = issue.field("stateReason")?.text_or_empty()?;
        let state = if state_text.eq_ignore_ascii_case("closed") {
            if reason.eq_ignore_ascii_case("not_planned") {
                SourceState::Cancelled
            } else {
                SourceState::Done
            }
        } else if state_text.eq_ignore_ascii_case("open") {
            if labels
                .iter()
                .any(|l| STARTED_LABELS.contains(&l.to_lowercase().as_str()))
            {
                SourceState::Started
            } else {
                SourceState::NotStarted
            }
        } else {
            return Err(state_at.refuse(format!("expected OPEN or CLOSED, found {state_text:?}")));
        };
        let mut assignees = Vec::new();
        for a in issue.field("assignees")?.items()? {
            let person = SourcePerson {
                name: a.field("name")?.text_or_empty()?,
                email: String::new(),
                login: a.field("login")?.text_or_empty()?,
            };
            if !person.is_empty() {
                assignees.push(person);
            }
        }
        let url = issue.field("url")?.text_or_empty()?;
        items.push(SourceItem {
            place: issue.path.clone(),
            title: issue.field("title")?.required()?,
            description: issue.field("body")?.text_or_empty()?,
            state,
            status: if reason.is_empty() {
                state_text
            } else {
                format!("{state_text} ({reason})")
            },
            assignees,
            due_date: None,
            ticket: ticket(&url, number),
            url,
            priority: labels.iter().find_map(|l| priority(l)).unwrap_or_default(),
            incident: None,
            created_at: None,
        });
    }
    Ok(SourceFile {
        format: SourceFormat::GithubIssues,
        items,
        left_out: Vec::new(),
    })
}

/// `owner/repo#45` from the issue's address, else `#45`.
fn ticket(url: &str, number: u64) -> String {
    let path = url
        .split_once("github.com/")
        .map(|(_, p)| p)
        .unwrap_or_default();
    let mut parts = path.split('/');
    match (parts.next(), parts.next()) {
        (Some(owner), Some(repo)) if !owner.is_empty() && !repo.is_empty() => {
            format!("{owner}/{repo}#{number}")
        }
        _ => format!("#{number}"),
    }
}

/// The priority a label gives: `priority: high`, `priority/high`, `prio-high` → `high`;
/// `P1` → `P1`.
fn priority(label: &str) -> Option<String> {
    let l = label.trim();
    let lower = l.to_lowercase();
    for prefix in ["priority", "prio"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let rest = rest.trim_start_matches([':', '/', '-', ' ', '_']);
            if !rest.is_empty() && rest.len() < lower.len() - prefix.len() {
                return Some(rest.to_string());
            }
        }
    }
    let b = l.as_bytes();
    // Two ASCII bytes: the ASCII form keeps Unicode's upper-case table out of the wasm.
    (b.len() == 2 && (b[0] == b'P' || b[0] == b'p') && b[1].is_ascii_digit())
        .then(|| l.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_labels() {
        assert_eq!(priority("priority: High").as_deref(), Some("high"));
        assert_eq!(priority("priority/low").as_deref(), Some("low"));
        assert_eq!(priority("p1").as_deref(), Some("P1"));
        assert_eq!(priority("priority"), None);
        assert_eq!(priority("prioritised"), None);
        assert_eq!(priority("bug"), None);
    }

    #[test]
    fn tickets_name_the_repository() {
        assert_eq!(
            ticket("https://github.com/acme/web/issues/45", 45),
            "acme/web#45"
        );
        assert_eq!(ticket("", 45), "#45");
    }
}
