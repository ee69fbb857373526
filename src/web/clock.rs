//! The current time from the browser. chrono's own clock needs a JS binding on wasm32; the
//! app asks `Date.now()` once per action instead.

use chrono::{DateTime, NaiveDate, Utc};

pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

pub fn today() -> NaiveDate {
    now().date_naive()
}
