//! `followthrough check`: every item's five elements and every post-mortem's checks
//! (`postmortem_checks::check_workspace`), reported per file as text, JSON or GitHub Actions
//! annotations.

use chrono::NaiveDate;
use followthrough_core::postmortem_checks::{check_workspace, FindingLevel, PostMortemReport};
use followthrough_core::validator::Verdict;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::fail::Fail;
use crate::load::{enclosing_folder, load_folder, load_scored, Loaded};
use crate::locate::{id_line, item_line, message_line};
use crate::{CheckFormat, FailOn};

/// One post-mortem's report and the lines of it and its items in their file.
struct Located {
    report: PostMortemReport,
    line: Option<usize>,
    item_lines: Vec<Option<usize>>,
}

/// The post-mortems of one file.
struct CheckedFile {
    path: PathBuf,
    postmortems: Vec<Located>,
}

fn locate(loaded: &Loaded, report: PostMortemReport, origin: &Path) -> Located {
    let text = loaded.texts.get(origin).map(String::as_str).unwrap_or("");
    let line = id_line(text, &report.postmortem_id, 0).map(|(line, _)| line);
    let item_lines = report
        .items
        .iter()
        .map(|i| item_line(text, &report.postmortem_id, &i.item_id))
        .collect();
    Located {
        report,
        line,
        item_lines,
    }
}

/// The files a path stands for, checked: each file of a folder, or the file itself (with its
/// folder's settings and owners when it is in one written by `split`).
fn check_path(path: &Path, today: NaiveDate) -> Result<Vec<CheckedFile>, Fail> {
    let (loaded, only) = match enclosing_folder(path) {
        Some(dir) => {
            let mut loaded = load_folder(&dir)?;
            followthrough_core::scoring::rescore_workspace(&mut loaded.workspace);
            (loaded, path.file_name().map(|n| n.to_os_string()))
        }
        None => (load_scored(path)?, None),
    };
    let reports = check_workspace(&loaded.workspace, today);
    let mut files: Vec<CheckedFile> = Vec::new();
    for (report, origin) in reports.into_iter().zip(&loaded.origins) {
        if only
            .as_ref()
            .is_some_and(|name| origin.file_name() != Some(name))
        {
            continue;
        }
        // A folder's post-mortems are shown at their own files, a file's at the path given.
        let shown = if path.is_dir() {
            origin.clone()
        } else {
            path.to_path_buf()
        };
        let located = locate(&loaded, report, origin);
        match files.iter_mut().find(|f| f.path == shown) {
            Some(file) => file.postmortems.push(located),
            None => files.push(CheckedFile {
                path: shown,
                postmortems: vec![located],
            }),
        }
    }
    if files.is_empty() && !path.is_dir() {
        files.push(CheckedFile {
            path: path.to_path_buf(),
            postmortems: Vec::new(),
        });
    }
    Ok(files)
}

fn falls_short(report: &PostMortemReport, fail_on: FailOn) -> bool {
    match fail_on {
        FailOn::Fail => report
            .items
            .iter()
            .any(|i| i.validation.worst() == Verdict::Fail),
        FailOn::Warn => report.worst() >= Verdict::Warn,
    }
}

#[derive(Default)]
struct Tally {
    files: usize,
    postmortems: usize,
    items: usize,
    ready: usize,
    warn: usize,
    fail: usize,
    unreadable: usize,
}

impl Tally {
    fn add(&mut self, file: &CheckedFile) {
        self.files += 1;
        for pm in &file.postmortems {
            self.postmortems += 1;
            for item in &pm.report.items {
                self.items += 1;
                match item.validation.worst() {
                    Verdict::Pass => self.ready += 1,
                    Verdict::Warn => self.warn += 1,
                    Verdict::Fail => self.fail += 1,
                }
            }
        }
    }

    fn sentence(&self) -> String {
        let mut text = format!(
            "Checked {} and {} in {}: {} ready, {} with warnings, {} failing.",
            count(self.postmortems, "post-mortem", "post-mortems"),
            count(self.items, "item", "items"),
            count(self.files, "file", "files"),
            self.ready,
            self.warn,
            self.fail
        );
        if self.unreadable > 0 {
            text.push_str(&format!(
                " {} could not be read.",
                count(self.unreadable, "file", "files")
            ));
        }
        text
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn run(
    paths: &[PathBuf],
    format: CheckFormat,
    fail_on: FailOn,
    today: NaiveDate,
) -> Result<ExitCode, Fail> {
    let mut tally = Tally::default();
    let mut short = false;
    let mut json_files = Vec::new();
    let mut json_errors = Vec::new();
    for path in paths {
        match check_path(path, today) {
            Ok(files) => {
                for file in files {
                    tally.add(&file);
                    short |= file
                        .postmortems
                        .iter()
                        .any(|p| falls_short(&p.report, fail_on));
                    match format {
                        CheckFormat::Text => say!("{}", text_file(&file)),
                        CheckFormat::Github => say!("{}", github_file(&file)),
                        CheckFormat::Json => json_files.push(json_file(&file)),
                    }
                }
            }
            Err(fail) => {
                tally.unreadable += 1;
                let line = message_line(&fail.message);
                match format {
                    CheckFormat::Text => eprintln!("followthrough: {fail}"),
                    CheckFormat::Github => {
                        eprintln!("followthrough: {fail}");
                        let file = fail.path.as_deref().unwrap_or(path);
                        sayln!(
                            "::error {}::{}",
                            properties(file, line, "Not read"),
                            data(&fail.message)
                        );
                    }
                    CheckFormat::Json => {
                        eprintln!("followthrough: {fail}");
                        json_errors.push(json!({
                            "path": fail.path.as_deref().unwrap_or(path).display().to_string(),
                            "message": fail.message,
                            "line": line,
                        }));
                    }
                }
            }
        }
    }
    let code = if tally.unreadable > 0 {
        2
    } else if short {
        1
    } else {
        0
    };
    match format {
        CheckFormat::Json => {
            let document = json!({
                "files": json_files,
                "errors": json_errors,
                "summary": {
                    "files": tally.files,
                    "postmortems": tally.postmortems,
                    "items": tally.items,
                    "ready": tally.ready,
                    "warn": tally.warn,
                    "fail": tally.fail,
                    "unreadable": tally.unreadable,
                },
                "passed": code == 0,
            });
            sayln!("{}", pretty(&document));
        }
        CheckFormat::Text | CheckFormat::Github => sayln!("{}", tally.sentence()),
    }
    Ok(ExitCode::from(code))
}

pub fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

fn verdict_word(verdict: Verdict) -> &'static str {
    verdict.as_str()
}

fn level_word(level: FindingLevel) -> &'static str {
    match level {
        FindingLevel::Info => "info",
        FindingLevel::Warn => "warn",
        FindingLevel::Strong => "warn!",
    }
}

fn text_file(file: &CheckedFile) -> String {
    let mut out = format!("{}\n", file.path.display());
    if file.postmortems.is_empty() {
        out.push_str("  no post-mortems\n");
    }
    for pm in &file.postmortems {
        let r = &pm.report;
        out.push_str(&format!(
            "  {} “{}”: {}\n",
            r.postmortem_id,
            r.title,
            verdict_word(r.worst())
        ));
        for finding in &r.findings {
            out.push_str(&format!(
                "    {:<5} {}\n",
                level_word(finding.level),
                finding.message
            ));
        }
        for (item, line) in r.items.iter().zip(&pm.item_lines) {
            if item.validation.is_ready() {
                continue;
            }
            let at = line.map(|l| format!(" (line {l})")).unwrap_or_default();
            out.push_str(&format!("    {} “{}”{at}\n", item.item_id, item.title));
            for (element, check) in item.validation.checks() {
                if check.is_pass() {
                    continue;
                }
                out.push_str(&format!(
                    "      {:<5} {}: {}\n",
                    verdict_word(check.verdict),
                    element.label(),
                    check.message
                ));
                if let Some(better) = &check.suggestion {
                    out.push_str(&format!("            Try: {better}\n"));
                }
            }
        }
    }
    out
}

fn json_file(file: &CheckedFile) -> Value {
    let postmortems: Vec<Value> = file
        .postmortems
        .iter()
        .map(|pm| {
            let r = &pm.report;
            let items: Vec<Value> = r
                .items
                .iter()
                .zip(&pm.item_lines)
                .map(|(item, line)| {
                    json!({
                        "id": item.item_id,
                        "title": item.title,
                        "line": line,
                        "verdict": item.validation.worst(),
                        "ready": item.validation.is_ready(),
                        "checks": item.validation,
                    })
                })
                .collect();
            json!({
                "id": r.postmortem_id,
                "title": r.title,
                "line": pm.line,
                "verdict": r.worst(),
                "findings": r.findings,
                "items": items,
            })
        })
        .collect();
    json!({ "path": file.path.display().to_string(), "postmortems": postmortems })
}

/// A GitHub workflow command's message: `%`, CR and LF escaped.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command property value: also `:` and `,` escaped.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

fn properties(file: &Path, line: Option<usize>, title: &str) -> String {
    let mut out = format!("file={}", property(&file.display().to_string()));
    if let Some(line) = line {
        out.push_str(&format!(",line={line}"));
    }
    out.push_str(&format!(",title={}", property(title)));
    out
}

fn github_file(file: &CheckedFile) -> String {
    let mut out = String::new();
    for pm in &file.postmortems {
        let r = &pm.report;
        for finding in &r.findings {
            let command = match finding.level {
                FindingLevel::Info => "notice",
                FindingLevel::Warn | FindingLevel::Strong => "warning",
            };
            out.push_str(&format!(
                "::{command} {}::{}\n",
                properties(&file.path, pm.line, &r.postmortem_id),
                data(&finding.message)
            ));
        }
        for (item, line) in r.items.iter().zip(&pm.item_lines) {
            for (element, check) in item.validation.checks() {
                let command = match check.verdict {
                    Verdict::Pass => continue,
                    Verdict::Warn => "warning",
                    Verdict::Fail => "error",
                };
                let mut message = check.message.clone();
                if let Some(better) = &check.suggestion {
                    message.push_str(&format!("\nTry: {better}"));
                }
                let title = format!("{} {}", item.item_id, element.label());
                out.push_str(&format!(
                    "::{command} {}::{}\n",
                    properties(&file.path, line.or(pm.line), &title),
                    data(&message)
                ));
            }
        }
    }
    out
}
