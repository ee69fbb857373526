//! Every check of a workspace at once, for tooling that checks files rather than one item as
//! it is typed (the command line's `check`): the five elements of each item (§5) and the
//! post-mortem checks of each post-mortem (§6), as the meeting view shows them.

use chrono::NaiveDate;
use serde::Serialize;

use super::{check_postmortem_counted, Finding, FindingLevel};
use crate::model::Workspace;
use crate::validator::{open_items_by_owner, validate, Validation, ValidationContext, Verdict};

/// One item's five elements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemReport {
    pub item_id: String,
    pub title: String,
    pub validation: Validation,
}

/// One post-mortem's checks and its items'.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PostMortemReport {
    pub postmortem_id: String,
    pub title: String,
    pub findings: Vec<Finding>,
    pub items: Vec<ItemReport>,
}

/// How a finding counts against a post-mortem: information passes, every warning (strong or
/// not) warns; findings never fail, the items' elements do.
pub fn finding_verdict(level: FindingLevel) -> Verdict {
    match level {
        FindingLevel::Info => Verdict::Pass,
        FindingLevel::Warn | FindingLevel::Strong => Verdict::Warn,
    }
}

impl PostMortemReport {
    /// The worst verdict of its items' elements and its findings.
    pub fn worst(&self) -> Verdict {
        let items = self.items.iter().map(|i| i.validation.worst());
        let findings = self.findings.iter().map(|f| finding_verdict(f.level));
        items.chain(findings).max().unwrap_or(Verdict::Pass)
    }
}

/// Checks every post-mortem of `workspace` on `today`, with its settings and every owner's
/// open items across it, as the meeting view does. Items are judged at their `priority`:
/// rescore a workspace read from a file first ([`crate::scoring::rescore_workspace`]).
pub fn check_workspace(workspace: &Workspace, today: NaiveDate) -> Vec<PostMortemReport> {
    let settings = &workspace.settings;
    let open = open_items_by_owner(workspace);
    workspace
        .postmortems
        .iter()
        .map(|pm| PostMortemReport {
            postmortem_id: pm.id.clone(),
            title: pm.title.clone(),
            findings: check_postmortem_counted(pm, &open, settings),
            items: pm
                .action_items
                .iter()
                .map(|item| {
                    let ctx =
                        ValidationContext::for_item(item, item.priority, &open, today, settings);
                    ItemReport {
                        item_id: item.id.clone(),
                        title: item.title.clone(),
                        validation: validate(item, &ctx),
                    }
                })
                .collect(),
        })
        .collect()
}
