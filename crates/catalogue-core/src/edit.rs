//! Editing records: the pieces the forms, the history view and merges share.
//!
//! Forms edit a record as its JSON value (`serde_json::Value`), so that one form engine
//! serves every kind and validation problems, which name JSON paths, land on the field
//! they are about. Here: reading and writing records of any kind as values, checking an
//! edited record in the context of the catalogue, where every reference between records
//! is ([`REFERENCES`]), what deleting a record does to the records that point at it, and
//! field-by-field diffs and three-way merges of two versions of a record.

use serde_json::{Map, Value};

use crate::catalogue::Catalogue;
use crate::model::*;
use crate::problem::Problem;
use crate::validate::{is_valid_id, validate, MAX_ID};

/// A reference field: records of `from` hold ids of records of `to` at `path`.
/// In a path, `[]` means every element of a list.
pub struct RefField {
    pub from: RecordKind,
    pub path: &'static str,
    pub to: RecordKind,
    /// What deleting the target does to the holder.
    pub on_delete: OnDelete,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDelete {
    /// The reference (or the list element holding it) is removed.
    Unlink,
    /// The holder cannot exist without it and is deleted too (an offering of a service).
    Cascade,
    /// The holder needs another record in its place (an owner, a provider).
    Replace,
}

use OnDelete::*;
use RecordKind::*;

/// Every reference between records in the model. Validation checks the same fields.
pub const REFERENCES: &[RefField] = &[
    RefField { from: Party, path: "member_of[]", to: Party, on_delete: Unlink },
    RefField { from: Service, path: "owner", to: Party, on_delete: Replace },
    RefField { from: Service, path: "support.calendar", to: Calendar, on_delete: Unlink },
    RefField { from: Service, path: "support.escalation[].party", to: Party, on_delete: Unlink },
    RefField { from: Service, path: "support.raci[].party", to: Party, on_delete: Unlink },
    RefField { from: Service, path: "support.partners[]", to: Party, on_delete: Unlink },
    RefField { from: Service, path: "depends_on[]", to: Service, on_delete: Unlink },
    RefField { from: Offering, path: "service", to: Service, on_delete: Cascade },
    RefField { from: Agreement, path: "provider", to: Party, on_delete: Replace },
    RefField { from: Agreement, path: "customer", to: Party, on_delete: Replace },
    RefField { from: Agreement, path: "services[]", to: Service, on_delete: Unlink },
    RefField { from: Agreement, path: "offerings[]", to: Offering, on_delete: Unlink },
    RefField { from: Agreement, path: "calendar", to: Calendar, on_delete: Unlink },
    RefField { from: Agreement, path: "supports[]", to: Agreement, on_delete: Unlink },
    RefField { from: Article, path: "owner", to: Party, on_delete: Replace },
    RefField { from: Article, path: "services[]", to: Service, on_delete: Unlink },
];

/// The kind a field of a `kind` record refers to, for a field path with list indexes
/// (`support.escalation[2].party`) or without (`support.escalation[].party`).
pub fn reference_target(kind: RecordKind, path: &str) -> Option<RecordKind> {
    let generic = strip_indexes(path);
    REFERENCES.iter().find(|r| r.from == kind && r.path == generic).map(|r| r.to)
}

/// `a[3].b[0]` → `a[].b[]`.
pub fn strip_indexes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_brackets = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_brackets = true;
                out.push('[');
            }
            ']' => {
                in_brackets = false;
                out.push(']');
            }
            _ if in_brackets => {}
            _ => out.push(c),
        }
    }
    out
}

/// A record in its JSON form. Through the text form on purpose: the model's serializers
/// for text already exist in the web build, value serializers would add their code again.
pub fn to_value<R: Record>(record: &R) -> Value {
    serde_json::from_str(&crate::file::to_json(record)).expect("records serialize to JSON")
}

fn from_value<R: Record>(value: &Value) -> Result<R, String> {
    serde_json::from_str(&value.to_string()).map_err(|e| e.to_string())
}

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
    let prefix = format!("{}[{index}]", kind.collection());
    let mut problems: Vec<Problem> = validate(&edited)
        .into_iter()
        .filter_map(|mut p| {
            if let Some(rest) = p.path.strip_prefix(&prefix) {
                if rest.is_empty() || rest.starts_with('.') || rest.starts_with('[') {
                    p.path = rest.trim_start_matches('.').to_owned();
                    return Some(p);
                }
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

/// An id for a new record named `name`: its words in lowercase, joined by hyphens,
/// made unique with a number when `taken` says the id is in use.
pub fn propose_id(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut base = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            base.push(c);
        } else if !base.is_empty() && !base.ends_with('-') {
            base.push('-');
        }
    }
    let mut base = base.trim_end_matches('-').to_owned();
    base.truncate(MAX_ID - 4);
    let base = base.trim_end_matches('-').to_owned();
    let base = if base.is_empty() { "record".to_owned() } else { base };
    debug_assert!(is_valid_id(&base));
    if !taken(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).expect("some number is free")
}

/// Latin letters with diacritics → their base letter, so `Zürich` becomes `zurich`.
/// A table rather than a Unicode-normalization crate: ids only need the common
/// European letters, and the crate's tables would add ~200 KB to the web build.
fn fold_accent(c: char) -> char {
    const FROM: &str = "àáâãäåāăąçćčďđèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťţùúûüūůűųýÿžźż";
    const TO: &str = "aaaaaaaaaccccddeeeeeeeeiiiiiilnnnoooooooorrssstttuuuuuuuuyyzzz";
    FROM.chars().position(|f| f == c).and_then(|i| TO.chars().nth(i)).unwrap_or(match c {
        'ß' => 's',
        'æ' => 'a',
        'œ' => 'o',
        _ => c,
    })
}

/// A place where a record is referenced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub kind: RecordKind,
    pub id: String,
    pub title: String,
    /// The field holding the reference, with list indexes (`support.raci[1].party`).
    pub path: String,
    pub on_delete: OnDelete,
}

/// Every place in `cat` that refers to the record `id` of `kind`, in catalogue order.
pub fn references_to(cat: &Catalogue, kind: RecordKind, id: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    for from in RecordKind::ALL {
        let fields: Vec<&RefField> = REFERENCES.iter().filter(|r| r.from == from && r.to == kind).collect();
        if fields.is_empty() {
            continue;
        }
        by_kind!(from, cat, list => {
            for record in list.iter() {
                let value = to_value(record);
                for field in &fields {
                    for path in matching_paths(&value, field.path, id) {
                        out.push(Reference { kind: from, id: record.id().to_owned(), title: record.title().to_owned(), path, on_delete: field.on_delete });
                    }
                }
            }
        });
    }
    out
}

/// Concrete paths under `pattern` whose value is the string `id`.
fn matching_paths(value: &Value, pattern: &str, id: &str) -> Vec<String> {
    fn walk(value: &Value, segments: &[&str], prefix: String, id: &str, out: &mut Vec<String>) {
        let Some((first, rest)) = segments.split_first() else {
            if value.as_str() == Some(id) {
                out.push(prefix);
            }
            return;
        };
        let (name, each) = match first.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (*first, false),
        };
        let Some(child) = value.get(name) else { return };
        let path = if prefix.is_empty() { name.to_owned() } else { format!("{prefix}.{name}") };
        if each {
            for (i, item) in child.as_array().into_iter().flatten().enumerate() {
                walk(item, rest, format!("{path}[{i}]"), id, out);
            }
        } else {
            walk(child, rest, path, id, out);
        }
    }
    let segments: Vec<&str> = pattern.split('.').collect();
    let mut out = Vec::new();
    walk(value, &segments, String::new(), id, &mut out);
    out
}

/// What deleting a record does: the records deleted with it and the records changed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeletePlan {
    /// The record itself first, then what cascades from it.
    pub deleted: Vec<(RecordKind, String)>,
    /// Records that lose a reference (or get the replacement), as their new values,
    /// revision not yet incremented.
    pub updated: Vec<(RecordKind, Value)>,
}

impl DeletePlan {
    /// The catalogue after the plan (revisions not incremented).
    pub fn apply(&self, cat: &Catalogue) -> Catalogue {
        let mut next = cat.clone();
        for (kind, id) in &self.deleted {
            next.remove_record(*kind, id);
        }
        for (kind, value) in &self.updated {
            let id = value.get("id").and_then(Value::as_str).map(str::to_owned);
            next.put_value(*kind, id.as_deref(), value).expect("planned updates are records");
        }
        next
    }

    /// What would be invalid after the plan: records left without anything they must
    /// have (an agreement covering only the deleted service). They need an edit first.
    pub fn problems(&self, cat: &Catalogue) -> Vec<Problem> {
        let before: std::collections::HashSet<String> = validate(cat).into_iter().map(|p| p.message).collect();
        validate(&self.apply(cat)).into_iter().filter(|p| !before.contains(&p.message)).collect()
    }
}

/// Why a delete cannot be planned.
#[derive(Clone, Debug, PartialEq)]
pub enum DeleteBlocked {
    /// These references need a replacement record, and none was given.
    NeedsReplacement(Vec<Reference>),
    /// The replacement is the record being deleted, or does not exist.
    BadReplacement(String),
}

/// Plans deleting the record `id` of `kind`: references that can be dropped are removed,
/// records that cannot exist without it are deleted with it (and their own references
/// handled the same way), and required references (owners, providers) point to
/// `replacement` instead. Applying the plan leaves no dangling reference.
pub fn plan_delete(
    cat: &Catalogue,
    kind: RecordKind,
    id: &str,
    replacement: Option<&str>,
) -> Result<DeletePlan, DeleteBlocked> {
    if let Some(r) = replacement {
        if r == id || cat.record_revision(kind, r).is_none() {
            return Err(DeleteBlocked::BadReplacement(format!("no other {} \"{r}\" to use instead", kind.label())));
        }
    }
    let mut plan = DeletePlan::default();
    let mut queue = vec![(kind, id.to_owned())];
    let mut updated: Vec<((RecordKind, String), Value)> = Vec::new();
    let mut needs_replacement = Vec::new();
    while let Some((k, i)) = queue.pop() {
        if plan.deleted.contains(&(k, i.clone())) {
            continue;
        }
        plan.deleted.push((k, i.clone()));
        for reference in references_to(cat, k, &i) {
            let key = (reference.kind, reference.id.clone());
            if plan.deleted.contains(&key) {
                continue;
            }
            match reference.on_delete {
                Cascade => queue.push(key),
                Replace if replacement.is_none() || k != kind => needs_replacement.push(reference),
                Replace | Unlink => {
                    let slot = match updated.iter().position(|(k2, _)| *k2 == key) {
                        Some(s) => s,
                        None => {
                            updated.push((
                                key.clone(),
                                cat.record_value(key.0, &key.1).expect("referencing record exists"),
                            ));
                            updated.len() - 1
                        }
                    };
                    // Mark now, remove later: indexes in paths stay valid meanwhile.
                    let marker = if reference.on_delete == Replace {
                        Value::String(replacement.unwrap().to_owned())
                    } else {
                        Value::Null
                    };
                    set_at(&mut updated[slot].1, &reference.path, marker);
                }
            }
        }
    }
    if !needs_replacement.is_empty() {
        return Err(DeleteBlocked::NeedsReplacement(needs_replacement));
    }
    plan.updated = updated
        .into_iter()
        .filter(|(key, _)| !plan.deleted.contains(key))
        .map(|(key, mut value)| {
            drop_marked(&mut value, key.0);
            (key.0, value)
        })
        .collect();
    Ok(plan)
}

/// Sets the value at a concrete path (`a.b[2].c`).
fn set_at(value: &mut Value, path: &str, new: Value) {
    let mut cur = value;
    for segment in path.split('.') {
        let (name, index) = match segment.split_once('[') {
            Some((n, i)) => (n, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        cur = &mut cur[name];
        if let Some(i) = index {
            cur = &mut cur[i];
        }
    }
    *cur = new;
}

/// Removes what [`plan_delete`] marked with `null`: list elements (the element holding a
/// marked field, for `a[].b` paths) and optional fields.
fn drop_marked(value: &mut Value, kind: RecordKind) {
    for field in REFERENCES.iter().filter(|r| r.from == kind) {
        let segments: Vec<&str> = field.path.split('.').collect();
        drop_in(value, &segments);
    }
}

fn drop_in(value: &mut Value, segments: &[&str]) {
    let Some((first, rest)) = segments.split_first() else { return };
    let Some(obj) = value.as_object_mut() else { return };
    match first.strip_suffix("[]") {
        Some(name) => {
            let Some(Value::Array(items)) = obj.get_mut(name) else { return };
            if rest.is_empty() {
                items.retain(|v| !v.is_null());
            } else {
                items.retain(|item| !is_marked(item, rest));
                for item in items.iter_mut() {
                    drop_in(item, rest);
                }
            }
        }
        None if rest.is_empty() => {
            if obj.get(*first).is_some_and(Value::is_null) {
                obj.remove(*first);
            }
        }
        None => {
            if let Some(child) = obj.get_mut(*first) {
                drop_in(child, rest);
            }
        }
    }
}

fn is_marked(item: &Value, rest: &[&str]) -> bool {
    match rest {
        [field] => item.get(field).is_some_and(Value::is_null),
        _ => false,
    }
}

/// One field that differs between two versions of a record.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    /// Path of the field (`support.escalation[0].party`); lists of plain values and lists
    /// whose length changed are compared as a whole.
    pub path: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// The fields that differ from `before` to `after`, by path (fields only `before` has
/// last). `revision` and `updated_at` are bookkeeping, left out.
pub fn field_changes(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    diff_into(before, after, String::new(), &mut out);
    out.retain(|c| c.path != "revision" && c.path != "updated_at");
    out
}

fn diff_into(before: &Value, after: &Value, path: String, out: &mut Vec<FieldChange>) {
    if before == after {
        return;
    }
    let join = |k: &str| if path.is_empty() { k.to_owned() } else { format!("{path}.{k}") };
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            for (k, av) in a {
                match b.get(k) {
                    Some(bv) => diff_into(bv, av, join(k), out),
                    None => out.push(FieldChange { path: join(k), before: None, after: Some(av.clone()) }),
                }
            }
            for (k, bv) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                out.push(FieldChange { path: join(k), before: Some(bv.clone()), after: None });
            }
        }
        (Value::Array(b), Value::Array(a)) if b.len() == a.len() && a.iter().all(Value::is_object) => {
            for (i, (bv, av)) in b.iter().zip(a).enumerate() {
                diff_into(bv, av, format!("{path}[{i}]"), out);
            }
        }
        _ => out.push(FieldChange { path, before: Some(before.clone()), after: Some(after.clone()) }),
    }
}

/// A field both sides changed differently since their common version.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// A top-level field of the record.
    pub field: String,
    pub base: Option<Value>,
    pub mine: Option<Value>,
    pub theirs: Option<Value>,
}

/// The outcome of a three-way merge of one record.
#[derive(Clone, Debug, PartialEq)]
pub struct Merge {
    /// Fields changed on one side only, taken from that side; conflicting fields from
    /// `mine` until resolved (see [`resolve`]).
    pub merged: Value,
    pub conflicts: Vec<Conflict>,
}

/// Merges two edits of one record field by field (top-level fields): a field changed on
/// one side only takes that change; changed on both sides to different values, it is a
/// conflict for a person to settle. `revision` and `updated_at` come from `theirs`.
pub fn merge(base: &Value, mine: &Value, theirs: &Value) -> Merge {
    let empty = Map::new();
    let (b, m, t) =
        (base.as_object().unwrap_or(&empty), mine.as_object().unwrap_or(&empty), theirs.as_object().unwrap_or(&empty));
    let mut keys: Vec<&String> = t.keys().collect();
    for k in m.keys().chain(b.keys()) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let mut merged = Map::new();
    let mut conflicts = Vec::new();
    for k in keys {
        let (bv, mv, tv) = (b.get(k), m.get(k), t.get(k));
        let pick = if k == "revision" || k == "updated_at" || mv == tv || mv == bv {
            tv
        } else if tv == bv {
            mv
        } else {
            conflicts.push(Conflict { field: k.clone(), base: bv.cloned(), mine: mv.cloned(), theirs: tv.cloned() });
            mv
        };
        if let Some(v) = pick {
            merged.insert(k.clone(), v.clone());
        }
    }
    Merge { merged: Value::Object(merged), conflicts }
}

/// Settles a conflict of a merge with one side's value.
pub fn resolve(merged: &mut Value, conflict: &Conflict, take_mine: bool) {
    let chosen = if take_mine { &conflict.mine } else { &conflict.theirs };
    if let Some(obj) = merged.as_object_mut() {
        match chosen {
            Some(v) => obj.insert(conflict.field.clone(), v.clone()),
            None => obj.remove(&conflict.field),
        };
    }
}

/// Copies of a service and its offerings, as new records: the service named
/// "<name> (copy)" in the pipeline, each offering pointing at the copy. Ids are proposed
/// from the names; revisions start at 1.
pub fn duplicate_service(cat: &Catalogue, id: &str) -> Option<Vec<(RecordKind, Value)>> {
    let service = cat.service(id)?;
    let mut taken: std::collections::HashSet<String> = cat.services.iter().map(|s| s.id.clone()).collect();
    let mut copy = to_value(service);
    let name = format!("{} (copy)", service.name);
    let new_id = propose_id(&name, |i| taken.contains(i));
    taken.insert(new_id.clone());
    copy["id"] = Value::String(new_id.clone());
    copy["name"] = Value::String(name);
    copy["revision"] = Value::from(1);
    copy["lifecycle"] = Value::String("pipeline".into());
    let mut out = vec![(RecordKind::Service, copy)];
    let mut offering_ids: std::collections::HashSet<String> = cat.offerings.iter().map(|o| o.id.clone()).collect();
    for o in cat.offerings.iter().filter(|o| o.service == id) {
        let mut v = to_value(o);
        let oid = propose_id(&format!("{} {}", new_id, o.name), |i| offering_ids.contains(i));
        offering_ids.insert(oid.clone());
        v["id"] = Value::String(oid);
        v["service"] = Value::String(new_id.clone());
        v["revision"] = Value::from(1);
        out.push((RecordKind::Offering, v));
    }
    Some(out)
}

/// Records owned by `party`: services and articles (owner), agreements (provider).
pub fn owned_by(cat: &Catalogue, party: &str) -> Vec<(RecordKind, String, String)> {
    let mut out: Vec<(RecordKind, String, String)> = Vec::new();
    out.extend(
        cat.services.iter().filter(|s| s.owner == party).map(|s| (RecordKind::Service, s.id.clone(), s.name.clone())),
    );
    out.extend(
        cat.agreements
            .iter()
            .filter(|a| a.provider == party)
            .map(|a| (RecordKind::Agreement, a.id.clone(), a.name.clone())),
    );
    out.extend(
        cat.articles.iter().filter(|a| a.owner == party).map(|a| (RecordKind::Article, a.id.clone(), a.title.clone())),
    );
    out
}

/// The chosen records with `to` as their owner (or provider, for agreements); revisions
/// not yet incremented.
pub fn reassign(cat: &Catalogue, records: &[(RecordKind, String)], to: &str) -> Vec<(RecordKind, Value)> {
    records
        .iter()
        .filter_map(|(kind, id)| {
            let mut v = cat.record_value(*kind, id)?;
            let field = if *kind == RecordKind::Agreement { "provider" } else { "owner" };
            v[field] = Value::String(to.to_owned());
            Some((*kind, v))
        })
        .collect()
}
