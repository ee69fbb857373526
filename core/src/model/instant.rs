//! Reading dates and instants fast. chrono's general RFC 3339 parser dominated loading a large
//! workspace; the canonical form this app writes (`YYYY-MM-DDTHH:MM:SS[.f…]Z`, `YYYY-MM-DD`)
//! is read by hand, and anything else by [`chrono_text`] (chrono's `FromStr`, step by step,
//! held to chrono by its tests: chrono's item parser is not in the wasm), so what is accepted
//! and what it means do not change. Also the serde readers of the records' date fields, and
//! [`parse_date`] for dates typed into the app.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{de, Deserializer};
use std::fmt;

mod chrono_text;
pub(crate) use chrono_text::{date as chrono_date, instant as chrono_instant};

/// A date typed as `YYYY-MM-DD` (the value of an `<input type="date">`): exactly what
/// `NaiveDate::parse_from_str(text, "%Y-%m-%d")` accepts, without chrono's strftime
/// machinery in the wasm. The canonical form is read by hand (as stored dates are); anything
/// else goes to `NaiveDate`'s `FromStr` (as [`chrono_date`]), which reads the same items but also skips whitespace
/// before each `-` and at the end (both allow it before each number), so text with
/// whitespace there is refused first. Invalid dates (`2026-02-30`) are refused. Write dates
/// back with `Display` (`to_string()`), which writes what `format("%Y-%m-%d")` does.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    if let Some(date) = fast_date(text) {
        return Some(date);
    }
    // A part ending in whitespace is whitespace before a `-` or at the end.
    if text
        .trim_start()
        .split('-')
        .any(|part| part.ends_with(char::is_whitespace))
    {
        return None;
    }
    chrono_date(text).ok()
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// The canonical UTC form only; `None` for anything else.
pub(super) fn fast(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (&last, body) = b.split_last()?;
    if last != b'Z' {
        return None;
    }
    let nanos = match &body[19..] {
        [] => 0,
        [b'.', frac @ ..] if !frac.is_empty() && frac.len() <= 9 => {
            digits(frac)? * 10u32.pow(9 - frac.len() as u32)
        }
        _ => return None,
    };
    let year = i32::try_from(digits(&b[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&b[5..7])?, digits(&b[8..10])?)?
        .and_hms_nano_opt(
            digits(&b[11..13])?,
            digits(&b[14..16])?,
            digits(&b[17..19])?,
            nanos,
        )
        .map(|t| t.and_utc())
}

fn parse<E: de::Error>(text: &str) -> Result<DateTime<Utc>, E> {
    match fast(text) {
        Some(t) => Ok(t),
        None => chrono_instant(text).map_err(E::custom),
    }
}

struct Instant;
impl de::Visitor<'_> for Instant {
    type Value = DateTime<Utc>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 date and time")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        parse(v)
    }
}

struct MaybeInstant;
impl<'de> de::Visitor<'de> for MaybeInstant {
    type Value = Option<DateTime<Utc>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 date and time, or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(Instant).map(Some)
    }
}

/// `YYYY-MM-DD` by hand; anything else is chrono's to judge.
pub(super) fn fast_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&b[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&b[5..7])?, digits(&b[8..10])?)
}

struct MaybeDate;
impl<'de> de::Visitor<'de> for MaybeDate {
    type Value = Option<NaiveDate>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date (YYYY-MM-DD), or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        match fast_date(v) {
            Some(date) => Ok(Some(date)),
            None => chrono_date(v).map(Some).map_err(E::custom),
        }
    }
}

pub(super) fn optional_date<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDate>, D::Error> {
    d.deserialize_option(MaybeDate)
}

pub(super) fn required<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    d.deserialize_str(Instant)
}

pub(super) fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    d.deserialize_option(MaybeInstant)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_agrees_with_chrono() {
        for text in [
            "2026-05-12T10:00:00Z",
            "2026-05-12T10:00:00.5Z",
            "2026-05-12T10:00:00.123456789Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999Z",
        ] {
            assert_eq!(fast(text), text.parse::<DateTime<Utc>>().ok(), "{text}");
        }
        // Not canonical: left to chrono, which decides.
        for text in [
            "2026-05-12T10:00:00+02:00",
            "2026-05-12 10:00:00Z",
            "2026-02-30T10:00:00Z",
            "2026-05-12T10:00:60Z",
            "2026-05-12T10:00:00.Z",
            "2026-05-12T1a:00:00Z",
        ] {
            assert_eq!(fast(text), None, "{text}");
        }
        assert!(parse::<serde_json::Error>("2026-05-12T12:00:00+02:00").is_ok());
        for text in ["2026-05-12", "0001-01-01", "2024-02-29"] {
            assert_eq!(fast_date(text), text.parse::<NaiveDate>().ok(), "{text}");
        }
        for text in ["2026-02-30", "2026-5-12", "+2026-05-12", "2026-05-1x"] {
            assert_eq!(fast_date(text), None, "{text}");
        }
        assert!(parse::<serde_json::Error>("yesterday").is_err());
    }

    /// `parse_date` is `parse_from_str(_, "%Y-%m-%d")`, on canonical dates, other forms
    /// chrono reads, whitespace anywhere, invalid dates and one-byte changes.
    #[test]
    fn parse_date_is_chronos_iso_format() {
        let same = |text: &str| {
            assert_eq!(
                crate::model::parse_date(text),
                NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
                "{text:?}"
            );
        };
        for text in [
            "2026-05-12",
            "0001-01-01",
            "0000-01-01",
            "9999-12-31",
            "2024-02-29",
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-05-00",
            "2026-5-12",
            "2026-05-1",
            "+2026-05-12",
            "-0044-03-15",
            "+12345-06-07",
            "12345-06-07",
            "2026/05/12",
            "20260512",
            "",
            " ",
            "x",
            "2026-05-12x",
            " 2026-05-12",
            "2026-05-12 ",
            "2026 -05-12",
            "2026- 05-12",
            "2026-05- 12",
            "\t2026-05-12",
            "2026-05-12\n",
            "\u{a0}2026-05-12",
            "2026-05-12\u{3000}",
            "２０２６-05-12",
            "2026-05-12T00:00",
            "02026-05-12",
            "2026-005-12",
        ] {
            same(text);
        }
        let replacements = b"0123456789/:-.+ \t\x00\x7f";
        for canonical in ["2026-05-12", "2024-02-29", "1999-12-31"] {
            for at in 0..=canonical.len() {
                for &byte in replacements {
                    let mut bytes = canonical.as_bytes().to_vec();
                    if at < bytes.len() {
                        bytes[at] = byte;
                        same(&String::from_utf8(bytes.clone()).unwrap());
                        bytes.remove(at);
                        same(&String::from_utf8(bytes.clone()).unwrap());
                    }
                    let mut bytes = canonical.as_bytes().to_vec();
                    bytes.insert(at, byte);
                    same(&String::from_utf8(bytes).unwrap());
                }
            }
        }
    }

    /// `Display` writes what `format("%Y-%m-%d")` writes, for every year sign and width.
    #[test]
    fn display_is_chronos_iso_format() {
        for (y, m, d) in [
            (2026, 5, 12),
            (1, 1, 1),
            (0, 12, 31),
            (999, 2, 3),
            (-44, 3, 15),
            (12345, 6, 7),
            (-12345, 6, 7),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(date.to_string(), date.format("%Y-%m-%d").to_string());
        }
    }

    /// Every one-byte change of canonical text: whatever the fast path reads, chrono reads
    /// the same (what it declines, chrono judges).
    #[test]
    fn the_fast_path_never_reads_what_chrono_would_not() {
        let replacements = b"0123456789/:-.TZtz +\x00\x7f\xff";
        for canonical in [
            "2026-05-12T10:00:00Z",
            "2024-02-29T23:59:59.123Z",
            "1999-12-31T00:09:50.000000001Z",
        ] {
            assert!(fast(canonical).is_some(), "{canonical}");
            for at in 0..canonical.len() {
                for &byte in replacements {
                    let mut bytes = canonical.as_bytes().to_vec();
                    bytes[at] = byte;
                    let Ok(text) = String::from_utf8(bytes) else {
                        continue;
                    };
                    if let Some(t) = fast(&text) {
                        assert_eq!(text.parse::<DateTime<Utc>>().ok(), Some(t), "{text}");
                    }
                }
            }
        }
        for canonical in ["2026-05-12", "2024-02-29", "1999-12-31"] {
            assert!(fast_date(canonical).is_some(), "{canonical}");
            for at in 0..canonical.len() {
                for &byte in replacements {
                    let mut bytes = canonical.as_bytes().to_vec();
                    bytes[at] = byte;
                    let Ok(text) = String::from_utf8(bytes) else {
                        continue;
                    };
                    if let Some(d) = fast_date(&text) {
                        assert_eq!(text.parse::<NaiveDate>().ok(), Some(d), "{text}");
                    }
                }
            }
        }
    }
}
