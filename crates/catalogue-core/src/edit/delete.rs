//! What deleting a record does to the records that point at it.

use serde_json::Value;

use super::references::{references_to, OnDelete, Reference, REFERENCES};
use crate::catalogue::Catalogue;
use crate::model::RecordKind;
use crate::path::{FieldPath, Step};
use crate::problem::Problem;
use crate::validate::validate;
use OnDelete::*;

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
                    let path: FieldPath = reference.path.parse().expect("references name field paths");
                    path.set(&mut updated[slot].1, Some(marker));
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

/// Removes what [`plan_delete`] marked with `null`: list elements (the element holding a
/// marked field, for `a[].b` paths) and optional fields.
fn drop_marked(value: &mut Value, kind: RecordKind) {
    for field in REFERENCES.iter().filter(|r| r.from == kind) {
        drop_in(value, field.pattern().steps());
    }
}

fn drop_in(value: &mut Value, steps: &[Step]) {
    let Some(obj) = value.as_object_mut() else { return };
    match steps {
        [Step::Key(name), Step::Each, rest @ ..] => {
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
        [Step::Key(name)] => {
            if obj.get(name).is_some_and(Value::is_null) {
                obj.remove(name);
            }
        }
        [Step::Key(name), rest @ ..] => {
            if let Some(child) = obj.get_mut(name) {
                drop_in(child, rest);
            }
        }
        _ => {}
    }
}

fn is_marked(item: &Value, rest: &[Step]) -> bool {
    match rest {
        [Step::Key(field)] => item.get(field).is_some_and(Value::is_null),
        _ => false,
    }
}
