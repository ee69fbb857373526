//! Linear's CSV export (Settings → Import/export → Export CSV): one row per issue under `ID`,
//! `Team`, `Title`, `Description`, `Status`, `Estimate`, `Priority`, `Project ID`, `Project`,
//! `Creator`, `Assignee`, `Labels`, …, `Created`, `Updated`, `Started`, `Triaged`,
//! `Completed`, `Canceled`, `Archived`, `Due Date`, …. Teams name their workflow states, so
//! the `Completed`, `Canceled` and `Started` timestamps decide the state before the name does.

use crate::exchange::ImportError;

use super::csv_table::Table;
use super::walk::{instant, invalid};
use super::{SourceFile, SourceFormat, SourceItem, SourceState};

const EXPORT: &str = "Linear CSV export";

pub(super) fn read(table: &Table) -> Result<SourceFile, ImportError> {
    let id = table.require("ID", EXPORT)?;
    let title = table.require("Title", EXPORT)?;
    let status = table.require("Status", EXPORT)?;
    let [description, priority, assignee, created, started, completed, canceled, due] = [
        "Description",
        "Priority",
        "Assignee",
        "Created",
        "Started",
        "Completed",
        "Canceled",
        "Due Date",
    ]
    .map(|name| table.column(name));
    let mut items = Vec::new();
    for row in table.rows() {
        let dated = |column: Option<usize>| -> Result<bool, ImportError> {
            let text = row.get(column);
            match (column, text) {
                (_, "") => Ok(false),
                (Some(c), t) if instant(t).is_none() => Err(invalid(
                    &table.place(row, c),
                    format!("expected a date and time like 2026-05-12T10:00:00.000Z, found {t:?}"),
                )),
                _ => Ok(true),
            }
        };
        let status_name = table.required(row, status)?;
        let state = if dated(canceled)? {
            SourceState::Cancelled
        } else if dated(completed)? {
            SourceState::Done
        } else if dated(started)? {
            SourceState::Started
        } else {
            by_name(&status_name)
        };
        let priority = match row.get(priority) {
            p if p.eq_ignore_ascii_case("no priority") => "",
            p => p,
        };
        dated(created)?;
        items.push(SourceItem {
            place: row.place(),
            title: table.required(row, title)?,
            description: row.get(description).to_string(),
            state,
            status: status_name,
            assignees: table.person(row, assignee),
            due_date: table.date(row, due, "2026-12-15")?,
            ticket: table.required(row, id)?,
            url: String::new(),
            priority: priority.to_string(),
            incident: None,
            created_at: instant(row.get(created)),
        });
    }
    Ok(SourceFile {
        format: SourceFormat::LinearCsv,
        items,
        left_out: Vec::new(),
    })
}

/// Linear's default workflow state names.
fn by_name(status: &str) -> SourceState {
    match status.trim().to_lowercase().as_str() {
        "backlog" | "todo" | "triage" | "unstarted" => SourceState::NotStarted,
        "in progress" | "in review" | "started" => SourceState::Started,
        "done" | "completed" => SourceState::Done,
        "canceled" | "cancelled" | "duplicate" => SourceState::Cancelled,
        _ => SourceState::Unknown,
    }
}
