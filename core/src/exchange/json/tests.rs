use super::*;
use serde_json::json;

/// The path older files take (through a tree and the migration chain) cannot be reached
/// from a file while version 1 is the only one; it is checked here directly.
#[test]
fn the_migrated_path_reads_both_kinds_and_names_places() {
    let ws = json!({"schema_version": 1, "postmortems": [
        {"id": "a", "title": "b", "action_items": [{"id": "a-1", "title": "c", "impact": 9}]}
    ]});
    let kind = Probe::of_value(&ws).kind().unwrap();
    assert_eq!(kind, DocumentKind::Workspace);
    assert_eq!(
        read_value(ws, kind).unwrap_err().to_string(),
        "postmortems[0].action_items[0].impact: expected 1–4, found 9"
    );
    let pm = json!({"postmortem": {"id": "a", "title": "b"}});
    let kind = Probe::of_value(&pm).kind().unwrap();
    assert_eq!(kind, DocumentKind::PostMortem);
    assert_eq!(read_value(pm, kind).unwrap().postmortems[0].id, "a");
    assert!(Probe::of_value(&json!([1])).kind().is_err());
    assert!(Probe::of_value(&json!({"id": "a"})).kind().is_err());
    assert!(
        Probe::of_value(&json!({"postmortem": {}, "postmortems": []}))
            .kind()
            .is_err()
    );
    assert_eq!(
        from_value::<Workspace>(json!(3)).unwrap_err().to_string(),
        "(top level): invalid type: integer `3`, expected struct Workspace"
    );
}

#[test]
fn sizes_read_in_mebibytes_rounded_down() {
    assert_eq!(mebibytes(MAX_IMPORT_BYTES + 1), "32.0");
    assert_eq!(mebibytes(15 * 1024 * 1024 + 1024 * 1024 / 2), "15.5");
    assert!(!mebibytes(u64::MAX).is_empty());
}
