//! incident.io follow-ups, as the API v2 lists them (`GET /v2/follow_ups`):
//! `{"follow_ups": [{title, description, status, assignee{name, email}, priority{name, rank},
//! external_issue_reference{issue_name, issue_permalink, provider}, incident_id, created_at,
//! completed_at}]}`. Deleted follow-ups are left out.

use crate::exchange::ImportError;

use super::walk::At;
use super::{SourceFile, SourceFormat, SourceIncident, SourceItem, SourcePerson, SourceState};

pub(super) fn read(root: &At) -> Result<SourceFile, ImportError> {
    let mut items = Vec::new();
    let mut left_out = Vec::new();
    for f in root.field("follow_ups")?.items()? {
        f.object()?;
        let status_at = f.field("status")?;
        let status = status_at.required()?;
        let state = match status.as_str() {
            "outstanding" => SourceState::NotStarted,
            "completed" => SourceState::Done,
            "not_doing" => SourceState::Cancelled,
            "deleted" => {
                left_out.push(format!("{}: deleted in incident.io", f.path));
                continue;
            }
            _ => {
                return Err(status_at.refuse(format!(
                    "expected outstanding, completed, not_doing or deleted, found {status:?}"
                )))
            }
        };
        let assignee = f.field("assignee")?;
        let external = f.field("external_issue_reference")?;
        items.push(SourceItem {
            place: f.path.clone(),
            title: f.field("title")?.required()?,
            description: f.field("description")?.text_or_empty()?,
            state,
            status,
            assignees: person(&assignee)?.into_iter().collect(),
            due_date: None,
            ticket: external.field("issue_name")?.text_or_empty()?,
            url: external.field("issue_permalink")?.text_or_empty()?,
            priority: f.field("priority")?.field("name")?.text_or_empty()?,
            incident: Some(SourceIncident {
                key: f.field("incident_id")?.required()?,
                name: String::new(),
            }),
            created_at: f.field("created_at")?.instant()?,
        });
    }
    Ok(SourceFile {
        format: SourceFormat::IncidentIo,
        items,
        left_out,
    })
}

/// `{name, email}`, or nothing.
fn person(at: &At) -> Result<Option<SourcePerson>, ImportError> {
    let person = SourcePerson {
        name: at.field("name")?.text_or_empty()?,
        email: at.field("email")?.text_or_empty()?,
        login: String::new(),
    };
    Ok((!person.is_empty()).then_some(person))
}
