//! The weekly review agenda as Markdown (DOMAIN.md §8), and the text helpers that keep user
//! text inside its tables and lists ([`escape_markdown`], [`one_line`]).

use chrono::{Days, NaiveDate};

use super::{days_overdue, escalation, review_for};
use crate::metrics::{compute, Metrics, Window};
use crate::model::{Priority, Workspace};
use crate::settings::{Settings, AGENDA_WINDOW_DAYS};

/// The weekly review agenda for `today` as the review view drafts it: the workspace's own
/// settings, and its metrics over the [`AGENDA_WINDOW_DAYS`] ending `today`.
pub fn weekly_agenda(workspace: &Workspace, today: NaiveDate) -> String {
    let settings = &workspace.settings;
    let metrics = compute(
        workspace,
        Window::last_days(today, AGENDA_WINDOW_DAYS),
        settings,
    );
    weekly_agenda_markdown(workspace, today, &metrics, settings)
}

/// The weekly review agenda as Markdown: new items this week, P0 status, P1 status, overdue
/// and blocked, metrics. User text is escaped so it cannot break a table.
pub fn weekly_agenda_markdown(
    workspace: &Workspace,
    today: NaiveDate,
    metrics: &Metrics,
    settings: &Settings,
) -> String {
    let week_start = today
        .checked_sub_days(Days::new(6))
        .unwrap_or(NaiveDate::MIN);
    let review = review_for(workspace, today, settings);
    let mut md = format!("# Weekly review of post-mortem action items, {today}\n\n");

    md.push_str("## New items this week\n\n");
    let new_items: Vec<_> = workspace
        .items()
        .filter(|(_, item)| {
            item.created_on()
                .is_some_and(|c| week_start <= c && c <= today)
        })
        .collect();
    table(
        &mut md,
        &["Item", "Title", "Owner", "Priority", "Due"],
        new_items.iter().map(|(_, item)| {
            vec![
                cell(&item.id),
                cell(&item.title),
                cell(&item.owner),
                item.priority.to_string(),
                date_cell(item.due_date),
            ]
        }),
    );

    for priority in [Priority::P0, Priority::P1] {
        md.push_str(&format!("## {priority} status\n\n"));
        table(
            &mut md,
            &["Item", "Title", "Owner", "Status", "Due", "Attention"],
            workspace
                .items()
                .filter(|(_, item)| item.is_open() && item.priority == priority)
                .map(|(_, item)| {
                    let attention = escalation(item, today, settings)
                        .map(|r| cell(&r.to_string()))
                        .or_else(|| days_overdue(item, today).map(|d| format!("{d} d overdue")))
                        .unwrap_or_else(|| "—".into());
                    vec![
                        cell(&item.id),
                        cell(&item.title),
                        cell(&item.owner),
                        item.status.label().into(),
                        date_cell(item.due_date),
                        attention,
                    ]
                }),
        );
    }

    md.push_str("## Overdue and blocked\n\n### Overdue\n\n");
    table(
        &mut md,
        &["Item", "Title", "Owner", "Priority", "Due", "Days overdue"],
        review.overdue.iter().map(|e| {
            vec![
                cell(&e.item.item_id),
                cell(&e.item.title),
                cell(&e.item.owner),
                e.item.priority.to_string(),
                date_cell(e.item.due_date),
                e.days_overdue.to_string(),
            ]
        }),
    );
    md.push_str("### Blocked\n\n");
    table(
        &mut md,
        &["Item", "Title", "Owner", "Blocked by", "Since"],
        review.blocked.iter().map(|e| {
            let by = match (e.kind, one_line(&e.note)) {
                (Some(kind), note) if note.is_empty() => kind.label().to_string(),
                (Some(kind), note) => format!("{}: {note}", kind.label()),
                (None, note) => note,
            };
            vec![
                cell(&e.item.item_id),
                cell(&e.item.title),
                cell(&e.item.owner),
                cell(&by),
                date_cell(e.since),
            ]
        }),
    );

    md.push_str(&format!(
        "## Metrics\n\n_{}_\n\n",
        cell(&metrics.window.label())
    ));
    table(
        &mut md,
        &["Metric", "Value", "Target", "Red flag", "Status"],
        metrics.all().into_iter().map(|m| {
            vec![
                m.label().into(),
                m.display_value(),
                m.target_label(),
                m.red_flag_label(),
                m.status.label().into(),
            ]
        }),
    );
    md
}

/// Appends a Markdown table, or "_None._" when there are no rows.
fn table(md: &mut String, header: &[&str], rows: impl Iterator<Item = Vec<String>>) {
    let rows: Vec<String> = rows.map(|r| format!("| {} |\n", r.join(" | "))).collect();
    if rows.is_empty() {
        md.push_str("_None._\n\n");
        return;
    }
    md.push_str(&format!("| {} |\n", header.join(" | ")));
    md.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in rows {
        md.push_str(&row);
    }
    md.push('\n');
}

fn cell(text: &str) -> String {
    let escaped = escape_markdown(text);
    if escaped.is_empty() {
        "—".into()
    } else {
        escaped
    }
}

fn date_cell(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
}

/// User text made safe inside a Markdown table cell or list item: on one line, with every
/// character that Markdown gives a meaning (pipes, emphasis, links, HTML) backslash-escaped.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text on one line: line breaks, tabs and other control characters become single spaces.
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
