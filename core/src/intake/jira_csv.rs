//! Jira's CSV export (Filters → Export → CSV, all or current fields): one row per issue under
//! headers such as `Summary`, `Issue key`, `Status`, `Status Category`, `Resolution`,
//! `Priority`, `Assignee`, `Created`, `Due Date` (or `Due date`), one `Labels` column per
//! label, `Description`. Dates are written in the exporting user's format; `d/MMM/yy h:mm a`
//! (Jira's default) and ISO dates are read.

use crate::exchange::ImportError;

use super::csv_table::Table;
use super::walk::instant;
use super::{jira, SourceFile, SourceFormat, SourceItem};

const EXPORT: &str = "Jira CSV export";
/// What a due date should look like, for messages.
const DATES: &str = "15/Dec/26 or 2026-12-15 (export with Jira's default date format)";

pub(super) fn read(table: &Table) -> Result<SourceFile, ImportError> {
    let key = table.require("Issue key", EXPORT)?;
    let summary = table.require("Summary", EXPORT)?;
    let status = table.require("Status", EXPORT)?;
    let category = table.column("Status Category");
    let resolution = table.column("Resolution");
    let priority = table.column("Priority");
    let assignee = table.column("Assignee");
    let due = table.column("Due Date");
    let description = table.column("Description");
    let created = table.column("Created");
    let mut items = Vec::new();
    for row in table.rows() {
        let cell = |column: usize| row.get(Some(column));
        let status_name = table.required(row, status)?;
        items.push(SourceItem {
            place: row.place(),
            title: table.required(row, summary)?,
            description: row.get(description).to_string(),
            state: jira::state(
                &status_name,
                category.map(cell).filter(|c| !c.is_empty()),
                row.get(resolution),
            ),
            status: status_name,
            assignees: table.person(row, assignee),
            due_date: table.date(row, due, DATES)?,
            ticket: table.required(row, key)?,
            url: String::new(),
            priority: row.get(priority).to_string(),
            incident: None,
            // The creation time is only a hint for new items; a localised date is not refused.
            created_at: instant(row.get(created)),
        });
    }
    Ok(SourceFile {
        format: SourceFormat::JiraCsv,
        items,
        left_out: Vec::new(),
    })
}
