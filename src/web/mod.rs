//! The browser, one concern per file: nothing here knows the workspace or the store. The app
//! wires these to the store (`app.rs`); views call them for a click's effect.

pub mod clipboard;
pub mod clock;
pub mod download;
pub mod files;
pub mod focus;
pub mod indexed_db;
pub mod local_storage;
pub mod page_hidden;
pub mod shortcuts;
pub mod storage_events;
pub mod timers;
