//! A direct reader for workspaces as this app stores them, ahead of serde.
//!
//! Through serde_json, every key of every object is scanned, compared with field names and
//! dispatched through several layers: about a third of the instructions of loading a large
//! workspace. This app writes its fields in declaration order, so here each key is checked
//! against the one expected next, values are read in place, and every list is built at
//! exactly its length.
//!
//! It is only a fast path. It reads nothing on its own authority: anything it is not sure
//! of — a key out of order or unknown, an escape in a name or date, a number that is not
//! plain digits, a bad value — makes it give up (`None`), and the caller reads the text
//! with serde as before, which decides what is accepted and what the error says. What it
//! does read, it reads exactly as serde would (the tests hold it to that), and the rarely
//! present parts (settings, blocks, deferrals, escalations, wins) are handed to serde whole.

mod scan;

use scan::{whole, Reader};

use super::{
    ActionItem, Category, HistoryEntry, ItemStatus, PostMortem, PostMortemStatus, Priority,
    Resolution, Severity, Verification, VerificationMethod, Workspace, SCHEMA_VERSION,
};

/// The workspace in `text`, or `None` if it is not plainly in this app's own form (then
/// serde must read it).
pub(crate) fn workspace(text: &str) -> Option<Workspace> {
    whole(text, Reader::workspace)
}

/// One post-mortem in `text` (a stored shard's JSON), or `None` if it is not plainly in this
/// app's own form (then serde must read it).
pub(crate) fn postmortem(text: &str) -> Option<PostMortem> {
    whole(text, Reader::postmortem)
}

impl Reader<'_> {
    fn workspace(&mut self) -> Option<Workspace> {
        let mut o = self.open()?;
        let workspace = Workspace {
            schema_version: self
                .field(&mut o, "schema_version", Self::u32)?
                .unwrap_or(SCHEMA_VERSION),
            settings: self
                .field(&mut o, "settings", Self::delegate)?
                .unwrap_or_default(),
            postmortems: self
                .field(&mut o, "postmortems", |r| r.list(Self::postmortem))?
                .unwrap_or_default(),
        };
        self.close(o)?;
        Some(workspace)
    }

    fn postmortem(&mut self) -> Option<PostMortem> {
        let mut o = self.open()?;
        let postmortem = PostMortem {
            id: self.field(&mut o, "id", Self::string)??,
            title: self.field(&mut o, "title", Self::string)??,
            incident_ref: self
                .field(&mut o, "incident_ref", Self::string)?
                .unwrap_or_default(),
            severity: self
                .field(&mut o, "severity", |r| {
                    r.one_of(&Severity::ALL, Severity::as_str)
                })?
                .unwrap_or_default(),
            incident_date: self
                .field(&mut o, "incident_date", |r| r.nullable(Self::date))?
                .unwrap_or_default(),
            duration_minutes: self
                .field(&mut o, "duration_minutes", |r| r.nullable(Self::u32))?
                .unwrap_or_default(),
            facilitator: self
                .field(&mut o, "facilitator", Self::string)?
                .unwrap_or_default(),
            summary: self
                .field(&mut o, "summary", Self::string)?
                .unwrap_or_default(),
            doc_url: self
                .field(&mut o, "doc_url", Self::string)?
                .unwrap_or_default(),
            status: self
                .field(&mut o, "status", |r| {
                    r.one_of(&PostMortemStatus::ALL, PostMortemStatus::as_str)
                })?
                .unwrap_or_default(),
            closure_note: self
                .field(&mut o, "closure_note", Self::string)?
                .unwrap_or_default(),
            recurrence_of: self
                .field(&mut o, "recurrence_of", Self::strings)?
                .unwrap_or_default(),
            tags: self
                .field(&mut o, "tags", Self::strings)?
                .unwrap_or_default(),
            future_considerations: self
                .field(&mut o, "future_considerations", Self::strings)?
                .unwrap_or_default(),
            action_items: self
                .field(&mut o, "action_items", |r| r.list(Self::item))?
                .unwrap_or_default(),
            created_at: self
                .field(&mut o, "created_at", |r| r.nullable(Self::instant))?
                .unwrap_or_default(),
            updated_at: self
                .field(&mut o, "updated_at", |r| r.nullable(Self::instant))?
                .unwrap_or_default(),
        };
        self.close(o)?;
        Some(postmortem)
    }

    fn item(&mut self) -> Option<ActionItem> {
        let mut o = self.open()?;
        let item = ActionItem {
            id: self.field(&mut o, "id", Self::string)??,
            title: self.field(&mut o, "title", Self::string)??,
            description: self
                .field(&mut o, "description", Self::string)?
                .unwrap_or_default(),
            category: self
                .field(&mut o, "category", |r| {
                    r.nullable(|r| r.one_of(&Category::ALL, Category::as_str))
                })?
                .unwrap_or_default(),
            impact: self
                .field(&mut o, "impact", Self::level)?
                .unwrap_or_default(),
            effort: self
                .field(&mut o, "effort", Self::level)?
                .unwrap_or_default(),
            priority: self
                .field(&mut o, "priority", |r| {
                    r.one_of(&Priority::ALL, Priority::as_str)
                })?
                .unwrap_or_default(),
            priority_reasons: self
                .field(&mut o, "priority_reasons", Self::strings)?
                .unwrap_or_default(),
            owner: self
                .field(&mut o, "owner", Self::string)?
                .unwrap_or_default(),
            team: self
                .field(&mut o, "team", Self::string)?
                .unwrap_or_default(),
            due_date: self
                .field(&mut o, "due_date", |r| r.nullable(Self::date))?
                .unwrap_or_default(),
            original_due_date: self
                .field(&mut o, "original_due_date", |r| r.nullable(Self::date))?
                .unwrap_or_default(),
            status: self
                .field(&mut o, "status", |r| {
                    r.one_of(&ItemStatus::ALL, ItemStatus::as_str)
                })?
                .unwrap_or_default(),
            tracking_ticket: self
                .field(&mut o, "tracking_ticket", Self::string)?
                .unwrap_or_default(),
            tracking_url: self
                .field(&mut o, "tracking_url", Self::string)?
                .unwrap_or_default(),
            tags: self
                .field(&mut o, "tags", Self::strings)?
                .unwrap_or_default(),
            would_halve_duration: self
                .field(&mut o, "would_halve_duration", Self::bool)?
                .unwrap_or_default(),
            linked_items: self
                .field(&mut o, "linked_items", Self::strings)?
                .unwrap_or_default(),
            verification: self
                .field(&mut o, "verification", |r| r.nullable(Self::verification))?
                .unwrap_or_default(),
            blocked: self
                .field(&mut o, "blocked", |r| r.nullable(Self::delegate))?
                .unwrap_or_default(),
            deferral: self
                .field(&mut o, "deferral", |r| r.nullable(Self::delegate))?
                .unwrap_or_default(),
            resolution: self
                .field(&mut o, "resolution", |r| {
                    r.nullable(|r| r.one_of(&Resolution::ALL, Resolution::as_str))
                })?
                .unwrap_or_default(),
            resolution_note: self
                .field(&mut o, "resolution_note", Self::string)?
                .unwrap_or_default(),
            history: self
                .field(&mut o, "history", |r| r.list(Self::history_entry))?
                .unwrap_or_default(),
            last_progress_at: self
                .field(&mut o, "last_progress_at", |r| r.nullable(Self::instant))?
                .unwrap_or_default(),
            created_at: self
                .field(&mut o, "created_at", |r| r.nullable(Self::instant))?
                .unwrap_or_default(),
            updated_at: self
                .field(&mut o, "updated_at", |r| r.nullable(Self::instant))?
                .unwrap_or_default(),
            escalation: self
                .field(&mut o, "escalation", |r| r.nullable(Self::delegate))?
                .unwrap_or_default(),
            wins: self
                .field(&mut o, "wins", Self::delegate)?
                .unwrap_or_default(),
        };
        self.close(o)?;
        Some(item)
    }

    fn verification(&mut self) -> Option<Verification> {
        let mut o = self.open()?;
        let verification = Verification {
            method: self.field(&mut o, "method", |r| {
                r.one_of(&VerificationMethod::ALL, VerificationMethod::as_str)
            })??,
            evidence: self
                .field(&mut o, "evidence", Self::string)?
                .unwrap_or_default(),
            verified_at: self
                .field(&mut o, "verified_at", |r| r.nullable(Self::instant))?
                .unwrap_or_default(),
        };
        self.close(o)?;
        Some(verification)
    }

    fn history_entry(&mut self) -> Option<HistoryEntry> {
        let mut o = self.open()?;
        let entry = HistoryEntry {
            at: self.field(&mut o, "at", Self::instant)??,
            field: self.field(&mut o, "field", Self::string)??,
            from: self
                .field(&mut o, "from", Self::string)?
                .unwrap_or_default(),
            to: self.field(&mut o, "to", Self::string)?.unwrap_or_default(),
            note: self
                .field(&mut o, "note", Self::string)?
                .unwrap_or_default(),
        };
        self.close(o)?;
        Some(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Blocked, BlockedKind, Deferral, Escalation, Win};
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A small workspace with every part that a sample leaves out: escapes, other time
    /// zones, blocks, deferrals, escalations, wins, changed settings.
    fn unusual() -> Workspace {
        let mut ws = crate::sample::workspace(5, 2, 2, day(2026, 5, 1));
        ws.settings.review.owner_capacity = 9;
        ws.settings.scoring.p0_ratio = 2.5;
        let pm = &mut ws.postmortems[0];
        pm.title = "Quotes \" and \\ back\nslash, tab\t, é, \u{1F600}".into();
        pm.duration_minutes = Some(115);
        pm.incident_date = None;
        ws.postmortems[1].duration_minutes = None;
        let pm = &mut ws.postmortems[0];
        let item = &mut pm.action_items[0];
        item.category = None;
        item.resolution = None;
        item.verification = None;
        item.blocked = Some(Blocked {
            kind: BlockedKind::OwnerLeft,
            note: "gone".into(),
            since: Some(day(2026, 2, 3)),
        });
        item.deferral = Some(Deferral {
            reason: "later".into(),
            trigger: String::new(),
            revisit_on: None,
            risk_acknowledged: true,
        });
        item.escalation = Some(Escalation {
            gap: "g".into(),
            consequence: "c\u{0}d".into(),
            proposal: String::new(),
            decision_maker: "VP".into(),
        });
        item.wins = vec![Win {
            at: "2026-04-01T10:00:00+02:00".parse().unwrap(),
            incident_ref: "INC-9".into(),
            note: "caught".into(),
        }];
        item.created_at = Some("2026-01-01T00:00:00.123456789Z".parse().unwrap());
        ws
    }

    fn serde(text: &str) -> Result<Workspace, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_what_the_app_writes_as_serde_does() {
        for ws in [
            Workspace::default(),
            crate::sample::workspace(1, 20, 6, day(2026, 5, 1)),
            unusual(),
        ] {
            for text in [
                serde_json::to_string(&ws).unwrap(),
                serde_json::to_string_pretty(&ws).unwrap(),
            ] {
                assert_eq!(workspace(&text).as_ref(), Some(&ws));
                assert_eq!(serde(&text).as_ref(), Ok(&ws));
            }
        }
    }

    #[test]
    fn reads_a_stored_postmortem_as_serde_does() {
        for ws in [
            crate::sample::workspace(2, 12, 9, day(2026, 5, 1)),
            unusual(),
        ] {
            for pm in &ws.postmortems {
                let text = serde_json::to_string(pm).unwrap();
                assert_eq!(postmortem(&text).as_ref(), Some(pm));
                assert_eq!(
                    serde_json::from_str::<PostMortem>(&text).as_ref().ok(),
                    Some(pm)
                );
                // Trailing text, or a field it does not know, is left to serde.
                assert_eq!(postmortem(&format!("{text} x")), None);
                let unknown = text.replacen('{', r#"{"colour":"red","#, 1);
                assert_eq!(postmortem(&unknown), None);
            }
        }
    }

    #[test]
    fn fields_may_be_left_out() {
        let text = r#"{"postmortems":[{"id":"a","title":"b","action_items":[
            {"id":"c","title":"d","history":[{"at":"2026-05-01T00:00:00Z","field":"owner"}]},
            {"id":"e","title":"f","verification":{"method":"test"}}]}]}"#;
        assert!(workspace(text).is_some());
        assert_eq!(workspace(text), serde(text).ok());
        assert_eq!(workspace("{}"), Some(Workspace::default()));
    }

    /// Whatever it is not sure of is left to serde: other orders, unknown or repeated keys,
    /// escaped names, numbers in other spellings, structs written as arrays.
    #[test]
    fn leaves_anything_else_to_serde() {
        for text in [
            r#"{"postmortems":[],"schema_version":1}"#,
            r#"{"schema_version":1,"extra":true,"postmortems":[]}"#,
            r#"{"schema_version":1,"schema_version":1}"#,
            r#"{"\u0073chema_version":1}"#,
            r#"{"schema_version":1.0}"#,
            r#"{"schema_version":1e0}"#,
            r#"{"schema_version":-0}"#,
            r#"{"postmortems":[{"id":"a","title":"b","status":"dr\u0061ft"}]}"#,
            r#"{"postmortems":[["a","b"]]}"#,
            r#"{"postmortems":[{"id":"a","title":"b","severity":{"SEV1":null}}]}"#,
            r#"{"postmortems":[{"id":"a","title":"b","incident_date":"2026-05-0\u0031"}]}"#,
            r#"{"postmortems":[{"title":"b","id":"a"}]}"#,
            r#"{"postmortems":[{"id":"a"}]}"#,
            r#"{"postmortems":[],}"#,
            r#"{"postmortems":[]} x"#,
        ] {
            assert_eq!(workspace(text), None, "{text}");
        }
    }

    /// One-byte changes, deletions and insertions in a small stored workspace: whenever the
    /// reader takes the text, serde takes it too and reads the same workspace.
    #[test]
    fn never_reads_what_serde_would_refuse_or_read_otherwise() {
        let mut ws = unusual();
        ws.postmortems.truncate(1);
        ws.postmortems[0].action_items.truncate(2);
        for item in &mut ws.postmortems[0].action_items {
            item.history.truncate(2);
        }
        let text = serde_json::to_string(&ws).unwrap();
        let mut taken = 0;
        let mut check = |bytes: Vec<u8>| {
            let Ok(text) = String::from_utf8(bytes) else {
                return;
            };
            if let Some(read) = workspace(&text) {
                taken += 1;
                assert_eq!(serde(&text).as_ref(), Ok(&read), "{text}");
            }
        };
        // All of these in place of punctuation and digits; elsewhere, to keep it quick, seven
        // of them, a different seven at the next place.
        const BYTES: &[u8] = b"\"\\,:{}[] 0159nt-Tx\x01";
        // Settings are handed to serde whole: changes inside them test only serde.
        let settings = text.find("\"scoring\"").unwrap()..text.find(",\"postmortems\"").unwrap();
        for (at, &was) in text.as_bytes().iter().enumerate() {
            if settings.contains(&at) {
                continue;
            }
            let tries = if was.is_ascii_alphabetic() {
                7
            } else {
                BYTES.len()
            };
            for k in 0..tries {
                let mut bytes = text.clone().into_bytes();
                bytes[at] = BYTES[(at + 3 * k) % BYTES.len()];
                check(bytes);
            }
            let mut bytes = text.clone().into_bytes();
            bytes.remove(at);
            check(bytes);
            for byte in [b'0', BYTES[at % BYTES.len()]] {
                let mut bytes = text.clone().into_bytes();
                bytes.insert(at, byte);
                check(bytes);
            }
        }
        // Most changes inside strings and many elsewhere are still readable.
        assert!(taken > text.len(), "{taken}");
    }

    #[test]
    fn lists_keep_no_spare_room() {
        let ws = crate::sample::workspace(2, 9, 10, day(2026, 5, 1));
        let read = workspace(&serde_json::to_string(&ws).unwrap()).unwrap();
        assert_eq!(read.postmortems.capacity(), 9);
        for pm in &read.postmortems {
            assert_eq!(pm.action_items.capacity(), pm.action_items.len());
            assert_eq!(pm.tags.capacity(), pm.tags.len());
            for item in &pm.action_items {
                assert_eq!(item.history.capacity(), item.history.len());
                assert_eq!(item.tags.capacity(), item.tags.len());
            }
        }
    }

    #[test]
    fn enum_names_are_the_serde_names() {
        fn check<T: Copy + serde::Serialize>(all: &[T], name: fn(T) -> &'static str) {
            for &value in all {
                let json = serde_json::to_string(&value).unwrap();
                assert_eq!(json, format!("\"{}\"", name(value)));
            }
        }
        check(&Severity::ALL, Severity::as_str);
        check(&PostMortemStatus::ALL, PostMortemStatus::as_str);
        check(&Category::ALL, Category::as_str);
        check(&Priority::ALL, Priority::as_str);
        check(&ItemStatus::ALL, ItemStatus::as_str);
        check(&Resolution::ALL, Resolution::as_str);
        check(&VerificationMethod::ALL, VerificationMethod::as_str);
    }
}
