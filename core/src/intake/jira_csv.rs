//! Jira's CSV export (Filters → Export → CSV, all or current fields): one row per issue under
//! headers such as `Summary`, `Issue key`, `Status`, `Status Category`, `Resolution`,
//! `Priority`, `Assignee`, `Created`, `Due Date` (or `Due date`), one `Labels` column per
//! label, `Description`. Dates are written in the exporting user's format; `d/MMM/yy h:mm a`
//! (Jira's default) and ISO dates are read.

use crate::exchange::ImportError;

use super::csv_table::Table;
use super::walk::{day, instant, invalid};
use super::{jira, SourceFile, SourceFormat, SourceItem, SourcePerson};

const EXPORT: &str = "Jira CSV export";

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
        let required = |column: usize| match cell(column) {
            "" => Err(invalid(
                &table.place(row, column),
                "is empty; it is needed".into(),
            )),
            text => Ok(text.to_string()),
        };
        let due_date = match (due, due.map(cell)) {
            (Some(column), Some(text)) if !text.is_empty() => Some(day(text).ok_or_else(|| {
                invalid(
                    &table.place(row, column),
                    format!(
                        "expected a date like 15/Dec/26 or 2026-12-15, found {text:?}; \
                             export with Jira's default date format"
                    ),
                )
            })?),
            _ => None,
        };
        let status_name = required(status)?;
        let owner = row.get(assignee);
        items.push(SourceItem {
            place: row.place(),
            title: required(summary)?,
            description: row.get(description).to_string(),
            state: jira::state(
                &status_name,
                category.map(cell).filter(|c| !c.is_empty()),
                row.get(resolution),
            ),
            status: status_name,
            assignees: (!owner.is_empty())
                .then(|| SourcePerson {
                    name: owner.to_string(),
                    ..SourcePerson::default()
                })
                .into_iter()
                .collect(),
            due_date,
            ticket: required(key)?,
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
