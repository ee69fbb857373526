//! Jira issues as a REST search result (`GET /rest/api/2/search` or `/rest/api/3/search/jql`):
//! `{"issues": [{"key", "self", "fields": {summary, description, status{name, statusCategory{key}},
//! resolution{name}, assignee{displayName, emailAddress}, duedate, priority{name}, created}}]}`.
//! Version 2 writes the description as plain text (wiki markup), version 3 as an Atlassian
//! Document (ADF), turned into plain text here. Also the status mapping shared with the CSV.

use serde_json::Value;

use crate::exchange::ImportError;

use super::walk::At;
use super::{SourceFile, SourceFormat, SourceItem, SourcePerson, SourceState};

pub(super) fn read(root: &At) -> Result<SourceFile, ImportError> {
    let mut items = Vec::new();
    let mut v3 = None;
    for issue in root.field("issues")?.items()? {
        issue.object()?;
        let key = issue.field("key")?.required()?;
        let fields = issue.field("fields")?;
        fields.object()?;
        let status = fields.field("status")?;
        let status_name = status.field("name")?.text_or_empty()?;
        let category = status.field("statusCategory")?.field("key")?.text()?;
        let resolution = fields.field("resolution")?.field("name")?.text_or_empty()?;
        let description = fields.field("description")?;
        let self_link = issue.field("self")?.text_or_empty()?;
        if v3.is_none() {
            v3 = if self_link.contains("/rest/api/3/") {
                Some(true)
            } else if self_link.contains("/rest/api/2/") {
                Some(false)
            } else {
                None
            };
        }
        let description = match description.value {
            Value::Object(_) => {
                v3.get_or_insert(true);
                adf_text(description.value)
            }
            _ => description.text_or_empty()?,
        };
        let assignee = fields.field("assignee")?;
        let person = SourcePerson {
            name: assignee.field("displayName")?.text_or_empty()?,
            email: assignee.field("emailAddress")?.text_or_empty()?,
            login: String::new(),
        };
        items.push(SourceItem {
            place: issue.path.clone(),
            title: fields.field("summary")?.required()?,
            description,
            state: state(&status_name, category.as_deref(), &resolution),
            status: status_name,
            assignees: (!person.is_empty()).then_some(person).into_iter().collect(),
            due_date: fields.field("duedate")?.date()?,
            url: browse_link(&self_link, &key),
            ticket: key,
            priority: fields.field("priority")?.field("name")?.text_or_empty()?,
            incident: None,
            created_at: fields.field("created")?.instant()?,
        });
    }
    Ok(SourceFile {
        format: if v3 == Some(true) {
            SourceFormat::JiraV3
        } else {
            SourceFormat::JiraV2
        },
        items,
        left_out: Vec::new(),
    })
}

/// `https://site/browse/KEY` from the issue's API address `https://site/rest/api/N/issue/ID`.
fn browse_link(self_link: &str, key: &str) -> String {
    match self_link.split_once("/rest/api/") {
        Some((site, _)) if site.starts_with("https://") || site.starts_with("http://") => {
            format!("{site}/browse/{key}")
        }
        _ => String::new(),
    }
}

/// Resolutions that mean the work will not be done.
const NOT_DONE: [&str; 11] = [
    "won't do",
    "won't fix",
    "wont do",
    "wont fix",
    "cancelled",
    "canceled",
    "declined",
    "rejected",
    "duplicate",
    "obsolete",
    "cannot reproduce",
];

/// Jira's status in our terms. The status category (`new`, `indeterminate`, `done`, or its
/// name: To Do, In Progress, Done) decides when the file has it; a done issue whose resolution
/// or status says it will not be done is cancelled. Without a category, the usual status names
/// decide, and any other name is [`SourceState::Unknown`].
pub(super) fn state(status: &str, category: Option<&str>, resolution: &str) -> SourceState {
    let status = status.trim().to_lowercase();
    let resolution = resolution.trim().to_lowercase();
    let cancelled = NOT_DONE.contains(&status.as_str()) || NOT_DONE.contains(&resolution.as_str());
    let category = category.map(|c| c.trim().to_lowercase());
    let by_category = match category.as_deref() {
        Some("new" | "to do") => Some(SourceState::NotStarted),
        Some("indeterminate" | "in progress") => Some(SourceState::Started),
        Some("done") => Some(SourceState::Done),
        _ => None,
    };
    let state = by_category.unwrap_or_else(|| match status.as_str() {
        "to do" | "todo" | "open" | "backlog" | "new" | "reopened" | "selected for development" => {
            SourceState::NotStarted
        }
        "in progress" | "in review" | "in development" | "in testing" | "review" | "doing" => {
            SourceState::Started
        }
        "done" | "closed" | "resolved" | "complete" | "completed" | "fixed" => SourceState::Done,
        _ if cancelled => SourceState::Cancelled,
        // A resolution is set only when Jira considers the work finished.
        _ if !resolution.is_empty() && resolution != "unresolved" => SourceState::Done,
        _ => SourceState::Unknown,
    });
    if state == SourceState::Done && cancelled {
        SourceState::Cancelled
    } else {
        state
    }
}

/// The text of an Atlassian Document: paragraphs and headings on their own lines, list items
/// as `- `, mentions, emoji and links as their text. Unknown nodes give their children's text.
fn adf_text(doc: &Value) -> String {
    let mut out = String::new();
    adf_node(doc, &mut out);
    out.trim().to_string()
}

fn adf_node(node: &Value, out: &mut String) {
    let kind = node.get("type").and_then(Value::as_str).unwrap_or("");
    let attr = |name: &str| {
        node.get("attrs")
            .and_then(|a| a.get(name))
            .and_then(Value::as_str)
    };
    match kind {
        "text" => out.push_str(node.get("text").and_then(Value::as_str).unwrap_or("")),
        "hardBreak" => out.push('\n'),
        "rule" => out.push_str("\n---\n"),
        "mention" | "emoji" | "status" => {
            out.push_str(attr("text").or(attr("shortName")).unwrap_or(""))
        }
        "inlineCard" | "blockCard" | "embedCard" => out.push_str(attr("url").unwrap_or("")),
        "listItem" => {
            out.push_str("- ");
            children(node, out);
            end_line(out);
        }
        "paragraph" | "heading" | "codeBlock" | "blockquote" | "panel" | "tableRow" => {
            children(node, out);
            end_line(out);
        }
        "tableCell" | "tableHeader" => {
            children(node, out);
            while out.ends_with('\n') {
                out.pop();
            }
            out.push_str(" | ");
        }
        _ => children(node, out),
    }
}

fn children(node: &Value, out: &mut String) {
    if let Some(content) = node.get("content").and_then(Value::as_array) {
        for child in content {
            adf_node(child, out);
        }
    }
}

fn end_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn statuses_by_category_then_by_name() {
        use SourceState as S;
        assert_eq!(state("Code review", Some("indeterminate"), ""), S::Started);
        assert_eq!(state("Shipped", Some("done"), "Done"), S::Done);
        assert_eq!(state("Closed", Some("done"), "Won't Do"), S::Cancelled);
        assert_eq!(state("Won't Do", Some("done"), ""), S::Cancelled);
        assert_eq!(state("Backlog", Some("new"), ""), S::NotStarted);
        assert_eq!(state("In Review", None, ""), S::Started);
        assert_eq!(state("Resolved", None, "Duplicate"), S::Cancelled);
        assert_eq!(state("Waiting for QA", None, ""), S::Unknown);
        assert_eq!(state("Shipped", None, "Fixed"), S::Done);
        assert_eq!(state("Declined", None, ""), S::Cancelled);
    }

    #[test]
    fn a_document_becomes_plain_text() {
        let doc = json!({"type": "doc", "version": 1, "content": [
            {"type": "heading", "content": [{"type": "text", "text": "Why"}]},
            {"type": "paragraph", "content": [
                {"type": "text", "text": "Retry storm on "},
                {"type": "mention", "attrs": {"text": "@Ana"}},
                {"type": "hardBreak"},
                {"type": "inlineCard", "attrs": {"url": "https://x.example/1"}}
            ]},
            {"type": "bulletList", "content": [
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "cap retries"}]}]},
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "add jitter"}]}]}
            ]}
        ]});
        assert_eq!(
            adf_text(&doc),
            "Why\nRetry storm on @Ana\nhttps://x.example/1\n- cap retries\n- add jitter"
        );
    }

    #[test]
    fn browse_links_come_from_the_api_address() {
        assert_eq!(
            browse_link("https://acme.atlassian.net/rest/api/3/issue/10001", "PAY-1"),
            "https://acme.atlassian.net/browse/PAY-1"
        );
        assert_eq!(browse_link("javascript:/rest/api/3/x", "PAY-1"), "");
        assert_eq!(browse_link("", "PAY-1"), "");
    }
}
