//! Where something is in a file, by line, for annotations: the line of a post-mortem's or an
//! item's `"id"` (the app writes one key a line), and the line a reader's message names.

/// The 1-based line of the first `"id": <id>` at or after byte `from`, and the byte just after
/// it. The id is matched as serde_json writes it, whatever the spacing around the colon.
pub fn id_line(text: &str, id: &str, from: usize) -> Option<(usize, usize)> {
    let literal = serde_json::to_string(id).ok()?;
    let mut at = from;
    while let Some(found) = text.get(at..)?.find("\"id\"") {
        let key = at + found;
        let rest = text[key + 4..].trim_start();
        if let Some(value) = rest.strip_prefix(':') {
            let value = value.trim_start();
            if value.starts_with(&literal) {
                let end = text.len() - value.len() + literal.len();
                let line = text[..key].matches('\n').count() + 1;
                return Some((line, end));
            }
        }
        at = key + 4;
    }
    None
}

/// The line of an item: its post-mortem's id first, then the item's id after it (item ids are
/// unique only within their post-mortem).
pub fn item_line(text: &str, postmortem_id: &str, item_id: &str) -> Option<usize> {
    let (_, after) = id_line(text, postmortem_id, 0)?;
    id_line(text, item_id, after).map(|(line, _)| line)
}

/// The line a reader's message names ("… (line 4, column 9)", "line 4, column 9").
pub fn message_line(message: &str) -> Option<usize> {
    let at = message.rfind("line ")?;
    let digits: String = message[at + 5..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_after_their_post_mortem() {
        let text = "{\n \"postmortems\": [\n  {\"id\": \"A\",\n   \"action_items\": [{\"id\":\"X\"}]},\n  {\"id\" : \"B\",\n   \"action_items\": [\n    {\"id\": \"X\"}]}]}\n";
        assert_eq!(item_line(text, "A", "X"), Some(4));
        assert_eq!(item_line(text, "B", "X"), Some(7));
        assert_eq!(item_line(text, "C", "X"), None);
        assert_eq!(
            id_line("{\"id\": \"a\\\"b\"}", "a\"b", 0).map(|l| l.0),
            Some(1)
        );
    }

    #[test]
    fn lines_are_read_from_messages() {
        assert_eq!(
            message_line("x: expected 1–4 (line 12, column 3)"),
            Some(12)
        );
        assert_eq!(
            message_line("nested too deep (line 1, column 101)"),
            Some(1)
        );
        assert_eq!(message_line("the file is empty"), None);
    }
}
