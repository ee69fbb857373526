//! chrono's `FromStr` for `DateTime<Utc>` and `NaiveDate`, step by step, without its general
//! item parser (`format::parse`, about 14 KB of the wasm): the same text accepted, the same
//! value, the same error. chrono reads a date as year (signed when it has a sign, else at most
//! four digits), `-`, month, `-`, day, with whitespace allowed before each number and `-`; an
//! instant as that date, `T`, `t` or a space, `HH:MM:SS` (whitespace likewise), an optional
//! fraction (digits past the ninth ignored), then `Z`, `UTC` or a `±HH[:]MM` offset. The tests
//! hold both to chrono over arbitrary and damaged texts.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use std::fmt;

/// Why a text is not a date: chrono's `ParseError`, with chrono's message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateError(&'static str);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
}

const OUT_OF_RANGE: DateError = DateError("input is out of range");
const IMPOSSIBLE: DateError = DateError("no possible date and time matching input");
const INVALID: DateError = DateError("input contains invalid characters");
const TOO_SHORT: DateError = DateError("premature end of input");
const TOO_LONG: DateError = DateError("trailing input");

type Step<'a, T> = Result<(&'a str, T), DateError>;

/// `text.parse::<NaiveDate>()`.
pub fn date(text: &str) -> Result<NaiveDate, DateError> {
    let (rest, (year, month, day)) = ymd(text)?;
    if !rest.trim_start().is_empty() {
        return Err(TOO_LONG);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(OUT_OF_RANGE)
}

/// `text.parse::<DateTime<Utc>>()`.
pub fn instant(text: &str) -> Result<DateTime<Utc>, DateError> {
    let (s, (year, month, day)) = ymd(text)?;
    let s = match s.as_bytes().first() {
        Some(b't' | b'T' | b' ') => &s[1..],
        Some(_) => return Err(INVALID),
        None => return Err(TOO_SHORT),
    };
    let (s, hour) = field(s, 0, 23)?;
    let (s, minute) = field(literal(s, ':')?, 0, 59)?;
    let (s, second) = field(literal(s, ':')?, 0, 60)?;
    let (s, nano) = match s.strip_prefix('.') {
        Some(fraction) => {
            let (rest, n) = number(fraction, 9)?;
            let scale = 10u32.pow(9 - (fraction.len() - rest.len()) as u32);
            (
                rest.trim_start_matches(|c: char| c.is_ascii_digit()),
                n as u32 * scale,
            )
        }
        None => (s, 0),
    };
    let s = s.trim_start();
    let (s, offset) = if s.len() >= 3 && s.as_bytes()[..3].eq_ignore_ascii_case(b"UTC") {
        (&s[3..], 0)
    } else {
        offset(s)?
    };
    if !s.trim_start().is_empty() {
        return Err(TOO_LONG);
    }
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(OUT_OF_RANGE)?;
    // A leap second (`:60`) is second 59 with a nanosecond count past one second.
    let (second, leap) = if second == 60 {
        (59, 1_000_000_000)
    } else {
        (second, 0)
    };
    let time =
        NaiveTime::from_hms_nano_opt(hour, minute, second, nano + leap).ok_or(OUT_OF_RANGE)?;
    let zone = FixedOffset::east_opt(offset).ok_or(OUT_OF_RANGE)?;
    let local = zone.from_local_datetime(&date.and_time(time));
    Ok(local.single().ok_or(IMPOSSIBLE)?.with_timezone(&Utc))
}

/// Year, `-`, month, `-`, day.
fn ymd(s: &str) -> Step<'_, (i32, u32, u32)> {
    let s = s.trim_start();
    let (s, year) = match s.as_bytes().first() {
        Some(b'-') => number(&s[1..], usize::MAX).map(|(s, n)| (s, -n))?,
        Some(b'+') => number(&s[1..], usize::MAX)?,
        _ => number(s, 4)?,
    };
    let year = i32::try_from(year).map_err(|_| OUT_OF_RANGE)?;
    let (s, month) = field(literal(s, '-')?, 1, 12)?;
    let (s, day) = field(literal(s, '-')?, 1, 31)?;
    Ok((s, (year, month, day)))
}

/// Whitespace, then `c`.
fn literal(s: &str, c: char) -> Result<&str, DateError> {
    let s = s.trim_start();
    if s.is_empty() {
        return Err(TOO_SHORT);
    }
    s.strip_prefix(c).ok_or(INVALID)
}

/// Whitespace, then one or two digits in `low..=high`.
fn field(s: &str, low: i64, high: i64) -> Step<'_, u32> {
    let (s, n) = number(s.trim_start(), 2)?;
    if !(low..=high).contains(&n) {
        return Err(OUT_OF_RANGE);
    }
    Ok((s, n as u32))
}

/// One to `max` ASCII digits.
fn number(s: &str, max: usize) -> Step<'_, i64> {
    let bytes = s.as_bytes();
    if bytes.is_empty() {
        return Err(TOO_SHORT);
    }
    let mut n = 0i64;
    for (i, &c) in bytes.iter().take(max).enumerate() {
        if !c.is_ascii_digit() {
            return if i == 0 {
                Err(INVALID)
            } else {
                Ok((&s[i..], n))
            };
        }
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(i64::from(c - b'0')))
            .ok_or(OUT_OF_RANGE)?;
    }
    Ok((&s[max.min(bytes.len())..], n))
}

/// `Z`, or a sign (`+`, `-` or U+2212), two digits of hours, any colons and whitespace, two
/// digits of minutes: seconds east of UTC.
fn offset(s: &str) -> Step<'_, i32> {
    let (negative, s) = match s.chars().next() {
        Some('Z' | 'z') => return Ok((&s[1..], 0)),
        Some('+') => (false, &s[1..]),
        Some('-') => (true, &s[1..]),
        Some('−') => (true, &s['−'.len_utf8()..]),
        Some(_) => return Err(INVALID),
        None => return Err(TOO_SHORT),
    };
    let two = |s: &str| match s.as_bytes() {
        [a, b, ..] => Ok((*a, *b)),
        _ => Err(TOO_SHORT),
    };
    let hours = match two(s)? {
        (a @ b'0'..=b'9', b @ b'0'..=b'9') => i32::from((a - b'0') * 10 + (b - b'0')),
        _ => return Err(INVALID),
    };
    let s = s[2..].trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    let minutes = match two(s)? {
        (a @ b'0'..=b'5', b @ b'0'..=b'9') => i32::from((a - b'0') * 10 + (b - b'0')),
        (b'6'..=b'9', b'0'..=b'9') => return Err(OUT_OF_RANGE),
        _ => return Err(INVALID),
    };
    let seconds = hours * 3600 + minutes * 60;
    Ok((&s[2..], if negative { -seconds } else { seconds }))
}

#[cfg(test)]
mod tests {
    use super::{date, instant};
    use chrono::{DateTime, NaiveDate, Utc};
    use proptest::prelude::*;

    fn same(text: &str) {
        assert_eq!(
            instant(text).map_err(|e| e.to_string()),
            text.parse::<DateTime<Utc>>().map_err(|e| e.to_string()),
            "instant {text:?}"
        );
        assert_eq!(
            date(text).map_err(|e| e.to_string()),
            text.parse::<NaiveDate>().map_err(|e| e.to_string()),
            "date {text:?}"
        );
    }

    #[test]
    fn agrees_with_chrono_on_the_forms_seen() {
        for text in [
            "",
            "2026-05-12",
            " 2026-05-12 ",
            "2026 - 05 - 12",
            "2026-5-1",
            "+2026-05-12",
            "-0044-03-15",
            "12026-05-12",
            "+12026-05-12T00:00:00Z",
            "2026-02-29",
            "2024-02-29",
            "2026-13-01",
            "2026-05-12T12:00:00Z",
            "2026-05-12t12:00:00z",
            "2026-05-12 12:00:00 UTC",
            "2026-05-12 12:00:00utc",
            "2026-05-12T12:00:00+02:00",
            "2026-05-12T12:00:00+0200",
            "2026-05-12T12:00:00 +02 : 00",
            "2026-05-12T12:00:00−05:30",
            "2026-05-12T12:00:00-05",
            "2026-05-12T12:00:00+24:00",
            "2026-05-12T12:00:00+99:59",
            "2026-05-12T12:00:00+01:60",
            "2026-05-12T12:00:00.5Z",
            "2026-05-12T12:00:00.123456789123Z",
            "2026-05-12T12:00:00.Z",
            "2026-05-12T23:59:60Z",
            "2026-05-12T23:59:60.5+01:00",
            "2026-05-12T24:00:00Z",
            "2026-05-12T12:00Z",
            "2026-05-12T12:00:00",
            "2026-05-12T12:00:00Z trailing",
            "2026-05-12T12:00:00Z  ",
            "2026-05-12X12:00:00Z",
            "2026-05-12T 1: 2: 3Z",
            "+262143-12-31T23:59:59Z",
            "+262143-12-31T23:59:59-01:00",
            "-262143-01-01T00:00:00+01:00",
            "99999999999999999999-01-01",
            "+3000000000-01-01",
            "\u{3000}2026-05-12\u{3000}",
            "2026-05-12T12:00:00+é",
            "2026-05-12T12:00:00+0é",
        ] {
            same(text);
        }
    }

    /// Pieces of dates and instants, and what damages them, `|`-separated.
    const PIECES: &str = "2026|0001|12|5|31|29|60|00|99|123456789012|-|+|:|T|t| |\t|\u{3000}|.|Z|z\
        |UTC|uT|−|x|é|0|9|-05:30|+0100|2026-05-12|T12:00:00|2026-02-29T23:59:60";

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn agrees_with_chrono_on_any_pieces(
            pieces in prop::collection::vec(prop::sample::select(PIECES.split('|').collect::<Vec<_>>()), 0..14)
        ) {
            same(&pieces.concat());
        }

        #[test]
        fn agrees_with_chrono_on_damaged_instants(
            y in -300_000i32..300_000, mo in 0u32..14, d in 0u32..33, h in 0u32..26,
            mi in 0u32..62, s in 0u32..62, frac in "(\\.[0-9]{0,12})?",
            zone in "(Z|z|UTC|[+−-][0-9]{1,2}:?[0-9]{0,2}|)", sep in "[Tt x]",
            cut in 0usize..40, insert in "[ 0-9:+.-]?"
        ) {
            let text = format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{frac}{zone}");
            same(&text);
            let at = text.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(text.len());
            same(&text[..at]);
            same(&format!("{}{insert}{}", &text[..at], &text[at..]));
        }
    }
}
