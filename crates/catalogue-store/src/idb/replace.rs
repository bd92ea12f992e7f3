//! Replacing the whole stored catalogue in one transaction, in the set of record stores
//! holding it: a merge with a new published catalogue, the first start's published
//! catalogue, an import checked without the workers. (An import through the workers is
//! written beside the catalogue first: `staging.rs`.)

use catalogue_core::digest::{Digests, Encoded};
use catalogue_core::file::{record_spans, RecordSpans};
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
    records: Records,
    pub(super) meta: JsValue,
}

enum Records {
    /// Each kind's records, parsed.
    Parsed(Vec<(RecordKind, js_sys::Array)>),
    /// A catalogue file's text with where its records are: parsed a batch at a time as
    /// they are put, so the database writes while the next batch is parsed, and the JS
    /// objects of only one batch are alive at a time.
    File { text: String, spans: RecordSpans },
}

/// Records of a file parsed in one `JSON.parse`: a larger batch holds more objects at
/// once, a smaller one calls across more often.
const PARSE_BATCH: usize = 500;

fn parse(json: &str) -> Result<JsValue, StoreError> {
    js_sys::JSON::parse(json).map_err(|e| failed(format!("{e:?}")))
}

impl Replacement {
    /// From the catalogue encoded for the store: each list parsed in one call.
    pub fn encoded(encoded: &Encoded) -> Result<Replacement, StoreError> {
        let lists = encoded
            .lists
            .iter()
            .map(|(kind, json)| Ok((*kind, parse(json)?.unchecked_into())))
            .collect::<Result<_, StoreError>>()?;
        Ok(Replacement { records: Records::Parsed(lists), meta: parse(&encoded.meta)? })
    }

    /// From the text of a catalogue file (the same file is checked, and its digests
    /// taken, by `catalogue_store::import`): its records are put as the file writes
    /// them, through `JSON.parse`, without being read into Rust and written out again.
    /// They may leave out fields at their defaults; whatever reads a stored record reads
    /// it through its type (see `CatalogueStore::record`).
    pub fn file(text: String) -> Result<Replacement, StoreError> {
        let spans = record_spans(&text).map_err(failed)?;
        let meta = match &spans.meta {
            Some(span) => parse(&text[span.clone()])?,
            None => return Err(failed("the file has no catalogue metadata")),
        };
        Ok(Replacement { records: Records::File { text, spans }, meta })
    }

    fn len(&self) -> usize {
        match &self.records {
            Records::Parsed(lists) => lists.iter().map(|(_, list)| list.length() as usize).sum(),
            Records::File { spans, .. } => spans.len(),
        }
    }

    /// The records a batch at a time, each batch of one kind, parsed when it is asked for.
    fn batches(&self) -> Box<dyn Iterator<Item = Result<(RecordKind, js_sys::Array), StoreError>> + '_> {
        match &self.records {
            Records::Parsed(lists) => Box::new(lists.iter().map(|(kind, list)| Ok((*kind, list.clone())))),
            Records::File { text, spans } => Box::new(spans.lists.iter().flat_map(move |(kind, records)| {
                records.chunks(PARSE_BATCH).map(move |batch| {
                    // Records next to each other in one list: between them only commas
                    // and white space, so the batch is one stretch of the file's text.
                    let (first, last) = (batch[0].start, batch[batch.len() - 1].end);
                    Ok((*kind, parse(&format!("[{}]", &text[first..last]))?.unchecked_into()))
                })
            })),
        }
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
        // Every kind's store, also of a kind the new catalogue has none of.
        for kind in &kinds {
            tx.object_store(&set.store(*kind)).map_err(failed)?.clear().map_err(failed)?;
        }
        let mut done = 0;
        // The last request of the previous chunk: waited for only once the next chunk is
        // queued, so the database always has work while this thread queues more.
        let mut previous = None;
        for batch in new.batches() {
            let (kind, list) = batch?;
            if !kinds.contains(&kind) {
                continue;
            }
            let store = tx.object_store(&set.store(kind)).map_err(failed)?;
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
