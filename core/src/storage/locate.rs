//! The place of a parse error, named from the text after a plain `serde_json` parse failed.
//!
//! Why: tracking the path while parsing (`serde_path_to_error`) wraps every visitor of the
//! model, about 4 KB brotli of the wasm (docs/SIZE.md) and time on every read, for the rare
//! bad one. Here the parse is plain, and only when it fails is the text up to
//! serde_json's line and column walked again to say where it stood, in the form
//! `serde_path_to_error` gives: keys joined by `.`, indexes as `[i]`, `?` for a place between
//! an object's entries, `.` for the top. The rules below follow where serde_json puts each
//! kind of error and which value `serde_path_to_error` blames for it; a property test holds
//! them to that crate over damaged documents (`locate/tests.rs`).
//!
//! The model is plain structs, lists, options and unit enums, read from objects keyed by
//! field name; nothing is buffered (no internally tagged or untagged enums, no `flatten`),
//! which is what lets the text alone decide.

use serde_json::error::Category;

/// The model's fields that hold an object or a list, `|`-separated (a test holds this to the exchange
/// schema, plus `postmortem` of a post-mortem export). serde skips the value of any other key
/// whole, so an error inside it is put on that key, not deeper.
const CONTAINER_FIELDS: &str = concat!(
    "acceptable_days|action_items|backlog_age_p90_days|backlog_size|blocked|",
    "check_in_days|completion_rate|created_closed_ratio|deadlines|decay|deferral|",
    "escalation|follow_up|future_considerations|green|history|linked_items|metrics|",
    "no_progress_days|on_time_rate|people|postmortem|postmortems|priority_reasons|",
    "recurrence|recurrence_of|red|review|scoring|settings|tags|target_days|",
    "time_to_close_days|verification|wins",
);

/// The path `serde_path_to_error` would give for `error`, which a plain parse of `text`
/// (one value, then `end()`) returned.
pub(crate) fn error_path(text: &str, error: &serde_json::Error) -> String {
    let offset = byte_offset(text, error.line(), error.column());
    let message = error.to_string();
    match error.classify() {
        // serde_json stopped after the bad value (or before a `[`/`{` of the wrong type).
        Category::Data => {
            let scan = Scan::up_to(text, offset);
            let blame = match scan.frames.last() {
                // A key read, no value yet: the object's own checks (a duplicate field, an
                // unknown variant) blame the object; a key's own type (an unknown field) the key.
                Some(Frame::Map {
                    phase: Phase::AfterKey,
                    ..
                }) if !message.starts_with("unknown field") => Blame::Container,
                Some(Frame::Map {
                    phase: Phase::BeforeKey,
                    bound: true,
                    ..
                }) => Blame::Container,
                _ => Blame::Slot,
            };
            let mut path = scan.path(blame);
            // A bound written as a bare variant name (`"red": "less_than"`): serde read the
            // variant, then found no value for it.
            if message.starts_with("invalid type: unit variant") {
                if let Some((start, end)) = scan.last_string {
                    scan.push_key(&mut path, &decode(&text[start..end]));
                }
            }
            path
        }
        Category::Eof => {
            let scan = Scan::up_to(text, text.len());
            let blame = match (scan.frames.last(), scan.open_token) {
                (
                    Some(Frame::Map {
                        bound: true, phase, ..
                    }),
                    token,
                ) => match phase {
                    Phase::BeforeValue => Blame::Slot,
                    Phase::InValue if token == Some(Token::Value { complete: false }) => {
                        Blame::Slot
                    }
                    _ => Blame::Container,
                },
                (_, Some(Token::Key)) => Blame::Unknown,
                (_, Some(Token::Value { complete: false })) => Blame::Slot,
                (Some(Frame::Seq { .. }), _) => Blame::Container,
                (Some(Frame::Map { phase, .. }), _) => match phase {
                    Phase::AfterKey => Blame::Container,
                    Phase::BeforeValue => Blame::Slot,
                    _ => Blame::Unknown,
                },
                (None, _) => Blame::Slot,
            };
            scan.path(blame)
        }
        // serde_json peeked at the offending byte: the text before it is what it had read.
        Category::Syntax | Category::Io => {
            // A metric bound read in full, then not its `}`: serde_json says so at the byte
            // after the value, without reading it.
            if message.starts_with("expected value") {
                let scan = Scan::up_to(text, offset);
                if let Some(Frame::Map {
                    bound: true,
                    phase: Phase::AfterValue,
                    ..
                }) = scan.frames.last()
                {
                    return scan.path(Blame::Container);
                }
            }
            let scan = Scan::up_to(text, offset.saturating_sub(1));
            if let Some(Frame::Map {
                bound: true, phase, ..
            }) = scan.frames.last()
            {
                // In a bound the key and its `:` are the variant, read by the enum itself.
                let blame = match phase {
                    Phase::BeforeKey | Phase::AfterKey => Blame::Container,
                    _ if scan.open_token == Some(Token::Key) => Blame::Container,
                    _ => Blame::Slot,
                };
                return scan.path(blame);
            }
            let between_entries = message.starts_with("expected `,` or `}`")
                || message.starts_with("key must be a string");
            let blame = if message.starts_with("trailing characters")
                || message.starts_with("expected `,` or `]`")
                || message.starts_with("expected `:`")
            {
                Blame::Container
            } else if message.starts_with("trailing comma") {
                match scan.frames.last() {
                    Some(Frame::Map { .. }) => Blame::Unknown,
                    _ => Blame::Container,
                }
            } else if between_entries || scan.open_token == Some(Token::Key) {
                Blame::Unknown
            } else {
                Blame::Slot
            };
            scan.path(blame)
        }
    }
}

/// Byte offset of serde_json's (line, column): the column counts bytes read on that line.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(at, _)| at + 1)
    };
    (start + column).min(text.len())
}

/// Which value the error is put on, in the innermost open container.
#[derive(Clone, Copy, PartialEq)]
enum Blame {
    /// The current element or entry value (`[2]`, `.impact`).
    Slot,
    /// The list or object itself.
    Container,
    /// Between an object's entries, before a key was read (`.?`).
    Unknown,
}

#[derive(Clone, Copy, PartialEq)]
enum Phase {
    BeforeKey,
    AfterKey,
    BeforeValue,
    InValue,
    AfterValue,
}

enum Frame {
    /// `count` elements begun so far; `open` while the last of them is being read.
    Seq { count: usize, open: bool },
    /// The last key read, as its span in the text (quotes included). `bound`: a metric's
    /// `green` or `red` (`settings::Bound`), an enum written `{"variant": value}`, whose key
    /// serde reads as the variant, not as an entry.
    Map {
        key: Option<(usize, usize)>,
        phase: Phase,
        bound: bool,
    },
}

#[derive(Clone, Copy, PartialEq)]
enum Token {
    /// A key string that the scan stopped inside.
    Key,
    /// A value token the scan stopped inside; `complete` if it could end there (`12`, `true`).
    Value { complete: bool },
    /// Inside a value serde skips whole (under a key the model does not have).
    Skipped,
}

struct Scan<'a> {
    text: &'a str,
    frames: Vec<Frame>,
    open_token: Option<Token>,
    /// The last string value read, as its span (quotes included).
    last_string: Option<(usize, usize)>,
}

impl<'a> Scan<'a> {
    /// The containers open after reading `text[..end]`, which serde_json accepted.
    fn up_to(text: &'a str, end: usize) -> Scan<'a> {
        let mut scan = Scan {
            text,
            frames: Vec::new(),
            open_token: None,
            last_string: None,
        };
        let bytes = &text.as_bytes()[..end];
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            at += 1;
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' => {}
                b'{' | b'[' if scan.skipped_here() => {
                    scan.value_begins();
                    match container_end(bytes, at - 1) {
                        Some(after) => {
                            at = after;
                            scan.value_ends();
                        }
                        None => {
                            scan.open_token = Some(Token::Skipped);
                            return scan;
                        }
                    }
                }
                b'{' => {
                    if !scan.value_begins() {
                        return scan;
                    }
                    let bound = scan.at_bound();
                    scan.frames.push(Frame::Map {
                        key: None,
                        phase: Phase::BeforeKey,
                        bound,
                    });
                }
                b'[' => {
                    if !scan.value_begins() {
                        return scan;
                    }
                    scan.frames.push(Frame::Seq {
                        count: 0,
                        open: false,
                    });
                }
                b'}' | b']' => {
                    scan.frames.pop();
                    scan.value_ends();
                }
                b',' => match scan.frames.last_mut() {
                    Some(Frame::Seq { open, .. }) => *open = false,
                    Some(Frame::Map { phase, .. }) => *phase = Phase::BeforeKey,
                    None => {}
                },
                b':' => {
                    if let Some(Frame::Map { phase, .. }) = scan.frames.last_mut() {
                        *phase = Phase::BeforeValue;
                    }
                }
                b'"' => {
                    let start = at - 1;
                    let is_key = matches!(
                        scan.frames.last(),
                        Some(Frame::Map {
                            phase: Phase::BeforeKey,
                            ..
                        })
                    );
                    if !is_key && !scan.value_begins() {
                        return scan;
                    }
                    match string_end(bytes, at) {
                        Some(after) => {
                            at = after;
                            if is_key {
                                if let Some(Frame::Map { key, phase, .. }) = scan.frames.last_mut()
                                {
                                    *key = Some((start, after));
                                    *phase = Phase::AfterKey;
                                }
                            } else {
                                scan.last_string = Some((start, after));
                                scan.value_ends();
                            }
                        }
                        None => {
                            scan.open_token = Some(if is_key {
                                Token::Key
                            } else {
                                Token::Value { complete: false }
                            });
                            return scan;
                        }
                    }
                }
                _ => {
                    let start = at - 1;
                    if !scan.value_begins() {
                        return scan;
                    }
                    while at < bytes.len() && is_bare(bytes[at]) {
                        at += 1;
                    }
                    if at == bytes.len() {
                        let token = &bytes[start..at];
                        let complete = token.last().is_some_and(u8::is_ascii_digit)
                            || matches!(token, b"true" | b"false" | b"null");
                        scan.open_token = Some(Token::Value { complete });
                        if complete {
                            scan.value_ends();
                        }
                        return scan;
                    }
                    scan.value_ends();
                }
            }
        }
        scan
    }

    /// Whether a value starting here is under a key the model does not have.
    fn skipped_here(&self) -> bool {
        match self.frames.last() {
            Some(Frame::Map {
                key: Some((start, end)),
                phase: Phase::BeforeValue,
                bound: false,
            }) => {
                let key = decode(&self.text[*start..*end]);
                !CONTAINER_FIELDS.split('|').any(|field| field == key)
            }
            _ => false,
        }
    }

    /// A value starts; false where a key should be (serde_json stops there).
    fn value_begins(&mut self) -> bool {
        match self.frames.last_mut() {
            Some(Frame::Seq { count, open }) => {
                *count += 1;
                *open = true;
            }
            Some(Frame::Map {
                phase: Phase::BeforeKey,
                ..
            }) => return false,
            Some(Frame::Map { phase, .. }) => *phase = Phase::InValue,
            None => {}
        }
        true
    }

    /// Whether an object starting here is a `settings::Bound`: `….metrics.<metric>.green`
    /// (or `red`), the only enum with data in the model.
    fn at_bound(&self) -> bool {
        let key = |back: usize| {
            let frame = self.frames.len().checked_sub(back)?;
            match self.frames.get(frame)? {
                Frame::Map {
                    key: Some((start, end)),
                    ..
                } => Some(decode(&self.text[*start..*end])),
                _ => None,
            }
        };
        matches!(key(1).as_deref(), Some("green" | "red")) && key(3).as_deref() == Some("metrics")
    }

    fn value_ends(&mut self) {
        if let Some(Frame::Map { phase, .. }) = self.frames.last_mut() {
            *phase = Phase::AfterValue;
        }
    }

    /// The path to the innermost container, then `blame`'s segment in it.
    fn path(&self, blame: Blame) -> String {
        let blame = if self.open_token == Some(Token::Skipped) {
            Blame::Slot
        } else {
            blame
        };
        let mut path = String::new();
        let last = self.frames.len().saturating_sub(1);
        for (depth, frame) in self.frames.iter().enumerate() {
            let blame = if depth == last { blame } else { Blame::Slot };
            match (frame, blame) {
                (_, Blame::Container) => {}
                (Frame::Map { .. }, Blame::Unknown) => self.push_key(&mut path, "?"),
                (Frame::Seq { count, open }, _) => {
                    // Before an element begins, serde names the one about to be read.
                    let index = if *open { count - 1 } else { *count };
                    path.push_str(&format!("[{index}]"));
                }
                (Frame::Map { key, phase, .. }, Blame::Slot) => match key {
                    Some((start, end)) if *phase != Phase::BeforeKey => {
                        self.push_key(&mut path, &decode(&self.text[*start..*end]))
                    }
                    _ => self.push_key(&mut path, "?"),
                },
            }
        }
        if path.is_empty() {
            path.push('.');
        }
        path
    }

    fn push_key(&self, path: &mut String, key: &str) {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    }
}

/// A key as serde reads it (escapes resolved).
fn decode(quoted: &str) -> String {
    if quoted.contains('\\') {
        serde_json::from_str(quoted).unwrap_or_else(|_| quoted.trim_matches('"').to_string())
    } else {
        quoted.trim_matches('"').to_string()
    }
}

/// Just past the string's closing quote (`from` is just past its opening one), if within.
fn string_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    while from < bytes.len() {
        match bytes[from] {
            // serde_json takes the four bytes of a `\u` escape before it checks them.
            b'\\' if bytes.get(from + 1) == Some(&b'u') => from += 6,
            b'\\' => from += 2,
            b'"' => return Some(from + 1),
            _ => from += 1,
        }
    }
    None
}

/// Just past the container opening at `from`, if it closes within.
fn container_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    let mut depth = 0usize;
    while from < bytes.len() {
        match bytes[from] {
            b'"' => {
                from = string_end(bytes, from + 1)?;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(from + 1);
                }
            }
            _ => {}
        }
        from += 1;
    }
    None
}

/// Bytes of a number or `true`/`false`/`null`.
fn is_bare(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'+' | b'.')
}

#[cfg(test)]
mod tests;
