//! The JSON scanning under the direct reader: a cursor over the text that reads one plain
//! value at a time (strings without escapes, plain digits, literals, dates, lists into
//! exact-length vectors) and gives up (`None`) on anything else, and hands rare parts to serde.

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;

use super::super::{instant, ActionItem, HistoryEntry, Level, PostMortem};

/// Reads one value that must be the whole of `text` (whitespace aside).
pub(super) fn whole<'a, T>(
    text: &'a str,
    read: impl FnOnce(&mut Reader<'a>) -> Option<T>,
) -> Option<T> {
    let mut reader = Reader {
        text,
        pos: 0,
        strings: Vec::new(),
        entries: Vec::new(),
        items: Vec::new(),
        postmortems: Vec::new(),
    };
    reader.skip_whitespace();
    let value = read(&mut reader)?;
    reader.skip_whitespace();
    (reader.pos == text.len()).then_some(value)
}

/// Deeper values than this inside a part handed to serde are left to the full serde read,
/// whose depth limit counts from the top of the document.
const MAX_DEPTH: usize = 64;

/// Where a string's text ends: the index of the first `"`, `\\` or control character, whichever
/// comes first. Eight bytes at a time, as serde_json does it: within a word, the lowest byte
/// flagged by each test is a true match (borrows only spread upwards).
pub(super) fn string_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES << 7;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let found = ((word.wrapping_sub(ONES * 0x20) & !word)
            | (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash))
            & HIGH;
        if found != 0 {
            return Some(offset + found.trailing_zeros() as usize / 8);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|i| offset + i)
}

pub(super) struct Reader<'a> {
    text: &'a str,
    pos: usize,
    /// Lists are read into these first, and then moved into vectors of exactly their length:
    /// no vector grows and copies itself as it is read, and none keeps spare room in the
    /// workspace (a vector left to grow to ten items has room for sixteen).
    strings: Vec<String>,
    entries: Vec<HistoryEntry>,
    items: Vec<ActionItem>,
    postmortems: Vec<PostMortem>,
}

/// The reader's buffer for lists of `T`.
pub(super) trait Buffer<T> {
    fn buffer(&mut self) -> &mut Vec<T>;
}

impl Buffer<String> for Reader<'_> {
    fn buffer(&mut self) -> &mut Vec<String> {
        &mut self.strings
    }
}

impl Buffer<HistoryEntry> for Reader<'_> {
    fn buffer(&mut self) -> &mut Vec<HistoryEntry> {
        &mut self.entries
    }
}

impl Buffer<ActionItem> for Reader<'_> {
    fn buffer(&mut self) -> &mut Vec<ActionItem> {
        &mut self.items
    }
}

impl Buffer<PostMortem> for Reader<'_> {
    fn buffer(&mut self) -> &mut Vec<PostMortem> {
        &mut self.postmortems
    }
}

/// An object being read: whether a comma comes before the next key.
pub(super) struct Object {
    first: bool,
}

impl<'a> Reader<'a> {
    pub(super) fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    pub(super) fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.bytes().get(self.pos) {
            self.pos += 1;
        }
    }

    pub(super) fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.bytes().get(self.pos).copied()
    }

    pub(super) fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    pub(super) fn literal(&mut self, word: &[u8]) -> Option<()> {
        self.skip_whitespace();
        let end = self.pos + word.len();
        (self.bytes().get(self.pos..end)? == word).then(|| self.pos = end)
    }

    pub(super) fn open(&mut self) -> Option<Object> {
        self.eat(b'{')?;
        Some(Object { first: true })
    }

    pub(super) fn close(&mut self, _: Object) -> Option<()> {
        self.eat(b'}')
    }

    /// The value of key `name` if it comes next: `Some(None)` if another key or the end of
    /// the object comes instead (the field is absent here), `None` if the value is not one
    /// this reader takes.
    pub(super) fn field<T>(
        &mut self,
        object: &mut Object,
        name: &str,
        read: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<Option<T>> {
        let start = self.pos;
        if !self.key(object.first, name) {
            self.pos = start;
            return Some(None);
        }
        object.first = false;
        read(self).map(Some)
    }

    /// Reads `,"name":` (no comma first in an object); false, having read some of it, if the
    /// text differs.
    pub(super) fn key(&mut self, first: bool, name: &str) -> bool {
        if !first && self.eat(b',').is_none() {
            return false;
        }
        self.skip_whitespace();
        let (bytes, at, name) = (self.bytes(), self.pos, name.as_bytes());
        let end = at + name.len() + 2;
        let Some([b'"', key @ .., b'"']) = bytes.get(at..end) else {
            return false;
        };
        if key != name {
            return false;
        }
        self.pos = end;
        self.eat(b':').is_some()
    }

    /// A string without escapes, borrowed from the text.
    pub(super) fn plain_str(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let (start, bytes) = (self.pos, self.bytes());
        let end = start + string_end(bytes.get(start..)?)?;
        (bytes[end] == b'"').then(|| {
            self.pos = end + 1;
            // Both ends are at ASCII bytes, so on character boundaries.
            &self.text[start..end]
        })
    }

    pub(super) fn string(&mut self) -> Option<String> {
        self.skip_whitespace();
        let start = self.pos;
        if let Some(text) = self.plain_str() {
            return Some(text.to_owned());
        }
        // Escapes (or an error) are serde's to read: plainly, as a string's `Deserialize` is
        // small, and escapes are common enough that this should stay quick.
        self.pos = start;
        self.skip_value()?;
        serde_json::from_str(&self.text[start..self.pos]).ok()
    }

    pub(super) fn strings(&mut self) -> Option<Vec<String>> {
        self.list(Self::string)
    }

    /// A name from a closed set: one of `all`, as `name` spells it.
    pub(super) fn one_of<T: Copy>(&mut self, all: &[T], name: fn(T) -> &'static str) -> Option<T> {
        let text = self.plain_str()?;
        all.iter().copied().find(|&value| name(value) == text)
    }

    /// A non-negative integer in plain digits; anything else (a sign, a fraction, an
    /// exponent, too large) is serde's to judge.
    pub(super) fn u32(&mut self) -> Option<u32> {
        self.skip_whitespace();
        let (start, bytes) = (self.pos, self.bytes());
        let digits = bytes
            .get(start..)?
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let end = start + digits;
        if digits == 0
            || (digits > 1 && bytes[start] == b'0')
            || matches!(bytes.get(end), Some(b'.' | b'e' | b'E'))
        {
            return None;
        }
        self.pos = end;
        self.text[start..end].parse().ok()
    }

    pub(super) fn level(&mut self) -> Option<Level> {
        Level::new(u8::try_from(self.u32()?).ok()?)
    }

    pub(super) fn bool(&mut self) -> Option<bool> {
        match self.peek()? {
            b't' => self.literal(b"true").map(|()| true),
            _ => self.literal(b"false").map(|()| false),
        }
    }

    pub(super) fn nullable<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<Option<T>> {
        if self.peek()? == b'n' {
            self.literal(b"null").map(|()| None)
        } else {
            read(self).map(Some)
        }
    }

    /// As `instant::optional_date` reads a string.
    pub(super) fn date(&mut self) -> Option<NaiveDate> {
        let text = self.plain_str()?;
        instant::fast_date(text).or_else(|| instant::chrono_date(text).ok())
    }

    /// As `instant::required` reads a string.
    pub(super) fn instant(&mut self) -> Option<DateTime<Utc>> {
        let text = self.plain_str()?;
        instant::fast(text).or_else(|| instant::chrono_instant(text).ok())
    }

    /// A list, gathered in the reader's buffer for its kind and then moved into a vector of
    /// exactly its length.
    pub(super) fn list<T>(&mut self, mut read: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>>
    where
        Self: Buffer<T>,
    {
        self.eat(b'[')?;
        if self.peek()? == b']' {
            self.pos += 1;
            return Some(Vec::new());
        }
        // Taken, so that a list of the same kind inside this one would get a buffer of its own.
        let mut buffer = std::mem::take(self.buffer());
        loop {
            buffer.push(read(self)?);
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    break;
                }
                _ => return None,
            }
        }
        let mut list = Vec::with_capacity(buffer.len());
        list.append(&mut buffer);
        *self.buffer() = buffer;
        Some(list)
    }

    /// The next value, read by serde on its own. Through the same deserializer as the full
    /// serde read (`storage::parse_whole`, which accepts exactly what
    /// `serde_json::from_str` does), so that these parts' `Deserialize` is in the wasm once;
    /// they are rare (settings once, blocks, deferrals, escalations and wins where present).
    pub(super) fn delegate<T: DeserializeOwned>(&mut self) -> Option<T> {
        self.skip_whitespace();
        let start = self.pos;
        self.skip_value()?;
        crate::storage::parse_whole(&self.text[start..self.pos])
    }

    /// Past the next value, by its brackets and strings only: serde checks the rest.
    pub(super) fn skip_value(&mut self) -> Option<()> {
        let bytes = self.bytes();
        let mut depth = 0usize;
        loop {
            let byte = *bytes.get(self.pos)?;
            match byte {
                b'"' => self.skip_string()?,
                b'{' | b'[' if depth == MAX_DEPTH => return None,
                b'{' | b'[' => depth += 1,
                b'}' | b']' | b',' if depth == 0 => return Some(()),
                b'}' | b']' => depth -= 1,
                _ => {}
            }
            if byte != b'"' {
                self.pos += 1;
            }
            if depth == 0 && matches!(byte, b'"' | b'}' | b']') {
                return Some(());
            }
        }
    }

    /// From an opening quote to past its closing one.
    pub(super) fn skip_string(&mut self) -> Option<()> {
        let bytes = self.bytes();
        self.pos += 1;
        loop {
            match *bytes.get(self.pos)? {
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                b'\\' => self.pos += 2,
                _ => self.pos += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_end_of_a_string() {
        for (text, end) in [
            ("\"", 0),
            ("abc\"", 3),
            ("abcdefgh\"", 8),
            ("abcdefghijklmno\\", 15),
            ("abcdefghij\u{1}", 10),
            ("é€\u{1F600}abcdefg\"", 16),
            ("\u{7f}\u{80}abcdefghij\"", 13),
        ] {
            assert_eq!(string_end(text.as_bytes()), Some(end), "{text:?}");
        }
        assert_eq!(string_end(b"abcdefghijkl"), None);
    }
}
