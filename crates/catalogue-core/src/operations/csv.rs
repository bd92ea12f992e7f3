//! Reading another tool's CSV export of incidents or changes through a [`Mapping`]:
//! services matched by id or name, times read with or without an offset, all or nothing.
//! Rows naming a service the catalogue lacks are left out and reported by row, so the
//! reader sees them before anything is stored.

use std::collections::HashMap;

use jiff::civil::DateTime;
use jiff::{SignedDuration, Timestamp};

use super::columns::{DateOrder, Field, Mapping, Rows};
use super::{ChangeOutcome, ChangeRecord, Incident, Operations};
use crate::catalogue::Catalogue;
use crate::feasibility::ZoneRules;
use crate::model::Priority;
use crate::model::RecordKind;
use crate::problem::Problem;
use crate::spreadsheet::{at, read_rows, CsvFile, Names};

/// A file read through a mapping.
#[derive(Debug, PartialEq)]
pub struct CsvOperations {
    pub operations: Operations,
    /// Rows left out because the catalogue has no such service: (row, what the cell says).
    pub unmatched: Vec<(usize, String)>,
}

/// The headers of a file, to propose and confirm a mapping from.
pub fn headers(file: &CsvFile) -> Result<Vec<String>, Problem> {
    read_rows(file).map(|(headers, _)| headers)
}

/// Reads `file` through `mapping` into operational records of the catalogue's services.
/// Every problem names the file, row and column; with any problem nothing is given.
pub fn read(
    file: &CsvFile,
    mapping: &Mapping,
    cat: &Catalogue,
    zones: &dyn ZoneRules,
) -> Result<CsvOperations, Vec<Problem>> {
    let (headers, rows) = read_rows(file).map_err(|p| vec![p])?;
    let missing = mapping.missing();
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|f| f.label()).collect();
        return Err(vec![Problem::new(file.name, format!("no column is chosen for {}", names.join(", ")))]);
    }
    if zones.offset_seconds(&mapping.time_zone, Timestamp::UNIX_EPOCH).is_none() {
        return Err(vec![Problem::new(file.name, format!("“{}” is no time zone", mapping.time_zone))]);
    }
    let mut index = HashMap::new();
    for (field, header) in &mapping.columns {
        match headers.iter().position(|h| h.eq_ignore_ascii_case(header)) {
            Some(i) => _ = index.insert(*field, (i, header.as_str())),
            None => return Err(vec![Problem::new(file.name, format!("the file has no column “{header}”"))]),
        }
    }
    let mut services = Names::new();
    for s in &cat.services {
        services.add(RecordKind::Service, &s.id, &s.name);
    }
    let mut out = CsvOperations { operations: Operations::new(), unmatched: vec![] };
    let mut problems = Vec::new();
    let mut rows_of = HashMap::new();
    for (row, cells) in &rows {
        let mut cell = Cell { file: file.name, row: *row, cells, index: &index, problems: &mut problems };
        let service_text = cell.text(Field::Service);
        let service = match services.find(RecordKind::Service, &service_text) {
            Ok(Some(id)) => id,
            Ok(None) => {
                out.unmatched.push((*row, service_text));
                continue;
            }
            Err(why) => {
                cell.problem(Field::Service, why);
                continue;
            }
        };
        let id = cell.text(Field::Id);
        if id.is_empty() {
            cell.problem(Field::Id, "the id is empty".into());
        } else if let Some(first) = rows_of.insert(id.clone(), *row) {
            cell.problem(Field::Id, format!("“{id}” is also the id of row {first}"));
        }
        let time = |cell: &mut Cell, f| cell.parse(f, |t| instant(t, &mapping.time_zone, mapping.dates, zones));
        match mapping.rows {
            Rows::Incidents => {
                let opened = time(&mut cell, Field::Opened);
                let after = |cell: &mut Cell, f| {
                    let seconds = cell.parse(f, |t| t.parse::<f64>().map_err(|_| "is no number of seconds".into()))?;
                    opened?.checked_add(SignedDuration::from_secs_f64(seconds)).ok()
                };
                let acknowledged =
                    time(&mut cell, Field::Acknowledged).or_else(|| after(&mut cell, Field::SecondsToAcknowledge));
                let resolved = time(&mut cell, Field::Resolved).or_else(|| after(&mut cell, Field::SecondsToResolve));
                let incident = Incident {
                    priority: cell.parse(Field::Priority, priority),
                    reassignments: cell
                        .parse(Field::Reassignments, |t| {
                            t.parse::<f64>().map(|n| n.max(0.0) as u32).map_err(|_| "is no number".into())
                        })
                        .unwrap_or(0),
                    resolved_by: cell.text(Field::ResolvedBy),
                    caused_by: Some(cell.text(Field::CausedBy)).filter(|c| !c.is_empty()),
                    id,
                    service,
                    opened: opened.unwrap_or(Timestamp::UNIX_EPOCH),
                    acknowledged,
                    resolved,
                };
                for (field, t) in [(Field::Acknowledged, acknowledged), (Field::Resolved, resolved)] {
                    if opened.is_some_and(|o| t.is_some_and(|t| t < o)) {
                        cell.problem(field, "is before the incident was opened".into());
                    }
                }
                if opened.is_some() {
                    out.operations.incidents.push(incident);
                }
            }
            Rows::Changes => {
                let start = time(&mut cell, Field::Start);
                let change = ChangeRecord {
                    end: time(&mut cell, Field::End),
                    outcome: cell.parse(Field::Outcome, outcome).unwrap_or_default(),
                    id,
                    service,
                    start: start.unwrap_or(Timestamp::UNIX_EPOCH),
                };
                if change.end.is_some_and(|e| start.is_some_and(|s| e < s)) {
                    cell.problem(Field::End, "is before the change started".into());
                }
                if start.is_some() {
                    out.operations.changes.push(change);
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The cells of one row, read field by field; a cell that cannot be read adds a problem.
struct Cell<'a, 'p> {
    file: &'a str,
    row: usize,
    cells: &'a [String],
    index: &'a HashMap<Field, (usize, &'a str)>,
    problems: &'p mut Vec<Problem>,
}

impl Cell<'_, '_> {
    fn text(&self, field: Field) -> String {
        self.index.get(&field).and_then(|(i, _)| self.cells.get(*i)).map(|c| c.trim().to_owned()).unwrap_or_default()
    }

    fn problem(&mut self, field: Field, why: String) {
        let header = self.index.get(&field).map(|(_, h)| *h);
        self.problems.push(Problem::new(at(self.file, self.row, header), why));
    }

    /// The field's cell read by `read`; `None` when it is empty, unmapped or unreadable
    /// (a problem then, and for a required field also when empty).
    fn parse<T>(&mut self, field: Field, read: impl Fn(&str) -> Result<T, String>) -> Option<T> {
        let text = self.text(field);
        if text.is_empty() {
            if field.required() {
                self.problem(field, "is empty".into());
            }
            return None;
        }
        read(&text).map_err(|why| self.problem(field, format!("“{text}” {why}"))).ok()
    }
}

/// A time as exports write it: with an offset (`2026-11-27T17:55:00Z`,
/// `2026-11-27T17:55:00+01:00`), or without one, year first (`2026-11-27 17:55:00`) or in
/// the order `dates` says (`11/27/2026 17:55`…), on the wall clock of `zone`.
pub fn instant(text: &str, zone: &str, dates: DateOrder, zones: &dyn ZoneRules) -> Result<Timestamp, String> {
    if let Ok(t) = text.parse::<Timestamp>() {
        return Ok(t);
    }
    // Year first cannot be misread, so it is read whatever the order chosen.
    let read =
        text.parse::<DateTime>().ok().or_else(|| dates.formats().iter().find_map(|f| DateTime::strptime(f, text).ok()));
    let civil = read.ok_or_else(|| {
        format!("is no date and time written as {} (or with an offset, 2026-11-27T17:55:00Z)", dates.label())
    })?;
    let wall = civil.to_zoned(jiff::tz::TimeZone::UTC).map_err(|e| e.to_string())?.timestamp();
    // The offset at the wall-clock time read as UTC, then at the instant that gives: right
    // on both sides of a clock change but for the hour it skips or repeats.
    let offset = |t: Timestamp| zones.offset_seconds(zone, t).unwrap_or(0);
    let guess = wall - SignedDuration::from_secs(offset(wall).into());
    Ok(wall - SignedDuration::from_secs(offset(guess).into()))
}

/// `1 - Critical`, `P2`, `3`, `high`: the first digit 1 to 5 (5 is the lowest, P4), else
/// a word of ServiceNow's or PagerDuty's scales.
fn priority(text: &str) -> Result<Priority, String> {
    let digit = text.chars().find(|c| c.is_ascii_digit());
    let lower = text.to_lowercase();
    Ok(match (digit, lower.as_str()) {
        (Some('1'), _) => Priority::P1,
        (Some('2'), _) => Priority::P2,
        (Some('3'), _) => Priority::P3,
        (Some('4' | '5'), _) => Priority::P4,
        (None, "critical") => Priority::P1,
        (None, "high") => Priority::P2,
        (None, "moderate" | "medium") => Priority::P3,
        (None, "low" | "planning") => Priority::P4,
        _ => return Err("is no priority (P1 to P4, 1 to 5, or critical, high, moderate, low)".into()),
    })
}

/// ServiceNow's close codes (`Successful`, `Successful with issues`, `Unsuccessful`) and
/// the format's own values.
fn outcome(text: &str) -> Result<ChangeOutcome, String> {
    let words = text.to_lowercase().replace(['_', '-'], " ");
    Ok(match words.trim() {
        "successful" | "success" | "successful with issues" | "successful issues" => ChangeOutcome::Successful,
        "unsuccessful" | "failed" | "failure" => ChangeOutcome::Failed,
        "backed out" | "rolled back" => ChangeOutcome::BackedOut,
        "unknown" => ChangeOutcome::Unknown,
        _ => return Err("is no outcome (successful, unsuccessful, failed, backed out)".into()),
    })
}
