//! Intake: the round trip with the tools teams already use, through files they export (no API
//! calls, no tokens). Follow-ups come in from incident tools and trackers as new action items,
//! and tracker statuses come back as proposed changes to the items they track.
//!
//! # Reading a file
//!
//! [`read_any`] tells this app's own JSON (see [`crate::exchange`]) from another tool's file by
//! its content, never by its name, and [`read_source`] reads another tool's file into a
//! [`SourceFile`]: its [`SourceFormat`] (for the preview to name) and one [`SourceItem`] per
//! follow-up or ticket. The formats, and how each field maps, are in the README ("Follow-ups in,
//! statuses back"):
//!
//! | format | told apart by |
//! |---|---|
//! | incident.io follow-ups (API v2) | an object with `follow_ups` |
//! | Rootly action items (JSON:API) | an object with `data` whose entries are `incident_action_items` |
//! | Netflix Dispatch tasks | an object with `items` |
//! | Jira search result (REST v2 / v3) | an object with `issues`; v3 when `self` says `/rest/api/3/` or a description is a document |
//! | GitHub issues (`gh issue list --json …`) | an array of objects |
//! | Jira CSV export | a header with `Issue key` |
//! | Linear CSV export | a header with `ID` and `Title` |
//!
//! As for this app's own files (DOMAIN.md §10), nothing is returned unless the whole file has
//! been read and checked, and a bad file gets an [`ImportError`] naming the place, e.g.
//! `follow_ups[2].status: expected outstanding, completed, not_doing or deleted, found "open"`
//! or `line 4, column “Due Date”: …`. Files over [`crate::exchange::MAX_IMPORT_BYTES`] and JSON
//! nested deeper than [`crate::exchange::MAX_NESTING`] are refused before they are parsed.
//!
//! # What the file is used for
//!
//! - [`reconcile`] matches the file's tickets with the workspace's items (by ticket key or URL)
//!   and proposes changes: status, owner, due date. [`apply_changes`] applies the chosen ones.
//! - [`plan_new_items`] turns chosen source items (the tickets not known here, or every item
//!   of an incident tool's file) into new items of a chosen post-mortem, or of one new
//!   post-mortem per source incident; [`add_new_items`] adds them.
//!
//! Both are pure: the workspace passed in is never changed, so the caller keeps it for undo.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::exchange::{self, check_nesting, check_size, syntax_error, ImportError, Incoming};

mod bring;
mod csv_table;
pub(crate) use csv_table::records_split_by;
mod dispatch;
mod github;
mod incident_io;
mod jira;
mod jira_csv;
mod linear;
mod paste;
mod reconcile;
mod rootly;
mod tickets;
mod walk;

pub use bring::{
    add_new_items, plan_new_items, AlreadyHere, NewItems, Target, TargetError, MAX_TITLE_CHARS,
};
pub use paste::read_pasted;
pub use reconcile::{
    apply_changes, reconcile, Applied, Change, Field, Proposal, Reconciliation, Refused, TicketRef,
    Unmoved,
};

/// The tools whose exports are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    IncidentIo,
    Rootly,
    Dispatch,
    JiraV2,
    JiraV3,
    JiraCsv,
    GithubIssues,
    LinearCsv,
    /// An action list pasted from the post-mortem document ([`read_pasted`]).
    Pasted,
}

impl SourceFormat {
    /// What the preview calls the file.
    pub fn label(self) -> &'static str {
        match self {
            SourceFormat::IncidentIo => "incident.io follow-ups (API v2)",
            SourceFormat::Rootly => "Rootly action items (JSON:API)",
            SourceFormat::Dispatch => "Netflix Dispatch tasks",
            SourceFormat::JiraV2 => "Jira search result (REST API v2)",
            SourceFormat::JiraV3 => "Jira search result (REST API v3)",
            SourceFormat::JiraCsv => "Jira CSV export",
            SourceFormat::GithubIssues => "GitHub issues (gh issue list --json)",
            SourceFormat::LinearCsv => "Linear CSV export",
            SourceFormat::Pasted => "Pasted list",
        }
    }

    /// The tool's name, as history notes say it ("changed in Jira PAY-1234").
    pub fn tool(self) -> &'static str {
        match self {
            SourceFormat::IncidentIo => "incident.io",
            SourceFormat::Rootly => "Rootly",
            SourceFormat::Dispatch => "Dispatch",
            SourceFormat::JiraV2 | SourceFormat::JiraV3 | SourceFormat::JiraCsv => "Jira",
            SourceFormat::GithubIssues => "GitHub",
            SourceFormat::LinearCsv => "Linear",
            SourceFormat::Pasted => "the post-mortem document",
        }
    }

    /// Whether the file is a tracker's (its items are tickets, each held once), rather than an
    /// incident tool's list of follow-ups.
    pub fn is_tracker(self) -> bool {
        !matches!(
            self,
            SourceFormat::IncidentIo
                | SourceFormat::Rootly
                | SourceFormat::Dispatch
                | SourceFormat::Pasted
        )
    }
}

/// Where a follow-up or ticket is in its tool's workflow, in our terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceState {
    NotStarted,
    Started,
    Done,
    Cancelled,
    /// A status name the tool lets teams choose, that says none of the above.
    Unknown,
}

/// A person as a tool writes them; any part may be empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SourcePerson {
    pub name: String,
    pub email: String,
    /// A handle (GitHub login).
    pub login: String,
}

impl SourcePerson {
    /// How the person is written as an owner: the name, else the e-mail address, else the login.
    pub fn display(&self) -> &str {
        [&self.name, &self.email, &self.login]
            .into_iter()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
            .unwrap_or("")
    }

    fn is_empty(&self) -> bool {
        self.display().is_empty()
    }
}

/// The incident a follow-up came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SourceIncident {
    /// What identifies it in the tool: becomes the post-mortem's `incident_ref`.
    pub key: String,
    /// Its title, when the file gives one.
    pub name: String,
}

/// One follow-up or ticket, read and checked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceItem {
    /// Where it is in the file, e.g. `follow_ups[3]` or `line 5`.
    pub place: String,
    pub title: String,
    pub description: String,
    pub state: SourceState,
    /// The status as the tool wrote it (shown in notes and the preview).
    pub status: String,
    /// In the tool's order; the first becomes the owner of a new item.
    pub assignees: Vec<SourcePerson>,
    pub due_date: Option<NaiveDate>,
    /// The ticket's key (`PAY-1234`, `owner/repo#45`, `ENG-12`), when there is one.
    pub ticket: String,
    pub url: String,
    /// The tool's own priority name, kept as the tag `source-priority:<name>`.
    pub priority: String,
    pub incident: Option<SourceIncident>,
    pub created_at: Option<DateTime<Utc>>,
}

impl SourceItem {
    /// How the ticket is named in notes: its key, else its URL (empty when it has neither).
    pub fn reference(&self) -> &str {
        if self.ticket.is_empty() {
            &self.url
        } else {
            &self.ticket
        }
    }

    /// The history note of a status taken from the tool, e.g. `status “Done” in Jira PAY-101`.
    pub fn status_note(&self, format: SourceFormat) -> String {
        let note = format!("status “{}” in {}", self.status, format.tool());
        match self.reference() {
            "" => note,
            reference => format!("{note} {reference}"),
        }
    }
}

/// Another tool's file, read and checked in full.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceFile {
    pub format: SourceFormat,
    pub items: Vec<SourceItem>,
    /// Entries read but left out, each with its place and why (e.g. deleted follow-ups).
    pub left_out: Vec<String>,
}

/// A file for the Import button: this app's own document, or another tool's export.
#[derive(Clone, Debug, PartialEq)]
pub enum Reading {
    /// Boxed: the workspace's settings make it far larger than a source file's header.
    Exchange(Box<Incoming>),
    Source(SourceFile),
}

/// Reads any file the Import button accepts: this app's JSON goes to
/// [`exchange::read_import`], anything else to [`read_source`].
pub fn read_any(text: &str) -> Result<Reading, ImportError> {
    if is_exchange_document(text) {
        exchange::read_import(text).map(|incoming| Reading::Exchange(Box::new(incoming)))
    } else {
        read_source(text).map(Reading::Source)
    }
}

/// Reads another tool's export, telling the format from the content.
pub fn read_source(text: &str) -> Result<SourceFile, ImportError> {
    check_size(u64::try_from(text.len()).unwrap_or(u64::MAX))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(ImportError::Empty);
    }
    let file = if trimmed.starts_with(['{', '[']) {
        check_nesting(text)?;
        let value: Value = serde_json::from_str(text).map_err(syntax_error)?;
        read_json(&value)?
    } else {
        let table = csv_table::Table::read(text)?;
        if table.has("Issue key") {
            jira_csv::read(&table)?
        } else if table.has("ID") && table.has("Title") {
            linear::read(&table)?
        } else {
            return Err(not_recognised());
        }
    };
    if file.format.is_tracker() {
        tickets::check_unique(&file.items)?;
    }
    Ok(file)
}

fn read_json(value: &Value) -> Result<SourceFile, ImportError> {
    let root = walk::At::root(value);
    match value {
        Value::Array(list) if list.is_empty() => Err(ImportError::NotADocument(
            "the file is an empty list: there is nothing to import".into(),
        )),
        Value::Array(_) => github::read(&root),
        Value::Object(map) if map.contains_key("follow_ups") => incident_io::read(&root),
        Value::Object(map) if map.contains_key("issues") => jira::read(&root),
        Value::Object(map) if map.contains_key("data") => rootly::read(&root),
        Value::Object(map) if map.contains_key("items") => dispatch::read(&root),
        _ => Err(not_recognised()),
    }
}

fn not_recognised() -> ImportError {
    ImportError::NotADocument(
        "the file is not one this app reads: expected a Followthrough JSON export, incident.io \
         follow-ups, Rootly action items, Dispatch tasks, a Jira search result or CSV export, \
         `gh issue list --json` output or a Linear CSV export"
            .into(),
    )
}

/// Whether the text is this app's own JSON: an object whose first key is one of the format's
/// top-level keys (exports start with `schema_version`), or an object none of the other tools'
/// keys. Decided on the first key so a large workspace is not parsed twice. Public so that the
/// app can read its own files without loading the other tools' readers (a lazily loaded part).
pub fn is_exchange_document(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
    let Some(rest) = text.strip_prefix('{') else {
        return false;
    };
    let rest = rest.trim_start();
    const OWN_KEYS: [&str; 4] = ["schema_version", "postmortems", "postmortem", "settings"];
    if OWN_KEYS
        .iter()
        .any(|key| rest.starts_with(&format!("\"{key}\"")))
    {
        return true;
    }
    // Any other object: the tools' files are recognised by their keys; one that is neither is
    // left to the exchange reader, whose messages name what a Followthrough file needs.
    match serde_json::from_str::<serde_json::Map<String, Value>>(text) {
        Ok(map) => !["follow_ups", "issues", "data", "items"]
            .iter()
            .any(|key| map.contains_key(*key)),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_apps_files_go_to_the_exchange_reader() {
        assert!(is_exchange_document(
            "\u{feff} {\"schema_version\": 1, \"postmortems\": []}"
        ));
        assert!(is_exchange_document("{\"postmortem\": {\"id\": \"a\"}}"));
        assert!(is_exchange_document("{}"));
        assert!(!is_exchange_document("{\"follow_ups\": []}"));
        assert!(!is_exchange_document("[{\"number\": 1}]"));
        assert!(!is_exchange_document("Issue key,Summary"));
        assert!(matches!(read_any("{}"), Ok(Reading::Exchange(_))));
    }

    #[test]
    fn people_are_written_by_name_then_address_then_login() {
        let p = SourcePerson {
            name: " ".into(),
            email: "ana@example.com".into(),
            login: "ana".into(),
        };
        assert_eq!(p.display(), "ana@example.com");
        assert!(SourcePerson::default().is_empty());
    }
}
