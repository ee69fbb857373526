//! Hand-off and safety (DOMAIN.md §10): the JSON format of record, importing it safely, and
//! exports for trackers, documents and calendars.
//!
//! # The JSON format of record
//!
//! Two kinds of document, both UTF-8 JSON objects with a `schema_version` (see [`crate::migrate`];
//! a document without one is version 1):
//!
//! - **a workspace**: `{"schema_version": 1, "settings": {…}, "postmortems": [{…}, …]}` — exactly
//!   what the browser stores ([`crate::storage::save_workspace`]); written by
//!   [`export_workspace_json`].
//! - **one post-mortem**: `{"schema_version": 1, "postmortem": {…}}` ([`PostMortemExport`]);
//!   written by [`export_postmortem_json`].
//!
//! Field names are those of DOMAIN.md §1 (the JSON Schema is `public/schema/v1.json`). Exports
//! are pretty-printed with a trailing newline; every string round-trips byte for byte (NUL,
//! emoji, right-to-left text and markup included: text is data, never interpreted).
//!
//! # Importing
//!
//! Nothing changes until the whole file has been read and checked:
//!
//! 1. [`check_size`] on the file's length, *before* reading it: over [`MAX_IMPORT_BYTES`]
//!    (32 MiB) is refused.
//! 2. [`read_import`] parses and checks everything, returning an [`Incoming`] or an
//!    [`ImportError`] whose message names the place, e.g.
//!    `postmortems[2].action_items[0].impact: expected 1–4, found 7`. It tells the two kinds
//!    apart by their top-level key: `postmortem` (one post-mortem) or `postmortems`
//!    (a workspace; an object with neither is an empty workspace). Rules:
//!    - omitted optional fields take their defaults; **unknown fields are ignored** (so a file
//!      from tracker tooling with extra keys imports); a known field given twice in one object
//!      is refused, naming the place (JSON readers disagree on which copy counts);
//!    - a wrong type or value is refused, naming its place;
//!    - nesting deeper than 100 levels ([`MAX_NESTING`]) is refused, never a crash;
//!    - a newer `schema_version` is refused; older ones are migrated;
//!    - **duplicate ids are refused**: two post-mortems with the same `id` in the file, or two
//!      action items with the same `id` in one post-mortem, name the id and both places (items
//!      are matched within their post-mortem, so that is the scope of their ids). A blank id is
//!      refused too. Nothing is guessed about which copy is meant.
//!    - `priority` and `priority_reasons` in the file are ignored and recomputed.
//! 3. [`preview`] compares it with the current workspace: what would be added, updated, left
//!    unchanged, or is in conflict (see [`Preview`] for the exact rule).
//! 4. [`apply`] returns the new workspace ([`Mode::Merge`] or [`Mode::Replace`], and a
//!    [`ConflictRule`]), with every priority recomputed; the caller keeps the old one for undo.
//!
//! # Tracker and document exports
//!
//! For a chosen [`ExportSet`] of items: Jira CSV, Linear CSV, Asana CSV, GitHub issues (REST JSON and a
//! `gh` shell script), a Markdown action table and an iCalendar file. Every exported item
//! carries the labels `incident-action` and its post-mortem id ([`labels`]) and a description
//! that links back to the post-mortem ([`item_description`]). [`ExportFormat`] lists them with
//! each one's label, file name and MIME type, as the views offer them.
//!
//! # A workspace as a folder
//!
//! [`folder`]: one file per post-mortem and one for the settings ([`split`]), read back as one
//! workspace ([`join`]), so a team can keep its post-mortems in git.

pub mod folder;
mod formats;
mod ics;
mod json;
mod merge;
mod trackers;

pub use folder::{join, split, FolderError, Joined};
pub use formats::{workspace_file, ExportFile, ExportFormat, NothingChosen};
pub use ics::{export_ics, ics_escape_text, IcsOptions};
pub(crate) use json::{check_nesting, syntax_error};
pub use json::{
    check_size, export_postmortem_json, export_workspace_json, read_import, DocumentKind,
    ImportError, Incoming, PostMortemExport, MAX_IMPORT_BYTES, MAX_NESTING,
};
pub use merge::{apply, apply_owned, preview, ConflictRule, Entry, IdClash, Mode, Preview};
pub use trackers::{
    defuse_cell, export_asana_csv, export_gh_script, export_github_json, export_jira_csv,
    export_linear_csv, export_markdown_table, export_trello_checklist, item_description,
    jira_priority, labels, linear_priority, postmortem_link, resolve, shell_quote, ExportSet,
    ItemKey, EXPORT_LABEL,
};
