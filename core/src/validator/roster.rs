//! The people roster (DOMAIN.md §5.1): the workspace's `settings.people` and the people who
//! already own items. An owner not on a non-empty roster warns with the nearest name; without
//! a roster, an owner new to the workspace who is a typo away from a known one warns too.

use std::cell::RefCell;

use super::owner::{read_owner, Known};
use super::owner_key;
use crate::settings::{Settings, NEAR_NAME_EDITS};

/// One person as read from an owner or a roster line: name words folded (lowercase, no
/// accents), and the local part of their address or their handle.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Person {
    pub words: Vec<String>,
    pub email_local: Option<String>,
    pub handle: Option<String>,
}

impl Person {
    pub fn new(name: String, email_local: Option<String>, handle: Option<String>) -> Person {
        let mut words: Vec<String> = name
            .split_whitespace()
            .filter(|w| !w.contains('@'))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
            .filter(|w| !w.is_empty())
            .collect();
        words.sort_unstable();
        Person {
            words,
            email_local,
            handle,
        }
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
        if self.words.is_empty() {
            self.email_local
                .clone()
                .or_else(|| self.handle.clone())
                .unwrap_or_default()
        } else {
            self.words.join(" ")
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
pub(super) fn miss(
    person: &Person,
    settings: &Settings,
    known: Option<Known>,
    typed: &str,
) -> Option<Miss> {
    if !settings.people.is_empty() {
        return with_roster(&settings.people, |lines| {
            if lines.iter().any(|l| same(person, &l.person)) || single_word_match(person, lines) {
                return None;
            }
            let nearest = lines
                .iter()
                .min_by_key(|l| distance(&person.label(), &l.person.label()))?;
            Some(Miss {
                message: format!(
                    "{typed} is not on the workspace's people roster: is it {}? Add new people to \
                     the roster.",
                    nearest.display
                ),
                nearest: format!("{} — or add {typed} to the roster", nearest.display),
            })
        });
    }
    // No roster: only a likely typo of someone who already owns items.
    let known = known?;
    let key = owner_key(typed);
    let limit = NEAR_NAME_EDITS;
    let (nearest, d) = known
        .owners
        .keys()
        .filter(|k| **k != key && k.len().abs_diff(key.len()) <= limit)
        .map(|k| (k, distance(&key, k)))
        .min_by_key(|(_, d)| *d)?;
    (d > 0 && d <= limit).then(|| {
        let name = title_case(nearest);
        Miss {
            message: format!(
                "{typed} owns nothing else here, and {name} does: did you mean {name}?"
            ),
            nearest: format!("{name} — or keep {typed} if that is someone else"),
        }
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
        if p.words.is_empty() {
            p.address_words()
        } else {
            Some(p.words.clone())
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
    let [word] = person.words.as_slice() else {
        return false;
    };
    lines
        .iter()
        .filter(|l| l.person.words.contains(word))
        .count()
        == 1
}

/// Edit distance (Levenshtein) by characters, over the first 64 of each: names are shorter,
/// and a pasted essay must not cost a keystroke seconds.
fn distance(a: &str, b: &str) -> usize {
    const LONGEST: usize = 64;
    let a: String = a.chars().take(LONGEST).collect();
    let b: Vec<char> = b.chars().take(LONGEST).collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let cost = usize::from(ca != *cb);
            let value = (diagonal + cost).min(above + 1).min(left + 1);
            diagonal = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

fn title_case(key: &str) -> String {
    key.split(' ')
        .map(super::text::capitalise)
        .collect::<Vec<_>>()
        .join(" ")
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
