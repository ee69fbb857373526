//! The forms of the status moves: what each move needs gathered, built into the core's move
//! as typed, so that the core says what is missing.

use followthrough_core::lifecycle::{allowed_resolutions, Move, MoveKind};
use followthrough_core::{BlockedKind, ItemStatus, Resolution, VerificationMethod};
use leptos::prelude::*;

use crate::ui::field::choice_field;

/// Whether a move needs nothing but the click.
pub fn needs_form(kind: MoveKind) -> bool {
    !matches!(
        kind,
        MoveKind::Start | MoveKind::Unblock | MoveKind::Resume | MoveKind::Implement
    )
}

/// What the forms have gathered so far; a move is built from it as typed, and the core says
/// what is missing.
#[derive(Clone, Copy)]
pub struct MoveForm {
    blocked_kind: RwSignal<String>,
    note: RwSignal<String>,
    new_owner: RwSignal<String>,
    reason: RwSignal<String>,
    trigger: RwSignal<String>,
    revisit_on: RwSignal<String>,
    risk_acknowledged: RwSignal<bool>,
    method: RwSignal<String>,
    evidence: RwSignal<String>,
    resolution: RwSignal<String>,
}

impl MoveForm {
    pub fn new() -> MoveForm {
        MoveForm {
            blocked_kind: RwSignal::new(String::new()),
            note: RwSignal::new(String::new()),
            new_owner: RwSignal::new(String::new()),
            reason: RwSignal::new(String::new()),
            trigger: RwSignal::new(String::new()),
            revisit_on: RwSignal::new(String::new()),
            risk_acknowledged: RwSignal::new(false),
            method: RwSignal::new(String::new()),
            evidence: RwSignal::new(String::new()),
            resolution: RwSignal::new(String::new()),
        }
    }

    pub fn clear(&self) {
        for text in [
            self.blocked_kind,
            self.note,
            self.new_owner,
            self.reason,
            self.trigger,
            self.revisit_on,
            self.method,
            self.evidence,
            self.resolution,
        ] {
            text.set(String::new());
        }
        self.risk_acknowledged.set(false);
    }

    pub fn to_move(self, kind: MoveKind) -> Move {
        let text = |s: RwSignal<String>| s.get_untracked();
        match kind {
            MoveKind::Start => Move::Start,
            MoveKind::Unblock => Move::Unblock,
            MoveKind::Resume => Move::Resume,
            MoveKind::Implement => Move::Implement,
            MoveKind::Block => Move::Block {
                kind: BlockedKind::ALL
                    .into_iter()
                    .find(|k| k.as_str() == text(self.blocked_kind)),
                note: text(self.note),
                new_owner: Some(text(self.new_owner)).filter(|o| !o.trim().is_empty()),
            },
            MoveKind::Defer => Move::Defer {
                reason: text(self.reason),
                trigger: text(self.trigger),
                revisit_on: followthrough_core::parse_date(text(self.revisit_on).trim()),
                risk_acknowledged: self.risk_acknowledged.get_untracked(),
            },
            MoveKind::Verify => Move::Verify {
                method: VerificationMethod::ALL
                    .into_iter()
                    .find(|m| m.as_str() == text(self.method)),
                evidence: text(self.evidence),
            },
            MoveKind::Close => Move::Close {
                resolution: Resolution::ALL
                    .into_iter()
                    .find(|r| r.as_str() == text(self.resolution)),
                note: text(self.note),
            },
            MoveKind::Reopen => Move::Reopen {
                note: text(self.note),
            },
        }
    }
}

/// The fields one move needs, and its confirm button.
pub fn move_form(
    kind: MoveKind,
    form: MoveForm,
    status: Signal<ItemStatus>,
    submit: impl Fn(MoveKind) + Copy + 'static,
    open_form: RwSignal<Option<MoveKind>>,
    refusal: RwSignal<String>,
) -> impl IntoView {
    let text_input = |label: &'static str,
                      test_id: &'static str,
                      value: RwSignal<String>,
                      hint: &'static str| {
        view! {
            <label class="field field-wide">
                {label}
                <input type="text" data-testid=test_id placeholder=hint
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { submit(kind) }/>
            </label>
        }
    };
    let fields = match kind {
        MoveKind::Block => view! {
            {choice_field("What blocks it?", "move-blocked-kind", form.blocked_kind, "Choose…",
                BlockedKind::ALL.iter().map(|k| (k.as_str(), k.label().to_string())).collect())}
            {text_input("Note", "move-note", form.note, "Waiting on the payments team's API change")}
            <Show when=move || form.blocked_kind.get() == BlockedKind::OwnerLeft.as_str()>
                <label class="field">
                    "New owner (one person)"
                    <input type="text" data-testid="move-new-owner" list="people" autocomplete="off"
                        prop:value=move || form.new_owner.get()
                        on:input=move |ev| form.new_owner.set(event_target_value(&ev))/>
                </label>
            </Show>
        }
        .into_any(),
        MoveKind::Defer => view! {
            {text_input("Why defer rather than do it now?", "move-reason", form.reason, "Platform migration lands first")}
            {text_input("Trigger that brings it back", "move-trigger", form.trigger, "When the new queue ships")}
            <label class="field">
                "or revisit on"
                <input type="date" data-testid="move-revisit" prop:value=move || form.revisit_on.get()
                    on:input=move |ev| form.revisit_on.set(event_target_value(&ev))/>
            </label>
            <label class="field field-wide field-check">
                <input type="checkbox" data-testid="move-risk" prop:checked=move || form.risk_acknowledged.get()
                    on:change=move |ev| form.risk_acknowledged.set(event_target_checked(&ev))/>
                "I acknowledge the risk of the incident recurring while this waits"
            </label>
        }
        .into_any(),
        MoveKind::Verify => view! {
            {choice_field("Verified by", "move-method", form.method, "Choose…",
                VerificationMethod::ALL.iter().map(|m| (m.as_str(), m.label().to_string())).collect())}
            {text_input("Evidence: if this change were removed tomorrow, would we know?", "move-evidence", form.evidence, "Game day 12 May: the alert paged on-call in 2 minutes")}
        }
        .into_any(),
        MoveKind::Close => {
            let possible = allowed_resolutions(status.get_untracked());
            view! {
                {choice_field("Resolution", "move-resolution", form.resolution, "Choose…",
                    Resolution::ALL.iter().map(|r| {
                        let label = if possible.contains(r) { r.label().to_string() } else { format!("{} (verify first)", r.label()) };
                        (r.as_str(), label)
                    }).collect())}
                {text_input("Reason (required unless completed)", "move-note", form.note, "Superseded by PM-2026-0060-02")}
            }
            .into_any()
        }
        MoveKind::Reopen => text_input("Why reopen it?", "move-note", form.note, "The alert did not fire in the 3 June incident").into_any(),
        _ => ().into_any(),
    };
    view! {
        <form class="move-form" data-testid=format!("move-form-{}", kind.as_str())
            aria-label=format!("{} — details", kind.label())
            on:submit=move |ev| { ev.prevent_default(); submit(kind) }>
            {fields}
            <div class="move-form-actions">
                <button type="submit" class="primary" data-testid="move-confirm">{kind.label()}</button>
                <button type="button" data-testid="move-cancel"
                    on:click=move |_| { open_form.set(None); refusal.set(String::new()) }>"Cancel"</button>
            </div>
        </form>
    }
}
