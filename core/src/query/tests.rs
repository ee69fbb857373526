use super::*;
use chrono::{TimeZone, Utc};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn item(id: &str, owner: &str, team: &str, tags: &[&str]) -> ActionItem {
    ActionItem {
        id: id.into(),
        title: format!("Add an alert for {id}"),
        owner: owner.into(),
        team: team.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    }
}

/// Two post-mortems: the first with four items of every kind the filters tell apart.
fn workspace() -> Workspace {
    let mut overdue = item("PM-1-01", "Alice Smith", "SRE", &["Alerting", " db "]);
    overdue.priority = Priority::P0;
    overdue.status = ItemStatus::InProgress;
    overdue.category = Some(Category::Detect);
    overdue.due_date = Some(day(2026, 3, 1));
    overdue.tracking_ticket = "OPS-77".into();
    let mut closed = item("PM-1-02", "bob", "sre ", &["db"]);
    closed.priority = Priority::P0;
    closed.status = ItemStatus::Closed;
    closed.category = Some(Category::Prevent);
    closed.due_date = Some(day(2026, 2, 1));
    let mut later = item("PM-1-03", "alice  smith", "", &[]);
    later.priority = Priority::P2;
    later.due_date = Some(day(2026, 5, 1));
    let mut sooner = item("PM-1-04", "", "Payments", &[]);
    sooner.priority = Priority::P2;
    sooner.due_date = Some(day(2026, 4, 1));
    let other = item("PM-2-01", "Carol", "Payments", &["alerting"]);
    Workspace {
        postmortems: vec![
            PostMortem {
                id: "PM-1".into(),
                title: "Checkout outage".into(),
                incident_ref: "INC-481".into(),
                severity: Severity::Sev1,
                status: PostMortemStatus::Tracking,
                incident_date: Some(day(2026, 1, 10)),
                action_items: vec![overdue, closed, later, sooner],
                ..Default::default()
            },
            PostMortem {
                id: "PM-2".into(),
                title: "Login latency".into(),
                created_at: Utc.with_ymd_and_hms(2026, 2, 3, 9, 0, 0).single(),
                action_items: vec![other],
                ..Default::default()
            },
            PostMortem {
                id: "PM-3".into(),
                title: "Undated".into(),
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}

fn ids(rows: &[ItemRow]) -> Vec<&str> {
    rows.iter().map(|r| r.item.id.as_str()).collect()
}

fn matching(filter: ItemFilter) -> Vec<String> {
    let rows = item_rows(&workspace(), day(2026, 3, 20));
    filter.apply(&rows).into_iter().map(|r| r.item.id).collect()
}

#[test]
fn the_list_filters_by_status_severity_and_text() {
    let ws = workspace();
    let all = |filter: PostMortemFilter| postmortem_ids(&ws, &filter, ListOrder::Oldest);
    assert_eq!(all(PostMortemFilter::default()), ["PM-3", "PM-1", "PM-2"]);
    let tracking = PostMortemFilter {
        status: Some(PostMortemStatus::Tracking),
        ..Default::default()
    };
    assert_eq!(all(tracking), ["PM-1"]);
    let sev3 = PostMortemFilter {
        severity: Some(Severity::Sev3),
        ..Default::default()
    };
    assert_eq!(all(sev3), ["PM-3", "PM-2"]);
    for text in ["  LOGIN ", "pm-2"] {
        let search = PostMortemFilter {
            text: text.into(),
            ..Default::default()
        };
        assert_eq!(all(search), ["PM-2"], "{text}");
    }
    let by_ref = PostMortemFilter {
        text: "inc-481".into(),
        ..Default::default()
    };
    assert_eq!(all(by_ref), ["PM-1"]);
}

#[test]
fn the_list_orders_by_incident_date_else_creation() {
    let ws = workspace();
    assert_eq!(list_date(&ws.postmortems[1]), Some(day(2026, 2, 3)));
    assert_eq!(list_date(&ws.postmortems[2]), None);
    let filter = PostMortemFilter::default();
    // Undated post-mortems sort before every date: last when newest comes first.
    assert_eq!(
        postmortem_ids(&ws, &filter, ListOrder::Newest),
        ["PM-2", "PM-1", "PM-3"]
    );
    assert_eq!(ListOrder::parse("oldest"), ListOrder::Oldest);
    assert_eq!(ListOrder::parse("newest"), ListOrder::Newest);
    assert_eq!(ListOrder::parse(""), ListOrder::Newest);
}

#[test]
fn rows_know_how_overdue_their_item_is() {
    let rows = item_rows(&workspace(), day(2026, 3, 20));
    assert_eq!(rows.len(), 5);
    assert_eq!(
        (rows[0].pm_id.as_str(), rows[0].overdue),
        ("PM-1", Some(19))
    );
    assert_eq!(rows[0].pm_title, "Checkout outage");
    // Closed items are not overdue, and neither is an item due later.
    assert_eq!(rows[1].overdue, None);
    assert_eq!(rows[2].overdue, None);
}

#[test]
fn the_portfolio_filters_each_field() {
    assert_eq!(matching(ItemFilter::default()).len(), 5);
    let owner = ItemFilter {
        owner: "ALICE Smith".into(),
        ..Default::default()
    };
    assert_eq!(matching(owner), ["PM-1-01", "PM-1-03"]);
    let team = ItemFilter {
        team: "sre".into(),
        ..Default::default()
    };
    assert_eq!(matching(team), ["PM-1-01", "PM-1-02"]);
    let priority = ItemFilter {
        priority: Some(Priority::P2),
        ..Default::default()
    };
    assert_eq!(matching(priority), ["PM-1-03", "PM-1-04", "PM-2-01"]);
    let status = ItemFilter {
        status: Some(ItemStatus::Closed),
        ..Default::default()
    };
    assert_eq!(matching(status), ["PM-1-02"]);
    let category = ItemFilter {
        category: Some(Category::Detect),
        ..Default::default()
    };
    assert_eq!(matching(category), ["PM-1-01"]);
    let tag = ItemFilter {
        tag: "DB".into(),
        ..Default::default()
    };
    assert_eq!(matching(tag), ["PM-1-01", "PM-1-02"]);
    let overdue = ItemFilter {
        overdue_only: true,
        ..Default::default()
    };
    assert_eq!(matching(overdue), ["PM-1-01"]);
    let open = ItemFilter {
        open_only: true,
        ..Default::default()
    };
    assert_eq!(matching(open).len(), 4);
    let ticket = ItemFilter {
        text: " ops-77".into(),
        ..Default::default()
    };
    assert_eq!(matching(ticket), ["PM-1-01"]);
    let id = ItemFilter {
        text: "pm-2".into(),
        ..Default::default()
    };
    assert_eq!(matching(id), ["PM-2-01"]);
    // Filters combine.
    let both = ItemFilter {
        owner: "alice smith".into(),
        priority: Some(Priority::P0),
        ..Default::default()
    };
    assert_eq!(matching(both), ["PM-1-01"]);
}

#[test]
fn choices_are_each_team_and_tag_once() {
    let rows = item_rows(&workspace(), day(2026, 3, 20));
    let choices = filter_choices(&rows);
    // Teams keep their case (the filter ignores it); tags are lowercased.
    assert_eq!(choices.teams, ["Payments", "SRE", "sre"]);
    assert_eq!(choices.tags, ["alerting", "db"]);
}

#[test]
fn groups_and_their_order() {
    let rows = item_rows(&workspace(), day(2026, 3, 20));
    let names = |by: GroupBy| -> Vec<(String, Vec<String>)> {
        group_rows(&rows, by)
            .into_iter()
            .map(|(name, rows)| (name, ids(&rows).iter().map(|s| s.to_string()).collect()))
            .collect()
    };
    // One unnamed group: open first, then priority, due date (none first), id.
    assert_eq!(
        names(GroupBy::None),
        [(
            String::new(),
            vec!["PM-1-01", "PM-2-01", "PM-1-04", "PM-1-03", "PM-1-02"]
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>()
        )]
    );
    let group_names = |by: GroupBy| -> Vec<String> {
        group_rows(&rows, by)
            .into_iter()
            .map(|(name, _)| name)
            .collect()
    };
    assert_eq!(
        group_names(GroupBy::PostMortem),
        ["PM-1 — Checkout outage", "PM-2 — Login latency"]
    );
    assert_eq!(
        group_names(GroupBy::Owner),
        ["(no owner)", "Alice Smith", "Carol", "alice  smith", "bob"]
    );
    assert_eq!(
        group_names(GroupBy::Team),
        ["(no team)", "Payments", "SRE", "sre"]
    );
    // A row with two tags is under both themes.
    let themes = names(GroupBy::Theme);
    let theme = |name: &str| {
        themes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, ids)| ids.clone())
            .unwrap()
    };
    assert_eq!(theme("alerting"), ["PM-1-01", "PM-2-01"]);
    assert_eq!(theme("db"), ["PM-1-01", "PM-1-02"]);
    assert_eq!(theme("(no theme)"), ["PM-1-04", "PM-1-03"]);
}

#[test]
fn group_by_reads_its_control_values() {
    for by in GroupBy::ALL {
        assert_eq!(GroupBy::parse(by.as_str()), by);
    }
    assert_eq!(GroupBy::parse("anything else"), GroupBy::None);
}
