//! How the IndexedDB store keeps a day of operational records: postcard bytes, each
//! instant as its seconds and nanoseconds since the epoch. A report reads a period of
//! them at once, and reading JSON was about half its time: three timestamps to parse per
//! incident, and text three times the size to read from disk and to copy into wasm.
//!
//! The stored forms list the records' fields again because postcard writes every field
//! in order, so the domain's skipped defaults cannot be read back; each conversion builds
//! its record without `..`, so a field added to a record fails to compile here until it
//! is stored too.

use std::borrow::Cow;

use catalogue_core::model::{Priority, Timestamp};
use catalogue_core::operations::{ChangeOutcome, ChangeRecord, Incident};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A record of a day, with its stored form.
pub trait DayRecord: Sized + 'static {
    type Stored<'a>: Serialize + DeserializeOwned
    where
        Self: 'a;
    fn stored(&self) -> Self::Stored<'_>;
    fn from_stored(s: Self::Stored<'static>) -> Self;
}

/// An instant as seconds and nanoseconds, exactly.
type Instant = (i64, i32);

fn instant(t: Timestamp) -> Instant {
    (t.as_second(), t.subsec_nanosecond())
}

fn timestamp((s, n): Instant) -> Timestamp {
    // Only ever made from a timestamp by `instant`.
    Timestamp::new(s, n).unwrap_or(Timestamp::UNIX_EPOCH)
}

#[derive(Serialize, Deserialize)]
pub struct StoredIncident<'a> {
    id: Cow<'a, str>,
    service: Cow<'a, str>,
    priority: Option<Priority>,
    opened: Instant,
    acknowledged: Option<Instant>,
    resolved: Option<Instant>,
    reassignments: u32,
    resolved_by: Cow<'a, str>,
    caused_by: Option<Cow<'a, str>>,
}

impl DayRecord for Incident {
    type Stored<'a> = StoredIncident<'a>;

    fn stored(&self) -> StoredIncident<'_> {
        StoredIncident {
            id: Cow::Borrowed(&self.id),
            service: Cow::Borrowed(&self.service),
            priority: self.priority,
            opened: instant(self.opened),
            acknowledged: self.acknowledged.map(instant),
            resolved: self.resolved.map(instant),
            reassignments: self.reassignments,
            resolved_by: Cow::Borrowed(&self.resolved_by),
            caused_by: self.caused_by.as_deref().map(Cow::Borrowed),
        }
    }

    fn from_stored(s: StoredIncident<'static>) -> Incident {
        Incident {
            id: s.id.into_owned(),
            service: s.service.into_owned(),
            priority: s.priority,
            opened: timestamp(s.opened),
            acknowledged: s.acknowledged.map(timestamp),
            resolved: s.resolved.map(timestamp),
            reassignments: s.reassignments,
            resolved_by: s.resolved_by.into_owned(),
            caused_by: s.caused_by.map(Cow::into_owned),
        }
    }
}

#[derive(Serialize, Deserialize)]
pub struct StoredChange<'a> {
    id: Cow<'a, str>,
    service: Cow<'a, str>,
    start: Instant,
    end: Option<Instant>,
    outcome: ChangeOutcome,
}

impl DayRecord for ChangeRecord {
    type Stored<'a> = StoredChange<'a>;

    fn stored(&self) -> StoredChange<'_> {
        StoredChange {
            id: Cow::Borrowed(&self.id),
            service: Cow::Borrowed(&self.service),
            start: instant(self.start),
            end: self.end.map(instant),
            outcome: self.outcome,
        }
    }

    fn from_stored(s: StoredChange<'static>) -> ChangeRecord {
        ChangeRecord {
            id: s.id.into_owned(),
            service: s.service.into_owned(),
            start: timestamp(s.start),
            end: s.end.map(timestamp),
            outcome: s.outcome,
        }
    }
}

/// A day's records as stored.
pub fn encode<T: DayRecord>(records: &[&T]) -> Result<Vec<u8>, postcard::Error> {
    let stored: Vec<T::Stored<'_>> = records.iter().map(|r| r.stored()).collect();
    postcard::to_allocvec(&stored)
}

/// How many records a stored day holds, from its first bytes (the list's length comes
/// first; five bytes hold any): the period's vector is sized before a day is read.
pub fn count(first_bytes: &[u8]) -> usize {
    postcard::take_from_bytes::<usize>(first_bytes).map_or(0, |(n, _)| n)
}

/// Appends the records of a stored day that `keep` keeps to `out`.
pub fn decode_into<T: DayRecord>(
    bytes: &[u8],
    out: &mut Vec<T>,
    keep: impl Fn(&T) -> bool,
) -> Result<(), postcard::Error> {
    let stored: Vec<T::Stored<'static>> = postcard::from_bytes(bytes)?;
    out.extend(stored.into_iter().map(T::from_stored).filter(keep));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use catalogue_core::operations::Operations;

    /// Every field set and every field at its default, in both kinds of record.
    #[test]
    fn a_stored_day_reads_back_every_field_of_its_records() {
        let ops = Operations::parse(
            r#"{"format":"service-operations","version":1,
            "incidents":[
              {"id":"INC1","service":"mail","priority":"P2","opened":"2026-11-30T08:00:00.123456789Z","acknowledged":"2026-11-30T08:05:00Z","resolved":"2026-12-01T09:00:00Z","reassignments":2,"resolved_by":"Mail team","caused_by":"CHG1"},
              {"id":"INC2","service":"mail","opened":"2026-11-30T09:00:00Z"}],
            "changes":[
              {"id":"CHG1","service":"mail","start":"2026-11-29T22:00:00Z","end":"2026-11-29T23:00:00Z","outcome":"failed"},
              {"id":"CHG2","service":"mail","start":"2026-11-30T22:00:00Z"}]}"#,
        )
        .unwrap();
        let bytes = encode(&ops.incidents.iter().collect::<Vec<_>>()).unwrap();
        assert_eq!(count(&bytes[..5]), 2);
        let mut incidents = Vec::new();
        decode_into(&bytes, &mut incidents, |_: &Incident| true).unwrap();
        assert_eq!(incidents, ops.incidents);
        let bytes = encode(&ops.changes.iter().collect::<Vec<_>>()).unwrap();
        let mut changes = Vec::new();
        decode_into(&bytes, &mut changes, |c: &ChangeRecord| c.end.is_some()).unwrap();
        assert_eq!(changes, ops.changes[..1]);
    }
}
