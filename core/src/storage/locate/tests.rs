//! The locator held to `serde_path_to_error` (the reference it replaces), and its list of the
//! model's container fields held to the exchange schema.

mod damaged {
    use super::super::*;
    use crate::model::{PostMortem, Workspace};
    use crate::storage::StoredIndex;
    use proptest::prelude::*;
    use serde::de::DeserializeOwned;

    /// What the tracked parse gave: the path and serde_json's message.
    fn tracked<T: DeserializeOwned>(text: &str) -> Result<T, (String, String)> {
        let mut de = serde_json::Deserializer::from_str(text);
        let value = serde_path_to_error::deserialize::<_, T>(&mut de)
            .map_err(|e| (e.path().to_string(), e.into_inner().to_string()))?;
        de.end().map_err(|e| (".".to_string(), e.to_string()))?;
        Ok(value)
    }

    fn located<T: DeserializeOwned>(text: &str) -> Result<T, (String, String)> {
        crate::storage::parse_tracked(text).map_err(|(path, e)| (path, e.to_string()))
    }

    /// The same path and message as `serde_path_to_error`, but for one corner: where damage
    /// moved a key of the model into an object that does not have it (a lost `}` puts
    /// `postmortems` inside `settings`), serde skips that key's value whole and names the key,
    /// while the locator, which knows field names but not which object has which, goes on
    /// into the value and names the place inside it. There the reference must be a prefix.
    fn same_or_inside_skipped<T: DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str) {
        match (located::<T>(text), tracked::<T>(text)) {
            (Err((ours, message)), Err((theirs, expected)))
                if ours != theirs && message == expected =>
            {
                let inside = ours
                    .strip_prefix(theirs.as_str())
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['));
                assert!(inside, "{ours} is not inside {theirs}, in {text}");
                let key = theirs.rsplit('.').next().unwrap_or_default();
                assert!(
                    CONTAINER_FIELDS.split('|').any(|f| f == key),
                    "{theirs}, in {text}"
                );
                assert!(!matches!(key, "green" | "red"), "a bound, in {text}");
            }
            (ours, theirs) => assert_eq!(ours, theirs, "in {text}"),
        }
    }

    fn same<T: DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str) {
        assert_eq!(located::<T>(text), tracked::<T>(text), "in {text}");
    }

    fn documents() -> Vec<String> {
        let until = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let ws = crate::sample::workspace(3, 2, 3, until);
        let pretty = serde_json::to_string_pretty(&ws).unwrap();
        vec![crate::storage::save_workspace(&ws), pretty]
    }

    /// Bits of JSON that break a document in the ways people and truncated writes do.
    const PIECES: &[&str] = &[
        "",
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\\",
        " ",
        "\n",
        "x",
        "7",
        "-",
        "0",
        "1.",
        "1e",
        "null",
        "true",
        "tru",
        "{}",
        "[]",
        "\"zz\"",
        "\"\\q\"",
        "\"\\ud800\"",
        "\u{1}",
        "1e999",
        "\"title\":\"t\",",
        "\"impact\":",
        "\"extra\":[1,{\"a\":[}]",
        "\"é\"",
        "-1",
        "4294967296",
    ];

    fn damage(text: &str, edits: &[(usize, usize, usize)]) -> String {
        let mut text = text.to_string();
        for &(at, cut, piece) in edits {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + cut % 4).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, PIECES[piece % PIECES.len()]);
        }
        text
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn names_the_place_as_serde_path_to_error_does(
            doc in 0usize..2,
            edits in proptest::collection::vec((any::<usize>(), 0usize..4, any::<usize>()), 1..4),
            truncate in proptest::option::weighted(0.2, any::<usize>()),
        ) {
            let mut text = damage(&documents()[doc], &edits);
            if let Some(at) = truncate {
                let mut at = at % (text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.truncate(at);
            }
            same_or_inside_skipped::<Workspace>(&text);
        }

        #[test]
        fn names_the_place_in_a_shard_and_the_index(
            edits in proptest::collection::vec((any::<usize>(), 0usize..4, any::<usize>()), 1..3),
        ) {
            let until = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
            let ws = crate::sample::workspace(5, 1, 4, until);
            let shard = serde_json::to_string(&ws.postmortems[0]).unwrap();
            same_or_inside_skipped::<PostMortem>(&damage(&shard, &edits));
            same_or_inside_skipped::<StoredIndex>(&damage(&crate::storage::encode_index(&ws), &edits));
        }
    }

    #[test]
    fn names_places_between_entries_and_at_the_end() {
        for text in [
            "",
            " ",
            "{",
            "[",
            "{\"postmortems\":[",
            "{\"postmortems\":[{},",
            "{\"postmortems\":[{\"id\":\"a\",\"title\":\"b\"} {",
            "{\"postmortems\":[{\"id\":\"a\",\"title\":\"b\",}]}",
            "{\"postmortems\":[{\"id\":\"a\",\"title\":\"b\"},]}",
            "{\"postmortems\":[{\"id\":\"a\" \"title\":\"b\"}]}",
            "{\"postmortems\":[{\"id\" \"a\"}]}",
            "{\"postmortems\":[{\"id\":\"a\",\"title\":\"b\",\"action_items\":[{\"impact\":1.",
            "{\"postmortems\":[{\"id\":\"a\",\"title\":\"b\",\"tit\\u006ce\":\"c\"}]}",
            "{\"postmortems\":[{\"id\":\"a\",\"ti",
            "{\"settings\":{\"a\":[1,2 3]}}",
            "{\"settings\":{}}x",
            "{\"schema_version\":tru",
            "{\"schema_version\":true",
            "{\"schema_version\":12",
            // Under a key the model does not have, serde skips the value whole.
            "{\"extra\":[1,{\"a\":[}]}",
            "{\"extra\":[1,{\"a\":[",
            // A `\\u` escape is four bytes, whatever they are.
            "{\"postmortems\":[{\"id\":\"a\\us\",\"title\":\"b\"}]}",
        ] {
            same::<Workspace>(text);
        }
        // A metric bound is an enum written `{"variant": value}`: its key is not an entry.
        let good = crate::storage::save_workspace(&Workspace::default());
        let bound = "{\"at_least\":0.85}";
        assert!(good.contains(bound));
        for damaged in [
            "{",
            "{\"at_least\"",
            "{\"at_least\" 1}",
            "{\"at_least\":",
            "{\"at_least\":1",
            "{\"at_least\":1 x}",
            "{\"at_least\":2\\0}",
            "{\"at_lest\":1}",
            "{1:2}",
            "{\"a\\q\":1}",
            "\"at_least\"",
            "\"at_lst\"",
            "{\"at_least\":1e999}",
            "{\"at_least\":\"x\"}",
            "{}",
        ] {
            same::<Workspace>(&good.replacen(bound, damaged, 1));
            let cut = good.find(bound).unwrap_or(0) + damaged.len();
            same::<Workspace>(&good.replacen(bound, damaged, 1)[..cut]);
        }
    }
}

mod schema_fields {
    use std::collections::BTreeSet;

    /// Names of the properties that can hold an object or a list, anywhere in the schema.
    pub(super) fn container_fields() -> BTreeSet<String> {
        let schema = crate::schema::exchange_schema();
        let mut names = BTreeSet::new();
        walk(&schema, &schema, &mut names);
        names
    }

    fn resolve<'a>(
        root: &'a serde_json::Value,
        node: &'a serde_json::Value,
    ) -> &'a serde_json::Value {
        match node["$ref"]
            .as_str()
            .and_then(|r| r.strip_prefix("#/$defs/"))
        {
            Some(name) => &root["$defs"][name],
            None => node,
        }
    }

    fn holds_container(root: &serde_json::Value, node: &serde_json::Value) -> bool {
        let node = resolve(root, node);
        let typed = |t: &serde_json::Value| matches!(t.as_str(), Some("object" | "array"));
        typed(&node["type"])
            || node["type"]
                .as_array()
                .is_some_and(|ts| ts.iter().any(typed))
            || ["anyOf", "oneOf", "allOf"].iter().any(|k| {
                node[*k]
                    .as_array()
                    .is_some_and(|alts| alts.iter().any(|alt| holds_container(root, alt)))
            })
    }

    fn walk(root: &serde_json::Value, node: &serde_json::Value, names: &mut BTreeSet<String>) {
        match node {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                    for (name, sub) in props {
                        if holds_container(root, sub) {
                            names.insert(name.clone());
                        }
                    }
                }
                for value in map.values() {
                    walk(root, value, names);
                }
            }
            serde_json::Value::Array(list) => list.iter().for_each(|v| walk(root, v, names)),
            _ => {}
        }
    }

    /// Every field of the model that holds an object or a list is known to the locator.
    #[test]
    fn the_locator_knows_the_models_containers() {
        let mut known: BTreeSet<String> = super::super::CONTAINER_FIELDS
            .split('|')
            .map(str::to_string)
            .collect();
        assert!(
            known.remove("postmortem"),
            "a post-mortem export's one field"
        );
        assert_eq!(known, container_fields());
    }
}
