//! Rootly action items, as its JSON:API lists them (`GET /v1/incidents/{id}/action_items` or
//! `/v1/action_items`): `{"data": [{"id", "type": "incident_action_items", "attributes":
//! {summary, description, status, priority, assigned_to{name, full_name, email}, due_date,
//! jira_issue_key, jira_issue_url, created_at}}]}`. The incident is read from the entry's
//! `relationships.incident.data.id` or `attributes.incident_id` when the file has one.

use crate::exchange::ImportError;

use super::walk::At;
use super::{SourceFile, SourceFormat, SourceIncident, SourceItem, SourcePerson, SourceState};

const TYPE: &str = "incident_action_items";

pub(super) fn read(root: &At) -> Result<SourceFile, ImportError> {
    let mut items = Vec::new();
    let entries = root.field("data")?;
    for d in entries.items()? {
        d.object()?;
        let kind = d.field("type")?;
        match kind.text()? {
            Some(t) if t == TYPE => {}
            Some(t) => {
                return Err(kind.refuse(format!(
                    "expected {TYPE:?} (Rootly action items), found {t:?}"
                )))
            }
            None => return Err(kind.refuse(format!("is missing; expected {TYPE:?}"))),
        }
        let a = d.field("attributes")?;
        a.object()?;
        let status_at = a.field("status")?;
        let status = status_at.text()?.unwrap_or_else(|| "open".into());
        let state = match status.as_str() {
            "open" => SourceState::NotStarted,
            "in_progress" => SourceState::Started,
            "done" => SourceState::Done,
            "cancelled" => SourceState::Cancelled,
            _ => {
                return Err(status_at.refuse(format!(
                    "expected open, in_progress, cancelled or done, found {status:?}"
                )))
            }
        };
        let who = a.field("assigned_to")?;
        let name = match who.field("full_name")?.text_or_empty()? {
            full if !full.is_empty() => full,
            _ => who.field("name")?.text_or_empty()?,
        };
        let person = SourcePerson {
            name,
            email: who.field("email")?.text_or_empty()?,
            login: String::new(),
        };
        let incident = match d
            .field("relationships")?
            .field("incident")?
            .field("data")?
            .field("id")?
            .text()?
        {
            Some(id) if !id.is_empty() => Some(id),
            _ => a.field("incident_id")?.text()?.filter(|id| !id.is_empty()),
        };
        items.push(SourceItem {
            place: d.path.clone(),
            title: a.field("summary")?.required()?,
            description: a.field("description")?.text_or_empty()?,
            state,
            status,
            assignees: (!person.is_empty()).then_some(person).into_iter().collect(),
            due_date: a.field("due_date")?.date()?,
            ticket: a.field("jira_issue_key")?.text_or_empty()?,
            url: a.field("jira_issue_url")?.text_or_empty()?,
            priority: a.field("priority")?.text_or_empty()?,
            incident: incident.map(|key| SourceIncident {
                key,
                name: String::new(),
            }),
            created_at: a.field("created_at")?.instant()?,
        });
    }
    Ok(SourceFile {
        format: SourceFormat::Rootly,
        items,
        left_out: Vec::new(),
    })
}
