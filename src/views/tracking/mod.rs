//! An item's status after the meeting (DOMAIN.md §7): its status, the moves the core allows,
//! a small form for what a move needs, the core's refusal word for word, the item's history
//! timeline and its wins (later incidents it caught or prevented).
//!
//! Every rule is the core's: the buttons come from `lifecycle::allowed_moves`, a move is made
//! by `lifecycle::apply`, a win by `lifecycle::record_win`. The UI only gathers the fields.

use chrono::Timelike;
use followthrough_core::lifecycle::{
    allowed_moves, allowed_resolutions, apply, may_record_win, record_win, Move, MoveKind,
};
use followthrough_core::{
    ActionItem, BlockedKind, HistoryEntry, ItemStatus, Resolution, VerificationMethod,
};
use leptos::prelude::*;

use crate::ui::badges::StatusBadge;
use crate::views::meeting::ItemHandle;
use crate::web::clock;

/// The status's label ("In progress") from its JSON name; other text as it is.
pub fn status_label(name: &str) -> String {
    ItemStatus::ALL
        .into_iter()
        .find(|s| s.as_str() == name)
        .map(|s| s.label().to_string())
        .unwrap_or_else(|| name.to_string())
}

/// Whether a move needs nothing but the click.
fn needs_form(kind: MoveKind) -> bool {
    !matches!(
        kind,
        MoveKind::Start | MoveKind::Unblock | MoveKind::Resume | MoveKind::Implement
    )
}

/// What the forms have gathered so far; a move is built from it as typed, and the core says
/// what is missing.
#[derive(Clone, Copy)]
struct MoveForm {
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
    fn new() -> MoveForm {
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

    fn clear(&self) {
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

    fn to_move(self, kind: MoveKind) -> Move {
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

/// The status of one item, its moves and their forms. `item` is the row's own memo of the item,
/// shared so that a keystroke clones the item once, not once per part of the row.
#[component]
pub fn StatusControl(handle: ItemHandle, item: Memo<Option<ActionItem>>) -> impl IntoView {
    let store = handle.store;
    let status =
        Signal::derive(move || item.with(|i| i.as_ref().map(|i| i.status).unwrap_or_default()));
    let open_form = RwSignal::new(None::<MoveKind>);
    let show_other = RwSignal::new(false);
    let refusal = RwSignal::new(String::new());
    let form = MoveForm::new();
    let id = handle.id();
    let hint_id = StoredValue::new(format!("other-moves-{id}"));

    let submit = move |kind: MoveKind| {
        // Read afresh: the row's copy may have an out-of-date title (it does not follow it).
        let Some(current) = handle.current() else {
            return;
        };
        match apply(&current, form.to_move(kind), clock::now()) {
            Ok(updated) => {
                let (from, to) = (current.status, updated.status);
                store.replace_item(&handle.pm.get_value(), updated, "status");
                store.show_notice(format!(
                    "{}: {} → {}.",
                    current.id,
                    from.label(),
                    to.label()
                ));
                open_form.set(None);
                refusal.set(String::new());
                form.clear();
            }
            Err(why) => refusal.set(why.to_string()),
        }
    };
    let choose = move |kind: MoveKind| {
        refusal.set(String::new());
        if needs_form(kind) {
            if open_form.get_untracked() != Some(kind) {
                form.clear();
            }
            open_form.set(Some(kind));
        } else {
            open_form.set(None);
            submit(kind);
        }
    };
    // A move the status does not allow goes to the core too, which says why not.
    let try_unavailable = move |kind: MoveKind| {
        open_form.set(None);
        submit(kind);
    };
    let allowed = Memo::new(move |_| allowed_moves(status.get()));
    let unavailable = Memo::new(move |_| {
        let allowed = allowed.get();
        MoveKind::ALL
            .into_iter()
            .filter(|k| !allowed.contains(k))
            .collect::<Vec<_>>()
    });

    view! {
        <div class="status-control" data-testid="status-control">
            <div class="status-line">
                <span class="status-caption">"Status"</span>
                <StatusBadge status=status/>
                <StatusFacts item=item/>
            </div>
            <div class="moves" role="group" aria-label=format!("Status moves for {id}")>
                <For each=move || allowed.get() key=|k| *k let(kind)>
                    <button type="button" class="move" data-testid=format!("move-{}", kind.as_str())
                        aria-expanded=move || needs_form(kind).then(|| (open_form.get() == Some(kind)).to_string())
                        class:active=move || open_form.get() == Some(kind)
                        on:click=move |_| choose(kind)>
                        {kind.label()}
                    </button>
                </For>
                <button type="button" class="other-moves-toggle" data-testid="other-moves-toggle"
                    aria-expanded=move || show_other.get().to_string()
                    on:click=move |_| show_other.update(|o| *o = !*o)>
                    {move || if show_other.get() { "Hide other moves" } else { "Other moves…" }}
                </button>
                <Show when=move || show_other.get()>
                    <div class="other-moves">
                        <p class="muted" id=hint_id.get_value()>"Not possible from here; choose one to see why."</p>
                        <For each=move || unavailable.get() key=|k| *k let(kind)>
                            <button type="button" class="move move-unavailable" aria-describedby=hint_id.get_value()
                                data-testid=format!("move-{}", kind.as_str())
                                on:click=move |_| try_unavailable(kind)>
                                {kind.label()}
                            </button>
                        </For>
                    </div>
                </Show>
            </div>
            {move || open_form.get().map(|kind| move_form(kind, form, status, submit, open_form, refusal))}
            <p class="refusal" role="alert" data-testid="move-refusal">{move || refusal.get()}</p>
            <WinsPanel handle=handle item=item/>
        </div>
    }
}

/// The current state's record in a line: why blocked, until when deferred, how verified, how
/// it ended.
#[component]
fn StatusFacts(item: Memo<Option<ActionItem>>) -> impl IntoView {
    let facts = move || {
        item.with(|i| {
            let i = i.as_ref()?;
            match i.status {
                ItemStatus::Blocked => i.blocked.as_ref().map(|b| {
                    let since = b.since.map(|d| format!(" since {d}")).unwrap_or_default();
                    format!("{}{since}: {}", b.kind.label(), b.note)
                }),
                ItemStatus::Deferred => i.deferral.as_ref().map(|d| {
                    let mut text = d.reason.clone();
                    if !d.trigger.is_empty() {
                        text.push_str(&format!(" — until: {}", d.trigger));
                    }
                    if let Some(date) = d.revisit_on {
                        text.push_str(&format!(" — revisit on {date}"));
                    }
                    text
                }),
                ItemStatus::Verified => i
                    .verification
                    .as_ref()
                    .map(|v| format!("{}: {}", v.method.label(), v.evidence)),
                ItemStatus::Closed => i.resolution.map(|r| {
                    if i.resolution_note.is_empty() {
                        r.label().to_string()
                    } else {
                        format!("{}: {}", r.label(), i.resolution_note)
                    }
                }),
                _ => None,
            }
        })
    };
    view! { <span class="status-facts" data-testid="status-facts">{facts}</span> }
}

/// The fields one move needs, and its confirm button.
fn move_form(
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
            <label class="field">
                "What blocks it?"
                <select data-testid="move-blocked-kind" prop:value=move || form.blocked_kind.get()
                    on:change=move |ev| form.blocked_kind.set(event_target_value(&ev))>
                    <option value="">"Choose…"</option>
                    {BlockedKind::ALL.map(|k| view! { <option value=k.as_str()>{k.label()}</option> }).collect_view()}
                </select>
            </label>
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
            <label class="field">
                "Verified by"
                <select data-testid="move-method" prop:value=move || form.method.get()
                    on:change=move |ev| form.method.set(event_target_value(&ev))>
                    <option value="">"Choose…"</option>
                    {VerificationMethod::ALL.map(|m| view! { <option value=m.as_str()>{m.label()}</option> }).collect_view()}
                </select>
            </label>
            {text_input("Evidence: if this change were removed tomorrow, would we know?", "move-evidence", form.evidence, "Game day 12 May: the alert paged on-call in 2 minutes")}
        }
        .into_any(),
        MoveKind::Close => {
            let possible = allowed_resolutions(status.get_untracked());
            view! {
                <label class="field">
                    "Resolution"
                    <select data-testid="move-resolution" prop:value=move || form.resolution.get()
                        on:change=move |ev| form.resolution.set(event_target_value(&ev))>
                        <option value="">"Choose…"</option>
                        {Resolution::ALL.map(|r| {
                            let label = if possible.contains(&r) { r.label().to_string() } else { format!("{} (verify first)", r.label()) };
                            view! { <option value=r.as_str()>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
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

/// Later incidents a completed item caught or prevented; recorded only for completed items.
#[component]
fn WinsPanel(handle: ItemHandle, item: Memo<Option<ActionItem>>) -> impl IntoView {
    let store = handle.store;
    let open = RwSignal::new(false);
    let incident = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let can_win = Memo::new(move |_| item.with(|i| i.as_ref().is_some_and(may_record_win)));
    let wins =
        Memo::new(move |_| item.with(|i| i.as_ref().map(|i| i.wins.clone()).unwrap_or_default()));
    let save = move || {
        // Read afresh: the row's copy may have an out-of-date title (it does not follow it).
        let Some(current) = handle.current() else {
            return;
        };
        match record_win(
            &current,
            &incident.get_untracked(),
            &note.get_untracked(),
            clock::now(),
        ) {
            Ok(updated) => {
                store.replace_item(&handle.pm.get_value(), updated, "win");
                store.show_notice(format!("Win recorded for {}.", current.id));
                open.set(false);
                incident.set(String::new());
                note.set(String::new());
                error.set(String::new());
            }
            Err(why) => error.set(why.to_string()),
        }
    };
    view! {
        <Show when=move || !wins.with(Vec::is_empty)>
            <ul class="wins" data-testid="item-wins" aria-label="Wins">
                {move || wins.get().into_iter().map(|w| view! {
                    <li class="win" data-testid="item-win">
                        <span class="win-mark" aria-hidden="true">"★"</span>
                        <strong>{if w.incident_ref.is_empty() { "Prevented an incident".to_string() } else { format!("Caught {}", w.incident_ref) }}</strong>
                        " — "{w.note}
                        <span class="muted">" ("{w.at.date_naive().to_string()}")"</span>
                    </li>
                }).collect_view()}
            </ul>
        </Show>
        <Show when=move || can_win.get()>
            <Show when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="win-button" data-testid="win-record" on:click=move |_| open.set(true)>
                        "★ It caught or prevented a later incident"
                    </button>
                }>
                <form class="move-form win-form" data-testid="win-form" aria-label="Record a win"
                    on:submit=move |ev| { ev.prevent_default(); save() }>
                    <label class="field">
                        "Later incident (optional)"
                        <input type="text" data-testid="win-incident" placeholder="INC-512"
                            prop:value=move || incident.get() on:input=move |ev| incident.set(event_target_value(&ev))/>
                    </label>
                    <label class="field field-wide">
                        "What happened"
                        <input type="text" data-testid="win-note" placeholder="The new alert paged 20 minutes before customers noticed"
                            prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                    </label>
                    <div class="move-form-actions">
                        <button type="submit" class="primary" data-testid="win-save">"Record the win"</button>
                        <button type="button" on:click=move |_| { open.set(false); error.set(String::new()) }>"Cancel"</button>
                    </div>
                    <p class="refusal" role="alert" data-testid="win-error">{move || error.get()}</p>
                </form>
            </Show>
        </Show>
    }
}

/// Every recorded change of status, owner and due date, newest first.
#[component]
pub fn HistoryTimeline(item: Memo<Option<ActionItem>>) -> impl IntoView {
    let history = Memo::new(move |_| {
        item.with(|i| i.as_ref().map(|i| i.history.clone()).unwrap_or_default())
    });
    let open = RwSignal::new(false);
    view! {
        <div class="timeline" data-testid="history">
            <button type="button" class="timeline-toggle" data-testid="history-toggle"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || format!("{} history ({})", if open.get() { "Hide" } else { "Show" }, history.with(Vec::len))}
            </button>
            <Show when=move || open.get()>
                {move || {
                    let entries = history.get();
                    if entries.is_empty() {
                        return view! { <p class="muted">"No status, owner or due-date change yet."</p> }.into_any();
                    }
                    view! {
                        <ol class="timeline-list" data-testid="history-list">
                            {entries.into_iter().rev().map(timeline_entry).collect_view()}
                        </ol>
                    }
                    .into_any()
                }}
            </Show>
        </div>
    }
}

fn timeline_entry(entry: HistoryEntry) -> impl IntoView {
    let (what, from, to) = match entry.field.as_str() {
        "status" => (
            "Status".to_string(),
            status_label(&entry.from),
            status_label(&entry.to),
        ),
        "owner" => ("Owner".to_string(), entry.from.clone(), entry.to.clone()),
        "due_date" => ("Due date".to_string(), entry.from.clone(), entry.to.clone()),
        other => (other.to_string(), entry.from.clone(), entry.to.clone()),
    };
    let from = if from.is_empty() {
        "—".to_string()
    } else {
        from
    };
    view! {
        <li class="timeline-entry" data-testid="history-entry" data-field=entry.field.clone() data-to=entry.to.clone()>
            <time datetime=entry.at.to_rfc3339()>{format!("{} {:02}:{:02} UTC", entry.at.date_naive(), entry.at.hour(), entry.at.minute())}</time>
            <span class="timeline-change"><strong>{what}</strong>" "{from}" → "{to}</span>
            {(!entry.note.is_empty()).then(|| view! { <span class="timeline-note">{entry.note.clone()}</span> })}
        </li>
    }
}
