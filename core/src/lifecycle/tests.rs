use super::*;
use crate::model::{VerificationMethod, Win};
use chrono::{NaiveDate, TimeZone};

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 9, 30, 0).unwrap()
}

fn item(status: ItemStatus) -> ActionItem {
    ActionItem {
        id: "PM-2026-0001-01".into(),
        title: "Add an error-rate alert on checkout".into(),
        owner: "Alice".into(),
        status,
        resolution: (status == ItemStatus::Closed).then_some(Resolution::Completed),
        ..Default::default()
    }
}

/// A move of each kind with every field filled in well.
fn complete_move(kind: MoveKind, from: ItemStatus) -> Move {
    match kind {
        MoveKind::Start => Move::Start,
        MoveKind::Block => Move::Block {
            kind: Some(BlockedKind::OtherTeamDependency),
            note: "Waiting on the payments team's API".into(),
            new_owner: None,
        },
        MoveKind::Unblock => Move::Unblock,
        MoveKind::Defer => Move::Defer {
            reason: "Platform migration first".into(),
            trigger: String::new(),
            revisit_on: NaiveDate::from_ymd_opt(2026, 6, 1),
            risk_acknowledged: true,
        },
        MoveKind::Resume => Move::Resume,
        MoveKind::Implement => Move::Implement,
        MoveKind::Verify => Move::Verify {
            method: Some(VerificationMethod::GameDay),
            evidence: "Game day on 2026-03-09 paged on-call in 2 minutes".into(),
        },
        MoveKind::Close => Move::Close {
            resolution: Some(if from == ItemStatus::Verified {
                Resolution::Completed
            } else {
                Resolution::WontDo
            }),
            note: "Replaced by the new gateway".into(),
        },
        MoveKind::Reopen => Move::Reopen {
            note: "The alert was removed by a refactor".into(),
        },
    }
}

/// The rule book's table, written out independently of `allowed_moves`.
fn expected(from: ItemStatus, kind: MoveKind) -> Option<ItemStatus> {
    use ItemStatus as S;
    use MoveKind as K;
    match (from, kind) {
        (S::NotStarted, K::Start) => Some(S::InProgress),
        (S::InProgress, K::Implement) => Some(S::Implemented),
        (S::Implemented, K::Verify) => Some(S::Verified),
        (S::NotStarted | S::InProgress | S::Implemented, K::Block) => Some(S::Blocked),
        // No history says where it came from: back to work.
        (S::Blocked, K::Unblock) => Some(S::InProgress),
        (S::NotStarted | S::InProgress | S::Implemented | S::Blocked, K::Defer) => {
            Some(S::Deferred)
        }
        (S::Deferred, K::Resume) => Some(S::InProgress),
        (S::Closed, K::Close) => None,
        (_, K::Close) => Some(S::Closed),
        (S::Closed, K::Reopen) => Some(S::InProgress),
        _ => None,
    }
}

#[test]
fn every_state_and_move_follows_the_table() {
    let mut accepted = 0;
    for from in ItemStatus::ALL {
        for kind in MoveKind::ALL {
            let before = item(from);
            let result = apply(&before, complete_move(kind, from), at());
            match expected(from, kind) {
                Some(to) => {
                    let after = result.unwrap_or_else(|r| panic!("{from} {kind}: {r}"));
                    accepted += 1;
                    assert_eq!(after.status, to, "{from} {kind}");
                    assert_eq!(after.history.len(), before.history.len() + 1);
                    let entry = after.history.last().unwrap();
                    assert_eq!(entry.field, "status");
                    assert_eq!(entry.from, from.as_str());
                    assert_eq!(entry.to, to.as_str());
                    assert_eq!(entry.at, at());
                    assert_eq!(after.last_progress_at, Some(at()));
                    assert_eq!(after.updated_at, Some(at()));
                    assert_eq!(after.blocked.is_some(), to == ItemStatus::Blocked);
                    assert_eq!(after.deferral.is_some(), to == ItemStatus::Deferred);
                    assert_eq!(after.resolution.is_some(), to == ItemStatus::Closed);
                    assert!(allowed_moves(from).contains(&kind));
                }
                None => {
                    assert_eq!(
                        result,
                        Err(Refusal::NotAllowed {
                            from,
                            to: kind.nominal_target()
                        }),
                        "{from} {kind}"
                    );
                    assert!(!allowed_moves(from).contains(&kind));
                }
            }
        }
    }
    // 1 start + 1 implement + 1 verify + 3 block + 1 unblock + 4 defer + 1 resume
    // + 6 close + 1 reopen.
    assert_eq!(accepted, 19);
}

#[test]
fn refusals_name_the_state_and_the_way_out() {
    let refusal = apply(&item(ItemStatus::Closed), Move::Start, at()).unwrap_err();
    let text = refusal.to_string();
    assert!(text.contains("Closed") && text.contains("reopen"), "{text}");
}

#[test]
fn blocking_needs_a_kind_and_a_note() {
    let it = item(ItemStatus::InProgress);
    let block = |kind, note: &str, new_owner: Option<&str>| Move::Block {
        kind,
        note: note.into(),
        new_owner: new_owner.map(Into::into),
    };
    assert_eq!(
        apply(&it, block(None, "x", None), at()),
        Err(Refusal::MissingBlockedKind)
    );
    assert_eq!(
        apply(&it, block(Some(BlockedKind::Other), "  \n", None), at()),
        Err(Refusal::MissingNote)
    );
    assert_eq!(
        apply(
            &it,
            block(Some(BlockedKind::OwnerLeft), "Alice left", None),
            at()
        ),
        Err(Refusal::MissingNewOwner)
    );
    assert_eq!(
        apply(
            &it,
            block(Some(BlockedKind::OwnerLeft), "Alice left", Some(" ")),
            at()
        ),
        Err(Refusal::MissingNewOwner)
    );
}

#[test]
fn owner_left_hands_the_item_over_with_its_own_history_entry() {
    let it = item(ItemStatus::InProgress);
    let after = apply(
        &it,
        Move::Block {
            kind: Some(BlockedKind::OwnerLeft),
            note: "Alice moved to another company".into(),
            new_owner: Some(" Bob ".into()),
        },
        at(),
    )
    .unwrap();
    assert_eq!(after.owner, "Bob");
    assert_eq!(after.status, ItemStatus::Blocked);
    assert_eq!(after.history.len(), 2);
    let owner = &after.history[0];
    assert_eq!(
        (owner.field.as_str(), owner.from.as_str(), owner.to.as_str()),
        ("owner", "Alice", "Bob")
    );
    assert_eq!(after.history[1].field, "status");
    let blocked = after.blocked.unwrap();
    assert_eq!(blocked.kind, BlockedKind::OwnerLeft);
    assert_eq!(blocked.since, Some(at().date_naive()));
}

#[test]
fn unblocking_returns_to_the_state_before_blocking() {
    for from in [
        ItemStatus::NotStarted,
        ItemStatus::InProgress,
        ItemStatus::Implemented,
    ] {
        let blocked = apply(&item(from), complete_move(MoveKind::Block, from), at()).unwrap();
        let after = apply(&blocked, Move::Unblock, at()).unwrap();
        assert_eq!(after.status, from);
        assert_eq!(after.blocked, None);
    }
}

#[test]
fn deferring_needs_reason_trigger_or_date_and_acknowledged_risk() {
    let it = item(ItemStatus::NotStarted);
    let defer = |reason: &str, trigger: &str, revisit_on, risk_acknowledged| Move::Defer {
        reason: reason.into(),
        trigger: trigger.into(),
        revisit_on,
        risk_acknowledged,
    };
    let date = NaiveDate::from_ymd_opt(2026, 6, 1);
    assert_eq!(
        apply(&it, defer(" ", "", date, true), at()),
        Err(Refusal::MissingDeferralReason)
    );
    assert_eq!(
        apply(&it, defer("Later", "  ", None, true), at()),
        Err(Refusal::MissingTriggerOrRevisitDate)
    );
    assert_eq!(
        apply(&it, defer("Later", "", date, false), at()),
        Err(Refusal::RiskNotAcknowledged)
    );
    let after = apply(
        &it,
        defer("Later", "When the migration lands", None, true),
        at(),
    )
    .unwrap();
    let deferral = after.deferral.unwrap();
    assert_eq!(deferral.trigger, "When the migration lands");
    assert!(deferral.risk_acknowledged);
}

#[test]
fn verifying_needs_a_method_and_evidence() {
    let it = item(ItemStatus::Implemented);
    assert_eq!(
        apply(
            &it,
            Move::Verify {
                method: None,
                evidence: "x".into()
            },
            at()
        ),
        Err(Refusal::MissingVerificationMethod)
    );
    assert_eq!(
        apply(
            &it,
            Move::Verify {
                method: Some(VerificationMethod::Test),
                evidence: "\t".into()
            },
            at()
        ),
        Err(Refusal::MissingEvidence)
    );
    let after = apply(&it, complete_move(MoveKind::Verify, it.status), at()).unwrap();
    let verification = after.verification.unwrap();
    assert_eq!(verification.method, VerificationMethod::GameDay);
    assert_eq!(verification.verified_at, Some(at()));
}

#[test]
fn closing_rules() {
    let close = |resolution, note: &str| Move::Close {
        resolution,
        note: note.into(),
    };
    let open = item(ItemStatus::InProgress);
    assert_eq!(
        apply(&open, close(None, "x"), at()),
        Err(Refusal::MissingResolution)
    );
    assert_eq!(
        apply(&open, close(Some(Resolution::Completed), "done"), at()),
        Err(Refusal::CompletedNeedsVerification {
            from: ItemStatus::InProgress
        })
    );
    for resolution in [
        Resolution::RiskAccepted,
        Resolution::WontDo,
        Resolution::Duplicate,
        Resolution::Superseded,
    ] {
        assert_eq!(
            apply(&open, close(Some(resolution), " "), at()),
            Err(Refusal::MissingResolutionReason { resolution })
        );
        let after = apply(
            &open,
            close(Some(resolution), "Low risk, high effort"),
            at(),
        )
        .unwrap();
        assert_eq!(after.resolution, Some(resolution));
        assert_eq!(after.resolution_note, "Low risk, high effort");
    }
    // A verified item closes as completed without a note.
    let after = apply(
        &item(ItemStatus::Verified),
        close(Some(Resolution::Completed), ""),
        at(),
    )
    .unwrap();
    assert_eq!(after.resolution, Some(Resolution::Completed));
    assert_eq!(after.closed_on(), Some(at().date_naive()));
    assert_eq!(
        allowed_resolutions(ItemStatus::Blocked),
        vec![
            Resolution::RiskAccepted,
            Resolution::WontDo,
            Resolution::Duplicate,
            Resolution::Superseded
        ]
    );
}

#[test]
fn reopening_needs_a_note_and_clears_the_resolution() {
    let mut closed = item(ItemStatus::Closed);
    closed.resolution_note = "done".into();
    assert_eq!(
        apply(&closed, Move::Reopen { note: "".into() }, at()),
        Err(Refusal::MissingNote)
    );
    let after = apply(
        &closed,
        complete_move(MoveKind::Reopen, closed.status),
        at(),
    )
    .unwrap();
    assert_eq!(after.status, ItemStatus::InProgress);
    assert_eq!(after.resolution, None);
    assert_eq!(after.resolution_note, "");
}

#[test]
fn reassigning_records_the_owner_change_but_not_progress() {
    let it = item(ItemStatus::InProgress);
    assert_eq!(reassign(&it, "  ", "", at()), Err(Refusal::MissingNewOwner));
    assert_eq!(
        reassign(&it, "Alice", "", at()),
        Err(Refusal::OwnerUnchanged)
    );
    let after = reassign(&it, "Carol", "Alice is on leave", at()).unwrap();
    assert_eq!(after.owner, "Carol");
    assert_eq!(after.status, it.status);
    assert_eq!(after.last_progress_at, None);
    let entry = after.history.last().unwrap();
    assert_eq!(
        (entry.field.as_str(), entry.from.as_str(), entry.to.as_str()),
        ("owner", "Alice", "Carol")
    );
    assert_eq!(entry.note, "Alice is on leave");
}

#[test]
fn only_a_completed_item_records_a_win_and_it_needs_a_note() {
    for status in ItemStatus::ALL {
        if status == ItemStatus::Closed {
            continue;
        }
        assert_eq!(
            record_win(&item(status), "INC-512", "Alert fired first", at()),
            Err(WinRefusal::NotCompleted { status })
        );
    }
    let mut wont_do = item(ItemStatus::Closed);
    wont_do.resolution = Some(Resolution::WontDo);
    assert!(matches!(
        record_win(&wont_do, "INC-512", "Alert fired first", at()),
        Err(WinRefusal::NotCompleted { .. })
    ));
    let done = item(ItemStatus::Closed);
    assert_eq!(
        record_win(&done, "INC-512", "  ", at()),
        Err(WinRefusal::MissingNote)
    );
    let won = record_win(
        &done,
        " INC-512 ",
        " The alert paged before customers noticed ",
        at(),
    )
    .unwrap();
    assert_eq!(
        won.wins,
        vec![Win {
            at: at(),
            incident_ref: "INC-512".into(),
            note: "The alert paged before customers noticed".into(),
        }]
    );
    // Not a status change: history and progress are untouched.
    assert_eq!(won.history, done.history);
    assert_eq!(won.last_progress_at, done.last_progress_at);
    assert_eq!(won.status, ItemStatus::Closed);
    // A prevented incident may have no reference.
    let again = record_win(&won, "", "Game day showed the failover works", at()).unwrap();
    assert_eq!(again.wins.len(), 2);
    assert_eq!(again.wins[1].incident_ref, "");
}

/// Issue 15: "owner left" and reassigning check the new owner with the validator's owner
/// check: a placeholder or a team is refused, saying why.
#[test]
fn a_new_owner_that_is_not_one_person_is_refused() {
    let it = item(ItemStatus::InProgress);
    for owner in ["TBD", "Platform team"] {
        let refused = reassign(&it, owner, "", at()).unwrap_err();
        assert!(
            matches!(&refused, Refusal::NewOwnerNotAPerson { owner: o, .. } if o == owner),
            "{owner}: {refused:?}"
        );
        assert!(refused.to_string().contains(owner), "{refused}");
        let blocked = apply(
            &it,
            Move::Block {
                kind: Some(BlockedKind::OwnerLeft),
                note: "Alice left".into(),
                new_owner: Some(owner.into()),
            },
            at(),
        );
        assert!(
            matches!(blocked, Err(Refusal::NewOwnerNotAPerson { .. })),
            "{owner}: {blocked:?}"
        );
    }
    assert_eq!(
        reassign(&it, "Priya Raman", "", at()).unwrap().owner,
        "Priya Raman"
    );
}
