//! The people roster (DOMAIN.md §5.1): the workspace's `settings.people` and the people who
//! already own items. When `settings.people` is not empty, an owner on neither warns with the
//! nearest name. Without it nothing is checked: a first item for a new colleague is normal.

use std::cell::RefCell;

use super::owner::{read_owner, Problem};
use crate::settings::Settings;

/// One person as read from an owner or a roster line: name words folded (lowercase, no
/// accents), and the local part of their address or their handle.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Person {
    /// The name words, folded, in the order typed (addresses and handles left out).
    pub name: String,
    pub email_local: Option<String>,
    pub handle: Option<String>,
}

impl Person {
    /// `name` is folded name words separated by single spaces, as `owner::read_owner` builds it.
    pub fn new(name: String, email_local: Option<String>, handle: Option<String>) -> Person {
        Person {
            name,
            email_local,
            handle,
        }
    }

    /// The name words, sorted: "Chen Mei" and "Mei Chen" are the same person.
    fn words(&self) -> Vec<String> {
        let mut words: Vec<String> = self.name.split_whitespace().map(str::to_string).collect();
        words.sort_unstable();
        words
    }

    /// Name words read from an address or handle: `ana.silva` → ana, silva.
    fn address_words(&self) -> Option<Vec<String>> {
        let local = self.email_local.as_deref().or(self.handle.as_deref())?;
        let mut words: Vec<String> = local
            .split(['.', '_', '-'])
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        words.sort_unstable();
        Some(words)
    }

    fn label(&self) -> String {
        if self.name.is_empty() {
            self.email_local
                .clone()
                .or_else(|| self.handle.clone())
                .unwrap_or_default()
        } else {
            self.name.clone()
        }
    }
}

/// A roster line: how it was written, the person read from it, and what it is compared by.
#[derive(Clone, Debug)]
struct Line {
    /// Where the line is in the roster it was read from (`None` for one pushed since).
    at: Option<usize>,
    display: String,
    person: Person,
    keys: Keys,
    /// The address written on the line, if any.
    raw_email: Option<String>,
}

/// What two people are compared by (see [`same`]), worked out once per roster line: a typed
/// owner is compared with every line, on every keystroke.
#[derive(Clone, Debug)]
struct Keys {
    /// The address's local part, else the handle.
    local: Option<String>,
    email_local: Option<String>,
    /// The name words, sorted; the address's words when there is no name.
    names: Option<Vec<String>>,
    address: Option<Vec<String>>,
    label: String,
}

impl Keys {
    fn of(p: &Person) -> Keys {
        let address = p.address_words();
        Keys {
            local: p.email_local.clone().or_else(|| p.handle.clone()),
            email_local: p.email_local.clone(),
            names: if p.name.is_empty() {
                address.clone()
            } else {
                Some(p.words())
            },
            address,
            label: p.label(),
        }
    }
}

/// Reads roster lines; a line that is not one person (a team, two people) is left out.
fn read_lines(people: &[String]) -> Vec<Line> {
    people
        .iter()
        .enumerate()
        .filter_map(|(at, raw)| read_line(Some(at), raw))
        .collect()
}

fn read_line(at: Option<usize>, raw: &str) -> Option<Line> {
    let raw = raw.trim();
    let person = read_owner(raw).ok()?;
    let display = raw.split('<').next().unwrap_or(raw).trim();
    Some(Line {
        at,
        display: if display.is_empty() { raw } else { display }.to_string(),
        keys: Keys::of(&person),
        person,
        raw_email: crate::people::email_in(raw),
    })
}

/// The parsed roster, kept per thread while `settings.people` does not change: validation
/// runs on every keystroke and a roster may hold hundreds of names.
struct Cache {
    raw: Vec<String>,
    lines: Vec<Line>,
}

thread_local! {
    static CACHE: RefCell<Option<Cache>> = const { RefCell::new(None) };
}

fn with_roster<R>(people: &[String], f: impl FnOnce(&[Line]) -> R) -> R {
    CACHE.with(|cell| {
        let mut cache = cell.borrow_mut();
        if cache.as_ref().is_none_or(|c| c.raw != people) {
            *cache = Some(Cache {
                raw: people.to_vec(),
                lines: read_lines(people),
            });
        }
        f(cache.as_ref().map_or(&[], |c| c.lines.as_slice()))
    })
}

/// A roster read once, to check many names against it (a pasted list of hundreds, the
/// workspace's owners on the settings screen).
pub struct Roster {
    lines: Vec<Line>,
}

impl Roster {
    pub fn new(people: &[String]) -> Roster {
        Roster {
            lines: read_lines(people),
        }
    }

    /// Whether `owner` is someone on the roster, however written ("Silva, Ana", "A. Silva",
    /// their address); an owner that is not one person is on no roster.
    pub fn has(&self, owner: &str) -> bool {
        read_owner(owner.trim()).is_ok_and(|person| on_roster(&person, &self.lines))
    }

    /// The address to reach `owner` at: the one written in it, else the roster's
    /// ([`Roster::email_of`]).
    pub fn address_of(&self, owner: &str) -> Option<String> {
        crate::people::email_in(owner).or_else(|| self.email_of(owner))
    }

    /// The address the roster gives `owner`: the one on the only line that is the same person
    /// ("Dana Okafor" finds "Okafor, Dana <dana@…>"). `None` when no line has an address or
    /// two people match ("A. Silva" with Ana and Alberto Silva listed): a reminder must not
    /// reach the wrong person.
    pub fn email_of(&self, owner: &str) -> Option<String> {
        let mut matches = self.lines_of(owner)?;
        let first = matches.next()?;
        if matches.any(|l| l.raw_email != first.raw_email) {
            return None;
        }
        first.raw_email.clone()
    }

    /// Adds a line (one the roster would read: see [`entry_problem`]).
    pub fn push(&mut self, entry: &str) {
        self.lines.extend(read_line(None, entry));
    }

    /// Where in the roster `owner` is written without an address: the position of the only
    /// line that is the same person, when that line has no address. `None` when no line or
    /// two lines match (an address must not go to the wrong person), or the line has one.
    pub fn unaddressed(&self, owner: &str) -> Option<usize> {
        let mut matches = self.lines_of(owner)?;
        let line = matches.next()?;
        if matches.next().is_some() || line.raw_email.is_some() {
            return None;
        }
        line.at
    }

    /// The lines that are the same person as `owner` ([`same`]; not the single-word match of
    /// the owner check); `None` when `owner` is not one person.
    fn lines_of(&self, owner: &str) -> Option<impl Iterator<Item = &Line>> {
        let keys = Keys::of(&read_owner(owner.trim()).ok()?);
        Some(self.lines.iter().filter(move |l| same(&keys, &l.keys)))
    }
}

/// Why a roster entry is not one person, in a few words ("a team, a role or a rotation, not a
/// person"); `None` when it is one.
pub fn entry_problem(entry: &str) -> Option<String> {
    let problem = read_owner(entry.trim()).err()?;
    Some(match problem {
        Problem::Empty => "no name or address".into(),
        Problem::Placeholder(p) => format!("“{p}” is a placeholder, not a person"),
        Problem::Several => "several people: write one person a line".into(),
        Problem::Mailbox { local, .. } => format!("“{local}@…” is a shared mailbox, not a person"),
        Problem::Team(word) => format!("“{word}” is a team, a role or a rotation, not a person"),
        Problem::NotAPerson(word) => format!("“{word}” is not a name"),
    })
}

fn on_roster(person: &Person, lines: &[Line]) -> bool {
    let keys = Keys::of(person);
    lines.iter().any(|l| same(&keys, &l.keys)) || single_word_match(person, lines)
}

/// A roster warning: what to say and the nearest name.
pub(super) struct Miss {
    pub message: String,
    pub nearest: String,
}

/// Whether `person` (typed as `typed`) is off the roster, or a typo away from a known owner.
pub(super) fn miss(person: &Person, settings: &Settings, typed: &str) -> Option<Miss> {
    if settings.people.is_empty() {
        return None;
    }
    with_roster(&settings.people, |lines| {
        if on_roster(person, lines) {
            return None;
        }
        let nearest = nearest(&person.label(), lines)?;
        Some(Miss {
            message: format!(
                "{typed} is not on the workspace's people roster: is it {}? Add new people to \
                 the roster.",
                nearest.display
            ),
            nearest: format!("{} — or add {typed} to the roster", nearest.display),
        })
    })
}

/// The line whose name is the fewest edits away from `label`. Names whose lengths differ by
/// more than the best distance so far are not measured (the difference is a lower bound).
fn nearest<'a>(label: &str, lines: &'a [Line]) -> Option<&'a Line> {
    let length = label.chars().count();
    let mut best: Option<(usize, &Line)> = None;
    for line in lines {
        let other = line.keys.label.chars().count();
        if best.is_some_and(|(d, _)| length.abs_diff(other) >= d) {
            continue;
        }
        let d = distance(label, &line.keys.label);
        if best.is_none_or(|(b, _)| d < b) {
            best = Some((d, line));
        }
    }
    best.map(|(_, line)| line)
}

/// The same person: the same address, the same name words in any order ("Chen Mei"), a name
/// matching an address (`ana.silva` ↔ Ana Silva), or initials ("A. Silva").
fn same(a: &Keys, b: &Keys) -> bool {
    if let (Some(x), Some(y)) = (&a.local, &b.email_local) {
        if x == y {
            return true;
        }
    }
    let (Some(x), Some(y)) = (&a.names, &b.names) else {
        return false;
    };
    x == y || a.address.as_ref() == Some(y) || initials_match(x, y)
}

/// "A. Silva" against Ana Silva: every word is a word of the other or the initial of one, at
/// least one is whole.
fn initials_match(short: &[String], full: &[String]) -> bool {
    // Which words of `full` are matched, as bits: names have a few words.
    if short.len() < 2 || short.len() > full.len() || full.len() > 64 {
        return false;
    }
    let mut used = 0u64;
    let free = |used: u64, i: usize| used & (1 << i) == 0;
    let mut whole = 0;
    for w in short {
        let exact = full
            .iter()
            .enumerate()
            .position(|(i, f)| free(used, i) && f == w);
        let initial = || {
            let mut c = w.chars();
            let first = c.next()?;
            c.next().is_none().then_some(())?;
            full.iter()
                .enumerate()
                .position(|(i, f)| free(used, i) && f.starts_with(first))
        };
        match exact {
            Some(i) => {
                used |= 1 << i;
                whole += 1;
            }
            None => match initial() {
                Some(i) => used |= 1 << i,
                None => return false,
            },
        }
    }
    whole > 0
}

/// One word ("Priya") that names exactly one person on the roster.
fn single_word_match(person: &Person, lines: &[Line]) -> bool {
    let words = person.words();
    let [word] = words.as_slice() else {
        return false;
    };
    lines
        .iter()
        .filter(|l| l.person.name.split_whitespace().any(|w| w == word))
        .count()
        == 1
}

/// Edit distance (Levenshtein) by characters, over the first 64 of each: names are shorter,
/// and a pasted essay must not cost a keystroke seconds. One row on the stack; no allocation.
fn distance(a: &str, b: &str) -> usize {
    const LONGEST: usize = 64;
    let mut b_chars = ['\0'; LONGEST];
    let mut b_len = 0;
    for (slot, c) in b_chars.iter_mut().zip(b.chars()) {
        *slot = c;
        b_len += 1;
    }
    let b = b_chars.get(..b_len).unwrap_or(&[]);
    let mut row = [0usize; LONGEST + 1];
    for (j, cell) in row.iter_mut().enumerate() {
        *cell = j;
    }
    for (i, ca) in a.chars().take(LONGEST).enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            let value = (diagonal + usize::from(ca != *cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
            row[j + 1] = value;
        }
    }
    row[b_len]
}

/// Lowercase, without accents or typographic apostrophes: "Nguyễn" → "nguyen", "O’Brien" →
/// "o'brien". Only Latin letters are folded; other scripts stay as they are, lowercased.
pub(super) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if c == '’' || c == '‘' {
            out.push('\'');
            continue;
        }
        match latin_base(c) {
            Some(base) => out.push_str(base),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The base letters of an accented Latin letter.
fn latin_base(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāăąǎạảấầẩẫậắằẳẵặÀÁÂÃÄÅĀĂĄǍẠẢẤẦẨẪẬẮẰẲẴẶ", "a"),
        ("çćĉċčÇĆĈĊČ", "c"),
        ("ďđĎĐ", "d"),
        ("èéêëēĕėęěẹẻẽếềểễệÈÉÊËĒĔĖĘĚẸẺẼẾỀỂỄỆ", "e"),
        ("ĝğġģĜĞĠĢ", "g"),
        ("ĥħĤĦ", "h"),
        ("ìíîïĩīĭįıǐỉịÌÍÎÏĨĪĬĮİǏỈỊ", "i"),
        ("ĵĴ", "j"),
        ("ķĶ", "k"),
        ("ĺļľŀłĹĻĽĿŁ", "l"),
        ("ñńņňÑŃŅŇ", "n"),
        ("òóôõöøōŏőơǒọỏốồổỗộớờởỡợÒÓÔÕÖØŌŎŐƠǑỌỎỐỒỔỖỘỚỜỞỠỢ", "o"),
        ("ŕŗřŔŖŘ", "r"),
        ("śŝşšșŚŜŞŠȘ", "s"),
        ("ţťŧțŢŤŦȚ", "t"),
        ("ùúûüũūŭůűųưǔụủứừửữựÙÚÛÜŨŪŬŮŰŲƯǓỤỦỨỪỬỮỰ", "u"),
        ("ŵŴ", "w"),
        ("ýÿŷỳỵỷỹÝŸŶỲỴỶỸ", "y"),
        ("źżžŹŻŽ", "z"),
        ("ß", "ss"),
        ("æÆ", "ae"),
        ("œŒ", "oe"),
        ("þÞ", "th"),
        ("ðÐ", "d"),
    ];
    TABLE
        .iter()
        .find(|(chars, _)| chars.contains(c))
        .map(|(_, base)| *base)
}
