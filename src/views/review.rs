//! The review view (DOMAIN.md §8) for a chosen day: overdue, escalations, blocked, decaying,
//! deferred items due for revisit and the quarterly clean-up; a nudge per owner and the weekly
//! review agenda. Every list, message and the agenda come from `followup`.

use chrono::NaiveDate;
use followthrough_core::followup::{
    nudge_messages, review_for, weekly_agenda_markdown, ItemRef, Nudge, Review,
};
use followthrough_core::metrics::{compute, Window};
use followthrough_core::settings::{FollowUpSettings, AGENDA_WINDOW_DAYS};
use leptos::prelude::*;

use crate::route::Route;
use crate::state::Derived;
use crate::state::Store;
use crate::ui::badges::{priority_tag, StatusBadge};
use crate::ui::field::date_field;
use crate::web::clipboard::copy_text;
use crate::web::download::download_text;

#[component]
pub fn ReviewView() -> impl IntoView {
    let store = Store::from_context();
    let derived = Derived::from_context();
    let date = RwSignal::new(derived.today.get_untracked());
    let review = Memo::new(move |_| {
        let day = date.get();
        store.with_workspace(|ws| review_for(ws, day, &ws.settings))
    });
    let nudges = Memo::new(move |_| {
        let day = date.get();
        store.with_workspace(|ws| nudge_messages(ws, day, &ws.settings))
    });
    let agenda = Memo::new(move |_| {
        let day = date.get();
        store.with_workspace(|ws| {
            let metrics = compute(ws, Window::last_days(day, AGENDA_WINDOW_DAYS), &ws.settings);
            weekly_agenda_markdown(ws, day, &metrics, &ws.settings)
        })
    });
    let has_items = Memo::new(move |_| store.with_workspace(|ws| ws.items().next().is_some()));
    // The lists' words quote the workspace's own numbers.
    let follow_up = move |text: fn(&FollowUpSettings) -> String| {
        Signal::derive(move || derived.settings.with(|s| text(&s.follow_up)))
    };

    view! {
        <section class="review-view" data-testid="review-view" aria-labelledby="review-heading">
            <div class="view-head">
                <h2 id="review-heading">"Review"</h2>
                <div class="view-controls">
                    {date_field("Review day", "review-date", date)}
                    <button type="button" data-testid="review-today"
                        on:click=move |_| date.set(crate::web::clock::today())>"Today"</button>
                </div>
            </div>
            <Show when=move || has_items.get()
                fallback=|| view! {
                    <div class="empty-state">
                        <p>"No action items yet. Write them in a post-mortem, and they are followed up here."</p>
                        <a href=Route::List.href()>"Go to the post-mortems"</a>
                    </div>
                }>
                <ReviewSummary review=review/>
                <Show when=move || review.with(Review::is_empty)>
                    <p class="all-clear" data-testid="review-all-clear">
                        {move || format!("Nothing needs attention on {}: nothing overdue, escalated, blocked, decaying, due for revisit or due for clean-up.", date.get())}
                    </p>
                </Show>
                <div class="review-lists">
                    <ReviewList test_id="review-overdue" title="Overdue"
                        empty="Nothing is past its due date."
                        rows=Signal::derive(move || review.with(|r| r.overdue.iter().map(|e| (e.item.clone(), format!("{} {} overdue", e.days_overdue, days(e.days_overdue)))).collect()))/>
                    <ReviewList test_id="review-escalations" title="Escalations"
                        empty="No item needs escalating."
                        rows=Signal::derive(move || review.with(|r| r.escalations.iter().map(|e| (e.item.clone(), capitalise(&e.message))).collect()))/>
                    <ReviewList test_id="review-blocked" title="Blocked"
                        empty="Nothing is blocked."
                        rows=Signal::derive(move || review.with(|r| r.blocked.iter().map(|e| {
                            let mut text = e.kind.map(|k| k.label().to_string()).unwrap_or_else(|| "Blocked".into());
                            if !e.note.is_empty() { text.push_str(&format!(": {}", e.note)); }
                            if let Some(d) = e.days_blocked { text.push_str(&format!(" ({d} {})", days(d))); }
                            (e.item.clone(), text)
                        }).collect()))/>
                    <ReviewList test_id="review-decaying" title="Decaying"
                        empty=follow_up(|f| format!("No item is over {} days past due without progress.", f.decay_days))
                        rows=Signal::derive(move || review.with(|r| r.decaying.iter().map(|e| {
                            let last = e.last_progress_on.map(|d| format!("last progress {d}")).unwrap_or_else(|| "no progress recorded".into());
                            (e.item.clone(), format!("{} {} past due, {last}", e.days_past_due, days(e.days_past_due)))
                        }).collect()))/>
                    <ReviewList test_id="review-revisit" title="Deferred, due for revisit"
                        empty="No deferred item has reached its revisit date."
                        rows=Signal::derive(move || review.with(|r| r.revisit_due.iter().map(|e| (e.item.clone(), format!("revisit on {}: {}", e.revisit_on, e.reason))).collect()))/>
                    <ReviewList test_id="review-cleanup" title=follow_up(|f| format!("Quarterly clean-up (open over {} days)", f.cleanup_age_days))
                        empty=follow_up(|f| format!("No open item is older than {} days.", f.cleanup_age_days))
                        rows=Signal::derive(move || review.with(|r| r.cleanup.iter().map(|e| (e.item.clone(), format!("open for {} {}", e.age_days, days(e.age_days)))).collect()))/>
                </div>
                <Nudges nudges=nudges/>
                <Agenda agenda=agenda date=date/>
            </Show>
        </section>
    }
}

fn days(n: i64) -> &'static str {
    if n == 1 {
        "day"
    } else {
        "days"
    }
}

/// A generated escalation message with its first letter in capitals. The messages start
/// with ASCII (a core test checks), so the ASCII form does what `char::to_uppercase` would,
/// without keeping Unicode's upper-case table in the wasm.
fn capitalise(text: &str) -> String {
    let mut text = text.to_string();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

/// The counts at a glance, each a link to its list.
#[component]
fn ReviewSummary(review: Memo<Review>) -> impl IntoView {
    let count = move |f: fn(&Review) -> usize| move || review.with(f);
    let tile = move |target: &'static str,
                     label: &'static str,
                     n: Box<dyn Fn() -> usize + Send + Sync>| {
        let n = Signal::derive(n);
        // A button, not a link: the hash is the app's route.
        let jump = move |_| {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(target))
            {
                el.scroll_into_view();
            }
        };
        view! {
            <button type="button" class="count-tile" class:has-some={move || n.get() != 0}
                data-testid=format!("{target}-count") on:click=jump>
                <span class="count">{move || n.get()}</span>
                <span class="count-label">{label}</span>
            </button>
        }
    };
    view! {
        <nav class="count-tiles" aria-label="Review at a glance" data-testid="review-summary">
            {tile("review-overdue", "overdue", Box::new(count(|r| r.overdue.len())))}
            {tile("review-escalations", "escalations", Box::new(count(|r| r.escalations.len())))}
            {tile("review-blocked", "blocked", Box::new(count(|r| r.blocked.len())))}
            {tile("review-decaying", "decaying", Box::new(count(|r| r.decaying.len())))}
            {tile("review-revisit", "due for revisit", Box::new(count(|r| r.revisit_due.len())))}
            {tile("review-cleanup", "for clean-up", Box::new(count(|r| r.cleanup.len())))}
        </nav>
    }
}

/// One list of the review: each item with the reason it is here.
#[component]
fn ReviewList(
    test_id: &'static str,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] empty: Signal<String>,
    rows: Signal<Vec<(ItemRef, String)>>,
) -> impl IntoView {
    view! {
        <section class="review-list" id=test_id data-testid=test_id data-count=move || rows.with(Vec::len).to_string()>
            <h3>{title}" "<span class="count-badge">{move || rows.with(Vec::len)}</span></h3>
            {move || {
                let rows = rows.get();
                if rows.is_empty() {
                    return view! { <p class="muted">{empty}</p> }.into_any();
                }
                view! {
                    <ul class="review-items">
                        {rows.into_iter().map(|(item, why)| review_row(item, why)).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

fn review_row(item: ItemRef, why: String) -> impl IntoView {
    let href = Route::PostMortem(item.postmortem_id.clone()).href();
    let owner = if item.owner.trim().is_empty() {
        "no owner".to_string()
    } else {
        item.owner.clone()
    };
    let status = item.status;
    view! {
        <li class="review-item" data-testid="review-item" data-item-id=item.item_id.clone()>
            <div class="review-item-top">
                {priority_tag(item.priority)}
                <a class="item-id" href=href>{item.item_id.clone()}</a>
                <StatusBadge status=Signal::derive(move || status)/>
                <span class="review-owner">{owner}</span>
            </div>
            <span class="review-title">{item.title.clone()}</span>
            <span class="review-why" data-testid="review-why">{why}</span>
        </li>
    }
}

/// A drafted message per owner, ready to paste into chat or mail.
#[component]
fn Nudges(nudges: Memo<Vec<Nudge>>) -> impl IntoView {
    view! {
        <section class="nudges" data-testid="nudges" aria-labelledby="nudges-heading">
            <h3 id="nudges-heading">"Nudges "<span class="count-badge">{move || nudges.with(Vec::len)}</span></h3>
            <p class="muted">"One message per owner with an item due a check-in, overdue, escalated or back from deferral. Edit before sending if you like; nothing is sent from here."</p>
            {move || {
                let list = nudges.get();
                if list.is_empty() {
                    return view! { <p class="muted">"Nobody needs a nudge on this day."</p> }.into_any();
                }
                list.into_iter().map(|n| view! { <NudgeCard nudge=n/> }).collect_view().into_any()
            }}
        </section>
    }
}

#[component]
fn NudgeCard(nudge: Nudge) -> impl IntoView {
    let copied = RwSignal::new(String::new());
    let text = format!("Subject: {}\n\n{}", nudge.subject, nudge.body);
    let text_for_copy = text.clone();
    let rows = text.lines().count().clamp(4, 16);
    let area_id = format!(
        "nudge-{}",
        nudge.item_ids.first().cloned().unwrap_or_default()
    );
    view! {
        <article class="nudge" data-testid="nudge" data-owner=nudge.owner.clone()>
            <div class="nudge-head">
                <h4>{nudge.owner.clone()}</h4>
                <span class="muted">{nudge.subject.clone()}</span>
                <button type="button" data-testid="nudge-copy"
                    on:click=move |_| copy_text(text_for_copy.clone(), copied)>"Copy message"</button>
                <span class="copy-status" role="status" data-testid="nudge-copied">{move || copied.get()}</span>
            </div>
            <label for=area_id.clone() class="visually-hidden">{format!("Message to {}", nudge.owner)}</label>
            <textarea id=area_id class="nudge-text" data-testid="nudge-text" readonly rows=rows>{text}</textarea>
        </article>
    }
}

/// The weekly review agenda as Markdown, to copy or download.
#[component]
fn Agenda(agenda: Memo<String>, date: RwSignal<NaiveDate>) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let download = move |_| {
        let name = format!("weekly-review-{}.md", date.get_untracked());
        match download_text(&name, "text/markdown", &agenda.get_untracked()) {
            Ok(()) => status.set(format!("Downloaded {name}.")),
            Err(_) => status.set("The download failed: copy the text instead.".into()),
        }
    };
    view! {
        <section class="agenda" data-testid="agenda-section" aria-labelledby="agenda-heading">
            <div class="section-head">
                <h3 id="agenda-heading">"Weekly review agenda"</h3>
                <div class="agenda-actions">
                    <button type="button" data-testid="agenda-copy"
                        on:click=move |_| copy_text(agenda.get_untracked(), status)>"Copy Markdown"</button>
                    <button type="button" data-testid="agenda-download" on:click=download>"Download .md"</button>
                    <span class="copy-status" role="status" data-testid="agenda-status">{move || status.get()}</span>
                </div>
            </div>
            <p class="muted">{format!("New items this week, P0 and P1 status, overdue and blocked, and the metrics of the last {AGENDA_WINDOW_DAYS} days.")}</p>
            <pre class="agenda-text" data-testid="agenda" tabindex="0">{move || agenda.get()}</pre>
        </section>
    }
}
