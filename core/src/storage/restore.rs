//! Restore points (issue 16): before an import, a reconcile, a pasted list or a restore is
//! applied, the workspace as it was is kept aside (the app keeps it in IndexedDB), so that it
//! can be brought back after a reload too. This module is the pure part: what a point says
//! about itself ([`RestorePoint`], its [`Occasion`] and label), its key, and which points go
//! once more than [`RESTORE_POINTS_KEPT`] are kept. The workspace itself is stored as
//! [`super::save_workspace`] writes it and read back with [`super::load_workspace`].

use chrono::{DateTime, Timelike, Utc};

use crate::model::Workspace;
pub use crate::settings::RESTORE_POINTS_KEPT;

/// Why a restore point was taken: what was about to be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Occasion {
    /// A file (or a folder's files) merged in, or new items from another tool's file; `into`
    /// names the post-mortem the new items went to, when one was chosen.
    Import { file: String, into: Option<String> },
    /// Tracker statuses applied from a file.
    Reconcile { file: String },
    /// A whole-workspace file (or folder) replacing the workspace.
    Replace { file: String },
    /// Items pasted from a post-mortem document.
    Paste { into: Option<String> },
    /// Another restore point brought back; `label` is that point's label.
    Restore { label: String },
}

impl Occasion {
    /// The occasion of applying this app's file (or folder) `file`: replacing the workspace
    /// when `replaces_all` (a whole workspace in Replace mode), else importing it.
    pub fn of_file(file: String, replaces_all: bool) -> Occasion {
        if replaces_all {
            Occasion::Replace { file }
        } else {
            Occasion::Import { file, into: None }
        }
    }

    /// The occasion of applying another tool's file `file` (none for a pasted list): tracker
    /// statuses when some were chosen, else new items, going `into` a post-mortem when one was
    /// chosen.
    pub fn of_source(file: Option<&str>, statuses: bool, into: Option<&str>) -> Occasion {
        let into = into.map(str::to_string);
        match file.map(str::to_string) {
            Some(file) if statuses => Occasion::Reconcile { file },
            Some(file) => Occasion::Import { file, into },
            None => Occasion::Paste { into },
        }
    }

    /// What the point is before, as its list says it: "Before importing jira.json into
    /// PM-2026-0051".
    pub fn label(&self) -> String {
        let into = |into: &Option<String>| {
            into.as_ref()
                .map(|pm| format!(" into {pm}"))
                .unwrap_or_default()
        };
        match self {
            Occasion::Import { file, into: pm } => format!("Before importing {file}{}", into(pm)),
            Occasion::Reconcile { file } => format!("Before applying tracker statuses from {file}"),
            Occasion::Replace { file } => format!("Before replacing the workspace with {file}"),
            Occasion::Paste { into: pm } => format!("Before adding pasted items{}", into(pm)),
            Occasion::Restore { label } => {
                format!(
                    "Before restoring the point taken before {}",
                    what_before(label)
                )
            }
        }
    }
}

/// What a point's label says it was taken before, without "Before ": "importing jira.json".
pub fn what_before(label: &str) -> &str {
    label.strip_prefix("Before ").unwrap_or(label)
}

/// What a restore point says about itself; the workspace it keeps is stored beside it under
/// the same `id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestorePoint {
    /// Its key: when it was taken in milliseconds, made unique ([`next_id`]).
    pub id: u64,
    pub taken_at: DateTime<Utc>,
    /// Why it was taken ([`Occasion::label`]).
    pub label: String,
    /// What the kept workspace holds.
    pub postmortems: usize,
    pub items: usize,
}

/// The first field of a stored description: its format.
const FORMAT: &str = "restore-point-1";

impl RestorePoint {
    /// A point for `workspace` as it is now, taken at `now`, keyed after `existing`.
    pub fn new(
        workspace: &Workspace,
        occasion: &Occasion,
        now: DateTime<Utc>,
        existing: &[RestorePoint],
    ) -> RestorePoint {
        RestorePoint {
            id: next_id(now, existing),
            taken_at: now,
            label: occasion.label(),
            postmortems: workspace.postmortems.len(),
            items: workspace
                .postmortems
                .iter()
                .map(|pm| pm.action_items.len())
                .sum(),
        }
    }

    /// When it was taken and what it holds: "2026-11-30 13:05 UTC · 3 post-mortems, 12 items".
    pub fn summary(&self) -> String {
        let plural = |n: usize, one: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {one}s")
            }
        };
        let (date, time) = (self.taken_at.date_naive(), self.taken_at.time());
        format!(
            "{date} {:02}:{:02} UTC · {}, {}",
            time.hour(),
            time.minute(),
            plural(self.postmortems, "post-mortem"),
            plural(self.items, "item")
        )
    }

    /// The point's description as stored beside the workspace: tab-separated fields, the label
    /// last (it is the only text, and a tab in a file name stays in it).
    pub fn to_text(&self) -> String {
        format!(
            "{FORMAT}\t{}\t{}\t{}\t{}\t{}",
            self.id,
            self.taken_at.timestamp_millis(),
            self.postmortems,
            self.items,
            self.label
        )
    }

    /// A stored description, or `None` when it cannot be read (such a point is not listed).
    pub fn from_text(text: &str) -> Option<RestorePoint> {
        let mut fields = text.splitn(6, '\t');
        if fields.next()? != FORMAT {
            return None;
        }
        let id = fields.next()?.parse().ok()?;
        let taken_at = DateTime::from_timestamp_millis(fields.next()?.parse().ok()?)?;
        Some(RestorePoint {
            id,
            taken_at,
            postmortems: fields.next()?.parse().ok()?,
            items: fields.next()?.parse().ok()?,
            label: fields.next()?.to_string(),
        })
    }
}

/// A key after every existing one: `now` in milliseconds, or one more than the newest when a
/// point was taken in the same millisecond (or the clock went back).
pub fn next_id(now: DateTime<Utc>, existing: &[RestorePoint]) -> u64 {
    let ms = u64::try_from(now.timestamp_millis()).unwrap_or(0);
    match existing.iter().map(|p| p.id).max() {
        Some(newest) if newest >= ms => newest + 1,
        _ => ms,
    }
}

/// The points newest first, as the list shows them.
pub fn newest_first(mut points: Vec<RestorePoint>) -> Vec<RestorePoint> {
    crate::order::sort_by(&mut points, |a, b| b.id.cmp(&a.id));
    points
}

/// The ids of the points to forget so that only the newest [`RESTORE_POINTS_KEPT`] stay.
pub fn to_forget(points: &[RestorePoint]) -> Vec<u64> {
    let mut ids: Vec<u64> = points.iter().map(|p| p.id).collect();
    ids.sort_unstable_by(|a, b| b.cmp(a));
    ids.into_iter().skip(RESTORE_POINTS_KEPT).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionItem, PostMortem};
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, 13, minute, 0).unwrap()
    }

    fn workspace() -> Workspace {
        let pm = |id: &str, items: usize| PostMortem {
            id: id.into(),
            action_items: (0..items)
                .map(|n| ActionItem {
                    id: format!("{id}-{n}"),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        };
        Workspace {
            postmortems: vec![pm("PM-1", 2), pm("PM-2", 1)],
            ..Default::default()
        }
    }

    fn import() -> Occasion {
        Occasion::Import {
            file: "jira-search.json".into(),
            into: Some("PM-2026-0051".into()),
        }
    }

    #[test]
    fn a_point_says_why_when_and_what_it_holds() {
        let point = RestorePoint::new(&workspace(), &import(), at(5), &[]);
        assert_eq!(
            point.label,
            "Before importing jira-search.json into PM-2026-0051"
        );
        assert_eq!(
            point.summary(),
            "2026-11-30 13:05 UTC · 2 post-mortems, 3 items"
        );
        let one = Workspace {
            postmortems: vec![workspace().postmortems.remove(1)],
            ..Default::default()
        };
        assert_eq!(
            RestorePoint::new(&one, &import(), at(5), &[]).summary(),
            "2026-11-30 13:05 UTC · 1 post-mortem, 1 item"
        );
    }

    #[test]
    fn every_occasion_has_its_label() {
        let file = || "team.json".to_string();
        let cases = [
            (
                Occasion::Import {
                    file: file(),
                    into: None,
                },
                "Before importing team.json",
            ),
            (
                Occasion::Reconcile { file: file() },
                "Before applying tracker statuses from team.json",
            ),
            (
                Occasion::Replace { file: file() },
                "Before replacing the workspace with team.json",
            ),
            (Occasion::Paste { into: None }, "Before adding pasted items"),
            (
                Occasion::Paste {
                    into: Some("PM-7".into()),
                },
                "Before adding pasted items into PM-7",
            ),
            (
                Occasion::Restore {
                    label: "Before importing team.json".into(),
                },
                "Before restoring the point taken before importing team.json",
            ),
        ];
        for (occasion, label) in cases {
            assert_eq!(occasion.label(), label);
        }
    }

    #[test]
    fn the_occasion_follows_what_is_applied() {
        let name = Some("jira.json");
        assert_eq!(
            Occasion::of_source(name, true, Some("PM-1")).label(),
            "Before applying tracker statuses from jira.json"
        );
        assert_eq!(
            Occasion::of_source(name, false, Some("PM-1")).label(),
            "Before importing jira.json into PM-1"
        );
        assert_eq!(
            Occasion::of_source(None, false, None).label(),
            "Before adding pasted items"
        );
        assert_eq!(
            Occasion::of_file("ws.json".into(), true).label(),
            "Before replacing the workspace with ws.json"
        );
        assert_eq!(
            Occasion::of_file("ws.json".into(), false).label(),
            "Before importing ws.json"
        );
    }

    #[test]
    fn keys_grow_even_within_one_millisecond_or_when_the_clock_goes_back() {
        let first = RestorePoint::new(&workspace(), &import(), at(5), &[]);
        assert_eq!(first.id, at(5).timestamp_millis() as u64);
        let same = RestorePoint::new(&workspace(), &import(), at(5), std::slice::from_ref(&first));
        assert_eq!(same.id, first.id + 1);
        let earlier = RestorePoint::new(
            &workspace(),
            &import(),
            at(1),
            &[first.clone(), same.clone()],
        );
        assert_eq!(earlier.id, same.id + 1);
        let later = RestorePoint::new(&workspace(), &import(), at(9), &[first, same]);
        assert_eq!(later.id, at(9).timestamp_millis() as u64);
    }

    #[test]
    fn the_newest_five_are_kept() {
        let mut points = Vec::new();
        for minute in [3, 1, 7, 2, 9, 4, 8] {
            let point = RestorePoint::new(&workspace(), &import(), at(minute), &[]);
            points.push(point);
        }
        let mut forgotten = to_forget(&points);
        forgotten.sort_unstable();
        assert_eq!(
            forgotten,
            [at(1), at(2)].map(|t| t.timestamp_millis() as u64)
        );
        assert!(to_forget(&points[..RESTORE_POINTS_KEPT]).is_empty());
        let listed: Vec<u64> = newest_first(points).iter().map(|p| p.id).collect();
        let mut sorted = listed.clone();
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        assert_eq!(listed, sorted);
    }

    #[test]
    fn a_description_round_trips_and_a_bad_one_is_not_read() {
        let mut point =
            RestorePoint::new(&workspace(), &Occasion::Paste { into: None }, at(5), &[]);
        assert_eq!(
            RestorePoint::from_text(&point.to_text()),
            Some(point.clone())
        );
        point.label = "Before importing odd\tname.json".into();
        assert_eq!(
            RestorePoint::from_text(&point.to_text()),
            Some(point.clone())
        );
        let text = point.to_text();
        // A count that is not a number, another format, a cut description.
        assert_eq!(
            RestorePoint::from_text(&text.replacen("\t2\t3\t", "\tx\t3\t", 1)),
            None
        );
        assert_eq!(RestorePoint::from_text(&text.replacen("-1", "-9", 1)), None);
        assert_eq!(RestorePoint::from_text(&text[..text.len() / 2]), None);
        assert_eq!(RestorePoint::from_text("not a point"), None);
    }
}
