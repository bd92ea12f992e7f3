//! An import written before the reader confirms it. While the preview is on screen the
//! file's records are written into the set of record stores that does not hold the
//! catalogue ([`IdbStore::stage`]); confirming makes that set the catalogue's, with the
//! file's metadata and digests, in one small transaction ([`IdbStore::commit_staged`]).
//! So the reader waits for the check or the write, whichever is longer, rather than both;
//! and nothing of the catalogue changes until the confirmation commits.
//!
//! `staging` says what the other set holds: under [`STAGED`] the import written there
//! (`{token, set}`), and under [`LIVE`] a copy of which set holds the catalogue. A write
//! into a set covers `staging` and checks that copy, not `derived`'s, so that readers
//! (who cover `derived`) are not held up for the seconds it takes. The transaction that
//! switches sets writes both, and only an import's own token switches to its records: a
//! file staged over it by another tab, or records cleared under it, make the
//! confirmation fail rather than store something else.

use catalogue_core::digest::Digests;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use wasm_bindgen::JsValue;

use super::replace::put_meta;
use super::sets::RECORDS_IN;
use super::{
    commit_written, digests, failed, generation_in, read_error, write_error, IdbStore, RecordSet, Replacement,
    SchemaVersion, DERIVED, GENERATION, LOCAL_CHANGES, META,
};
use crate::StoreError;

/// The object store saying what the set not holding the catalogue holds (schema V7).
pub(super) const STAGING: &str = "staging";
/// Which set holds the catalogue, as `derived` says under `records_in`.
const LIVE: &str = "live";
/// The import written into the other set, if any.
const STAGED: &str = "staged";

/// An import's records, written beside the catalogue, waiting to become it.
pub struct Staged {
    token: String,
    set: RecordSet,
    meta: JsValue,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct StagedEntry {
    token: String,
    set: u8,
    /// When it was staged (ms since the epoch).
    #[serde(default)]
    at: f64,
}

impl IdbStore {
    /// A write transaction over the stores of the set not holding the catalogue and
    /// `staging`, with that set: started again when the catalogue moved meanwhile.
    async fn other_set_write(&self) -> Result<(Transaction<'_>, RecordSet), StoreError> {
        if self.version < SchemaVersion::V7 {
            return Err(failed("this database has no second set of record stores"));
        }
        loop {
            let set = self.live.get().other();
            let tx = self.write_tx(&self.beside(set).iter().map(String::as_str).collect::<Vec<_>>())?;
            let live = live_in(&tx).await.map_err(failed)?;
            self.live.set(live);
            if live != set {
                return Ok((tx, set));
            }
        }
    }

    /// The stores of `set` and `staging`: what a look at, or a write into, the set beside
    /// the catalogue covers.
    fn beside(&self, set: RecordSet) -> Vec<String> {
        let mut names: Vec<String> = self.kinds().into_iter().map(|k| set.store(k)).collect();
        names.push(STAGING.to_owned());
        names
    }

    /// Writes `new`'s records into the set of stores not holding the catalogue, in one
    /// transaction, telling `written` how far it is (see [`IdbStore::put_records`]).
    /// The catalogue does not change: see [`IdbStore::commit_staged`].
    /// Without room for two copies of the records it fails with
    /// [`StoreError::QuotaExceeded`], writing nothing: `new` can still replace the
    /// catalogue in place ([`IdbStore::replace_reporting`]).
    pub async fn stage(&self, new: &Replacement, mut written: impl FnMut(usize, usize)) -> Result<Staged, StoreError> {
        let (tx, set) = self.other_set_write().await?;
        self.put_records(&tx, set, new, &mut written).await?;
        let token = format!("{:x}-{:x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 2f64.powi(52)) as u64);
        let entry = super::to_js(&StagedEntry { token: token.clone(), set: set.number(), at: js_sys::Date::now() })?;
        tx.object_store(STAGING).map_err(failed)?.put(entry).with_key(STAGED).primitive().map_err(write_error)?;
        commit_written(tx, STAGING).await?;
        Ok(Staged { token, set, meta: new.meta.clone() })
    }

    /// Makes the records `staged` wrote the catalogue, with their metadata and
    /// `digests`, in one transaction that forgets the local changes; the records the
    /// catalogue had are left in the other set (see [`IdbStore::clear_unused`]). Fails,
    /// changing nothing, when another import was staged since or the staged records
    /// were cleared.
    pub async fn commit_staged(&self, staged: &Staged, digests: &Digests) -> Result<(), StoreError> {
        let tx = self.write_tx(&[DERIVED, META, LOCAL_CHANGES, STAGING])?;
        let staging = tx.object_store(STAGING).map_err(failed)?;
        if staged_in(&tx).await?.is_none_or(|e| e.token != staged.token) {
            return Err(failed(
                "the file's records, written while the preview was shown, were replaced by another import or \
                 cleared; choose the file again",
            ));
        }
        let derived = tx.object_store(DERIVED).map_err(failed)?;
        let generation = generation_in(&derived).await.map_err(failed)? + 1;
        derived.put(JsValue::from_f64(generation as f64)).with_key(GENERATION).primitive().map_err(write_error)?;
        derived.put(staged.set.to_js()).with_key(RECORDS_IN).primitive().map_err(write_error)?;
        staging.put(staged.set.to_js()).with_key(LIVE).primitive().map_err(write_error)?;
        staging.delete(STAGED).primitive().map_err(write_error)?;
        digests::put(&tx, generation, digests)?;
        put_meta(&tx, staged.meta.clone(), true)?;
        tx.object_store(LOCAL_CHANGES).map_err(failed)?.clear().map_err(failed)?;
        commit_written(tx, META).await?;
        self.live.set(staged.set);
        Ok(())
    }

    /// Empties the set of record stores not holding the catalogue: the catalogue an
    /// import replaced, or an import cancelled after its records were written (an
    /// import staged there by another tab is cleared with them, and fails when
    /// confirmed). Nothing to do below schema V7.
    pub async fn clear_unused(&self) -> Result<(), StoreError> {
        self.clear_other_set(None).await.map(drop)
    }

    /// [`IdbStore::clear_unused`], unless the other set holds an import staged less than
    /// `age_ms` ago (its preview may still be open in another tab): for the records of
    /// an import whose tab closed before it ended, or of a catalogue replaced just
    /// before its tab closed. Whether it cleared anything.
    pub async fn clear_abandoned(&self, age_ms: f64) -> Result<bool, StoreError> {
        self.clear_other_set(Some(age_ms)).await
    }

    async fn clear_other_set(&self, sparing_younger_than: Option<f64>) -> Result<bool, StoreError> {
        if self.version < SchemaVersion::V7 {
            return Ok(false);
        }
        if !self.other_set_to_clear(sparing_younger_than).await? {
            return Ok(false);
        }
        let (tx, set) = self.other_set_write().await?;
        if staged_in(&tx).await?.is_some_and(|entry| entry.spared(sparing_younger_than)) {
            // Dropped unfinished: nothing is cleared.
            return Ok(false);
        }
        for kind in self.kinds() {
            tx.object_store(&set.store(kind)).map_err(failed)?.clear().map_err(failed)?;
        }
        tx.object_store(STAGING).map_err(failed)?.delete(STAGED).primitive().map_err(write_error)?;
        commit_written(tx, STAGING).await?;
        Ok(true)
    }

    /// Whether the set not holding the catalogue holds something to clear, as a read
    /// looks: usually it is empty, and then nothing is written. (Every start clears it;
    /// a write still running as its page is left, which WebKit keeps in its back/forward
    /// cache, can hold up the next page's transactions.) When the catalogue moved
    /// meanwhile, the write that follows looks again.
    async fn other_set_to_clear(&self, sparing_younger_than: Option<f64>) -> Result<bool, StoreError> {
        let set = self.live.get().other();
        let names = self.beside(set);
        let tx = self.db.transaction(names.iter().map(String::as_str).collect::<Vec<_>>().as_slice()).build();
        let tx = tx.map_err(read_error)?;
        if live_in(&tx).await.map_err(read_error)? == set {
            return Ok(true);
        }
        if let Some(entry) = staged_in(&tx).await? {
            return Ok(!entry.spared(sparing_younger_than));
        }
        for kind in self.kinds() {
            let store = tx.object_store(&set.store(kind)).map_err(read_error)?;
            let first = store.get_all_keys::<JsValue>().with_limit(1).primitive().map_err(read_error)?.await;
            if first.map_err(read_error)?.next().is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl StagedEntry {
    /// Whether a clearing sparing imports staged less than `younger_than` ms ago (none:
    /// sparing nothing) spares this one.
    fn spared(&self, younger_than: Option<f64>) -> bool {
        younger_than.is_some_and(|age| js_sys::Date::now() - self.at < age)
    }
}

/// Which set holds the catalogue, as `staging`'s copy in `tx` (covering it) says.
async fn live_in(tx: &Transaction<'_>) -> Result<RecordSet, indexed_db_futures::error::Error> {
    let live: Option<JsValue> = tx.object_store(STAGING)?.get(LIVE).primitive()?.await?;
    Ok(RecordSet::from_js(live))
}

/// The import staged in the other set, as `tx` (covering `staging`) reads it.
async fn staged_in(tx: &Transaction<'_>) -> Result<Option<StagedEntry>, StoreError> {
    let entry: Option<JsValue> =
        tx.object_store(STAGING).map_err(failed)?.get(STAGED).primitive().map_err(failed)?.await.map_err(failed)?;
    entry.filter(|v| !v.is_undefined()).map(|v| super::from_js(&v)).transpose()
}
