//! Operational records: incidents and changes as teams export them from their ITSM and
//! on-call tools, kept apart from the catalogue and never published with it (format
//! `service-operations`, version 1). [`measures`] answers the service-operation
//! questions from them: first-time fix, time to acknowledge and resolve (on the wall
//! clock and in service hours), SLA attainment, changes followed by incidents, incidents
//! inside and outside support hours and on partners' services.

pub mod columns;
pub mod csv;
pub mod followers;
pub mod measures;
pub mod report;
mod service_hours;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalogue::Catalogue;
use crate::model::{Priority, Timestamp};
use crate::problem::Problem;

pub const FORMAT: &str = "service-operations";
pub const VERSION: u32 = 1;
pub const SCHEMA_REF: &str = "operations.schema.json";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Service operations",
    description = "Incidents and changes of a catalogue's services, format version 1."
)]
pub struct Operations {
    #[serde(rename = "$schema", default = "schema_ref")]
    pub schema: String,
    pub format: FormatTag,
    /// Must be 1.
    #[schemars(range(min = 1, max = 1))]
    pub version: u32,
    #[serde(default)]
    pub incidents: Vec<Incident>,
    #[serde(default)]
    pub changes: Vec<ChangeRecord>,
}

fn schema_ref() -> String {
    SCHEMA_REF.to_owned()
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum FormatTag {
    #[default]
    #[serde(rename = "service-operations")]
    ServiceOperations,
}

/// An incident on a service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    pub id: String,
    /// The service's id in the catalogue.
    pub service: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    pub opened: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Timestamp>,
    /// How many times it was passed on to another group: 0 is fixed by the first line.
    #[serde(default)]
    pub reassignments: u32,
    /// The group or person that resolved it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resolved_by: String,
    /// The change that caused it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caused_by: Option<String>,
}

/// A change to a service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeRecord {
    pub id: String,
    pub service: String,
    pub start: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Timestamp>,
    #[serde(default)]
    pub outcome: ChangeOutcome,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeOutcome {
    Successful,
    Failed,
    BackedOut,
    #[default]
    Unknown,
}

impl ChangeOutcome {
    pub fn label(self) -> &'static str {
        match self {
            ChangeOutcome::Successful => "successful",
            ChangeOutcome::Failed => "failed",
            ChangeOutcome::BackedOut => "backed out",
            ChangeOutcome::Unknown => "outcome unknown",
        }
    }
}

impl Operations {
    /// Reads a file of operational records; problems name the JSON path (and line).
    pub fn parse(text: &str) -> Result<Operations, Problem> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        serde_json::from_str(text).map_err(|e| Problem::new("", e.to_string()).at(e.line().max(1), e.column().max(1)))
    }

    /// What is wrong with the records given the catalogue: services it does not have,
    /// times out of order, duplicate ids, causes that are no change.
    pub fn check(&self, cat: &Catalogue) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let change_ids: std::collections::HashSet<&str> = self.changes.iter().map(|c| c.id.as_str()).collect();
        let services: std::collections::HashSet<&str> = cat.services.iter().map(|s| s.id.as_str()).collect();
        for (i, x) in self.incidents.iter().enumerate() {
            let at = |f: &str| format!("incidents[{i}].{f}");
            if !seen.insert(("incident", x.id.as_str())) {
                problems.push(Problem::new(at("id"), format!("“{}” is the id of another incident", x.id)));
            }
            if !services.contains(x.service.as_str()) {
                problems.push(Problem::new(at("service"), format!("the catalogue has no service “{}”", x.service)));
            }
            for (field, t) in [("acknowledged", x.acknowledged), ("resolved", x.resolved)] {
                if t.is_some_and(|t| t < x.opened) {
                    problems.push(Problem::new(at(field), "is before the incident was opened"));
                }
            }
            if let Some(c) = x.caused_by.as_deref().filter(|c| !change_ids.contains(c)) {
                problems.push(Problem::new(at("caused_by"), format!("there is no change “{c}”")));
            }
        }
        for (i, c) in self.changes.iter().enumerate() {
            let at = |f: &str| format!("changes[{i}].{f}");
            if !seen.insert(("change", c.id.as_str())) {
                problems.push(Problem::new(at("id"), format!("“{}” is the id of another change", c.id)));
            }
            if !services.contains(c.service.as_str()) {
                problems.push(Problem::new(at("service"), format!("the catalogue has no service “{}”", c.service)));
            }
            if c.end.is_some_and(|e| e < c.start) {
                problems.push(Problem::new(at("end"), "is before the change started"));
            }
        }
        problems
    }
}

impl Operations {
    /// An empty file of records.
    pub fn new() -> Operations {
        Operations { schema: schema_ref(), version: VERSION, ..Operations::default() }
    }

    /// Adds `more`: a record with the id of one held replaces it.
    pub fn append(&mut self, more: Operations) {
        fn add<T>(held: &mut Vec<T>, more: Vec<T>, id: impl Fn(&T) -> &str) {
            let at: std::collections::HashMap<String, usize> =
                held.iter().enumerate().map(|(i, x)| (id(x).to_owned(), i)).collect();
            for x in more {
                match at.get(id(&x)) {
                    Some(&i) => held[i] = x,
                    None => held.push(x),
                }
            }
        }
        add(&mut self.incidents, more.incidents, |x| &x.id);
        add(&mut self.changes, more.changes, |c| &c.id);
    }
}

/// The JSON Schema of the operational records format.
pub fn json_schema() -> String {
    let mut out = serde_json::to_string_pretty(&schemars::schema_for!(Operations)).expect("schema serializes");
    out.push('\n');
    out
}
