use super::*;
use crate::model::{ItemStatus, PostMortem, Resolution};

fn set(words: &[&str]) -> BTreeSet<String> {
    words.iter().map(|w| w.to_string()).collect()
}

#[test]
fn tokens_are_normalised() {
    assert_eq!(
        tokens("Add alerts for the Payment-Gateway's timeouts!"),
        set(&["alert", "gateway", "payment", "timeout"])
    );
    assert_eq!(tokens("alerting ALERTED alert"), set(&["alert"]));
    assert_eq!(tokens("retries retry"), set(&["retry"]));
    assert_eq!(tokens("caches cached cache"), set(&["cach"]));
    assert_eq!(tokens("status statuses"), set(&["status"]));
    assert_eq!(
        tokens("Überwachung für Zahlungen"),
        set(&["überwachung", "für", "zahlungen"])
    );
    assert!(tokens("the and of ...").is_empty());
}

#[test]
fn measures() {
    let a = set(&["a", "b"]);
    let b = set(&["a", "b", "c", "d"]);
    assert_eq!(jaccard(&a, &b), 0.5);
    assert_eq!(overlap(&a, &b), 1.0);
    assert_eq!(jaccard(&set(&[]), &set(&[])), 0.0);
    assert_eq!(overlap(&set(&[]), &b), 0.0);
}

fn item(id: &str, title: &str, status: ItemStatus) -> ActionItem {
    ActionItem {
        id: id.into(),
        title: title.into(),
        status,
        resolution: (status == ItemStatus::Closed).then_some(Resolution::Completed),
        ..Default::default()
    }
}

fn workspace() -> Workspace {
    let pm = |id: &str, items| PostMortem {
        id: id.into(),
        title: "x".into(),
        action_items: items,
        ..Default::default()
    };
    Workspace {
        postmortems: vec![
            pm(
                "PM-1",
                vec![
                    item(
                        "PM-1-01",
                        "Add circuit breaker to payment gateway calls",
                        ItemStatus::InProgress,
                    ),
                    item(
                        "PM-1-02",
                        "Write runbook for database failover",
                        ItemStatus::Closed,
                    ),
                ],
            ),
            pm(
                "PM-2",
                vec![
                    item(
                        "PM-2-01",
                        "Deploy a circuit breaker on payment gateway calls",
                        ItemStatus::NotStarted,
                    ),
                    item(
                        "PM-2-02",
                        "Lower the DNS TTL for the checkout service",
                        ItemStatus::NotStarted,
                    ),
                ],
            ),
        ],
        ..Default::default()
    }
}

#[test]
fn related_items_while_typing() {
    let ws = workspace();
    let found = similar_items(&ws, "Payment gateway outage", Some("PM-2"), 5);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].item_id, "PM-1-01");
    assert!((found[0].score - 2.0 / 3.0).abs() < 1e-9);
    // Closed items are not offered, and the limit holds.
    assert!(similar_items(&ws, "database failover", None, 5).is_empty());
    assert_eq!(similar_items(&ws, "payment gateway", None, 1).len(), 1);
    assert!(similar_items(&ws, "", None, 5).is_empty());
}

#[test]
fn export_labels_do_not_make_items_alike() {
    let mut ws = workspace();
    for pm in &mut ws.postmortems {
        let id = pm.id.clone();
        for item in &mut pm.action_items {
            item.tags = vec![EXPORT_LABEL.into(), id.clone()];
        }
    }
    ws.postmortems[1].action_items[1].title = "Add runbook for database failover".into();
    let pairs = likely_duplicates(&ws, 10);
    let ids: Vec<(&str, &str)> = pairs
        .iter()
        .map(|p| (p.a.item_id.as_str(), p.b.item_id.as_str()))
        .collect();
    assert_eq!(ids, [("PM-1-01", "PM-2-01"), ("PM-1-02", "PM-2-02")]);
    assert!(similar_items(&ws, "incident-action PM-1", None, 5).is_empty());
}

#[test]
fn duplicates_across_postmortems_until_linked() {
    let mut ws = workspace();
    let pairs = likely_duplicates(&ws, 10);
    assert_eq!(pairs.len(), 1);
    assert_eq!(
        (pairs[0].a.item_id.as_str(), pairs[0].b.item_id.as_str()),
        ("PM-1-01", "PM-2-01")
    );
    assert_eq!(pairs[0].score, 1.0);
    link_items(&mut ws, "PM-1-01", "PM-2-01").unwrap();
    link_items(&mut ws, "PM-2-01", "PM-1-01").unwrap();
    let linked = |ws: &Workspace, id: &str| -> Vec<String> {
        ws.items()
            .find(|(_, i)| i.id == id)
            .map(|(_, i)| i.linked_items.clone())
            .unwrap()
    };
    assert_eq!(linked(&ws, "PM-1-01"), ["PM-2-01"]);
    assert_eq!(linked(&ws, "PM-2-01"), ["PM-1-01"]);
    assert!(likely_duplicates(&ws, 10).is_empty());
    assert_eq!(
        link_items(&mut ws, "PM-1-01", "nope"),
        Err(LinkError::NotFound("nope".into()))
    );
    assert_eq!(
        link_items(&mut ws, "PM-1-01", "PM-1-01"),
        Err(LinkError::SameItem)
    );
    unlink_items(&mut ws, "PM-1-01", "PM-2-01").unwrap();
    assert!(linked(&ws, "PM-1-01").is_empty() && linked(&ws, "PM-2-01").is_empty());
}
