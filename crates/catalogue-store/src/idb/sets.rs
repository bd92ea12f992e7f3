//! The two sets of record stores (schema V7). The catalogue's records live in one set;
//! an import writes the file's records into the other while its preview is on screen
//! (`staging.rs`), and the reader's confirmation makes that set the catalogue's in one
//! small transaction. Which set holds the catalogue is kept in `derived` under
//! [`RECORDS_IN`] (none kept: the first), written only by that transaction. Every
//! transaction over records covers `derived` and checks it there: if the catalogue moved
//! to the other set since this connection last looked, it starts again over that one.

use catalogue_core::model::RecordKind;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use wasm_bindgen::JsValue;

use super::{failed, generation_in, read_error, write_error, IdbStore, SchemaVersion, DERIVED};
use crate::StoreError;

/// The key in `derived` of the set holding the catalogue (0 or 1).
pub(super) const RECORDS_IN: &str = "records_in";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RecordSet {
    /// The stores of schema V1 (and V3's scorecards), named after their kind.
    First,
    /// The same stores, their names ending in `_b`.
    Second,
}

impl RecordSet {
    pub(super) fn other(self) -> RecordSet {
        match self {
            RecordSet::First => RecordSet::Second,
            RecordSet::Second => RecordSet::First,
        }
    }

    /// The number that names it where it is stored.
    pub(super) fn number(self) -> u8 {
        match self {
            RecordSet::First => 0,
            RecordSet::Second => 1,
        }
    }

    pub(super) fn to_js(self) -> JsValue {
        JsValue::from(self.number())
    }

    /// The set a stored number names; nothing stored is the first.
    pub(super) fn from_js(value: Option<JsValue>) -> RecordSet {
        match value.and_then(|v| v.as_f64()) {
            Some(1.0) => RecordSet::Second,
            _ => RecordSet::First,
        }
    }

    /// The object store of `kind`'s records in this set.
    pub(super) fn store(self, kind: RecordKind) -> String {
        match self {
            RecordSet::First => kind.collection().to_owned(),
            RecordSet::Second => format!("{}_b", kind.collection()),
        }
    }
}

/// The set that `store` (of a transaction covering `derived`) says holds the catalogue.
pub(super) async fn records_in(derived: &ObjectStore<'_>) -> Result<RecordSet, indexed_db_futures::error::Error> {
    let value: Option<JsValue> = derived.get(RECORDS_IN).primitive()?.await?;
    Ok(RecordSet::from_js(value))
}

impl IdbStore {
    /// The kinds of record with a store at this connection's schema version.
    pub(super) fn kinds(&self) -> Vec<RecordKind> {
        let with_scorecards = self.version >= SchemaVersion::V3;
        RecordKind::ALL.into_iter().filter(|k| *k != RecordKind::Scorecard || with_scorecards).collect()
    }

    /// The names of the stores of `kinds` in `set`, with `others` and, from schema V4 on,
    /// `derived`.
    fn scope(&self, set: RecordSet, kinds: &[RecordKind], others: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = kinds.iter().map(|k| set.store(*k)).collect();
        names.extend(others.iter().map(|s| s.to_string()));
        if self.version >= SchemaVersion::V4 {
            names.push(DERIVED.to_owned());
        }
        names.sort_unstable();
        names.dedup();
        names
    }

    /// Looks at which set holds the catalogue in `tx`: whether it is still `set`.
    async fn still_in(&self, tx: &Transaction<'_>, set: RecordSet) -> Result<bool, indexed_db_futures::error::Error> {
        if self.version < SchemaVersion::V7 {
            return Ok(true);
        }
        let now = records_in(&tx.object_store(DERIVED)?).await?;
        self.live.set(now);
        Ok(now == set)
    }

    /// A read transaction over the stores of `kinds` in the set holding the catalogue
    /// and over `others` (and `derived`), with that set.
    pub(super) async fn read_records(
        &self,
        kinds: &[RecordKind],
        others: &[&str],
    ) -> Result<(Transaction<'_>, RecordSet), StoreError> {
        loop {
            let set = self.live.get();
            let names = self.scope(set, kinds, others);
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let tx = self.db.transaction(names.as_slice()).build().map_err(read_error)?;
            if self.still_in(&tx, set).await.map_err(read_error)? {
                return Ok((tx, set));
            }
        }
    }

    /// A write transaction of the catalogue over the stores of `kinds` in the set holding
    /// it and over `others`, which raises the generation (from schema V4 on): data derived
    /// from the catalogue and stamped with an older one is stale from the moment this
    /// transaction commits, and stays current if it aborts. Gives the new generation and
    /// the set. Every write of the catalogue's records goes through here.
    pub(super) async fn catalogue_write(
        &self,
        kinds: &[RecordKind],
        others: &[&str],
    ) -> Result<(Transaction<'_>, u64, RecordSet), StoreError> {
        loop {
            let set = self.live.get();
            let names = self.scope(set, kinds, others);
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let tx = self.write_tx(&names)?;
            if self.version < SchemaVersion::V4 {
                return Ok((tx, 0, set));
            }
            // Dropped unfinished when the catalogue moved: nothing is written.
            if !self.still_in(&tx, set).await.map_err(failed)? {
                continue;
            }
            let derived = tx.object_store(DERIVED).map_err(failed)?;
            let next = generation_in(&derived).await.map_err(failed)? + 1;
            derived.put(JsValue::from_f64(next as f64)).with_key(super::GENERATION).primitive().map_err(write_error)?;
            return Ok((tx, next, set));
        }
    }
}
