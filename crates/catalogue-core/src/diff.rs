//! What an import would do to the stored catalogue: records added, changed, removed.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::catalogue::Catalogue;
use crate::model::{Record, RecordKind};

/// Per kind, the ids an import adds, changes and removes, and how many stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub kinds: Vec<KindChanges>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KindChanges {
    pub kind: RecordKind,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
}

impl ImportPreview {
    pub fn added(&self) -> usize {
        self.kinds.iter().map(|k| k.added.len()).sum()
    }
    pub fn changed(&self) -> usize {
        self.kinds.iter().map(|k| k.changed.len()).sum()
    }
    pub fn removed(&self) -> usize {
        self.kinds.iter().map(|k| k.removed.len()).sum()
    }
    pub fn is_noop(&self) -> bool {
        self.added() + self.changed() + self.removed() == 0
    }
}

/// Compares the stored catalogue with the one about to replace it.
pub fn preview_replace(stored: &Catalogue, incoming: &Catalogue) -> ImportPreview {
    ImportPreview {
        kinds: vec![
            compare(&stored.parties, &incoming.parties),
            compare(&stored.calendars, &incoming.calendars),
            compare(&stored.services, &incoming.services),
            compare(&stored.offerings, &incoming.offerings),
            compare(&stored.agreements, &incoming.agreements),
            compare(&stored.articles, &incoming.articles),
            compare(&stored.scorecards, &incoming.scorecards),
        ],
    }
}

fn compare<T: Record>(old: &[T], new: &[T]) -> KindChanges {
    let old_by_id: HashMap<&str, &T> = old.iter().map(|r| (r.id(), r)).collect();
    let new_ids: std::collections::HashSet<&str> = new.iter().map(|r| r.id()).collect();
    let mut k = KindChanges { kind: T::KIND, added: vec![], changed: vec![], removed: vec![], unchanged: 0 };
    for r in new {
        match old_by_id.get(r.id()) {
            None => k.added.push(r.id().to_owned()),
            Some(o) if *o != r => k.changed.push(r.id().to_owned()),
            Some(_) => k.unchanged += 1,
        }
    }
    k.removed = old.iter().filter(|r| !new_ids.contains(r.id())).map(|r| r.id().to_owned()).collect();
    for v in [&mut k.added, &mut k.changed, &mut k.removed] {
        v.sort();
    }
    k
}
