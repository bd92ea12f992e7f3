//! Merging a newly published catalogue with local edits: a three-way merge per record
//! and per field, where the base of each locally changed record is the version it had
//! before the first local edit, and every other record is taken from the published side.
//!
//! Changes on one side only apply by themselves, the same change on both sides is no
//! conflict, and different changes to one field, or a record deleted on one side and
//! edited on the other, are conflicts for a person to settle. Nothing is dropped silently.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::catalogue::Catalogue;
use crate::edit::{merge, Conflict};
use crate::model::RecordKind;

/// A record edited locally since the published version the local data is based on.
#[derive(Clone, Debug, PartialEq)]
pub struct LocalEdit {
    pub kind: RecordKind,
    pub id: String,
    /// The record before the first local edit; `None` when it was created locally.
    pub base: Option<Value>,
}

/// What has to be chosen for one record.
#[derive(Clone, Debug, PartialEq)]
pub enum RecordConflict {
    /// Fields changed differently on both sides (`merged` holds every other change).
    Fields { kind: RecordKind, id: String, conflicts: Vec<Conflict>, merged: Value },
    /// Deleted on one side, edited on the other: keep the edited record, or delete it.
    DeleteEdit { kind: RecordKind, id: String, deleted_locally: bool, edited: Value },
}

impl RecordConflict {
    pub fn key(&self) -> (RecordKind, &str) {
        match self {
            RecordConflict::Fields { kind, id, .. } | RecordConflict::DeleteEdit { kind, id, .. } => (*kind, id),
        }
    }
}

/// The outcome of merging: every change that applies by itself, and what to choose.
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogueMerge {
    /// The published catalogue with the local edits applied. Records in conflict hold
    /// the local version until [`CatalogueMerge::settle`] says otherwise.
    pub merged: Catalogue,
    pub conflicts: Vec<RecordConflict>,
    /// Local edits that were merged in without conflict.
    pub kept: usize,
}

/// How a conflict was settled.
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    /// For [`RecordConflict::Fields`]: per conflicting field, keep the local value
    /// (`true`) or the published one.
    Fields(Vec<bool>),
    /// For [`RecordConflict::DeleteEdit`]: keep the edited record (`true`) or delete it.
    KeepRecord(bool),
}

/// Merges `theirs` (the new published catalogue) into `ours` (the local data), given the
/// local edits since the published version `ours` was based on.
pub fn merge_published(ours: &Catalogue, edits: &[LocalEdit], theirs: &Catalogue) -> CatalogueMerge {
    let mut merged = theirs.clone();
    merged.catalogue = theirs.catalogue.clone();
    let mut conflicts = Vec::new();
    let mut kept = 0;
    let mut seen = BTreeSet::new();
    for edit in edits {
        if !seen.insert((edit.kind, edit.id.clone())) {
            continue;
        }
        let (kind, id) = (edit.kind, edit.id.as_str());
        let mine = ours.record_value(kind, id);
        let published = theirs.record_value(kind, id);
        let unchanged = |a: &Option<Value>, b: &Option<Value>| same_content(a.as_ref(), b.as_ref());
        if unchanged(&mine, &edit.base) {
            continue; // Edited and changed back: nothing local to keep.
        }
        if unchanged(&published, &edit.base) || unchanged(&mine, &published) {
            // Only the local side changed (or both the same way): the local version wins.
            set(&mut merged, kind, id, mine.as_ref(), published.as_ref());
            kept += 1;
            continue;
        }
        match (&edit.base, &mine, &published) {
            (_, Some(m), Some(p)) => {
                let base = edit.base.clone().unwrap_or(Value::Object(Default::default()));
                let result = merge(&base, m, p);
                let mut value = result.merged;
                value["revision"] = Value::from(revision(m).max(revision(p)) + 1);
                set(&mut merged, kind, id, Some(&value), published.as_ref());
                if result.conflicts.is_empty() {
                    kept += 1;
                } else {
                    conflicts.push(RecordConflict::Fields {
                        kind,
                        id: id.to_owned(),
                        conflicts: result.conflicts,
                        merged: value,
                    });
                }
            }
            (Some(_), None, Some(p)) => {
                // Deleted here, edited in the published version: kept until chosen.
                conflicts.push(RecordConflict::DeleteEdit {
                    kind,
                    id: id.to_owned(),
                    deleted_locally: true,
                    edited: p.clone(),
                });
            }
            (Some(_), Some(m), None) => {
                // Edited here, deleted in the published version: the local edit is kept until chosen.
                set(&mut merged, kind, id, Some(m), None);
                conflicts.push(RecordConflict::DeleteEdit {
                    kind,
                    id: id.to_owned(),
                    deleted_locally: false,
                    edited: m.clone(),
                });
            }
            // Created here and not published, or deleted on both sides: handled above.
            _ => {}
        }
    }
    merged.sort();
    CatalogueMerge { merged, conflicts, kept }
}

impl CatalogueMerge {
    /// Applies the choices, one per conflict in order.
    pub fn settle(&mut self, choices: &[Choice]) {
        for (conflict, choice) in self.conflicts.iter().zip(choices) {
            match (conflict, choice) {
                (RecordConflict::Fields { kind, id, conflicts, merged }, Choice::Fields(keep_mine)) => {
                    let mut value = merged.clone();
                    for (c, mine) in conflicts.iter().zip(keep_mine) {
                        crate::edit::resolve(&mut value, c, *mine);
                    }
                    let _ = self.merged.put_value(*kind, Some(id), &value);
                }
                (RecordConflict::DeleteEdit { kind, id, edited, .. }, Choice::KeepRecord(keep)) => {
                    if *keep {
                        let mut value = edited.clone();
                        value["revision"] = Value::from(revision(edited) + 1);
                        let _ = self.merged.put_value(*kind, Some(id), &value);
                    } else {
                        self.merged.remove_record(*kind, id);
                    }
                }
                _ => {}
            }
        }
        self.merged.sort();
    }

    /// The local edits that remain after the merge, based on the published catalogue:
    /// every record whose merged content differs from the published one.
    pub fn remaining_edits(&self, theirs: &Catalogue) -> Vec<LocalEdit> {
        let mut out = Vec::new();
        for kind in RecordKind::ALL {
            let mut ids: BTreeSet<String> = self.merged.record_names(kind).into_iter().map(|(id, _)| id).collect();
            ids.extend(theirs.record_names(kind).into_iter().map(|(id, _)| id));
            for id in ids {
                let (m, t) = (self.merged.record_value(kind, &id), theirs.record_value(kind, &id));
                if !same_content(m.as_ref(), t.as_ref()) {
                    out.push(LocalEdit { kind, id, base: t });
                }
            }
        }
        out
    }
}

/// The published catalogue `ours` (the local data) was based on: `ours` with each local
/// edit undone. What's new compares it with a newer published version.
pub fn published_before(ours: &Catalogue, edits: &[LocalEdit]) -> Catalogue {
    let mut published = ours.clone();
    let mut seen = BTreeSet::new();
    for edit in edits.iter().filter(|e| seen.insert((e.kind, e.id.as_str()))) {
        let existing = published.record_value(edit.kind, &edit.id);
        set(&mut published, edit.kind, &edit.id, edit.base.as_ref(), existing.as_ref());
    }
    published.sort();
    published
}

fn revision(v: &Value) -> u64 {
    v.get("revision").and_then(Value::as_u64).unwrap_or(0)
}

/// Equal apart from the bookkeeping fields (`revision`, `updated_at`).
pub(crate) fn same_content(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => crate::edit::field_changes(a, b).is_empty(),
        (None, None) => true,
        _ => false,
    }
}

fn set(cat: &mut Catalogue, kind: RecordKind, id: &str, value: Option<&Value>, existing: Option<&Value>) {
    match value {
        Some(v) => {
            cat.put_value(kind, existing.map(|_| id), v).expect("merged records are records");
        }
        None => cat.remove_record(kind, id),
    }
}
