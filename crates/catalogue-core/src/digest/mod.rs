//! Records as the store writes them, with a digest of each: what an import compares with
//! the stored catalogue.
//!
//! An import's preview says which records it adds, changes and removes. Comparing with
//! the stored records themselves means reading every one of them back (on a catalogue of
//! 10,000 services and 50,000 articles, seconds). The store keeps instead the digest of
//! every record beside them, written in the same transaction as the records, and the
//! preview compares digests: a few bytes a record.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalogue::Catalogue;
use crate::edit::by_kind;
use crate::model::{Record, RecordKind};

mod hash;

/// A record's digest: a 64-bit hash (XXH3) of the record as its type serializes it
/// (every field, with its name). Two records with one digest are taken to be equal;
/// unequal records share one once in about 2^64 comparisons.
pub type Digest = u64;

/// The digest of every record of a catalogue, by kind and id.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Digests {
    kinds: BTreeMap<RecordKind, HashMap<String, Digest>>,
}

impl Digests {
    /// The digests of every record of `cat`.
    pub fn of(cat: &Catalogue) -> Digests {
        let mut digests = Digests::default();
        for kind in RecordKind::ALL {
            by_kind!(kind, cat, list => list.iter().for_each(|r| digests.insert(kind, r.id(), hash::hash(r))));
        }
        digests
    }

    /// The digest of `value` as a record of `kind`, `None` when it is not one.
    pub fn of_value(kind: RecordKind, value: &Value) -> Option<Digest> {
        let mut one = Catalogue::empty("");
        one.put_value(kind, None, value).ok()?;
        let id = value.get("id")?.as_str()?;
        Digests::of(&one).get(kind, id)
    }

    pub fn get(&self, kind: RecordKind, id: &str) -> Option<Digest> {
        self.kinds.get(&kind)?.get(id).copied()
    }

    pub fn insert(&mut self, kind: RecordKind, id: &str, digest: Digest) {
        self.kinds.entry(kind).or_default().insert(id.to_owned(), digest);
    }

    pub fn remove(&mut self, kind: RecordKind, id: &str) {
        if let Some(ids) = self.kinds.get_mut(&kind) {
            ids.remove(id);
            // A kind with no records is no kind at all, as in `Digests::of`.
            if ids.is_empty() {
                self.kinds.remove(&kind);
            }
        }
    }

    /// The ids of one kind with their digests, in no order.
    pub fn of_kind(&self, kind: RecordKind) -> impl Iterator<Item = (&str, Digest)> {
        self.kinds.get(&kind).into_iter().flatten().map(|(id, d)| (id.as_str(), *d))
    }

    /// As bytes, for the store (postcard).
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("digests serialize")
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Digests, String> {
        postcard::from_bytes(bytes).map_err(|e| e.to_string())
    }
}

/// A catalogue as the store writes it: the metadata and each kind's records as JSON, a
/// list a text (the browser parses each in one call into the objects it stores), and the
/// digest of every record.
#[derive(Clone, Debug, Default)]
pub struct Encoded {
    pub meta: String,
    /// Every kind in [`RecordKind::ALL`] order, with its records as one JSON array.
    pub lists: Vec<(RecordKind, String)>,
    pub digests: Digests,
}

/// Encodes `cat` for the store.
pub fn encode(cat: &Catalogue) -> Encoded {
    let lists = RecordKind::ALL
        .into_iter()
        .map(|kind| (kind, by_kind!(kind, cat, list => serde_json::to_string(list)).expect("records serialize")))
        .collect();
    Encoded {
        meta: serde_json::to_string(&cat.catalogue).expect("metadata serializes"),
        lists,
        digests: Digests::of(cat),
    }
}
