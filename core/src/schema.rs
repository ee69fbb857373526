//! The JSON Schema of the exchange format (DOMAIN.md §10), generated from `model::Workspace`.
//!
//! The committed copy lives at `public/schema/v1.json`; `core/tests/schema.rs` fails when it
//! drifts from the model (run `UPDATE_SCHEMA=1 cargo test -p followthrough-core --test schema`
//! to rewrite it).

use crate::model::{Workspace, SCHEMA_VERSION};

/// The schema of a whole workspace file, as JSON.
pub fn exchange_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Workspace);
    schema.insert(
        "title".into(),
        serde_json::Value::String(format!(
            "followthrough workspace, schema version {SCHEMA_VERSION}"
        )),
    );
    schema.to_value()
}

/// The schema as the committed file holds it: pretty-printed, with a trailing newline.
pub fn exchange_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&exchange_schema()).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_schema_describes_a_workspace() {
        let schema = super::exchange_schema();
        let props = &schema["properties"];
        assert!(props["postmortems"].is_object());
        assert!(props["schema_version"].is_object());
        assert!(schema["$defs"]["ActionItem"].is_object());
        assert_eq!(schema["$defs"]["Level"]["maximum"], 4);
    }
}
