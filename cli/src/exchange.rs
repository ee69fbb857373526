//! `followthrough export`: one post-mortem's file in any format of the core's `ExportFormat`
//! table, byte for byte what the app's button downloads for the same items, app address and
//! moment; or every post-mortem's items in one file.

use chrono::{DateTime, Utc};
use clap::Args;
use followthrough_core::exchange::{ExportFormat, ExportSet};
use followthrough_core::Workspace;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::fail::Fail;
use crate::load::load_scored;
use crate::parse_instant;

#[derive(Args)]
pub struct ExportArgs {
    /// A workspace file, a post-mortem file or a folder of them.
    path: PathBuf,
    /// jira, linear, asana, github, gh, markdown, ics or pm-json.
    #[arg(long, value_parser = parse_format)]
    to: ExportFormat,
    /// The post-mortem to export; every post-mortem's items when left out (one post-mortem's
    /// JSON needs it, unless there is only one).
    #[arg(long)]
    postmortem: Option<String>,
    /// Only these items (repeat it); every item of the post-mortem by default, as in the app.
    #[arg(long = "item")]
    items: Vec<String>,
    /// The app's address, for the links back to post-mortems the app writes
    /// (e.g. https://host/tools/followthrough/); none by default.
    #[arg(long)]
    link_base: Option<String>,
    /// The moment of the export (RFC 3339): the calendar's stamp and first check-in day. Now
    /// by default.
    #[arg(long, value_parser = parse_instant)]
    now: Option<DateTime<Utc>>,
    /// Write to this file; standard output by default.
    #[arg(short, long, conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Write into this folder, under the name the app gives the file.
    #[arg(long)]
    out_dir: Option<PathBuf>,
}

fn parse_format(text: &str) -> Result<ExportFormat, String> {
    ExportFormat::ALL
        .into_iter()
        .find(|f| f.slug() == text.trim())
        .ok_or_else(|| {
            let slugs: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.slug()).collect();
            format!("expected one of {}, found {text:?}", slugs.join(", "))
        })
}

/// The items chosen: those of the post-mortem (or of every post-mortem), narrowed to
/// `only` when given; an id in `only` that matches nothing is refused.
fn chosen(
    ws: &Workspace,
    postmortem: Option<&str>,
    only: &[String],
    link_base: Option<&str>,
) -> Result<ExportSet, Fail> {
    let mut set = ExportSet::new(link_base);
    let postmortems: Vec<_> = match postmortem {
        Some(id) => vec![ws
            .postmortem(id)
            .ok_or_else(|| Fail::new(format!("there is no post-mortem {id:?} here")))?],
        None => ws.postmortems.iter().collect(),
    };
    for pm in &postmortems {
        for item in &pm.action_items {
            if only.is_empty() || only.contains(&item.id) {
                set.push(&pm.id, &item.id);
            }
        }
    }
    for id in only {
        if !set.items.iter().any(|k| &k.item_id == id) {
            return Err(Fail::new(format!(
                "there is no item {id:?} in the chosen post-mortems"
            )));
        }
    }
    Ok(set)
}

pub fn export(args: ExportArgs) -> Result<ExitCode, Fail> {
    let ws = load_scored(&args.path)?.workspace;
    let postmortem = match (&args.postmortem, args.to) {
        (Some(id), _) => Some(id.clone()),
        (None, ExportFormat::PostMortemJson) => match ws.postmortems.as_slice() {
            [only] => Some(only.id.clone()),
            _ => {
                return Err(Fail::new(
                    "pm-json exports one post-mortem: choose it with --postmortem",
                ))
            }
        },
        (None, _) => None,
    };
    let set = chosen(
        &ws,
        postmortem.as_deref(),
        &args.items,
        args.link_base.as_deref(),
    )?;
    let now = args.now.unwrap_or_else(Utc::now);
    let id = postmortem.as_deref().unwrap_or("workspace");
    let file = args
        .to
        .export(&ws, id, &set, now)
        .map_err(|nothing| Fail::new(nothing.message()))?;
    match (&args.output, &args.out_dir) {
        (Some(path), _) => write(path, &file.text)?,
        (None, Some(dir)) => {
            fs::create_dir_all(dir).map_err(|e| Fail::io(dir, "create the folder", &e))?;
            let path = dir.join(&file.name);
            write(&path, &file.text)?;
            eprintln!("Wrote {}", path.display());
        }
        (None, None) => say!("{}", file.text),
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes a whole file: to a temporary file beside it, then renamed over it, so a reader
/// never sees half a file and a failed write leaves the old one as it was.
pub fn write(path: &Path, text: &str) -> Result<(), Fail> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.tmp"));
    fs::write(&temporary, text).map_err(|e| Fail::io(path, "write it", &e))?;
    fs::rename(&temporary, path).map_err(|e| {
        let _ = fs::remove_file(&temporary);
        Fail::io(path, "write it", &e)
    })
}
