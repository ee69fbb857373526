//! Netflix Dispatch tasks, as its API lists them (`GET /{org}/tasks`): `{"items": [{description,
//! status: "Open" | "Resolved", owner{individual{name, email}}, assignees[{individual{…}}],
//! resolve_by, tickets[{weblink}], incident{name, title}, priority, created_at}], "total"}`.
//! A task has no title: the first line of its description is the title.

use crate::exchange::ImportError;

use super::walk::At;
use super::{SourceFile, SourceFormat, SourceIncident, SourceItem, SourcePerson, SourceState};

pub(super) fn read(root: &At) -> Result<SourceFile, ImportError> {
    let mut items = Vec::new();
    for t in root.field("items")?.items()? {
        t.object()?;
        let status_at = t.field("status")?;
        let status = status_at.text()?.unwrap_or_else(|| "Open".into());
        let state = if status.eq_ignore_ascii_case("open") {
            SourceState::NotStarted
        } else if status.eq_ignore_ascii_case("resolved") {
            SourceState::Done
        } else {
            return Err(status_at.refuse(format!("expected Open or Resolved, found {status:?}")));
        };
        let description = t.field("description")?.required()?;
        let mut assignees: Vec<SourcePerson> = person(&t.field("owner")?)?.into_iter().collect();
        for a in t.field("assignees")?.items()? {
            if let Some(p) = person(&a)? {
                if !assignees.contains(&p) {
                    assignees.push(p);
                }
            }
        }
        let mut url = String::new();
        for ticket in t.field("tickets")?.items()? {
            if let Some(link) = ticket.field("weblink")?.text()?.filter(|l| !l.is_empty()) {
                url = link;
                break;
            }
        }
        let incident = t.field("incident")?;
        let incident = match incident.field("name")?.text()? {
            Some(name) if !name.is_empty() => Some(SourceIncident {
                key: name,
                name: incident.field("title")?.text_or_empty()?,
            }),
            _ => None,
        };
        items.push(SourceItem {
            place: t.path.clone(),
            title: description
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .to_string(),
            description,
            state,
            status,
            assignees,
            due_date: t.field("resolve_by")?.date()?,
            ticket: String::new(),
            url,
            priority: t.field("priority")?.text_or_empty()?,
            incident,
            created_at: t.field("created_at")?.instant()?,
        });
    }
    Ok(SourceFile {
        format: SourceFormat::Dispatch,
        items,
        left_out: Vec::new(),
    })
}

/// A participant: `{individual: {name, email}}`.
fn person(at: &At) -> Result<Option<SourcePerson>, ImportError> {
    let individual = at.field("individual")?;
    let person = SourcePerson {
        name: individual.field("name")?.text_or_empty()?,
        email: individual.field("email")?.text_or_empty()?,
        login: String::new(),
    };
    Ok((!person.is_empty()).then_some(person))
}
