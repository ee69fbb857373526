//! Restore points (issue 16): before an import, a reconcile, a pasted list or a restore is
//! applied, the workspace as it was is kept in IndexedDB (`web::indexed_db`, out of
//! localStorage's quota), the newest `RESTORE_POINTS_KEPT` stay, and any of them can be brought
//! back, after a reload too. What a point is, its label and which ones go are the core's
//! (`storage::restore`). IndexedDB failing never holds an import back: the workspace is copied
//! before the change is applied, written afterwards, and a failure is only said.

use followthrough_core::scoring::rescore_workspace;
use followthrough_core::storage::restore::{newest_first, to_forget, Occasion, RestorePoint};
use followthrough_core::storage::{load_workspace, save_workspace};
use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use super::Store;
use crate::web::{clock, indexed_db};

/// The restore points this tab knows, newest first, and what went wrong with them.
#[derive(Clone, Copy)]
pub struct RestorePoints {
    pub list: RwSignal<Vec<RestorePoint>>,
    /// Why points could not be kept or read ("" when all is well).
    pub problem: RwSignal<String>,
}

impl RestorePoints {
    /// Reads the list kept in IndexedDB (by an earlier page too).
    pub fn load() -> RestorePoints {
        let points = RestorePoints {
            list: RwSignal::new(Vec::new()),
            problem: RwSignal::new(String::new()),
        };
        spawn_local(async move {
            match indexed_db::descriptions().await {
                Ok(texts) => points.list.set(points.with_stored(&texts)),
                Err(e) => points.unavailable(&e),
            }
        });
        points
    }

    /// The points this tab knows and those described in `texts` (read from IndexedDB), newest
    /// first, each once. A description that cannot be read is left where it is, unlisted.
    fn with_stored(&self, texts: &[String]) -> Vec<RestorePoint> {
        let read = texts.iter().filter_map(|t| RestorePoint::from_text(t));
        let known = self.list.get_untracked();
        let mut all = newest_first(known.into_iter().chain(read).collect());
        all.dedup_by_key(|p| p.id);
        all
    }

    fn unavailable(&self, why: &str) {
        self.problem.set(format!(
            "Restore points cannot be kept in this browser ({why}). Imports still work, and \
             Undo (Ctrl+Z) still puts each one back while this page stays open."
        ));
    }

    /// Keeps the workspace as it is now, before `occasion` changes it. Call it just before the
    /// change: the copy is taken at once, the write finishes afterwards.
    pub fn keep(&self, store: Store, occasion: Occasion) {
        let (point, text) = store.peek_workspace(|ws| {
            let point = self
                .list
                .with_untracked(|known| RestorePoint::new(ws, &occasion, clock::now(), known));
            (point, save_workspace(ws))
        });
        self.list.update(|list| list.insert(0, point.clone()));
        let points = *self;
        spawn_local(async move {
            if let Err(e) = indexed_db::put(point.id, &point.to_text(), &text).await {
                points.list.update(|list| list.retain(|p| p.id != point.id));
                let text = format!(
                    "Done, but no restore point could be kept before it ({e}). Undo (Ctrl+Z) \
                     puts it back while this page stays open."
                );
                points.problem.set(text.clone());
                store.show_notice(text);
                return;
            }
            points.problem.set(String::new());
            // Another tab may have kept points since this one read the list: the newest of
            // all of them stay, not of this tab's.
            let mut all = match indexed_db::descriptions().await {
                Ok(texts) => points.with_stored(&texts),
                Err(_) => points.list.get_untracked(),
            };
            let forget = to_forget(&all);
            if !forget.is_empty() {
                all.retain(|p| !forget.contains(&p.id));
                // Left over, an old point is only listed again after a reload: no harm.
                let _ = indexed_db::forget(&forget).await;
            }
            points.list.set(all);
        });
    }

    /// Brings back the workspace of point `id`, after keeping the current one as a point of
    /// its own. It is one undo step, like an import.
    pub fn restore(&self, store: Store, id: u64) {
        let Some(point) = self
            .list
            .with_untracked(|l| l.iter().find(|p| p.id == id).cloned())
        else {
            return;
        };
        let points = *self;
        spawn_local(async move {
            let text = match indexed_db::data(id).await {
                Ok(Some(text)) => text,
                Ok(None) => {
                    points
                        .problem
                        .set(format!("“{}” is no longer kept.", point.label));
                    return;
                }
                Err(e) => {
                    points
                        .problem
                        .set(format!("“{}” could not be read ({e}).", point.label));
                    return;
                }
            };
            match load_workspace(&text) {
                Ok(mut workspace) => {
                    rescore_workspace(&mut workspace);
                    points.keep(
                        store,
                        Occasion::Restore {
                            label: point.label.clone(),
                        },
                    );
                    store.replace_workspace(workspace, "restore");
                    store.show_notice(format!(
                        "Restored: {} ({}). Undo (Ctrl+Z) puts back what was there.",
                        point.label,
                        point.summary()
                    ));
                }
                Err(e) => points
                    .problem
                    .set(format!("“{}” could not be read: {e}.", point.label)),
            }
        });
    }
}
