//! Exports of chosen items for trackers and documents: Jira CSV, Linear CSV, Asana CSV, GitHub
//! issues (REST JSON and a `gh` script) and the post-mortem's Markdown action table.
//!
//! Every item carries the labels [`EXPORT_LABEL`] and its post-mortem's id, and a description
//! that names the item and its post-mortem and links back to it (DOMAIN.md §10).
//!
//! - **Labels** ([`labels`]): `incident-action`, the post-mortem id, the item's category, then
//!   its tags; whitespace, control characters and commas in a label become `-` (trackers split
//!   labels on them), blank ones are dropped, repeats removed.
//! - **Link back** ([`postmortem_link`]): with an [`ExportSet::link_base`] (the app's address,
//!   e.g. `https://host/tools/followthrough/`), `…/#/pm/<id>`; the post-mortem document's
//!   `doc_url` is linked too. Only `http`/`https` addresses are ever written as links
//!   ([`crate::validator::safe_link`]); anything else is left out.
//! - **CSV** (RFC 4180: CRLF, fields quoted as needed): a cell starting with `=`, `+`, `-`, `@`,
//!   tab or carriage return gets a leading `'` ([`defuse_cell`]) so a spreadsheet never runs
//!   it as a formula. Other text, NUL included, is written as it is.
//! - **GitHub**: owners are people's names, not logins, so `assignees` is never set (an unknown
//!   login makes the API refuse the issue); the owner is in the body.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;

use crate::followup::escape_markdown;
use crate::model::{ActionItem, PostMortem, Priority, Workspace};
use crate::validator::safe_link;

/// The label every exported item carries.
pub const EXPORT_LABEL: &str = "incident-action";

/// One item, by its post-mortem's id and its own.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ItemKey {
    pub postmortem_id: String,
    pub item_id: String,
}

/// The items to export, in order, and where the app lives (for links back to post-mortems).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSet {
    pub items: Vec<ItemKey>,
    /// The app's address, e.g. `https://host/tools/followthrough/` (anything after `#` is
    /// dropped). `None`, or an address that is not `http`/`https`, gives no app link.
    pub link_base: Option<String>,
}

impl ExportSet {
    pub fn new(link_base: Option<&str>) -> ExportSet {
        ExportSet {
            items: Vec::new(),
            link_base: link_base.map(str::to_string),
        }
    }

    /// Every item of a post-mortem, in its order.
    pub fn of_postmortem(pm: &PostMortem, link_base: Option<&str>) -> ExportSet {
        let mut set = ExportSet::new(link_base);
        for item in &pm.action_items {
            set.push(&pm.id, &item.id);
        }
        set
    }

    pub fn push(&mut self, postmortem_id: &str, item_id: &str) {
        self.items.push(ItemKey {
            postmortem_id: postmortem_id.to_string(),
            item_id: item_id.to_string(),
        });
    }

    fn link_base(&self) -> Option<&str> {
        self.link_base.as_deref()
    }
}

/// The set's items found in the workspace, in the set's order; unknown keys are skipped and a
/// key given twice is exported once.
pub fn resolve<'a>(
    workspace: &'a Workspace,
    set: &ExportSet,
) -> Vec<(&'a PostMortem, &'a ActionItem)> {
    let mut seen = HashSet::new();
    set.items
        .iter()
        .filter(|key| seen.insert(*key))
        .filter_map(|key| {
            let pm = workspace.postmortem(&key.postmortem_id)?;
            let item = pm.action_items.iter().find(|i| i.id == key.item_id)?;
            Some((pm, item))
        })
        .collect()
}

/// The app's link to a post-mortem: `link_base` without its fragment, then `#/pm/<id>` (the
/// id percent-encoded like JavaScript's `encodeURIComponent`). `None` unless `link_base` is a
/// safe `http`/`https` address.
pub fn postmortem_link(link_base: &str, postmortem_id: &str) -> Option<String> {
    let base = safe_link(link_base)?;
    let base = base.split('#').next().unwrap_or_default();
    let mut link = format!("{base}#/pm/");
    for byte in postmortem_id.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            link.push(char::from(byte));
        } else {
            link.push_str(&format!("%{byte:02X}"));
        }
    }
    Some(link)
}

fn label(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() || c == ',' {
                '-'
            } else {
                c
            }
        })
        .collect()
}

/// The item's labels: `incident-action`, the post-mortem id, the category, then the item's
/// tags (see the module docs for how they are cleaned).
pub fn labels(pm: &PostMortem, item: &ActionItem) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let candidates = [EXPORT_LABEL, pm.id.as_str()]
        .into_iter()
        .chain(item.category.map(|c| c.as_str()))
        .chain(item.tags.iter().map(String::as_str));
    for candidate in candidates {
        let cleaned = label(candidate);
        if !cleaned.is_empty() && !out.contains(&cleaned) {
            out.push(cleaned);
        }
    }
    out
}

/// The item's description for a tracker: its own description, then lines naming the item and
/// its post-mortem, links back to the post-mortem (app and document, when safe), owner,
/// priority and due date. Plain text that reads well as Markdown too.
pub fn item_description(pm: &PostMortem, item: &ActionItem, link_base: Option<&str>) -> String {
    let mut out = String::new();
    let own = item.description.trim_end();
    if !own.is_empty() {
        out.push_str(own);
        out.push_str("\n\n");
    }
    out.push_str(&format!(
        "Action item {} from post-mortem {}",
        item.id, pm.id
    ));
    if !pm.title.is_empty() {
        out.push_str(&format!(": {}", pm.title));
    }
    let incident = [pm.incident_ref.trim(), pm.severity.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    out.push_str(&format!(" ({incident})\n"));
    if let Some(link) = link_base.and_then(|base| postmortem_link(base, &pm.id)) {
        out.push_str(&format!("Post-mortem: {link}\n"));
    }
    if let Some(doc) = safe_link(&pm.doc_url) {
        out.push_str(&format!("Post-mortem document: {doc}\n"));
    }
    match (item.owner.trim(), item.team.trim()) {
        ("", "") => {}
        (owner, "") => out.push_str(&format!("Owner: {owner}\n")),
        ("", team) => out.push_str(&format!("Team: {team}\n")),
        (owner, team) => out.push_str(&format!("Owner: {owner} ({team})\n")),
    }
    out.push_str(&format!(
        "Priority: {} ({}), impact {}, effort {}",
        item.priority,
        item.priority.meaning(),
        item.impact,
        item.effort
    ));
    if let Some(category) = item.category {
        out.push_str(&format!(", {}", category.as_str()));
    }
    out.push('\n');
    if let Some(due) = item.due_date {
        out.push_str(&format!("Due: {due}\n"));
    }
    out
}

/// Jira's priority names: P0 Highest, P1 High, P2 Medium, P3 Low.
pub fn jira_priority(priority: Priority) -> &'static str {
    match priority {
        Priority::P0 => "Highest",
        Priority::P1 => "High",
        Priority::P2 => "Medium",
        Priority::P3 => "Low",
    }
}

/// Linear's priority names: P0 Urgent, P1 High, P2 Medium, P3 Low.
pub fn linear_priority(priority: Priority) -> &'static str {
    match priority {
        Priority::P0 => "Urgent",
        Priority::P1 => "High",
        Priority::P2 => "Medium",
        Priority::P3 => "Low",
    }
}

/// GitHub issues as a JSON array of request bodies for `POST /repos/{owner}/{repo}/issues`:
/// `[{"title", "body", "labels"}]`, pretty-printed. No `assignees` (see the module docs).
pub fn export_github_json(workspace: &Workspace, set: &ExportSet) -> String {
    let issues: Vec<serde_json::Value> = resolve(workspace, set)
        .into_iter()
        .map(|(pm, item)| {
            serde_json::json!({
                "title": item.title,
                "body": item_description(pm, item, set.link_base()),
                "labels": labels(pm, item),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

/// Text as a single-quoted POSIX shell word: nothing inside is expanded, `'` becomes `'\''`.
/// A shell argument cannot hold NUL, so it and every other control character but tab and line
/// feed are removed (CRLF and lone CR become LF first); nothing else is changed.
pub fn shell_quote(text: &str) -> String {
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(normalised.len() + 2);
    out.push('\'');
    for c in normalised.chars() {
        match c {
            '\'' => out.push_str("'\\''"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A POSIX `sh` script that creates one GitHub issue per item with the `gh` CLI: first it
/// creates the labels that are missing (`gh label create … || true`), then one
/// `gh issue create --title=… --body=… --label=…` per item. Every value is one single-quoted
/// word ([`shell_quote`]) attached to its option, so nothing in the data is ever run or read
/// as an option. Run it in a clone of the repository, or with `GH_REPO=owner/name`.
pub fn export_gh_script(workspace: &Workspace, set: &ExportSet) -> String {
    let items = resolve(workspace, set);
    let mut out = String::from(
        "#!/bin/sh\n\
         # GitHub issues for post-mortem action items, written by Followthrough.\n\
         # Run it inside a clone of the repository, or with GH_REPO=owner/name set;\n\
         # it needs the GitHub CLI (gh), logged in.\n\
         set -e\n",
    );
    out.push_str(&format!("# {} issue(s).\n", items.len()));
    let mut all_labels: Vec<String> = Vec::new();
    for (pm, item) in &items {
        for l in labels(pm, item) {
            if !all_labels.contains(&l) {
                all_labels.push(l);
            }
        }
    }
    if !all_labels.is_empty() {
        out.push_str("# Labels (an existing one is left as it is):\n");
    }
    for l in &all_labels {
        out.push_str(&format!(
            "gh label create {} >/dev/null 2>&1 || true\n",
            shell_quote(l)
        ));
    }
    for (pm, item) in &items {
        out.push_str(&format!(
            "gh issue create --title={} --body={}",
            shell_quote(&item.title),
            shell_quote(&item_description(pm, item, set.link_base()))
        ));
        for l in labels(pm, item) {
            out.push_str(&format!(" --label={}", shell_quote(&l)));
        }
        out.push('\n');
    }
    out
}

fn md_cell(text: &str) -> String {
    let escaped = escape_markdown(text);
    if escaped.is_empty() {
        "—".into()
    } else {
        escaped
    }
}

/// A URL inside `[text](<url>)` within a table: characters that would end the link or the
/// cell are percent-encoded.
fn md_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '<' | '>' | '|' | '\\' | '`' | '(' | ')' | '[' | ']' | ' ' => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn ticket_cell(item: &ActionItem) -> String {
    let ticket = item.tracking_ticket.trim();
    match (ticket, safe_link(&item.tracking_url)) {
        ("", None) => "—".into(),
        ("", Some(url)) => format!("[link](<{}>)", md_url(&url)),
        (ticket, None) => md_cell(ticket),
        (ticket, Some(url)) => format!("[{}](<{}>)", md_cell(ticket), md_url(&url)),
    }
}

/// The post-mortem document's action table, one row per item:
/// `| ID | Action | Owner | Priority | Category | Due | Ticket | Status |`. Text is escaped
/// (pipes, newlines, markup); a ticket links to its `tracking_url` only when that is
/// `http`/`https`.
pub fn export_markdown_table(workspace: &Workspace, set: &ExportSet) -> String {
    let mut out = String::from(
        "| ID | Action | Owner | Priority | Category | Due | Ticket | Status |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for (_, item) in resolve(workspace, set) {
        let status = match (item.status.is_open(), item.resolution) {
            (false, Some(resolution)) => {
                format!("{} ({})", item.status.label(), resolution.label())
            }
            _ => item.status.label().to_string(),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
            md_cell(&item.id),
            md_cell(&item.title),
            md_cell(&item.owner),
            item.priority,
            item.category.map(|c| c.as_str()).unwrap_or("—"),
            item.due_date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".into()),
            ticket_cell(item),
            md_cell(&status),
        ));
    }
    out
}

/// A Trello-ready checklist: one Markdown checkbox line per item, as Trello's checklist box
/// takes a pasted list (one checklist item per line). Done items are ticked; each line says
/// the owner, the due date and the ticket, on one line whatever the title holds.
pub fn export_trello_checklist(workspace: &Workspace, set: &ExportSet) -> String {
    let one_line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::new();
    for (_, item) in resolve(workspace, set) {
        let tick = if item.status.is_open() { ' ' } else { 'x' };
        let mut about = vec![one_line(&item.owner)];
        about.extend(item.due_date.map(|d| format!("due {d}")));
        about.push(one_line(&item.tracking_ticket));
        about.retain(|s| !s.is_empty());
        let about = if about.is_empty() {
            String::new()
        } else {
            format!(" — {}", about.join(", "))
        };
        out.push_str(&format!(
            "- [{tick}] {} {}{about}\n",
            item.id,
            one_line(&item.title)
        ));
    }
    out
}

mod csv_export;
#[cfg(test)]
mod tests;

pub use csv_export::{defuse_cell, export_asana_csv, export_jira_csv, export_linear_csv};
