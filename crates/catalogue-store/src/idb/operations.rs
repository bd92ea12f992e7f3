//! Operational records in IndexedDB (schema V6): `incidents` and `changes`, one object
//! per record keyed by `id`, indexed by the time each tells of, so that a period is read
//! without the rest. What they span is kept in `meta`, widened by every write.

use catalogue_core::model::Timestamp;
use catalogue_core::operations::Operations;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyRange;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::{commit_written, failed, from_js, read_error, to_js, write_error, IdbStore, SchemaVersion, META};
use crate::{OperationsSummary, StoreError, WRITE_CHUNK};

/// The stores with the field their `by_time` index is on.
pub(super) const STORES: [(&str, &str); 2] = [(INCIDENTS, "opened"), (CHANGES, "start")];
const INCIDENTS: &str = "incidents";
const CHANGES: &str = "changes";
pub(super) const BY_TIME: &str = "by_time";
/// The first and last time the stored records tell of, in `meta`.
const SPAN: &str = "operations_span";

#[derive(Clone, Copy, Serialize, Deserialize)]
struct Span {
    first: Timestamp,
    last: Timestamp,
}

impl Span {
    fn of(ops: &Operations) -> Option<Span> {
        let times = ops.incidents.iter().map(|x| x.opened).chain(ops.changes.iter().map(|c| c.start));
        Some(Span { first: times.clone().min()?, last: times.max()? })
    }

    fn and(self, other: Option<Span>) -> Span {
        match other {
            Some(o) => Span { first: self.first.min(o.first), last: self.last.max(o.last) },
            None => self,
        }
    }
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
        // Times are kept as RFC 3339 text in UTC, whose order is the time order but for
        // fractions of a second ("…:00.5Z" sorts before "…:00Z"): the range is a second
        // wider on each side, and the exact period is cut from what it gives.
        let bound = |t: Timestamp| JsValue::from_str(&t.to_string());
        let second = std::time::Duration::from_secs(1);
        let range = || {
            KeyRange::Bound(
                bound(from.checked_sub(second).unwrap_or(from)),
                false,
                bound(to.checked_add(second).unwrap_or(to)),
                false,
            )
        };
        let tx = self.db.transaction([INCIDENTS, CHANGES]).build().map_err(read_error)?;
        for (store, _) in STORES {
            let values: Vec<JsValue> = tx
                .object_store(store)
                .map_err(read_error)?
                .index(BY_TIME)
                .map_err(read_error)?
                .get_all::<JsValue>()
                .with_query::<JsValue, _>(range())
                .primitive()
                .map_err(read_error)?
                .await
                .map_err(read_error)?
                .collect::<Result<_, _>>()
                .map_err(read_error)?;
            let array: js_sys::Array = values.into_iter().collect();
            if store == INCIDENTS {
                ops.incidents = from_js(&array)?;
            } else {
                ops.changes = from_js(&array)?;
            }
        }
        Ok(crate::operations_between(&ops, from, to))
    }

    pub(super) async fn operations_summary_read(&self) -> Result<OperationsSummary, StoreError> {
        if !self.has_operations() {
            return Ok(OperationsSummary::default());
        }
        let tx = self.db.transaction([INCIDENTS, CHANGES, META]).build().map_err(read_error)?;
        let count = |store: &'static str| {
            let tx = &tx;
            async move {
                let n = tx.object_store(store).map_err(read_error)?.count().primitive().map_err(read_error)?;
                n.await.map_err(read_error)
            }
        };
        let (incidents, changes) = (count(INCIDENTS).await? as usize, count(CHANGES).await? as usize);
        let span = read_span(&tx).await?;
        Ok(OperationsSummary { incidents, changes, first: span.map(|s| s.first), last: span.map(|s| s.last) })
    }

    pub(super) async fn operations_put(&self, ops: &Operations, replace: bool) -> Result<(), StoreError> {
        if !self.has_operations() {
            return Err(failed("this database keeps no operational records"));
        }
        let tx = self.write_tx(&[INCIDENTS, CHANGES, META])?;
        let before = if replace { None } else { read_span(&tx).await? };
        if replace {
            for (store, _) in STORES {
                tx.object_store(store).map_err(failed)?.clear().map_err(failed)?;
            }
        }
        // A chunk at a time through JSON: one `JSON.parse` per chunk, and no copy of the
        // whole file in JS at once. The last request of the chunk before is waited for
        // once the next is queued, so the database always has work.
        let mut previous = None;
        for (store, _) in STORES {
            let object_store = tx.object_store(store).map_err(failed)?;
            let chunks: Vec<JsValue> = if store == INCIDENTS {
                ops.incidents.chunks(WRITE_CHUNK).map(to_js).collect::<Result<_, _>>()?
            } else {
                ops.changes.chunks(WRITE_CHUNK).map(to_js).collect::<Result<_, _>>()?
            };
            for chunk in chunks {
                let mut last = None;
                for value in chunk.unchecked_into::<js_sys::Array>().iter() {
                    last = Some(object_store.put(value).primitive().map_err(write_error)?);
                }
                if let Some(request) = std::mem::replace(&mut previous, last) {
                    request.await.map_err(write_error)?;
                }
            }
        }
        let meta = tx.object_store(META).map_err(failed)?;
        match Span::of(ops).map(|s| s.and(before)).or(before) {
            Some(span) => drop(meta.put(to_js(&span)?).with_key(SPAN).primitive().map_err(write_error)?),
            None => drop(meta.delete(SPAN).primitive().map_err(write_error)?),
        }
        commit_written(tx, META).await
    }

    pub(super) async fn operations_clear(&self) -> Result<(), StoreError> {
        if !self.has_operations() {
            return Ok(());
        }
        let tx = self.write_tx(&[INCIDENTS, CHANGES, META])?;
        for (store, _) in STORES {
            tx.object_store(store).map_err(failed)?.clear().map_err(failed)?;
        }
        tx.object_store(META).map_err(failed)?.delete(SPAN).primitive().map_err(write_error)?;
        commit_written(tx, META).await
    }
}

async fn read_span(tx: &indexed_db_futures::transaction::Transaction<'_>) -> Result<Option<Span>, StoreError> {
    let value: Option<JsValue> = tx
        .object_store(META)
        .map_err(read_error)?
        .get(SPAN)
        .primitive()
        .map_err(read_error)?
        .await
        .map_err(read_error)?;
    value.filter(|v| !v.is_undefined()).map(|v| from_js(&v)).transpose()
}
