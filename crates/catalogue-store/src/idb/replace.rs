//! Replacing the whole stored catalogue in one transaction, in the set of record stores
//! holding it: a merge with a new published catalogue, the first start's published
//! catalogue, an import checked without the workers. (An import through the workers is
//! written beside the catalogue first: `staging.rs`.)

use catalogue_core::digest::{Digests, Encoded};
use catalogue_core::model::RecordKind;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use wasm_bindgen::{JsCast, JsValue};

use super::{
    commit_written, digests, failed, record_key, to_js, write_error, IdbStore, RecordSet, SchemaVersion, LOCAL_CHANGES,
    META, META_KEY, WHATS_NEW, WRITE_CHUNK,
};
use crate::{LocalChange, StoreError};

/// A catalogue to store in place of the stored one, as the JS objects to put.
pub struct Replacement {
    lists: Vec<(RecordKind, js_sys::Array)>,
    pub(super) meta: JsValue,
}

impl Replacement {
    /// From the catalogue encoded for the store: each list parsed in one call.
    pub fn encoded(encoded: &Encoded) -> Result<Replacement, StoreError> {
        let parse = |json: &str| js_sys::JSON::parse(json).map_err(|e| failed(format!("{e:?}")));
        let lists = encoded
            .lists
            .iter()
            .map(|(kind, json)| Ok((*kind, parse(json)?.unchecked_into())))
            .collect::<Result<_, StoreError>>()?;
        Ok(Replacement { lists, meta: parse(&encoded.meta)? })
    }

    /// From a catalogue file as `JSON.parse` gave it (the same file is checked, and its
    /// digests taken, by `catalogue_store::import`): its records are put as they are,
    /// without being read into Rust and written out again. They are records as the file
    /// writes them, which may leave out fields at their defaults; whatever reads a stored
    /// record reads it through its type (see `CatalogueStore::record`).
    pub fn parsed_file(file: &JsValue) -> Result<Replacement, StoreError> {
        let field = |name: &str| js_sys::Reflect::get(file, &name.into()).map_err(|e| failed(format!("{e:?}")));
        let lists = RecordKind::ALL
            .into_iter()
            .map(|kind| {
                let list = field(kind.collection())?;
                // A kind the file leaves out has no records.
                Ok((
                    kind,
                    if list.is_undefined() {
                        js_sys::Array::new()
                    } else {
                        list.dyn_into().map_err(|_| failed("a list of records is not an array"))?
                    },
                ))
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Replacement { lists, meta: field("catalogue")? })
    }

    fn len(&self) -> usize {
        self.lists.iter().map(|(_, list)| list.length() as usize).sum()
    }
}

impl IdbStore {
    /// Replaces everything stored with `new` (whose records have `digests`) and the local
    /// changes with `changes`, in one transaction, telling `written` how far it is (see
    /// [`IdbStore::put_records`]).
    pub async fn replace_reporting(
        &self,
        new: Replacement,
        digests: &Digests,
        changes: &[LocalChange],
        based_on: Option<u64>,
        mut written: impl FnMut(usize, usize),
    ) -> Result<(), StoreError> {
        let with_changes = self.version >= SchemaVersion::V2;
        let others: Vec<&str> = [META].into_iter().chain(with_changes.then_some(LOCAL_CHANGES)).collect();
        let (tx, generation, set) = self.catalogue_write(&self.kinds(), &others).await?;
        // Made from an older generation (see `CatalogueStore::replace_merged`): the
        // transaction is aborted, the generation it raised with it.
        if based_on.is_some_and(|g| self.version >= SchemaVersion::V4 && generation != g + 1) {
            tx.abort().await.map_err(write_error)?;
            return Err(StoreError::Stale);
        }
        if with_changes {
            let local = tx.object_store(LOCAL_CHANGES).map_err(failed)?;
            local.clear().map_err(failed)?;
            for change in changes {
                local
                    .put(to_js(&serde_json::json!({ "key": record_key(change.kind, &change.id), "change": change }))?)
                    .primitive()
                    .map_err(write_error)?;
            }
        }
        self.put_records(&tx, set, &new, &mut written).await?;
        if self.version >= SchemaVersion::V4 {
            digests::put(&tx, generation, digests)?;
        }
        put_meta(&tx, new.meta, based_on.is_none())?;
        commit_written(tx, META).await
    }

    /// Clears the stores of `set` in `tx` and adds `new`'s records, telling
    /// `written(done, total)` every [`WRITE_CHUNK`] records (the requests of a
    /// transaction complete in order, so waiting for one request says that everything
    /// before it is written), and `written(total, total)` once every record is queued and
    /// only the commit remains.
    pub(super) async fn put_records(
        &self,
        tx: &Transaction<'_>,
        set: RecordSet,
        new: &Replacement,
        written: &mut impl FnMut(usize, usize),
    ) -> Result<(), StoreError> {
        let kinds = self.kinds();
        let total = new.len();
        let mut done = 0;
        // The last request of the previous chunk: waited for only once the next chunk is
        // queued, so the database always has work while this thread queues more.
        let mut previous = None;
        for (kind, list) in &new.lists {
            if !kinds.contains(kind) {
                continue;
            }
            let store = tx.object_store(&set.store(*kind)).map_err(failed)?;
            store.clear().map_err(failed)?;
            // `add`, not `put`: two records with one id abort the whole transaction.
            for value in list.iter() {
                let request = store.add(value).primitive().map_err(write_error)?;
                done += 1;
                if done % WRITE_CHUNK == 0 {
                    if let Some((request, at)) = previous.replace((request, done)) {
                        request.await.map_err(write_error)?;
                        written(at, total);
                    }
                }
            }
        }
        written(total, total);
        Ok(())
    }
}

/// Puts the catalogue's metadata `meta` in `tx` (which covers `meta`); for another
/// catalogue altogether (`other`), what was new in the one it replaces is not.
pub(super) fn put_meta(tx: &Transaction<'_>, meta: JsValue, other: bool) -> Result<(), StoreError> {
    let meta_store = tx.object_store(META).map_err(failed)?;
    meta_store.put(meta).with_key(META_KEY).primitive().map_err(write_error)?;
    if other {
        meta_store.delete(WHATS_NEW).primitive().map_err(write_error)?;
    }
    Ok(())
}
