//! Where every reference between records is ([`REFERENCES`]), and what refers to a record.

use super::to_value;
use crate::catalogue::Catalogue;
use crate::model::*;
use crate::path::FieldPath;

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

impl RefField {
    /// The field's path as a pattern (`support.escalation[].party`).
    pub fn pattern(&self) -> FieldPath {
        self.path.parse().expect("the paths of the reference table are field paths")
    }
}

/// The kind a field of a `kind` record refers to, for a field path with list indexes
/// (`support.escalation[2].party`) or without (`support.escalation[].party`).
pub fn reference_target(kind: RecordKind, path: &str) -> Option<RecordKind> {
    let generic = path.parse::<FieldPath>().ok()?.generic();
    REFERENCES.iter().find(|r| r.from == kind && r.pattern() == generic).map(|r| r.to)
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
                    for (path, _) in field.pattern().expand(&value).into_iter().filter(|(_, v)| v.as_str() == Some(id)) {
                        out.push(Reference { kind: from, id: record.id().to_owned(), title: record.title().to_owned(), path: path.to_string(), on_delete: field.on_delete });
                    }
                }
            }
        });
    }
    out
}
