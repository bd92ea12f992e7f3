//! Which column of another tool's export fills which field of an operational record: the
//! fields a column can fill, the presets for the exports teams have, and the mapping a
//! reader confirms before a file is read (`csv.rs`).

use serde::{Deserialize, Serialize};

/// What the rows of a file are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rows {
    Incidents,
    Changes,
}

impl Rows {
    pub const ALL: [Rows; 2] = [Rows::Incidents, Rows::Changes];

    pub fn label(self) -> &'static str {
        match self {
            Rows::Incidents => "Incidents",
            Rows::Changes => "Changes",
        }
    }

    /// The fields a column can fill, in the order a mapping shows them.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            Rows::Incidents => &[
                Id,
                Service,
                Priority,
                Opened,
                Acknowledged,
                SecondsToAcknowledge,
                Resolved,
                SecondsToResolve,
                Reassignments,
                ResolvedBy,
                CausedBy,
            ],
            Rows::Changes => &[Id, Service, Start, End, Outcome],
        }
    }
}

/// A field of an operational record a column can fill. Some tools give a time as seconds
/// after the incident was opened instead of as a time: those are fields of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Id,
    Service,
    Priority,
    Opened,
    Acknowledged,
    SecondsToAcknowledge,
    Resolved,
    SecondsToResolve,
    Reassignments,
    ResolvedBy,
    CausedBy,
    Start,
    End,
    Outcome,
}

impl Field {
    /// The name of the field in the `service-operations` format (and the header of a
    /// column of that name, which is mapped to it without a preset).
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Service => "service",
            Field::Priority => "priority",
            Field::Opened => "opened",
            Field::Acknowledged => "acknowledged",
            Field::SecondsToAcknowledge => "seconds_to_acknowledge",
            Field::Resolved => "resolved",
            Field::SecondsToResolve => "seconds_to_resolve",
            Field::Reassignments => "reassignments",
            Field::ResolvedBy => "resolved_by",
            Field::CausedBy => "caused_by",
            Field::Start => "start",
            Field::End => "end",
            Field::Outcome => "outcome",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::Id => "Id",
            Field::Service => "Service (id or name)",
            Field::Priority => "Priority",
            Field::Opened => "Opened",
            Field::Acknowledged => "Acknowledged",
            Field::SecondsToAcknowledge => "Seconds to acknowledge",
            Field::Resolved => "Resolved",
            Field::SecondsToResolve => "Seconds to resolve",
            Field::Reassignments => "Times passed on",
            Field::ResolvedBy => "Resolved by",
            Field::CausedBy => "Caused by change",
            Field::Start => "Start",
            Field::End => "End",
            Field::Outcome => "Outcome",
        }
    }

    /// Whether a row cannot become a record without it.
    pub fn required(self) -> bool {
        matches!(self, Field::Id | Field::Service | Field::Opened | Field::Start)
    }
}

/// The export of a tool: what its rows are and, per field, the headers that fill it, the
/// first one a file has wins. Without any, each field of the rows is filled by the
/// column of its own name ([`Field::name`]).
pub struct Preset {
    pub name: &'static str,
    pub rows: Rows,
    pub columns: &'static [(Field, &'static [&'static str])],
}

/// The exports a mapping is proposed from. ServiceNow's list exports to CSV head each
/// column with the field's name; PagerDuty's incident analytics (its CSV download and the
/// `analytics/raw/incidents` API) name theirs as below. ServiceNow has no field for when
/// an incident was acknowledged: `work_start` (Actual start) is the nearest, and the
/// reader confirms it.
pub const PRESETS: [Preset; 5] = [
    Preset {
        name: "ServiceNow incidents (incident list export)",
        rows: Rows::Incidents,
        columns: &[
            (Field::Id, &["number"]),
            (Field::Service, &["business_service", "cmdb_ci"]),
            (Field::Priority, &["priority"]),
            (Field::Opened, &["opened_at"]),
            (Field::Acknowledged, &["work_start"]),
            (Field::Resolved, &["resolved_at", "closed_at"]),
            (Field::Reassignments, &["reassignment_count"]),
            (Field::ResolvedBy, &["resolved_by", "assignment_group"]),
            (Field::CausedBy, &["caused_by", "rfc"]),
        ],
    },
    Preset {
        name: "ServiceNow changes (change_request list export)",
        rows: Rows::Changes,
        columns: &[
            (Field::Id, &["number"]),
            (Field::Service, &["business_service", "cmdb_ci"]),
            (Field::Start, &["start_date", "work_start"]),
            (Field::End, &["end_date", "work_end"]),
            (Field::Outcome, &["close_code"]),
        ],
    },
    Preset {
        name: "PagerDuty incidents (analytics CSV)",
        rows: Rows::Incidents,
        columns: &[
            (Field::Id, &["incident_number", "id"]),
            (Field::Service, &["service_name", "service_id"]),
            (Field::Priority, &["priority_name", "urgency"]),
            (Field::Opened, &["created_at", "created_on"]),
            (Field::SecondsToAcknowledge, &["seconds_to_first_ack"]),
            (Field::Resolved, &["resolved_at", "resolved_on"]),
            (Field::SecondsToResolve, &["seconds_to_resolve"]),
            (Field::Reassignments, &["escalation_count"]),
            (Field::ResolvedBy, &["team_name"]),
        ],
    },
    Preset { name: "Incidents in this catalogue's own columns", rows: Rows::Incidents, columns: &[] },
    Preset { name: "Changes in this catalogue's own columns", rows: Rows::Changes, columns: &[] },
];

/// Which header fills which field, and the time zone of times written without one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    pub rows: Rows,
    /// Per field, the header of the column that fills it.
    pub columns: Vec<(Field, String)>,
    /// IANA zone of times without an offset (ServiceNow writes them in the exporting
    /// user's zone).
    pub time_zone: String,
    /// How dates without an offset are written (ServiceNow writes the exporting user's
    /// date format).
    #[serde(default)]
    pub dates: DateOrder,
}

/// The order of a date's parts in times written without an offset. Times with one are
/// always read as RFC 3339.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `2026-11-27 17:55:00`
    #[default]
    YearFirst,
    /// `11/27/2026 17:55:00`
    MonthFirst,
    /// `27/11/2026 17:55:00`, `27.11.2026 17:55`
    DayFirst,
}

impl DateOrder {
    pub const ALL: [DateOrder; 3] = [DateOrder::YearFirst, DateOrder::MonthFirst, DateOrder::DayFirst];

    pub fn label(self) -> &'static str {
        match self {
            DateOrder::YearFirst => "2026-11-27 17:55",
            DateOrder::MonthFirst => "11/27/2026 17:55",
            DateOrder::DayFirst => "27/11/2026 17:55 or 27.11.2026 17:55",
        }
    }

    /// The formats (`strptime`) a date and time of this order is read with, besides year
    /// first (jiff's own ISO reader), which is always read.
    pub(super) fn formats(self) -> &'static [&'static str] {
        match self {
            DateOrder::YearFirst => &[],
            DateOrder::MonthFirst => &["%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M"],
            DateOrder::DayFirst => &["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M"],
        }
    }
}

impl Mapping {
    /// The mapping of `preset` for a file with `headers`: each field the first of its
    /// headers the file has.
    pub fn from_preset(preset: &Preset, headers: &[String], time_zone: &str) -> Mapping {
        let names = |field: Field| -> Vec<&str> {
            match preset.columns {
                [] => vec![field.name()],
                columns => columns.iter().filter(|(f, _)| *f == field).flat_map(|(_, n)| n.iter().copied()).collect(),
            }
        };
        let columns = preset
            .rows
            .fields()
            .iter()
            .filter_map(|&field| {
                let header =
                    names(field).into_iter().find_map(|n| headers.iter().find(|h| h.trim().eq_ignore_ascii_case(n)))?;
                Some((field, header.clone()))
            })
            .collect();
        Mapping { rows: preset.rows, columns, time_zone: time_zone.to_owned(), dates: DateOrder::default() }
    }

    /// The preset that fits `headers` best (most of its fields found) and its mapping.
    pub fn guess(headers: &[String], time_zone: &str) -> (&'static Preset, Mapping) {
        PRESETS
            .iter()
            .map(|p| (p, Mapping::from_preset(p, headers, time_zone)))
            .max_by_key(|(p, m)| (m.columns.len(), -(p.columns.len() as i64)))
            .expect("there are presets")
    }

    pub fn header(&self, field: Field) -> Option<&str> {
        self.columns.iter().find(|(f, _)| *f == field).map(|(_, h)| h.as_str())
    }

    /// Maps `field` to `header`, or to nothing.
    pub fn set(&mut self, field: Field, header: Option<String>) {
        self.columns.retain(|(f, _)| *f != field);
        if let Some(h) = header.filter(|h| !h.is_empty()) {
            self.columns.push((field, h));
        }
    }

    /// Required fields of its rows that no column fills.
    pub fn missing(&self) -> Vec<Field> {
        self.rows.fields().iter().copied().filter(|f| f.required() && self.header(*f).is_none()).collect()
    }
}
