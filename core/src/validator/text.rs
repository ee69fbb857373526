//! One pass over a text into tokens and one lowercase buffer, and the word lists indexed for
//! lookup. [`super::validate`] runs on every keystroke, so nothing here uses a regex and a
//! lookup compares only the few phrases that could match.

use std::cell::Cell;

use super::class;
use super::words::Words;
use std::sync::OnceLock;

/// What a verb phrase of the lexicon is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LeadKind {
    Outcome,
    Process,
    Wish,
    Unknown,
    Empty,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Has at least one letter or digit; `lo` is its lowercase core.
    Word,
    /// A standalone punctuation mark: `,` `;` `&` `+` brackets, quotes.
    Punct(char),
    /// Other runs without letters or digits: bullets, dashes, `:`.
    Junk,
}

#[derive(Clone, Debug)]
pub(super) struct Tok<'a> {
    /// As typed, surrounding punctuation included ("Alice:", ">30s,").
    pub raw: &'a str,
    /// Byte offset of `raw` in the text.
    pub at: usize,
    /// Range of the lowercase core (no leading/trailing punctuation) in `Text::buf`.
    pub lo: (usize, usize),
    pub kind: Kind,
    /// The word's classes (see [`super::class`]), looked up on first use.
    pub class: Cell<u32>,
}

/// A class not looked up yet.
const UNKNOWN_CLASS: u32 = u32::MAX;

type VerbMemo = ((usize, bool), Option<(LeadKind, &'static str, usize)>);

/// A text split once into tokens, with one lowercase buffer for all of them.
pub(super) struct Text<'a> {
    pub src: &'a str,
    pub buf: String,
    pub toks: Vec<Tok<'a>>,
    /// The last verb lookup: prefix skipping and lead finding ask about the same word.
    pub verb_memo: Cell<Option<VerbMemo>>,
    ascii: bool,
}

fn is_standalone(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | '&'
            | '|'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '"'
            | '“'
            | '”'
            | '«'
            | '»'
            | '!'
            | '?'
            | '…'
            | '•'
            | '·'
            | '—'
            | '–'
    )
}

impl<'a> Text<'a> {
    pub fn new(text: &'a str) -> Text<'a> {
        let mut t = Text {
            src: text,
            buf: String::with_capacity(text.len() + 8),
            toks: Vec::with_capacity(text.len() / 4 + 2),
            verb_memo: Cell::new(None),
            ascii: false,
        };
        let mut start: Option<usize> = None;
        // Most titles are ASCII: walk bytes, which is several times cheaper than chars.
        t.ascii = text.is_ascii();
        if t.ascii {
            for (i, b) in text.bytes().enumerate() {
                t.step(i, char::from(b), &mut start, true);
            }
        } else {
            for (i, c) in text.char_indices() {
                t.step(i, c, &mut start, false);
            }
        }
        if let Some(s) = start {
            t.push_run(s, text.get(s..).unwrap_or(""), t.ascii);
        }
        t
    }

    /// One character of the text at byte `i`: ends a run of word characters, or starts one.
    #[inline]
    fn step(&mut self, i: usize, c: char, start: &mut Option<usize>, ascii: bool) {
        let text = self.src;
        let standalone = is_standalone(c) || standalone_angle(text, i, c);
        if c.is_whitespace() || c.is_control() || standalone {
            if let Some(s) = start.take() {
                self.push_run(s, text.get(s..i).unwrap_or(""), ascii);
            }
            if standalone {
                let at = self.buf.len();
                self.toks.push(Tok {
                    raw: text.get(i..i + c.len_utf8()).unwrap_or(""),
                    at: i,
                    lo: (at, at),
                    kind: Kind::Punct(c),
                    class: Cell::new(0),
                });
            }
        } else if start.is_none() {
            *start = Some(i);
        }
    }

    fn push_run(&mut self, at: usize, raw: &'a str, ascii: bool) {
        let core = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let lo = self.buf.len();
        let kind = if core.is_empty() {
            Kind::Junk
        } else if ascii {
            self.buf.push_str(core);
            if let Some(added) = self.buf.get_mut(lo..) {
                added.make_ascii_lowercase();
            }
            Kind::Word
        } else {
            for c in core.chars() {
                if c == '’' || c == '‘' {
                    self.buf.push('\'');
                } else {
                    self.buf.extend(c.to_lowercase());
                }
            }
            Kind::Word
        };
        self.toks.push(Tok {
            raw,
            at,
            lo: (lo, self.buf.len()),
            kind,
            class: Cell::new(UNKNOWN_CLASS),
        });
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The lowercase core of token `i` if it is a word.
    pub fn word(&self, i: usize) -> Option<&str> {
        let tok = self.toks.get(i)?;
        if tok.kind != Kind::Word {
            return None;
        }
        self.buf.get(tok.lo.0..tok.lo.1)
    }

    /// Whether word `i` is in any of the classes `bits`.
    pub fn is(&self, i: usize, bits: u32) -> bool {
        let Some(tok) = self.toks.get(i) else {
            return false;
        };
        let mut class = tok.class.get();
        if class == UNKNOWN_CLASS {
            class = self.word(i).map_or(0, class::of);
            tok.class.set(class);
        }
        class & bits != 0
    }

    pub fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// The text as typed from token `from` up to (not including) token `to`, trimmed of
    /// surrounding spaces and trailing sentence punctuation.
    pub fn span(&self, from: usize, to: usize) -> &'a str {
        let to = to.min(self.len());
        let (Some(first), Some(last)) = (
            self.toks.get(from),
            to.checked_sub(1).and_then(|l| self.toks.get(l)),
        ) else {
            return "";
        };
        if from >= to {
            return "";
        }
        self.src
            .get(first.at..last.at + last.raw.len())
            .unwrap_or("")
            .trim()
            .trim_end_matches(['.', ',', ';', ':', '!', '?'])
    }

    /// If `phrase` (space-separated words) matches consecutive words from `i`, the index after
    /// it. `stem_first` lets the first word carry an inflection ("adding", "reviewed").
    pub fn phrase_at(&self, i: usize, phrase: &str, stem_first: bool) -> Option<usize> {
        let mut at = i;
        for (n, part) in phrase.split(' ').enumerate() {
            let w = self.word(at)?;
            let ok = if n == 0 && stem_first {
                inflection_of(w, part)
            } else {
                w == part
            };
            if !ok {
                return None;
            }
            at += 1;
        }
        Some(at)
    }

    /// If the lexicon entry matches at `i`, the index after it (see [`Text::phrase_at`]).
    pub fn entry_at(&self, i: usize, e: &Entry, inflected: bool) -> Option<usize> {
        let w = self.word(i)?;
        let ok = if inflected {
            w.starts_with(e.stem) && inflection_of(w, e.first)
        } else {
            w == e.first
        };
        if !ok {
            return None;
        }
        if e.rest.is_empty() {
            Some(i + 1)
        } else {
            self.phrase_at(i + 1, e.rest, false)
        }
    }

    /// The first phrase of `lexicon` that occurs anywhere from `from` on, and where.
    pub fn find_any(
        &self,
        from: usize,
        lexicon: &Lexicon,
        inflected: bool,
    ) -> Option<(usize, &'static str)> {
        (from..self.len()).find_map(|i| {
            let w = self.word(i)?;
            lexicon
                .candidates(w)
                .iter()
                .find(|e| self.entry_at(i, e, inflected).is_some())
                .map(|e| (i, e.phrase))
        })
    }

    /// The first phrase of `lexicon` that occurs anywhere from `from` on.
    pub fn contains_any(&self, from: usize, lexicon: &Lexicon) -> Option<&'static str> {
        self.find_any(from, lexicon, false).map(|(_, p)| p)
    }

    pub fn words_from(&self, from: usize) -> impl Iterator<Item = (usize, &str)> + '_ {
        (from..self.len()).filter_map(move |i| self.word(i).map(|w| (i, w)))
    }
}

/// `<` and `>` stand alone around an address ("Ana <ana@x.io>"), not in a threshold (">30s").
fn standalone_angle(text: &str, i: usize, c: char) -> bool {
    match c {
        '<' => text
            .get(i + 1..)
            .is_some_and(|rest| rest.contains('@') && rest.contains('>')),
        '>' => text
            .get(..i)
            .is_some_and(|before| before.contains('<') && before.contains('@')),
        _ => false,
    }
}

/// `token` is `verb` or a regular inflection of it: adds, fixes, added, adding, pinned,
/// creating, applies. Compares slices; allocates nothing.
pub(super) fn inflection_of(token: &str, verb: &str) -> bool {
    if token == verb {
        return true;
    }
    if let Some(rest) = token.strip_prefix(verb) {
        if matches!(rest, "s" | "es" | "ed" | "ing") {
            return true;
        }
        if verb.ends_with('e') && rest == "d" {
            return true;
        }
        // Doubled final consonant: pin → pinned, pinning.
        if let Some(last) = verb.chars().last() {
            if let Some(tail) = rest.strip_prefix(last) {
                if matches!(tail, "ed" | "ing") && !matches!(last, 'a' | 'e' | 'i' | 'o' | 'u') {
                    return true;
                }
            }
        }
    }
    if let Some(stem) = verb.strip_suffix('e') {
        if token.strip_prefix(stem) == Some("ing") {
            return true;
        }
    }
    if let Some(stem) = verb.strip_suffix('y') {
        if matches!(token.strip_prefix(stem), Some("ies" | "ied")) {
            return true;
        }
    }
    false
}

pub(super) fn in_list(word: &str, list: &[&str]) -> bool {
    // Length and first byte first: most entries are rejected without a call to memcmp.
    let first = word.as_bytes().first();
    list.iter()
        .any(|w| w.len() == word.len() && w.as_bytes().first() == first && *w == word)
}

/// Word lists indexed by the first two letters of their first word, built once: a lookup
/// compares only the few phrases that could match instead of every list entry (this is what
/// keeps validation in the low microseconds).
pub(super) struct Lexicon {
    buckets: Vec<Vec<Entry>>,
}

/// One phrase of a list, split once: its first word, the shortest prefix every inflection of
/// that word starts with, and the words after it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Entry {
    pub phrase: &'static str,
    pub first: &'static str,
    pub stem: &'static str,
    pub rest: &'static str,
    pub kind: LeadKind,
}

/// The bucket of a word: its first two letters (a–z, or anything else as one more).
fn bucket(word: &str) -> usize {
    let letter = |b: Option<&u8>| match b {
        Some(b @ b'a'..=b'z') => usize::from(b - b'a'),
        _ => 26,
    };
    let bytes = word.as_bytes();
    letter(bytes.first()) * 27 + letter(bytes.get(1))
}

impl Lexicon {
    pub fn build(lists: &[(LeadKind, Words)]) -> Lexicon {
        let mut buckets: Vec<Vec<Entry>> = vec![Vec::new(); 27 * 27];
        for (kind, list) in lists {
            for phrase in list.iter() {
                let (first, rest) = phrase.split_once(' ').unwrap_or((phrase, ""));
                // "create" → "creat" (creating), "apply" → "appl" (applies).
                let stem = first
                    .strip_suffix('e')
                    .or_else(|| first.strip_suffix('y'))
                    .unwrap_or(first);
                if let Some(bucket) = buckets.get_mut(bucket(first)) {
                    bucket.push(Entry {
                        phrase,
                        first,
                        stem,
                        rest,
                        kind: *kind,
                    });
                }
            }
        }
        Lexicon { buckets }
    }

    /// The phrases whose first word starts like `word` (in list order).
    pub fn candidates(&self, word: &str) -> &[Entry] {
        self.buckets
            .get(bucket(word))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// A lexicon built once from one list.
pub(super) fn lexicon_of(cell: &'static OnceLock<Lexicon>, list: Words) -> &'static Lexicon {
    cell.get_or_init(|| Lexicon::build(&[(LeadKind::Unknown, list)]))
}

/// `s` with its first letter in capitals when it is ASCII (the word lists are; keeping to
/// ASCII keeps Unicode's upper-case table out of the wasm).
pub(super) fn capitalise(s: &str) -> String {
    let mut s = s.to_string();
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}
