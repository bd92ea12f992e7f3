//! Backstage entity references and the ids their entities get. An entity is known by its
//! kind, namespace and name (`component:payments/ledger`); a reference may leave out the
//! kind (each field has its default) and the namespace (the referring entity's own).
//! Names in different namespaces may be the same, ids may not: such an entity outside
//! the `default` namespace gets its namespace in its id.

use std::collections::{BTreeMap, BTreeSet};

use crate::edit::propose_id;
use crate::model::RecordKind;

/// An entity's identity, compared as Backstage does: without regard to case.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityKey {
    pub kind: String,
    pub namespace: String,
    pub name: String,
}

pub const DEFAULT_NAMESPACE: &str = "default";

impl EntityKey {
    pub fn new(kind: &str, namespace: &str, name: &str) -> EntityKey {
        EntityKey { kind: kind.to_lowercase(), namespace: namespace.to_lowercase(), name: name.to_lowercase() }
    }

    /// `[kind:][namespace/]name`, with the kind and namespace given when left out.
    pub fn parse(reference: &str, default_kind: &str, default_namespace: &str) -> EntityKey {
        let (kind, rest) = reference.split_once(':').unwrap_or((default_kind, reference));
        let (namespace, name) = rest.split_once('/').unwrap_or((default_namespace, rest));
        EntityKey::new(kind, namespace, name)
    }

    /// The record an entity of this kind becomes, if any.
    pub fn record_kind(&self) -> Option<RecordKind> {
        match self.kind.as_str() {
            "group" | "user" => Some(RecordKind::Party),
            "component" | "resource" | "system" => Some(RecordKind::Service),
            _ => None,
        }
    }
}

/// The id of every entity that becomes a record: its name, unless another entity of
/// the same record kind has that name too; then its namespace joins the name (outside
/// `default`), or its kind (a user and a group of one name).
pub fn assign_ids(entities: &[EntityKey]) -> BTreeMap<EntityKey, String> {
    let mut ids = BTreeMap::new();
    for record in [RecordKind::Party, RecordKind::Service] {
        let of_kind: Vec<&EntityKey> = entities.iter().filter(|e| e.record_kind() == Some(record)).collect();
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
        for e in &of_kind {
            *names.entry(propose_id(&e.name, |_| false)).or_default() += 1;
        }
        let mut taken = BTreeSet::new();
        // Entities of the default namespace first: they keep their plain names.
        let mut ordered = of_kind.clone();
        ordered.sort_by_key(|e| e.namespace != DEFAULT_NAMESPACE);
        for e in ordered {
            let plain = propose_id(&e.name, |_| false);
            let wanted = if names[&plain] == 1 || (e.namespace == DEFAULT_NAMESPACE && !taken.contains(&plain)) {
                plain
            } else if e.namespace != DEFAULT_NAMESPACE {
                format!("{}-{}", e.namespace, e.name)
            } else {
                format!("{}-{}", e.kind, e.name)
            };
            let id = propose_id(&wanted, |id| taken.contains(id));
            taken.insert(id.clone());
            ids.insert((*e).clone(), id);
        }
    }
    ids
}
