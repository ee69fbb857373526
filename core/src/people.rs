//! Reaching an owner: the e-mail address an owner is written with, or the one a people roster
//! gives them ("Ana Silva <ana.silva@corp.example>", one person a line, as pasted from a
//! directory). Trackers that assign by e-mail (Asana) and reminders sent to a person (Slack's
//! `users.lookupByEmail`) need it; an owner written as a name alone has none without a roster.

use crate::validator::owner_key;

/// The first e-mail address in `text`: a word with one `@`, something before it and a dot in
/// the domain, without the brackets, quotes or punctuation around it (`<ana@corp.example>`,
/// `ana@corp.example,`). Lowercased, as addresses are matched.
pub fn email_in(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | ',' | ';'))
        .map(|word| word.trim_matches(|c: char| matches!(c, '"' | '\'' | '.' | ':')))
        .find(|word| is_email(word))
        .map(str::to_lowercase)
}

fn is_email(word: &str) -> bool {
    let mut parts = word.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let domain_ok = domain.split('.').count() >= 2 && domain.split('.').all(|p| !p.is_empty());
    !local.is_empty()
        && domain_ok
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "@.+-_'".contains(c))
}

/// The name part of a roster line: what is left once the address and its brackets are gone.
fn roster_name(line: &str) -> String {
    let without = match line.find('<') {
        Some(start) => &line[..start],
        None => line,
    };
    let without: String = without
        .split_whitespace()
        .filter(|w| !is_email(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect::<Vec<_>>()
        .join(" ");
    without.trim_matches([',', ';', ' ']).to_string()
}

/// The e-mail address of `owner`: the one written in it, else the roster's for the same person
/// (names compared as the capacity check compares owners: case and spacing aside).
pub fn email_for(owner: &str, roster: &[String]) -> Option<String> {
    if let Some(email) = email_in(owner) {
        return Some(email);
    }
    let key = owner_key(owner);
    if key.is_empty() {
        return None;
    }
    roster
        .iter()
        .find(|line| owner_key(&roster_name(line)) == key)
        .and_then(|line| email_in(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_found_wherever_it_is_written() {
        for (text, email) in [
            ("ana.silva@corp.example", Some("ana.silva@corp.example")),
            (
                "Ana Silva <Ana.Silva+oncall@Corp.Example>",
                Some("ana.silva+oncall@corp.example"),
            ),
            ("Ana Silva (ana@corp.example)", Some("ana@corp.example")),
            ("mail ana@corp.example, please", Some("ana@corp.example")),
            ("Ana Silva", None),
            ("@ana", None),
            ("ana@localhost", None),
            ("a@b@c.d", None),
        ] {
            assert_eq!(email_in(text).as_deref(), email, "{text}");
        }
    }

    #[test]
    fn a_name_is_looked_up_on_the_roster() {
        let roster = vec![
            "Ana Silva <ana.silva@corp.example>".to_string(),
            "bo@corp.example".to_string(),
            "Chen Wei, chen.wei@corp.example".to_string(),
        ];
        assert_eq!(
            email_for(" ana  SILVA ", &roster).as_deref(),
            Some("ana.silva@corp.example")
        );
        assert_eq!(
            email_for("Chen Wei", &roster).as_deref(),
            Some("chen.wei@corp.example")
        );
        assert_eq!(
            email_for("dee@corp.example", &roster).as_deref(),
            Some("dee@corp.example")
        );
        assert_eq!(email_for("Dee", &roster), None);
        assert_eq!(email_for("", &roster), None);
    }
}
