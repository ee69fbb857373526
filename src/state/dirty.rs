//! Which post-mortems the next save must write.

use std::collections::BTreeSet;

/// Which post-mortems a save must write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Dirty {
    /// Nothing changed since the last save.
    #[default]
    Clean,
    /// These post-mortems changed (the index is always rewritten: it is small).
    Some(BTreeSet<String>),
    /// Anything may have changed (an import, undo, the move from the older key): every shard
    /// is written and shards of post-mortems no longer there are removed.
    All,
}

impl Dirty {
    pub fn mark(&mut self, pm_id: &str) {
        match self {
            Dirty::Clean => *self = Dirty::Some(BTreeSet::from([pm_id.to_string()])),
            Dirty::Some(ids) => {
                ids.insert(pm_id.to_string());
            }
            Dirty::All => {}
        }
    }

    /// Only the index (the settings, the order of post-mortems) changed.
    pub fn mark_index(&mut self) {
        if *self == Dirty::Clean {
            *self = Dirty::Some(BTreeSet::new());
        }
    }

    pub fn includes(&self, pm_id: &str) -> bool {
        match self {
            Dirty::Clean => false,
            Dirty::Some(ids) => ids.contains(pm_id),
            Dirty::All => true,
        }
    }
}
