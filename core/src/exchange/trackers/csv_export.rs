//! The CSV exports for trackers' importers (Jira, Linear, Asana), written as the `csv` crate
//! writes them (see the parent module's docs for the cells and labels).

use chrono::NaiveDate;
use std::borrow::Cow;

use super::{item_description, jira_priority, labels, linear_priority, resolve, ExportSet};
use crate::model::{ActionItem, Workspace};
use crate::validator::Roster;

/// A CSV cell a spreadsheet will not run: one starting with `=`, `+`, `-`, `@`, tab or
/// carriage return gets a leading `'`.
pub fn defuse_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The rows as CSV, exactly as the `csv` crate's writer puts them with CRLF endings (a test
/// holds it to that): a cell with a comma, a quote, CR or LF is quoted, its quotes doubled, and
/// a row that would be empty is written `""`. Every row has the header's width by construction.
/// Not the crate's writer: it carries float parsing (with a 10 KB table) into the wasm for a
/// quoting style this app never uses.
pub(super) fn csv_text(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let start = out.len();
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let cell = defuse_cell(cell);
            if cell.contains([',', '"', '\r', '\n']) {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(&cell);
            }
        }
        if out.len() == start {
            out.push_str("\"\"");
        }
        out.push_str("\r\n");
    }
    out
}

fn date_text(item: &ActionItem) -> String {
    item.due_date.map(|d| d.to_string()).unwrap_or_default()
}

/// Jira CSV: `Summary, Description, Assignee, Priority, Due date, Labels…, Issue Type` with one
/// `Labels` column per label (the header repeated, as Jira's importer reads several labels),
/// as many as the item with most labels needs. Issue Type is `Task`; due dates are
/// `yyyy-MM-dd` (set that date format in the importer); Assignee is the owner as written.
pub fn export_jira_csv(workspace: &Workspace, set: &ExportSet) -> String {
    let items = resolve(workspace, set);
    let label_lists: Vec<Vec<String>> = items.iter().map(|(pm, i)| labels(pm, i)).collect();
    let label_columns = label_lists.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut header: Vec<String> = ["Summary", "Description", "Assignee", "Priority", "Due date"]
        .map(String::from)
        .to_vec();
    header.extend(std::iter::repeat_n("Labels".to_string(), label_columns));
    header.push("Issue Type".into());
    let mut rows = vec![header];
    for ((pm, item), item_labels) in items.iter().zip(label_lists) {
        let mut row = vec![
            item.title.clone(),
            item_description(pm, item, set.link_base()),
            item.owner.clone(),
            jira_priority(item.priority).to_string(),
            date_text(item),
        ];
        let count = item_labels.len();
        row.extend(item_labels);
        row.extend(std::iter::repeat_n(String::new(), label_columns - count));
        row.push("Task".into());
        rows.push(row);
    }
    csv_text(&rows)
}

/// Linear CSV: `Title, Description, Priority, Assignee, Labels, Due Date`; labels are joined
/// with commas in one cell (labels never contain commas), priorities are Linear's names.
pub fn export_linear_csv(workspace: &Workspace, set: &ExportSet) -> String {
    let mut rows = vec![[
        "Title",
        "Description",
        "Priority",
        "Assignee",
        "Labels",
        "Due Date",
    ]
    .map(String::from)
    .to_vec()];
    for (pm, item) in resolve(workspace, set) {
        rows.push(vec![
            item.title.clone(),
            item_description(pm, item, set.link_base()),
            linear_priority(item.priority).to_string(),
            item.owner.clone(),
            labels(pm, item).join(","),
            date_text(item),
        ]);
    }
    csv_text(&rows)
}

/// Asana CSV (its CSV importer maps these headers by name): `Name, Description, Assignee
/// Email, Due Date, Tags`. Asana assigns by the e-mail address of a member, so Assignee Email
/// is the address written in the owner, else the people roster's for the same person
/// ([`Roster::address_of`], the roster read once), else empty (the owner is named in the
/// description either way); due dates are `MM/DD/YYYY`; tags are the labels joined with commas.
pub fn export_asana_csv(workspace: &Workspace, set: &ExportSet) -> String {
    let mut rows = vec![
        ["Name", "Description", "Assignee Email", "Due Date", "Tags"]
            .map(String::from)
            .to_vec(),
    ];
    let roster = Roster::new(&workspace.settings.people);
    for (pm, item) in resolve(workspace, set) {
        rows.push(vec![
            item.title.clone(),
            item_description(pm, item, set.link_base()),
            roster.address_of(&item.owner).unwrap_or_default(),
            item.due_date.map(us_date).unwrap_or_default(),
            labels(pm, item).join(","),
        ]);
    }
    csv_text(&rows)
}

/// `%m/%d/%Y` without chrono's strftime (parsed at run time, it was in the wasm for this
/// alone): the year as `Display` writes it, as `%Y` does (four digits, or signed outside
/// 0–9999).
pub(super) fn us_date(date: NaiveDate) -> String {
    let iso = date.to_string();
    let (year, month_day) = iso.split_at(iso.len() - 6); // "-MM-DD"
    format!("{}/{}/{year}", &month_day[1..3], &month_day[4..])
}
