//! `followthrough remind`: today's reminders (the core's `followup::plan_reminders`) posted
//! to Slack, and recorded in a small log beside the workspace so that no item is nudged or
//! escalated twice in one check-in period. A message that could not be sent is not recorded,
//! so the next run tries it again.

use chrono::NaiveDate;
use clap::Args as ClapArgs;
use followthrough_core::followup::{plan_reminders, Reminder, ReminderKind, ReminderLog};
use followthrough_core::validator::Roster;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::exchange::write;
use crate::fail::Fail;
use crate::load::{load_scored, read_text};
use crate::slack::{escape, Recipient, Slack, Target};
use crate::{day_or_today, parse_day};

#[derive(ClapArgs)]
pub struct Args {
    /// A workspace file, a post-mortem file or a folder of them.
    path: PathBuf,
    /// The day of the check (YYYY-MM-DD); today by default.
    #[arg(long, value_parser = parse_day)]
    as_of: Option<NaiveDate>,
    /// A Slack incoming webhook: every message goes to its channel.
    #[arg(long, env = "SLACK_WEBHOOK_URL", hide_env_values = true)]
    slack_webhook: Option<String>,
    /// A Slack bot token (scopes chat:write, users:read, users:read.email): each nudge is a
    /// direct message to its owner, found by e-mail address.
    #[arg(long, env = "SLACK_BOT_TOKEN", hide_env_values = true)]
    slack_token: Option<String>,
    /// Where escalations go with a bot token (a channel id or name); without it, to the
    /// post-mortem's facilitator.
    #[arg(long)]
    escalation_channel: Option<String>,
    /// People and their addresses, one a line ("Ana Silva <ana.silva@corp.example>"), for
    /// owners written by name.
    #[arg(long)]
    people: Option<PathBuf>,
    /// The reminder log; beside the workspace by default (`<name>.reminders.json`).
    #[arg(long)]
    state: Option<PathBuf>,
    /// Print today's reminders; send nothing, record nothing.
    #[arg(long)]
    dry_run: bool,
    /// Slack's Web API address (a stand-in's, in tests).
    #[arg(long, default_value = "https://slack.com/api/")]
    slack_api_base: String,
    /// The longest wait for Slack's rate limit (Retry-After), in seconds.
    #[arg(long, default_value = "60")]
    max_wait: u64,
}

/// The log's default place: `<workspace name>.reminders.json` beside the workspace file or
/// folder (outside the folder, so it never reads as a post-mortem).
fn default_state(path: &Path) -> PathBuf {
    let full = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let name = if full.is_dir() {
        full.file_name()
    } else {
        full.file_stem()
    }
    .map(|n| n.to_string_lossy().into_owned())
    .unwrap_or_else(|| "workspace".into());
    let dir = full.parent().unwrap_or(Path::new("."));
    dir.join(format!("{name}.reminders.json"))
}

/// The log as kept; none yet is an empty one. One that cannot be read is refused and never
/// overwritten.
fn read_log(path: &Path) -> Result<ReminderLog, Fail> {
    if !path.exists() {
        return Ok(ReminderLog::default());
    }
    ReminderLog::read(&read_text(path)?).map_err(|e| {
        Fail::at(
            path,
            format!("not a reminder log ({e}); it is left as it is: move it away to start afresh"),
        )
    })
}

fn read_roster(path: Option<&Path>) -> Result<Vec<String>, Fail> {
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    Ok(read_text(path)?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// The message as Slack shows it: the subject in bold, then the body, user text escaped.
fn slack_text(reminder: &Reminder) -> String {
    format!(
        "*{}*\n{}",
        escape(&reminder.subject),
        escape(reminder.body.trim_end())
    )
}

/// Whom a reminder goes to with a bot token, or why no one.
fn recipient(
    reminder: &Reminder,
    roster: &Roster,
    escalation_channel: Option<&str>,
) -> Result<Recipient, String> {
    match reminder.kind {
        ReminderKind::Nudge => roster
            .address_of(&reminder.owner)
            .map(Recipient::Email)
            .ok_or_else(|| {
                format!(
                    "no e-mail address for {}: write it in the owner, or add them to --people",
                    reminder.owner
                )
            }),
        ReminderKind::Escalation => match escalation_channel {
            Some(channel) => Ok(Recipient::Channel(channel.to_string())),
            None => roster
                .address_of(&reminder.facilitator)
                .map(Recipient::Email)
                .ok_or_else(|| {
                    "no --escalation-channel, and no e-mail address for the post-mortem's \
                     facilitator"
                        .to_string()
                }),
        },
    }
}

fn describe(recipient: &Option<Recipient>, webhook: bool) -> String {
    match (recipient, webhook) {
        (_, true) => "the webhook's channel".into(),
        (Some(Recipient::Channel(c)), _) => format!("channel {c}"),
        (Some(Recipient::Email(e)), _) => e.clone(),
        (None, _) => "no one".into(),
    }
}

fn kind_word(kind: ReminderKind) -> &'static str {
    match kind {
        ReminderKind::Nudge => "Nudge",
        ReminderKind::Escalation => "Escalation",
    }
}

pub fn run(args: Args) -> Result<ExitCode, Fail> {
    let today = day_or_today(args.as_of);
    let workspace = load_scored(&args.path)?.workspace;
    let state = args
        .state
        .clone()
        .unwrap_or_else(|| default_state(&args.path));
    let mut log = read_log(&state)?;
    let roster = Roster::new(&read_roster(args.people.as_deref())?);
    let reminders = plan_reminders(&workspace, today, &log);

    if args.dry_run {
        for reminder in &reminders {
            let to = match (
                &args.slack_token,
                recipient(reminder, &roster, args.escalation_channel.as_deref()),
            ) {
                (Some(_), Ok(r)) => describe(&Some(r), false),
                (Some(_), Err(why)) => format!("no one: {why}"),
                (None, _) if reminder.kind == ReminderKind::Nudge => reminder.owner.clone(),
                (None, _) => "escalations".into(),
            };
            sayln!(
                "{} to {to}\nSubject: {}\n\n{}\n",
                kind_word(reminder.kind),
                reminder.subject,
                reminder.body.trim_end()
            );
        }
        sayln!(
            "{} reminder(s) on {today} (dry run: nothing sent, nothing recorded).",
            reminders.len()
        );
        return Ok(ExitCode::SUCCESS);
    }

    let target = match (args.slack_webhook.clone(), args.slack_token.clone()) {
        (Some(_), Some(_)) => {
            return Err(Fail::new("give --slack-webhook or --slack-token, not both"))
        }
        (Some(url), None) => Target::Webhook(url),
        (None, Some(token)) => Target::Bot {
            token,
            api_base: args.slack_api_base.clone(),
        },
        (None, None) => {
            return Err(Fail::new(
                "give --slack-webhook or --slack-token (or --dry-run to see the reminders)",
            ))
        }
    };
    let mut slack = Slack::new(target, args.max_wait);
    let mut failed = 0;
    for reminder in &reminders {
        let to = if slack.is_webhook() {
            Ok(None)
        } else {
            recipient(reminder, &roster, args.escalation_channel.as_deref()).map(Some)
        };
        let outcome = to
            .clone()
            .and_then(|r| slack.post(r.as_ref(), &slack_text(reminder)));
        let shown = describe(&to.unwrap_or(None), slack.is_webhook());
        match outcome {
            Ok(()) => {
                log.record(reminder, today);
                sayln!("Sent: {} → {shown}", reminder.subject);
            }
            Err(why) => {
                failed += 1;
                eprintln!(
                    "followthrough: not sent: {} → {shown}: {why}",
                    reminder.subject
                );
            }
        }
    }
    log.prune(&workspace);
    write(&state, &log.to_json())?;
    sayln!(
        "{} of {} reminder(s) sent on {today}.",
        reminders.len() - failed,
        reminders.len()
    );
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
