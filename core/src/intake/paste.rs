//! Paste from the post-mortem document: an action list as copied from Google Docs, Confluence
//! or a Markdown file (numbered lists, bullets, checkboxes, plain lines, table rows) becomes
//! candidate items, with the owner, ticket and due date read from the text.
//!
//! A line's metadata is what follows its last dash separator (` — `, ` – `, ` - `) or, in a
//! table row, its other cells: comma-separated parts, each a date (`2026-12-15`, `due
//! 2026-12-15`), a ticket key (`PAY-123`), an address, or one owner's name (`Jane Doe`,
//! `owner: Jane Doe`). When a part is none of these the dash was part of the title, and the
//! whole line is the title.

use crate::model::parse_date;

use super::{SourceFile, SourceFormat, SourceItem, SourcePerson, SourceState};

/// An owner's name has at most this many words; a longer part is prose, not a name.
const MAX_NAME_WORDS: usize = 4;

/// The candidate items of a pasted text, one per line that says something.
pub fn read_pasted(text: &str) -> SourceFile {
    let lines: Vec<&str> = text.lines().collect();
    let mut items = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let line = line.trim();
        if line.is_empty() || is_table_rule(line) {
            continue;
        }
        // A table's header is the row above its rule.
        if lines
            .get(n + 1)
            .is_some_and(|next| is_table_rule(next.trim()))
        {
            continue;
        }
        if let Some(item) = read_line(line, n + 1) {
            items.push(item);
        }
    }
    SourceFile {
        format: SourceFormat::Pasted,
        items,
        left_out: Vec::new(),
    }
}

fn read_line(line: &str, number: usize) -> Option<SourceItem> {
    let (title, parts): (String, Vec<String>) = if line.contains('|') || line.contains('\t') {
        let mut cells = line
            .trim_matches('|')
            .split(['|', '\t'])
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty());
        let title = cells.next()?;
        (title, cells.flat_map(|c| split_parts(&c)).collect())
    } else {
        let body = strip_marker(line);
        match split_tail(body) {
            Some((title, tail)) => (title.to_string(), split_parts(tail)),
            None => (body.to_string(), Vec::new()),
        }
    };
    let title = strip_marker(&title).trim().to_string();
    if title.is_empty() {
        return None;
    }
    let mut item = SourceItem {
        place: format!("line {number}"),
        title,
        description: String::new(),
        state: SourceState::NotStarted,
        status: String::new(),
        assignees: Vec::new(),
        due_date: None,
        ticket: String::new(),
        url: String::new(),
        priority: String::new(),
        incident: None,
        created_at: None,
    };
    let mut read = item.clone();
    for part in &parts {
        if !take_part(&mut read, part) {
            // Not metadata: the separator belonged to the title.
            item.title = strip_marker(line).to_string();
            return Some(item);
        }
    }
    Some(read)
}

/// Reads one metadata part into the item; false when it is none of the kinds read.
fn take_part(item: &mut SourceItem, part: &str) -> bool {
    let lower = part.to_lowercase();
    let value = ["due:", "due by", "due", "by"]
        .iter()
        .find_map(|p| lower.strip_prefix(p).map(|_| part[p.len()..].trim()))
        .unwrap_or(part);
    if let Some(date) = parse_date(value) {
        item.due_date.get_or_insert(date);
        return true;
    }
    if part.starts_with("https://") || part.starts_with("http://") {
        if item.url.is_empty() {
            item.url = part.to_string();
        }
        return true;
    }
    if is_ticket_key(part) {
        if item.ticket.is_empty() {
            item.ticket = part.to_string();
        }
        return true;
    }
    let name = ["owner:", "owner", "assignee:", "@"]
        .iter()
        .find_map(|p| lower.strip_prefix(p).map(|_| part[p.len()..].trim()))
        .unwrap_or(part);
    let words = name.split_whitespace().count();
    let is_name = (1..=MAX_NAME_WORDS).contains(&words)
        && !name.chars().any(|c| c.is_ascii_digit())
        && item.assignees.is_empty();
    if is_name {
        item.assignees.push(SourcePerson {
            name: name.to_string(),
            ..SourcePerson::default()
        });
    }
    is_name
}

/// `PAY-123`: a project key (capital letter first, capitals and digits) and a number.
fn is_ticket_key(text: &str) -> bool {
    let Some((project, number)) = text.split_once('-') else {
        return false;
    };
    project.starts_with(|c: char| c.is_ascii_uppercase())
        && project
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}

/// The title and what follows the last dash separator.
fn split_tail(body: &str) -> Option<(&str, &str)> {
    [" — ", " – ", " - "]
        .iter()
        .filter_map(|sep| body.rfind(sep).map(|at| (at, sep.len())))
        .max_by_key(|(at, _)| *at)
        .map(|(at, len)| (&body[..at], &body[at + len..]))
        .filter(|(title, tail)| !title.trim().is_empty() && !tail.trim().is_empty())
}

fn split_parts(tail: &str) -> Vec<String> {
    tail.split([',', ';'])
        .map(|p| p.trim().trim_end_matches('.').trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The line without its list marker: `1.`, `2)`, `-`, `*`, `•`, and a checkbox `[ ]`/`[x]`.
fn strip_marker(line: &str) -> &str {
    let mut rest = line.trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        if let Some(after) = rest[digits..].strip_prefix(['.', ')']) {
            rest = after.trim_start();
        }
    } else if let Some(after) = rest.strip_prefix(['-', '*', '•', '◦', '▪', '‣', '+']) {
        rest = after.trim_start();
    }
    for checkbox in ["[ ]", "[x]", "[X]", "☐", "☑"] {
        if let Some(after) = rest.strip_prefix(checkbox) {
            rest = after.trim_start();
        }
    }
    rest
}

/// A Markdown table's rule row: `|---|:---:|`.
fn is_table_rule(line: &str) -> bool {
    line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn a_line_gives_its_owner_ticket_and_date() {
        let file = read_pasted(
            "1. Add a circuit breaker to the card client — Jane Doe, PAY-123, due 2026-12-15\n",
        );
        assert_eq!(file.format, SourceFormat::Pasted);
        let [item] = file.items.as_slice() else {
            panic!("{:?}", file.items)
        };
        assert_eq!(item.title, "Add a circuit breaker to the card client");
        assert_eq!(item.assignees[0].name, "Jane Doe");
        assert_eq!(item.ticket, "PAY-123");
        assert_eq!(item.due_date, date(2026, 12, 15));
        assert_eq!(item.place, "line 1");
    }

    #[test]
    fn bullets_checkboxes_and_plain_lines_each_give_an_item() {
        let text = "\
Action items
\u{2022} Write a failover runbook - owner: Lee Chen
- [ ] Alert on 5xx above 2% – https://jira.example/browse/OBS-7, 2026-06-01

  2) Rotate the keys — by 2026-07-01
";
        let items = read_pasted(text).items;
        let titles: Vec<_> = items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Action items",
                "Write a failover runbook",
                "Alert on 5xx above 2%",
                "Rotate the keys"
            ]
        );
        assert_eq!(items[1].assignees[0].name, "Lee Chen");
        assert_eq!(items[2].url, "https://jira.example/browse/OBS-7");
        assert_eq!(items[2].due_date, date(2026, 6, 1));
        assert_eq!(items[3].due_date, date(2026, 7, 1));
        assert_eq!(items[3].place, "line 5");
    }

    #[test]
    fn a_dash_in_the_title_stays_in_the_title() {
        let items =
            read_pasted("Retry with back-off - then give up after three tries in a row\n").items;
        assert_eq!(
            items[0].title,
            "Retry with back-off - then give up after three tries in a row"
        );
        assert!(items[0].assignees.is_empty());
    }

    #[test]
    fn table_rows_read_their_cells_and_skip_the_header() {
        let text = "| Action | Owner | Ticket | Due |\n|---|---|---|---|\n| Add a breaker | Sam Okafor | PAY-9 | 2026-08-01 |\nTidy logs\tAna Silva\n";
        let items = read_pasted(text).items;
        assert_eq!(items.len(), 2, "{items:?}");
        assert_eq!(items[0].title, "Add a breaker");
        assert_eq!(items[0].assignees[0].name, "Sam Okafor");
        assert_eq!(items[0].ticket, "PAY-9");
        assert_eq!(items[0].due_date, date(2026, 8, 1));
        assert_eq!(items[1].assignees[0].name, "Ana Silva");
    }

    #[test]
    fn nothing_to_read_gives_no_items() {
        assert!(read_pasted("\n  \n|---|\n- \n").items.is_empty());
    }
}
