use super::*;

#[test]
fn the_same_seed_gives_the_same_workspace() {
    let until = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default();
    let a = workspace(7, 20, 5, until);
    assert_eq!(a, workspace(7, 20, 5, until));
    assert_ne!(a, workspace(8, 20, 5, until));
    assert_eq!(a.postmortems.len(), 20);
    assert!(a.postmortems.iter().all(|p| p.action_items.len() == 5));
}

#[test]
fn items_look_lived_in() {
    let until = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default();
    let ws = workspace(1, 200, 10, until);
    let items: Vec<&ActionItem> = ws.items().map(|(_, i)| i).collect();
    let count = |s: ItemStatus| items.iter().filter(|i| i.status == s).count();
    assert!(
        count(ItemStatus::Closed) > 500,
        "{}",
        count(ItemStatus::Closed)
    );
    assert!(count(ItemStatus::InProgress) > 20);
    assert!(count(ItemStatus::Blocked) > 0 && count(ItemStatus::Deferred) > 0);
    for i in &items {
        assert!(i.due_date.is_some() && i.original_due_date.is_some());
        assert!(i.created_at.is_some_and(|c| c.date_naive() <= until));
        if i.status == ItemStatus::Closed {
            assert!(i.resolution.is_some());
            assert!(i.closed_on().is_some());
        }
    }
    assert!(ws
        .postmortems
        .iter()
        .any(|p| p.status == PostMortemStatus::Closed));
}
