//! Operational records in IndexedDB (schema V6): `incidents` and `changes`, one entry
//! per day (UTC, the day an incident was opened or a change started) keyed by the day
//! (`2026-11-30`), its records as bytes (see [`crate::day_records`]; a day written by an
//! earlier release is JSON text, and read as such). A report reads a period as a few
//! dozen values: one JS object per record made reading 90 days of 500,000 incidents take
//! about a second in `getAll` alone. How many there are and what they span is kept in
//! `meta`. Adding records reads every day back, since a record with a kept id replaces
//! it wherever it was: imports are rare, reports are not.

use std::collections::BTreeMap;

use catalogue_core::model::Timestamp;
use catalogue_core::operations::{ChangeRecord, Incident, Operations};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use indexed_db_futures::KeyRange;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::{commit_written, failed, from_js, read_error, to_js, write_error, IdbStore, SchemaVersion, META};
use crate::day_records::{self, DayRecord};
use crate::{OperationsSummary, StoreError};

pub(super) const STORES: [&str; 2] = [INCIDENTS, CHANGES];
const INCIDENTS: &str = "incidents";
const CHANGES: &str = "changes";
/// What is kept, in `meta`: counts and the first and last time the records tell of.
const SUMMARY: &str = "operations";

#[derive(Serialize, Deserialize)]
struct Summary {
    incidents: usize,
    changes: usize,
    first: Option<Timestamp>,
    last: Option<Timestamp>,
}

impl Summary {
    fn of(ops: &Operations) -> Summary {
        let times = ops.incidents.iter().map(|x| x.opened).chain(ops.changes.iter().map(|c| c.start));
        Summary {
            incidents: ops.incidents.len(),
            changes: ops.changes.len(),
            first: times.clone().min(),
            last: times.max(),
        }
    }
}

/// The key of the day `t` falls on (UTC).
fn day(t: Timestamp) -> String {
    t.to_zoned(jiff::tz::TimeZone::UTC).date().to_string()
}

/// Writes `records` as one entry per day.
fn put_days<T: DayRecord>(
    tx: &Transaction<'_>,
    store: &str,
    records: &[T],
    time: impl Fn(&T) -> Timestamp,
) -> Result<(), StoreError> {
    let mut days: BTreeMap<String, Vec<&T>> = BTreeMap::new();
    for r in records {
        days.entry(day(time(r))).or_default().push(r);
    }
    let store = tx.object_store(store).map_err(failed)?;
    for (key, list) in days {
        let bytes = day_records::encode(&list).map_err(failed)?;
        store
            .put(JsValue::from(js_sys::Uint8Array::from(&bytes[..])))
            .with_key(key)
            .primitive()
            .map_err(write_error)?;
    }
    Ok(())
}

/// The records of the days from `from`'s to `to`'s (all when unbounded) that `keep`
/// keeps. The period's records are most of what a report needs in memory, and memory
/// taken once is the page's for good: they go into one vector sized before the first is
/// read (see [`count`]), a day at a time, each day's records filtered at once, so no
/// vector is grown by doubling or held twice.
async fn read_days<T: DayRecord + DeserializeOwned>(
    tx: &Transaction<'_>,
    store: &str,
    from: Timestamp,
    to: Timestamp,
    keep: impl Fn(&T) -> bool,
) -> Result<Vec<T>, StoreError> {
    let range = KeyRange::Bound(JsValue::from_str(&day(from)), false, JsValue::from_str(&day(to)), false);
    let days: Vec<JsValue> = tx
        .object_store(store)
        .map_err(read_error)?
        .get_all::<JsValue>()
        .with_query::<JsValue, _>(range)
        .primitive()
        .map_err(read_error)?
        .await
        .map_err(read_error)?
        .collect::<Result<_, _>>()
        .map_err(read_error)?;
    let mut out = Vec::with_capacity(days.iter().map(count).sum());
    for day in &days {
        match day.dyn_ref::<js_sys::Uint8Array>() {
            Some(bytes) => day_records::decode_into(&bytes.to_vec(), &mut out, &keep).map_err(read_error)?,
            None => {
                let text = day.as_string().ok_or_else(|| read_error("a day of records is neither bytes nor text"))?;
                let mut records = serde_json::from_str::<Vec<T>>(&text).map_err(read_error)?;
                records.retain(&keep);
                out.extend(records);
            }
        }
    }
    Ok(out)
}

/// How many records a day holds, read in JS, so that each day crosses into wasm memory
/// once. Bytes say it first; in text (as [`put_days`] wrote it before) each record is an
/// object whose first field is its `id`, and no record holds another object, so each
/// `{"id":` outside a string starts one (inside a string its quotes are escaped). A
/// miscount would cost memory only, never a record.
fn count(day: &JsValue) -> usize {
    if let Some(bytes) = day.dyn_ref::<js_sys::Uint8Array>() {
        return day_records::count(&bytes.subarray(0, bytes.length().min(5)).to_vec());
    }
    day.dyn_ref::<js_sys::JsString>().map_or(0, |text| (text.split(r#"{"id":"#).length() as usize).saturating_sub(1))
}

async fn read_all(tx: &Transaction<'_>) -> Result<Operations, StoreError> {
    let mut ops = Operations::new();
    ops.incidents = read_days(tx, INCIDENTS, Timestamp::MIN, Timestamp::MAX, |_| true).await?;
    ops.changes = read_days(tx, CHANGES, Timestamp::MIN, Timestamp::MAX, |_| true).await?;
    Ok(ops)
}

impl IdbStore {
    fn has_operations(&self) -> bool {
        self.version >= SchemaVersion::V6
    }

    pub(super) async fn operations_between(&self, from: Timestamp, to: Timestamp) -> Result<Operations, StoreError> {
        let mut ops = Operations::new();
        if !self.has_operations() {
            return Ok(ops);
        }
        let tx = self.db.transaction(STORES).build().map_err(read_error)?;
        ops.incidents = read_days(&tx, INCIDENTS, from, to, |x: &Incident| x.opened >= from && x.opened < to).await?;
        ops.changes = read_days(&tx, CHANGES, from, to, |c: &ChangeRecord| c.start >= from && c.start < to).await?;
        crate::keep_between(&mut ops, from, to);
        Ok(ops)
    }

    pub(super) async fn operations_summary_read(&self) -> Result<OperationsSummary, StoreError> {
        if !self.has_operations() {
            return Ok(OperationsSummary::default());
        }
        let tx = self.db.transaction(META).build().map_err(read_error)?;
        let value: Option<JsValue> = tx
            .object_store(META)
            .map_err(read_error)?
            .get(SUMMARY)
            .primitive()
            .map_err(read_error)?
            .await
            .map_err(read_error)?;
        let kept: Option<Summary> = value.filter(|v| !v.is_undefined()).map(|v| from_js(&v)).transpose()?;
        Ok(kept.map_or_else(OperationsSummary::default, |s| OperationsSummary {
            incidents: s.incidents,
            changes: s.changes,
            first: s.first,
            last: s.last,
        }))
    }

    pub(super) async fn operations_put(&self, ops: &Operations, replace: bool) -> Result<(), StoreError> {
        if !self.has_operations() {
            return Err(failed("this database keeps no operational records"));
        }
        let tx = self.write_tx(&[INCIDENTS, CHANGES, META])?;
        let merged;
        let ops = if replace {
            ops
        } else {
            let mut all = read_all(&tx).await?;
            all.append(ops.clone());
            merged = all;
            &merged
        };
        for store in STORES {
            tx.object_store(store).map_err(failed)?.clear().map_err(failed)?;
        }
        put_days(&tx, INCIDENTS, &ops.incidents, |x| x.opened)?;
        put_days(&tx, CHANGES, &ops.changes, |c| c.start)?;
        let meta = tx.object_store(META).map_err(failed)?;
        meta.put(to_js(&Summary::of(ops))?).with_key(SUMMARY).primitive().map_err(write_error)?;
        commit_written(tx, META).await
    }

    pub(super) async fn operations_clear(&self) -> Result<(), StoreError> {
        if !self.has_operations() {
            return Ok(());
        }
        let tx = self.write_tx(&[INCIDENTS, CHANGES, META])?;
        for store in STORES {
            tx.object_store(store).map_err(failed)?.clear().map_err(failed)?;
        }
        tx.object_store(META).map_err(failed)?.delete(SUMMARY).primitive().map_err(write_error)?;
        commit_written(tx, META).await
    }
}
