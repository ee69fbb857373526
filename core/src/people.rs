//! Reaching an owner: the e-mail address an owner is written with, or the one a people roster
//! gives them ("Ana Silva <ana.silva@corp.example>", one person a line, as pasted from a
//! directory). Trackers that assign by e-mail (Asana) and reminders sent to a person (Slack's
//! `users.lookupByEmail`) need it; an owner written as a name alone has none without a roster.
//!
//! Also the roster's input: people pasted or imported from a directory or Slack, one a line
//! (`Ana Silva`, `Ana Silva <ana@corp.example>`, `Ana Silva,ana@corp.example`, or a CSV file
//! with a header such as Slack's member export), read into roster entries ([`read_people`]).

use std::collections::BTreeMap;

use crate::intake::records_split_by;
use crate::model::Workspace;
use crate::validator::{entry_problem, owner_key, Roster};

/// The first e-mail address in `text`: a word with one `@`, something before it and a dot in
/// the domain, without the brackets, quotes or punctuation around it (`<ana@corp.example>`,
/// `ana@corp.example,`). Lowercased, as addresses are matched.
pub fn email_in(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | ',' | ';'))
        .map(|word| word.trim_matches(|c: char| matches!(c, '"' | '\'' | '.' | ':')))
        .find(|word| is_email(word))
        .map(str::to_lowercase)
}

fn is_email(word: &str) -> bool {
    let mut parts = word.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let domain_ok = domain.split('.').count() >= 2 && domain.split('.').all(|p| !p.is_empty());
    !local.is_empty()
        && domain_ok
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "@.+-_'".contains(c))
}

/// The name part of a roster line: what is left once the address and its brackets are gone.
fn roster_name(line: &str) -> String {
    let without = match line.find('<') {
        Some(start) => &line[..start],
        None => line,
    };
    let without: String = without
        .split_whitespace()
        .filter(|w| !is_email(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect::<Vec<_>>()
        .join(" ");
    without.trim_matches([',', ';', ' ']).to_string()
}

/// The e-mail address of `owner`: the one written in it, else the roster's for the same person
/// (compared as the owner check compares them: "Okafor, Dana" is Dana Okafor; see
/// [`Roster::email_of`]). For many owners, read the roster once: [`Roster::address_of`].
pub fn email_for(owner: &str, roster: &[String]) -> Option<String> {
    Roster::new(roster).address_of(owner)
}

/// What a pasted or imported list of people gives the roster.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeopleRead {
    /// The new entries, as the roster keeps them: `Ana Silva <ana@corp.example>`, `Ana
    /// Silva` or `ana@corp.example`.
    pub new: Vec<String>,
    /// People already on the roster (or given twice), as written.
    pub known: Vec<String>,
    /// People on the roster without an address, given here with one: the position of their
    /// roster entry and the entry that replaces it (`Ana Silva` → `Ana Silva <ana@…>`).
    pub addressed: Vec<(usize, String)>,
    /// Lines that are not one person, each naming its line: `line 4: “Checkout SRE” is a team…`.
    pub unreadable: Vec<String>,
}

impl PeopleRead {
    /// Whether adding it would change the roster.
    pub fn adds_anything(&self) -> bool {
        !self.new.is_empty() || !self.addressed.is_empty()
    }

    /// The roster `people` with this read added: addresses given to the entries that lacked
    /// one, and the new people after the others.
    pub fn add_to(&self, people: &mut Vec<String>) {
        for (at, entry) in &self.addressed {
            if let Some(line) = people.get_mut(*at) {
                line.clone_from(entry);
            }
        }
        people.extend(self.new.iter().cloned());
    }
}

/// Column names that say a CSV header holds e-mail addresses or names, as Slack, Google and
/// Outlook exports write them; the first found wins (Slack's `fullname` before `username`).
const EMAIL_HEADERS: &[&str] = &["email", "e-mail", "email address", "e-mail address", "mail"];
const NAME_HEADERS: &[&str] = &[
    "name",
    "full name",
    "fullname",
    "real name",
    "display name",
    "displayname",
    "username",
];
const FIRST_NAME_HEADERS: &[&str] = &["first name", "given name"];
const LAST_NAME_HEADERS: &[&str] = &["last name", "surname", "family name"];

/// Where a header row puts the name and the address.
#[derive(Default)]
struct Columns {
    name: Option<usize>,
    first: Option<usize>,
    last: Option<usize>,
    email: Option<usize>,
}

impl Columns {
    /// A header row: no address in it, and a column that names the address, or a name column
    /// beside others ("name,email", Slack's "username,email,…,fullname,displayname").
    fn from_header(cells: &[String]) -> Option<Columns> {
        if cells.iter().any(|c| c.contains('@')) {
            return None;
        }
        let find = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| cells.iter().position(|c| c.trim().eq_ignore_ascii_case(n)))
        };
        let columns = Columns {
            name: find(NAME_HEADERS),
            first: find(FIRST_NAME_HEADERS),
            last: find(LAST_NAME_HEADERS),
            email: find(EMAIL_HEADERS),
        };
        let named = columns.name.is_some() || columns.first.is_some();
        (columns.email.is_some() || (named && cells.len() > 1)).then_some(columns)
    }

    /// The name and address of a row under this header.
    fn read(&self, cells: &[String]) -> (String, Option<String>) {
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).map_or("", |c| c.trim());
        let mut name = cell(self.name).to_string();
        if name.is_empty() || self.first.is_some() {
            let whole = format!("{} {}", cell(self.first), cell(self.last));
            if !whole.trim().is_empty() {
                name = whole.trim().to_string();
            }
        }
        (name, email_in(cell(self.email)))
    }
}

/// The cells of one line: tab-separated when it has a tab (copied from a spreadsheet), else
/// comma- or semicolon-separated with CSV quoting (`"Silva, Ana",ana@corp.example`).
fn cells(line: &str) -> Vec<String> {
    let delimiter = if line.contains('\t') {
        '\t'
    } else if line.contains(';') && !line.contains(',') {
        ';'
    } else {
        ','
    };
    records_split_by(line, delimiter)
        .into_iter()
        .next()
        .map(|(_, cells)| cells)
        .unwrap_or_else(|| vec![line.to_string()])
}

/// The name and address of a line without a header: the cell with an address (and any name
/// beside it, `Ana Silva <ana@…>`) and the other cells as the name (`Silva, Ana, ana@…`).
/// Without an address the whole line is the name, so "Silva, Ana" stays one person.
fn read_plain(line: &str) -> Result<(String, Option<String>), String> {
    let cells = cells(line);
    let addresses = cells.iter().filter(|c| email_in(c).is_some()).count();
    if addresses > 1 {
        return Err(format!(
            "{addresses} addresses on one line: write one person a line"
        ));
    }
    if addresses == 0 {
        return Ok((line.trim().to_string(), None));
    }
    let mut name_parts = Vec::new();
    let mut email = None;
    for cell in &cells {
        let beside = if let Some(found) = email_in(cell) {
            email = Some(found);
            roster_name(cell)
        } else {
            cell.trim().to_string()
        };
        if !beside.is_empty() {
            name_parts.push(beside);
        }
    }
    Ok((name_parts.join(", "), email))
}

/// How the roster keeps a person: `Name <address>`, the name or the address alone.
fn entry(name: &str, email: Option<&str>) -> String {
    let name = name.trim_matches(|c: char| c.is_whitespace() || c == '"');
    match (name.is_empty(), email) {
        (false, Some(email)) => format!("{name} <{email}>"),
        (true, Some(email)) => email.to_string(),
        _ => name.to_string(),
    }
}

/// Reads people pasted or imported (one a line, or a CSV file with a header row) against the
/// current roster `people`: what is new, what is known already, and the lines that are not one
/// person, by line number. Blank lines are skipped.
pub fn read_people(text: &str, people: &[String]) -> PeopleRead {
    let mut roster = Roster::new(people);
    let mut read = PeopleRead::default();
    let mut columns: Option<Columns> = None;
    let mut first = true;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        if std::mem::take(&mut first) {
            columns = Columns::from_header(&cells(line));
            if columns.is_some() {
                continue;
            }
        }
        let parsed = match &columns {
            Some(columns) => Ok(columns.read(&cells(line))),
            None => read_plain(line),
        };
        let person = parsed.and_then(|(name, email)| {
            let person = entry(&name, email.as_deref());
            match entry_problem(&person) {
                Some(why) => Err(why),
                None => Ok(person),
            }
        });
        match person {
            Err(why) => read
                .unreadable
                .push(format!("line {number}: {why} (“{line}”)")),
            Ok(person) if roster.has(&person) => {
                let at = email_in(&person).and_then(|_| roster.unaddressed(&person));
                match at {
                    Some(at) if !read.addressed.iter().any(|(a, _)| *a == at) => {
                        read.addressed.push((at, person))
                    }
                    _ => read.known.push(person),
                }
            }
            Ok(person) => {
                roster.push(&person);
                read.new.push(person);
            }
        }
    }
    read
}

/// The people who own items in the workspace but are not on the roster `people`: on the
/// roster all the same for the owner check (§5.1), shown beside it. One per person (case and
/// spacing aside), as first written, sorted; teams and placeholders are not people.
pub fn owners_off_roster(workspace: &Workspace, people: &[String]) -> Vec<String> {
    let roster = Roster::new(people);
    let mut owners = BTreeMap::new();
    for (_, item) in workspace.items() {
        let key = owner_key(&item.owner);
        if !key.is_empty() && !owners.contains_key(&key) {
            owners.insert(key, item.owner.trim().to_string());
        }
    }
    owners
        .into_values()
        .filter(|owner| entry_problem(owner).is_none() && !roster.has(owner))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_found_wherever_it_is_written() {
        for (text, email) in [
            ("ana.silva@corp.example", Some("ana.silva@corp.example")),
            (
                "Ana Silva <Ana.Silva+oncall@Corp.Example>",
                Some("ana.silva+oncall@corp.example"),
            ),
            ("Ana Silva (ana@corp.example)", Some("ana@corp.example")),
            ("mail ana@corp.example, please", Some("ana@corp.example")),
            ("Ana Silva", None),
            ("@ana", None),
            ("ana@localhost", None),
            ("a@b@c.d", None),
        ] {
            assert_eq!(email_in(text).as_deref(), email, "{text}");
        }
    }

    #[test]
    fn a_name_is_looked_up_on_the_roster() {
        let roster = vec![
            "Ana Silva <ana.silva@corp.example>".to_string(),
            "bo@corp.example".to_string(),
            "Chen Wei, chen.wei@corp.example".to_string(),
        ];
        assert_eq!(
            email_for(" ana  SILVA ", &roster).as_deref(),
            Some("ana.silva@corp.example")
        );
        assert_eq!(
            email_for("Chen Wei", &roster).as_deref(),
            Some("chen.wei@corp.example")
        );
        assert_eq!(
            email_for("dee@corp.example", &roster).as_deref(),
            Some("dee@corp.example")
        );
        assert_eq!(email_for("Dee", &roster), None);
        assert_eq!(email_for("", &roster), None);
    }

    #[test]
    fn a_name_written_another_way_finds_the_same_person_but_never_one_of_two() {
        let roster = vec![
            "Okafor, Dana <dana.okafor@corp.example>".to_string(),
            "Ana Silva <ana.silva@corp.example>".to_string(),
            "Alberto Silva <alberto.silva@corp.example>".to_string(),
        ];
        assert_eq!(
            email_for("Dana Okafor", &roster).as_deref(),
            Some("dana.okafor@corp.example")
        );
        assert_eq!(
            email_for("D. Okafor", &roster).as_deref(),
            Some("dana.okafor@corp.example")
        );
        // Ana or Alberto: no address rather than the wrong one.
        assert_eq!(email_for("A. Silva", &roster), None);
        assert_eq!(
            email_for("Silva, Alberto", &roster).as_deref(),
            Some("alberto.silva@corp.example")
        );
    }

    #[test]
    fn pasted_people_are_read_in_every_way_a_directory_writes_them() {
        let text = "Ana Silva <ana.silva@corp.example>\n\
                    \n\
                    Kenji Watanabe,kenji@corp.example\n\
                    \"Okafor, Dana\",dana.okafor@corp.example\n\
                    Silva, Bruno\n\
                    lee.chen@corp.example\n\
                    Priya Raman\tpriya@corp.example\n";
        let read = read_people(text, &[]);
        assert_eq!(
            read.new,
            vec![
                "Ana Silva <ana.silva@corp.example>",
                "Kenji Watanabe <kenji@corp.example>",
                "Okafor, Dana <dana.okafor@corp.example>",
                "Silva, Bruno",
                "lee.chen@corp.example",
                "Priya Raman <priya@corp.example>",
            ]
        );
        assert!(read.unreadable.is_empty(), "{:?}", read.unreadable);
        assert!(read.known.is_empty());
        // Each entry reads back as the same person on the roster.
        let roster = Roster::new(&read.new);
        for owner in ["Dana Okafor", "A. Silva", "Bruno Silva", "Kenji Watanabe"] {
            assert!(roster.has(owner), "{owner}");
        }
        assert_eq!(
            email_for("Kenji Watanabe", &read.new).as_deref(),
            Some("kenji@corp.example")
        );
    }

    #[test]
    fn lines_that_are_not_one_person_are_named_by_line() {
        let text = "Ana Silva\nCheckout SRE\nAlice and Bob\ndba@corp.example\n\
                    TBD\nana@corp.example, bo@corp.example\nBo Chen";
        let read = read_people(text, &[]);
        assert_eq!(read.new, vec!["Ana Silva", "Bo Chen"]);
        assert_eq!(read.unreadable.len(), 5, "{:?}", read.unreadable);
        for (message, line) in read.unreadable.iter().zip([2, 3, 4, 5, 6]) {
            assert!(message.starts_with(&format!("line {line}: ")), "{message}");
        }
        assert!(
            read.unreadable[0].contains("team"),
            "{}",
            read.unreadable[0]
        );
        assert!(read.unreadable[2].contains("shared mailbox"));
        assert!(read.unreadable[4].contains("2 addresses"));
    }

    #[test]
    fn people_already_on_the_roster_or_given_twice_are_not_added_again() {
        let roster = vec!["Ana Silva <ana.silva@corp.example>".to_string()];
        let read = read_people(
            "Silva, Ana\nana.silva@corp.example\nBo Chen\nbo chen\n",
            &roster,
        );
        assert_eq!(read.new, vec!["Bo Chen"]);
        assert_eq!(
            read.known,
            vec!["Silva, Ana", "ana.silva@corp.example", "bo chen"]
        );
    }

    #[test]
    fn a_known_person_given_with_an_address_gets_it() {
        let mut roster: Vec<String> = ["Ana Silva", "Okafor, Dana", "Bo Chen <bo@corp.example>"]
            .map(String::from)
            .to_vec();
        let read = read_people(
            "Ana Silva <ana.silva@corp.example>\n\
             Dana Okafor,dana@corp.example\n\
             Bo Chen <bo.chen@elsewhere.example>\n\
             Ana Silva <ana.s@corp.example>\n\
             Lee Park <lee@corp.example>\n",
            &roster,
        );
        assert_eq!(
            read.addressed,
            vec![
                (0, "Ana Silva <ana.silva@corp.example>".to_string()),
                (1, "Dana Okafor <dana@corp.example>".to_string()),
            ]
        );
        // Bo Chen has an address already; Ana given a second time is known.
        assert_eq!(
            read.known,
            vec![
                "Bo Chen <bo.chen@elsewhere.example>",
                "Ana Silva <ana.s@corp.example>"
            ]
        );
        assert!(read.adds_anything());
        read.add_to(&mut roster);
        assert_eq!(
            roster,
            vec![
                "Ana Silva <ana.silva@corp.example>",
                "Dana Okafor <dana@corp.example>",
                "Bo Chen <bo@corp.example>",
                "Lee Park <lee@corp.example>",
            ]
        );
        assert_eq!(
            email_for("Dana Okafor", &roster).as_deref(),
            Some("dana@corp.example")
        );
    }

    #[test]
    fn an_address_is_not_given_when_two_entries_could_be_the_person() {
        let roster = ["Silva, Ana", "Ana Silva"].map(String::from).to_vec();
        let read = read_people("Ana Silva <ana@corp.example>\n", &roster);
        assert!(read.addressed.is_empty());
        assert_eq!(read.known, vec!["Ana Silva <ana@corp.example>"]);
        assert!(!read.adds_anything());
    }

    #[test]
    fn a_csv_export_is_read_by_its_header() {
        // Slack's member export: the full name, not the login, is the person's name.
        let slack = "\u{feff}username,email,status,billing-active,has-2fa,has-sso,userid,fullname,displayname\n\
                     ana,ana.silva@corp.example,Member,1,1,0,U01,Ana Silva,ana\n\
                     bo,,Deactivated,0,0,0,U02,Bo Chen,\n\
                     kw,kenji@corp.example,Member,1,1,0,U03,,Kenji\n";
        let read = read_people(slack, &[]);
        assert_eq!(
            read.new,
            vec![
                "Ana Silva <ana.silva@corp.example>",
                "Bo Chen",
                "kenji@corp.example"
            ]
        );
        let outlook = "First Name,Last Name,E-mail Address\nDana,Okafor,dana@corp.example\n,,\n";
        let read = read_people(outlook, &[]);
        assert_eq!(read.new, vec!["Dana Okafor <dana@corp.example>"]);
        assert_eq!(read.unreadable, vec!["line 3: no name or address (“,,”)"]);
    }

    #[test]
    fn owners_of_the_workspace_off_the_roster_are_listed_once() {
        use crate::model::{ActionItem, PostMortem};
        let item = |owner: &str| ActionItem {
            owner: owner.into(),
            ..Default::default()
        };
        let mut ws = Workspace::default();
        ws.postmortems.push(PostMortem {
            action_items: vec![
                item("Tom Becker"),
                item("tom  becker"),
                item("Ana Silva"),
                item("Checkout SRE"),
                item(""),
                item("Zoe Park"),
            ],
            ..Default::default()
        });
        let roster = vec!["Silva, Ana".to_string()];
        assert_eq!(
            owners_off_roster(&ws, &roster),
            vec!["Tom Becker", "Zoe Park"]
        );
    }
}
