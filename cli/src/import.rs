//! `followthrough import`: a Followthrough file (merged or replacing, as the app's Import
//! does) or another tool's export (statuses back, follow-ups in: the core's intake), shown
//! first and applied only with `--apply`. Nothing is written unless the whole file was read
//! and checked.

use chrono::{DateTime, Utc};
use clap::Args as ClapArgs;
use followthrough_core::exchange::{
    apply_owned, export_workspace_json, preview, ConflictRule, DocumentKind, Entry, Incoming, Mode,
    Preview,
};
use followthrough_core::intake::{
    add_new_items, apply_changes, plan_new_items, read_any, reconcile, NewItems, Reading,
    Reconciliation, SourceFile, Target,
};
use followthrough_core::Workspace;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::check::pretty;
use crate::exchange::write;
use crate::fail::Fail;
use crate::folder::{write_folder, written_sentence};
use crate::load::{load_scored, read_text};
use crate::{parse_instant, Format};

#[derive(ClapArgs)]
pub struct Args {
    /// A Followthrough JSON file, or an export of incident.io, Rootly, Dispatch, Jira (JSON or
    /// CSV), `gh issue list --json` or Linear (CSV).
    source: PathBuf,
    /// The workspace to import into: a workspace file or a folder (created when missing).
    #[arg(long)]
    into: PathBuf,
    /// Change the workspace; without it, only the preview is printed.
    #[arg(long)]
    apply: bool,
    /// A Followthrough file replaces what it holds, rather than being merged.
    #[arg(long)]
    replace: bool,
    /// When merging, conflicts take the file's copy (the workspace's is kept by default).
    #[arg(long)]
    take_file: bool,
    /// New items from another tool go to this post-mortem; by default, to the post-mortem of
    /// their incident (a new one when there is none).
    #[arg(long)]
    postmortem: Option<String>,
    /// Leave the new items out: only statuses, owners and dates come back.
    #[arg(long)]
    no_new_items: bool,
    /// The moment of the changes (RFC 3339), in their history; now by default.
    #[arg(long, value_parser = parse_instant)]
    now: Option<DateTime<Utc>>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// The workspace imported into: read when it exists, else empty.
fn current(into: &Path) -> Result<Workspace, Fail> {
    if into.exists() {
        Ok(load_scored(into)?.workspace)
    } else {
        Ok(Workspace::default())
    }
}

/// Writes the workspace back where it was read from (a folder stays a folder).
fn save(into: &Path, workspace: &Workspace) -> Result<(), Fail> {
    let folder = into.is_dir() || (!into.exists() && into.to_string_lossy().ends_with('/'));
    if folder {
        let written = write_folder(into, workspace, true)?;
        eprintln!("{}", written_sentence(into, &written));
    } else {
        write(into, &export_workspace_json(workspace))?;
        eprintln!("Wrote {}", into.display());
    }
    Ok(())
}

pub fn run(args: Args) -> Result<ExitCode, Fail> {
    let text = read_text(&args.source)?;
    let reading = read_any(&text).map_err(|e| Fail::at(&args.source, e))?;
    let workspace = current(&args.into)?;
    let now = args.now.unwrap_or_else(Utc::now);
    let next = match reading {
        Reading::Exchange(incoming) => exchange(&args, &workspace, *incoming)?,
        Reading::Source(file) => source(&args, &workspace, &file, now)?,
    };
    if let Some(next) = next {
        save(&args.into, &next)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn entry_line(entry: &Entry) -> String {
    let id = entry.item_id.as_deref().unwrap_or(&entry.postmortem_id);
    let fields = if entry.fields.is_empty() {
        String::new()
    } else {
        format!(" ({})", entry.fields.join(", "))
    };
    format!("  {id} {}{fields}\n", entry.title)
}

fn entry_list(out: &mut String, title: &str, entries: &[Entry]) {
    if entries.is_empty() {
        return;
    }
    out.push_str(&format!("{title}: {}\n", entries.len()));
    for entry in entries {
        out.push_str(&entry_line(entry));
    }
}

/// The preview of a Followthrough file, in the words of the app's import dialog.
fn exchange_preview(name: &Path, incoming: &Incoming, p: &Preview) -> String {
    let document = match incoming.kind {
        DocumentKind::Workspace => "workspace",
        DocumentKind::PostMortem => "post-mortem",
    };
    let mut out = format!(
        "{}: a {document} with {} post-mortem(s) and {} item(s). Nothing has changed yet.\n",
        name.display(),
        incoming.postmortems().len(),
        incoming.item_count()
    );
    out.push_str(&format!("{}\n", p.summary()));
    entry_list(&mut out, "Added", &p.added);
    entry_list(&mut out, "Updated (the file's copy is newer)", &p.updated);
    entry_list(
        &mut out,
        "Conflicting (both may have changed)",
        &p.conflicting,
    );
    if !p.only_in_workspace.is_empty() {
        out.push_str(&format!(
            "Only in the workspace: {} (kept when merging, removed with --replace)\n",
            p.only_in_workspace.len()
        ));
    }
    if p.settings_differ {
        out.push_str(
            "The file's settings differ from the workspace's (kept when merging, taken with \
             --replace).\n",
        );
    }
    for clash in &p.id_clashes {
        out.push_str(&format!("Refused: {}\n", clash.message()));
    }
    out
}

fn exchange(
    args: &Args,
    workspace: &Workspace,
    incoming: Incoming,
) -> Result<Option<Workspace>, Fail> {
    let p = preview(workspace, &incoming);
    match args.format {
        Format::Json => sayln!(
            "{}",
            pretty(&json!({ "document": "followthrough", "preview": p }))
        ),
        Format::Text => say!("{}", exchange_preview(&args.source, &incoming, &p)),
    }
    if !args.apply {
        return Ok(None);
    }
    let mode = if args.replace {
        Mode::Replace
    } else {
        Mode::Merge
    };
    let rule = if args.take_file {
        ConflictRule::TakeFile
    } else {
        ConflictRule::KeepWorkspace
    };
    // The app's Import button stays disabled while the preview refuses; so does --apply.
    let refusal = p.refusal(mode);
    if !refusal.is_empty() {
        return Err(Fail::at(
            &args.source,
            format!("not imported, nothing changed: {}", refusal.join("; ")),
        ));
    }
    Ok(Some(apply_owned(workspace, incoming, mode, rule)))
}

fn source_preview(name: &Path, file: &SourceFile, r: &Reconciliation, new: &NewItems) -> String {
    let mut out = format!(
        "{}: {}, {} item(s). Nothing has changed yet.\n",
        name.display(),
        file.format.label(),
        file.items.len()
    );
    if file.format.is_tracker() {
        out.push_str(&format!("Tracked here: {}\n", r.matched));
    }
    if !r.changes.is_empty() {
        out.push_str(&format!("Changes: {}\n", r.changes.len()));
        for c in &r.changes {
            out.push_str(&format!(
                "  {} {} ({}): {} “{}” → “{}” ({})\n",
                c.item_id,
                c.title,
                c.ticket,
                c.field.as_str(),
                c.from,
                c.to,
                c.note
            ));
        }
    }
    if !r.unmoved.is_empty() {
        out.push_str(&format!("Cannot move: {}\n", r.unmoved.len()));
        for u in &r.unmoved {
            out.push_str(&format!(
                "  {} {} ({}): {} here, “{}” there: {}\n",
                u.item.item_id,
                u.item.title,
                u.item.ticket,
                u.status.as_str(),
                u.tracker_status,
                u.reason
            ));
        }
    }
    if !r.missing.is_empty() {
        out.push_str(&format!(
            "Open here, not in the file: {}\n",
            r.missing.len()
        ));
        for m in &r.missing {
            out.push_str(&format!("  {} {} ({})\n", m.item_id, m.title, m.ticket));
        }
    }
    let entries = new.entries();
    if !entries.is_empty() {
        out.push_str(&format!("New: {} item(s)\n", new.item_count()));
        for entry in &entries {
            match &entry.item_id {
                Some(_) => out.push_str(&entry_line(entry)),
                None => out.push_str(&format!(
                    "  new post-mortem {} {}\n",
                    entry.postmortem_id, entry.title
                )),
            }
        }
    }
    if !new.already_here.is_empty() {
        out.push_str(&format!("Already here: {}\n", new.already_here.len()));
        for a in &new.already_here {
            out.push_str(&format!("  {} {} is {}\n", a.place, a.title, a.item_id));
        }
    }
    if !file.left_out.is_empty() {
        out.push_str(&format!("Left out: {}\n", file.left_out.len()));
        for why in &file.left_out {
            out.push_str(&format!("  {why}\n"));
        }
    }
    out
}

fn source(
    args: &Args,
    workspace: &Workspace,
    file: &SourceFile,
    now: DateTime<Utc>,
) -> Result<Option<Workspace>, Fail> {
    let r = reconcile(workspace, file, now);
    let candidates: Vec<_> = if args.no_new_items {
        Vec::new()
    } else if file.format.is_tracker() {
        r.unknown
            .iter()
            .filter_map(|&i| file.items.get(i))
            .collect()
    } else {
        file.items.iter().collect()
    };
    let target = match &args.postmortem {
        Some(id) => Target::PostMortem(id.clone()),
        None => Target::PerIncident,
    };
    let new = plan_new_items(workspace, file.format, candidates, &target, now)
        .map_err(|e| Fail::new(e.to_string()))?;
    match args.format {
        Format::Json => sayln!(
            "{}",
            pretty(&json!({
                "document": file.format,
                "reconciliation": r,
                "new_items": new,
                "left_out": file.left_out,
            }))
        ),
        Format::Text => say!("{}", source_preview(&args.source, file, &r, &new)),
    }
    if !args.apply {
        return Ok(None);
    }
    let applied = apply_changes(workspace, &r.changes, now);
    for refused in &applied.refused {
        eprintln!(
            "followthrough: {} {}: not changed: {}",
            refused.item_id,
            refused.field.as_str(),
            refused.reason
        );
    }
    Ok(Some(add_new_items(&applied.workspace, new)))
}
