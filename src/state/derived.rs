//! Workspace-wide values the views share, derived once: owners' open-item counts (for the
//! capacity warning), the people for owner autocompletion, and today's date.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use followthrough_core::validator::open_items_by_owner;
use leptos::prelude::*;

use super::Store;
use crate::web::clock;

#[derive(Clone, Copy)]
pub struct Derived {
    pub open_by_owner: Memo<HashMap<String, usize>>,
    /// The workspace's settings on their own, so that views which need only them do not
    /// re-run on every edit.
    pub settings: Memo<followthrough_core::Settings>,
    pub people: Memo<Vec<String>>,
    pub today: RwSignal<NaiveDate>,
}

impl Derived {
    pub fn new(store: Store) -> Derived {
        // Both walk every item: they re-run when owners, statuses or the set of items change,
        // not on every keystroke in a title.
        let open_by_owner = Memo::new(move |_| store.with_people(open_items_by_owner));
        let people = Memo::new(move |_| {
            store.with_people(|ws| {
                let mut names = BTreeSet::new();
                for pm in &ws.postmortems {
                    names.insert(pm.facilitator.trim().to_string());
                    for item in &pm.action_items {
                        names.insert(item.owner.trim().to_string());
                    }
                }
                names
                    .into_iter()
                    .filter(|n| !n.is_empty())
                    .collect::<Vec<_>>()
            })
        });
        let settings = Memo::new(move |_| store.with_settings(Clone::clone));
        Derived {
            open_by_owner,
            settings,
            people,
            today: RwSignal::new(clock::today()),
        }
    }

    pub fn from_context() -> Derived {
        expect_context::<Derived>()
    }
}
