//! Editing records: the pieces the forms, the history view and merges share.
//!
//! Forms edit a record as its JSON value (`serde_json::Value`), so that one form engine
//! serves every kind and validation problems, which name JSON paths, land on the field
//! they are about. Here: reading and writing records of any kind as values and checking
//! an edited record in the context of the catalogue; in the submodules, ids for new
//! records (`id`), where every reference between records is (`references`,
//! [`REFERENCES`]), what deleting a record does to the records that point at it
//! (`delete`), field-by-field diffs and three-way merges of two versions of a record
//! (`diff`), and duplicating and handing over records (`duplicate`).

use serde_json::Value;

use crate::catalogue::Catalogue;
use crate::model::*;
use crate::path::FieldPath;
use crate::problem::Problem;
use crate::validate::validate;

macro_rules! by_kind {
    ($kind:expr, $cat:expr, $list:ident => $e:expr) => {
        match $kind {
            RecordKind::Party => {
                let $list = &$cat.parties;
                $e
            }
            RecordKind::Calendar => {
                let $list = &$cat.calendars;
                $e
            }
            RecordKind::Service => {
                let $list = &$cat.services;
                $e
            }
            RecordKind::Offering => {
                let $list = &$cat.offerings;
                $e
            }
            RecordKind::Agreement => {
                let $list = &$cat.agreements;
                $e
            }
            RecordKind::Article => {
                let $list = &$cat.articles;
                $e
            }
            RecordKind::Scorecard => {
                let $list = &$cat.scorecards;
                $e
            }
        }
    };
}

/// Shared with `digest`: the one place a kind is matched with its list.
pub(crate) use by_kind;

macro_rules! by_kind_mut {
    ($kind:expr, $cat:expr, $list:ident => $e:expr) => {
        match $kind {
            RecordKind::Party => {
                let $list = &mut $cat.parties;
                $e
            }
            RecordKind::Calendar => {
                let $list = &mut $cat.calendars;
                $e
            }
            RecordKind::Service => {
                let $list = &mut $cat.services;
                $e
            }
            RecordKind::Offering => {
                let $list = &mut $cat.offerings;
                $e
            }
            RecordKind::Agreement => {
                let $list = &mut $cat.agreements;
                $e
            }
            RecordKind::Article => {
                let $list = &mut $cat.articles;
                $e
            }
            RecordKind::Scorecard => {
                let $list = &mut $cat.scorecards;
                $e
            }
        }
    };
}

mod delete;
mod diff;
mod duplicate;
mod id;
mod references;

pub use delete::{plan_delete, DeleteBlocked, DeletePlan};
pub use diff::{field_changes, merge, resolve, same_value, Conflict, FieldChange, Merge};
pub use duplicate::{duplicate_service, owned_by, reassign};
pub use id::propose_id;
pub use references::{reference_target, references_to, OnDelete, RefField, Reference, REFERENCES};

/// A record in its JSON form. Through the text form on purpose: the model's serializers
/// for text already exist in the web build, value serializers would add their code again.
pub fn to_value<R: Record>(record: &R) -> Value {
    serde_json::from_str(&crate::file::to_json(record)).expect("records serialize to JSON")
}

fn from_value<R: Record>(value: &Value) -> Result<R, String> {
    serde_json::from_str(&value.to_string()).map_err(|e| e.to_string())
}

fn put_value<R: Record>(list: &mut Vec<R>, original_id: Option<&str>, value: &Value) -> Result<usize, String> {
    let record: R = from_value(value)?;
    let slot = original_id.and_then(|id| list.iter().position(|r| r.id() == id));
    Ok(match slot {
        Some(i) => {
            list[i] = record;
            i
        }
        None => {
            list.push(record);
            list.len() - 1
        }
    })
}

impl Catalogue {
    /// A record of any kind, as its JSON value.
    pub fn record_value(&self, kind: RecordKind, id: &str) -> Option<Value> {
        by_kind!(kind, self, list => list.iter().find(|r| r.id() == id).map(to_value))
    }

    /// The title of a record of any kind.
    pub fn record_title(&self, kind: RecordKind, id: &str) -> Option<String> {
        by_kind!(kind, self, list => list.iter().find(|r| r.id() == id).map(|r| r.title().to_owned()))
    }

    /// The ids of every record of a kind, with their titles, in list order.
    pub fn record_names(&self, kind: RecordKind) -> Vec<(String, String)> {
        by_kind!(kind, self, list => list.iter().map(|r| (r.id().to_owned(), r.title().to_owned())).collect())
    }

    /// The revision of a stored record, `None` when there is none with that id.
    pub fn record_revision(&self, kind: RecordKind, id: &str) -> Option<u64> {
        by_kind!(kind, self, list => list.iter().find(|r| r.id() == id).map(|r| r.revision()))
    }

    /// Replaces the record `original_id` (or adds one, when `None` or not found) by
    /// `value`, returning its position; fails when `value` is not a record of `kind`.
    pub fn put_value(&mut self, kind: RecordKind, original_id: Option<&str>, value: &Value) -> Result<usize, String> {
        by_kind_mut!(kind, self, list => put_value(list, original_id, value))
    }

    /// Removes a record; removing what is not there does nothing.
    pub fn remove_record(&mut self, kind: RecordKind, id: &str) {
        by_kind_mut!(kind, self, list => list.retain(|r| r.id() != id))
    }
}

/// A record's value as its record type writes it (a number kept as `15` in the browser's
/// storage is written `15.0` when the field is a float; a field left out of an imported
/// file is written with its default), so that what is compared, diffed and exported does
/// not depend on where each value was read from. A value that is no record is kept as it is.
pub fn canonical_value(kind: RecordKind, value: &Value) -> Value {
    let mut scratch = Catalogue::empty("");
    match scratch.put_value(kind, None, value) {
        Ok(_) => scratch.record_names(kind).first().and_then(|(id, _)| scratch.record_value(kind, id)),
        Err(_) => None,
    }
    .unwrap_or_else(|| value.clone())
}

/// The problems of `value` as the record `original_id` of `kind` (a new record when
/// `None`), checked with the same validation as an import, against the rest of `cat`.
/// Paths are relative to the record (`support.escalation[0].party`); a problem with the
/// record as a whole has an empty path. Problems elsewhere in the catalogue that the edit
/// causes (none should, since ids of stored records do not change) are reported too.
pub fn check_record(cat: &Catalogue, kind: RecordKind, original_id: Option<&str>, value: &Value) -> Vec<Problem> {
    let mut edited = cat.clone();
    let before: std::collections::HashSet<String> = validate(cat).into_iter().map(|p| p.to_string()).collect();
    let index = match edited.put_value(kind, original_id, value) {
        Ok(i) => i,
        Err(message) => return vec![Problem::new("", message)],
    };
    let record = FieldPath::default().key(kind.collection()).index(index);
    let mut problems: Vec<Problem> = validate(&edited)
        .into_iter()
        .filter_map(|mut p| {
            if let Some(rest) = p.field_path().and_then(|f| f.strip_prefix(&record)) {
                p.path = rest.to_string();
                return Some(p);
            }
            (!before.contains(&p.to_string())).then_some(p)
        })
        .collect();
    // A new record's id must not be taken: validation reports the second of two records
    // with one id, which may be the existing one.
    if original_id.is_none() {
        let id = value.get("id").and_then(Value::as_str).unwrap_or("");
        if cat.record_revision(kind, id).is_some() {
            problems.retain(|p| !(p.path == "id" && p.message.starts_with("duplicate id")));
            problems.insert(0, Problem::new("id", format!("another {} already has the id \"{id}\"", kind.label())));
        }
    }
    problems
}
