//! What changed between two versions of a catalogue, record by record: `catalogue diff`
//! prints it, and a reader's "What's new" lists it when a newer published catalogue
//! arrives.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalogue::Catalogue;
use crate::edit::{field_changes, to_value, FieldChange};
use crate::model::{Record, RecordKind, Timestamp};

/// One record added, changed or removed: its value before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordChange {
    pub kind: RecordKind,
    pub id: String,
    /// `None`: the record was added.
    pub before: Option<Value>,
    /// `None`: the record was removed.
    pub after: Option<Value>,
}

impl RecordChange {
    pub fn what(&self) -> &'static str {
        match (&self.before, &self.after) {
            (None, _) => "added",
            (_, None) => "removed",
            _ => "changed",
        }
    }

    /// The name shown to people: the newer one, or the id when it has none.
    pub fn title(&self) -> &str {
        self.after
            .as_ref()
            .or(self.before.as_ref())
            .and_then(|v| v.get(self.kind.title_field()))
            .and_then(Value::as_str)
            .unwrap_or(&self.id)
    }

    /// The fields that changed (empty for an added or removed record).
    pub fn fields(&self) -> Vec<FieldChange> {
        match (&self.before, &self.after) {
            (Some(b), Some(a)) => field_changes(b, a),
            _ => Vec::new(),
        }
    }
}

/// Every record whose content differs between `old` and `new` (the bookkeeping fields
/// `revision` and `updated_at` aside), in file order: by kind, then id.
pub fn between(old: &Catalogue, new: &Catalogue) -> Vec<RecordChange> {
    let mut out = Vec::new();
    compare(&old.parties, &new.parties, &mut out);
    compare(&old.calendars, &new.calendars, &mut out);
    compare(&old.services, &new.services, &mut out);
    compare(&old.offerings, &new.offerings, &mut out);
    compare(&old.agreements, &new.agreements, &mut out);
    compare(&old.articles, &new.articles, &mut out);
    compare(&old.scorecards, &new.scorecards, &mut out);
    out
}

fn compare<T: Record>(old: &[T], new: &[T], out: &mut Vec<RecordChange>) {
    let old_by_id: HashMap<&str, &T> = old.iter().map(|r| (r.id(), r)).collect();
    let new_by_id: HashMap<&str, &T> = new.iter().map(|r| (r.id(), r)).collect();
    let mut found: BTreeMap<&str, RecordChange> = BTreeMap::new();
    for r in new {
        let before = old_by_id.get(r.id());
        // Typed records compare quickly; only those that differ become values.
        if before.is_some_and(|o| *o == r) {
            continue;
        }
        let change = RecordChange {
            kind: T::KIND,
            id: r.id().to_owned(),
            before: before.map(|o| to_value(*o)),
            after: Some(to_value(r)),
        };
        if change.before.is_none() || !change.fields().is_empty() {
            found.insert(r.id(), change);
        }
    }
    for r in old.iter().filter(|r| !new_by_id.contains_key(r.id())) {
        found.insert(
            r.id(),
            RecordChange { kind: T::KIND, id: r.id().to_owned(), before: Some(to_value(r)), after: None },
        );
    }
    out.extend(found.into_values());
}

/// What a reader has not seen yet of the published catalogue: the records that changed
/// between the version they had and the one they have now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WhatsNew {
    /// The published revision the reader had before.
    pub from_revision: u64,
    /// The published revision they have now, and when it was published.
    pub to_revision: u64,
    pub published_at: Option<Timestamp>,
    /// Whether the reader opened the list: until then a newer version adds to it.
    pub seen: bool,
    pub records: Vec<RecordChange>,
}

impl WhatsNew {
    /// The changes from `old` to `new` (two published versions); when the reader has not
    /// seen `unseen` (what the previous update brought), they are added to it, so the list
    /// still starts at the last version the reader looked at.
    pub fn after(unseen: Option<WhatsNew>, old: &Catalogue, new: &Catalogue) -> WhatsNew {
        let latest = WhatsNew {
            from_revision: old.catalogue.revision,
            to_revision: new.catalogue.revision,
            published_at: new.catalogue.published_at,
            seen: false,
            records: between(old, new),
        };
        match unseen.filter(|w| !w.seen) {
            Some(earlier) => earlier.then(latest),
            None => latest,
        }
    }

    /// `self` followed by `later`: each record from its value before `self` to its value
    /// after `later`, left out when that is no change at all.
    fn then(self, later: WhatsNew) -> WhatsNew {
        let mut by_key: BTreeMap<(RecordKind, String), RecordChange> =
            self.records.into_iter().map(|r| ((r.kind, r.id.clone()), r)).collect();
        for r in later.records {
            match by_key.remove(&(r.kind, r.id.clone())) {
                None => {
                    by_key.insert((r.kind, r.id.clone()), r);
                }
                Some(first) => {
                    let joined = RecordChange { before: first.before, ..r };
                    let same = match (&joined.before, &joined.after) {
                        (Some(b), Some(a)) => field_changes(b, a).is_empty(),
                        (None, None) => true,
                        _ => false,
                    };
                    if !same {
                        by_key.insert((joined.kind, joined.id.clone()), joined);
                    }
                }
            }
        }
        WhatsNew { from_revision: self.from_revision, records: by_key.into_values().collect(), ..later }
    }
}
