//! `followthrough`: the rules of followthrough-core on the command line, for CI jobs, scheduled
//! reminders and scripts that file tickets. Every command reads a workspace file, a
//! post-mortem file or a folder of them (see `followthrough split`); every rule is the core's,
//! so the answers are the app's. Exit codes: 0 done, 1 something falls short (or could not be
//! sent), 2 a file could not be read or the command cannot be done.

use chrono::{DateTime, Local, NaiveDate, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

use fail::Fail;

/// Writes to standard output. A reader that went away (`followthrough check | head`) ends
/// the command quietly, with 2: the output was not all delivered.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        std::process::exit(2);
    }
}

/// `print!` through [`emit`].
macro_rules! say {
    ($($arg:tt)*) => { $crate::emit(&format!($($arg)*)) };
}

/// `println!` through [`emit`].
macro_rules! sayln {
    ($($arg:tt)*) => { $crate::emit(&format!("{}\n", format!($($arg)*))) };
}

mod check;
mod exchange;
mod fail;
mod folder;
mod followup;
mod import;
mod load;
mod locate;
mod remind;
mod slack;

#[derive(Parser)]
#[command(name = "followthrough", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Plain text, or JSON for scripts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    /// GitHub Actions annotations pointing at the file and the item.
    Github,
}

/// The verdict from which `check` exits with 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Warn,
    Fail,
}

#[derive(Subcommand)]
enum Command {
    /// The five-element check of every item and the post-mortem checks, as the meeting view
    /// shows them. Exit 1 when something falls short, 2 when a file cannot be read.
    Check {
        /// Workspace files, post-mortem files or folders of them. A file in a folder with a
        /// `_workspace.json` is checked with that folder's settings and owners.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        /// `warn`: exit 1 on any warning too; `fail`: only on a failing element.
        #[arg(long, value_enum, default_value = "fail")]
        fail_on: FailOn,
        /// The day deadlines are judged on (YYYY-MM-DD); today by default.
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
    },
    /// The DOMAIN.md §9 metrics, as the dashboard computes them.
    Metrics {
        path: PathBuf,
        /// The days to look at, ending --as-of: 30, 90, 365 or all.
        #[arg(long, default_value = "90", value_parser = followup::parse_window)]
        window: followthrough_core::metrics::WindowChoice,
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// The weekly review agenda (Markdown), as the review view drafts it.
    Agenda {
        path: PathBuf,
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
    },
    /// One nudge per owner, as the review view drafts them.
    Nudges {
        path: PathBuf,
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Posts each owner's nudge and each escalation to Slack, each item at most once per
    /// check-in period (the state is kept beside the workspace). Exit 1 when a message could
    /// not be sent; it is tried again next time.
    Remind(remind::Args),
    /// A tracker, document or calendar file, byte for byte what the app's buttons download.
    Export(exchange::ExportArgs),
    /// Reads a Followthrough file or another tool's export, prints what importing it would
    /// change, and changes the workspace with --apply.
    Import(import::Args),
    /// Writes a workspace as a folder: `_workspace.json` (settings) and one pretty-printed
    /// file per post-mortem.
    Split {
        workspace: PathBuf,
        #[arg(long)]
        dir: PathBuf,
        /// Remove the folder's files of post-mortems the workspace no longer holds.
        #[arg(long)]
        prune: bool,
    },
    /// Puts a folder written by `split` back together as one workspace file.
    Join {
        #[arg(long)]
        dir: PathBuf,
        /// The workspace file to write; standard output by default.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// A calendar day, `YYYY-MM-DD`.
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a date as YYYY-MM-DD, found {text:?}"))
}

/// An instant, RFC 3339 (`2026-05-12T10:00:00Z`).
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            format!("expected an instant as RFC 3339 (2026-05-12T10:00:00Z), found {text:?}")
        })
}

/// The day asked for, else today on this machine's calendar (as the app's "today").
pub fn day_or_today(day: Option<NaiveDate>) -> NaiveDate {
    day.unwrap_or_else(|| Local::now().date_naive())
}

fn run(cli: Cli) -> Result<ExitCode, Fail> {
    match cli.command {
        Command::Check {
            paths,
            format,
            fail_on,
            as_of,
        } => check::run(&paths, format, fail_on, day_or_today(as_of)),
        Command::Metrics {
            path,
            window,
            as_of,
            format,
        } => followup::metrics(&path, window, day_or_today(as_of), format),
        Command::Agenda { path, as_of } => followup::agenda(&path, day_or_today(as_of)),
        Command::Nudges {
            path,
            as_of,
            format,
        } => followup::nudges(&path, day_or_today(as_of), format),
        Command::Remind(args) => remind::run(args),
        Command::Export(args) => exchange::export(args),
        Command::Import(args) => import::run(args),
        Command::Split {
            workspace,
            dir,
            prune,
        } => folder::split(&workspace, &dir, prune),
        Command::Join { dir, output } => folder::join(&dir, output.as_deref()),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(fail) => {
            eprintln!("followthrough: {fail}");
            ExitCode::from(2)
        }
    }
}
