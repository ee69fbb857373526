//! The people roster (DOMAIN.md §5.1): the workspace's `settings.people` and the people who
//! already own items. When `settings.people` is not empty, an owner on neither warns with the
//! nearest name. Without it nothing is checked: a first item for a new colleague is normal.

use std::cell::RefCell;

use super::owner::read_owner;
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

/// A roster line: how it was written, and the person read from it.
#[derive(Clone, Debug)]
struct Line {
    display: String,
    person: Person,
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
            let lines = people
                .iter()
                .filter_map(|raw| {
                    let raw = raw.trim();
                    let person = read_owner(raw).ok()?;
                    let display = raw.split('<').next().unwrap_or(raw).trim();
                    Some(Line {
                        display: if display.is_empty() { raw } else { display }.to_string(),
                        person,
                    })
                })
                .collect();
            *cache = Some(Cache {
                raw: people.to_vec(),
                lines,
            });
        }
        f(cache.as_ref().map_or(&[], |c| c.lines.as_slice()))
    })
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
        if lines.iter().any(|l| same(person, &l.person)) || single_word_match(person, lines) {
            return None;
        }
        let label = person.label();
        let nearest = lines
            .iter()
            .min_by_key(|l| distance(&label, &l.person.label()))?;
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

/// The same person: the same address, the same name words in any order ("Chen Mei"), a name
/// matching an address (`ana.silva` ↔ Ana Silva), or initials ("A. Silva").
fn same(a: &Person, b: &Person) -> bool {
    let local = |p: &Person| p.email_local.clone().or_else(|| p.handle.clone());
    if let (Some(x), Some(y)) = (local(a), b.email_local.clone()) {
        if x == y {
            return true;
        }
    }
    let names = |p: &Person| {
        if p.name.is_empty() {
            p.address_words()
        } else {
            Some(p.words())
        }
    };
    let (Some(x), Some(y)) = (names(a), names(b)) else {
        return false;
    };
    if x == y || a.address_words().as_ref() == Some(&y) {
        return true;
    }
    initials_match(&x, &y)
}

/// "A. Silva" against Ana Silva: every word is a word of the other or the initial of one, at
/// least one is whole.
fn initials_match(short: &[String], full: &[String]) -> bool {
    if short.len() < 2 || short.len() > full.len() {
        return false;
    }
    let mut used = vec![false; full.len()];
    let mut whole = 0;
    for w in short {
        let exact = full
            .iter()
            .enumerate()
            .position(|(i, f)| !used[i] && f == w);
        let initial = || {
            let mut c = w.chars();
            let first = c.next()?;
            c.next().is_none().then_some(())?;
            full.iter()
                .enumerate()
                .position(|(i, f)| !used[i] && f.starts_with(first))
        };
        match exact {
            Some(i) => {
                used[i] = true;
                whole += 1;
            }
            None => match initial() {
                Some(i) => used[i] = true,
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
