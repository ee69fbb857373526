//! Property tests for scoring, deadlines, the validator, the post-mortem checks and the stored
//! format: on arbitrary items and post-mortems (any Unicode, empty and huge strings, any level,
//! dates across chrono's whole range, every status; strategies in `common`) nothing panics, a
//! workspace survives a JSON round trip unchanged, whole or sharded, and reading a stored shard
//! never panics.

mod common;

use chrono::NaiveDate;
use common::{cases, date, instant, item, one_of, postmortem, settings, text};
use followthrough_core::model::*;
use followthrough_core::settings::ScoringSettings;
use followthrough_core::validator::{self, ValidationContext};
use followthrough_core::{deadlines, postmortem_checks, scoring, storage};
use proptest::prelude::*;
use proptest::sample::select;

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn scoring_never_panics_and_never_lowers(
        item in item(),
        severity in one_of(&Severity::ALL),
        s in settings(),
        target in one_of(&scoring::Quadrant::ALL),
    ) {
        let scored = scoring::score(&item, severity, &s);
        prop_assert!(scored.effective <= scored.base);
        prop_assert_eq!(scored.reasons.is_empty(), scored.effective == scored.base);
        let mut copy = item.clone();
        scoring::apply_scoring(&mut copy, severity, &s);
        prop_assert_eq!(copy.priority, scored.effective);
        let _ = scoring::explain_base(item.impact, item.effort, &s.scoring);
        let (i, e, change) = scoring::move_to_quadrant(item.impact, item.effort, target, &s.scoring);
        if change.is_some() {
            prop_assert_eq!(scoring::quadrant(i, e, &s.scoring), target);
        }
        let d = ScoringSettings::default();
        let (i, e, _) = scoring::move_to_quadrant(item.impact, item.effort, target, &d);
        prop_assert_eq!(scoring::quadrant(i, e, &d), target);
    }

    #[test]
    fn validation_never_panics(
        item in item(),
        today in date(),
        priority in one_of(&Priority::ALL),
        open in prop_oneof![Just(usize::MAX), 0usize..10],
        s in settings(),
        known in prop::option::of(prop::collection::hash_map(text(), 0usize..3, 0..4)),
    ) {
        let ctx = ValidationContext { today, priority, owner_open_items: open, settings: &s, known_owners: known.as_ref() };
        let v = validator::validate(&item, &ctx);
        prop_assert_eq!(v.is_ready(), v.passes() == 5);
        for (_, check) in v.checks() {
            prop_assert!(!check.message.is_empty());
            // Every warn and fail says how to do better (DOMAIN.md §5).
            if !check.is_pass() {
                prop_assert!(check.suggestion.as_ref().is_some_and(|s| !s.trim().is_empty()), "{:?}", check);
            }
        }
        let _ = validator::check_verb(&item.title);
        let _ = validator::safe_link(&item.tracking_url);
        if let Some(link) = validator::safe_link(&item.tracking_url) {
            prop_assert!(link.to_ascii_lowercase().starts_with("http"));
            prop_assert!(!link.chars().any(|c| c.is_whitespace() || c.is_control()));
        }
    }

    #[test]
    fn deadlines_never_panic(
        item in item(),
        today in date(),
        new_date in date(),
        note in text(),
        at in instant(),
        priority in one_of(&Priority::ALL),
        s in settings(),
    ) {
        let _ = deadlines::default_due_date(today, priority, &s);
        let _ = deadlines::check_due_date(&item, priority, today, &s);
        if let Ok(changed) = deadlines::change_due_date(&item, new_date, &note, at) {
            prop_assert_eq!(changed.due_date, Some(new_date));
            if item.due_date != Some(new_date) {
                prop_assert_eq!(
                    changed.original_due_date,
                    item.original_due_date.or(item.due_date).or(Some(new_date))
                );
                prop_assert_eq!(changed.history.len(), item.history.len() + 1);
            }
        } else {
            prop_assert!(note.trim().is_empty());
        }
    }

    #[test]
    fn postmortem_checks_never_panic(
        pm in postmortem(),
        others in prop::collection::vec(postmortem().boxed(), 0..3),
        s in settings(),
        pick in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        let ws = Workspace { postmortems: others, ..Workspace::default() };
        let findings = postmortem_checks::check_postmortem(&pm, &ws, &s);
        for f in &findings {
            prop_assert!(!f.message.is_empty());
        }
        let _ = postmortem_checks::may_leave_meeting(&pm);
        let _ = postmortem_checks::may_close(&pm);
        let _ = validator::open_items_by_owner(&ws);
        let ids: Vec<String> = if pm.action_items.is_empty() {
            Vec::new()
        } else {
            pick.iter().map(|i| i.get(&pm.action_items).id.clone()).collect()
        };
        let moved = postmortem_checks::move_to_future_considerations(&pm, &ids);
        prop_assert!(moved.action_items.iter().all(|i| !ids.contains(&i.id)));
        prop_assert_eq!(
            moved.action_items.len() + moved.future_considerations.len(),
            pm.action_items.len() + pm.future_considerations.len()
        );
    }

    #[test]
    fn a_workspace_survives_a_json_round_trip(
        postmortems in prop::collection::vec(postmortem().boxed(), 0..4),
    ) {
        let mut ws = Workspace { postmortems, ..Workspace::default() };
        scoring::rescore_workspace(&mut ws);
        let text = storage::save_workspace(&ws);
        let back = storage::load_workspace(&text);
        prop_assert_eq!(back, Ok(ws));
    }
}

/// Anything that may sit in a shard's key: arbitrary text, text shaped like a shard (a header
/// with any length, characters in and around the packed range), and real shards damaged.
fn shard_like() -> BoxedStrategy<String> {
    let unit = prop_oneof![
        8 => (0x0800u32..=0x87FF).prop_map(|c| char::from_u32(c).unwrap_or('?')),
        1 => any::<char>(),
        1 => Just('\u{FFFD}'),
    ];
    prop_oneof![
        any::<String>(),
        (
            select(vec!["ft1", "ft2", "ft", "FT1", "{"]),
            prop_oneof![0usize..300, any::<usize>()],
            prop::collection::vec(unit, 0..200),
        )
            .prop_map(|(tag, n, units)| format!("{tag}:{n}:{}", String::from_iter(units))),
        (
            postmortem(),
            any::<prop::sample::Index>(),
            any::<char>(),
            0u8..3
        )
            .prop_map(|(pm, at, c, how)| {
                let mut chars: Vec<char> = storage::encode_postmortem(&pm).chars().collect();
                let at = at.index(chars.len());
                match how {
                    0 => chars[at] = c,
                    1 => chars.truncate(at),
                    _ => chars.insert(at, c),
                }
                String::from_iter(chars)
            }),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn a_post_mortem_survives_the_shard_round_trip(pm in postmortem()) {
        let shard = storage::encode_postmortem(&pm);
        prop_assert!(shard.starts_with("ft1:"));
        let body = shard.splitn(3, ':').nth(2).unwrap_or("");
        let packed = '\u{0800}'..='\u{87FF}';
        prop_assert!(body.chars().all(|c| packed.contains(&c)), "{:?}", body);
        prop_assert_eq!(storage::decode_postmortem(&shard), Ok(pm.clone()));
        // The plain-JSON form reads the same.
        let json = serde_json::to_string(&pm).unwrap_or_default();
        prop_assert_eq!(storage::decode_postmortem(&json), Ok(pm));
    }

    #[test]
    fn reading_a_stored_value_never_panics(text in shard_like()) {
        match storage::decode_postmortem(&text) {
            Ok(_) => {}
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                if let storage::ShardErrorKind::Unreadable(_) = e.kind {
                    prop_assert!(e.decoded.is_some());
                }
            }
        }
        let _ = storage::decode_index(&text);
    }
}

proptest! {
    // Whole workspaces are slow to generate in a debug build; the codec itself is covered
    // per post-mortem above.
    #![proptest_config(cases(64))]

    #[test]
    fn a_workspace_survives_the_sharded_round_trip(
        postmortems in prop::collection::vec(postmortem().boxed(), 0..4),
        capacity in any::<u32>(),
        rotate in any::<prop::sample::Index>(),
    ) {
        let mut ws = Workspace { postmortems, ..Workspace::default() };
        ws.settings.review.owner_capacity = capacity;
        // Unique ids (a `#<n>` suffix), so the index alone fixes the order.
        for (i, pm) in ws.postmortems.iter_mut().enumerate() {
            pm.id = format!("{}#{i}", pm.id);
        }
        let index = storage::decode_index(&storage::encode_index(&ws))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        // Shards come back from storage in any order.
        let mut shards = Vec::new();
        for pm in ws.postmortems.iter().rev() {
            let shard = storage::encode_postmortem(pm);
            shards.push(storage::decode_postmortem(&shard).map_err(|e| TestCaseError::fail(e.to_string()))?);
        }
        if !shards.is_empty() {
            let by = rotate.index(shards.len());
            shards.rotate_left(by);
        }
        prop_assert_eq!(storage::assemble(index, shards), ws);
    }
}

#[test]
fn a_sample_workspace_survives_a_json_round_trip() {
    let until = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default();
    let ws = followthrough_core::sample::workspace(3, 30, 10, until);
    assert_eq!(
        storage::load_workspace(&storage::save_workspace(&ws)),
        Ok(ws)
    );
}

#[test]
fn a_sample_workspace_survives_the_sharded_round_trip() {
    let until = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default();
    let ws = followthrough_core::sample::workspace(3, 30, 10, until);
    let index = storage::decode_index(&storage::encode_index(&ws));
    let shards: Result<Vec<_>, _> = ws
        .postmortems
        .iter()
        .map(|pm| storage::decode_postmortem(&storage::encode_postmortem(pm)))
        .collect();
    assert_eq!(
        index.map(|i| storage::assemble(i, shards.unwrap_or_default())),
        Ok(ws)
    );
}
