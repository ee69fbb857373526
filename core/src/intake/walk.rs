//! Reading a JSON tree while keeping the path to each value, so every wrong value is refused
//! with its place (`issues[3].fields.duedate: …`), the way [`crate::exchange`] names places.
//! Also the date and instant forms the tools write.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};

use crate::exchange::ImportError;
use crate::model::parse_date;

static NULL: Value = Value::Null;

/// A value and the path that leads to it.
#[derive(Clone, Debug)]
pub(super) struct At<'a> {
    pub value: &'a Value,
    pub path: String,
}

impl<'a> At<'a> {
    pub fn root(value: &'a Value) -> At<'a> {
        At {
            value,
            path: String::new(),
        }
    }

    /// The field `key` of an object (null when absent); an error if this is neither an object
    /// nor null.
    pub fn field(&self, key: &str) -> Result<At<'a>, ImportError> {
        let path = if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        };
        let value = match self.value {
            Value::Object(map) => map.get(key).unwrap_or(&NULL),
            Value::Null => &NULL,
            other => return Err(self.wrong("an object", other)),
        };
        Ok(At { value, path })
    }

    pub fn object(&self) -> Result<&'a Map<String, Value>, ImportError> {
        match self.value {
            Value::Object(map) => Ok(map),
            other => Err(self.wrong("an object", other)),
        }
    }

    /// The entries of a list; null or absent is an empty list.
    pub fn items(&self) -> Result<Vec<At<'a>>, ImportError> {
        match self.value {
            Value::Array(list) => Ok(list
                .iter()
                .enumerate()
                .map(|(i, value)| At {
                    value,
                    path: format!("{}[{i}]", self.path),
                })
                .collect()),
            Value::Null => Ok(Vec::new()),
            other => Err(self.wrong("a list", other)),
        }
    }

    /// Text, trimmed; `None` when null or absent. A number is read as its digits (tools write
    /// ids either way).
    pub fn text(&self) -> Result<Option<String>, ImportError> {
        match self.value {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s.trim().to_string())),
            Value::Number(n) => Ok(Some(n.to_string())),
            other => Err(self.wrong("text", other)),
        }
    }

    /// Text, or empty when null or absent.
    pub fn text_or_empty(&self) -> Result<String, ImportError> {
        Ok(self.text()?.unwrap_or_default())
    }

    /// Text that must be there and not be blank.
    pub fn required(&self) -> Result<String, ImportError> {
        match self.text()? {
            Some(text) if !text.is_empty() => Ok(text),
            Some(_) => Err(invalid(&self.path, "is empty; it is needed".into())),
            None => Err(invalid(&self.path, "is missing; it is needed".into())),
        }
    }

    /// A calendar date: `YYYY-MM-DD`, or the date part of a date and time.
    pub fn date(&self) -> Result<Option<NaiveDate>, ImportError> {
        match self.text()? {
            None => Ok(None),
            Some(t) if t.is_empty() => Ok(None),
            Some(t) => day(&t).map(Some).ok_or_else(|| {
                invalid(
                    &self.path,
                    format!("expected a date like 2026-12-15, found {t:?}"),
                )
            }),
        }
    }

    /// An instant: RFC 3339 (also Jira's `+0000` offsets), a date and time without an offset
    /// (read as UTC), or a date (midnight UTC).
    pub fn instant(&self) -> Result<Option<DateTime<Utc>>, ImportError> {
        match self.text()? {
            None => Ok(None),
            Some(t) if t.is_empty() => Ok(None),
            Some(t) => instant(&t).map(Some).ok_or_else(|| {
                invalid(
                    &self.path,
                    format!("expected a date and time like 2026-05-12T10:00:00Z, found {t:?}"),
                )
            }),
        }
    }

    /// An error naming this place: expected `what`.
    pub fn wrong(&self, what: &str, found: &Value) -> ImportError {
        invalid(
            &self.path,
            format!("expected {what}, found {}", describe(found)),
        )
    }

    /// An error naming this place with a message of its own.
    pub fn refuse(&self, message: String) -> ImportError {
        invalid(&self.path, message)
    }
}

/// An [`ImportError::Invalid`] at `path` (the top level when empty).
pub(super) fn invalid(path: &str, message: String) -> ImportError {
    ImportError::Invalid {
        path: if path.is_empty() {
            "(top level)".into()
        } else {
            path.to_string()
        },
        message,
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A calendar date as the tools write one: `YYYY-MM-DD` alone or before a time (`T` or a
/// space), or Jira's `d/MMM/yy` (also with a four-digit year, and a time after a space).
pub(super) fn day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(date) = text.get(..10).and_then(parse_date) {
        let rest = &text[10..];
        if rest.is_empty() || rest.starts_with(['T', ' ']) {
            return Some(date);
        }
    }
    let date = text.split(' ').next()?;
    let mut parts = date.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month = MONTHS
        .iter()
        .position(|name| name.eq_ignore_ascii_case(m))?;
    let year: i32 = match y.len() {
        2 => 2000 + y.parse::<i32>().ok()?,
        4 => y.parse().ok()?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month as u32 + 1, d.parse().ok()?)
}

/// An instant as the tools write one; see [`At::instant`]. Jira CSV's `d/MMM/yy h:mm a` has no
/// zone: it is read as the start of that day, UTC.
pub(super) fn instant(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = crate::model::chrono_instant(text) {
        return Some(t);
    }
    // No offset: a Python `isoformat()` (Dispatch) is UTC.
    if text.len() > 10 && text.as_bytes()[10] == b'T' {
        if let Ok(t) = crate::model::chrono_instant(&format!("{text}Z")) {
            return Some(t);
        }
    }
    day(text)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_in_every_form_the_tools_write() {
        assert_eq!(day("2026-12-15"), d(2026, 12, 15));
        assert_eq!(day("2026-12-15T00:00:00"), d(2026, 12, 15));
        assert_eq!(day("2026-12-15 10:00"), d(2026, 12, 15));
        assert_eq!(day("30/Sep/26 12:00 AM"), d(2026, 9, 30));
        assert_eq!(day("5/mar/2027"), d(2027, 3, 5));
        assert_eq!(day("2026-12-15x"), None);
        assert_eq!(day("31/Feb/26"), None);
        assert_eq!(day("12/31/2026"), None);
        assert_eq!(day("soon"), None);
    }

    #[test]
    fn instants_with_and_without_offsets() {
        let t = |s| instant(s).map(|t| t.to_rfc3339());
        assert_eq!(
            t("2026-05-12T10:00:00.000+0000").as_deref(),
            Some("2026-05-12T10:00:00+00:00")
        );
        assert_eq!(
            t("2026-05-12T12:00:00+02:00").as_deref(),
            Some("2026-05-12T10:00:00+00:00")
        );
        assert_eq!(
            t("2026-05-19T00:00:00").as_deref(),
            Some("2026-05-19T00:00:00+00:00")
        );
        assert_eq!(
            t("12/Mar/24 9:41 AM").as_deref(),
            Some("2024-03-12T00:00:00+00:00")
        );
        assert_eq!(t("yesterday"), None);
    }

    #[test]
    fn every_wrong_value_names_its_place() {
        let v = json!({"a": [{"b": 3, "c": "x", "d": " "}], "e": "2026-13-01"});
        let root = At::root(&v);
        let first = &root.field("a").unwrap().items().unwrap()[0];
        assert_eq!(
            first.field("b").unwrap().text().unwrap().as_deref(),
            Some("3")
        );
        let err = first.field("c").unwrap().field("z").unwrap_err();
        assert_eq!(err.to_string(), "a[0].c: expected an object, found \"x\"");
        let err = first.field("d").unwrap().required().unwrap_err();
        assert_eq!(err.to_string(), "a[0].d: is empty; it is needed");
        let err = first.field("q").unwrap().required().unwrap_err();
        assert_eq!(err.to_string(), "a[0].q: is missing; it is needed");
        let err = root.field("e").unwrap().date().unwrap_err();
        assert!(
            err.to_string().starts_with("e: expected a date like"),
            "{err}"
        );
        let err = root.field("a").unwrap().text().unwrap_err();
        assert_eq!(err.to_string(), "a: expected text, found a list");
        let err = At::root(&json!(1)).object().unwrap_err();
        assert_eq!(
            err.to_string(),
            "(top level): expected an object, found the number 1"
        );
        assert!(root.field("none").unwrap().items().unwrap().is_empty());
    }
}
