//! The questions the post-mortem list and the portfolio ask of a workspace: which post-mortems
//! or items match the chosen filters, in which groups and in which order. The views hold only
//! the chosen values; every rule of matching, grouping and sorting is here.
//!
//! - The list ([`postmortem_ids`]): by status, severity and a search of title, incident ref
//!   and id; newest or oldest first by incident date, else creation day ([`list_date`]).
//! - The portfolio ([`ItemFilter`], [`group_rows`]): every item of every post-mortem, filtered
//!   by owner (as the capacity check counts owners: case and spacing do not matter), team, tag
//!   (any case), priority, status, category, overdue, open, and a search of title, id and
//!   ticket; grouped by post-mortem, owner, team or theme (tag), open items first, then by
//!   priority, due date and id.

use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

use crate::followup::days_overdue;
use crate::model::{
    ActionItem, Category, ItemStatus, PostMortem, PostMortemStatus, Priority, Severity, Workspace,
};
use crate::validator::owner_key;

/// The day a post-mortem is listed under: its incident date, else the day it was created.
pub fn list_date(pm: &PostMortem) -> Option<NaiveDate> {
    pm.incident_date.or(pm.created_at.map(|t| t.date_naive()))
}

/// Newest first or oldest first, by [`list_date`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ListOrder {
    #[default]
    Newest,
    Oldest,
}

impl ListOrder {
    /// The value of the list's sort control: `oldest`, else newest.
    pub fn parse(value: &str) -> ListOrder {
        if value == "oldest" {
            ListOrder::Oldest
        } else {
            ListOrder::Newest
        }
    }
}

/// The post-mortem list's filters; `None` and empty text match everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PostMortemFilter {
    pub status: Option<PostMortemStatus>,
    pub severity: Option<Severity>,
    /// Searched for in the title, incident ref and id, in any case.
    pub text: String,
}

impl PostMortemFilter {
    pub fn matches(&self, pm: &PostMortem) -> bool {
        let text = self.text.trim().to_lowercase();
        self.status.is_none_or(|s| pm.status == s)
            && self.severity.is_none_or(|s| pm.severity == s)
            && (text.is_empty()
                || [&pm.title, &pm.incident_ref, &pm.id]
                    .iter()
                    .any(|field| field.to_lowercase().contains(&text)))
    }
}

/// The ids of the post-mortems that match, in `order`; post-mortems with the same date by id
/// (in the same direction).
pub fn postmortem_ids(
    workspace: &Workspace,
    filter: &PostMortemFilter,
    order: ListOrder,
) -> Vec<String> {
    let mut rows: Vec<_> = workspace
        .postmortems
        .iter()
        .filter(|pm| filter.matches(pm))
        .map(|pm| (list_date(pm), pm.id.clone()))
        .collect();
    // Rows equal in the sort are equal in full: unstable is the same order.
    crate::order::sort(&mut rows);
    if order == ListOrder::Newest {
        rows.reverse();
    }
    rows.into_iter().map(|(_, id)| id).collect()
}

/// One row of the portfolio: an item, the post-mortem it belongs to, and how many days it is
/// overdue on the day the rows were made.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemRow {
    pub pm_id: String,
    pub pm_title: String,
    pub item: ActionItem,
    pub overdue: Option<i64>,
}

impl ItemRow {
    pub fn new(pm: &PostMortem, item: &ActionItem, today: NaiveDate) -> ItemRow {
        ItemRow {
            pm_id: pm.id.clone(),
            pm_title: pm.title.clone(),
            item: item.clone(),
            overdue: days_overdue(item, today),
        }
    }
}

/// Every item of the workspace as a row, in the workspace's order.
pub fn item_rows(workspace: &Workspace, today: NaiveDate) -> Vec<ItemRow> {
    workspace
        .items()
        .map(|(pm, item)| ItemRow::new(pm, item, today))
        .collect()
}

/// The portfolio's filters; empty text, `None` and `false` match everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ItemFilter {
    /// One owner, as the capacity check tells owners apart.
    pub owner: String,
    /// One team, in any case.
    pub team: String,
    pub priority: Option<Priority>,
    pub status: Option<ItemStatus>,
    pub category: Option<Category>,
    /// One tag, in any case.
    pub tag: String,
    pub overdue_only: bool,
    pub open_only: bool,
    /// Searched for in the title, id and tracking ticket, in any case.
    pub text: String,
}

impl ItemFilter {
    pub fn matches(&self, row: &ItemRow) -> bool {
        let item = &row.item;
        let text = self.text.trim().to_lowercase();
        let tag = self.tag.trim();
        (self.owner.is_empty() || owner_key(&item.owner) == owner_key(&self.owner))
            && (self.team.is_empty() || item.team.trim().eq_ignore_ascii_case(self.team.trim()))
            && self.priority.is_none_or(|p| item.priority == p)
            && self.status.is_none_or(|s| item.status == s)
            && self.category.is_none_or(|c| item.category == Some(c))
            && (tag.is_empty() || item.tags.iter().any(|t| t.trim().eq_ignore_ascii_case(tag)))
            && (!self.overdue_only || row.overdue.is_some())
            && (!self.open_only || item.is_open())
            && (text.is_empty()
                || [&item.title, &item.id, &item.tracking_ticket]
                    .iter()
                    .any(|field| field.to_lowercase().contains(&text)))
    }

    /// The rows that match, in their order.
    pub fn apply(&self, rows: &[ItemRow]) -> Vec<ItemRow> {
        rows.iter().filter(|r| self.matches(r)).cloned().collect()
    }
}

/// What the portfolio's team and tag filters offer: every team (trimmed) and every tag
/// (trimmed, lowercase) the rows use, sorted, once each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterChoices {
    pub teams: Vec<String>,
    pub tags: Vec<String>,
}

pub fn filter_choices(rows: &[ItemRow]) -> FilterChoices {
    let mut teams = BTreeSet::new();
    let mut tags = BTreeSet::new();
    for row in rows {
        let team = row.item.team.trim();
        if !team.is_empty() {
            teams.insert(team.to_string());
        }
        for tag in &row.item.tags {
            if !tag.trim().is_empty() {
                tags.insert(tag.trim().to_lowercase());
            }
        }
    }
    FilterChoices {
        teams: teams.into_iter().collect(),
        tags: tags.into_iter().collect(),
    }
}

/// How the portfolio groups its rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GroupBy {
    #[default]
    None,
    PostMortem,
    Owner,
    Team,
    Theme,
}

impl GroupBy {
    pub const ALL: [GroupBy; 5] = [
        GroupBy::None,
        GroupBy::PostMortem,
        GroupBy::Owner,
        GroupBy::Team,
        GroupBy::Theme,
    ];

    /// The value of the group-by control.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::None => "none",
            GroupBy::PostMortem => "postmortem",
            GroupBy::Owner => "owner",
            GroupBy::Team => "team",
            GroupBy::Theme => "theme",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            GroupBy::None => "No grouping",
            GroupBy::PostMortem => "Post-mortem",
            GroupBy::Owner => "Owner",
            GroupBy::Team => "Team",
            GroupBy::Theme => "Theme (tag)",
        }
    }

    /// The grouping a control value names; no grouping for anything else.
    pub fn parse(value: &str) -> GroupBy {
        GroupBy::ALL
            .into_iter()
            .find(|g| g.as_str() == value)
            .unwrap_or(GroupBy::None)
    }

    /// The groups a row belongs to: one, but a row with several tags is under each of its
    /// themes. No grouping is one group named "".
    pub fn keys(self, row: &ItemRow) -> Vec<String> {
        let or_none = |text: &str, none: &str| match text.trim() {
            "" => none.to_string(),
            t => t.to_string(),
        };
        match self {
            GroupBy::None => vec![String::new()],
            GroupBy::PostMortem => vec![format!("{} — {}", row.pm_id, row.pm_title)],
            GroupBy::Owner => vec![or_none(&row.item.owner, "(no owner)")],
            GroupBy::Team => vec![or_none(&row.item.team, "(no team)")],
            GroupBy::Theme => {
                let tags: BTreeSet<String> = row
                    .item
                    .tags
                    .iter()
                    .map(|t| t.trim().to_lowercase())
                    .filter(|t| !t.is_empty())
                    .collect();
                if tags.is_empty() {
                    vec!["(no theme)".into()]
                } else {
                    tags.into_iter().collect()
                }
            }
        }
    }
}

/// The rows in their groups, groups by name; within a group open items first, then by
/// priority, due date and id.
pub fn group_rows(rows: &[ItemRow], by: GroupBy) -> Vec<(String, Vec<ItemRow>)> {
    let mut groups: BTreeMap<String, Vec<ItemRow>> = BTreeMap::new();
    for row in rows {
        for key in by.keys(row) {
            groups.entry(key).or_default().push(row.clone());
        }
    }
    for rows in groups.values_mut() {
        crate::order::sort_by(rows, |a, b| portfolio_order(a).cmp(&portfolio_order(b)));
    }
    groups.into_iter().collect()
}

/// Open items first, then by priority, due date and id.
fn portfolio_order(row: &ItemRow) -> (bool, Priority, Option<NaiveDate>, &str) {
    let item = &row.item;
    (
        item.status == ItemStatus::Closed,
        item.priority,
        item.due_date,
        &item.id,
    )
}

#[cfg(test)]
mod tests;
