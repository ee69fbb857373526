//! The files the app offers for download, as one table: each export format's label, file
//! name, MIME type and renderer ([`ExportFormat`]), and the whole workspace's JSON
//! ([`workspace_file`]). The views list [`ExportFormat::ALL`] and call [`ExportFormat::export`];
//! a new format is a new variant here and its renderer beside the others.

use chrono::{DateTime, NaiveDate, Utc};
use std::fmt;

use super::{
    export_asana_csv, export_gh_script, export_github_json, export_ics, export_jira_csv,
    export_linear_csv, export_markdown_table, export_postmortem_json, export_trello_checklist,
    export_workspace_json, ExportSet, IcsOptions,
};
use crate::model::Workspace;

/// One post-mortem's exports, in the order the view offers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    JiraCsv,
    LinearCsv,
    AsanaCsv,
    GithubJson,
    GhScript,
    MarkdownTable,
    /// One checkbox line per item, to paste into a Trello card's checklist.
    TrelloChecklist,
    Calendar,
    /// The post-mortem itself in the JSON format of record, every item included.
    PostMortemJson,
}

/// A file ready to download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    pub name: String,
    pub mime: &'static str,
    pub text: String,
}

/// A tracker export asked for with no item chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NothingChosen;

impl NothingChosen {
    pub fn message(self) -> &'static str {
        "Choose at least one item to export."
    }
}

impl fmt::Display for NothingChosen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for NothingChosen {}

impl ExportFormat {
    pub const ALL: [ExportFormat; 9] = [
        ExportFormat::JiraCsv,
        ExportFormat::LinearCsv,
        ExportFormat::AsanaCsv,
        ExportFormat::GithubJson,
        ExportFormat::GhScript,
        ExportFormat::MarkdownTable,
        ExportFormat::TrelloChecklist,
        ExportFormat::Calendar,
        ExportFormat::PostMortemJson,
    ];

    /// What to know for the file to land in its tracker, said next to its button.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            ExportFormat::JiraCsv => Some(
                "Jira's CSV importer asks for the date format: give it yyyy-MM-dd \
                 (Java date syntax).",
            ),
            ExportFormat::LinearCsv => Some(
                "Linear's CSV importer ignores the Due Date column: each description \
                 carries “Due: …” instead.",
            ),
            ExportFormat::AsanaCsv => Some(
                "Asana assigns by a member's e-mail: an owner gets the address written in it \
                 or listed under People.",
            ),
            ExportFormat::TrelloChecklist => {
                Some("Paste the lines into a card's checklist: one checklist item each.")
            }
            _ => None,
        }
    }

    /// A short stable name (the view's hooks are `export-<slug>`).
    pub fn slug(self) -> &'static str {
        match self {
            ExportFormat::JiraCsv => "jira",
            ExportFormat::LinearCsv => "linear",
            ExportFormat::AsanaCsv => "asana",
            ExportFormat::GithubJson => "github",
            ExportFormat::GhScript => "gh",
            ExportFormat::MarkdownTable => "markdown",
            ExportFormat::TrelloChecklist => "trello",
            ExportFormat::Calendar => "ics",
            ExportFormat::PostMortemJson => "pm-json",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::JiraCsv => "Jira CSV",
            ExportFormat::LinearCsv => "Linear CSV",
            ExportFormat::AsanaCsv => "Asana CSV",
            ExportFormat::GithubJson => "GitHub issues (JSON)",
            ExportFormat::GhScript => "gh script",
            ExportFormat::MarkdownTable => "Markdown table",
            ExportFormat::TrelloChecklist => "Trello checklist (Markdown)",
            ExportFormat::Calendar => "Calendar (.ics)",
            ExportFormat::PostMortemJson => "This post-mortem (JSON)",
        }
    }

    /// The file's name for the post-mortem `postmortem_id`.
    pub fn file_name(self, postmortem_id: &str) -> String {
        let pm = postmortem_id;
        match self {
            ExportFormat::JiraCsv => format!("{pm}-jira.csv"),
            ExportFormat::LinearCsv => format!("{pm}-linear.csv"),
            ExportFormat::AsanaCsv => format!("{pm}-asana.csv"),
            ExportFormat::GithubJson => format!("{pm}-github-issues.json"),
            ExportFormat::GhScript => format!("{pm}-gh-issues.sh"),
            ExportFormat::MarkdownTable => format!("{pm}-actions.md"),
            ExportFormat::TrelloChecklist => format!("{pm}-trello-checklist.md"),
            ExportFormat::Calendar => format!("{pm}-due-dates.ics"),
            ExportFormat::PostMortemJson => format!("{pm}.json"),
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ExportFormat::JiraCsv | ExportFormat::LinearCsv | ExportFormat::AsanaCsv => "text/csv",
            ExportFormat::GithubJson | ExportFormat::PostMortemJson => "application/json",
            ExportFormat::GhScript => "text/x-shellscript",
            ExportFormat::MarkdownTable | ExportFormat::TrelloChecklist => "text/markdown",
            ExportFormat::Calendar => "text/calendar",
        }
    }

    /// Whether the format exports the chosen items (every format but the post-mortem's JSON,
    /// which is the whole record).
    pub fn needs_items(self) -> bool {
        self != ExportFormat::PostMortemJson
    }

    /// The file's text: the chosen items (`set`) for trackers, documents and calendars, the
    /// whole post-mortem for its JSON (empty if there is no such post-mortem). The calendar
    /// has each chased item's recurring check-ins from `now`'s day, stamped `now`.
    pub fn render(
        self,
        workspace: &Workspace,
        postmortem_id: &str,
        set: &ExportSet,
        now: DateTime<Utc>,
    ) -> String {
        match self {
            ExportFormat::JiraCsv => export_jira_csv(workspace, set),
            ExportFormat::LinearCsv => export_linear_csv(workspace, set),
            ExportFormat::AsanaCsv => export_asana_csv(workspace, set),
            ExportFormat::GithubJson => export_github_json(workspace, set),
            ExportFormat::GhScript => export_gh_script(workspace, set),
            ExportFormat::MarkdownTable => export_markdown_table(workspace, set),
            ExportFormat::TrelloChecklist => export_trello_checklist(workspace, set),
            ExportFormat::Calendar => {
                let options = IcsOptions {
                    today: now.date_naive(),
                    stamp: now,
                    check_ins: true,
                };
                export_ics(workspace, set, &options)
            }
            ExportFormat::PostMortemJson => workspace
                .postmortem(postmortem_id)
                .map(export_postmortem_json)
                .unwrap_or_default(),
        }
    }

    /// The file to download, or [`NothingChosen`] for an item export with no item chosen.
    pub fn export(
        self,
        workspace: &Workspace,
        postmortem_id: &str,
        set: &ExportSet,
        now: DateTime<Utc>,
    ) -> Result<ExportFile, NothingChosen> {
        if self.needs_items() && set.items.is_empty() {
            return Err(NothingChosen);
        }
        Ok(ExportFile {
            name: self.file_name(postmortem_id),
            mime: self.mime(),
            text: self.render(workspace, postmortem_id, set, now),
        })
    }
}

/// The whole workspace in the JSON format of record, named for the day it was saved.
pub fn workspace_file(workspace: &Workspace, today: NaiveDate) -> ExportFile {
    ExportFile {
        name: format!("followthrough-workspace-{today}.json"),
        mime: "application/json",
        text: export_workspace_json(workspace),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionItem, PostMortem};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 12, 10, 0, 0).unwrap()
    }

    fn workspace() -> Workspace {
        Workspace {
            postmortems: vec![PostMortem {
                id: "PM-2026-0001".into(),
                title: "Checkout outage".into(),
                action_items: vec![ActionItem {
                    id: "PM-2026-0001-01".into(),
                    title: "Add an alert on checkout errors above 2%".into(),
                    due_date: chrono::NaiveDate::from_ymd_opt(2026, 5, 26),
                    ..Default::default()
                }],
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn each_format_renders_with_its_own_exporter() {
        let ws = workspace();
        let set = ExportSet::of_postmortem(&ws.postmortems[0], None);
        let options = IcsOptions {
            today: now().date_naive(),
            stamp: now(),
            check_ins: true,
        };
        let expected = [
            export_jira_csv(&ws, &set),
            export_linear_csv(&ws, &set),
            export_asana_csv(&ws, &set),
            export_github_json(&ws, &set),
            export_gh_script(&ws, &set),
            export_markdown_table(&ws, &set),
            export_trello_checklist(&ws, &set),
            export_ics(&ws, &set, &options),
            export_postmortem_json(&ws.postmortems[0]),
        ];
        for (format, expected) in ExportFormat::ALL.into_iter().zip(expected) {
            let file = format.export(&ws, "PM-2026-0001", &set, now()).unwrap();
            assert_eq!(file.text, expected, "{format:?}");
            assert_eq!(file.mime, format.mime());
            assert!(file.name.starts_with("PM-2026-0001"), "{}", file.name);
        }
    }

    #[test]
    fn the_importers_that_need_a_word_get_a_hint_and_the_others_none() {
        let hinted: Vec<(&str, &str)> = ExportFormat::ALL
            .into_iter()
            .filter_map(|f| f.hint().map(|h| (f.slug(), h)))
            .collect();
        let said =
            |slug: &str, words: &str| hinted.iter().any(|(s, h)| *s == slug && h.contains(words));
        assert!(said("jira", "yyyy-MM-dd"), "{hinted:?}");
        assert!(said("linear", "“Due: …”"), "{hinted:?}");
        assert!(said("asana", "People"), "{hinted:?}");
        assert!(said("trello", "checklist"), "{hinted:?}");
        assert_eq!(hinted.len(), 4, "{hinted:?}");
    }

    #[test]
    fn names_and_types_of_the_files() {
        let names: Vec<(String, &str)> = ExportFormat::ALL
            .into_iter()
            .map(|f| (f.file_name("PM-1"), f.mime()))
            .collect();
        assert_eq!(
            names,
            [
                ("PM-1-jira.csv".to_string(), "text/csv"),
                ("PM-1-linear.csv".to_string(), "text/csv"),
                ("PM-1-asana.csv".to_string(), "text/csv"),
                ("PM-1-github-issues.json".to_string(), "application/json"),
                ("PM-1-gh-issues.sh".to_string(), "text/x-shellscript"),
                ("PM-1-actions.md".to_string(), "text/markdown"),
                ("PM-1-trello-checklist.md".to_string(), "text/markdown"),
                ("PM-1-due-dates.ics".to_string(), "text/calendar"),
                ("PM-1.json".to_string(), "application/json"),
            ]
        );
        let slugs: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.slug()).collect();
        assert_eq!(
            slugs,
            ["jira", "linear", "asana", "github", "gh", "markdown", "trello", "ics", "pm-json"]
        );
        let file = workspace_file(&workspace(), now().date_naive());
        assert_eq!(file.name, "followthrough-workspace-2026-05-12.json");
        assert_eq!(file.text, export_workspace_json(&workspace()));
    }

    #[test]
    fn item_exports_need_a_chosen_item_and_the_postmortem_json_does_not() {
        let ws = workspace();
        let none = ExportSet::new(None);
        for format in ExportFormat::ALL {
            let result = format.export(&ws, "PM-2026-0001", &none, now());
            if format == ExportFormat::PostMortemJson {
                assert!(result.unwrap().text.contains("Checkout outage"));
            } else {
                assert_eq!(result, Err(NothingChosen), "{format:?}");
            }
        }
        assert_eq!(
            NothingChosen.to_string(),
            "Choose at least one item to export."
        );
        // An unknown post-mortem exports nothing rather than failing.
        let file = ExportFormat::PostMortemJson
            .export(&ws, "PM-0000-0000", &none, now())
            .unwrap();
        assert_eq!(file.text, "");
    }
}
