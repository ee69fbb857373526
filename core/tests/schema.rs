//! The committed exchange-format schema (`public/schema/v1.json`) must match the model.
//!
//! Regenerate it with `UPDATE_SCHEMA=1 cargo test -p followthrough-core --test schema`.

use std::path::PathBuf;

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../public/schema/v1.json")
}

#[test]
fn committed_schema_matches_the_model() {
    let generated = followthrough_core::schema::exchange_schema_text();
    let path = committed_path();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create public/schema");
        }
        std::fs::write(&path, &generated).expect("write public/schema/v1.json");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "public/schema/v1.json is out of date with core/src/model.rs.\n\
         Regenerate it with: UPDATE_SCHEMA=1 cargo test -p followthrough-core --test schema\n\
         and commit the result."
    );
}

#[test]
fn committed_schema_is_valid_json_with_the_version_in_its_title() {
    let generated = followthrough_core::schema::exchange_schema_text();
    let value: serde_json::Value = serde_json::from_str(&generated).expect("schema is JSON");
    assert!(value["title"]
        .as_str()
        .is_some_and(|t| t.ends_with(&followthrough_core::SCHEMA_VERSION.to_string())));
    assert!(generated.ends_with("}\n"));
}
