//! The scores of DOMAIN.md §3: an item's impact and effort [`Level`] (1–4), and the
//! [`Priority`] (P0–P3) `scoring` computes from them.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

use super::by_name;

/// An impact or effort score, 1 to 4. Reading any other number is an error naming the range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Level(u8);

impl Level {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 4;

    /// `None` outside 1–4.
    pub fn new(value: u8) -> Option<Level> {
        (Self::MIN..=Self::MAX)
            .contains(&value)
            .then_some(Level(value))
    }

    /// Clamps into 1–4, for values that come from arithmetic rather than from users.
    pub fn clamped(value: i64) -> Level {
        Level(value.clamp(Self::MIN as i64, Self::MAX as i64) as u8)
    }

    pub fn get(self) -> u8 {
        self.0
    }

    pub fn all() -> impl Iterator<Item = Level> {
        (Self::MIN..=Self::MAX).map(Level)
    }
}

impl Default for Level {
    /// Unscored items sit in the middle (medium) until the meeting scores them.
    fn default() -> Self {
        Level(2)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Level {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.0)
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LevelVisitor;
        impl serde::de::Visitor<'_> for LevelVisitor {
            type Value = Level;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("expected 1–4")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Level, E> {
                u8::try_from(v)
                    .ok()
                    .and_then(Level::new)
                    .ok_or_else(|| E::custom(format!("expected 1–4, found {v}")))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Level, E> {
                u8::try_from(v)
                    .ok()
                    .and_then(Level::new)
                    .ok_or_else(|| E::custom(format!("expected 1–4, found {v}")))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Level, E> {
                Err(E::custom(format!("expected 1–4, found {v}")))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Level, E> {
                Err(E::custom(format!("expected 1–4, found \"{v}\"")))
            }
        }
        deserializer.deserialize_any(LevelVisitor)
    }
}

impl JsonSchema for Level {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Level".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer",
            "minimum": 1,
            "maximum": 4,
            "description": "1 low … 4 critical (impact) or very high (effort)"
        })
    }
}

/// P0 (do now) … P3 (backlog). Ordered so that `P0 < P3`: a smaller value is more urgent.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub enum Priority {
    P0,
    P1,
    #[default]
    P2,
    P3,
}

impl Priority {
    pub const ALL: [Priority; 4] = [Priority::P0, Priority::P1, Priority::P2, Priority::P3];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::P0 => "P0",
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
        }
    }

    pub fn parse(text: &str) -> Option<Priority> {
        by_name(&Priority::ALL, Priority::as_str, text)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// One level more urgent; P0 stays P0.
    pub fn raised(self) -> Priority {
        match self {
            Priority::P0 | Priority::P1 => Priority::P0,
            Priority::P2 => Priority::P1,
            Priority::P3 => Priority::P2,
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Priority::P0 => "do now",
            Priority::P1 => "this week",
            Priority::P2 => "this month",
            Priority::P3 => "backlog",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
