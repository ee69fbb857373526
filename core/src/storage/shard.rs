//! One post-mortem as one compact localStorage value: a *shard*.
//!
//! `ft1:<bytes>:<packed>` — the post-mortem's JSON, compressed with raw DEFLATE (no zlib
//! header, so a browser inflates it with `new DecompressionStream('deflate-raw')`, as
//! `e2e/stored.mjs` does), then packed 15 bits per character.
//!
//! Why 15 bits per character: localStorage's quota counts UTF-16 code units, not bytes, and
//! values must be valid strings. Every packed character is `U+0800 + v` for a 15-bit `v`,
//! i.e. U+0800–U+87FF: one UTF-16 unit each, never a surrogate (U+D800–U+DFFF), never a
//! control character. 15 bits per unit is 1.875 bytes per unit, against 1 for base64-ish text.
//!
//! `<bytes>` is the exact length of the compressed data, so a truncated or padded value is
//! caught before inflating; the last character's unused low bits must be zero. Raw DEFLATE
//! carries no checksum (that is the price of browser compatibility), so damage inside the
//! stream is caught by the inflater or, failing that, by the JSON parse.
//!
//! A shard that is plain JSON (first non-blank character `{`) is read as is: a hand-edited
//! value, or one written by a tool that does not compress.

use std::fmt;

use super::parse_located;
use crate::model::PostMortem;

/// The format tag of the shards this build writes and reads.
pub const SHARD_TAG: &str = "ft1";

/// The first packed character: every value is `BASE + v`, `v` < 2^15.
const BASE: u32 = 0x0800;
const BITS: u32 = 15;
const MASK: u32 = (1 << BITS) - 1;

/// DEFLATE level, by measurement on the seeded 1,000 × 10 sample (13.7 KB of JSON per
/// post-mortem; native, opt-level 3, best of 8, per post-mortem):
///
/// | level | compressed / JSON | compress | inflate |
/// |-------|-------------------|----------|---------|
/// | 1     | 21.5 %            |  60 µs   | 35 µs   |
/// | 4     | 16.3 %            | 109 µs   | 20 µs   |
/// | 6     | 15.9 %            | 137 µs   | 19 µs   |
/// | 9     | 15.8 %            | 137 µs   | 19 µs   |
///
/// Level 6 (zlib's default) is the knee: a quarter fewer characters than level 1 — quota
/// headroom is the hard limit — for well under a millisecond; past it nothing is gained.
const LEVEL: u8 = 6;

/// The most one shard may inflate to. A post-mortem is tens of kilobytes; this bounds the
/// memory a damaged or hostile value can take (DEFLATE expands up to ~1000×).
const MAX_INFLATED_BYTES: usize = 64 << 20;

/// Why a shard could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShardError {
    pub kind: ShardErrorKind,
    /// The JSON text, when it could be recovered but not read as a post-mortem (it was
    /// inflated, or the shard was plain JSON): what the app offers the user to download.
    pub decoded: Option<String>,
}

/// What is wrong with a shard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShardErrorKind {
    /// Neither a packed shard nor JSON.
    NotAShard,
    /// A packed shard of another format (`ft2:` …), e.g. written by a newer version.
    UnknownFormat(String),
    /// The header, the packed characters or the compressed data are wrong; says which.
    Damaged(String),
    /// The (inflated) text is not a post-mortem: not JSON, or JSON of the wrong shape; the
    /// message names the place, as `load_workspace` does.
    Unreadable(String),
}

impl fmt::Display for ShardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ShardErrorKind::NotAShard => f.write_str("not a Followthrough shard"),
            ShardErrorKind::UnknownFormat(tag) => write!(
                f,
                "a stored post-mortem in format “{tag}”, which this version cannot read (this app reads “{SHARD_TAG}”)"
            ),
            ShardErrorKind::Damaged(detail) => write!(f, "the stored data is damaged ({detail})"),
            ShardErrorKind::Unreadable(message) => {
                write!(f, "the stored post-mortem cannot be read: {message}")
            }
        }
    }
}

impl std::error::Error for ShardError {}

impl ShardError {
    fn new(kind: ShardErrorKind) -> Self {
        ShardError {
            kind,
            decoded: None,
        }
    }

    fn damaged(detail: impl Into<String>) -> Self {
        ShardError::new(ShardErrorKind::Damaged(detail.into()))
    }
}

/// The stored form of one post-mortem: `ft1:<bytes>:<packed deflated JSON>`.
pub fn encode_postmortem(postmortem: &PostMortem) -> String {
    // Serialising plain data with string keys cannot fail; as in `save_workspace`, fall
    // back to an empty object rather than panic if it ever did.
    let json = serde_json::to_vec(postmortem).unwrap_or_else(|_| b"{}".to_vec());
    let compressed = miniz_oxide::deflate::compress_to_vec(&json, LEVEL);
    pack(&compressed)
}

/// Reads a shard written by [`encode_postmortem`], or a plain-JSON post-mortem. Never panics.
pub fn decode_postmortem(text: &str) -> Result<PostMortem, ShardError> {
    if text.trim_start().starts_with('{') {
        return parse(text.to_owned());
    }
    let compressed = unpack(text)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_INFLATED_BYTES)
        .map_err(|e| {
            use miniz_oxide::inflate::TINFLStatus;
            let what = match e.status {
                TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                    "the compressed data ends early".to_string()
                }
                TINFLStatus::HasMoreOutput => {
                    format!("it inflates past {} MiB", MAX_INFLATED_BYTES >> 20)
                }
                TINFLStatus::Failed => "invalid compressed data".to_string(),
                other => format!("{other:?}"),
            };
            ShardError::damaged(format!("deflate: {what}"))
        })?;
    match String::from_utf8(json) {
        Ok(json) => parse(json),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(ShardError {
                kind: ShardErrorKind::Damaged(format!(
                    "the inflated data is not UTF-8 text (byte {at})"
                )),
                decoded: Some(String::from_utf8_lossy(e.as_bytes()).into_owned()),
            })
        }
    }
}

/// JSON text to a post-mortem: one direct read when this app wrote it, else one serde parse,
/// whose error names the place if there is one.
fn parse(json: String) -> Result<PostMortem, ShardError> {
    // What this app wrote is read directly; anything else goes through serde, which decides
    // what is accepted and says what is wrong. (No plain serde parse first: it would be a
    // second copy of the model's `Deserialize` in the wasm, and this path is rare.)
    if let Some(postmortem) = crate::model::read_stored_postmortem(&json) {
        return Ok(postmortem);
    }
    match parse_located::<PostMortem>(&json) {
        Ok(postmortem) => Ok(postmortem),
        Err(message) => Err(ShardError {
            kind: ShardErrorKind::Unreadable(message),
            decoded: Some(json),
        }),
    }
}

/// How many characters `bytes` bytes pack into; `None` if absurdly large.
fn packed_units(bytes: usize) -> Option<usize> {
    Some(bytes.checked_mul(8)?.div_ceil(BITS as usize))
}

/// `ft1:<len>:` then the bytes, 15 bits per character, most significant bit first; the last
/// character's unused low bits are zero.
fn pack(bytes: &[u8]) -> String {
    let units = packed_units(bytes.len()).unwrap_or(0);
    let header = format!("{SHARD_TAG}:{}:", bytes.len());
    // Each packed character is 3 bytes of UTF-8.
    let mut out = Vec::with_capacity(header.len() + 3 * units);
    out.extend_from_slice(header.as_bytes());
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for &byte in bytes {
        acc = (acc << 8) | u32::from(byte);
        bits += 8;
        if bits >= BITS {
            bits -= BITS;
            push_unit(&mut out, (acc >> bits) & MASK);
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        push_unit(&mut out, (acc << (BITS - bits)) & MASK);
    }
    // Only ASCII and whole 3-byte sequences were written, so this never fails; an empty
    // string (which decodes as "not a shard") beats a panic if it ever did.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends `BASE + value` as UTF-8 by hand: the hot loop of encoding, and every such
/// character (U+0800–U+87FF) is exactly three bytes.
fn push_unit(out: &mut Vec<u8>, value: u32) {
    let c = BASE + (value & MASK);
    out.extend_from_slice(&[
        0xE0 | (c >> 12) as u8,
        0x80 | ((c >> 6) & 0x3F) as u8,
        0x80 | (c & 0x3F) as u8,
    ]);
}

/// The compressed bytes of a packed shard, checked against its header.
fn unpack(text: &str) -> Result<Vec<u8>, ShardError> {
    let (tag, rest) = text
        .split_once(':')
        .ok_or_else(|| ShardError::new(ShardErrorKind::NotAShard))?;
    if tag != SHARD_TAG {
        // `ft` and a version number: ours, but another format.
        let version = tag.strip_prefix("ft").unwrap_or("");
        return Err(ShardError::new(
            if !version.is_empty()
                && version.len() <= 6
                && version.bytes().all(|b| b.is_ascii_digit())
            {
                ShardErrorKind::UnknownFormat(tag.to_string())
            } else {
                ShardErrorKind::NotAShard
            },
        ));
    }
    let (length, body) = rest
        .split_once(':')
        .ok_or_else(|| ShardError::damaged("the header has no length"))?;
    let length: usize = length
        .parse()
        .ok()
        .filter(|_| length.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| {
            ShardError::damaged(format!(
                "the header's length “{}” is not a byte count",
                clip(length)
            ))
        })?;
    let expected = packed_units(length).ok_or_else(|| {
        ShardError::damaged(format!("the header's length {length} is impossible"))
    })?;
    let length_error = |found: usize| {
        ShardError::damaged(format!(
            "length: the header says {length} bytes, {expected} characters; found {found} characters"
        ))
    };
    // Every character is at least one byte: refuse a header promising more than the text
    // holds before allocating for it.
    if body.len() < expected {
        return Err(length_error(body.chars().count()));
    }
    let mut out = Vec::with_capacity(length);
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for (position, c) in body.chars().enumerate() {
        let value = u32::from(c).wrapping_sub(BASE);
        if value > MASK {
            return Err(ShardError::damaged(format!(
                "character {} is U+{:04X}, outside the packed range U+0800–U+87FF",
                position + 1,
                u32::from(c)
            )));
        }
        if position >= expected {
            return Err(length_error(body.chars().count()));
        }
        // At most 7 bits are carried between characters (the byte count is reached only at
        // the last one), so 22 bits fit.
        acc = (acc << BITS) | value;
        bits += BITS;
        while bits >= 8 && out.len() < length {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
        acc &= (1u32 << bits.min(31)) - 1;
    }
    if out.len() != length {
        return Err(length_error(body.chars().count()));
    }
    if acc != 0 {
        return Err(ShardError::damaged(
            "the last character's padding bits are not zero",
        ));
    }
    Ok(out)
}

/// A piece of a damaged header, short enough to quote in a message.
fn clip(text: &str) -> String {
    let mut clipped: String = text.chars().take(12).collect();
    if clipped.len() < text.len() {
        clipped.push('…');
    }
    clipped
}

#[cfg(test)]
mod tests;
