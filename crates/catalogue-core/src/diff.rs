//! What an import would do to the stored catalogue: records added, changed, removed.

use serde::{Deserialize, Serialize};

use crate::catalogue::Catalogue;
use crate::digest::Digests;
use crate::model::RecordKind;

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
    preview_digests(&Digests::of(stored), &Digests::of(incoming))
}

/// [`preview_replace`] from the digests of both catalogues' records: a record is changed
/// when its digest is.
pub fn preview_digests(stored: &Digests, incoming: &Digests) -> ImportPreview {
    let kinds = RecordKind::ALL
        .into_iter()
        .map(|kind| {
            let mut k = KindChanges { kind, added: vec![], changed: vec![], removed: vec![], unchanged: 0 };
            for (id, digest) in incoming.of_kind(kind) {
                match stored.get(kind, id) {
                    None => k.added.push(id.to_owned()),
                    Some(old) if old != digest => k.changed.push(id.to_owned()),
                    Some(_) => k.unchanged += 1,
                }
            }
            k.removed = stored
                .of_kind(kind)
                .filter(|(id, _)| incoming.get(kind, id).is_none())
                .map(|(id, _)| id.to_owned())
                .collect();
            for v in [&mut k.added, &mut k.changed, &mut k.removed] {
                v.sort();
            }
            k
        })
        .collect();
    ImportPreview { kinds }
}
