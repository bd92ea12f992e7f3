//! Field-by-field diffs and three-way merges of two versions of a record.

use serde_json::{Map, Value};

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

/// Equal as the model reads them: a number kept as `15` (JSON, IndexedDB) is the `15.0`
/// of a record in memory, which serializes its floats with a fraction.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => a == b,
    }
}

fn same(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_value(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

fn diff_into(before: &Value, after: &Value, path: String, out: &mut Vec<FieldChange>) {
    if same_value(before, after) {
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
        let pick = if k == "revision" || k == "updated_at" || same(mv, tv) || same(mv, bv) {
            tv
        } else if same(tv, bv) {
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
