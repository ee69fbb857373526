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

/// JSON text to a post-mortem: one direct read when this app wrote it, else one parse with
/// path tracking, which locates the error if there is one.
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
mod tests {
    use super::*;
    use crate::model::{ActionItem, Severity};

    fn postmortem() -> PostMortem {
        PostMortem {
            id: "PM-2026-0001".into(),
            title: "Checkout outage 🔥 \u{0} \u{2028} עברית".into(),
            severity: Severity::Sev1,
            summary: "Payments timed out for 40 minutes. ".repeat(30),
            action_items: (1..=5)
                .map(|n| ActionItem {
                    id: format!("PM-2026-0001-{n:02}"),
                    title: format!("Add an alert on payment gateway timeouts #{n}"),
                    owner: "Dana".into(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    fn kind(text: &str) -> ShardErrorKind {
        match decode_postmortem(text) {
            Ok(pm) => panic!("decoded {text:?} to {pm:?}"),
            Err(e) => e.kind,
        }
    }

    fn damaged(text: &str) -> String {
        match kind(text) {
            ShardErrorKind::Damaged(detail) => detail,
            other => panic!("expected Damaged, got {other:?}"),
        }
    }

    #[test]
    fn round_trips_and_stays_in_the_packed_range() {
        let pm = postmortem();
        let shard = encode_postmortem(&pm);
        assert!(shard.starts_with("ft1:"), "{shard}");
        let body = shard.splitn(3, ':').nth(2).unwrap();
        assert!(body.chars().all(|c| ('\u{0800}'..='\u{87FF}').contains(&c)));
        // One UTF-16 unit per packed character.
        assert_eq!(body.encode_utf16().count(), body.chars().count());
        assert_eq!(decode_postmortem(&shard), Ok(pm.clone()));
        // Smaller than the JSON, in UTF-16 units.
        let json = serde_json::to_string(&pm).unwrap();
        assert!(shard.encode_utf16().count() * 2 < json.encode_utf16().count());
        assert_eq!(
            decode_postmortem(&encode_postmortem(&PostMortem::default())),
            Ok(PostMortem::default())
        );
    }

    #[test]
    fn packing_round_trips_every_length() {
        for n in 0..64usize {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 255) as u8).collect();
            let packed = pack(&bytes);
            assert_eq!(
                packed,
                format!("ft1:{n}:{}", packed.splitn(3, ':').nth(2).unwrap())
            );
            assert_eq!(
                packed.chars().count() - format!("ft1:{n}:").len(),
                (n * 8).div_ceil(15)
            );
            assert_eq!(unpack(&packed), Ok(bytes), "{n} bytes");
        }
    }

    #[test]
    fn reads_a_plain_json_shard() {
        let pm = postmortem();
        let json = serde_json::to_string(&pm).unwrap();
        assert_eq!(decode_postmortem(&json), Ok(pm.clone()));
        assert_eq!(decode_postmortem(&format!(" \n{json}")), Ok(pm));
        assert_eq!(
            decode_postmortem(r#"{"id":"a","title":"b"}"#).map(|pm| pm.title),
            Ok("b".to_string())
        );
    }

    #[test]
    fn a_json_error_names_the_place_and_keeps_the_text() {
        let json = r#"{"id":"a","title":"b","action_items":[{"id":"c","title":"d","impact":7}]}"#;
        let expected = ShardError {
            kind: ShardErrorKind::Unreadable(
                "action_items[0].impact: expected 1–4, found 7 (line 1, column 70)".into(),
            ),
            decoded: Some(json.to_string()),
        };
        assert_eq!(decode_postmortem(json), Err(expected.clone()));
        assert_eq!(
            expected.to_string(),
            "the stored post-mortem cannot be read: action_items[0].impact: expected 1–4, found 7 (line 1, column 70)"
        );
        // The same through the compressed form: the inflated JSON comes back to download.
        let packed = pack(&miniz_oxide::deflate::compress_to_vec(
            json.as_bytes(),
            LEVEL,
        ));
        assert_eq!(decode_postmortem(&packed), Err(expected));
    }

    /// Text after the post-mortem is refused, as for a whole stored workspace (plain or
    /// compressed): it is a damaged value, not one to read part of.
    #[test]
    fn text_after_the_post_mortem_is_refused_with_its_place() {
        let json = r#"{"id":"a","title":"b"} x"#;
        let expected = ShardError {
            kind: ShardErrorKind::Unreadable("trailing characters (line 1, column 24)".into()),
            decoded: Some(json.to_string()),
        };
        assert_eq!(decode_postmortem(json), Err(expected.clone()));
        let packed = pack(&miniz_oxide::deflate::compress_to_vec(
            json.as_bytes(),
            LEVEL,
        ));
        assert_eq!(decode_postmortem(&packed), Err(expected));
        // Whitespace after it is fine.
        assert!(decode_postmortem("{\"id\":\"a\",\"title\":\"b\"} \n").is_ok());
    }

    #[test]
    fn refuses_what_is_not_a_shard() {
        for text in [
            "",
            "hello",
            "ft1",
            "[1,2]",
            "null",
            "\"x\"",
            "xx:1:",
            "ft:1:",
            "FT1:1:ࠀ",
        ] {
            assert_eq!(kind(text), ShardErrorKind::NotAShard, "{text:?}");
        }
        assert_eq!(
            decode_postmortem("hello").unwrap_err().to_string(),
            "not a Followthrough shard"
        );
        assert_eq!(
            kind("ft2:5:ࠀࠀࠀ"),
            ShardErrorKind::UnknownFormat("ft2".into())
        );
        assert!(decode_postmortem("ft2:5:")
            .unwrap_err()
            .to_string()
            .contains("format “ft2”"));
    }

    #[test]
    fn header_damage_is_reported() {
        let shard = encode_postmortem(&postmortem());
        let body = shard.splitn(3, ':').nth(2).unwrap();
        let n: usize = shard.split(':').nth(1).unwrap().parse().unwrap();
        assert_eq!(damaged("ft1:"), "the header has no length");
        assert_eq!(damaged("ft1:12"), "the header has no length");
        assert_eq!(
            damaged(&format!("ft1:x{n}:{body}")),
            format!("the header's length “x{n}” is not a byte count")
        );
        assert!(damaged(&format!("ft1:+{n}:{body}")).contains("not a byte count"));
        assert!(damaged(&format!("ft1:-1:{body}")).contains("not a byte count"));
        assert!(damaged("ft1:99999999999999999999999:").contains("not a byte count"));
        assert!(damaged(&format!("ft1:{}:", usize::MAX)).contains("impossible"));
        // A length that does not match the characters, either way.
        for wrong in [n - 2, n + 2, n * 3, 0] {
            let detail = damaged(&format!("ft1:{wrong}:{body}"));
            assert!(
                detail.starts_with("length: the header says"),
                "{wrong}: {detail}"
            );
        }
        // A huge promised length is refused before allocating for it.
        assert!(damaged(&format!("ft1:{}:ࠀ", usize::MAX / 16)).starts_with("length:"));
        // One byte off can land within the same character count: then the padding or the
        // inflater catches it.
        assert!(decode_postmortem(&format!("ft1:{}:{body}", n - 1)).is_err());
    }

    #[test]
    fn truncated_and_extended_text_is_reported() {
        let shard = encode_postmortem(&postmortem());
        let units = shard.chars().count();
        for keep in [units - 1, units - 7, units / 2, 10, 7, 5] {
            let cut: String = shard.chars().take(keep).collect();
            assert!(decode_postmortem(&cut).is_err(), "kept {keep} of {units}");
        }
        let cut: String = shard.chars().take(units - 1).collect();
        let header = shard.len() - shard.splitn(3, ':').nth(2).unwrap().len();
        let detail = damaged(&cut);
        assert!(detail.starts_with("length: the header says"), "{detail}");
        assert!(
            detail.ends_with(&format!("found {} characters", units - 1 - header)),
            "{detail}"
        );
        assert!(damaged(&format!("{shard}ࠀ")).starts_with("length: the header says"));
        assert_eq!(
            decode_postmortem(&cut).unwrap_err().to_string(),
            format!("the stored data is damaged ({})", damaged(&cut))
        );
    }

    #[test]
    fn a_character_outside_the_range_is_reported() {
        let shard = encode_postmortem(&postmortem());
        let body = shard.splitn(3, ':').nth(2).unwrap();
        let header = &shard[..shard.len() - body.len()];
        let mut chars: Vec<char> = body.chars().collect();
        // A lone surrogate cannot be in a Rust string: wasm-bindgen turns one into U+FFFD on
        // its way from JS. A character past the range, and a pair (emoji), likewise.
        for bad in ['\u{FFFD}', '\u{D7FF}', '\u{87FF}', '😀', 'a', '\u{7FF}'] {
            let keep = chars[3];
            chars[3] = bad;
            let text = format!("{header}{}", chars.iter().collect::<String>());
            chars[3] = keep;
            if ('\u{0800}'..='\u{87FF}').contains(&bad) {
                continue;
            }
            assert_eq!(
                damaged(&text),
                format!(
                    "character 4 is U+{:04X}, outside the packed range U+0800–U+87FF",
                    u32::from(bad)
                )
            );
        }
    }

    #[test]
    fn deflate_damage_is_reported() {
        // Bytes that are not a DEFLATE stream (block type 3 is invalid).
        let detail = damaged(&pack(&[0xFF, 0xFF, 0xFF, 0xFF]));
        assert_eq!(detail, "deflate: invalid compressed data");
        assert_eq!(
            decode_postmortem(&pack(&[0xFF, 0xFF]))
                .unwrap_err()
                .to_string(),
            "the stored data is damaged (deflate: invalid compressed data)"
        );
        // A stream cut short, re-packed with a consistent header.
        let compressed = miniz_oxide::deflate::compress_to_vec(
            &serde_json::to_vec(&postmortem()).unwrap(),
            LEVEL,
        );
        let detail = damaged(&pack(&compressed[..compressed.len() / 2]));
        assert_eq!(detail, "deflate: the compressed data ends early");
        // Inflates to bytes that are not UTF-8: damaged, with the text kept (lossily).
        let err = decode_postmortem(&pack(&miniz_oxide::deflate::compress_to_vec(
            b"{\"id\":\"\xFF\"}",
            LEVEL,
        )))
        .unwrap_err();
        assert_eq!(
            err.kind,
            ShardErrorKind::Damaged("the inflated data is not UTF-8 text (byte 7)".into())
        );
        assert_eq!(err.decoded.as_deref(), Some("{\"id\":\"\u{FFFD}\"}"));
        // Inflates to text that is not JSON.
        let err = decode_postmortem(&pack(&miniz_oxide::deflate::compress_to_vec(
            b"not json",
            1,
        )))
        .unwrap_err();
        assert!(matches!(err.kind, ShardErrorKind::Unreadable(_)), "{err:?}");
        assert_eq!(err.decoded.as_deref(), Some("not json"));
    }

    #[test]
    fn flipped_characters_never_panic() {
        let shard = encode_postmortem(&postmortem());
        let chars: Vec<char> = shard.chars().collect();
        for at in 0..chars.len() {
            for delta in [1u32, 0x40, 0x4000] {
                let mut flipped = chars.clone();
                let c = u32::from(flipped[at]) ^ delta;
                flipped[at] = char::from_u32(c).unwrap_or('\u{FFFD}');
                let _ = decode_postmortem(&flipped.iter().collect::<String>());
            }
        }
    }
}
