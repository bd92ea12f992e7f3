//! Change sets: the records an owner created, changed or deleted in their browser, each
//! with the published version it was based on, as a small file a maintainer can review
//! and apply to the published catalogue (`catalogue apply`) with the same three-way merge
//! as a reader's local edits ([`crate::merge`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalogue::Catalogue;
use crate::edit::{canonical_value, field_changes, FieldChange};
use crate::merge::{merge_published, same_content, CatalogueMerge, LocalEdit};
use crate::model::RecordKind;
use crate::problem::Problem;

/// The `format` tag of a change set file.
pub const FORMAT: &str = "service-catalogue-changes";
/// The change set format version this code reads and writes.
pub const VERSION: u32 = 1;
/// Default `$schema` reference: the schema is served beside `catalogue.json`.
pub const SCHEMA_REF: &str = "changes.schema.json";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Service catalogue change set",
    description = "Records created, changed or deleted since a published version of a service catalogue, format version 1."
)]
pub struct ChangeSet {
    #[serde(rename = "$schema", default = "default_schema_ref")]
    pub schema: String,
    pub format: FormatTag,
    /// Must be 1.
    #[schemars(range(min = 1, max = 1))]
    pub version: u32,
    /// The published catalogue the changes were made on.
    pub catalogue: BasedOn,
    /// Who made the changes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// What the changes are for, in the author's words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    /// In file order: by kind, then id.
    pub changes: Vec<Change>,
}

fn default_schema_ref() -> String {
    SCHEMA_REF.to_owned()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum FormatTag {
    #[serde(rename = "service-catalogue-changes")]
    ServiceCatalogueChanges,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasedOn {
    /// The catalogue's name (`catalogue.name` of the catalogue file).
    pub name: String,
    /// Its published revision (`catalogue.revision`).
    pub revision: u64,
}

/// One record created, changed or deleted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub kind: RecordKind,
    pub id: String,
    /// The revision of the published record the change was made on; left out for a
    /// record created by the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_revision: Option<u64>,
    /// The published record the change was made on (as in a catalogue file); left out
    /// for a record created by the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Value>,
    /// The record after the change (as in a catalogue file); left out when the change
    /// deletes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Value>,
}

impl Change {
    pub fn what(&self) -> &'static str {
        match (&self.base, &self.record) {
            (None, _) => "created",
            (_, None) => "deleted",
            _ => "changed",
        }
    }

    /// The fields changed (empty when the record is created or deleted).
    pub fn fields(&self) -> Vec<FieldChange> {
        match (&self.base, &self.record) {
            (Some(b), Some(r)) => field_changes(b, r),
            _ => Vec::new(),
        }
    }

    pub fn title(&self) -> &str {
        self.record
            .as_ref()
            .or(self.base.as_ref())
            .and_then(|v| v.get(self.kind.title_field()))
            .and_then(Value::as_str)
            .unwrap_or(&self.id)
    }
}

impl ChangeSet {
    /// The change set of the local edits of `ours` (the local data, based on the published
    /// catalogue `ours.catalogue` names): every record whose content differs from its base.
    pub fn from_local(ours: &Catalogue, edits: &[LocalEdit], author: &str, message: &str) -> ChangeSet {
        let mut changes: Vec<Change> = Vec::new();
        for edit in edits {
            if changes.iter().any(|c| c.kind == edit.kind && c.id == edit.id) {
                continue;
            }
            let record = ours.record_value(edit.kind, &edit.id);
            if same_content(edit.base.as_ref(), record.as_ref()) {
                continue;
            }
            let base = edit.base.as_ref().map(|b| canonical_value(edit.kind, b));
            changes.push(Change {
                kind: edit.kind,
                id: edit.id.clone(),
                base_revision: base.as_ref().and_then(|b| b.get("revision")).and_then(Value::as_u64),
                base,
                record: record.map(|r| canonical_value(edit.kind, &r)),
            });
        }
        changes.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
        ChangeSet {
            schema: default_schema_ref(),
            format: FormatTag::ServiceCatalogueChanges,
            version: VERSION,
            catalogue: BasedOn { name: ours.catalogue.name.clone(), revision: ours.catalogue.revision },
            author: author.trim().to_owned(),
            message: message.trim().to_owned(),
            changes,
        }
    }

    /// The file's text: canonical, so the same changes always give the same bytes
    /// (record keys in one order, changes by kind and id).
    pub fn to_canonical_json(&self) -> String {
        let mut out = crate::file::to_json(self);
        out.push('\n');
        out
    }

    /// Reads a change set file. Problems name the JSON path and, for JSON errors, the
    /// line and column.
    pub fn parse(text: &str) -> Result<ChangeSet, Problem> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value = serde_json::from_str(text)
            .map_err(|e| Problem::new("", format!("not valid JSON: {e}")).at(e.line().max(1), e.column().max(1)))?;
        if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(Problem::new("format", format!("not a change set: `format` must be \"{FORMAT}\"")));
        }
        if value.get("version").and_then(Value::as_u64) != Some(VERSION as u64) {
            return Err(Problem::new("version", format!("change set version {VERSION} is the only one this reads")));
        }
        serde_json::from_value(value).map_err(|e| Problem::new("", e.to_string()))
    }

    /// Applies the changes to `file` (the catalogue as it is now): per record, a three-way
    /// merge of the change's base, the change and the record in `file`. The metadata is
    /// `file`'s. Records or fields changed differently on both sides are conflicts.
    pub fn apply(&self, file: &Catalogue) -> Applied {
        let mut ours = file.clone();
        let mut edits = Vec::new();
        let mut problems = Vec::new();
        let mut already = 0;
        for (i, change) in self.changes.iter().enumerate() {
            let existing = file.record_value(change.kind, &change.id);
            if same_content(existing.as_ref(), change.record.as_ref()) {
                already += 1;
            }
            let put = match &change.record {
                Some(record) => {
                    ours.put_value(change.kind, existing.as_ref().map(|_| change.id.as_str()), record).map(drop)
                }
                None => {
                    ours.remove_record(change.kind, &change.id);
                    Ok(())
                }
            };
            if let Err(why) = put {
                problems.push(Problem::new(format!("changes[{i}].record"), why));
            }
            edits.push(LocalEdit { kind: change.kind, id: change.id.clone(), base: change.base.clone() });
        }
        let merge = merge_published(&ours, &edits, file);
        Applied { merge, already_applied: already == self.changes.len(), problems }
    }
}

/// What applying a change set gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub merge: CatalogueMerge,
    /// Every change is already in the file: applying it again changes nothing.
    pub already_applied: bool,
    /// Changes whose record is not a record of its kind.
    pub problems: Vec<Problem>,
}

/// The JSON Schema of the change set format, as published beside `catalogue.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(ChangeSet);
    let mut out = serde_json::to_string_pretty(&schema).expect("schema serializes");
    out.push('\n');
    out
}
