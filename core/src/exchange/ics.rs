//! An iCalendar (RFC 5545) file of due dates and check-ins for chosen items.
//!
//! - One all-day event (`VALUE=DATE`) on the due date of each open item that has one:
//!   UID `<item id>.due@followthrough`.
//! - With [`IcsOptions::check_ins`], one recurring all-day event per item that follow-up chases
//!   (open, not deferred, creation known): from its next check-in on or after `today`, every
//!   `check_in_days` of its priority (DOMAIN.md §8), with no end, since check-ins go on until the
//!   item closes: UID `<item id>.check-in@followthrough`. Export again after changes; the stable
//!   UIDs make calendars update the events rather than duplicate them.
//!
//! Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character); text values
//! escape `\`, `;`, `,` and line breaks, and drop other control characters (NUL included),
//! which iCalendar text cannot hold. Dates outside the years 1–9999 cannot be written and get no
//! event.

use chrono::{DateTime, Datelike, Days, NaiveDate, Timelike, Utc};

use super::trackers::{item_description, labels, postmortem_link, resolve, ExportSet};
use crate::followup::{is_active, next_check_in};
use crate::model::{ActionItem, PostMortem, Workspace};
use crate::settings::Settings;
use crate::validator::safe_link;

/// What the calendar needs besides the items: the day check-ins are counted from, and the
/// export's timestamp (`DTSTAMP`, required on every event).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IcsOptions {
    pub today: NaiveDate,
    pub stamp: DateTime<Utc>,
    /// Add each chased item's recurring check-in.
    pub check_ins: bool,
}

/// An iCalendar TEXT value: `\` `;` `,` escaped with a backslash, line breaks (CRLF, CR, LF)
/// as `\n`, other control characters but tab removed.
pub fn ics_escape_text(text: &str) -> String {
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(normalised.len());
    for c in normalised.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line, folded: at most 75 octets per physical line, continuation lines starting
/// with a space, each ending in CRLF.
fn push_line(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

fn ics_date(date: NaiveDate) -> Option<String> {
    (1..=9999).contains(&date.year()).then(|| basic_date(date))
}

/// `%Y%m%d` without chrono's strftime machinery in the wasm: the year as `Display` (and
/// `%Y`) writes it, four digits or signed outside 0–9999, then month and day.
fn basic_date(date: NaiveDate) -> String {
    let iso = date.to_string();
    let year = &iso[..iso.len() - 6];
    format!("{year}{:02}{:02}", date.month(), date.day())
}

/// `%Y%m%dT%H%M%SZ` (a leap second is second 60, as `%S` writes it).
fn stamp(at: DateTime<Utc>) -> String {
    format!(
        "{}T{:02}{:02}{:02}Z",
        basic_date(at.date_naive()),
        at.hour(),
        at.minute(),
        at.second() + at.nanosecond() / 1_000_000_000
    )
}

/// An id as the local part of a UID: letters, digits, `-`, `_` and `.` as they are, every
/// other byte percent-encoded, so any id gives a distinct, plain UID.
fn uid_part(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

struct Event<'a> {
    uid: String,
    start: NaiveDate,
    summary: String,
    description: String,
    rrule: Option<String>,
    pm: &'a PostMortem,
    item: &'a ActionItem,
}

fn push_event(out: &mut String, event: &Event, options: &IcsOptions, link_base: Option<&str>) {
    let (Some(start), Some(end)) = (
        ics_date(event.start),
        event
            .start
            .checked_add_days(Days::new(1))
            .and_then(ics_date),
    ) else {
        return;
    };
    push_line(out, "BEGIN:VEVENT");
    push_line(out, &format!("UID:{}", event.uid));
    push_line(out, &format!("DTSTAMP:{}", stamp(options.stamp)));
    push_line(out, &format!("DTSTART;VALUE=DATE:{start}"));
    push_line(out, &format!("DTEND;VALUE=DATE:{end}"));
    if let Some(rule) = &event.rrule {
        push_line(out, &format!("RRULE:{rule}"));
    }
    push_line(out, &format!("SUMMARY:{}", ics_escape_text(&event.summary)));
    push_line(
        out,
        &format!("DESCRIPTION:{}", ics_escape_text(&event.description)),
    );
    let categories: Vec<String> = labels(event.pm, event.item)
        .iter()
        .map(|l| ics_escape_text(l))
        .collect();
    push_line(out, &format!("CATEGORIES:{}", categories.join(",")));
    let link = link_base
        .and_then(|base| postmortem_link(base, &event.pm.id))
        .or_else(|| safe_link(&event.pm.doc_url));
    if let Some(link) = link {
        push_line(out, &format!("URL:{link}"));
    }
    push_line(out, "TRANSP:TRANSPARENT");
    push_line(out, "END:VEVENT");
}

fn events<'a>(
    pm: &'a PostMortem,
    item: &'a ActionItem,
    settings: &Settings,
    options: &IcsOptions,
    link_base: Option<&str>,
) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let description = item_description(pm, item, link_base);
    if let (true, Some(due)) = (item.is_open(), item.due_date) {
        out.push(Event {
            uid: format!("{}.due@followthrough", uid_part(&item.id)),
            start: due,
            summary: format!("Due: {} [{}]", item.title, item.id),
            description: description.clone(),
            rrule: None,
            pm,
            item,
        });
    }
    if options.check_ins && is_active(item) {
        if let Some(first) = next_check_in(item, options.today, settings) {
            let every = settings.follow_up.check_in_days.get(item.priority).max(1);
            out.push(Event {
                uid: format!("{}.check-in@followthrough", uid_part(&item.id)),
                start: first,
                summary: format!("Check-in: {} [{}]", item.title, item.id),
                description: format!(
                    "Check-in every {every} day(s) for a {} item, until it is closed.\n\n{description}",
                    item.priority
                ),
                rrule: Some(format!("FREQ=DAILY;INTERVAL={every}")),
                pm,
                item,
            });
        }
    }
    out
}

/// The calendar of the set's items (see the module docs).
pub fn export_ics(workspace: &Workspace, set: &ExportSet, options: &IcsOptions) -> String {
    let mut out = String::new();
    push_line(&mut out, "BEGIN:VCALENDAR");
    push_line(&mut out, "VERSION:2.0");
    push_line(
        &mut out,
        "PRODID:-//Followthrough//Post-mortem action items//EN",
    );
    push_line(&mut out, "CALSCALE:GREGORIAN");
    push_line(&mut out, "METHOD:PUBLISH");
    push_line(&mut out, "X-WR-CALNAME:Post-mortem action items");
    let link_base = set.link_base.as_deref();
    for (pm, item) in resolve(workspace, set) {
        for event in events(pm, item, &workspace.settings, options, link_base) {
            push_event(&mut out, &event, options, link_base);
        }
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod format_tests {
    use super::*;

    /// The hand-written `%Y%m%d` and stamp write what chrono's strftime writes.
    #[test]
    fn dates_and_stamps_are_written_as_strftime_writes_them() {
        for (y, m, d) in [
            (2026, 5, 12),
            (1, 1, 1),
            (0, 12, 31),
            (999, 2, 3),
            (9999, 12, 31),
            (-44, 3, 15),
            (12345, 6, 7),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(basic_date(date), date.format("%Y%m%d").to_string());
            for (h, mi, s, nano) in [
                (0, 0, 0, 0),
                (9, 5, 7, 999_999_999),
                (23, 59, 59, 1_500_000_000),
            ] {
                let at = date.and_hms_nano_opt(h, mi, s, nano).unwrap().and_utc();
                assert_eq!(stamp(at), at.format("%Y%m%dT%H%M%SZ").to_string());
            }
        }
    }
}
