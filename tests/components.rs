//! Browser component tests: the five-element chips, the priority badge and the quadrant board,
//! mounted on their own in headless Chromium; what an edit re-runs; the charts' axes.
#![cfg(target_arch = "wasm32")]

use chrono::{NaiveDate, TimeZone, Utc};
use followthrough::state::{SaveState, Store};
use followthrough::views::meeting::{ElementChips, PriorityBadge, QuadrantBoard};
use followthrough_core::validator::{validate, ValidationContext};
use followthrough_core::{
    ActionItem, Category, Level, PostMortem, Priority, Settings, Severity, Workspace,
};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div: web_sys::HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn query(root: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn attr(root: &web_sys::HtmlElement, selector: &str, name: &str) -> String {
    query(root, selector)
        .get_attribute(name)
        .unwrap_or_default()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 12).unwrap()
}

fn item(title: &str, owner: &str, ticket: &str) -> ActionItem {
    ActionItem {
        id: "PM-2026-0051-01".into(),
        title: title.into(),
        owner: owner.into(),
        tracking_ticket: ticket.into(),
        impact: Level::new(3).unwrap(),
        effort: Level::new(1).unwrap(),
        priority: Priority::P0,
        due_date: NaiveDate::from_ymd_opt(2026, 5, 19),
        created_at: Some(Utc.with_ymd_and_hms(2026, 5, 12, 9, 0, 0).unwrap()),
        ..Default::default()
    }
}

fn check(item: &ActionItem) -> followthrough_core::validator::Validation {
    let settings = Settings::default();
    let ctx = ValidationContext {
        today: today(),
        priority: item.priority,
        owner_open_items: 1,
        settings: &settings,
        known_owners: None,
    };
    validate(item, &ctx)
}

#[wasm_bindgen_test]
async fn chips_show_each_verdict_and_follow_the_text() {
    let root = container();
    let validation = RwSignal::new(Some(check(&item("Investigate the cache", "", ""))));
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ElementChips item_id="PM-2026-0051-01" validation=validation/> }
    });
    assert_eq!(
        attr(&root, "[data-testid=element-verb]", "data-verdict"),
        "fail"
    );
    assert_eq!(
        attr(&root, "[data-testid=element-owner]", "data-verdict"),
        "fail"
    );
    assert_eq!(
        attr(&root, "[data-testid=element-tracker]", "data-verdict"),
        "fail"
    );
    assert_eq!(
        attr(&root, "[data-testid=element-deadline]", "data-verdict"),
        "pass"
    );
    assert_eq!(attr(&root, "[data-testid=ready]", "data-ready"), "false");
    // The message and a better wording are in the chip's tooltip.
    let tip = query(&root, "[data-testid=element-verb] [role=tooltip]")
        .text_content()
        .unwrap_or_default();
    assert!(tip.contains("Verifiable verb"), "{tip}");
    assert!(tip.contains("Better:"), "{tip}");
    // A screen reader hears the verdict after the element's name: the icon is named by it.
    assert_eq!(
        attr(&root, "[data-testid=element-verb] [role=img]", "aria-label"),
        "fail"
    );

    validation.set(Some(check(&item(
        "Add an alert on cache hit ratio below 80% for 10 minutes",
        "Priya Raman",
        "PAY-1234",
    ))));
    leptos::task::tick().await;
    for element in ["owner", "verb", "outcome", "tracker", "deadline"] {
        assert_eq!(
            attr(
                &root,
                &format!("[data-testid=element-{element}]"),
                "data-verdict"
            ),
            "pass",
            "{element}"
        );
    }
    assert_eq!(attr(&root, "[data-testid=ready]", "data-ready"), "true");
    assert_eq!(
        attr(&root, "[data-testid=element-verb] [role=img]", "aria-label"),
        "pass"
    );
}

#[wasm_bindgen_test]
async fn priority_badge_shows_the_effective_priority_and_explains_it_on_demand() {
    let root = container();
    let mut refactor = item(
        "Refactor error handling in the payment client",
        "Sam",
        "PAY-1",
    );
    refactor.effort = Level::new(4).unwrap();
    followthrough_core::scoring::apply_scoring(&mut refactor, Severity::Sev1, &Settings::default());
    let current = RwSignal::new(Some(refactor));
    let severity = RwSignal::new(Severity::Sev1);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <PriorityBadge item=current severity=severity/> }
    });
    let badge = query(&root, "[data-testid=priority]");
    assert_eq!(badge.text_content().unwrap(), "P0");
    assert!(root
        .query_selector("[data-testid=priority-details]")
        .unwrap()
        .is_none());
    badge.dyn_ref::<web_sys::HtmlElement>().unwrap().click();
    leptos::task::tick().await;
    let details = query(&root, "[data-testid=priority-details]")
        .text_content()
        .unwrap();
    assert!(details.contains("Base P2"), "{details}");
    assert!(details.contains("SEV1"), "{details}");

    current.update(|i| {
        if let Some(i) = i {
            i.priority = Priority::P3;
        }
    });
    leptos::task::tick().await;
    assert_eq!(
        query(&root, "[data-testid=priority]")
            .text_content()
            .unwrap(),
        "P3"
    );
}

#[wasm_bindgen_test]
async fn board_places_cards_by_quadrant_and_arrow_keys_move_them() {
    let root = container();
    let mut ws = Workspace::default();
    let mut pm = PostMortem {
        id: "PM-2026-0051".into(),
        title: "Payments".into(),
        severity: Severity::Sev2,
        ..Default::default()
    };
    let scored = |id: &str, title: &str, impact: u8, effort: u8| ActionItem {
        id: id.into(),
        title: title.into(),
        impact: Level::new(impact).unwrap(),
        effort: Level::new(effort).unwrap(),
        category: Some(Category::Prevent),
        ..Default::default()
    };
    pm.action_items = vec![
        scored("PM-2026-0051-01", "Add a circuit breaker", 4, 2),
        scored("PM-2026-0051-02", "Refactor error handling", 3, 4),
        scored("PM-2026-0051-03", "Enable retry logging", 2, 1),
        scored("PM-2026-0051-04", "Rewrite the ledger", 1, 4),
    ];
    ws.postmortems.push(pm);
    let store = Store::new(ws, SaveState::InMemory("test".into()));
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(store);
        view! { <QuadrantBoard pm_id="PM-2026-0051".to_string()/> }
    });
    let zone_of = |id: &str| {
        query(
            &root,
            &format!("[data-testid=board-card][data-item-id=\"{id}\"]"),
        )
        .closest("[data-testid=board-zone]")
        .unwrap()
        .unwrap()
        .get_attribute("data-quadrant")
        .unwrap()
    };
    assert_eq!(zone_of("PM-2026-0051-01"), "quick-wins");
    assert_eq!(zone_of("PM-2026-0051-02"), "major-projects");
    assert_eq!(zone_of("PM-2026-0051-03"), "fill-ins");
    assert_eq!(zone_of("PM-2026-0051-04"), "reconsider");

    // ArrowLeft on the major project lowers its effort to the nearest low value.
    let card = query(
        &root,
        "[data-testid=board-card][data-item-id=\"PM-2026-0051-02\"]",
    );
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowLeft");
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    card.dispatch_event(&event).unwrap();
    leptos::task::tick().await;
    assert_eq!(zone_of("PM-2026-0051-02"), "quick-wins");
    let moved = store.item("PM-2026-0051", "PM-2026-0051-02").unwrap();
    assert_eq!((moved.impact.get(), moved.effort.get()), (3, 2));
    let said = query(&root, "[data-testid=board-announce]")
        .text_content()
        .unwrap();
    assert!(said.contains("effort 4 → 2"), "{said}");
}

/// A memo that counts its runs, for the tests of what an edit re-runs.
fn counted<T>(
    runs: &std::sync::Arc<std::sync::atomic::AtomicUsize>,
    read: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    let runs = runs.clone();
    Memo::new(move |_| {
        runs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        read()
    })
}

/// A keystroke in one post-mortem re-runs the views of that post-mortem only; the owner counts
/// re-run when an owner changes, not when a title does. (This is what keeps typing cheap with
/// thousands of items.)
#[wasm_bindgen_test]
async fn edits_notify_only_the_views_that_read_what_changed() {
    use followthrough::state::Derived;
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    use std::sync::Arc;

    let mut ws = Workspace::default();
    for n in 1..=2 {
        let id = format!("PM-2026-000{n}");
        ws.postmortems.push(PostMortem {
            id: id.clone(),
            title: format!("Incident {n}"),
            action_items: vec![ActionItem {
                id: format!("{id}-01"),
                title: "Add an alert on queue depth".into(),
                owner: "Dana".into(),
                ..Default::default()
            }],
            ..Default::default()
        });
    }
    let store = Store::new(ws, SaveState::InMemory("test".into()));
    let owner = Owner::new();
    let (first_runs, second_runs, counts_runs) = (
        Arc::new(AtomicUsize::new(0)),
        Arc::new(AtomicUsize::new(0)),
        Arc::new(AtomicUsize::new(0)),
    );
    let (first, second, counts) = owner.with(|| {
        let derived = Derived::new(store);
        let title_in = move |pm_id: &'static str| {
            move || store.with_pm(pm_id, |pm| pm.map(|pm| pm.action_items[0].title.clone()))
        };
        let first = counted(&first_runs, title_in("PM-2026-0001"));
        let second = counted(&second_runs, title_in("PM-2026-0002"));
        let counts = counted(&counts_runs, move || derived.open_by_owner.get());
        (first, second, counts)
    });
    let read_all = || {
        first.get_untracked();
        second.get_untracked();
        counts.get_untracked();
    };
    // How often each view has run so far: the first post-mortem's, the second's, the counts'.
    let runs = || {
        (
            first_runs.load(Relaxed),
            second_runs.load(Relaxed),
            counts_runs.load(Relaxed),
        )
    };
    read_all();
    assert_eq!(runs(), (1, 1, 1));

    // A title typed in the first post-mortem: only its view re-runs.
    store.edit_item("PM-2026-0001", "PM-2026-0001-01", "title", |i| {
        i.title.push_str(" above 1000")
    });
    read_all();
    assert_eq!(runs(), (2, 1, 1));
    assert_eq!(
        first.get_untracked().as_deref(),
        Some("Add an alert on queue depth above 1000")
    );

    // An edit that changes nothing notifies no one.
    store.edit_item("PM-2026-0001", "PM-2026-0001-01", "title", |_| {});
    read_all();
    assert_eq!(runs(), (2, 1, 1));

    // A new owner in the second one: its view and the owner counts re-run.
    store.edit_item("PM-2026-0002", "PM-2026-0002-01", "owner", |i| {
        i.owner = "Lee".into()
    });
    read_all();
    assert_eq!(runs(), (2, 2, 2));
    assert_eq!(counts.get_untracked().get("lee"), Some(&1));

    // Undo touches what the step changed, as the edit did: the second post-mortem's view and
    // the owner counts re-run, the first's does not.
    store.undo();
    read_all();
    assert_eq!(runs(), (2, 3, 3));
    assert_eq!(counts.get_untracked().get("dana"), Some(&2));
}

/// Waits `ms` milliseconds of real time (the settle timer is a real timer).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// A keystroke re-runs the row of the item typed in, not its neighbours; the board (a settled
/// view) follows typed text once typing pauses, and every other kind of change at once.
#[wasm_bindgen_test]
async fn typing_reaches_one_row_at_once_and_the_board_when_typing_pauses() {
    use followthrough::state::SETTLE_DELAY;
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    use std::sync::Arc;

    const PM: &str = "PM-2026-0061";
    let (a, b) = ("PM-2026-0061-01", "PM-2026-0061-02");
    let mut ws = Workspace::default();
    ws.postmortems.push(PostMortem {
        id: PM.into(),
        title: "Checkout latency".into(),
        action_items: [a, b]
            .iter()
            .map(|id| ActionItem {
                id: id.to_string(),
                title: format!("Add an alert for {id}"),
                owner: "Dana".into(),
                impact: Level::new(3).unwrap(),
                effort: Level::new(1).unwrap(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    });
    let store = Store::new(ws, SaveState::InMemory("test".into()));
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(store);
        view! { <QuadrantBoard pm_id=PM.to_string()/> }
    });
    let owner = Owner::new();
    let runs: [Arc<AtomicUsize>; 5] = Default::default();
    let (row_a, row_b, settled, rest_a, outline) = owner.with(|| {
        let row_a = counted(&runs[0], move || store.watch_item(PM, a).map(|i| i.title));
        let row_b = counted(&runs[1], move || store.watch_item(PM, b).map(|i| i.title));
        let settled = counted(&runs[2], move || {
            store.with_pm_settled(PM, |pm| pm.map(|pm| pm.action_items[0].title.clone()))
        });
        // The part of A's row that does not show the title.
        let rest_a = counted(&runs[3], move || {
            store.watch_item_but_title(PM, a).map(|i| i.effort)
        });
        // The post-mortem's own fields and list of items (the header, the page's rows).
        let outline = counted(&runs[4], move || {
            store.with_pm_outline(PM, |pm| pm.map(|pm| (pm.severity, pm.action_items.len())))
        });
        (row_a, row_b, settled, rest_a, outline)
    });
    let counts = || {
        row_a.get_untracked();
        row_b.get_untracked();
        settled.get_untracked();
        rest_a.get_untracked();
        outline.get_untracked();
        runs.each_ref().map(|r| r.load(Relaxed))
    };
    let card_text = |id: &str| {
        query(
            &root,
            &format!("[data-testid=board-card][data-item-id=\"{id}\"]"),
        )
        .text_content()
        .unwrap_or_default()
    };
    assert_eq!(counts(), [1, 1, 1, 1, 1]);

    // Keystrokes in A's title: A's title follows each one; the rest of A's row, B's row and
    // the board wait.
    store.type_in_item(PM, a, "title", |i| i.title.push_str(" above 5%"));
    assert_eq!(counts(), [2, 1, 1, 1, 1]);
    store.type_in_item(PM, a, "title", |i| i.title.push_str(" for 5 minutes"));
    leptos::task::tick().await;
    assert_eq!(counts(), [3, 1, 1, 1, 1]);
    let typed = "Add an alert for PM-2026-0061-01 above 5% for 5 minutes";
    assert_eq!(row_a.get_untracked().as_deref(), Some(typed));
    assert!(!card_text(a).contains("above 5%"), "{}", card_text(a));

    // Once typing pauses, the settled views catch up, once.
    sleep(SETTLE_DELAY.as_millis() as i32 + 150).await;
    leptos::task::tick().await;
    assert_eq!(counts(), [3, 1, 2, 1, 1]);
    assert_eq!(settled.get_untracked().as_deref(), Some(typed));
    assert!(card_text(a).contains("above 5%"), "{}", card_text(a));

    // A change that is not typing reaches the board at once, and the rest of A's row: A's
    // effort moves its card.
    store.edit_item(PM, a, "effort", |i| i.effort = Level::new(4).unwrap());
    leptos::task::tick().await;
    assert_eq!(counts(), [4, 1, 3, 2, 1]);
    let zone = query(
        &root,
        &format!("[data-testid=board-card][data-item-id=\"{a}\"]"),
    )
    .closest("[data-testid=board-zone]")
    .unwrap()
    .unwrap()
    .get_attribute("data-quadrant");
    assert_eq!(zone.as_deref(), Some("major-projects"));

    // A change to the post-mortem as a whole (severity re-scores every item) reaches every row
    // and the outline, which no item edit above reached.
    store.edit_postmortem(PM, "severity", |pm| pm.severity = Severity::Sev1);
    assert_eq!(counts(), [5, 2, 4, 3, 2]);
}

/// Chart axes end at a round number (1, 2 or 5 × 10ⁿ), at least 1, whatever the data.
#[wasm_bindgen_test]
fn axis_tops_are_round() {
    use followthrough::ui::charts::nice_ceiling;
    assert_eq!(nice_ceiling(0.0), 1.0);
    assert_eq!(nice_ceiling(3.0), 5.0);
    assert_eq!(nice_ceiling(7.0), 10.0);
    assert_eq!(nice_ceiling(12.0), 20.0);
    assert_eq!(nice_ceiling(f64::INFINITY), 1.0);
}
