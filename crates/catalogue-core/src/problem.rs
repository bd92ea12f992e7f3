//! Located problems: what is wrong, in which record, at which JSON path, and (for a
//! file) at which line and column.

use serde::{Deserialize, Serialize};

use crate::model::RecordKind;
use crate::path::FieldPath;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// JSON path into the catalogue document, e.g. `services[3].owner`; empty for the
    /// document as a whole.
    pub path: String,
    /// The record the problem is in, when it is in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordRef>,
    pub message: String,
    /// 1-based line and column in the file, when the problem comes from a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRef {
    pub kind: RecordKind,
    pub id: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { path: path.into(), record: None, message: message.into(), line: None, column: None }
    }

    pub fn in_record(mut self, kind: RecordKind, id: &str) -> Problem {
        self.record = Some(RecordRef { kind, id: id.to_owned() });
        self
    }

    /// The parsed [`Problem::path`]; `None` for a path that is not one (validation
    /// writes none such).
    pub fn field_path(&self) -> Option<FieldPath> {
        self.path.parse().ok()
    }

    pub fn at(mut self, line: usize, column: usize) -> Problem {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

impl std::fmt::Display for Problem {
    /// `line 12, column 18: services[3].owner (service "mail"): unknown party "nobody"`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "line {l}, column {c}: ")?;
        }
        if !self.path.is_empty() {
            write!(f, "{}", self.path)?;
            if let Some(r) = &self.record {
                write!(f, " ({} \"{}\")", r.kind.label(), r.id)?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}
